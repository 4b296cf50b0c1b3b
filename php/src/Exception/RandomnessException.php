<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `randomness`: the operating system could not give a random salt. */
class RandomnessException extends AgoraTokenException
{
}
