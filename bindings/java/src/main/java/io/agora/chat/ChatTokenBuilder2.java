package io.agora.chat;

import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;

/**
 * Drop-in for upstream {@code io.agora.chat.ChatTokenBuilder2}. Each method also takes a trailing
 * {@link TokenOptions}; errors throw instead of returning {@code ""}.
 */
public class ChatTokenBuilder2 {
    /** A Chat user token; the privilege and the token last {@code expire} seconds. */
    public String buildUserToken(String appId, String appCertificate, String userId, int expire) {
        return buildUserToken(appId, appCertificate, userId, expire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildUserToken(String appId, String appCertificate, String userId, int expire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] u = NativeCall.utf8("userId", userId);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_chat_build_user_token(a, a.length, c, c.length, u, u.length, expire,
                Options.of(options), call.warnings, call.out, call.errorMessage));
    }

    /** A Chat app token; the privilege and the token last {@code expire} seconds. */
    public String buildAppToken(String appId, String appCertificate, int expire) {
        return buildAppToken(appId, appCertificate, expire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildAppToken(String appId, String appCertificate, int expire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_chat_build_app_token(a, a.length, c, c.length, expire,
                Options.of(options), call.warnings, call.out, call.errorMessage));
    }
}
