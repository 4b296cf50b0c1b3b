<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of 006 tokens (values are absolute Unix times; 0 = no expiry). */
enum Privilege006: int
{
    case JoinChannel = 1;
    case PublishAudioStream = 2;
    case PublishVideoStream = 3;
    case PublishDataStream = 4;
    case PublishAudioCdn = 5;
    case PublishVideoCdn = 6;
    case RequestPublishAudioStream = 7;
    case RequestPublishVideoStream = 8;
    case RequestPublishDataStream = 9;
    case InvitePublishAudioStream = 10;
    case InvitePublishVideoStream = 11;
    case InvitePublishDataStream = 12;
    case AdministrateChannel = 101;
    case RtmLogin = 1000;
}
