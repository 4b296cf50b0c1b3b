package io.github.agoratokenrs.compat

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.Credentials

// Argument shapes of the upstream Kotlin builders (AgoraIO/Tools, kotlin/): Java-style
// signed Int seconds and uids. Translating them is the only thing this package does;
// every rule is in the Rust core behind the generated bindings.

/**
 * Upstream expiries are signed `Int` seconds. A negative value would wrap to a huge
 * unsigned one on the wire (upstream packs the bits), so it is refused instead.
 */
internal fun seconds(name: String, value: Int): UInt {
    if (value < 0) {
        throw AgoraTokenException.InvalidArgument(
            "invalid $name: $value is negative; pass a number of seconds from 0 to ${Int.MAX_VALUE}"
        )
    }
    return value.toUInt()
}

/**
 * Upstream uids are signed `Int`s read as unsigned 32-bit values
 * (`AccessToken2.getUidStr`: `uid.toLong() and 0xFFFFFFFFL`), so `-1` is uid 4294967295;
 * Kotlin's `Int.toUInt()` is exactly that reinterpretation.
 */
internal fun uid(value: Int): UInt = value.toUInt()

/** Upstream RTM2 and APaaS codes are `Short`s; a negative one is refused, not wrapped. */
internal fun code(name: String, value: Short): UShort {
    if (value < 0) {
        throw AgoraTokenException.InvalidArgument("invalid $name: $value is negative; use the numbers the builder documents")
    }
    return value.toUShort()
}

/** Validated credentials for one call, released when it returns. */
internal inline fun <T> withCredentials(appId: String, appCertificate: String, block: (Credentials) -> T): T =
    Credentials(appId, appCertificate).use(block)
