package io.agora.media;

import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;

/** Drop-in for upstream {@code io.agora.media.FpaTokenBuilder}. */
public class FpaTokenBuilder {
    /** An FPA token (login privilege 0) that expires 24 hours after its issue time. */
    public String buildToken(String appId, String appCertificate) {
        return buildToken(appId, appCertificate, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time and salt. */
    public String buildToken(String appId, String appCertificate, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_fpa_build_token(a, a.length, c, c.length, Options.of(options),
                call.warnings, call.out, call.errorMessage));
    }
}
