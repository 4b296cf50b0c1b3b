<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the RTC service (and the upstream names ServiceRtc::PRIVILEGE_*). */
enum RtcPrivilege: int
{
    case JoinChannel = 1;
    case PublishAudioStream = 2;
    case PublishVideoStream = 3;
    case PublishDataStream = 4;
}
