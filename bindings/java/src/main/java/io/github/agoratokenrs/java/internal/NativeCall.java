package io.github.agoratokenrs.java.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.CompatWarning;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The outputs of one C call, three pointer-sized slots passed as {@code warnings}, the result
 * {@code out} (a string or a handle) and {@code errorMessage}, and what every call does with
 * them: a non-zero status becomes an {@link AgoraTokenException} with the C ABI's code and
 * message; warnings go to {@link WarningChannel}; every string and list the library returned is
 * freed. Internal.
 *
 * <p>The slots come from a per-thread pool and go back to it when the call completes
 * ({@link #result}, {@link #done}): allocating native memory per call would cost more than a
 * token build. Nested calls on one thread (a warning listener that builds a token) take other
 * slots. A call that never completes leaves its slots to the garbage collector.
 */
public final class NativeCall {
    private static final ThreadLocal<ArrayDeque<Slots>> POOL = ThreadLocal.withInitial(ArrayDeque::new);

    /** 24 bytes of native memory and a pointer to each 8-byte slot. */
    private static final class Slots {
        final Memory memory = new Memory(24);
        final Pointer warnings = memory.share(0, 8);
        final Pointer out = memory.share(8, 8);
        final Pointer errorMessage = memory.share(16, 8);
    }

    private final Slots slots;
    /** {@code AgoraTokenWarnings **}. */
    public final Pointer warnings;
    /** {@code char **} (token, JSON) or a handle's {@code T **}. */
    public final Pointer out;
    /** {@code char **error_message}. */
    public final Pointer errorMessage;

    public NativeCall() {
        Slots taken = POOL.get().poll();
        slots = taken != null ? taken : new Slots();
        slots.memory.clear();
        warnings = slots.warnings;
        out = slots.out;
        errorMessage = slots.errorMessage;
    }

    /** The string the call returned in {@link #out} (a token or JSON), after delivering its warnings. */
    public String result(int status) {
        try {
            check(status, errorMessage);
            String value = take(out);
            deliver(warnings);
            return value;
        } finally {
            release();
        }
    }

    /** Completes a call that returns nothing but a status (and maybe warnings). */
    public void done(int status) {
        try {
            check(status, errorMessage);
            deliver(warnings);
        } finally {
            release();
        }
    }

    /** Takes the handle a call wrote to {@link #out}, for the caller to free (null if none). */
    public Pointer takeHandle() {
        Pointer handle = out.getPointer(0);
        out.setPointer(0, null);
        return handle;
    }

    private void release() {
        AgoraTokenC.agora_token_free(out.getPointer(0));
        AgoraTokenC.agora_token_free(errorMessage.getPointer(0));
        AgoraTokenC.agora_token_warnings_free(warnings.getPointer(0));
        slots.memory.clear();
        POOL.get().push(slots);
    }

    /** Throws the typed exception for a non-zero status (taking and freeing the message in the slot). */
    private static void check(int status, Pointer errorMessage) {
        if (status == 0) {
            return;
        }
        String message = take(errorMessage);
        throw new AgoraTokenException(status, string(AgoraTokenC.agora_token_status_code(status)),
                message != null ? message : "agora-token error " + status);
    }

    /** Reads and frees the string a slot points to, and clears the slot (null stays null). */
    private static String take(Pointer slot) {
        Pointer p = slot.getPointer(0);
        if (p == null) {
            return null;
        }
        slot.setPointer(0, null);
        try {
            return string(p);
        } finally {
            AgoraTokenC.agora_token_free(p);
        }
    }

    /** A NUL-terminated UTF-8 string owned by the library (not freed here). */
    public static String string(Pointer p) {
        return p == null ? null : p.getString(0, StandardCharsets.UTF_8.name());
    }

    /** Hands the warning list a slot points to to the {@link WarningChannel}, freeing it first. */
    private static void deliver(Pointer slot) {
        Pointer list = slot.getPointer(0);
        if (list == null) {
            return;
        }
        slot.setPointer(0, null);
        long count = AgoraTokenC.agora_token_warnings_count(list);
        CompatWarning[] found = new CompatWarning[(int) count];
        for (int i = 0; i < count; i++) {
            found[i] = new CompatWarning(string(AgoraTokenC.agora_token_warnings_code(list, i)),
                    string(AgoraTokenC.agora_token_warnings_message(list, i)));
        }
        AgoraTokenC.agora_token_warnings_free(list);
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
