<?php

declare(strict_types=1);

namespace AgoraToken\Internal;

use AgoraToken\Options;

/**
 * The shared call of the drop-in builder classes: upstream's loose app id and certificate
 * read as strings, then one C builder function with warnings reported.
 *
 * @internal
 */
final class DropIn
{
    /** The 007 RTC roles in the order upstream compares them (ROLE_PUBLISHER first). */
    public const RTC_ROLES = [1, 2];

    /** The 006 RTC roles: the publishing ones (attendee, publisher, admin) first, as upstream compares them. */
    public const ROLES_006 = [0, 1, 101, 2];

    public static function issue(string $function, mixed $appId, #[\SensitiveParameter] mixed $appCertificate, ?Options $options, mixed ...$arguments): string
    {
        $appId = Reading::text('appId', $appId);
        $appCertificate = Reading::text('appCertificate', $appCertificate);
        return Native::issue($function, $options, true, $appId, strlen($appId), $appCertificate, strlen($appCertificate), ...$arguments);
    }

    /** A 007 RTC role argument. */
    public static function rtcRole(mixed $role, ?Options $options): int
    {
        return Reading::role(7, $role, self::RTC_ROLES, $options?->strict ?? false);
    }

    /**
     * The C arguments after the credentials of buildTokenWithRtm2, ConvoAITokenBuilder and
     * SttTokenBuilder, from the PHP call's arguments (upstream's twelve, then Options).
     *
     * @param list<mixed> $arguments
     * @return list<mixed>
     */
    public static function rtcAndRtm(array $arguments): array
    {
        [, , $channelName, $rtcAccount, $rtcRole, $rtcTokenExpire, $join, $audio, $video, $data, $rtmUserId, $rtmTokenExpire] = $arguments;
        $options = $arguments[12] ?? null;
        return [
            ...self::text('channelName', $channelName),
            ...self::text('rtcAccount', $rtcAccount),
            self::rtcRole($rtcRole, $options),
            Reading::looseU32('rtcTokenExpire', $rtcTokenExpire),
            Reading::looseU32('joinChannelPrivilegeExpire', $join),
            Reading::looseU32('pubAudioPrivilegeExpire', $audio),
            Reading::looseU32('pubVideoPrivilegeExpire', $video),
            Reading::looseU32('pubDataStreamPrivilegeExpire', $data),
            ...self::text('rtmUserId', $rtmUserId),
            Reading::looseU32('rtmTokenExpire', $rtmTokenExpire),
        ];
    }

    /**
     * A string argument with its byte length, as the C functions take it.
     *
     * @return array{string, int}
     */
    public static function text(string $field, mixed $value): array
    {
        $text = Reading::text($field, $value);
        return [$text, strlen($text)];
    }
}
