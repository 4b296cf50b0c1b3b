<?php

declare(strict_types=1);

namespace AgoraToken;

use AgoraToken\Internal\Native;
use AgoraToken\Internal\Reading;
use FFI;
use FFI\CData;

/**
 * How a token is issued: its issue time and salt (both injectable for reproducible tokens;
 * null = the system clock and a random salt), and strict mode.
 *
 * Every builder takes one as its last argument: the drop-in classes (after upstream's own
 * arguments) and the typed API. With `strict: true` a drop-in builder refuses with a typed
 * exception what it otherwise accepts with a CompatWarning: role numbers the token kind does
 * not define (UnknownRoleException), 007 expiries that look like Unix timestamps
 * (ExpiryLooksAbsoluteException), 006 expiries that look like seconds
 * (ExpiryLooksRelativeException). The typed API (Tokens) is always strict.
 */
final class Options
{
    private ?CData $native = null;
    private ?CData $pointer = null;

    /**
     * @param int|null $issuedAt Unix seconds, 0 to 4294967295 (006 tokens store only issuedAt + 24 hours)
     * @param int|null $salt 0 to 4294967295
     */
    public function __construct(
        public readonly ?int $issuedAt = null,
        public readonly ?int $salt = null,
        public readonly bool $strict = false,
    ) {
        if ($issuedAt !== null) {
            Reading::u32('issuedAt', $issuedAt);
        }
        if ($salt !== null) {
            Reading::u32('salt', $salt);
        }
    }

    /** The same options in strict mode. */
    public function strict(): self
    {
        return $this->strict ? $this : new self($this->issuedAt, $this->salt, true);
    }

    /**
     * A pointer to the C struct AgoraTokenOptions (made once per Options object).
     *
     * @internal
     */
    public function native(): CData
    {
        if ($this->pointer === null) {
            $native = Native::ffi()->new('AgoraTokenOptions');
            $native->issued_at = $this->issuedAt ?? 0;
            $native->salt = $this->salt ?? 0;
            $native->has_issued_at = $this->issuedAt === null ? 0 : 1;
            $native->has_salt = $this->salt === null ? 0 : 1;
            $native->strict = $this->strict ? 1 : 0;
            $this->native = $native;
            $this->pointer = FFI::addr($native);
        }
        return $this->pointer;
    }

    /** @return array<string, mixed> */
    public function __debugInfo(): array
    {
        return ['issuedAt' => $this->issuedAt, 'salt' => $this->salt, 'strict' => $this->strict];
    }
}
