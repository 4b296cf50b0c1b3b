package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildApaasAppToken
import io.github.agoratokenrs.buildApaasRoomUserToken
import io.github.agoratokenrs.buildApaasUserToken

/** Drop-in for upstream `io.agora.media.ApaasTokenBuilder` (Flexible Classroom). */
open class ApaasTokenBuilder {
    /** APaaS room user + RTM login + Chat user (MD5 of [userUuid]), all for [expire] seconds. */
    fun buildRoomUserToken(
        appId: String,
        appCertificate: String,
        roomUuid: String,
        userUuid: String,
        role: Short,
        expire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildApaasRoomUserToken(it, roomUuid, userUuid, role, seconds("expire", expire))
    }

    /** An APaaS user token (no room). */
    fun buildUserToken(appId: String, appCertificate: String, userUuid: String, expire: Int): String =
        withCredentials(appId, appCertificate) { buildApaasUserToken(it, userUuid, seconds("expire", expire)) }

    /** An APaaS app token (no room, no user). */
    fun buildAppToken(appId: String, appCertificate: String, expire: Int): String =
        withCredentials(appId, appCertificate) { buildApaasAppToken(it, seconds("expire", expire)) }
}

/** Drop-in for upstream `io.agora.media.EducationTokenBuilder2`: the same tokens as [ApaasTokenBuilder]. */
class EducationTokenBuilder2 : ApaasTokenBuilder()
