package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildApaasAppToken
import io.github.agoratokenrs.buildApaasRoomUserToken
import io.github.agoratokenrs.buildApaasUserToken

/**
 * Drop-in for upstream `io.agora.media.ApaasTokenBuilder` (Flexible Classroom). Each method also
 * comes with a `Long` expiry (0..4294967295) and an optional issue time and salt.
 */
open class ApaasTokenBuilder {
    /** APaaS room user + RTM login + Chat user (MD5 of [userUuid]), all for [expire] seconds. */
    fun buildRoomUserToken(
        appId: String, appCertificate: String, roomUuid: String, userUuid: String, role: Short, expire: Int,
    ): String = buildRoomUserToken(appId, appCertificate, roomUuid, userUuid, role, expire.toLong())

    /** As upstream's, with a `Long` expiry and an optional issue time and salt. */
    @JvmOverloads
    fun buildRoomUserToken(
        appId: String, appCertificate: String, roomUuid: String, userUuid: String, role: Short, expire: Long,
        issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildApaasRoomUserToken(
            it, roomUuid, userUuid, role, seconds("expire", expire),
            issuedAt = unixTime("issuedAt", issuedAt), salt = saltOf(salt),
        )
    }

    /** An APaaS user token (no room). */
    fun buildUserToken(appId: String, appCertificate: String, userUuid: String, expire: Int): String =
        buildUserToken(appId, appCertificate, userUuid, expire.toLong())

    /** As upstream's, with a `Long` expiry and an optional issue time and salt. */
    @JvmOverloads
    fun buildUserToken(
        appId: String, appCertificate: String, userUuid: String, expire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildApaasUserToken(it, userUuid, seconds("expire", expire), unixTime("issuedAt", issuedAt), saltOf(salt))
    }

    /** An APaaS app token (no room, no user). */
    fun buildAppToken(appId: String, appCertificate: String, expire: Int): String =
        buildAppToken(appId, appCertificate, expire.toLong())

    /** As upstream's, with a `Long` expiry and an optional issue time and salt. */
    @JvmOverloads
    fun buildAppToken(
        appId: String, appCertificate: String, expire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildApaasAppToken(it, seconds("expire", expire), unixTime("issuedAt", issuedAt), saltOf(salt))
    }
}

/** Drop-in for upstream `io.agora.media.EducationTokenBuilder2`: the same tokens as [ApaasTokenBuilder]. */
class EducationTokenBuilder2 : ApaasTokenBuilder()
