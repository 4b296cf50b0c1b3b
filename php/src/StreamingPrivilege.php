<?php

declare(strict_types=1);

namespace AgoraToken;

/** Privileges of the Streaming service. */
enum StreamingPrivilege: int
{
    case PublishMixStream = 1;
    case PublishRawStream = 2;
}
