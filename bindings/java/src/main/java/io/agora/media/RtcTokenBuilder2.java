package io.agora.media;

import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.CompatWarning;
import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;
import io.github.agoratokenrs.java.internal.WarningChannel;

/**
 * Drop-in for upstream {@code io.agora.media.RtcTokenBuilder2}: RTC AccessToken2 ("007") tokens,
 * built by the agora-token core, byte for byte the official builders' tokens.
 *
 * <p>Every method keeps upstream's signature ({@code int} uid and expiries, read as their
 * unsigned 32 bits exactly as upstream packs them, so uids above 2147483647 are the negative
 * {@code int}s Java holds them in). Each also comes with a trailing {@link TokenOptions} (issue
 * time, salt, strict mode), and the methods with a role also take it as a number, read as every
 * official builder reads it: 1 publishes, anything else joins only. Surprising input (a role
 * other than 1 or 2, an expiry that looks like a Unix timestamp or exceeds 24 hours) is built as
 * upstream builds it and reported to {@link io.github.agoratokenrs.java.CompatWarnings}.
 * Invalid input throws an {@link AgoraTokenException} where upstream prints a stack trace and
 * returns {@code ""}.
 */
public class RtcTokenBuilder2 {
    /** RTC roles, as upstream. */
    public enum Role {
        /** Join and publish audio, video and data. */
        ROLE_PUBLISHER(1),
        /** Join only (where co-host authentication is enabled). */
        ROLE_SUBSCRIBER(2);

        public int initValue;

        Role(int initValue) {
            this.initValue = initValue;
        }
    }

