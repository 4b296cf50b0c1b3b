<?php

declare(strict_types=1);

namespace AgoraToken\Tests;

use AgoraToken\ApaasPrivilege;
use AgoraToken\ChatPrivilege;
use AgoraToken\CompatWarnings;
use AgoraToken\Credentials;
use AgoraToken\Exception\AgoraTokenException;
use AgoraToken\Exception\ExpiryLooksAbsoluteException;
use AgoraToken\Exception\FieldTooLongException;
use AgoraToken\Exception\InvalidArgumentException;
use AgoraToken\Exception\InvalidTokenException;
use AgoraToken\Exception\SignatureMismatchException;
use AgoraToken\Exception\UnknownPrivilegeException;
use AgoraToken\Exception\UnknownRtm2TypeException;
use AgoraToken\FcdnPrivilege;
use AgoraToken\FpaPrivilege;
use AgoraToken\Internal\Native;
use AgoraToken\Options;
use AgoraToken\Privilege006;
use AgoraToken\Role;
use AgoraToken\Role006;
use AgoraToken\RtcPrivilege;
use AgoraToken\Rtm2PermissionType;
use AgoraToken\Rtm2Permissions;
use AgoraToken\Rtm2Privilege;
use AgoraToken\Rtm2ResourceType;
use AgoraToken\RtmPrivilege;
use AgoraToken\ServiceType;
use AgoraToken\StreamingPrivilege;
use AgoraToken\Token;
use AgoraToken\TokenBuilder;
use AgoraToken\Tokens;
use PHPUnit\Framework\TestCase;

/** The AgoraToken namespace: typed builders, reading tokens, errors, secrets kept out of strings. */
final class TypedApiTest extends TestCase
{
    private const ID = Vectors::APP_ID;
    private const CERT = Vectors::CERTIFICATE;

    private static function credentials(): Credentials
    {
        return new Credentials(self::ID, self::CERT);
    }

    public function testTokenBuilderBuildsAnyServicesReproducibly(): void
    {
        $permissions = (new Rtm2Permissions())
            ->add(Rtm2ResourceType::MessageChannel, Rtm2PermissionType::Read, ['a', 'b'])
            ->add(Rtm2ResourceType::User, Rtm2PermissionType::Write, []);
        $builder = new TokenBuilder(self::credentials(), 3600, new Options(issuedAt: 1_700_000_000, salt: 7));
        $rtc = $builder->addRtc('room', 42);
        $builder->addPrivilege($rtc, RtcPrivilege::JoinChannel, 3600)->addPrivilege($rtc, RtcPrivilege::PublishAudioStream, 600);
        $builder->addRtc('room', 'alice', [RtcPrivilege::JoinChannel->value => 60]);
        $builder->addRtm2('alice', $permissions, [Rtm2Privilege::Login->value => 3600]);
        $builder->addChat('alice', [ChatPrivilege::User->value => 3600]);
        $builder->addStreaming('room', 0, [StreamingPrivilege::PublishMixStream->value => 1]);
        $builder->addFcdn('room', 'cdn', [FcdnPrivilege::Play->value => 2]);
        $builder->addApaas('r', 'u', -1, [ApaasPrivilege::App->value => 3]);
        $builder->addFpa([FpaPrivilege::Login->value => 0]);
        $builder->addRtm('bob', [RtmPrivilege::Login->value => 5]);
        $builder->addConvoAi();
        $builder->addStt();
        $token = $builder->build();
        $this->assertSame($token, $builder->build(), 'fixed issue time and salt: the same token');

        $payload = Token::decode($token, self::credentials());
        $this->assertSame([self::ID, 1_700_000_000, 3600, 1_700_003_600, 7], [$payload->appId, $payload->issuedAt, $payload->expire, $payload->expiresAt, $payload->salt]);
        $this->assertSame([1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], array_map(static fn ($s) => $s->type, $payload->services));
        [$first, $second] = $payload->services(ServiceType::Rtc);
        $this->assertSame(['room', '42', [1 => 3600, 2 => 600]], [$first->channelName, $first->uid, $first->privileges]);
        $this->assertSame('alice', $second->uid);
        $this->assertSame([0 => [0 => ['a', 'b']], 4 => [1 => []]], $payload->services(ServiceType::Rtm2)[0]->permissions);
        $this->assertSame('', $payload->services(ServiceType::Streaming)[0]->account, 'uid 0 is any user');
        $this->assertSame(-1, $payload->services(ServiceType::Apaas)[0]->role);

        // Without a fixed salt every token differs.
        $random = new TokenBuilder(self::credentials(), 600);
        $random->addRtm('u', [1 => 600]);
        $this->assertNotSame($random->build(), $random->build());
    }

