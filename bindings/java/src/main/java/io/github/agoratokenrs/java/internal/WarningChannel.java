package io.github.agoratokenrs.java.internal;

import io.github.agoratokenrs.java.CompatWarning;
import io.github.agoratokenrs.java.CompatWarningListener;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The state behind {@code io.github.agoratokenrs.java.CompatWarnings}. Internal. */
public final class WarningChannel {
    private WarningChannel() {}

    public static final Logger LOGGER = Logger.getLogger("io.github.agoratokenrs.java");

    public static final CompatWarningListener LOGGING_LISTENER =
            warning -> LOGGER.log(Level.WARNING, "[{0}] {1}", new Object[] {warning.code(), warning.message()});

    public static volatile CompatWarningListener listener = LOGGING_LISTENER;

    /** The warnings collected on this thread by {@code CompatWarnings.collect}, if it is collecting. */
    public static final ThreadLocal<List<CompatWarning>> COLLECTOR = new ThreadLocal<>();

    /** Reports a warning: to this thread's collector if there is one, else to the listener. */
    public static void emit(CompatWarning warning) {
        List<CompatWarning> collector = COLLECTOR.get();
        if (collector != null) {
            collector.add(warning);
        } else {
            listener.onWarning(warning);
        }
    }
}
