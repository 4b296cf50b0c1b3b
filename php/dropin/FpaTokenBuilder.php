<?php

/* Drop-in for upstream's php/src/FpaTokenBuilder.php (plus an optional AgoraToken\Options last). */

declare(strict_types=1);

use AgoraToken\Internal\DropIn;
use AgoraToken\Options;

class FpaTokenBuilder
{
    /** An FPA token: it expires 24 hours after it is issued; login privilege 0. */
    public static function buildToken($appId, #[\SensitiveParameter] $appCertificate, ?Options $options = null)
    {
        return DropIn::issue('agora_token_fpa_build_token', $appId, $appCertificate, $options);
    }
}