    public function testTheTypedApiRefusesWhatTheDropInWarnsAbout(): void
    {
        $builder = new TokenBuilder(self::credentials(), 600);
        $rtc = $builder->addRtc('room', 1);
        $refusals = [
            [UnknownPrivilegeException::class, 'unknown_privilege', static fn () => $builder->addPrivilege($rtc, 9, 600)],
            [UnknownPrivilegeException::class, 'unknown_privilege', static fn () => $builder->addPrivilege($builder->addConvoAi(), 1, 600)],
            [UnknownRtm2TypeException::class, 'unknown_rtm2_type', static fn () => (new Rtm2Permissions())->add(5, 0, ['x'])],
            [InvalidArgumentException::class, 'invalid_argument', static fn () => $builder->addRtc('room', -1)],
            [InvalidArgumentException::class, 'invalid_argument', static fn () => $builder->addRtc('room', 4_294_967_296)],
            [InvalidArgumentException::class, 'invalid_argument', static fn () => $builder->addPrivilege($rtc, 1, -1)],
            [InvalidArgumentException::class, 'invalid_argument', static fn () => $builder->addApaas('r', 'u', 40_000)],
            [InvalidArgumentException::class, 'invalid_argument', static fn () => new Options(salt: 1 << 32)],
            [InvalidArgumentException::class, 'invalid_argument', static fn () => $builder->addRtm("\xff")],
            [FieldTooLongException::class, 'field_too_long', static fn () => Tokens::rtm(self::credentials(), str_repeat('x', 65_536), 600)],
            [ExpiryLooksAbsoluteException::class, 'expiry_looks_absolute', static fn () => Tokens::rtc(self::credentials(), 'c', 1, Role::Publisher, 1_764_066_022, 600, new Options(strict: true))],
        ];
        foreach ($refusals as [$class, $code, $call]) {
            try {
                $call();
                $this->fail("no $class");
            } catch (AgoraTokenException $error) {
                $this->assertInstanceOf($class, $error);
                $this->assertSame($code, $error->getErrorCode());
                $this->assertNotSame('', $error->getMessage());
            }
        }
        $this->assertStringContainsString('offset 0', $this->messageOf(static fn () => $builder->addRtm("\xff")));
        $this->expectException(\TypeError::class);
        $builder->addRtc('room', 1.5);
    }

