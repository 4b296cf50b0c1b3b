<?php

declare(strict_types=1);

namespace AgoraToken;

/** RTM2 permission types. */
enum Rtm2PermissionType: int
{
    case Read = 0;
    case Write = 1;
}
