<?php

declare(strict_types=1);

namespace AgoraToken;

use AgoraToken\Internal\Native;
use AgoraToken\Internal\Reading;

/**
 * Reading tokens: decode (verified), decodeUnverified (no signature check: for inspection
 * only), verify, and explain ("why is this token invalid?"). Errors are typed:
 * SignatureMismatchException, and an InvalidTokenException subclass for a token that cannot
 * be read.
 */
final class Token
{
    private const USER_NONE = 0;
    private const USER_UID = 1;
    private const USER_ACCOUNT = 2;

    /**
     * The payload of a 007 token **without checking its signature**: anyone can make a token
     * that decodes. Use decode() with the certificate before trusting anything in it.
     */
    public static function decodeUnverified(string $token): Payload
    {
        return Payload::fromJson(Native::text('agora_token_decode_unverified', $token, strlen($token)));
    }

    /**
     * The payload of a 007 token whose signature matches the certificate.
     *
     * @throws Exception\SignatureMismatchException when it does not
     */
    public static function decode(string $token, #[\SensitiveParameter] Credentials|string $certificate): Payload
    {
        $certificate = self::certificate($certificate);
        return Payload::fromJson(Native::text('agora_token_decode', $token, strlen($token), $certificate, strlen($certificate)));
    }

    /**
     * Checks the signature of a 007 token.
     *
     * @throws Exception\SignatureMismatchException when it does not match
     */
    public static function verify(string $token, #[\SensitiveParameter] Credentials|string $certificate): void
    {
        $certificate = self::certificate($certificate);
        Native::call('agora_token_verify', $token, strlen($token), $certificate, strlen($certificate));
    }

    /**
     * Explains a 007 or 006 token: its fields and privileges with their expiry times, whether
     * it has expired at `$now` (default: the clock), whether the signature holds (when a
     * certificate is given), and, given a channel or user, whether that user can join and
     * publish, with every reason not. The CLI's `explain --json` shape (see bindings/c/README.md).
     *
     * @return array<string, mixed>
     */
    public static function explain(
        string $token,
        #[\SensitiveParameter] Credentials|string|null $certificate = null,
        ?string $channelName = null,
        int|string|null $user = null,
        ?int $now = null,
    ): array {
        $certificate = $certificate === null ? '' : self::certificate($certificate);
        $channelName ??= '';
        [$kind, $uid, $account] = self::user($user);
        $json = Native::text(
            'agora_token_explain',
            $token,
            strlen($token),
            $certificate,
            strlen($certificate),
            $channelName,
            strlen($channelName),
            $kind,
            $uid,
            $account,
            strlen($account),
            $now ?? -1,
        );
        return json_decode($json, true, 64, JSON_THROW_ON_ERROR);
    }

    /**
     * Explains a token with every question `explain` can answer (all keys optional):
     * `app_certificate`, `secondary_certificate` (a project rotating its certificate),
     * `expected_app_id`, `channel_name`, `uid` (int) or `account` (string), `user_id` (RTM,
     * Chat, APaaS), `rtm_channel` (RTM2 permissions), `room_uuid` (APaaS), `sdk_error`
     * (`'rtc-110'`, `'110'`, `'rtm-login-5'`, ...) and `now`. The answer adds `verified_with`,
     * one verdict per service in `verdicts`, and `sdk_error` with the reasons that explain it.
     *
     * @param array<string, string|int> $questions
     * @return array<string, mixed>
     */
    public static function explainQuestions(string $token, #[\SensitiveParameter] array $questions = []): array
    {
        $encoded = $questions === [] ? '{}' : json_encode($questions, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE);
        $json = Native::text('agora_token_explain_questions', $token, strlen($token), $encoded, strlen($encoded));
        return json_decode($json, true, 64, JSON_THROW_ON_ERROR);
    }

    /**
     * A 006 token's fields **without checking its signature**: version, app_id, salt,
     * expires_at and privileges (number => absolute Unix time).
     *
     * @return array{version: string, app_id: string, salt: int, expires_at: int, privileges: array<int, int>}
     */
    public static function decodeUnverified006(string $token): array
    {
        $data = json_decode(Native::text('agora_token_006_decode_unverified', $token, strlen($token)), true, 8, JSON_THROW_ON_ERROR);
        $privileges = [];
        foreach ($data['privileges'] as $code => $expire) {
            $privileges[(int) $code] = $expire;
        }
        return [
            'version' => $data['version'],
            'app_id' => $data['app_id'],
            'salt' => $data['salt'],
            'expires_at' => $data['expires_at'],
            'privileges' => $privileges,
        ];
    }

    /**
     * Checks a 006 token for the channel and user it was built for (it holds only their CRCs).
     *
     * @param int|string $user the uid (0 = any user) or account
     * @throws Exception\SignatureMismatchException when the certificate, channel or user differ
     */
    public static function verify006(string $token, #[\SensitiveParameter] Credentials|string $certificate, string $channelName, int|string $user): void
    {
        $certificate = self::certificate($certificate);
        [$kind, $uid, $account] = self::user($user);
        Native::call('agora_token_006_verify', $token, strlen($token), $certificate, strlen($certificate), $channelName, strlen($channelName), $kind, $uid, $account, strlen($account));
    }

    private static function certificate(#[\SensitiveParameter] Credentials|string $certificate): string
    {
        return $certificate instanceof Credentials ? $certificate->appCertificate() : $certificate;
    }

    /** @return array{int, int, string} the C user_kind, uid and account */
    private static function user(int|string|null $user): array
    {
        return match (true) {
            $user === null => [self::USER_NONE, 0, ''],
            is_int($user) => [self::USER_UID, Reading::u32('uid', $user), ''],
            default => [self::USER_ACCOUNT, 0, $user],
        };
    }
}
