package io.github.agoratokenrs.java;

import io.github.agoratokenrs.java.internal.WarningChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Where the drop-in classes ({@code io.agora.*}) report input that the official builders accept
 * but that is almost certainly a mistake: a 007 role other than publisher or subscriber (e.g.
 * {@code null} or 006's 0), a 006 role other than 0, 1, 2 or 101, a privilege number the service
 * does not define, an RTM2 type RTM2 does not define, a 007 expiry that looks like a Unix
 * timestamp (a negative {@code int} is one: upstream packs its unsigned 32 bits) or is over 24
 * hours, a 006 expiry that looks like a number of seconds. The token is still built as upstream
 * builds it.
 *
 * <p>By default each warning is logged with {@code java.util.logging} (logger
 * {@code io.github.agoratokenrs.java}, level {@code WARNING}, text {@code [code] message}).
 * {@link #setListener} routes them elsewhere, or refuses such input by throwing;
 * {@link #collect} captures the warnings of one block on this thread.
 */
public final class CompatWarnings {
    private CompatWarnings() {}

    /** The logger of {@link #LOGGING_LISTENER}. */
    public static final Logger LOGGER = WarningChannel.LOGGER;

    /** The default listener: logs {@code [code] message} at {@code WARNING} on {@link #LOGGER}. */
    public static final CompatWarningListener LOGGING_LISTENER = WarningChannel.LOGGING_LISTENER;

    /** Sets the process-wide listener of the warnings {@link #collect} does not capture. */
    public static void setListener(CompatWarningListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener is null; use CompatWarnings.LOGGING_LISTENER for the default");
        }
        WarningChannel.listener = listener;
    }

    /** The current listener. */
    public static CompatWarningListener getListener() {
        return WarningChannel.listener;
    }

    /** A block's value and the warnings it raised. */
    public record Collected<T>(T value, List<CompatWarning> warnings) {}

    /**
     * Runs {@code block} and returns its value with the warnings it raised on this thread, which
     * then do not reach the listener. Nested calls each get their own warnings.
     */
    public static <T> Collected<T> collect(Supplier<T> block) {
        List<CompatWarning> outer = WarningChannel.COLLECTOR.get();
        List<CompatWarning> warnings = new ArrayList<>();
        WarningChannel.COLLECTOR.set(warnings);
        try {
            T value = block.get();
            return new Collected<>(value, List.copyOf(warnings));
        } finally {
            if (outer == null) {
                WarningChannel.COLLECTOR.remove();
            } else {
                WarningChannel.COLLECTOR.set(outer);
            }
        }
    }
}
