<?php

declare(strict_types=1);

namespace AgoraToken\Internal;

use AgoraToken\Exception\AgoraTokenException;
use AgoraToken\CompatWarning;
use AgoraToken\CompatWarnings;
use AgoraToken\Options;
use FFI;
use FFI\CData;

/**
 * The C library (bindings/c, libagora_token_c) through PHP's FFI: loading it, and the calling
 * conventions every wrapper shares (out-strings freed with agora_token_free, status codes
 * turned into exceptions, warning lists into CompatWarnings).
 *
 * @internal
 */
final class Native
{
    /** The FFI scope name a preloaded header (ffi.preload, see preloadHeader()) declares. */
    public const SCOPE = 'AGORA_TOKEN';

    /** Overrides where the shared library is looked for (a path, or a name dlopen searches). */
    public const LIBRARY_ENV = 'AGORA_TOKEN_LIBRARY';

    private static ?FFI $ffi = null;

    /**
     * The out-cells every call reuses (token or JSON, error message, warnings) and their
     * addresses, made once: PHP runs one call at a time per thread, and each C function sets
     * its out-pointers before anything else.
     *
     * @var array{CData, CData, CData, CData, CData, CData}|null
     */
    private static ?array $cells = null;

    public static function ffi(): FFI
    {
        return self::$ffi ??= self::load();
    }

    private static function load(): FFI
    {
        if (!extension_loaded('FFI')) {
            throw new \RuntimeException('agora-token needs PHP\'s FFI extension (ext-ffi), which this PHP does not have');
        }
        // A header preloaded with ffi.preload (the way under php-fpm with ffi.enable=preload).
        if ((string) ini_get('ffi.preload') !== '') {
            try {
                return FFI::scope(self::SCOPE);
            } catch (FFI\Exception) {
                // ffi.preload names other headers: load ours below.
            }
        }
        $library = self::libraryPath();
        try {
            return FFI::cdef((string) file_get_contents(self::headerPath()), $library);
        } catch (FFI\Exception $error) {
            if (str_contains($error->getMessage(), 'ffi.enable')) {
                throw new \RuntimeException(
                    'agora-token: FFI is disabled here (ffi.enable=' . ini_get('ffi.enable') . '): set ffi.enable=1, '
                    . 'or preload the library with ffi.preload (see the package README)',
                    0,
                    $error,
                );
            }
            throw new \RuntimeException(
                "agora-token: cannot load the shared library '$library' ({$error->getMessage()}): build it with "
                . '`cargo build --release -p agora-token-c` and copy it to ' . self::packageLibraryPath()
                . ', or set ' . self::LIBRARY_ENV . ' to its path',
                0,
                $error,
            );
        }
    }

    /** The C declarations (bindings/c/include/agora_token_ffi.h, without preprocessor lines). */
    public static function headerPath(): string
    {
        return dirname(__DIR__, 2) . '/resources/agora_token_ffi.h';
    }

    /** The shared library's file name on this platform. */
    public static function libraryFileName(): string
    {
        return match (PHP_OS_FAMILY) {
            'Darwin' => 'libagora_token_c.dylib',
            'Windows' => 'agora_token_c.dll',
            default => 'libagora_token_c.so',
        };
    }

    /** Where the package looks first: `lib/` next to `src/`. */
    public static function packageLibraryPath(): string
    {
        return dirname(__DIR__, 2) . '/lib/' . self::libraryFileName();
    }

    /** AGORA_TOKEN_LIBRARY, else the package's lib/ copy, else the name for the system's search path. */
    public static function libraryPath(): string
    {
        $configured = getenv(self::LIBRARY_ENV);
        if (is_string($configured) && $configured !== '') {
            return $configured;
        }
        $bundled = self::packageLibraryPath();
        return is_file($bundled) ? $bundled : self::libraryFileName();
    }

    /** The header for ffi.preload: the declarations with the scope and library defines FFI::load needs. */
    public static function preloadHeader(string $library): string
    {
        return '#define FFI_SCOPE "' . self::SCOPE . "\"\n#define FFI_LIB \"" . addcslashes($library, "\"\\") . "\"\n"
            . (string) file_get_contents(self::headerPath());
    }

