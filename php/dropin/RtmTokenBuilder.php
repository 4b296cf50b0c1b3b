<?php

/*
 * Drop-in for upstream's php/src/RtmTokenBuilder.php (006 RTM tokens; plus an optional
 * AgoraToken\Options last). The role is unused, as upstream.
 */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;

class RtmTokenBuilder
{
    const RoleRtmUser = 1;

    /** RTM login until the absolute Unix time $privilegeExpireTs. */
    public static function buildToken($appID, #[\SensitiveParameter] $appCertificate, $userAccount, $role, $privilegeExpireTs, ?Options $options = null)
    {
        return DropIn::issue(
            'agora_token_006_rtm_build_token',
            $appID,
            $appCertificate,
            $options,
            ...DropIn::text('userAccount', $userAccount),
            ...[Reading::looseU32('privilegeExpireTs', $privilegeExpireTs)],
        );
    }
}
