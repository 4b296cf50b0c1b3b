package io.github.agoratokenrs.java;

import com.sun.jna.Pointer;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;

/**
 * An app id and app certificate, checked once by the core (32 hexadecimal characters each).
 * {@link #toString()} never shows the certificate, and neither does any error message.
 */
public final class Credentials {
    private final String appId;
    private final String appCertificate;

    private Credentials(String appId, String appCertificate) {
        this.appId = appId;
        this.appCertificate = appCertificate;
    }

    /**
     * Checks and holds the credentials.
     *
     * @throws AgoraTokenException {@code invalid_app_id} or {@code invalid_app_certificate},
     *     with a message that describes only the certificate's shape
     */
    public static Credentials of(String appId, String appCertificate) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        NativeCall call = new NativeCall();
        int status = AgoraTokenC.agora_token_builder_new(a, a.length, c, c.length, 0, null, null, call.out,
                call.errorMessage);
        Pointer builder = call.takeHandle();
        AgoraTokenC.agora_token_builder_free(builder);
        call.done(status);
        return new Credentials(appId, appCertificate);
    }

    /** The app id. */
    public String appId() {
        return appId;
    }

    /** The certificate, for this package's calls only. */
    String appCertificate() {
        return appCertificate;
    }

    @Override
    public String toString() {
        return "Credentials[appId=" + appId + ", appCertificate=<redacted>]";
    }
}
