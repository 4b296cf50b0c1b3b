<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the RTM service. */
enum RtmPrivilege: int
{
    case Login = 1;
}
