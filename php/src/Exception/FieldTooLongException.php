<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `field_too_long`: a string is longer than the 65535 bytes a token field holds. */
class FieldTooLongException extends AgoraTokenException
{
}
