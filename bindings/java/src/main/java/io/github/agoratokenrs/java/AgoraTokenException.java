package io.github.agoratokenrs.java;

/**
 * An error of the agora-token core: {@link #code()} is its stable code (the same in every
 * binding: {@code invalid_app_id}, {@code invalid_app_certificate}, {@code field_too_long},
 * {@code no_services}, {@code unknown_role}, {@code unknown_privilege},
 * {@code unknown_service_type}, {@code unknown_rtm2_type}, {@code expiry_looks_absolute},
 * {@code expiry_looks_relative}, {@code invalid_argument}, {@code invalid_base64},
 * {@code invalid_zlib}, {@code truncated}, {@code signature_mismatch}, ...), {@link #status()}
 * the C ABI's number for it, and the message says what to fix. No message ever contains the app
 * certificate.
 *
 * <p>Unchecked, so the drop-in classes keep upstream's signatures: where the official builders
 * print a stack trace and return {@code ""}, they throw this.
 */
public class AgoraTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public AgoraTokenException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The stable code, e.g. {@code "invalid_app_certificate"}. */
    public String code() {
        return code;
    }

    /** The C ABI's status number ({@code AgoraTokenStatus}), e.g. 2 for {@code invalid_app_certificate}. */
    public int status() {
        return status;
    }
}
