<?php

declare(strict_types=1);

namespace AgoraToken;

/**
 * A value a drop-in builder accepted as the official builders do, although it is almost
 * certainly a mistake (a 007 role of 0, a privilege number the service does not define, an
 * expiry that looks like a Unix timestamp, a fraction dropped, a uid written as text...).
 *
 * `code` is the core's stable name of the case (the same string in every language), `message`
 * says what upstream does with the value and what to pass instead. Delivered through
 * CompatWarnings; the typed API refuses the same input with an exception instead.
 */
final class CompatWarning
{
    /** Every code, as the core (agora_token::compat::CompatWarning::CODES) defines them. */
    public const CODES = [
        'role_read_as_join_only',
        'undefined_privilege',
        'expiry_looks_absolute',
        'expiry_looks_relative',
        'lifetime_over_24h',
        'fraction_truncated',
        'not_a_number',
        'issue_time_zero_not_now',
        'uid_written_as_text',
        'undefined_rtm2_type',
    ];

    public function __construct(
        public readonly string $code,
        public readonly string $message,
    ) {
    }

    public function __toString(): string
    {
        return "[{$this->code}] {$this->message}";
    }
}
