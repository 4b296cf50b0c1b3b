<?php

declare(strict_types=1);

namespace AgoraToken;

/**
 * Where the drop-in classes report a CompatWarning.
 *
 * By default, PHP's own channel: `trigger_error("agora-token [code] at file:line: message",
 * E_USER_WARNING)`, which goes through error_reporting, `@`, set_error_handler and the error
 * log like any PHP warning, naming the line of your code that called the builder. Frameworks
 * that turn every PHP warning into an exception (Laravel, Symfony in debug mode) would then
 * refuse the token upstream builds: give them a handler that logs instead, e.g.
 *
 *     CompatWarnings::setHandler(fn (CompatWarning $w) => $logger->warning($w->message, ['code' => $w->code]));
 *
 * `setHandler(null)` ignores warnings; strict mode (Options) refuses the same input instead.
 */
final class CompatWarnings
{
    private static ?\Closure $handler = null;
    private static bool $default = true;

    /**
     * Replaces the handler (null: ignore warnings) and returns the previous one
     * (null for "ignore"; the default handler as a Closure).
     *
     * @param null|callable(CompatWarning): void $handler
     */
    public static function setHandler(?callable $handler): ?\Closure
    {
        $previous = self::handler();
        self::$handler = $handler === null ? null : \Closure::fromCallable($handler);
        self::$default = false;
        return $previous;
    }

    /** Back to trigger_error(..., E_USER_WARNING). */
    public static function restoreDefaultHandler(): void
    {
        self::$handler = null;
        self::$default = true;
    }

    /**
     * Runs $call and returns its result with the warnings it gave, instead of reporting them.
     *
     * @template T
     * @param callable(): T $call
     * @return array{T, list<CompatWarning>}
     */
    public static function capture(callable $call): array
    {
        $found = [];
        $previous = self::handler();
        $wasDefault = self::$default;
        self::setHandler(static function (CompatWarning $warning) use (&$found): void {
            $found[] = $warning;
        });
        try {
            $result = $call();
        } finally {
            self::$handler = $previous;
            self::$default = $wasDefault;
        }
        return [$result, $found];
    }

    /** @internal reports one warning to the handler */
    public static function emit(CompatWarning $warning): void
    {
        if (self::$default) {
            self::trigger($warning);
        } elseif (self::$handler !== null) {
            (self::$handler)($warning);
        }
    }

    private static function handler(): ?\Closure
    {
        return self::$default ? \Closure::fromCallable([self::class, 'trigger']) : self::$handler;
    }

    /** The default handler: a PHP warning at the caller's line. */
    public static function trigger(CompatWarning $warning): void
    {
        trigger_error("agora-token [{$warning->code}]" . self::callerLocation() . ": {$warning->message}", E_USER_WARNING);
    }

    /** " at file:line" of the first call from outside this package. */
    private static function callerLocation(): string
    {
        $package = [__DIR__ . DIRECTORY_SEPARATOR, dirname(__DIR__) . DIRECTORY_SEPARATOR . 'dropin' . DIRECTORY_SEPARATOR];
        foreach (debug_backtrace(DEBUG_BACKTRACE_IGNORE_ARGS) as $frame) {
            $file = $frame['file'] ?? null;
            if (is_string($file) && !str_starts_with($file, $package[0]) && !str_starts_with($file, $package[1])) {
                return " at {$file}:" . ($frame['line'] ?? 0);
            }
        }
        return '';
    }
}
