<?php

/*
 * Drop-in for upstream's php/src/EducationTokenBuilder.php, which is ApaasTokenBuilder under
 * another name (buildRoomUserToken, buildUserToken, buildAppToken; plus an optional
 * AgoraToken\Options last).
 */

declare(strict_types=1);

class EducationTokenBuilder extends ApaasTokenBuilder
{
}
