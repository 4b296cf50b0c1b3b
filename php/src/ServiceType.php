<?php

declare(strict_types=1);

namespace AgoraToken;

/** The AccessToken2 (007) service types. */
enum ServiceType: int
{
    case Rtc = 1;
    case Rtm = 2;
    case Streaming = 3;
    case Fpa = 4;
    case Chat = 5;
    case Fcdn = 6;
    case Apaas = 7;
    case Rtm2 = 8;
    case ConvoAi = 9;
    case Stt = 10;
}
