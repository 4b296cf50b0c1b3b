<?php

declare(strict_types=1);

namespace AgoraToken\Tests;

use AccessToken;
use AccessToken2;
use AgoraToken\Credentials;
use AgoraToken\DecodedService;
use AgoraToken\Exception\InvalidAppCertificateException;
use AgoraToken\Exception\InvalidAppIdException;
use AgoraToken\Exception\InvalidTokenException;
use AgoraToken\Exception\NoServicesException;
use AgoraToken\Exception\SignatureMismatchException;
use AgoraToken\Options;
use AgoraToken\Role006;
use AgoraToken\Rtm2Permissions;
use AgoraToken\Token;
use AgoraToken\TokenBuilder;
use AgoraToken\Tokens;
use PHPUnit\Framework\TestCase;
use Rtm2Permissions as UpstreamRtm2Permissions;
use Service;
use ServiceApaas;
use ServiceChat;
use ServiceConvoAI;
use ServiceFCdn;
use ServiceFpa;
use ServiceRtc;
use ServiceRtm;
use ServiceRtm2;
use ServiceStreaming;
use ServiceStt;

/**
 * The shared vectors (conformance/upstream.json), through the typed API and the drop-in
 * classes: every 007 build vector must give the stock-zlib token string, every parse vector
 * must decode to its inputs and verify, every invalid one must be refused; the 006 vectors
 * give identical strings. (The DynamicKey and signaling vectors have no PHP surface: the C
 * library does not export those families.)
 */
final class ConformanceTest extends TestCase
{
    private const FAMILY_007 = 'AccessToken2 (007)';
    private const FAMILY_006 = 'AccessToken (006)';

    public static function builds007(): array
    {
        return Vectors::rows(self::FAMILY_007, ['build', 'build+parse']);
    }

    public static function parses007(): array
    {
        return Vectors::rows(self::FAMILY_007, ['parse', 'build+parse']);
    }

    public static function invalid007(): array
    {
        return Vectors::rows(self::FAMILY_007, ['parse_invalid']);
    }

    public static function builds006(): array
    {
        return Vectors::rows(self::FAMILY_006, ['build']);
    }

    /** @dataProvider builds007 */
    public function testTheTypedBuilderMakesTheStockZlibToken(array $vector): void
    {
        $inputs = $vector['inputs'];
        $builder = new TokenBuilder(
            new Credentials($inputs['app_id'], $inputs['app_certificate']),
            $inputs['expire'],
            new Options($inputs['issue_ts'], $inputs['salt']),
        );
        foreach ($inputs['services'] as $service) {
            $privileges = $service['privileges'];
            match ($service['type']) {
                1 => $builder->addRtc($service['channel_name'], $service['uid'], $privileges),
                2 => $builder->addRtm($service['user_id'], $privileges),
                3 => $builder->addStreaming($service['channel_name'], $service['account'], $privileges),
                4 => $builder->addFpa($privileges),
                5 => $builder->addChat($service['user_id'], $privileges),
                6 => $builder->addFcdn($service['channel_name'], $service['account'], $privileges),
                7 => $builder->addApaas($service['room_uuid'], $service['user_uuid'], $service['role'], $privileges),
                8 => $builder->addRtm2($service['user_id'], self::permissions($service['permissions']), $privileges),
                9 => $builder->addConvoAi($privileges),
                10 => $builder->addStt($privileges),
            };
        }
        $this->assertSame(Vectors::stockToken($vector), $builder->build());
    }

    /** @dataProvider builds007 */
    public function testTheDropInAccessToken2MakesTheStockZlibToken(array $vector): void
    {
        $inputs = $vector['inputs'];
        $token = new AccessToken2($inputs['app_id'], $inputs['app_certificate'], $inputs['expire']);
        $token->issueTs = $inputs['issue_ts'];
        $token->salt = $inputs['salt'];
        foreach ($inputs['services'] as $service) {
            $upstream = match ($service['type']) {
                1 => new ServiceRtc($service['channel_name'], $service['uid']),
                2 => new ServiceRtm($service['user_id']),
                3 => new ServiceStreaming($service['channel_name'], $service['account']),
                4 => new ServiceFpa(),
                5 => new ServiceChat($service['user_id']),
                6 => new ServiceFCdn($service['channel_name'], $service['account']),
                7 => new ServiceApaas($service['room_uuid'], $service['user_uuid'], $service['role']),
                8 => new ServiceRtm2($service['user_id'], self::upstreamPermissions($service['permissions'])),
                9 => new ServiceConvoAI(),
                10 => new ServiceStt(),
            };
            foreach ($service['privileges'] as $privilege => $expire) {
                $upstream->addPrivilege($privilege, $expire);
            }
            $token->addService($upstream);
        }
        $this->assertSame(Vectors::stockToken($vector), $token->build());
    }

