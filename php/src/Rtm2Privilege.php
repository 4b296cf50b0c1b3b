<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the RTM2 service. */
enum Rtm2Privilege: int
{
    case Login = 1;
}
