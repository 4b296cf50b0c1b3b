<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `internal`: a bug in agora-token (please report it with the call that caused it); never bad input. */
class InternalException extends AgoraTokenException
{
}
