<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `unknown_role`: a role number the token kind does not define (typed API, strict mode). */
class UnknownRoleException extends AgoraTokenException
{
}
