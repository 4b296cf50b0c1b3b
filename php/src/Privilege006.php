<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of 006 tokens (values are absolute Unix times; 0 = no expiry). Case names are the core's privilege names. */
enum Privilege006: int
{
    case JoinChannel = 1;
    case PublishAudioStream = 2;
    case PublishVideoStream = 3;
    case PublishDataStream = 4;
    case PublishAudioToCdn = 5;
    case PublishVideoToCdn = 6;
    case RequestToPublishAudioStream = 7;
    case RequestToPublishVideoStream = 8;
    case RequestToPublishDataStream = 9;
    case InviteToPublishAudioStream = 10;
    case InviteToPublishVideoStream = 11;
    case InviteToPublishDataStream = 12;
    case AdministrateChannel = 101;
    case RtmLogin = 1000;
}
