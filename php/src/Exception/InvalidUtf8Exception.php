<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `invalid_utf8`: a text field of the token is not UTF-8. */
class InvalidUtf8Exception extends InvalidTokenException
{
}
