<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `wrong_version`: the token does not start with the expected version ("007" or "006"). */
class WrongVersionException extends InvalidTokenException
{
}
