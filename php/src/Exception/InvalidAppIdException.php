<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `invalid_app_id`: the app id is not 32 hexadecimal characters. */
class InvalidAppIdException extends AgoraTokenException
{
}
