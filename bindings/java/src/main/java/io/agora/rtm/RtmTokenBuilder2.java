package io.agora.rtm;

import com.sun.jna.Pointer;
import io.agora.media.AccessToken2;
import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;
import io.github.agoratokenrs.java.internal.Rtm2;

/**
 * Drop-in for upstream {@code io.agora.rtm.RtmTokenBuilder2}. Each method also takes a trailing
 * {@link TokenOptions}; errors throw instead of returning {@code ""}. As upstream, a negative
 * {@code int} expiry is packed as its unsigned 32 bits, and RTM2 resource and permission types
 * RTM2 does not define are packed as given; both warn.
 */
public class RtmTokenBuilder2 {
    /** RTM login for {@code userId}; the login and the token last {@code expire} seconds. */
    public String buildToken(String appId, String appCertificate, String userId, int expire) {
        return buildToken(appId, appCertificate, userId, expire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildToken(String appId, String appCertificate, String userId, int expire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] u = NativeCall.utf8("userId", userId);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_rtm_build_token(a, a.length, c, c.length, u, u.length, expire,
                Options.of(options), call.warnings, call.out, call.errorMessage));
    }

    /** RTM2 login with resource permissions; the login and the token last {@code expire} seconds. */
    public String buildTokenWithPermissions(String appId, String appCertificate, String userId,
            AccessToken2.ServiceRtm2.Permissions permissions, int expire) {
        return buildTokenWithPermissions(appId, appCertificate, userId, permissions, expire, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildTokenWithPermissions(String appId, String appCertificate, String userId,
            AccessToken2.ServiceRtm2.Permissions permissions, int expire, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] u = NativeCall.utf8("userId", userId);
        Pointer handle = Rtm2.permissions(permissions == null ? null : permissions.details);
        try {
            NativeCall call = new NativeCall();
            return call.result(AgoraTokenC.agora_token_rtm_build_token_with_permissions(a, a.length, c, c.length, u,
                    u.length, handle, expire, Options.of(options), call.warnings, call.out, call.errorMessage));
        } finally {
            AgoraTokenC.agora_token_rtm2_permissions_free(handle);
        }
    }
}
