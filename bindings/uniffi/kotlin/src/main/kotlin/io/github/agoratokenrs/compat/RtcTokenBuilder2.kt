package io.github.agoratokenrs.compat

import io.github.agoratokenrs.RtcPrivilegeExpiries
import io.github.agoratokenrs.User
import io.github.agoratokenrs.buildRtcToken
import io.github.agoratokenrs.buildRtcTokenWithPrivileges
import io.github.agoratokenrs.buildRtcTokenWithRtm
import io.github.agoratokenrs.buildRtcTokenWithRtmExpiries

/**
 * Drop-in for upstream `io.agora.media.RtcTokenBuilder2` (same instance methods and arguments).
 *
 * Each method comes three ways: upstream's own signature (`Int` uid and expiries, [Role]);
 * with `Long` uid and expiries (0..4294967295) plus optional `issuedAt` and `salt`; and the
 * same with the role as a number, read as the other upstream languages read it (1 publishes,
 * anything else joins only, with a [CompatWarnings] warning for numbers other than 1 and 2).
 * Expiries are seconds after the issue time; a negative one (an `Int` upstream) is packed as its
 * unsigned 32 bits, as upstream does, and then warns as the huge expiry it is. Invalid input
 * throws a typed [io.github.agoratokenrs.AgoraTokenException] instead of returning `""`.
 */
class RtcTokenBuilder2 {
    /** RTC roles, as upstream. */
    enum class Role(val initValue: Int) {
        /** Join and publish audio, video and data. */
        ROLE_PUBLISHER(1),

        /** Join only (where co-host authentication is enabled). */
        ROLE_SUBSCRIBER(2),
    }

