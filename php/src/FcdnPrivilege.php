<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the FCDN service. */
enum FcdnPrivilege: int
{
    case Publish = 1;
    case Play = 2;
}