    /** RTC token for a uid (0 = any user): join until {@code privilegeExpire}, publishing too for a publisher. */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, Role role,
            int tokenExpire, int privilegeExpire) {
        return buildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire,
                TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt (or strict mode). */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, Role role,
            int tokenExpire, int privilegeExpire, TokenOptions options) {
        return buildTokenWithUid(appId, appCertificate, channelName, uid, roleNumber(role, options), tokenExpire,
                privilegeExpire, options);
    }

    /** With the role as a number (1 publishes, anything else joins only). */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, int role,
            int tokenExpire, int privilegeExpire) {
        return buildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire,
                TokenOptions.defaults());
    }

    /** With the role as a number, an issue time and salt. */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, int role,
            int tokenExpire, int privilegeExpire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_rtc_build_token_with_uid(a, a.length, c, c.length, ch, ch.length,
                uid, role, tokenExpire, privilegeExpire, Options.of(options), call.warnings, call.out,
                call.errorMessage));
    }

    /** RTC token for a string account. */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            Role role, int tokenExpire, int privilegeExpire) {
        return buildTokenWithUserAccount(appId, appCertificate, channelName, account, role, tokenExpire,
                privilegeExpire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt (or strict mode). */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            Role role, int tokenExpire, int privilegeExpire, TokenOptions options) {
        return buildTokenWithUserAccount(appId, appCertificate, channelName, account, roleNumber(role, options),
                tokenExpire, privilegeExpire, options);
    }

    /** With the role as a number (1 publishes, anything else joins only). */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            int role, int tokenExpire, int privilegeExpire) {
        return buildTokenWithUserAccount(appId, appCertificate, channelName, account, role, tokenExpire,
                privilegeExpire, TokenOptions.defaults());
    }

    /** With the role as a number, an issue time and salt. */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            int role, int tokenExpire, int privilegeExpire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("account", account);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_rtc_build_token_with_user_account(a, a.length, c, c.length, ch,
                ch.length, u, u.length, role, tokenExpire, privilegeExpire, Options.of(options), call.warnings,
                call.out, call.errorMessage));
    }

    /** RTC token for a uid with a separate expiry per privilege (no role). */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, int tokenExpire,
            int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire,
            int pubDataStreamPrivilegeExpire) {
        return buildTokenWithUid(appId, appCertificate, channelName, uid, tokenExpire, joinChannelPrivilegeExpire,
                pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt (or strict mode). */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, int tokenExpire,
            int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire,
            int pubDataStreamPrivilegeExpire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_rtc_build_token_with_uid_and_privilege(a, a.length, c, c.length,
                ch, ch.length, uid, tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire,
                pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, Options.of(options), call.warnings, call.out,
                call.errorMessage));
    }

    /** RTC token for an account with a separate expiry per privilege (no role). */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            int tokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire,
            int pubDataStreamPrivilegeExpire) {
        return buildTokenWithUserAccount(appId, appCertificate, channelName, account, tokenExpire,
                joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt (or strict mode). */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            int tokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire,
            int pubDataStreamPrivilegeExpire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("account", account);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_rtc_build_token_with_user_account_and_privilege(a, a.length, c,
                c.length, ch, ch.length, u, u.length, tokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire,
                pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, Options.of(options), call.warnings, call.out,
                call.errorMessage));
    }

    /** RTC for an account plus RTM login for the same account until {@code tokenExpire}. */
    public String buildTokenWithRtm(String appId, String appCertificate, String channelName, String account,
            Role role, int tokenExpire, int privilegeExpire) {
        return buildTokenWithRtm(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire,
                TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt (or strict mode). */
    public String buildTokenWithRtm(String appId, String appCertificate, String channelName, String account,
            Role role, int tokenExpire, int privilegeExpire, TokenOptions options) {
        return buildTokenWithRtm(appId, appCertificate, channelName, account, roleNumber(role, options), tokenExpire,
                privilegeExpire, options);
    }

    /** With the role as a number (1 publishes, anything else joins only). */
    public String buildTokenWithRtm(String appId, String appCertificate, String channelName, String account,
            int role, int tokenExpire, int privilegeExpire) {
        return buildTokenWithRtm(appId, appCertificate, channelName, account, role, tokenExpire, privilegeExpire,
                TokenOptions.defaults());
    }

    /** With the role as a number, an issue time and salt. */
    public String buildTokenWithRtm(String appId, String appCertificate, String channelName, String account,
            int role, int tokenExpire, int privilegeExpire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("account", account);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_rtc_build_token_with_rtm(a, a.length, c, c.length, ch, ch.length,
                u, u.length, role, tokenExpire, privilegeExpire, Options.of(options), call.warnings, call.out,
                call.errorMessage));
    }

    /** RTC for an account (publish expiries only for a publisher) plus RTM login for {@code rtmUserId}. */
    public String buildTokenWithRtm2(String appId, String appCertificate, String channelName, String rtcAccount,
            Role rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, String rtmUserId, int rtmTokenExpire) {
        return buildTokenWithRtm2(appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
                joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt (or strict mode). */
    public String buildTokenWithRtm2(String appId, String appCertificate, String channelName, String rtcAccount,
            Role rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, String rtmUserId, int rtmTokenExpire,
            TokenOptions options) {
        return buildTokenWithRtm2(appId, appCertificate, channelName, rtcAccount, roleNumber(rtcRole, options),
                rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, options);
    }

    /** With the role as a number (1 publishes, anything else joins only). */
    public String buildTokenWithRtm2(String appId, String appCertificate, String channelName, String rtcAccount,
            int rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, String rtmUserId, int rtmTokenExpire) {
        return buildTokenWithRtm2(appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire,
                joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire,
                pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire, TokenOptions.defaults());
    }

    /** With the role as a number, an issue time and salt. */
    public String buildTokenWithRtm2(String appId, String appCertificate, String channelName, String rtcAccount,
            int rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, String rtmUserId, int rtmTokenExpire,
            TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("rtcAccount", rtcAccount);
        byte[] m = NativeCall.utf8("rtmUserId", rtmUserId);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_rtc_build_token_with_rtm2(a, a.length, c, c.length, ch, ch.length,
                u, u.length, rtcRole, rtcTokenExpire, joinChannelPrivilegeExpire, pubAudioPrivilegeExpire,
                pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, m, m.length, rtmTokenExpire, Options.of(options),
                call.warnings, call.out, call.errorMessage));
    }

    /**
     * The number of a role enum. Upstream reads a {@code null} role as it reads every role but the
     * publisher: join only; so does this, with a warning (strict mode: {@code unknown_role}).
     */
    static int roleNumber(Role role, TokenOptions options) {
        if (role != null) {
            return role.initValue;
        }
        String reading = "RTC role null: the official builders publish only for ROLE_PUBLISHER, so a null role "
                + "joins only, like ROLE_SUBSCRIBER";
        if (options != null && options.isStrict()) {
            throw new AgoraTokenException(6, "unknown_role", "unknown " + reading + "; pass ROLE_PUBLISHER or ROLE_SUBSCRIBER");
        }
        WarningChannel.emit(new CompatWarning("role_read_as_join_only", reading + "; pass ROLE_SUBSCRIBER to say so"));
        return Role.ROLE_SUBSCRIBER.initValue;
    }
}
