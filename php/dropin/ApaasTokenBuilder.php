<?php

/* Drop-in for upstream's php/src/ApaasTokenBuilder.php (plus an optional AgoraToken\Options last). */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;

class ApaasTokenBuilder
{
    /** APaaS room user (role packed as a signed 16-bit number), RTM login and Chat (md5 of $userUuid), each until $expire. */
    public static function buildRoomUserToken($appId, #[\SensitiveParameter] $appCertificate, $roomUuid, $userUuid, $role, $expire, ?Options $options = null)
    {
        return DropIn::issue(
            'agora_token_apaas_build_room_user_token',
            $appId,
            $appCertificate,
            $options,
            ...DropIn::text('roomUuid', $roomUuid),
            ...DropIn::text('userUuid', $userUuid),
            ...[Reading::looseI16('role', $role), Reading::looseU32('expire', $expire)],
        );
    }

    /** The APaaS user privilege until $expire. */
    public static function buildUserToken($appId, #[\SensitiveParameter] $appCertificate, $userUuid, $expire, ?Options $options = null)
    {
        return DropIn::issue('agora_token_apaas_build_user_token', $appId, $appCertificate, $options, ...DropIn::text('userUuid', $userUuid), ...[Reading::looseU32('expire', $expire)]);
    }

    /** The APaaS app privilege until $expire. */
    public static function buildAppToken($appId, #[\SensitiveParameter] $appCertificate, $expire, ?Options $options = null)
    {
        return DropIn::issue('agora_token_apaas_build_app_token', $appId, $appCertificate, $options, Reading::looseU32('expire', $expire));
    }
}
