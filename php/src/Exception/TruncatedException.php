<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `truncated`: the token payload ends inside a field. */
class TruncatedException extends InvalidTokenException
{
}
