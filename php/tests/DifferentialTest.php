<?php

declare(strict_types=1);

namespace AgoraToken\Tests;

use AccessToken;
use AccessToken2;
use AgoraToken\CompatWarning;
use AgoraToken\CompatWarnings;
use AgoraToken\Exception\AgoraTokenException;
use AgoraToken\Options;
use AgoraToken\Token;
use PHPUnit\Framework\TestCase;

/**
 * The drop-in classes against the official packages over random inputs covering their whole
 * input space, through the fixture scripts/test-php.sh generates with a fixed seed
 * (php/tests/differential/make_fixture.py: PyPI agoraiotools and npm agora-token; upstream
 * PHP itself is not installable here). For every case:
 *   - a peer's token: ours is the same string (stock zlib; npm's payload recompressed by stock
 *     zlib), and for npm's cases the payloads are identical;
 *   - a peer's refusal: we throw an AgoraTokenException;
 *   - the CompatWarnings are exactly the expected codes;
 *   - the AccessToken2 / 006 AccessToken objects read their token back and it verifies.
 * The "-php" cases pass the arguments as PHP code loosely does (numeric strings, floats,
 * booleans, null; see the generator).
 */
final class DifferentialTest extends TestCase
{
    public const FIXTURE_ENV = 'AGORA_PHP_DIFFERENTIAL_FIXTURE';

    /** @return array<string, array{array<string, mixed>}> */
    public static function cases(): array
    {
        $path = getenv(self::FIXTURE_ENV);
        if (!is_string($path) || !is_file($path)) {
            throw new \RuntimeException('set ' . self::FIXTURE_ENV . ' to the fixture made by php/tests/differential/make_fixture.py (scripts/test-php.sh does)');
        }
        $fixture = json_decode((string) file_get_contents($path), true, 64, JSON_THROW_ON_ERROR);
        $rows = [];
        foreach ($fixture['cases'] as $case) {
            $rows["{$case['id']} ({$case['peer']})"] = [$case];
        }
        return $rows;
    }

    /** @dataProvider cases */
    public function testTheDropInBuildsWhatTheOfficialPackagesBuild(array $case): void
    {
        [$result, $warnings] = CompatWarnings::capture(static function () use ($case) {
            try {
                return self::build($case);
            } catch (AgoraTokenException $error) {
                return $error;
            }
        });
        if (!isset($case['token'])) {
            $this->assertInstanceOf(AgoraTokenException::class, $result, "the peer refused ({$case['error']})");
            return;
        }
        if ($result instanceof \Throwable) {
            $this->fail("the peer built a token; we threw {$result->getErrorCode()}: {$result->getMessage()}");
        }
        $this->assertSame($case['token'], $result);
        if (isset($case['peer_token'])) {
            $this->assertSame(self::payload($case['peer_token']), self::payload($result), "the payload of npm's token");
        }
        $codes = array_map(static fn (CompatWarning $w): string => $w->code, $warnings);
        sort($codes);
        $this->assertSame($case['warnings'], $codes, 'warnings');
        foreach ($warnings as $warning) {
            $this->assertNotSame('', $warning->message);
            $this->assertStringNotContainsString($case['app_certificate'], $warning->message);
        }
        self::readBack($case, $result);
    }

