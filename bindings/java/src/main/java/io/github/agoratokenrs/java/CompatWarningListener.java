package io.github.agoratokenrs.java;

/** Receives the warnings of the drop-in classes (see {@link CompatWarnings}). */
@FunctionalInterface
public interface CompatWarningListener {
    /** Called on the thread that built the token, before the token is returned; throwing aborts the call. */
    void onWarning(CompatWarning warning);
}
