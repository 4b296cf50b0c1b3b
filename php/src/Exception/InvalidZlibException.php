<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `invalid_zlib`: the token payload is not a valid zlib stream. */
class InvalidZlibException extends InvalidTokenException
{
}
