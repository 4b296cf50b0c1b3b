<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the APaaS (Education) service. */
enum ApaasPrivilege: int
{
    case RoomUser = 1;
    case User = 2;
    case App = 3;
}
