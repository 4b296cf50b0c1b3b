<?php

/*
 * Drop-in for upstream's php/src/RtcTokenBuilder2.php: the same class, constants, methods and
 * defaults. Each method also takes an optional AgoraToken\Options last (issue time, salt,
 * strict mode). Uid 0 gives the token of the majority of upstream languages ("" = any user),
 * not upstream PHP's "0"; see php/README.md for every difference.
 */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;

class RtcTokenBuilder2
{
    const ROLE_PUBLISHER = 1;
    const ROLE_SUBSCRIBER = 2;

    /** Join until $privilegeExpire, plus publishing for ROLE_PUBLISHER; uid 0 = any user. */
    public static function buildTokenWithUid($appId, #[\SensitiveParameter] $appCertificate, $channelName, $uid, $role, $tokenExpire, $privilegeExpire = 0, ?Options $options = null)
    {
        return self::buildTokenWithUserAccount($appId, $appCertificate, $channelName, $uid, $role, $tokenExpire, $privilegeExpire, $options);
    }

    /** As buildTokenWithUid for a string account (written verbatim: "0" stays "0"). */
    public static function buildTokenWithUserAccount($appId, #[\SensitiveParameter] $appCertificate, $channelName, $account, $role, $tokenExpire, $privilegeExpire = 0, ?Options $options = null)
    {
        $channel = DropIn::text('channelName', $channelName);
        $user = Reading::uid('uid', $account);
        $role = DropIn::rtcRole($role, $options);
        $tokenExpire = Reading::looseU32('tokenExpire', $tokenExpire);
        $privilegeExpire = Reading::looseU32('privilegeExpire', $privilegeExpire);
        if (is_int($user)) {
            return DropIn::issue('agora_token_rtc_build_token_with_uid', $appId, $appCertificate, $options, ...$channel, ...[$user, $role, $tokenExpire, $privilegeExpire]);
        }
        return DropIn::issue('agora_token_rtc_build_token_with_user_account', $appId, $appCertificate, $options, ...$channel, ...[$user, strlen($user), $role, $tokenExpire, $privilegeExpire]);
    }

    /** All four RTC privileges, each with its own expiry (no role). */
    public static function buildTokenWithUidAndPrivilege(
        $appId,
        #[\SensitiveParameter] $appCertificate,
        $channelName,
        $uid,
        $tokenExpire,
        $joinChannelPrivilegeExpire,
        $pubAudioPrivilegeExpire,
        $pubVideoPrivilegeExpire,
        $pubDataStreamPrivilegeExpire,
        ?Options $options = null
    ) {
        return self::buildTokenWithUserAccountAndPrivilege($appId, $appCertificate, $channelName, $uid, $tokenExpire, $joinChannelPrivilegeExpire, $pubAudioPrivilegeExpire, $pubVideoPrivilegeExpire, $pubDataStreamPrivilegeExpire, $options);
    }

    /** As buildTokenWithUidAndPrivilege for a string account. */
    public static function buildTokenWithUserAccountAndPrivilege(
        $appId,
        #[\SensitiveParameter] $appCertificate,
        $channelName,
        $account,
        $tokenExpire,
        $joinChannelPrivilegeExpire,
        $pubAudioPrivilegeExpire,
        $pubVideoPrivilegeExpire,
        $pubDataStreamPrivilegeExpire,
        ?Options $options = null
    ) {
        $channel = DropIn::text('channelName', $channelName);
        $user = Reading::uid('uid', $account);
        $expiries = [
            Reading::looseU32('tokenExpire', $tokenExpire),
            Reading::looseU32('joinChannelPrivilegeExpire', $joinChannelPrivilegeExpire),
            Reading::looseU32('pubAudioPrivilegeExpire', $pubAudioPrivilegeExpire),
            Reading::looseU32('pubVideoPrivilegeExpire', $pubVideoPrivilegeExpire),
            Reading::looseU32('pubDataStreamPrivilegeExpire', $pubDataStreamPrivilegeExpire),
        ];
        if (is_int($user)) {
            return DropIn::issue('agora_token_rtc_build_token_with_uid_and_privilege', $appId, $appCertificate, $options, ...$channel, ...[$user, ...$expiries]);
        }
        return DropIn::issue('agora_token_rtc_build_token_with_user_account_and_privilege', $appId, $appCertificate, $options, ...$channel, ...[$user, strlen($user), ...$expiries]);
    }

    /** RTC as buildTokenWithUserAccount plus RTM login for the same account, until $tokenExpire. */
    public static function buildTokenWithRtm($appId, #[\SensitiveParameter] $appCertificate, $channelName, $account, $role, $tokenExpire, $privilegeExpire = 0, ?Options $options = null)
    {
        return DropIn::issue(
            'agora_token_rtc_build_token_with_rtm',
            $appId,
            $appCertificate,
            $options,
            ...DropIn::text('channelName', $channelName),
            ...DropIn::text('account', $account),
            ...[
                DropIn::rtcRole($role, $options),
                Reading::looseU32('tokenExpire', $tokenExpire),
                Reading::looseU32('privilegeExpire', $privilegeExpire),
            ],
        );
    }

    /** RTC (publish expiries for ROLE_PUBLISHER only) and RTM login, with separate expiries. */
    public static function buildTokenWithRtm2(
        $appId,
        #[\SensitiveParameter] $appCertificate,
        $channelName,
        $rtcAccount,
        $rtcRole,
        $rtcTokenExpire,
        $joinChannelPrivilegeExpire,
        $pubAudioPrivilegeExpire,
        $pubVideoPrivilegeExpire,
        $pubDataStreamPrivilegeExpire,
        $rtmUserId,
        $rtmTokenExpire,
        ?Options $options = null
    ) {
        return DropIn::issue('agora_token_rtc_build_token_with_rtm2', $appId, $appCertificate, $options, ...DropIn::rtcAndRtm(func_get_args()));
    }
}
