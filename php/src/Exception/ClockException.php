<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `clock`: the system clock could not give the issue time. */
class ClockException extends AgoraTokenException
{
}
