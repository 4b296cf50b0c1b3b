<?php

/* Drop-in for upstream's php/src/ConvoAITokenBuilder.php (plus an optional AgoraToken\Options last). */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Options;

class ConvoAITokenBuilder
{
    /** RTC (publish expiries for RtcTokenBuilder2::ROLE_PUBLISHER only), RTM login and the ConvoAI service. */
    public static function buildToken(
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
        return DropIn::issue('agora_token_convoai_build_token', $appId, $appCertificate, $options, ...DropIn::rtcAndRtm(func_get_args()));
    }
}
