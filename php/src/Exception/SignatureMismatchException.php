<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `signature_mismatch`: the signature does not match the certificate (or, for 006, the channel or user). */
class SignatureMismatchException extends AgoraTokenException
{
}
