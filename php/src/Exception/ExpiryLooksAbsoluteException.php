<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `expiry_looks_absolute`: strict mode refused a 007 expiry that looks like a Unix timestamp (007 expiries are seconds after the issue time). */
class ExpiryLooksAbsoluteException extends AgoraTokenException
{
}