    /** @param array<string, mixed> $c */
    private static function build(array $c): string
    {
        $id = $c['app_id'];
        $cert = $c['app_certificate'];
        $o = isset($c['issue_ts']) && $c['kind'] !== 'access_token2' ? new Options($c['issue_ts'], $c['salt']) : null;
        $o006 = isset($c['expires_at']) ? new Options($c['expires_at'] - 86400, $c['salt']) : null;
        return match ($c['kind']) {
            'rtc_uid' => \RtcTokenBuilder2::buildTokenWithUid($id, $cert, $c['channel'], $c['uid'], $c['role'], $c['token_expire'], $c['privilege_expire'], $o),
            'rtc_account' => \RtcTokenBuilder2::buildTokenWithUserAccount($id, $cert, $c['channel'], $c['account'], $c['role'], $c['token_expire'], $c['privilege_expire'], $o),
            'rtc_uid_privileges' => \RtcTokenBuilder2::buildTokenWithUidAndPrivilege($id, $cert, $c['channel'], $c['uid'], $c['token_expire'], $c['join'], $c['pub_audio'], $c['pub_video'], $c['pub_data'], $o),
            'rtc_account_privileges' => \RtcTokenBuilder2::buildTokenWithUserAccountAndPrivilege($id, $cert, $c['channel'], $c['account'], $c['token_expire'], $c['join'], $c['pub_audio'], $c['pub_video'], $c['pub_data'], $o),
            'rtc_rtm' => \RtcTokenBuilder2::buildTokenWithRtm($id, $cert, $c['channel'], $c['account'], $c['role'], $c['token_expire'], $c['privilege_expire'], $o),
            'rtc_rtm2' => \RtcTokenBuilder2::buildTokenWithRtm2($id, $cert, $c['channel'], $c['account'], $c['role'], $c['token_expire'], $c['join'], $c['pub_audio'], $c['pub_video'], $c['pub_data'], $c['rtm_user_id'], $c['rtm_expire'], $o),
            'convo_ai' => \ConvoAITokenBuilder::buildToken($id, $cert, $c['channel'], $c['account'], $c['role'], $c['token_expire'], $c['join'], $c['pub_audio'], $c['pub_video'], $c['pub_data'], $c['rtm_user_id'], $c['rtm_expire'], $o),
            'stt' => \SttTokenBuilder::buildToken($id, $cert, $c['channel'], $c['account'], $c['role'], $c['token_expire'], $c['join'], $c['pub_audio'], $c['pub_video'], $c['pub_data'], $c['rtm_user_id'], $c['rtm_expire'], $o),
            'rtm' => \RtmTokenBuilder2::buildToken($id, $cert, $c['user_id'], $c['expire'], $o),
            'rtm2' => \RtmTokenBuilder2::buildTokenWithPermissions($id, $cert, $c['user_id'], self::permissions($c['permissions']), $c['expire'], $o),
            'chat_user' => \ChatTokenBuilder2::buildUserToken($id, $cert, $c['user_id'], $c['expire'], $o),
            'chat_app' => \ChatTokenBuilder2::buildAppToken($id, $cert, $c['expire'], $o),
            'fpa' => \FpaTokenBuilder::buildToken($id, $cert, $o),
            'apaas_room_user' => \ApaasTokenBuilder::buildRoomUserToken($id, $cert, $c['room_uuid'], $c['user_uuid'], $c['apaas_role'], $c['expire'], $o),
            'apaas_user' => \ApaasTokenBuilder::buildUserToken($id, $cert, $c['user_uuid'], $c['expire'], $o),
            'apaas_app' => \ApaasTokenBuilder::buildAppToken($id, $cert, $c['expire'], $o),
            'education_room_user' => \EducationTokenBuilder::buildRoomUserToken($id, $cert, $c['room_uuid'], $c['user_uuid'], $c['apaas_role'], $c['expire'], $o),
            'education_user' => \EducationTokenBuilder::buildUserToken($id, $cert, $c['user_uuid'], $c['expire'], $o),
            'education_app' => \EducationTokenBuilder::buildAppToken($id, $cert, $c['expire'], $o),
            'legacy_rtc_uid' => \RtcTokenBuilder::buildTokenWithUid($id, $cert, $c['channel'], $c['uid'], $c['role006'], $c['privilege_expired_ts'], $o006),
            'legacy_rtc_account' => \RtcTokenBuilder::buildTokenWithUserAccount($id, $cert, $c['channel'], $c['account'], $c['role006'], $c['privilege_expired_ts'], $o006),
            'legacy_rtm' => \RtmTokenBuilder::buildToken($id, $cert, $c['account'], \RtmTokenBuilder::RoleRtmUser, $c['privilege_expired_ts'], $o006),
            'access_token2' => self::accessToken2($c)->build(),
            'access_token006' => self::accessToken006($c)->build(),
        };
    }

    /** @param list<array{int, int, list<string>}> $list */
    private static function permissions(array $list): \Rtm2Permissions
    {
        $permissions = new \Rtm2Permissions();
        foreach ($list as [$resource, $permission, $names]) {
            $permissions->add($resource, $permission, $names);
        }
        return $permissions;
    }

    private static function accessToken2(array $c): AccessToken2
    {
        $token = new AccessToken2($c['app_id'], $c['app_certificate'], $c['expire']);
        $token->issueTs = $c['issue_ts'];
        $token->salt = $c['salt'];
        foreach ($c['services'] as $s) {
            $service = match ($s['type']) {
                1 => new \ServiceRtc($s['channel_name'], $s['uid']),
                2 => new \ServiceRtm($s['user_id']),
                3 => new \ServiceStreaming($s['channel_name'], $s['account']),
                4 => new \ServiceFpa(),
                5 => new \ServiceChat($s['user_id']),
                6 => new \ServiceFCdn($s['channel_name'], $s['account']),
                7 => new \ServiceApaas($s['room_uuid'], $s['user_uuid'], $s['role']),
                8 => new \ServiceRtm2($s['user_id'], self::permissions($s['permissions'])),
                9 => new \ServiceConvoAI(),
                10 => new \ServiceStt(),
            };
            foreach ($s['privileges'] as [$number, $expire]) {
                $service->addPrivilege($number, $expire);
            }
            $token->addService($service);
        }
        return $token;
    }

    private static function accessToken006(array $c): AccessToken
    {
        $token = AccessToken::init($c['app_id'], $c['app_certificate'], $c['channel'], $c['uid']);
        $token->message->ts = $c['ts'];
        $token->message->salt = $c['salt'];
        foreach ($c['privileges'] as [$number, $expire]) {
            $token->addPrivilege($number, $expire);
        }
        return $token;
    }

    /** The objects read back what they built, and the signature verifies with the certificate only. */
    private static function readBack(array $c, string $token): void
    {
        if ($c['kind'] === 'access_token2') {
            $parsed = new AccessToken2();
            self::assertTrue($parsed->parse($token));
            self::assertSame([(int) $c['issue_ts'], (int) $c['expire'], (int) $c['salt']], [$parsed->issueTs, $parsed->expire, $parsed->salt]);
            self::assertCount(count($c['services']), $parsed->services);
            self::assertTrue($parsed->verifySignature($c['app_certificate']));
            self::assertFalse($parsed->verifySignature($c['app_id']));
        } elseif ($c['kind'] === 'access_token006') {
            $read = AccessToken::initWithToken($token, $c['app_certificate'], $c['channel'], $c['uid']);
            self::assertSame([(int) $c['salt'], (int) $c['ts']], [$read->message->salt, $read->message->ts]);
            Token::verify006($token, $c['app_certificate'], $c['channel'], is_string($c['uid']) ? $c['uid'] : (int) $c['uid']);
        }
    }

    private static function payload(string $token): string
    {
        return (string) gzuncompress((string) base64_decode(substr($token, 3), true));
    }
}
