<?php

/*
 * Drop-in for upstream's php/src/RtcTokenBuilder.php (006 RTC tokens; plus an optional
 * AgoraToken\Options last). Expiries are absolute Unix times.
 */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;

class RtcTokenBuilder
{
    const RoleAttendee = 0;
    const RolePublisher = 1;
    const RoleSubscriber = 2;
    const RoleAdmin = 101;

    /** Join, plus publishing for RoleAttendee, RolePublisher and RoleAdmin, until $privilegeExpireTs; uid 0 = any user. */
    public static function buildTokenWithUid($appID, #[\SensitiveParameter] $appCertificate, $channelName, $uid, $role, $privilegeExpireTs, ?Options $options = null)
    {
        return self::buildTokenWithUserAccount($appID, $appCertificate, $channelName, $uid, $role, $privilegeExpireTs, $options);
    }

    /** As buildTokenWithUid for a string account. */
    public static function buildTokenWithUserAccount($appID, #[\SensitiveParameter] $appCertificate, $channelName, $userAccount, $role, $privilegeExpireTs, ?Options $options = null)
    {
        $channel = DropIn::text('channelName', $channelName);
        $user = Reading::uid('uid', $userAccount);
        $role = Reading::role(6, $role, DropIn::ROLES_006, $options?->strict ?? false);
        $expiry = Reading::looseU32('privilegeExpireTs', $privilegeExpireTs);
        if (is_int($user)) {
            return DropIn::issue('agora_token_006_rtc_build_token_with_uid', $appID, $appCertificate, $options, ...$channel, ...[$user, $role, $expiry]);
        }
        return DropIn::issue('agora_token_006_rtc_build_token_with_user_account', $appID, $appCertificate, $options, ...$channel, ...[$user, strlen($user), $role, $expiry]);
    }
}