    /** @dataProvider parses007 */
    public function testParseVectorsDecodeToTheirInputsAndVerify(array $vector): void
    {
        $inputs = $vector['inputs'];
        // The upstream string (any producer's zlib) and the stock-zlib one decode alike.
        foreach (array_unique([$vector['expected_token'], Vectors::stockToken($vector)]) as $token) {
            $payload = Token::decodeUnverified($token);
            $this->assertSame($inputs['app_id'], $payload->appId);
            $this->assertSame($inputs['issue_ts'], $payload->issuedAt);
            $this->assertSame($inputs['expire'], $payload->expire);
            $this->assertSame($inputs['issue_ts'] + $inputs['expire'], $payload->expiresAt);
            $this->assertSame($inputs['salt'], $payload->salt);
            $this->assertSame(array_map([self::class, 'serviceFields'], $inputs['services']), array_map([self::class, 'decodedFields'], $payload->services));

            $upstream = new AccessToken2();
            $this->assertTrue($upstream->parse($token));
            $this->assertSame($inputs['salt'], $upstream->salt);
            $this->assertCount(count($inputs['services']), $upstream->services);
            if ($inputs['app_certificate'] === null) {
                continue;
            }
            Token::verify($token, $inputs['app_certificate']);
            $this->assertEquals($payload, Token::decode($token, new Credentials($inputs['app_id'], $inputs['app_certificate'])));
            $this->assertTrue($upstream->verifySignature($inputs['app_certificate']));
            $this->assertFalse($upstream->verifySignature(strrev($inputs['app_certificate'])));
            try {
                Token::verify($token, strrev($inputs['app_certificate']));
                $this->fail('verified with another certificate');
            } catch (SignatureMismatchException $error) {
                $this->assertSame('signature_mismatch', $error->getErrorCode());
            }
        }
    }

    /** @dataProvider invalid007 */
    public function testInvalidTokensAreRefused(array $vector): void
    {
        $upstream = new AccessToken2(Vectors::APP_ID, Vectors::CERTIFICATE, 600);
        $this->assertFalse($upstream->parse($vector['expected_token']));
        $this->assertFalse($upstream->verifySignature(Vectors::CERTIFICATE), 'verify after a failed parse');
        $this->assertSame([], $upstream->services);
        $this->expectException(InvalidTokenException::class);
        Token::decodeUnverified($vector['expected_token']);
    }

    public function testBuildInvalidVectorsAreRefusedWithTheReason(): void
    {
        $cases = Vectors::rows(self::FAMILY_007, ['build_invalid'])['at2-build-invalid-inputs'][0]['cases'];
        $this->assertCount(7, $cases);
        foreach ($cases as $case) {
            $expected = match (true) {
                $case['services'] === 'none' => NoServicesException::class,
                $case['app_id'] !== Vectors::APP_ID => InvalidAppIdException::class,
                default => InvalidAppCertificateException::class,
            };
            foreach (['typed', 'drop-in'] as $layer) {
                try {
                    if ($layer === 'typed') {
                        $builder = new TokenBuilder(new Credentials($case['app_id'], $case['app_certificate']), 600);
                        if ($case['services'] === 'rtc') {
                            $builder->addRtc('channel', 1, [1 => 600]);
                        }
                        $builder->build();
                    } else {
                        $token = new AccessToken2($case['app_id'], $case['app_certificate'], 600);
                        if ($case['services'] === 'rtc') {
                            $rtc = new ServiceRtc('channel', 1);
                            $rtc->addPrivilege(ServiceRtc::PRIVILEGE_JOIN_CHANNEL, 600);
                            $token->addService($rtc);
                        }
                        $token->build();
                    }
                    $this->fail("$layer built a token for " . json_encode($case));
                } catch (\Throwable $error) {
                    $this->assertInstanceOf($expected, $error, $layer . ' ' . json_encode($case));
                    if ($case['app_certificate'] !== '') {
                        $this->assertStringNotContainsString($case['app_certificate'], $error->getMessage());
                    }
                }
            }
        }
    }

