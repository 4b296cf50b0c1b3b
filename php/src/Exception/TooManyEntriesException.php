<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `too_many_entries`: a list has more than the 65535 entries a token holds. */
class TooManyEntriesException extends AgoraTokenException
{
}
