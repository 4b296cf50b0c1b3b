package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildConvoAiToken
import io.github.agoratokenrs.buildSttToken

/** Drop-in for upstream `io.agora.media.ConvoAITokenBuilder` (RTC + RTM + ConvoAI). */
class ConvoAITokenBuilder {
    companion object {
        /** As [RtcTokenBuilder2.buildTokenWithRtm2], plus the ConvoAI service. */
        fun buildToken(
            appId: String,
            appCertificate: String,
            channelName: String,
            rtcAccount: String,
            rtcRole: RtcTokenBuilder2.Role,
            rtcTokenExpire: Int,
            joinChannelPrivilegeExpire: Int,
            pubAudioPrivilegeExpire: Int,
            pubVideoPrivilegeExpire: Int,
            pubDataStreamPrivilegeExpire: Int,
            rtmUserId: String,
            rtmTokenExpire: Int,
        ): String = withCredentials(appId, appCertificate) {
            buildConvoAiToken(
                it, channelName, rtcAccount, rtcRole.toRtcRole(), seconds("rtcTokenExpire", rtcTokenExpire),
                expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
                rtmUserId, seconds("rtmTokenExpire", rtmTokenExpire),
            )
        }
    }
}

/** Drop-in for upstream `io.agora.media.SttTokenBuilder` (RTC + RTM + STT). */
class SttTokenBuilder {
    companion object {
        /** As [RtcTokenBuilder2.buildTokenWithRtm2], plus the STT service. */
        fun buildToken(
            appId: String,
            appCertificate: String,
            channelName: String,
            rtcAccount: String,
            rtcRole: RtcTokenBuilder2.Role,
            rtcTokenExpire: Int,
            joinChannelPrivilegeExpire: Int,
            pubAudioPrivilegeExpire: Int,
            pubVideoPrivilegeExpire: Int,
            pubDataStreamPrivilegeExpire: Int,
            rtmUserId: String,
            rtmTokenExpire: Int,
        ): String = withCredentials(appId, appCertificate) {
            buildSttToken(
                it, channelName, rtcAccount, rtcRole.toRtcRole(), seconds("rtcTokenExpire", rtcTokenExpire),
                expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
                rtmUserId, seconds("rtmTokenExpire", rtmTokenExpire),
            )
        }
    }
}
