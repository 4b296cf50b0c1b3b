package io.agora.rtm;

import io.agora.media.AccessToken;
import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;

/**
 * Drop-in for upstream {@code io.agora.rtm.RtmTokenBuilder}, the AccessToken ("006") RTM builder:
 * RTM login for {@code uid} (the user account) until {@code privilegeTs}, an <b>absolute</b> Unix
 * time (0 = no expiry). As upstream, {@link #buildToken} leaves the token it built in
 * {@link #mTokenCreator}, which {@link #setPrivilege} changes and {@code mTokenCreator.build()}
 * rebuilds.
 */
public class RtmTokenBuilder {
    /** The only RTM role; it does not change the token. */
    public enum Role {
        Rtm_User(1);

        int value;

        Role(int value) {
            this.value = value;
        }
    }

    public AccessToken mTokenCreator;

    /** A 006 RTM token for the user account {@code uid}. */
    public String buildToken(String appId, String appCertificate, String uid, Role role, int privilegeTs)
            throws Exception {
        return buildToken(appId, appCertificate, uid, role, privilegeTs, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time (the token expires 24 hours later) and salt. */
    public String buildToken(String appId, String appCertificate, String uid, Role role, int privilegeTs,
            TokenOptions options) throws Exception {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] u = NativeCall.utf8("uid", uid);
        NativeCall call = new NativeCall();
        String token = call.result(AgoraTokenC.agora_token_006_rtm_build_token(a, a.length, c, c.length, u, u.length,
                privilegeTs, Options.of(options), call.warnings, call.out, call.errorMessage));
        // Upstream's state after buildToken: the token's fields (the account is the channel, the uid empty).
        mTokenCreator = new AccessToken(appId, appCertificate, uid, "");
        mTokenCreator.fromString(token);
        return token;
    }

    /** Adds or changes a privilege of {@link #mTokenCreator} (call {@link #buildToken} first, as upstream). */
    public void setPrivilege(AccessToken.Privileges privilege, int expireTs) {
        mTokenCreator.addPrivilege(privilege, expireTs);
    }

    /** Reads a token into {@link #mTokenCreator}. */
    public boolean initTokenBuilder(String originToken) {
        mTokenCreator.fromString(originToken);
        return true;
    }
}
