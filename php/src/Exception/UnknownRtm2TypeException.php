<?php

declare(strict_types=1);

namespace AgoraToken\Exception;

/** `unknown_rtm2_type`: an RTM2 resource type outside 0..4 or permission type outside 0..1 (typed API). */
class UnknownRtm2TypeException extends AgoraTokenException
{
}
