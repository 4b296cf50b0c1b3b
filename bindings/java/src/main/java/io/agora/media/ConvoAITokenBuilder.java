package io.agora.media;

import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;

/**
 * Drop-in for upstream {@code io.agora.media.ConvoAITokenBuilder}: RTC + RTM + ConvoAI in one
 * token, with the arguments of {@link RtcTokenBuilder2#buildTokenWithRtm2}. Static, as upstream;
 * the same overloads as {@link RtcTokenBuilder2} (a trailing {@link TokenOptions}, a numeric role).
 */
public class ConvoAITokenBuilder {
    /** RTC (publish expiries only for a publisher), RTM login for {@code rtmUserId}, and ConvoAI. */
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
        return build(false, appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
                joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, options);
    }

    /** The ConvoAI or (with {@code stt}) the STT token: the same arguments, another service. */
    static String build(boolean stt, String appId, String appCertificate, String channelName, String rtcAccount,
            int rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, String rtmUserId, int rtmTokenExpire,
            TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("rtcAccount", rtcAccount);
        byte[] m = NativeCall.utf8("rtmUserId", rtmUserId);
        NativeCall call = new NativeCall();
        int status = stt
                ? AgoraTokenC.agora_token_stt_build_token(a, a.length, c, c.length, ch, ch.length, u, u.length,
                        rtcRole, rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire,
                        pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, m, m.length, rtmTokenExpire,
                        Options.of(options), call.warnings, call.out, call.errorMessage)
                : AgoraTokenC.agora_token_convoai_build_token(a, a.length, c, c.length, ch, ch.length, u, u.length,
                        rtcRole, rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire,
                        pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, m, m.length, rtmTokenExpire,
                        Options.of(options), call.warnings, call.out, call.errorMessage);
        return call.result(status);
    }
}