    /** @return array{CData, CData, CData, CData, CData, CData} the cells, then their addresses */
    private static function cells(): array
    {
        if (self::$cells === null) {
            $ffi = self::ffi();
            [$out, $error, $warnings] = [$ffi->new('char*'), $ffi->new('char*'), $ffi->new('AgoraTokenWarnings*')];
            self::$cells = [$out, $error, $warnings, FFI::addr($out), FFI::addr($error), FFI::addr($warnings)];
        }
        return self::$cells;
    }

    /**
     * Calls a C function whose last four parameters are options, warnings, token and
     * error_message, and returns the token; with `$warn` (the drop-in layer) the warnings go to
     * CompatWarnings, else they are not asked for.
     */
    public static function issue(string $function, ?Options $options, bool $warn, #[\SensitiveParameter] mixed ...$arguments): string
    {
        [$token, $error, $warnings, $tokenAddress, $errorAddress, $warningsAddress] = self::cells();
        $arguments[] = $options?->native();
        $arguments[] = $warn ? $warningsAddress : null;
        $arguments[] = $tokenAddress;
        $arguments[] = $errorAddress;
        $status = self::ffi()->$function(...$arguments);
        self::check($status, $error);
        $result = self::take($token);
        if ($warn) {
            self::deliver($warnings);
        }
        return $result;
    }

    /**
     * Calls a C function whose last two parameters are an out-string (token or JSON) and
     * error_message, and returns the string.
     */
    public static function text(string $function, #[\SensitiveParameter] mixed ...$arguments): string
    {
        [$out, $error, , $outAddress, $errorAddress] = self::cells();
        $arguments[] = $outAddress;
        $arguments[] = $errorAddress;
        $status = self::ffi()->$function(...$arguments);
        self::check($status, $error);
        return self::take($out);
    }

    /** Calls a C function whose last parameter is error_message and that returns only a status. */
    public static function call(string $function, #[\SensitiveParameter] mixed ...$arguments): void
    {
        [, $error, , , $errorAddress] = self::cells();
        $arguments[] = $errorAddress;
        $status = self::ffi()->$function(...$arguments);
        self::check($status, $error);
    }

    /**
     * Calls a C function whose last two parameters are warnings and error_message (the
     * readings, the unchecked setters), delivering the warnings.
     */
    public static function callWithWarnings(string $function, mixed ...$arguments): void
    {
        [, $error, $warnings, , $errorAddress, $warningsAddress] = self::cells();
        $arguments[] = $warningsAddress;
        $arguments[] = $errorAddress;
        $status = self::ffi()->$function(...$arguments);
        self::check($status, $error);
        self::deliver($warnings);
    }

    /** Throws the exception for a status other than 0, with the library's message (freed). */
    public static function check(int $status, CData $error): void
    {
        if ($status === 0) {
            return;
        }
        $message = self::take($error);
        $code = self::ffi()->agora_token_status_code($status);
        throw AgoraTokenException::fromCode($code, $status, $message);
    }

    /**
     * Reads and frees an out-string. The cell keeps the freed pointer until the next call
     * overwrites it: every C function sets each out-pointer (NULL first) before anything else.
     */
    public static function take(CData $cell): string
    {
        if (FFI::isNull($cell)) {
            return '';
        }
        $text = FFI::string($cell);
        self::ffi()->agora_token_free($cell);
        return $text;
    }

    /** Hands a warning list to CompatWarnings and frees it. */
    public static function deliver(CData $cell): void
    {
        if (FFI::isNull($cell)) {
            return;
        }
        $list = $cell;
        $ffi = self::ffi();
        $found = [];
        $count = $ffi->agora_token_warnings_count($list);
        for ($i = 0; $i < $count; $i++) {
            $found[] = new CompatWarning($ffi->agora_token_warnings_code($list, $i), $ffi->agora_token_warnings_message($list, $i));
        }
        $ffi->agora_token_warnings_free($list);
        foreach ($found as $warning) {
            CompatWarnings::emit($warning);
        }
    }
}
