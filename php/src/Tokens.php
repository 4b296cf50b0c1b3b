<?php

declare(strict_types=1);

namespace AgoraToken;

use AgoraToken\Internal\Native;
use AgoraToken\Internal\Reading;

/**
 * One call per upstream builder, typed: the same services and privileges as the official
 * builder of that name (the core's rules), from typed arguments. Roles are enums, numbers are
 * checked against their token field (InvalidArgumentException), and nothing is reported as a
 * CompatWarning: what the drop-in classes accept with a warning is refused here or cannot be
 * expressed. 007 expiries are seconds after the issue time; `Options` fixes the issue time
 * and salt, and with `strict: true` refuses expiries that look like Unix timestamps.
 */
final class Tokens
{
    /** RTC (`buildTokenWithUid` / `buildTokenWithUserAccount`): join, plus publishing for a publisher. */
    public static function rtc(
        Credentials $credentials,
        string $channelName,
        int|string $user,
        Role $role,
        int $tokenExpire,
        int $privilegeExpire,
        ?Options $options = null,
    ): string {
        $expiries = [Reading::u32('tokenExpire', $tokenExpire), Reading::u32('privilegeExpire', $privilegeExpire)];
        if (is_int($user)) {
            return self::issue('agora_token_rtc_build_token_with_uid', $credentials, $options, $channelName, strlen($channelName), Reading::u32('uid', $user), $role->value, ...$expiries);
        }
        return self::issue('agora_token_rtc_build_token_with_user_account', $credentials, $options, $channelName, strlen($channelName), $user, strlen($user), $role->value, ...$expiries);
    }

    /** RTC with each privilege's own expiry (`buildTokenWithUidAndPrivilege` / `...UserAccountAndPrivilege`). */
    public static function rtcWithPrivileges(
        Credentials $credentials,
        string $channelName,
        int|string $user,
        int $tokenExpire,
        int $joinChannelPrivilegeExpire,
        int $pubAudioPrivilegeExpire,
        int $pubVideoPrivilegeExpire,
        int $pubDataStreamPrivilegeExpire,
        ?Options $options = null,
    ): string {
        $expiries = [
            Reading::u32('tokenExpire', $tokenExpire),
            Reading::u32('joinChannelPrivilegeExpire', $joinChannelPrivilegeExpire),
            Reading::u32('pubAudioPrivilegeExpire', $pubAudioPrivilegeExpire),
            Reading::u32('pubVideoPrivilegeExpire', $pubVideoPrivilegeExpire),
            Reading::u32('pubDataStreamPrivilegeExpire', $pubDataStreamPrivilegeExpire),
        ];
        if (is_int($user)) {
            return self::issue('agora_token_rtc_build_token_with_uid_and_privilege', $credentials, $options, $channelName, strlen($channelName), Reading::u32('uid', $user), ...$expiries);
        }
        return self::issue('agora_token_rtc_build_token_with_user_account_and_privilege', $credentials, $options, $channelName, strlen($channelName), $user, strlen($user), ...$expiries);
    }

    /** RTC and RTM for one account (`buildTokenWithRtm`): RTM login lasts the token's lifetime. */
    public static function rtcWithRtm(
        Credentials $credentials,
        string $channelName,
        string $account,
        Role $role,
        int $tokenExpire,
        int $privilegeExpire,
        ?Options $options = null,
    ): string {
        return self::issue(
            'agora_token_rtc_build_token_with_rtm',
            $credentials,
            $options,
            $channelName,
            strlen($channelName),
            $account,
            strlen($account),
            $role->value,
            Reading::u32('tokenExpire', $tokenExpire),
            Reading::u32('privilegeExpire', $privilegeExpire),
        );
    }

    /** RTC and RTM with separate expiries (`buildTokenWithRtm2`); publish expiries apply to a publisher only. */
    public static function rtcWithRtmExpiries(
        Credentials $credentials,
        string $channelName,
        string $rtcAccount,
        Role $rtcRole,
        int $rtcTokenExpire,
        int $joinChannelPrivilegeExpire,
        int $pubAudioPrivilegeExpire,
        int $pubVideoPrivilegeExpire,
        int $pubDataStreamPrivilegeExpire,
        string $rtmUserId,
        int $rtmTokenExpire,
        ?Options $options = null,
    ): string {
        return self::rtcRtm('agora_token_rtc_build_token_with_rtm2', func_get_args());
    }

    /** RTC, RTM and ConvoAI (`ConvoAITokenBuilder::buildToken`), arguments as rtcWithRtmExpiries. */
    public static function convoAi(
        Credentials $credentials,
        string $channelName,
        string $rtcAccount,
        Role $rtcRole,
        int $rtcTokenExpire,
        int $joinChannelPrivilegeExpire,
        int $pubAudioPrivilegeExpire,
        int $pubVideoPrivilegeExpire,
        int $pubDataStreamPrivilegeExpire,
        string $rtmUserId,
        int $rtmTokenExpire,
        ?Options $options = null,
    ): string {
        return self::rtcRtm('agora_token_convoai_build_token', func_get_args());
    }

    /** RTC, RTM and STT (`SttTokenBuilder::buildToken`), arguments as rtcWithRtmExpiries. */
    public static function stt(
        Credentials $credentials,
        string $channelName,
        string $rtcAccount,
        Role $rtcRole,
        int $rtcTokenExpire,
        int $joinChannelPrivilegeExpire,
        int $pubAudioPrivilegeExpire,
        int $pubVideoPrivilegeExpire,
        int $pubDataStreamPrivilegeExpire,
        string $rtmUserId,
        int $rtmTokenExpire,
        ?Options $options = null,
    ): string {
        return self::rtcRtm('agora_token_stt_build_token', func_get_args());
    }

