<?php

declare(strict_types=1);

namespace AgoraToken\Internal;

/**
 * Arguments as the C functions take them: byte strings, and integers checked against the
 * width of their token field (FFI would cut an out-of-range integer silently).
 *
 * The `loose*` readings are the drop-in layer's: PHP's own conversions of what upstream PHP
 * packs (its pack() reads "600", 600.9, true and null as numbers; its string conversion
 * writes a uid of -1 or 1.5 as text), with what is packed and what to warn about answered by
 * the core (agora_token_read_number, _read_uid_as_text, _read_role). An int in range, the
 * common case, is passed on without asking.
 *
 * @internal
 */
final class Reading
{
    private const U32_MAX = 0xFFFF_FFFF;

    // AgoraTokenNumberField and AgoraTokenNumberKind (bindings/c/include/agora_token.h).
    private const FIELD_U32 = 0;
    private const FIELD_U32_BITS = 1;
    private const FIELD_U16 = 2;
    private const FIELD_I16 = 3;
    private const KIND_WHOLE = 0;
    private const KIND_TEXT = 1;
    private const KIND_FRACTION = 2;
    private const KIND_NOT_A_NUMBER = 3;

    /** Longer strings are described, not quoted, so that a misplaced certificate never shows. */
    private const QUOTED_CHARS = 24;