    public function testTheOneCallBuildersMatchTheDropIns(): void
    {
        $c = self::credentials();
        $o = new Options(1_111_111, 1);
        [$id, $cert] = [self::ID, self::CERT];
        $permissions = (new Rtm2Permissions())->add(Rtm2ResourceType::StreamChannel, Rtm2PermissionType::Write, ['s']);
        $upstreamPermissions = new \Rtm2Permissions();
        $upstreamPermissions->add(1, 1, ['s']);
        $pairs = [
            [Tokens::rtc($c, 'ch', 42, Role::Publisher, 600, 300, $o), \RtcTokenBuilder2::buildTokenWithUid($id, $cert, 'ch', 42, 1, 600, 300, $o)],
            [Tokens::rtc($c, 'ch', 'acc', Role::Subscriber, 600, 300, $o), \RtcTokenBuilder2::buildTokenWithUserAccount($id, $cert, 'ch', 'acc', 2, 600, 300, $o)],
            [Tokens::rtcWithPrivileges($c, 'ch', 42, 600, 1, 2, 3, 4, $o), \RtcTokenBuilder2::buildTokenWithUidAndPrivilege($id, $cert, 'ch', 42, 600, 1, 2, 3, 4, $o)],
            [Tokens::rtcWithPrivileges($c, 'ch', 'acc', 600, 1, 2, 3, 4, $o), \RtcTokenBuilder2::buildTokenWithUserAccountAndPrivilege($id, $cert, 'ch', 'acc', 600, 1, 2, 3, 4, $o)],
            [Tokens::rtcWithRtm($c, 'ch', 'acc', Role::Publisher, 600, 300, $o), \RtcTokenBuilder2::buildTokenWithRtm($id, $cert, 'ch', 'acc', 1, 600, 300, $o)],
            [Tokens::rtcWithRtmExpiries($c, 'ch', 'acc', Role::Publisher, 600, 1, 2, 3, 4, 'rtm', 5, $o), \RtcTokenBuilder2::buildTokenWithRtm2($id, $cert, 'ch', 'acc', 1, 600, 1, 2, 3, 4, 'rtm', 5, $o)],
            [Tokens::convoAi($c, 'ch', 'acc', Role::Publisher, 600, 1, 2, 3, 4, 'rtm', 5, $o), \ConvoAITokenBuilder::buildToken($id, $cert, 'ch', 'acc', 1, 600, 1, 2, 3, 4, 'rtm', 5, $o)],
            [Tokens::stt($c, 'ch', 'acc', Role::Subscriber, 600, 1, 2, 3, 4, 'rtm', 5, $o), \SttTokenBuilder::buildToken($id, $cert, 'ch', 'acc', 2, 600, 1, 2, 3, 4, 'rtm', 5, $o)],
            [Tokens::rtm($c, 'u', 600, $o), \RtmTokenBuilder2::buildToken($id, $cert, 'u', 600, $o)],
            [Tokens::rtm2($c, 'u', $permissions, 600, $o), \RtmTokenBuilder2::buildTokenWithPermissions($id, $cert, 'u', $upstreamPermissions, 600, $o)],
            [Tokens::chatUser($c, 'u', 600, $o), \ChatTokenBuilder2::buildUserToken($id, $cert, 'u', 600, $o)],
            [Tokens::chatApp($c, 600, $o), \ChatTokenBuilder2::buildAppToken($id, $cert, 600, $o)],
            [Tokens::fpa($c, $o), \FpaTokenBuilder::buildToken($id, $cert, $o)],
            [Tokens::apaasRoomUser($c, 'r', 'u', 3, 600, $o), \EducationTokenBuilder::buildRoomUserToken($id, $cert, 'r', 'u', 3, 600, $o)],
            [Tokens::apaasUser($c, 'u', 600, $o), \ApaasTokenBuilder::buildUserToken($id, $cert, 'u', 600, $o)],
            [Tokens::apaasApp($c, 600, $o), \ApaasTokenBuilder::buildAppToken($id, $cert, 600, $o)],
            [Tokens::rtc006($c, 'ch', 42, Role006::Admin, 1_764_066_022, $o), \RtcTokenBuilder::buildTokenWithUid($id, $cert, 'ch', 42, 101, 1_764_066_022, $o)],
            [Tokens::rtc006($c, 'ch', 'acc', Role006::Subscriber, 0, $o), \RtcTokenBuilder::buildTokenWithUserAccount($id, $cert, 'ch', 'acc', 2, 0, $o)],
            [Tokens::rtm006($c, 'acc', 1_764_066_022, $o), \RtmTokenBuilder::buildToken($id, $cert, 'acc', 1, 1_764_066_022, $o)],
        ];
        foreach ($pairs as $i => [$typed, $dropIn]) {
            $this->assertSame($dropIn, $typed, "pair $i");
        }
        $this->assertCount(count($pairs), array_unique(array_column($pairs, 0)), 'every call builds a different token');
        // FPA: 24 hours, login privilege 0.
        $fpa = Token::decodeUnverified($pairs[12][0]);
        $this->assertSame([86_400, [1 => 0]], [$fpa->expire, $fpa->services[0]->privileges]);
    }

    public function testVerifyDecodeAndExplain(): void
    {
        $token = Tokens::rtc(self::credentials(), 'room', 42, Role::Subscriber, 600, 600, new Options(1_700_000_000, 1));
        Token::verify($token, self::credentials());
        Token::verify($token, self::CERT);
        $other = '0' . substr(self::CERT, 1);
        try {
            Token::decode($token, $other);
            $this->fail('decoded with another certificate');
        } catch (SignatureMismatchException $error) {
            $this->assertSame(20, $error->getCode());
        }

        $report = Token::explain($token, self::credentials(), 'room', 42, 1_700_000_100);
        $this->assertSame(['valid', false, true, false], [$report['signature'], $report['expired'], $report['access']['can_join'], $report['access']['can_publish_audio']]);
        $this->assertTrue(Token::explain($token, null, null, null, 1_700_000_601)['expired']);
        $this->assertSame('not_checked', Token::explain($token)['signature']);
        $this->assertFalse(Token::explain($token, self::CERT, 'room', 43, 1_700_000_100)['access']['can_join']);

        $legacy = Tokens::rtc006(self::credentials(), 'room', 'acc', Role006::Publisher, 0, new Options(1_700_000_000, 1));
        Token::verify006($legacy, self::credentials(), 'room', 'acc');
        $this->assertSame([1 => 0, 2 => 0, 3 => 0, 4 => 0], Token::decodeUnverified006($legacy)['privileges']);
        $this->assertSame('006', Token::explain($legacy)['version']);
        $this->expectException(SignatureMismatchException::class);
        Token::verify006($legacy, self::credentials(), 'room', 'other');
    }

