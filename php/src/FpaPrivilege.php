<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the FPA service. */
enum FpaPrivilege: int
{
    case Login = 1;
}