    /** A string argument as upstream writes it: PHP's string conversion of a scalar. */
    public static function text(string $field, #[\SensitiveParameter] mixed $value): string
    {
        if (is_string($value)) {
            return $value;
        }
        if (is_scalar($value) || $value === null || $value instanceof \Stringable) {
            return (string) $value;
        }
        throw new \TypeError("agora-token: $field must be a string, " . get_debug_type($value) . ' given');
    }

    /** An unsigned 32-bit field (typed API): 0 to 4294967295, else the core's invalid_argument. */
    public static function u32(string $field, int $value): int
    {
        return $value >= 0 && $value <= self::U32_MAX ? $value : self::ask($field, self::FIELD_U32, self::KIND_WHOLE, $value, (string) $value);
    }

    /** An unsigned 16-bit field (typed API). */
    public static function u16(string $field, int $value): int
    {
        return $value >= 0 && $value <= 0xFFFF ? $value : self::ask($field, self::FIELD_U16, self::KIND_WHOLE, $value, (string) $value);
    }

    /** A signed 16-bit field (typed API). */
    public static function i16(string $field, int $value): int
    {
        return $value >= -0x8000 && $value <= 0x7FFF ? $value : self::ask($field, self::FIELD_I16, self::KIND_WHOLE, $value, (string) $value);
    }

    /** A 32-bit field as upstream PHP's pack("V") reads the argument (negative ints as their bits). */
    public static function looseU32(string $field, mixed $value): int
    {
        if (is_int($value) && $value >= 0 && $value <= self::U32_MAX) {
            return $value;
        }
        return self::askLoose($field, self::FIELD_U32_BITS, $value);
    }

    /** A 16-bit unsigned field (privilege number, RTM2 type) as upstream's pack("v") reads it. */
    public static function looseU16(string $field, mixed $value): int
    {
        if (is_int($value) && $value >= 0 && $value <= 0xFFFF) {
            return $value;
        }
        return self::askLoose($field, self::FIELD_U16, $value);
    }

    /** The signed 16-bit APaaS role as upstream's pack("s") reads it. */
    public static function looseI16(string $field, mixed $value): int
    {
        if (is_int($value) && $value >= -0x8000 && $value <= 0x7FFF) {
            return $value;
        }
        return self::askLoose($field, self::FIELD_I16, $value);
    }

    /**
     * A uid argument (RTC, Streaming, FCDN, 006): an int uid, or the account string upstream
     * writes. A whole number from 0 to 4294967295 (an int, or a float PHP writes with the same
     * digits) is a uid, 0 meaning any user ("" in the token, as the majority of upstream
     * languages write it; upstream PHP's RTC service writes "0"); a string is an account,
     * verbatim; anything else is written as PHP's string conversion writes it, with a warning.
     */
    public static function uid(string $field, mixed $value): int|string
    {
        if (is_int($value) && $value >= 0 && $value <= self::U32_MAX) {
            return $value;
        }
        if (is_string($value)) {
            return $value;
        }
        if ($value instanceof \Stringable) {
            return (string) $value;
        }
        if (is_float($value) && is_finite($value) && floor($value) === $value && $value >= 0 && $value <= self::U32_MAX) {
            return (int) $value;
        }
        $written = self::text($field, $value);
        $shown = self::shown($value);
        Native::callWithWarnings('agora_token_read_uid_as_text', $field, strlen($field), $shown, strlen($shown), $written, strlen($written));
        return $written;
    }

    /**
     * A role as upstream compares it (`$role == ROLE_PUBLISHER`): the first of `$codes` PHP
     * finds equal to the value (so "1", 1.0 and true are publishers), a whole number as
     * itself, and anything else (a value no role number equals) a join-only role 2 with the
     * core's warning. The C builders read the number (and warn about numbers they do not
     * define, or refuse them in strict mode).
     *
     * @param int $version 7 (AccessToken2) or 6 (006)
     * @param list<int> $codes the role numbers upstream compares with, publishing ones first
     */
    public static function role(int $version, mixed $value, array $codes, bool $strict): int
    {
        if (is_int($value)) {
            return $value;
        }
        if ($strict) {
            throw new \TypeError('agora-token: role must be an int in strict mode, ' . get_debug_type($value) . ' given');
        }
        foreach ($codes as $code) {
            if ($value == $code) {
                return $code;
            }
        }
        [$kind, $number] = self::number($value);
        if ($kind === self::KIND_WHOLE || $kind === self::KIND_TEXT) {
            return $number;
        }
        $shown = self::shown($value);
        Native::callWithWarnings('agora_token_read_role', $version, $shown, strlen($shown));
        return 2;
    }

    private static function askLoose(string $field, int $fieldType, mixed $value): int
    {
        [$kind, $number] = self::number($value);
        return self::ask($field, $fieldType, $kind, $number, self::shown($value));
    }

    private static function ask(string $field, int $fieldType, int $kind, int $value, string $shown): int
    {
        $packed = Native::ffi()->new('int64_t');
        Native::callWithWarnings(
            'agora_token_read_number',
            $field,
            strlen($field),
            $fieldType,
            $kind,
            $value,
            $shown,
            strlen($shown),
            \FFI::addr($packed),
        );
        return $packed->cdata;
    }

    /**
     * How PHP's pack() reads a value as a number: [kind, the whole number it packs]. A number
     * beyond the 64-bit range is given as text at the limit, so that the core refuses it
     * quoting the value as given.
     *
     * @return array{int, int}
     */
    private static function number(mixed $value): array
    {
        if (is_int($value)) {
            return [self::KIND_WHOLE, $value];
        }
        if (is_string($value) && is_numeric($value)) {
            $read = self::number(+$value);
            return [$read[0] === self::KIND_WHOLE ? self::KIND_TEXT : $read[0], $read[1]];
        }
        if (is_float($value)) {
            if (is_nan($value) || is_infinite($value)) {
                return [self::KIND_NOT_A_NUMBER, 0];
            }
            if ($value >= 9.2233720368547758E18 || $value < -9.2233720368547758E18) {
                return [self::KIND_TEXT, $value > 0 ? PHP_INT_MAX : PHP_INT_MIN];
            }
            return [floor($value) === $value ? self::KIND_WHOLE : self::KIND_FRACTION, (int) $value];
        }
        if (is_object($value)) {
            throw new \TypeError('agora-token: a number was expected, ' . get_debug_type($value) . ' given');
        }
        // true, false, null, "", "abc", "12abc", arrays: what (int) makes of them, as pack() does.
        return [self::KIND_NOT_A_NUMBER, (int) $value];
    }

    /** A value as PHP code would write it, short. */
    private static function shown(mixed $value): string
    {
        if (is_string($value)) {
            $characters = preg_match_all('/./su', $value);
            if ($characters === false) {
                return 'a string of ' . strlen($value) . ' bytes that is not UTF-8';
            }
            return $characters <= self::QUOTED_CHARS ? var_export($value, true) : "a string of $characters characters";
        }
        if (is_array($value)) {
            return 'an array of ' . count($value) . ' elements';
        }
        if ($value === null) {
            return 'null';
        }
        return var_export($value, true);
    }
}
