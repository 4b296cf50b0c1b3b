<?php

declare(strict_types=1);

namespace AgoraToken;

/** The role of an AccessToken2 (007) RTC token: a publisher may also publish audio, video and data streams. */
enum Role: int
{
    case Publisher = 1;
    case Subscriber = 2;
}
