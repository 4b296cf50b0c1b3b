<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `expiry_looks_relative`: strict mode refused a 006 expiry that looks like a number of seconds (006 expiries are Unix timestamps). */
class ExpiryLooksRelativeException extends AgoraTokenException
{
}
