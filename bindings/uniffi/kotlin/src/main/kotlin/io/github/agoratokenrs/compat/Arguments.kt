package io.github.agoratokenrs.compat

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.Credentials
import io.github.agoratokenrs.PrivilegeEntry
import io.github.agoratokenrs.Role006
import io.github.agoratokenrs.RtcRole
import io.github.agoratokenrs.User
import io.github.agoratokenrs.compatExpire006
import io.github.agoratokenrs.compatExpire007
import io.github.agoratokenrs.compatRole006
import io.github.agoratokenrs.compatRtcRole
import io.github.agoratokenrs.userFromSignedUid

// Argument shapes of the upstream Kotlin and Java builders (AgoraIO/Tools, kotlin/ and java/):
// Java-style signed Int or Long numbers, role enums or numbers. Translating them, and handing
// the core's warnings to CompatWarnings, is all this package does: every rule (which role
// publishes, which privilege or expiry is surprising) is in the Rust core behind the bindings.

private const val U32_MAX = 0xFFFF_FFFFL

/**
 * A number upstream packs as an unsigned 32-bit value (an expiry, an issue time, a salt),
 * given as a `Long`. Values outside 0..4294967295 are refused rather than wrapped; an `Int`
 * argument is widened first, so a negative `Int` is refused too.
 */
internal fun u32(name: String, value: Long, what: String): UInt {
    if (value !in 0..U32_MAX) {
        throw AgoraTokenException.InvalidArgument(
            "invalid $name: $value is outside 0..4294967295, the unsigned 32-bit range tokens hold; pass $what"
        )
    }
    return value.toUInt()
}

/** A 007 expiry (seconds after the issue time), with the core's warning when it looks wrong. */
internal fun seconds(name: String, value: Long): UInt =
    u32(name, value, "a number of seconds after the issue time, such as 3600").also {
        CompatWarnings.emit(compatExpire007(name, it))
    }

/** A 006 expiry (absolute Unix seconds, 0 = none), with the core's warning when it looks relative. */
internal fun timestamp(name: String, value: Long): UInt =
    u32(name, value, "absolute Unix seconds (the current Unix time plus the lifetime), or 0 for no expiry").also {
        CompatWarnings.emit(compatExpire006(name, it))
    }

/** An optional issue time (007, Unix seconds) or token expiry (006, Unix seconds). */
internal fun unixTime(name: String, value: Long?): UInt? = value?.let { u32(name, it, "Unix seconds") }

/** An optional salt. */
internal fun saltOf(value: Long?): UInt? = value?.let { u32("salt", it, "a salt from 0 to 4294967295") }

/**
 * A uid as upstream takes it: a Java `int` (or a `Long`) read as an unsigned 32-bit number by
 * the core, so `-1` is uid 4294967295, as `AccessToken2.getUidStr` has it.
 */
internal fun uidOf(value: Long): User = userFromSignedUid(value)

/** Upstream's reading of a 007 role number (1 publishes, anything else joins only). */
internal fun rtcRoleOf(role: Int): RtcRole = compatRtcRole(role.toLong()).let {
    CompatWarnings.emit(it.warning)
    it.value
}

/** Upstream's reading of a 006 role number (0, 1 and 101 publish, anything else joins only). */
internal fun role006Of(role: Int): Role006 = compatRole006(role.toLong()).let {
    CompatWarnings.emit(it.warning)
    it.value
}

/** Upstream RTM2 codes are `Short`s; a negative one is refused, not wrapped. */
internal fun code(name: String, value: Short): UShort {
    if (value < 0) {
        throw AgoraTokenException.InvalidArgument("invalid $name: $value is negative; use the numbers the builder documents")
    }
    return value.toUShort()
}

/** A privilege number given as an `Int`, for the raw `addPrivilege` methods: 0..65535. */
internal fun privilegeNumber(value: Int): Short {
    if (value !in 0..0xFFFF) {
        throw AgoraTokenException.InvalidArgument(
            "invalid privilege: $value is outside 0..65535, the unsigned 16-bit range tokens hold"
        )
    }
    return value.toShort()
}

/** A privilege map as upstream holds it (`Short` numbers, read unsigned), expiries checked by [expire]. */
internal fun privilegeEntries(privileges: Map<Short, Long>, expire: (UShort, Long) -> UInt): List<PrivilegeEntry> =
    privileges.map { (code, value) -> code.toUShort().let { PrivilegeEntry(it, expire(it, value)) } }

/** Validated credentials for one call, released when it returns. */
internal inline fun <T> withCredentials(appId: String, appCertificate: String, block: (Credentials) -> T): T =
    Credentials(appId, appCertificate).use(block)
