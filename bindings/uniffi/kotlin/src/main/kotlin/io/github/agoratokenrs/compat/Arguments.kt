package io.github.agoratokenrs.compat

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.Credentials
import io.github.agoratokenrs.PrivilegeEntry
import io.github.agoratokenrs.Role006
import io.github.agoratokenrs.RtcRole
import io.github.agoratokenrs.Rtm2PermissionEntry
import io.github.agoratokenrs.User
import io.github.agoratokenrs.compatExpire006
import io.github.agoratokenrs.compatExpire007
import io.github.agoratokenrs.compatJavaU32
import io.github.agoratokenrs.compatRole006
import io.github.agoratokenrs.compatRtcRole
import io.github.agoratokenrs.compatRtm2PermissionType
import io.github.agoratokenrs.compatRtm2ResourceType
import io.github.agoratokenrs.userFromSignedUid

// Argument shapes of the upstream Kotlin and Java builders (AgoraIO/Tools, kotlin/ and java/):
// Java-style signed Int or Long numbers (a negative Int packs its unsigned 32 bits, as upstream's
// ByteBuffer.putInt does), role enums or numbers. Translating them, and handing
// the core's warnings to CompatWarnings, is all this package does: every rule (which role
// publishes, which privilege or expiry is surprising) is in the Rust core behind the bindings.

/**
 * A number upstream packs as an unsigned 32-bit value (an expiry, an issue time, a salt),
 * given as a `Long`. Upstream holds it in a Java `int` and packs its 32 bits, so a negative
 * `Int` (-2147483648..-1) is packed as its unsigned value (-1 as 4294967295), by the core's rule
 * (`compatJavaU32`): the expiry warnings then fire for such huge values. 0..4294967295 is
 * packed as is; anything else throws.
 */
internal fun u32(name: String, value: Long): UInt = compatJavaU32(name, value)

/** A 007 expiry (seconds after the issue time), with the core's warning when it looks wrong. */
internal fun seconds(name: String, value: Long): UInt = u32(name, value).also {
    CompatWarnings.emit(compatExpire007(name, it))
}

/** A 006 expiry (absolute Unix seconds, 0 = none), with the core's warning when it looks relative. */
internal fun timestamp(name: String, value: Long): UInt = u32(name, value).also {
    CompatWarnings.emit(compatExpire006(name, it))
}

/** An optional issue time (007, Unix seconds) or token expiry (006, Unix seconds). */
internal fun unixTime(name: String, value: Long?): UInt? = value?.let { u32(name, it) }

/** An optional salt. */
internal fun saltOf(value: Long?): UInt? = value?.let { u32("salt", it) }

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

/**
 * Upstream keeps RTM2 type numbers as `Short` keys of a `TreeMap` and packs their 16 bits, so a
 * negative `Short` is packed as its unsigned value (-1 as 65535), but in signed order: before
 * the others. The core packs ascending, so keys of both signs in one map, whose upstream order
 * it cannot reproduce, are refused.
 */
internal fun <T> unsignedKeys(name: String, map: Map<Short, T>): List<Pair<UShort, T>> {
    if (map.keys.any { it < 0 } && map.keys.any { it >= 0 }) {
        throw AgoraTokenException.InvalidArgument(
            "invalid $name: ${map.keys.filter { it < 0 }.map { it.toUShort() }} (negative Shorts) are packed before " +
                "${map.keys.filter { it >= 0 }} upstream, out of ascending order, which cannot be reproduced; use numbers below 32768",
        )
    }
    return map.map { (key, value) -> key.toUShort() to value }
}

/**
 * RTM2 permissions as upstream packs them: every resource and permission type number as given,
 * with a [CompatWarnings] warning for types RTM2 does not define.
 */
internal fun rtm2Entries(details: Map<Short, Map<Short, List<String>>>): List<Rtm2PermissionEntry> =
    unsignedKeys("RTM2 resource types", details).flatMap { (resource, byPermission) ->
        CompatWarnings.emit(compatRtm2ResourceType(resource))
        unsignedKeys("RTM2 permission types", byPermission).map { (permission, names) ->
            CompatWarnings.emit(compatRtm2PermissionType(permission))
            Rtm2PermissionEntry(resource, permission, names.toList())
        }
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
