<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/**
 * An error of the agora-token core: `getErrorCode()` is its stable code string (the same in
 * every language: "invalid_app_certificate", "signature_mismatch", ...), `getCode()` the C
 * library's status number, and the message says what to fix. No message contains the app
 * certificate. Each code has its own subclass; the five codes of malformed tokens share
 * InvalidTokenException.
 */
class AgoraTokenException extends \RuntimeException
{
    /** Each core error code and its class. */
    public const CLASSES = [
        'invalid_app_id' => InvalidAppIdException::class,
        'invalid_app_certificate' => InvalidAppCertificateException::class,
        'field_too_long' => FieldTooLongException::class,
        'too_many_entries' => TooManyEntriesException::class,
        'no_services' => NoServicesException::class,
        'unknown_role' => UnknownRoleException::class,
        'unknown_privilege' => UnknownPrivilegeException::class,
        'unknown_service_type' => UnknownServiceTypeException::class,
        'unknown_rtm2_type' => UnknownRtm2TypeException::class,
        'expiry_looks_absolute' => ExpiryLooksAbsoluteException::class,
        'expiry_looks_relative' => ExpiryLooksRelativeException::class,
        'invalid_argument' => InvalidArgumentException::class,
        'clock' => ClockException::class,
        'randomness' => RandomnessException::class,
        'wrong_version' => WrongVersionException::class,
        'invalid_base64' => InvalidBase64Exception::class,
        'invalid_zlib' => InvalidZlibException::class,
        'truncated' => TruncatedException::class,
        'invalid_utf8' => InvalidUtf8Exception::class,
        'signature_mismatch' => SignatureMismatchException::class,
        'internal' => InternalException::class,
    ];

    final public function __construct(
        private readonly string $errorCode,
        string $message,
        int $status = 0,
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, $status, $previous);
    }

    /** The exception of the class for `$code` (an unknown code gives this base class). */
    public static function fromCode(string $code, int $status, string $message): self
    {
        $class = self::CLASSES[$code] ?? self::class;
        return new $class($code, $message, $status);
    }

    /** The core's stable code string, e.g. "signature_mismatch". */
    public function getErrorCode(): string
    {
        return $this->errorCode;
    }
}
