package io.agora.media;

import io.github.agoratokenrs.java.TokenOptions;

/**
 * Drop-in for upstream {@code io.agora.media.SttTokenBuilder}: RTC + RTM + speech-to-text in one
 * token, with the arguments and overloads of {@link ConvoAITokenBuilder}.
 */
public class SttTokenBuilder {
    /** RTC (publish expiries only for a publisher), RTM login for {@code rtmUserId}, and STT. */
    public static String buildToken(String appId, String appCertificate, String channelName, String rtcAccount,
            RtcTokenBuilder2.Role rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire,
            int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire,
            String rtmUserId, int rtmTokenExpire) {
        return buildToken(appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
                joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt (or strict mode). */
    public static String buildToken(String appId, String appCertificate, String channelName, String rtcAccount,
            RtcTokenBuilder2.Role rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire,
            int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire,
            String rtmUserId, int rtmTokenExpire, TokenOptions options) {
        return buildToken(appId, appCertificate, channelName, rtcAccount, RtcTokenBuilder2.roleNumber(rtcRole, options),
                rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, options);
    }

    /** With the role as a number (1 publishes, anything else joins only), an issue time and salt. */
    public static String buildToken(String appId, String appCertificate, String channelName, String rtcAccount,
            int rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, String rtmUserId, int rtmTokenExpire,
            TokenOptions options) {
        return ConvoAITokenBuilder.build(true, appId, appCertificate, channelName, rtcAccount, rtcRole,
                rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, options);
    }
}
