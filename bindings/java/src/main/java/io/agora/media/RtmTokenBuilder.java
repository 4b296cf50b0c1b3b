package io.agora.media;

/**
 * Drop-in for upstream's older {@code io.agora.media.RtmTokenBuilder} (006): a stateful builder
 * over {@link AccessToken} for the user account {@code userId} (packed as the channel name, with
 * an empty uid, as every 006 RTM token). Use {@link io.agora.rtm.RtmTokenBuilder} for new code.
 */
public class RtmTokenBuilder {
    public AccessToken mTokenCreator;

    public RtmTokenBuilder(String appId, String appCertificate, String userId) {
        mTokenCreator = new AccessToken(appId, appCertificate, userId, "");
    }

    /** Reads a token's salt, expiry and privileges into {@link #mTokenCreator}. */
    public boolean initTokenBuilder(String originToken) {
        mTokenCreator.fromString(originToken);
        return true;
    }

    /** Grants a privilege until an absolute Unix time (0 = no expiry). */
    public void setPrivilege(AccessToken.Privileges privilege, int expireTimestamp) {
        mTokenCreator.message.messages.put(privilege.intValue, expireTimestamp);
    }

    public void removePrivilege(AccessToken.Privileges privilege) {
        mTokenCreator.message.messages.remove(privilege.intValue);
    }

    public String buildToken() throws Exception {
        return mTokenCreator.build();
    }
}
