package io.github.agoratokenrs.compat

import io.github.agoratokenrs.Rtm2Permission
import io.github.agoratokenrs.buildRtm2Token
import io.github.agoratokenrs.buildRtmToken
import io.github.agoratokenrs.rtm2PermissionTypeFromCode
import io.github.agoratokenrs.rtm2ResourceTypeFromCode

/** The name this package used for upstream's `AccessToken2.ServiceRtm2.Permissions` before it had [AccessToken2]. */
typealias Rtm2Permissions = AccessToken2.ServiceRtm2.Permissions

/**
 * Drop-in for upstream `io.agora.media.RtmTokenBuilder2`. Each method also comes with a `Long`
 * expiry (0..4294967295) and an optional issue time and salt; errors throw instead of returning `""`.
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
        // The typed builder: resource and permission numbers other than 0..4 and 0..1 are refused (UnknownRtm2Type).
        val typed = permissions.entries().map { entry ->
            Rtm2Permission(
                rtm2ResourceTypeFromCode(entry.resourceType), rtm2PermissionTypeFromCode(entry.permissionType), entry.resources,
            )
        }
        buildRtm2Token(it, userId, typed, seconds("expire", expire), unixTime("issuedAt", issuedAt), saltOf(salt))
    }
}