    /** RTC token for a uid (0 = any user): join until [privilegeExpire], publishing too for a publisher. */
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Int, role: Role,
        tokenExpire: Int, privilegeExpire: Int,
    ): String = buildTokenWithUid(
        appId, appCertificate, channelName, uid.toLong(), role.initValue, tokenExpire.toLong(), privilegeExpire.toLong(),
    )

    /** As upstream's, with `Long` uid and expiries and an optional issue time and salt. */
    @JvmOverloads
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Long, role: Role,
        tokenExpire: Long, privilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithUid(
        appId, appCertificate, channelName, uid, role.initValue, tokenExpire, privilegeExpire, issuedAt, salt,
    )

    /** As upstream's, with the role as a number (1 publishes, anything else joins only). */
    @JvmOverloads
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Long, role: Int,
        tokenExpire: Long, privilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithUser(
        appId, appCertificate, channelName, uidOf(uid), role, tokenExpire, privilegeExpire, issuedAt, salt,
    )

    /** RTC token for a string account. */
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, role: Role,
        tokenExpire: Int, privilegeExpire: Int,
    ): String = buildTokenWithUserAccount(
        appId, appCertificate, channelName, account, role.initValue, tokenExpire.toLong(), privilegeExpire.toLong(),
    )

    /** As upstream's, with `Long` expiries and an optional issue time and salt. */
    @JvmOverloads
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, role: Role,
        tokenExpire: Long, privilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithUserAccount(
        appId, appCertificate, channelName, account, role.initValue, tokenExpire, privilegeExpire, issuedAt, salt,
    )

    /** As upstream's, with the role as a number (1 publishes, anything else joins only). */
    @JvmOverloads
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, role: Int,
        tokenExpire: Long, privilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithUser(
        appId, appCertificate, channelName, User.Account(account), role, tokenExpire, privilegeExpire, issuedAt, salt,
    )

    private fun buildTokenWithUser(
        appId: String, appCertificate: String, channelName: String, user: User, role: Int,
        tokenExpire: Long, privilegeExpire: Long, issuedAt: Long?, salt: Long?,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcToken(
            it, channelName, user, rtcRoleOf(role), seconds("tokenExpire", tokenExpire),
            seconds("privilegeExpire", privilegeExpire), unixTime("issuedAt", issuedAt), saltOf(salt),
        )
    }

    /** RTC token for a uid with a separate expiry per privilege (no role). */
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Int, tokenExpire: Int,
        joinChannelPrivilegeExpire: Int, pubAudioPrivilegeExpire: Int, pubVideoPrivilegeExpire: Int,
        pubDataStreamPrivilegeExpire: Int,
    ): String = buildTokenWithUid(
        appId, appCertificate, channelName, uid.toLong(), tokenExpire.toLong(), joinChannelPrivilegeExpire.toLong(),
        pubAudioPrivilegeExpire.toLong(), pubVideoPrivilegeExpire.toLong(), pubDataStreamPrivilegeExpire.toLong(),
    )

    /** As upstream's, with `Long` uid and expiries and an optional issue time and salt. */
    @JvmOverloads
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Long, tokenExpire: Long,
        joinChannelPrivilegeExpire: Long, pubAudioPrivilegeExpire: Long, pubVideoPrivilegeExpire: Long,
        pubDataStreamPrivilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithPrivileges(
            it, channelName, uidOf(uid), seconds("tokenExpire", tokenExpire),
            expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
            unixTime("issuedAt", issuedAt), saltOf(salt),
        )
    }

    /** RTC token for an account with a separate expiry per privilege (no role). */
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, tokenExpire: Int,
        joinChannelPrivilegeExpire: Int, pubAudioPrivilegeExpire: Int, pubVideoPrivilegeExpire: Int,
        pubDataStreamPrivilegeExpire: Int,
    ): String = buildTokenWithUserAccount(
        appId, appCertificate, channelName, account, tokenExpire.toLong(), joinChannelPrivilegeExpire.toLong(),
        pubAudioPrivilegeExpire.toLong(), pubVideoPrivilegeExpire.toLong(), pubDataStreamPrivilegeExpire.toLong(),
    )

    /** As upstream's, with `Long` expiries and an optional issue time and salt. */
    @JvmOverloads
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, tokenExpire: Long,
        joinChannelPrivilegeExpire: Long, pubAudioPrivilegeExpire: Long, pubVideoPrivilegeExpire: Long,
        pubDataStreamPrivilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithPrivileges(
            it, channelName, User.Account(account), seconds("tokenExpire", tokenExpire),
            expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
            unixTime("issuedAt", issuedAt), saltOf(salt),
        )
    }

    /** RTC for an account plus RTM login for the same account until [tokenExpire]. */
    fun buildTokenWithRtm(
        appId: String, appCertificate: String, channelName: String, account: String, role: Role,
        tokenExpire: Int, privilegeExpire: Int,
    ): String = buildTokenWithRtm(
        appId, appCertificate, channelName, account, role.initValue, tokenExpire.toLong(), privilegeExpire.toLong(),
    )

    /** As upstream's, with `Long` expiries and an optional issue time and salt. */
    @JvmOverloads
    fun buildTokenWithRtm(
        appId: String, appCertificate: String, channelName: String, account: String, role: Role,
        tokenExpire: Long, privilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithRtm(
        appId, appCertificate, channelName, account, role.initValue, tokenExpire, privilegeExpire, issuedAt, salt,
    )

    /** As upstream's, with the role as a number (1 publishes, anything else joins only). */
    @JvmOverloads
    fun buildTokenWithRtm(
        appId: String, appCertificate: String, channelName: String, account: String, role: Int,
        tokenExpire: Long, privilegeExpire: Long, issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithRtm(
            it, channelName, account, rtcRoleOf(role), seconds("tokenExpire", tokenExpire),
            seconds("privilegeExpire", privilegeExpire), unixTime("issuedAt", issuedAt), saltOf(salt),
        )
    }

    /** RTC for an account (publish expiries only for a publisher) plus RTM login for [rtmUserId]. */
    fun buildTokenWithRtm2(
        appId: String, appCertificate: String, channelName: String, rtcAccount: String, rtcRole: Role,
        rtcTokenExpire: Int, joinChannelPrivilegeExpire: Int, pubAudioPrivilegeExpire: Int,
        pubVideoPrivilegeExpire: Int, pubDataStreamPrivilegeExpire: Int, rtmUserId: String, rtmTokenExpire: Int,
    ): String = buildTokenWithRtm2(
        appId, appCertificate, channelName, rtcAccount, rtcRole.initValue, rtcTokenExpire.toLong(),
        joinChannelPrivilegeExpire.toLong(), pubAudioPrivilegeExpire.toLong(), pubVideoPrivilegeExpire.toLong(),
        pubDataStreamPrivilegeExpire.toLong(), rtmUserId, rtmTokenExpire.toLong(),
    )

    /** As upstream's, with `Long` expiries and an optional issue time and salt. */
    @JvmOverloads
    fun buildTokenWithRtm2(
        appId: String, appCertificate: String, channelName: String, rtcAccount: String, rtcRole: Role,
        rtcTokenExpire: Long, joinChannelPrivilegeExpire: Long, pubAudioPrivilegeExpire: Long,
        pubVideoPrivilegeExpire: Long, pubDataStreamPrivilegeExpire: Long, rtmUserId: String, rtmTokenExpire: Long,
        issuedAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithRtm2(
        appId, appCertificate, channelName, rtcAccount, rtcRole.initValue, rtcTokenExpire, joinChannelPrivilegeExpire,
        pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire,
        issuedAt, salt,
    )

    /** As upstream's, with the role as a number (1 publishes, anything else joins only). */
    @JvmOverloads
    fun buildTokenWithRtm2(
        appId: String, appCertificate: String, channelName: String, rtcAccount: String, rtcRole: Int,
        rtcTokenExpire: Long, joinChannelPrivilegeExpire: Long, pubAudioPrivilegeExpire: Long,
        pubVideoPrivilegeExpire: Long, pubDataStreamPrivilegeExpire: Long, rtmUserId: String, rtmTokenExpire: Long,
        issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithRtmExpiries(
            it, channelName, rtcAccount, rtcRoleOf(rtcRole), seconds("rtcTokenExpire", rtcTokenExpire),
            expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
            rtmUserId, seconds("rtmTokenExpire", rtmTokenExpire), unixTime("issuedAt", issuedAt), saltOf(salt),
        )
    }
}

internal fun expiries(join: Long, audio: Long, video: Long, data: Long) = RtcPrivilegeExpiries(
    joinChannel = seconds("joinChannelPrivilegeExpire", join),
    publishAudio = seconds("pubAudioPrivilegeExpire", audio),
    publishVideo = seconds("pubVideoPrivilegeExpire", video),
    publishData = seconds("pubDataStreamPrivilegeExpire", data),
)