    /** RTM login (`RtmTokenBuilder2::buildToken`). */
    public static function rtm(Credentials $credentials, string $userId, int $expire, ?Options $options = null): string
    {
        return self::issue('agora_token_rtm_build_token', $credentials, $options, $userId, strlen($userId), Reading::u32('expire', $expire));
    }

    /** RTM2 login with resource permissions (`RtmTokenBuilder2::buildTokenWithPermissions`). */
    public static function rtm2(Credentials $credentials, string $userId, Rtm2Permissions $permissions, int $expire, ?Options $options = null): string
    {
        return self::issue('agora_token_rtm_build_token_with_permissions', $credentials, $options, $userId, strlen($userId), $permissions->handle(), Reading::u32('expire', $expire));
    }

    /** A Chat user token (`ChatTokenBuilder2::buildUserToken`). */
    public static function chatUser(Credentials $credentials, string $userId, int $expire, ?Options $options = null): string
    {
        return self::issue('agora_token_chat_build_user_token', $credentials, $options, $userId, strlen($userId), Reading::u32('expire', $expire));
    }

    /** A Chat app token (`ChatTokenBuilder2::buildAppToken`). */
    public static function chatApp(Credentials $credentials, int $expire, ?Options $options = null): string
    {
        return self::issue('agora_token_chat_build_app_token', $credentials, $options, Reading::u32('expire', $expire));
    }

    /** An FPA token (`FpaTokenBuilder::buildToken`): 24 hours, login privilege 0. */
    public static function fpa(Credentials $credentials, ?Options $options = null): string
    {
        return self::issue('agora_token_fpa_build_token', $credentials, $options);
    }

    /** An APaaS/Education room user token: APaaS, RTM and Chat (md5 of the user uuid). */
    public static function apaasRoomUser(Credentials $credentials, string $roomUuid, string $userUuid, int $role, int $expire, ?Options $options = null): string
    {
        return self::issue(
            'agora_token_apaas_build_room_user_token',
            $credentials,
            $options,
            $roomUuid,
            strlen($roomUuid),
            $userUuid,
            strlen($userUuid),
            Reading::i16('role', $role),
            Reading::u32('expire', $expire),
        );
    }

    /** An APaaS/Education user token. */
    public static function apaasUser(Credentials $credentials, string $userUuid, int $expire, ?Options $options = null): string
    {
        return self::issue('agora_token_apaas_build_user_token', $credentials, $options, $userUuid, strlen($userUuid), Reading::u32('expire', $expire));
    }

    /** An APaaS/Education app token. */
    public static function apaasApp(Credentials $credentials, int $expire, ?Options $options = null): string
    {
        return self::issue('agora_token_apaas_build_app_token', $credentials, $options, Reading::u32('expire', $expire));
    }

    /**
     * A 006 RTC token: join, plus publishing for attendees, publishers and admins, until the
     * absolute Unix time `$privilegeExpiredTs` (0 = no expiry); the token expires 24 hours
     * after the issue time.
     */
    public static function rtc006(
        Credentials $credentials,
        string $channelName,
        int|string $user,
        Role006 $role,
        int $privilegeExpiredTs,
        ?Options $options = null,
    ): string {
        $expiry = Reading::u32('privilegeExpiredTs', $privilegeExpiredTs);
        if (is_int($user)) {
            return self::issue('agora_token_006_rtc_build_token_with_uid', $credentials, $options, $channelName, strlen($channelName), Reading::u32('uid', $user), $role->value, $expiry);
        }
        return self::issue('agora_token_006_rtc_build_token_with_user_account', $credentials, $options, $channelName, strlen($channelName), $user, strlen($user), $role->value, $expiry);
    }

    /** A 006 RTM token: login until the absolute Unix time `$privilegeExpiredTs`. */
    public static function rtm006(Credentials $credentials, string $account, int $privilegeExpiredTs, ?Options $options = null): string
    {
        return self::issue('agora_token_006_rtm_build_token', $credentials, $options, $account, strlen($account), Reading::u32('privilegeExpiredTs', $privilegeExpiredTs));
    }

    /** @param list<mixed> $arguments the arguments of rtcWithRtmExpiries */
    private static function rtcRtm(string $function, array $arguments): string
    {
        [$credentials, $channelName, $rtcAccount, $rtcRole, $rtcTokenExpire, $join, $audio, $video, $data, $rtmUserId, $rtmTokenExpire] = $arguments;
        return self::issue(
            $function,
            $credentials,
            $arguments[11] ?? null,
            $channelName,
            strlen($channelName),
            $rtcAccount,
            strlen($rtcAccount),
            $rtcRole->value,
            Reading::u32('rtcTokenExpire', $rtcTokenExpire),
            Reading::u32('joinChannelPrivilegeExpire', $join),
            Reading::u32('pubAudioPrivilegeExpire', $audio),
            Reading::u32('pubVideoPrivilegeExpire', $video),
            Reading::u32('pubDataStreamPrivilegeExpire', $data),
            $rtmUserId,
            strlen($rtmUserId),
            Reading::u32('rtmTokenExpire', $rtmTokenExpire),
        );
    }

    private static function issue(string $function, Credentials $credentials, ?Options $options, mixed ...$arguments): string
    {
        $appId = $credentials->appId;
        $certificate = $credentials->appCertificate();
        return Native::issue($function, $options, false, $appId, strlen($appId), $certificate, strlen($certificate), ...$arguments);
    }
}