    /** @dataProvider builds006 */
    public function testTheVectors006BuildAndVerify(array $vector): void
    {
        $inputs = $vector['inputs'];
        $credentials = new Credentials($inputs['app_id'], $inputs['app_certificate']);
        // 006 tokens store their expiry only: the issue time + 24 hours.
        $options = new Options($inputs['ts'] - 86400, $inputs['salt']);
        $privileges = $inputs['privileges'];
        $expiry = $privileges[array_key_first($privileges)];
        $user = match ($inputs['uid']) {
            '' => 0,
            '0' => '0', // the string "0" is an account, not "any user"
            default => (int) $inputs['uid'],
        };
        if (isset($privileges[1000])) {
            $typed = Tokens::rtm006($credentials, $inputs['channel_name'], $expiry, $options);
            $dropIn = \RtmTokenBuilder::buildToken($inputs['app_id'], $inputs['app_certificate'], $inputs['channel_name'], \RtmTokenBuilder::RoleRtmUser, $expiry, $options);
        } else {
            $role = count($privileges) === 4 ? Role006::Publisher : Role006::Subscriber;
            $typed = Tokens::rtc006($credentials, $inputs['channel_name'], $user, $role, $expiry, $options);
            $dropIn = \RtcTokenBuilder::buildTokenWithUid($inputs['app_id'], $inputs['app_certificate'], $inputs['channel_name'], $user, $role->value, $expiry, $options);
            Token::verify006($typed, $credentials, $inputs['channel_name'], $user);
        }
        $this->assertSame($vector['expected_token'], $typed);
        $this->assertSame($vector['expected_token'], $dropIn);

        // The same through upstream's AccessToken object, its message fields set as upstream's tests do.
        $token = AccessToken::init($inputs['app_id'], $inputs['app_certificate'], $inputs['channel_name'], $user);
        $token->message->salt = $inputs['salt'];
        $token->message->ts = $inputs['ts'];
        foreach ($privileges as $privilege => $expire) {
            $token->addPrivilege($privilege, $expire);
        }
        $this->assertSame($vector['expected_token'], $token->build());

        $decoded = Token::decodeUnverified006($vector['expected_token']);
        $this->assertSame(['version' => '006', 'app_id' => $inputs['app_id'], 'salt' => $inputs['salt'], 'expires_at' => $inputs['ts'], 'privileges' => $privileges], $decoded);
        $read = AccessToken::initWithToken($vector['expected_token'], $inputs['app_certificate'], $inputs['channel_name'], $user);
        $this->assertSame($privileges, $read->message->privileges);
        $this->assertSame($inputs['ts'], $read->message->ts);
    }

    public function testTheInvalid006VectorIsRefused(): void
    {
        $vector = Vectors::get('at1-parse-invalid');
        $this->assertNull(AccessToken::initWithToken($vector['expected_token'], Vectors::CERTIFICATE, 'c', 0));
        $this->expectException(InvalidTokenException::class);
        Token::decodeUnverified006($vector['expected_token']);
    }

    /** @param list<array{int, int, list<string>}>|array<int, array<int, list<string>>> $permissions */
    private static function permissions(array $permissions): Rtm2Permissions
    {
        $made = new Rtm2Permissions();
        foreach ($permissions as $resource => $byPermission) {
            foreach ($byPermission as $permission => $names) {
                $made->add($resource, $permission, $names);
            }
        }
        return $made;
    }

    private static function upstreamPermissions(array $permissions): UpstreamRtm2Permissions
    {
        $made = new UpstreamRtm2Permissions();
        foreach ($permissions as $resource => $byPermission) {
            foreach ($byPermission as $permission => $names) {
                $made->add($resource, $permission, $names);
            }
        }
        return $made;
    }

    /** A vector's service, as the fields a decoded service must have. */
    private static function serviceFields(array $service): array
    {
        $fields = ['type' => $service['type'], 'privileges' => $service['privileges']];
        foreach (['channel_name', 'uid', 'account', 'user_id', 'room_uuid', 'user_uuid', 'role', 'permissions'] as $field) {
            if (array_key_exists($field, $service)) {
                $fields[$field] = $service[$field];
            }
        }
        return $fields;
    }

    private static function decodedFields(DecodedService $service): array
    {
        $fields = ['type' => $service->type, 'privileges' => $service->privileges];
        $values = [
            'channel_name' => $service->channelName,
            'uid' => $service->uid,
            'account' => $service->account,
            'user_id' => $service->userId,
            'room_uuid' => $service->roomUuid,
            'user_uuid' => $service->userUuid,
            'role' => $service->role,
            'permissions' => $service->permissions,
        ];
        foreach ($values as $field => $value) {
            if ($value !== null) {
                $fields[$field] = $value;
            }
        }
        return $fields;
    }
}
