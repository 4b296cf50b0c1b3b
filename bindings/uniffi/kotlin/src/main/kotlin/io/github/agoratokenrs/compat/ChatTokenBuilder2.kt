package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildChatAppToken
import io.github.agoratokenrs.buildChatUserToken

/**
 * Drop-in for upstream `io.agora.media.ChatTokenBuilder2`. Each method also comes with a `Long`
 * expiry (0..4294967295) and an optional issue time and salt; errors throw instead of returning `""`.
 */
class ChatTokenBuilder2 {
    /** A Chat user token; the privilege and the token last [expire] seconds. */
    fun buildUserToken(appId: String, appCertificate: String, userId: String, expire: Int): String =
        buildUserToken(appId, appCertificate, userId, expire.toLong())

    /** As upstream's, with a `Long` expiry and an optional issue time and salt. */
    @JvmOverloads
    fun buildUserToken(
        appId: String, appCertificate: String, userId: String, expire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildChatUserToken(it, userId, seconds("expire", expire), unixTime("issuedAt", issuedAt), saltOf(salt))
    }

    /** A Chat app token; the privilege and the token last [expire] seconds. */
    fun buildAppToken(appId: String, appCertificate: String, expire: Int): String =
        buildAppToken(appId, appCertificate, expire.toLong())

    /** As upstream's, with a `Long` expiry and an optional issue time and salt. */
    @JvmOverloads
    fun buildAppToken(
        appId: String, appCertificate: String, expire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildChatAppToken(it, seconds("expire", expire), unixTime("issuedAt", issuedAt), saltOf(salt))
    }
}
