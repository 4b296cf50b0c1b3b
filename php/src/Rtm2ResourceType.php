<?php

declare(strict_types=1);

namespace AgoraToken;

/** RTM2 resource types. */
enum Rtm2ResourceType: int
{
    case MessageChannel = 0;
    case StreamChannel = 1;
    case GroupChannel = 2;
    case ServerGroup = 3;
    case User = 4;
}
