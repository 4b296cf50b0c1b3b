<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `invalid_base64`: the token body is not valid base64. */
class InvalidBase64Exception extends InvalidTokenException
{
}
