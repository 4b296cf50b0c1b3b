<?php

/* Drop-in for upstream's php/src/ChatTokenBuilder2.php (plus an optional AgoraToken\Options last). */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;

class ChatTokenBuilder2
{
    /** A Chat user token: the user privilege until $expire (also the token's lifetime). */
    public static function buildUserToken($appId, #[\SensitiveParameter] $appCertificate, $userId, $expire, ?Options $options = null)
    {
        return DropIn::issue('agora_token_chat_build_user_token', $appId, $appCertificate, $options, ...DropIn::text('userId', $userId), ...[Reading::looseU32('expire', $expire)]);
    }

    /** A Chat app token: the app privilege until $expire. */
    public static function buildAppToken($appId, #[\SensitiveParameter] $appCertificate, $expire, ?Options $options = null)
    {
        return DropIn::issue('agora_token_chat_build_app_token', $appId, $appCertificate, $options, Reading::looseU32('expire', $expire));
    }
}