    public function testExplainAnswersEveryQuestion(): void
    {
        $token = Tokens::rtm(self::credentials(), 'alice', 600, new Options(1_700_000_000, 1));
        $report = Token::explainQuestions($token, [
            'app_certificate' => str_repeat('0', 32),
            'secondary_certificate' => self::CERT,
            'user_id' => 'bob',
            'sdk_error' => 'rtm-login-5',
            'now' => 1_700_000_100,
        ]);
        $this->assertSame('secondary', $report['verified_with']);
        $this->assertSame(['RTM', false], [$report['verdicts'][0]['service'], $report['verdicts'][0]['allowed']]);
        $this->assertSame('user_mismatch', $report['sdk_error']['explained_by'][0]['reason']);
        $this->assertSame('not_checked', Token::explainQuestions($token)['signature']);
        $this->expectException(InvalidArgumentException::class);
        Token::explainQuestions($token, ['sdk_error' => 'rtc-17']);
    }

    public function testMalformedTokensGetTheirOwnException(): void
    {
        $good = Tokens::rtm(self::credentials(), 'u', 600);
        $payload = (string) gzuncompress((string) base64_decode(substr($good, 3)));
        $cases = [
            '006x' => 'wrong_version',
            '007%%%' => 'invalid_base64',
            '007aW52YWxpZA==' => 'invalid_zlib',
            '007' . base64_encode(substr((string) base64_decode(substr($good, 3)), 0, 20)) => 'invalid_zlib',
            '007' . base64_encode((string) gzcompress(substr($payload, 0, 60))) => 'truncated',
        ];
        foreach ($cases as $token => $code) {
            try {
                Token::decodeUnverified($token);
                $this->fail("decoded $token");
            } catch (InvalidTokenException $error) {
                $this->assertSame($code, $error->getErrorCode(), $token);
            }
        }
    }

    public function testEveryStatusOfTheLibraryHasItsExceptionClass(): void
    {
        $ffi = Native::ffi();
        $codes = [];
        foreach ([...range(1, 20), 255] as $status) {
            $codes[] = $code = $ffi->agora_token_status_code($status);
            $class = AgoraTokenException::CLASSES[$code] ?? null;
            $this->assertNotNull($class, "no class for $code");
            $this->assertSame(str_replace('_', '', ucwords($code, '_')) . 'Exception', (new \ReflectionClass($class))->getShortName());
            $error = AgoraTokenException::fromCode($code, $status, 'm');
            $this->assertInstanceOf($class, $error);
            $this->assertSame([$code, $status, 'm'], [$error->getErrorCode(), $error->getCode(), $error->getMessage()]);
        }
        $this->assertSame($codes, array_keys(AgoraTokenException::CLASSES));
        $this->assertSame('ok', $ffi->agora_token_status_code(0));
        $this->assertSame(AgoraTokenException::class, get_class(AgoraTokenException::fromCode('new_code', 21, 'm')));
    }

