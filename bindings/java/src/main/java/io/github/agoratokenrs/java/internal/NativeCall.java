package io.github.agoratokenrs.java.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.CompatWarning;
import java.nio.charset.StandardCharsets;

/**
 * The outputs of one C call ({@code warnings}, the result string {@code out}, {@code errorMessage})
 * and what every call does with them: a non-zero status becomes an {@link AgoraTokenException}
 * with the C ABI's code and message; warnings go to {@link WarningChannel}; every string and list
 * the library returned is freed. Internal.
 */
public final class NativeCall {
    public final PointerByReference warnings = new PointerByReference();
    public final PointerByReference out = new PointerByReference();
    public final PointerByReference errorMessage = new PointerByReference();

    /** The string the call returned in {@link #out} (a token or JSON), after delivering its warnings. */
    public String result(int status) {
        try {
            check(status, errorMessage);
            String value = take(out);
            deliver(warnings);
            return value;
        } finally {
            freeAll();
        }
    }

    /** Completes a call that returns nothing but a status (and maybe warnings). */
    public void done(int status) {
        try {
            check(status, errorMessage);
            deliver(warnings);
        } finally {
            freeAll();
        }
    }

    private void freeAll() {
        AgoraTokenC.agora_token_free(out.getValue());
        AgoraTokenC.agora_token_free(errorMessage.getValue());
        AgoraTokenC.agora_token_warnings_free(warnings.getValue());
        out.setValue(null);
        errorMessage.setValue(null);
        warnings.setValue(null);
    }

    /** Throws the typed exception for a non-zero status (freeing the message). */
    public static void check(int status, PointerByReference errorMessage) {
        if (status == 0) {
            return;
        }
        String message = take(errorMessage);
        throw new AgoraTokenException(status, string(AgoraTokenC.agora_token_status_code(status)),
                message != null ? message : "agora-token error " + status);
    }

    /** Reads and frees a string the library returned (null stays null). */
    public static String take(PointerByReference ref) {
        Pointer p = ref.getValue();
        if (p == null) {
            return null;
        }
        try {
            return string(p);
        } finally {
            AgoraTokenC.agora_token_free(p);
            ref.setValue(null);
        }
    }

    /** A NUL-terminated UTF-8 string owned by the library (not freed here). */
    public static String string(Pointer p) {
        return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
    }

    /** Hands a warning list to the {@link WarningChannel} and frees it. */
    private static void deliver(PointerByReference ref) {
        Pointer list = ref.getValue();
        if (list == null) {
            return;
        }
        long count = AgoraTokenC.agora_token_warnings_count(list);
        CompatWarning[] found = new CompatWarning[(int) count];
        for (int i = 0; i < count; i++) {
            found[i] = new CompatWarning(string(AgoraTokenC.agora_token_warnings_code(list, i)),
                    string(AgoraTokenC.agora_token_warnings_message(list, i)));
        }
        AgoraTokenC.agora_token_warnings_free(list);
        ref.setValue(null);
        for (CompatWarning warning : found) {
            WarningChannel.emit(warning);
        }
    }

    /**
     * A Java string as the UTF-8 bytes the C ABI takes (as upstream's {@code getBytes()} writes
     * it: an unpaired surrogate becomes {@code '?'}). {@code null} is refused with the
     * {@code invalid_argument} error, naming the argument (upstream fails on it too).
     */
    public static byte[] utf8(String field, String value) {
        if (value == null) {
            throw new AgoraTokenException(12, "invalid_argument", "invalid " + field + ": it is null; pass a string (\"\" for none)");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
