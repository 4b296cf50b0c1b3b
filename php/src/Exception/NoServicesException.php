<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `no_services`: a token without any service. */
class NoServicesException extends AgoraTokenException
{
}
