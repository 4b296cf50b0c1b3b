package io.github.agoratokenrs.compat

import io.github.agoratokenrs.RtcPrivilegeExpiries
import io.github.agoratokenrs.RtcRole
import io.github.agoratokenrs.User
import io.github.agoratokenrs.buildRtcToken
import io.github.agoratokenrs.buildRtcTokenWithPrivileges
import io.github.agoratokenrs.buildRtcTokenWithRtm
import io.github.agoratokenrs.buildRtcTokenWithRtmExpiries

/**
 * Drop-in for upstream `io.agora.media.RtcTokenBuilder2` (same instance methods and
 * arguments). Differences: invalid input throws a typed
 * [io.github.agoratokenrs.AgoraTokenException] instead of returning `""`, and negative
 * expiries are refused.
 */
class RtcTokenBuilder2 {
    /** RTC roles, as upstream. */
    enum class Role(val initValue: Int) {
        /** Join and publish audio, video and data. */
        ROLE_PUBLISHER(1),

        /** Join only (where co-host authentication is enabled). */
        ROLE_SUBSCRIBER(2);

        internal fun toRtcRole(): RtcRole = when (this) {
            ROLE_PUBLISHER -> RtcRole.PUBLISHER
            ROLE_SUBSCRIBER -> RtcRole.SUBSCRIBER
        }
    }

    /** RTC token for a uid (0 = any user): join until [privilegeExpire], publishing too for a publisher. */
    fun buildTokenWithUid(
        appId: String,
        appCertificate: String,
        channelName: String,
        uid: Int,
        role: Role,
        tokenExpire: Int,
        privilegeExpire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcToken(
            it, channelName, User.Uid(uid(uid)), role.toRtcRole(),
            seconds("tokenExpire", tokenExpire), seconds("privilegeExpire", privilegeExpire),
        )
    }

    /** RTC token for a string account. */
    fun buildTokenWithUserAccount(
        appId: String,
        appCertificate: String,
        channelName: String,
        account: String,
        role: Role,
        tokenExpire: Int,
        privilegeExpire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcToken(
            it, channelName, User.Account(account), role.toRtcRole(),
            seconds("tokenExpire", tokenExpire), seconds("privilegeExpire", privilegeExpire),
        )
    }

    /** RTC token for a uid with a separate expiry per privilege (no role). */
    fun buildTokenWithUid(
        appId: String,
        appCertificate: String,
        channelName: String,
        uid: Int,
        tokenExpire: Int,
        joinChannelPrivilegeExpire: Int,
        pubAudioPrivilegeExpire: Int,
        pubVideoPrivilegeExpire: Int,
        pubDataStreamPrivilegeExpire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithPrivileges(
            it, channelName, User.Uid(uid(uid)), seconds("tokenExpire", tokenExpire),
            expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
        )
    }

    /** RTC token for an account with a separate expiry per privilege (no role). */
    fun buildTokenWithUserAccount(
        appId: String,
        appCertificate: String,
        channelName: String,
        account: String,
        tokenExpire: Int,
        joinChannelPrivilegeExpire: Int,
        pubAudioPrivilegeExpire: Int,
        pubVideoPrivilegeExpire: Int,
        pubDataStreamPrivilegeExpire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithPrivileges(
            it, channelName, User.Account(account), seconds("tokenExpire", tokenExpire),
            expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
        )
    }

    /** RTC for an account plus RTM login for the same account until [tokenExpire]. */
    fun buildTokenWithRtm(
        appId: String,
        appCertificate: String,
        channelName: String,
        account: String,
        role: Role,
        tokenExpire: Int,
        privilegeExpire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithRtm(
            it, channelName, account, role.toRtcRole(),
            seconds("tokenExpire", tokenExpire), seconds("privilegeExpire", privilegeExpire),
        )
    }

    /** RTC for an account (publish expiries only for a publisher) plus RTM login for [rtmUserId]. */
    fun buildTokenWithRtm2(
        appId: String,
        appCertificate: String,
        channelName: String,
        rtcAccount: String,
        rtcRole: Role,
        rtcTokenExpire: Int,
        joinChannelPrivilegeExpire: Int,
        pubAudioPrivilegeExpire: Int,
        pubVideoPrivilegeExpire: Int,
        pubDataStreamPrivilegeExpire: Int,
        rtmUserId: String,
        rtmTokenExpire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildRtcTokenWithRtmExpiries(
            it, channelName, rtcAccount, rtcRole.toRtcRole(), seconds("rtcTokenExpire", rtcTokenExpire),
            expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
            rtmUserId, seconds("rtmTokenExpire", rtmTokenExpire),
        )
    }
}

internal fun expiries(join: Int, audio: Int, video: Int, data: Int) = RtcPrivilegeExpiries(
    joinChannel = seconds("joinChannelPrivilegeExpire", join),
    publishAudio = seconds("pubAudioPrivilegeExpire", audio),
    publishVideo = seconds("pubVideoPrivilegeExpire", video),
    publishData = seconds("pubDataStreamPrivilegeExpire", data),
)
