<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `unknown_service_type`: a service type outside 1..10. */
class UnknownServiceTypeException extends AgoraTokenException
{
}
