<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `unknown_privilege`: a privilege number the service does not define (typed API, strict mode). */
class UnknownPrivilegeException extends AgoraTokenException
{
}
