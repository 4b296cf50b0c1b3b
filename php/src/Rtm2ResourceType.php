<?php

declare(strict_types=1);

namespace AgoraToken;

/** RTM2 resource types. */
enum Rtm2ResourceType: int
{
    case MessageChannels = 0;
    case StreamChannels = 1;
    case GroupChannels = 2;
    case ServerGroups = 3;
    case Users = 4;
}
