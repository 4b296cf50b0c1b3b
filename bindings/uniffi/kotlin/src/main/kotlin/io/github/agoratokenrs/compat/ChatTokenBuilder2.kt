package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildChatAppToken
import io.github.agoratokenrs.buildChatUserToken

/** Drop-in for upstream `io.agora.media.ChatTokenBuilder2`; errors throw instead of returning `""`. */
class ChatTokenBuilder2 {
    /** A Chat user token; the privilege and the token last [expire] seconds. */
    fun buildUserToken(appId: String, appCertificate: String, userId: String, expire: Int): String =
        withCredentials(appId, appCertificate) { buildChatUserToken(it, userId, seconds("expire", expire)) }

    /** A Chat app token; the privilege and the token last [expire] seconds. */
    fun buildAppToken(appId: String, appCertificate: String, expire: Int): String =
        withCredentials(appId, appCertificate) { buildChatAppToken(it, seconds("expire", expire)) }
}
