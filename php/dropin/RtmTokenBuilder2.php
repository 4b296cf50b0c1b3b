<?php

/* Drop-in for upstream's php/src/RtmTokenBuilder2.php (plus an optional AgoraToken\Options last). */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;
use AgoraToken\Rtm2Permissions as NativeRtm2Permissions;

class RtmTokenBuilder2
{
    /** RTM login for $userId until $expire (also the token's lifetime). */
    public static function buildToken($appId, #[\SensitiveParameter] $appCertificate, $userId, $expire, ?Options $options = null)
    {
        return DropIn::issue('agora_token_rtm_build_token', $appId, $appCertificate, $options, ...DropIn::text('userId', $userId), ...[Reading::looseU32('expire', $expire)]);
    }

    /** RTM2 login with resource permissions (an Rtm2Permissions from AccessToken2.php). */
    public static function buildTokenWithPermissions($appId, #[\SensitiveParameter] $appCertificate, $userId, $permissions, $expire, ?Options $options = null)
    {
        $details = $permissions instanceof Rtm2Permissions ? $permissions->details : [];
        $native = NativeRtm2Permissions::fromUpstreamDetails((array) $details);
        return DropIn::issue(
            'agora_token_rtm_build_token_with_permissions',
            $appId,
            $appCertificate,
            $options,
            ...DropIn::text('userId', $userId),
            ...[$native->handle(), Reading::looseU32('expire', $expire)],
        );
    }
}
