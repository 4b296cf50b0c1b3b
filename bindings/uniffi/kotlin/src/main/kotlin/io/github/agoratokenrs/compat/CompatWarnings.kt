package io.github.agoratokenrs.compat

import io.github.agoratokenrs.CompatWarning
import io.github.agoratokenrs.compatWarningCodes
import java.util.logging.Level
import java.util.logging.Logger

/** Receives the warnings of the drop-in layer (see [CompatWarnings]). */
fun interface CompatWarningListener {
    /** Called on the thread that built the token, before it is built; throwing aborts the build. */
    fun onWarning(warning: CompatWarning)
}

/** What [CompatWarnings.collect] returns: the block's value and the warnings it raised. */
data class CollectedWarnings<T>(val value: T, val warnings: List<CompatWarning>)

/**
 * Where the drop-in layer reports inputs that the official builders accept but that are almost
 * certainly mistakes: a 007 role other than 1 or 2, a 006 role other than 0, 1, 2 or 101, a
 * privilege number the service does not define, an RTM2 resource or permission type RTM2 does
 * not define, a 007 expiry that looks like a Unix timestamp or is over 24 hours (a negative
 * `Int` expiry is one: upstream packs its unsigned 32 bits), a 006 expiry that looks like a
 * number of seconds. The token is still built as upstream builds it. Each [CompatWarning]
 * carries the core's stable `code` (the same string in every binding, one of [CODES]) and a
 * `message` saying what upstream does and what to pass instead.
 *
 * By default every warning is logged with `java.util.logging` (logger
 * `io.github.agoratokenrs.compat`, level `WARNING`; on Android it reaches logcat). Replace
 * [listener] to route warnings elsewhere, or to throw and refuse such input; use [collect]
 * to capture the warnings of one call.
 */
object CompatWarnings {
    /** The `code` of every warning of the drop-in layers, as the core lists them (`CompatWarning::CODES`). */
    @JvmField
    val CODES: List<String> = compatWarningCodes()

    /** The logger of [loggingListener]. */
    @JvmField
    val logger: Logger = Logger.getLogger("io.github.agoratokenrs.compat")

    /** The default listener: logs `[code] message` at `WARNING` on [logger]. */
    @JvmField
    val loggingListener: CompatWarningListener = CompatWarningListener {
        logger.log(Level.WARNING, "[{0}] {1}", arrayOf(it.code, it.message))
    }

    /** Receives every warning not captured by [collect]; process-wide. */
    @Volatile
    @JvmStatic
    var listener: CompatWarningListener = loggingListener

    private val collectors = ThreadLocal<MutableList<CompatWarning>?>()

    /**
     * Runs [block] and returns its value with the warnings it raised on this thread, which
     * then do not reach [listener]. Nested calls each get their own warnings.
     */
    @JvmStatic
    fun <T> collect(block: () -> T): CollectedWarnings<T> {
        val outer = collectors.get()
        val warnings = mutableListOf<CompatWarning>()
        collectors.set(warnings)
        try {
            return CollectedWarnings(block(), warnings.toList())
        } finally {
            collectors.set(outer)
        }
    }

    internal fun emit(warning: CompatWarning?) {
        if (warning == null) return
        val collector = collectors.get()
        if (collector != null) collector += warning else listener.onWarning(warning)
    }
}