    /** The enums are the core's: each case is a privilege the core defines, named as the core names it. */
    public function testTheEnumsAreTheCoresNumbersAndNames(): void
    {
        $enums = [
            ServiceType::Rtc->value => RtcPrivilege::class,
            ServiceType::Rtm->value => RtmPrivilege::class,
            ServiceType::Streaming->value => StreamingPrivilege::class,
            ServiceType::Fpa->value => FpaPrivilege::class,
            ServiceType::Chat->value => ChatPrivilege::class,
            ServiceType::Fcdn->value => FcdnPrivilege::class,
            ServiceType::Apaas->value => ApaasPrivilege::class,
            ServiceType::Rtm2->value => Rtm2Privilege::class,
            ServiceType::ConvoAi->value => null,
            ServiceType::Stt->value => null,
        ];
        $this->assertSame(range(1, 10), array_map(static fn (ServiceType $t): int => $t->value, ServiceType::cases()));
        foreach ($enums as $type => $enum) {
            $defined = [];
            foreach (range(0, 10) as $code) {
                $builder = new TokenBuilder(self::credentials(), 600);
                $index = self::addService($builder, ServiceType::from($type));
                try {
                    $builder->addPrivilege($index, $code, 600);
                    $explained = Token::explain($builder->build());
                    $name = $explained['services'][0]['privileges'][0]['name'];
                    $defined[$code] = str_replace(' ', '', ucwords(strtolower($name)));
                } catch (UnknownPrivilegeException) {
                }
            }
            $cases = $enum === null ? [] : array_combine(array_map(static fn ($c) => $c->value, $enum::cases()), array_map(static fn ($c) => $c->name, $enum::cases()));
            $this->assertSame($defined, $cases, ServiceType::from($type)->name);
            $decodedName = Token::decodeUnverified($builder->build())->services[0]->name;
            $this->assertSame(strtolower($decodedName), strtolower(ServiceType::from($type)->name), 'service name');
        }
        // 006: the privileges the core defines, by the warning for the others.
        $defined006 = [];
        foreach ([...range(0, 20), 100, 101, 102, 999, 1000, 1001] as $code) {
            $legacy = \AccessToken::init(self::ID, self::CERT, 'c', 1)->addPrivilege($code, 0);
            [$token, $warnings] = CompatWarnings::capture(static fn () => $legacy->build());
            if ($warnings === []) {
                $defined006[] = $code;
                $name = Token::explain($token)['services'][0]['privileges'][0]['name'];
                $this->assertSame(Privilege006::from($code)->name, str_replace(' ', '', ucwords(strtolower($name))));
            }
        }
        $this->assertSame(array_map(static fn (Privilege006 $p): int => $p->value, Privilege006::cases()), $defined006);
        // Roles and RTM2 types: the ones the core accepts.
        foreach (range(0, 6) as $resource) {
            foreach (range(0, 2) as $permission) {
                $accepted = true;
                try {
                    (new Rtm2Permissions())->add($resource, $permission, []);
                } catch (UnknownRtm2TypeException) {
                    $accepted = false;
                }
                $this->assertSame(Rtm2ResourceType::tryFrom($resource) !== null && Rtm2PermissionType::tryFrom($permission) !== null, $accepted, "$resource/$permission");
            }
        }
    }

    public function testTheCertificateNeverAppearsInAStringForm(): void
    {
        $credentials = self::credentials();
        $forms = [
            print_r($credentials, true),
            var_export($credentials, true),
            json_encode($credentials),
            json_encode((array) $credentials),
            print_r((array) $credentials, true),
        ];
        ob_start();
        var_dump($credentials);
        $forms[] = (string) ob_get_clean();
        foreach ($forms as $form) {
            $this->assertStringNotContainsString(self::CERT, $form);
        }
        $this->assertStringContainsString(self::ID, print_r($credentials, true));
        $this->assertSame(self::CERT, $credentials->appCertificate());
        try {
            serialize($credentials);
            $this->fail('serialized');
        } catch (\LogicException) {
        }
        // Stack traces of errors hide certificate arguments (PHP 8.2 SensitiveParameter).
        $previous = ini_set('zend.exception_ignore_args', '0');
        try {
            try {
                \RtcTokenBuilder2::buildTokenWithUid('bad', self::CERT, 'c', 1, 1, 600);
                $this->fail('built');
            } catch (AgoraTokenException $error) {
                $this->assertStringNotContainsString(self::CERT, $error->getTraceAsString() . $error->getMessage());
                $redacted = 0;
                foreach ($error->getTrace() as $frame) {
                    foreach ($frame['args'] ?? [] as $argument) {
                        $this->assertNotSame(self::CERT, $argument, "{$frame['function']} has the certificate in its arguments");
                        $redacted += $argument instanceof \SensitiveParameterValue ? 1 : 0;
                    }
                }
                if (PHP_VERSION_ID >= 80200) { // SensitiveParameter redacts from PHP 8.2 on
                    $this->assertGreaterThan(0, $redacted, 'arguments were recorded and redacted');
                }
            }
        } finally {
            ini_set('zend.exception_ignore_args', (string) $previous);
        }
    }

    private static function addService(TokenBuilder $builder, ServiceType $type): int
    {
        return match ($type) {
            ServiceType::Rtc => $builder->addRtc('c', 1),
            ServiceType::Rtm => $builder->addRtm('u'),
            ServiceType::Streaming => $builder->addStreaming('c', 1),
            ServiceType::Fpa => $builder->addFpa(),
            ServiceType::Chat => $builder->addChat('u'),
            ServiceType::Fcdn => $builder->addFcdn('c', 1),
            ServiceType::Apaas => $builder->addApaas('r', 'u', -1),
            ServiceType::Rtm2 => $builder->addRtm2('u', new Rtm2Permissions()),
            ServiceType::ConvoAi => $builder->addConvoAi(),
            ServiceType::Stt => $builder->addStt(),
        };
    }

    private function messageOf(callable $call): string
    {
        try {
            $call();
        } catch (AgoraTokenException $error) {
            return $error->getMessage();
        }
        $this->fail('no error');
    }
}
