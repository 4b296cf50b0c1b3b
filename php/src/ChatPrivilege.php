<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the Chat service. */
enum ChatPrivilege: int
{
    case User = 1;
    case App = 2;
}
