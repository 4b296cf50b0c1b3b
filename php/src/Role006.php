<?php

declare(strict_types=1);

namespace AgoraToken;

/** The role of a 006 RTC token: attendees, publishers and admins may publish, subscribers only join. */
enum Role006: int
{
    case Attendee = 0;
    case Publisher = 1;
    case Subscriber = 2;
    case Admin = 101;
}
