<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `invalid_app_certificate`: the app certificate is not 32 hexadecimal characters (the message describes its shape, never its text). */
class InvalidAppCertificateException extends AgoraTokenException
{
}
