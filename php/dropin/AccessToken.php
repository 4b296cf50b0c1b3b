<?php

/*
 * Drop-in for upstream's php/src/AccessToken.php (006 tokens): Message and AccessToken with
 * upstream's properties and methods, built and read by the agora-token core. Privileges are
 * packed in ascending order as the majority of upstream languages do (upstream PHP packs them
 * in insertion order, so its publisher tokens differ); see php/README.md.
 */

declare(strict_types=1);

use AgoraToken\Exception\AgoraTokenException;
use AgoraToken\Internal\DropIn;
use AgoraToken\Internal\Native;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;
use AgoraToken\Token;

class Message
{
    /** null: a random salt (1..99999999) at build(); set it for a reproducible token. */
    public $salt;
    /** The token's expiry, absolute Unix seconds; null: 24 hours after build(). */
    public $ts;
    /** Privilege number => absolute Unix expiry (0 = no expiry). */
    public $privileges;

    public function __construct()
    {
        $this->salt = null;
        $this->ts = null;
        $this->privileges = array();
    }
}

class AccessToken
{
    const Privileges = array(
        "kJoinChannel" => 1,
        "kPublishAudioStream" => 2,
        "kPublishVideoStream" => 3,
        "kPublishDataStream" => 4,
        "kRtmLogin" => 1000,
    );

    public $appID, $appCertificate, $channelName, $uid;
    public $message;

    public function __construct()
    {
        $this->message = new Message();
    }

    /** var_dump() and print_r() show every property but the certificate. */
    public function __debugInfo()
    {
        $shown = get_object_vars($this);
        $shown['appCertificate'] = '(hidden)';
        return $shown;
    }

    /** A numeric uid 0 means any user (""); other values are read as the RTC builders read them. */
    public function setUid($uid)
    {
        $this->uid = $uid;
    }

    /** A token for a channel and user; app id and certificate are checked when it is built. */
    public static function init($appID, #[\SensitiveParameter] $appCertificate, $channelName, $uid)
    {
        $accessToken = new AccessToken();
        $accessToken->appID = $appID;
        $accessToken->appCertificate = $appCertificate;
        $accessToken->channelName = $channelName;
        $accessToken->setUid($uid);
        return $accessToken;
    }

    /**
     * The token's message (salt, expiry, privileges) with the channel and user it was built
     * for, as upstream's extract() reads it (without checking the signature: see
     * AgoraToken\Token::verify006). null when it is not a readable 006 token.
     */
    public static function initWithToken($token, #[\SensitiveParameter] $appCertificate, $channel, $uid)
    {
        $accessToken = new AccessToken();
        if (!$accessToken->extract($token, $appCertificate, $channel, $uid)) {
            return null;
        }
        return $accessToken;
    }

    public function addPrivilege($key, $expireTimestamp)
    {
        $this->message->privileges[$key] = $expireTimestamp;
        return $this;
    }

    public function extract($token, #[\SensitiveParameter] $appCertificate, $channelName, $uid)
    {
        if (!is_string($token)) {
            return false;
        }
        try {
            $decoded = Token::decodeUnverified006($token);
        } catch (AgoraTokenException) {
            return false;
        }
        $this->appID = $decoded['app_id'];
        $this->message = new Message();
        $this->message->salt = $decoded['salt'];
        $this->message->ts = $decoded['expires_at'];
        $this->message->privileges = $decoded['privileges'];
        $this->appCertificate = $appCertificate;
        $this->channelName = $channelName;
        $this->setUid($uid);
        return true;
    }

    /** Signs and encodes the token; bad credentials throw (upstream signs anyway). */
    public function build(?Options $options = null)
    {
        $message = $this->message;
        $codes = $times = [];
        foreach ((array) $message->privileges as $privilege => $expire) {
            $codes[] = Reading::looseU16('privilege', $privilege);
            $times[] = Reading::looseU32('privilege expire', $expire);
        }
        $count = count($codes);
        $ffi = Native::ffi();
        $codeArray = $timeArray = null;
        if ($count > 0) {
            $codeArray = $ffi->new("uint16_t[$count]");
            $timeArray = $ffi->new("uint32_t[$count]");
            foreach ($codes as $i => $code) {
                $codeArray[$i] = $code;
                $timeArray[$i] = $times[$i];
            }
        }
        $expiresAt = null;
        if ($message->ts !== null) {
            $expiresAt = $ffi->new('uint32_t');
            $expiresAt->cdata = Reading::looseU32('ts', $message->ts);
        }
        $salt = $message->salt === null ? null : Reading::looseU32('salt', $message->salt);
        $options = new Options($options?->issuedAt, $salt ?? $options?->salt, $options?->strict ?? false);
        $user = Reading::uid('uid', $this->uid ?? '');
        return DropIn::issue(
            'agora_token_006_build_token',
            $this->appID,
            $this->appCertificate,
            $options,
            ...DropIn::text('channelName', $this->channelName),
            ...(is_int($user) ? [1, $user, '', 0] : [2, 0, $user, strlen($user)]),
            ...[$codeArray, $timeArray, $count, $expiresAt === null ? null : FFI::addr($expiresAt)],
        );
    }
}
