package io.agora.apaas;

import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;

/**
 * Drop-in for upstream {@code io.agora.apaas.ApaasTokenBuilder} (Flexible Classroom). Each method
 * also takes a trailing {@link TokenOptions}; errors throw instead of returning {@code ""}.
 *
 * <p>The room-user token is the one of every other upstream language (and Kotlin): APaaS room
 * user, RTM login and Chat user (MD5 hex of {@code userUuid}), each privilege until
 * {@code expire}. Upstream Java alone adds the Chat privilege to the RTM service by mistake,
 * leaving the Chat service without one, and drops leading zeros of the MD5 hex; tokens made that
 * way differ from these (see the README).
 */
public class ApaasTokenBuilder {
    /** APaaS room user + RTM login + Chat user, all for {@code expire} seconds. */
    public String buildRoomUserToken(String appId, String appCertificate, String roomUuid, String userUuid, Short role,
            int expire) {
        return buildRoomUserToken(appId, appCertificate, roomUuid, userUuid, role, expire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildRoomUserToken(String appId, String appCertificate, String roomUuid, String userUuid, Short role,
            int expire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] r = NativeCall.utf8("roomUuid", roomUuid);
        byte[] u = NativeCall.utf8("userUuid", userUuid);
        if (role == null) {
            throw new AgoraTokenException(12, "invalid_argument", "invalid role: it is null; pass the user's role (a short)");
        }
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_apaas_build_room_user_token(a, a.length, c, c.length, r, r.length,
                u, u.length, role, expire, Options.of(options), call.warnings, call.out, call.errorMessage));
    }

    /** An APaaS user token (no room). */
    public String buildUserToken(String appId, String appCertificate, String userUuid, int expire) {
        return buildUserToken(appId, appCertificate, userUuid, expire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildUserToken(String appId, String appCertificate, String userUuid, int expire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] u = NativeCall.utf8("userUuid", userUuid);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_apaas_build_user_token(a, a.length, c, c.length, u, u.length, expire,
                Options.of(options), call.warnings, call.out, call.errorMessage));
    }

    /** An APaaS app token (no room, no user). */
    public String buildAppToken(String appId, String appCertificate, int expire) {
        return buildAppToken(appId, appCertificate, expire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildAppToken(String appId, String appCertificate, int expire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_apaas_build_app_token(a, a.length, c, c.length, expire,
                Options.of(options), call.warnings, call.out, call.errorMessage));
    }
}
