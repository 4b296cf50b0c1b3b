package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildRtm2TokenUnchecked
import io.github.agoratokenrs.buildRtmToken

/** The name this package used for upstream's `AccessToken2.ServiceRtm2.Permissions` before it had [AccessToken2]. */
typealias Rtm2Permissions = AccessToken2.ServiceRtm2.Permissions

/**
 * Drop-in for upstream `io.agora.media.RtmTokenBuilder2`. Each method also comes with a `Long`
 * expiry (0..4294967295) and an optional issue time and salt; errors throw instead of returning `""`.
 * As upstream, a negative `Int` expiry is packed as its unsigned 32 bits, and RTM2 resource and
 * permission types RTM2 does not define are packed as given; both warn ([CompatWarnings]).
 */
class RtmTokenBuilder2 {
    /** RTM login for [userId]; the login and the token last [tokenExpire] seconds. */
    fun buildToken(appId: String, appCertificate: String, userId: String, tokenExpire: Int): String =
        buildToken(appId, appCertificate, userId, tokenExpire.toLong())

    /** As upstream's, with a `Long` expiry and an optional issue time and salt. */
    @JvmOverloads
    fun buildToken(
        appId: String, appCertificate: String, userId: String, tokenExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildRtmToken(it, userId, seconds("tokenExpire", tokenExpire), unixTime("issuedAt", issuedAt), saltOf(salt))
    }

    /** RTM2 login with resource permissions; the login and the token last [expire] seconds. */
    fun buildTokenWithPermissions(
        appId: String, appCertificate: String, userId: String, permissions: AccessToken2.ServiceRtm2.Permissions, expire: Int,
    ): String = buildTokenWithPermissions(appId, appCertificate, userId, permissions, expire.toLong())

    /** As upstream's, with a `Long` expiry and an optional issue time and salt. */
    @JvmOverloads
    fun buildTokenWithPermissions(
        appId: String, appCertificate: String, userId: String, permissions: AccessToken2.ServiceRtm2.Permissions,
        expire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        // As upstream, any resource and permission type number is packed; undefined ones warn.
        buildRtm2TokenUnchecked(
            it, userId, permissions.entries(), seconds("expire", expire), unixTime("issuedAt", issuedAt), saltOf(salt),
        )
    }
}
