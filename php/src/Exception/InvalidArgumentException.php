<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `invalid_argument`: a number outside its token field, text that is not UTF-8, ... */
class InvalidArgumentException extends AgoraTokenException
{
}
