<?php

declare(strict_types=1);

namespace AgoraToken\Tests;

use AccessToken;
use AccessToken2;
use AgoraToken\CompatWarning;
use AgoraToken\CompatWarnings;
use AgoraToken\Exception\ExpiryLooksAbsoluteException;
use AgoraToken\Exception\InvalidAppCertificateException;
use AgoraToken\Exception\InvalidArgumentException;
use AgoraToken\Exception\UnknownRoleException;
use AgoraToken\Options;
use AgoraToken\Token;
use PHPUnit\Framework\TestCase;
use RtcTokenBuilder2;

/**
 * The drop-in classes: upstream PHP's names, parameter names (PHP 8 named arguments) and
 * defaults, the tokens of the upstream builders for the vectors, and upstream's reading of
 * loose input with a CompatWarning for each surprise.
 */
final class DropInTest extends TestCase
{
    private const ID = Vectors::APP_ID;
    private const CERT = Vectors::CERTIFICATE;
    private const CHANNEL = '7d72365eb983485397e3e3f9d460bdda';

    /** @var list<CompatWarning> */
    private array $warnings = [];

    protected function setUp(): void
    {
        CompatWarnings::setHandler(function (CompatWarning $warning): void {
            $this->warnings[] = $warning;
        });
    }

    protected function tearDown(): void
    {
        CompatWarnings::restoreDefaultHandler();
    }

    /** Upstream's public signatures (php/src at the spec's commit), parameter names and defaults included. */
    public static function upstreamSignatures(): array
    {
        $rtcRtm = ['appId', 'appCertificate', 'channelName', 'rtcAccount', 'rtcRole', 'rtcTokenExpire', 'joinChannelPrivilegeExpire', 'pubAudioPrivilegeExpire', 'pubVideoPrivilegeExpire', 'pubDataStreamPrivilegeExpire', 'rtmUserId', 'rtmTokenExpire'];
        $privileges = ['tokenExpire', 'joinChannelPrivilegeExpire', 'pubAudioPrivilegeExpire', 'pubVideoPrivilegeExpire', 'pubDataStreamPrivilegeExpire'];
        $rows = [
            ['RtcTokenBuilder2', 'buildTokenWithUid', ['appId', 'appCertificate', 'channelName', 'uid', 'role', 'tokenExpire', 'privilegeExpire' => 0]],
            ['RtcTokenBuilder2', 'buildTokenWithUserAccount', ['appId', 'appCertificate', 'channelName', 'account', 'role', 'tokenExpire', 'privilegeExpire' => 0]],
            ['RtcTokenBuilder2', 'buildTokenWithUidAndPrivilege', ['appId', 'appCertificate', 'channelName', 'uid', ...$privileges]],
            ['RtcTokenBuilder2', 'buildTokenWithUserAccountAndPrivilege', ['appId', 'appCertificate', 'channelName', 'account', ...$privileges]],
            ['RtcTokenBuilder2', 'buildTokenWithRtm', ['appId', 'appCertificate', 'channelName', 'account', 'role', 'tokenExpire', 'privilegeExpire' => 0]],
            ['RtcTokenBuilder2', 'buildTokenWithRtm2', $rtcRtm],
            ['RtmTokenBuilder2', 'buildToken', ['appId', 'appCertificate', 'userId', 'expire']],
            ['RtmTokenBuilder2', 'buildTokenWithPermissions', ['appId', 'appCertificate', 'userId', 'permissions', 'expire']],
            ['ChatTokenBuilder2', 'buildUserToken', ['appId', 'appCertificate', 'userId', 'expire']],
            ['ChatTokenBuilder2', 'buildAppToken', ['appId', 'appCertificate', 'expire']],
            ['FpaTokenBuilder', 'buildToken', ['appId', 'appCertificate']],
            ['ConvoAITokenBuilder', 'buildToken', $rtcRtm],
            ['SttTokenBuilder', 'buildToken', $rtcRtm],
            ['RtcTokenBuilder', 'buildTokenWithUid', ['appID', 'appCertificate', 'channelName', 'uid', 'role', 'privilegeExpireTs']],
            ['RtcTokenBuilder', 'buildTokenWithUserAccount', ['appID', 'appCertificate', 'channelName', 'userAccount', 'role', 'privilegeExpireTs']],
            ['RtmTokenBuilder', 'buildToken', ['appID', 'appCertificate', 'userAccount', 'role', 'privilegeExpireTs']],
            ['AccessToken2', '__construct', ['appId' => '', 'appCert' => '', 'expire' => 900]],
            ['AccessToken2', 'addService', ['service']],
            ['AccessToken2', 'getServices', ['serviceType']],
            ['AccessToken2', 'build', []],
            ['AccessToken2', 'parse', ['token']],
            ['AccessToken2', 'verifySignature', ['appCertificate']],
            ['AccessToken2', 'getVersion', []],
            ['Service', '__construct', ['serviceType']],
            ['Service', 'addPrivilege', ['privilege', 'expire']],
            ['Service', 'getServiceType', []],
            ['ServiceRtc', '__construct', ['channelName' => '', 'uid' => '']],
            ['ServiceRtm', '__construct', ['userId' => '']],
            ['ServiceStreaming', '__construct', ['channelName' => '', 'account' => '']],
            ['ServiceFpa', '__construct', []],
            ['ServiceChat', '__construct', ['userId' => '']],
            ['ServiceFCdn', '__construct', ['channelName' => '', 'account' => '']],
            ['ServiceApaas', '__construct', ['roomUuid' => '', 'userUuid' => '', 'role' => -1]],
            ['ServiceRtm2', '__construct', ['userId' => '', 'permissions' => null]],
            ['ServiceConvoAI', '__construct', []],
            ['ServiceStt', '__construct', []],
            ['Rtm2Permissions', 'add', ['resourceType', 'permissionType', 'resources']],
            ['AccessToken', 'init', ['appID', 'appCertificate', 'channelName', 'uid']],
            ['AccessToken', 'initWithToken', ['token', 'appCertificate', 'channel', 'uid']],
            ['AccessToken', 'addPrivilege', ['key', 'expireTimestamp']],
            ['AccessToken', 'setUid', ['uid']],
            ['AccessToken', 'extract', ['token', 'appCertificate', 'channelName', 'uid']],
            ['AccessToken', 'build', []],
        ];
        foreach (['ApaasTokenBuilder', 'EducationTokenBuilder'] as $class) {
            $rows[] = [$class, 'buildRoomUserToken', ['appId', 'appCertificate', 'roomUuid', 'userUuid', 'role', 'expire']];
            $rows[] = [$class, 'buildUserToken', ['appId', 'appCertificate', 'userUuid', 'expire']];
            $rows[] = [$class, 'buildAppToken', ['appId', 'appCertificate', 'expire']];
        }
        $named = [];
        foreach ($rows as $row) {
            $named["{$row[0]}::{$row[1]}"] = $row;
        }
        return $named;
    }

    /**
     * @dataProvider upstreamSignatures
     * @param array<int|string, mixed> $parameters name, or name => default
     */
    public function testUpstreamSignaturesAreKept(string $class, string $method, array $parameters): void
    {
        $reflection = new \ReflectionMethod($class, $method);
        $this->assertTrue($reflection->isPublic());
        $this->assertSame(!in_array($method, ['__construct', 'addService', 'getServices', 'build', 'parse', 'verifySignature', 'addPrivilege', 'getServiceType', 'add', 'setUid', 'extract'], true), $reflection->isStatic(), 'static as upstream');
        $actual = $reflection->getParameters();
        $position = 0;
        foreach ($parameters as $key => $value) {
            [$name, $hasDefault] = is_int($key) ? [$value, false] : [$key, true];
            $parameter = $actual[$position++] ?? null;
            $this->assertNotNull($parameter, "missing parameter \$$name");
            $this->assertSame($name, $parameter->getName());
            $this->assertSame($hasDefault, $parameter->isDefaultValueAvailable(), "default of \$$name");
            if ($hasDefault) {
                $this->assertSame($value, $parameter->getDefaultValue(), "default of \$$name");
            }
        }
        // Only an optional Options may follow upstream's parameters (issue time, salt, strict mode).
        foreach (array_slice($actual, $position) as $extra) {
            $this->assertSame('options', $extra->getName());
            $this->assertSame('?' . Options::class, (string) $extra->getType());
            $this->assertTrue($extra->isOptional());
        }
    }

    public function testUpstreamConstantsAreKept(): void
    {
        $this->assertSame([1, 2], [RtcTokenBuilder2::ROLE_PUBLISHER, RtcTokenBuilder2::ROLE_SUBSCRIBER]);
        $this->assertSame([0, 1, 2, 101], [\RtcTokenBuilder::RoleAttendee, \RtcTokenBuilder::RolePublisher, \RtcTokenBuilder::RoleSubscriber, \RtcTokenBuilder::RoleAdmin]);
        $this->assertSame(1, \RtmTokenBuilder::RoleRtmUser);
        $this->assertSame(['kJoinChannel' => 1, 'kPublishAudioStream' => 2, 'kPublishVideoStream' => 3, 'kPublishDataStream' => 4, 'kRtmLogin' => 1000], AccessToken::Privileges);
        $this->assertSame(['007', 3, '007'], [AccessToken2::VERSION, AccessToken2::VERSION_LENGTH, AccessToken2::getVersion()]);
        $this->assertSame([0, 1, 2, 3, 4, 0, 1], [\Rtm2Permissions::MESSAGE_CHANNELS, \Rtm2Permissions::STREAM_CHANNELS, \Rtm2Permissions::GROUP_CHANNELS, \Rtm2Permissions::SERVER_GROUPS, \Rtm2Permissions::USERS, \Rtm2Permissions::READ, \Rtm2Permissions::WRITE]);
        // The service constants agree with the typed enums, which TypedApiTest checks against the core.
        $services = [
            \ServiceRtc::class => [\AgoraToken\ServiceType::Rtc, \AgoraToken\RtcPrivilege::class, 'PRIVILEGE_JOIN_CHANNEL', 'PRIVILEGE_PUBLISH_AUDIO_STREAM', 'PRIVILEGE_PUBLISH_VIDEO_STREAM', 'PRIVILEGE_PUBLISH_DATA_STREAM'],
            \ServiceRtm::class => [\AgoraToken\ServiceType::Rtm, \AgoraToken\RtmPrivilege::class, 'PRIVILEGE_LOGIN'],
            \ServiceStreaming::class => [\AgoraToken\ServiceType::Streaming, \AgoraToken\StreamingPrivilege::class, 'PRIVILEGE_PUBLISH_MIX_STREAM', 'PRIVILEGE_PUBLISH_RAW_STREAM'],
            \ServiceFpa::class => [\AgoraToken\ServiceType::Fpa, \AgoraToken\FpaPrivilege::class, 'PRIVILEGE_LOGIN'],
            \ServiceChat::class => [\AgoraToken\ServiceType::Chat, \AgoraToken\ChatPrivilege::class, 'PRIVILEGE_USER', 'PRIVILEGE_APP'],
            \ServiceFCdn::class => [\AgoraToken\ServiceType::Fcdn, \AgoraToken\FcdnPrivilege::class, 'PRIVILEGE_PUBLISH', 'PRIVILEGE_PLAY'],
            \ServiceApaas::class => [\AgoraToken\ServiceType::Apaas, \AgoraToken\ApaasPrivilege::class, 'PRIVILEGE_ROOM_USER', 'PRIVILEGE_USER', 'PRIVILEGE_APP'],
            \ServiceRtm2::class => [\AgoraToken\ServiceType::Rtm2, \AgoraToken\Rtm2Privilege::class, 'PRIVILEGE_LOGIN'],
            \ServiceConvoAI::class => [\AgoraToken\ServiceType::ConvoAi, null],
            \ServiceStt::class => [\AgoraToken\ServiceType::Stt, null],
        ];
        foreach ($services as $class => [$type, $enum]) {
            $names = array_slice($services[$class], 2);
            $this->assertSame($type->value, constant("$class::SERVICE_TYPE"), $class);
            $this->assertSame($type->value, (new $class())->getServiceType());
            $this->assertSame(
                $enum === null ? [] : array_map(static fn (\BackedEnum $case): int => $case->value, $enum::cases()),
                array_map(static fn (string $name): int => constant("$class::$name"), $names),
                $class,
            );
        }
    }

    public function testTheDropInBuildersMakeTheVectorsTokens(): void
    {
        $o = new Options(1111111, 1);
        $rtcJoin = Vectors::stockToken(Vectors::get('at2-rtc-uid-join'));
        $this->assertSame($rtcJoin, RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, self::CHANNEL, 2882341273, RtcTokenBuilder2::ROLE_SUBSCRIBER, 600, 600, $o));
        $this->assertSame($rtcJoin, RtcTokenBuilder2::buildTokenWithUserAccount(self::ID, self::CERT, self::CHANNEL, '2882341273', RtcTokenBuilder2::ROLE_SUBSCRIBER, 600, 600, $o));
        $this->assertSame(Vectors::stockToken(Vectors::get('at2-rtm-uidstr')), \RtmTokenBuilder2::buildToken(self::ID, self::CERT, '2882341273', 600, $o));
        $this->assertSame(Vectors::stockToken(Vectors::get('at2-rtm-test_user')), \RtmTokenBuilder2::buildToken(self::ID, self::CERT, 'test_user', 600, $o));
        $this->assertSame(Vectors::stockToken(Vectors::get('at2-chat-user')), \ChatTokenBuilder2::buildUserToken(self::ID, self::CERT, '2882341273', 600, $o));
        $this->assertSame(Vectors::stockToken(Vectors::get('at2-chat-app')), \ChatTokenBuilder2::buildAppToken(self::ID, self::CERT, 600, $o));
        foreach (['ApaasTokenBuilder', 'EducationTokenBuilder'] as $class) {
            $this->assertSame(Vectors::stockToken(Vectors::get('at2-apaas-room-user')), $class::buildRoomUserToken(self::ID, self::CERT, '123', '2882341273', 1, 600, $o));
            $this->assertSame(Vectors::stockToken(Vectors::get('at2-apaas-user')), $class::buildUserToken(self::ID, self::CERT, '2882341273', 600, $o));
            $this->assertSame(Vectors::stockToken(Vectors::get('at2-apaas-app')), $class::buildAppToken(self::ID, self::CERT, 600, $o));
        }
        $this->assertSame(
            Vectors::stockToken(Vectors::get('at2-rtc4-rtm')),
            RtcTokenBuilder2::buildTokenWithRtm2(self::ID, self::CERT, self::CHANNEL, '2882341273', RtcTokenBuilder2::ROLE_PUBLISHER, 600, 600, 600, 600, 600, 'test_user', 600, $o),
        );
        // Upstream's tests set issueTs and salt on the object; Options does it for the static builders.
        $this->assertSame([], $this->warnings);
    }

    public function testUidZeroIsAnyUserAsTheMajorityWritesItNotUpstreamPhpsZero(): void
    {
        // Upstream PHP's ServiceRtc writes uid 0 as "0", a user account no client has; Go,
        // Python, Node, Java, C++ and the rest write "" (any uid). This package follows them.
        $o = new Options(1111111, 1);
        $majority = Vectors::stockToken(Vectors::get('at2-rtc-uid0-join'));
        $this->assertSame($majority, RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, self::CHANNEL, 0, RtcTokenBuilder2::ROLE_SUBSCRIBER, 600, 600, $o));
        $this->assertSame('', Token::decodeUnverified($majority)->services[0]->uid);
        $service = new \ServiceRtc(self::CHANNEL, 0);
        $service->addPrivilege(\ServiceRtc::PRIVILEGE_JOIN_CHANNEL, 600);
        $token = new AccessToken2(self::ID, self::CERT, 600);
        [$token->issueTs, $token->salt] = [1111111, 1];
        $token->addService($service);
        $this->assertSame($majority, $token->build());
        // Upstream PHP's token is the one for the account "0": still buildable, on purpose.
        $upstreamPhp = RtcTokenBuilder2::buildTokenWithUserAccount(self::ID, self::CERT, self::CHANNEL, '0', RtcTokenBuilder2::ROLE_SUBSCRIBER, 600, 600, $o);
        $this->assertNotSame($majority, $upstreamPhp);
        $this->assertSame('0', Token::decodeUnverified($upstreamPhp)->services[0]->uid);
        $this->assertSame([], $this->warnings);
    }

    public function testRolesAreComparedAsUpstreamComparesThem(): void
    {
        $o = new Options(1111111, 1);
        $publisher = RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 7, 1, 600, 600, $o);
        $subscriber = RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 7, 2, 600, 600, $o);
        $this->assertCount(4, Token::decodeUnverified($publisher)->services[0]->privileges);
        $this->assertCount(1, Token::decodeUnverified($subscriber)->services[0]->privileges);
        // upstream: $role == ROLE_PUBLISHER, so these publish, silently.
        foreach (['1', 1.0, true, ' 1'] as $role) {
            $this->assertSame($publisher, RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 7, $role, 600, 600, $o), var_export($role, true));
        }
        foreach (['2', 2.0] as $role) {
            $this->assertSame($subscriber, RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 7, $role, 600, 600, $o));
        }
        $this->assertSame([], $this->warnings);
        // Anything else joins only, with a warning naming the value.
        foreach ([0 => 'RTC role 0', 101 => 'RTC role 101', '3' => 'RTC role 3'] as $role => $named) {
            $this->assertSame($subscriber, RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 7, $role, 600, 600, $o));
            $this->assertWarned(['role_read_as_join_only'], $named);
        }
        foreach ([[null, 'RTC role null'], ['publisher', "RTC role 'publisher'"], [1.5, 'RTC role 1.5'], [false, 'RTC role false']] as [$role, $named]) {
            $this->assertSame($subscriber, RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 7, $role, 600, 600, $o));
            $this->assertWarned(['role_read_as_join_only'], $named);
        }
        // 006: attendee, publisher and admin publish; null == 0 in PHP, so it publishes too.
        $publisher006 = \RtcTokenBuilder::buildTokenWithUid(self::ID, self::CERT, 'c', 7, \RtcTokenBuilder::RolePublisher, 1764066022, $o);
        foreach ([0, 101, null, false, '101'] as $role) {
            $this->assertSame($publisher006, \RtcTokenBuilder::buildTokenWithUid(self::ID, self::CERT, 'c', 7, $role, 1764066022, $o), var_export($role, true));
        }
        $this->assertSame([], $this->warnings);
        \RtcTokenBuilder::buildTokenWithUid(self::ID, self::CERT, 'c', 7, 'abc', 1764066022, $o);
        $this->assertWarned(['role_read_as_join_only'], "006 RTC role 'abc'");
    }

    public function testNumbersAreReadAsPhpsPackReadsThem(): void
    {
        $o = new Options(1111111, 1);
        $build = static fn ($expire): string => \RtmTokenBuilder2::buildToken(self::ID, self::CERT, 'u', $expire, $o);
        $expected = $build(600);
        // Numeric text (query strings) and whole floats: silent.
        foreach (['600', ' 600', '600 ', '6e2', 600.0, '600.0'] as $expire) {
            $this->assertSame($expected, $build($expire), var_export($expire, true));
        }
        $this->assertSame([], $this->warnings);
        // A fraction is dropped, as pack() does, with a warning.
        $this->assertSame($expected, $build(600.9));
        $this->assertWarned(['fraction_truncated'], 'expire is 600.9, which has a fraction: the official builders drop it and pack 600');
        $this->assertSame($expected, $build('600.5'));
        $this->assertWarned(['fraction_truncated'], "expire is '600.5'");
        // Values that are not numbers are packed as (int) reads them.
        $zero = $build(0);
        foreach ([[null, 'null'], ['abc', "'abc'"], [false, 'false'], ['', "''"]] as [$expire, $shown]) {
            $this->assertSame($zero, $build($expire));
            $this->assertWarned(['not_a_number'], "expire is $shown, which is not a number: the official builders read it as 0");
        }
        $this->assertSame($build(12), $build('12abc'));
        $this->assertWarned(['not_a_number'], 'read it as 12');
        $this->assertSame($build(1), $build(true));
        $this->assertWarned(['not_a_number'], 'read it as 1');
        // Negative ints are packed as their 32 bits (pack("V") as upstream; then the expiry is absurd).
        $this->assertSame($build(4294967295), $build(-1));
        $this->assertWarned(['expiry_looks_absolute', 'expiry_looks_absolute'], 'expire is 4294967295');
        // What upstream would wrap silently into another number is refused.
        foreach ([4294967296, -2147483649, 1e20, '99999999999999999999'] as $expire) {
            try {
                $build($expire);
                $this->fail('packed ' . var_export($expire, true));
            } catch (InvalidArgumentException $error) {
                $this->assertSame('invalid_argument', $error->getErrorCode());
                $this->assertStringContainsString('is outside', $error->getMessage());
            }
        }
        // Long text is described, not quoted (a misplaced certificate must not show).
        $build(self::CERT);
        $this->assertWarned(['not_a_number'], 'expire is a string of 32 characters');
        $this->assertStringNotContainsString(self::CERT, implode(' ', array_map('strval', $this->warnings)));
        $this->warnings = [];
    }

    public function testUidsThatAreNotUidsAreWrittenAsText(): void
    {
        $o = new Options(1111111, 1);
        $build = static fn ($uid): string => RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', $uid, 1, 600, 600, $o);
        $this->assertSame($build(42), $build(42.0));
        $this->assertSame($build(0), $build(0.0));
        $this->assertSame($build(42), $build('42'));
        $this->assertSame([], $this->warnings);
        foreach ([[-1, '-1', 'the user account "-1"'], [1.5, '1.5', 'the user account "1.5"'], [true, '1', 'uid true'], [null, '', 'the empty string'], [4294967296, '4294967296', 'uid 4294967296']] as [$uid, $written, $said]) {
            $token = $build($uid);
            $this->assertSame($written, Token::decodeUnverified($token)->services[0]->uid);
            $this->assertWarned(['uid_written_as_text'], $said);
        }
        $this->expectException(\TypeError::class);
        $build([42]);
    }

    public function testSurprisingExpiriesAndPrivilegesWarnAndStrictModeRefusesThem(): void
    {
        $o = new Options(1111111, 1);
        RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 1, 1764066022, 90000, $o);
        $this->assertWarned(['expiry_looks_absolute', 'lifetime_over_24h'], 'token_expire is 1764066022');
        \RtcTokenBuilder::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 1, 3600, $o);
        $this->assertWarned(['expiry_looks_relative'], 'privilege_expired_ts is 3600');

        $token = new AccessToken2(self::ID, self::CERT, 600);
        $rtc = new \ServiceRtc('c', 1);
        $rtc->addPrivilege(9, 600);
        $token->addService($rtc);
        $this->assertSame([9 => 600], Token::decodeUnverified($token->build())->services[0]->privileges);
        $this->assertWarned(['undefined_privilege'], 'RTC privilege 9');

        $permissions = new \Rtm2Permissions();
        $permissions->add(9, \Rtm2Permissions::READ, ['a']);
        $rtm2 = \RtmTokenBuilder2::buildTokenWithPermissions(self::ID, self::CERT, 'u', $permissions, 600, $o);
        $this->assertSame([9 => [0 => ['a']]], Token::decodeUnverified($rtm2)->services[0]->permissions);
        $this->assertWarned(['undefined_rtm2_type'], 'resource type 9');

        $legacy = AccessToken::init(self::ID, self::CERT, 'c', 1);
        $legacy->addPrivilege(13, 1764066022);
        $this->assertSame([13 => 1764066022], Token::decodeUnverified006($legacy->build())['privileges']);
        $this->assertWarned(['undefined_privilege'], '13');

        $strict = new Options(1111111, 1, true);
        foreach ([
            [UnknownRoleException::class, static fn () => RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 0, 600, 600, $strict)],
            [ExpiryLooksAbsoluteException::class, static fn () => RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 1, 1764066022, 600, $strict)],
            [UnknownRoleException::class, static fn () => \RtcTokenBuilder::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 3, 1764066022, $strict)],
            [\TypeError::class, static fn () => RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, '1', 600, 600, $strict)],
        ] as [$expected, $call]) {
            try {
                $call();
                $this->fail("strict mode built a token instead of $expected");
            } catch (\Throwable $error) {
                $this->assertInstanceOf($expected, $error);
            }
        }
        $this->assertSame([], $this->warnings);
    }

    public function testBadCredentialsThrowInsteadOfReturningAnEmptyString(): void
    {
        try {
            RtcTokenBuilder2::buildTokenWithUid(self::ID, substr(self::CERT, 0, 31) . 'Z', 'c', 1, 1, 600);
            $this->fail('built with a bad certificate');
        } catch (InvalidAppCertificateException $error) {
            $this->assertSame('invalid_app_certificate', $error->getErrorCode());
            $this->assertSame(2, $error->getCode());
            $this->assertStringContainsString('byte 31', $error->getMessage());
            $this->assertStringNotContainsString(substr(self::CERT, 0, 16), $error->getMessage());
        }
    }

    public function testTheDefaultChannelIsAPhpWarningAtTheCallersLine(): void
    {
        CompatWarnings::restoreDefaultHandler();
        $caught = [];
        set_error_handler(static function (int $level, string $message, string $file, int $line) use (&$caught): bool {
            $caught[] = [$level, $message];
            return true;
        });
        try {
            $line = __LINE__ + 1;
            RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 0, 600, 600);
        } finally {
            restore_error_handler();
        }
        $this->assertCount(1, $caught);
        [$level, $message] = $caught[0];
        $this->assertSame(E_USER_WARNING, $level);
        $this->assertStringStartsWith('agora-token [role_read_as_join_only] at ' . __FILE__ . ":$line: RTC role 0", $message);

        // @ silences it, as any PHP warning; the token is built either way.
        $this->assertStringStartsWith('007', @RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 0, 600, 600));
        // A handler of null ignores warnings; capture() returns them as values.
        $this->assertNotNull(CompatWarnings::setHandler(null));
        RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 0, 600, 600);
        [$token, $warnings] = CompatWarnings::capture(static fn () => RtcTokenBuilder2::buildTokenWithUid(self::ID, self::CERT, 'c', 1, 0, 86401, 600));
        $this->assertStringStartsWith('007', $token);
        $this->assertSame(['role_read_as_join_only', 'lifetime_over_24h'], array_map(static fn (CompatWarning $w): string => $w->code, $warnings));
        foreach ($warnings as $warning) {
            $this->assertContains($warning->code, CompatWarning::CODES);
        }
    }

    public function testParsedTokensFillUpstreamsObjects(): void
    {
        $permissions = new \Rtm2Permissions();
        $permissions->add(\Rtm2Permissions::STREAM_CHANNELS, \Rtm2Permissions::WRITE, ['s1', 's2']);
        $token = new AccessToken2(self::ID, self::CERT, 600);
        $token->addService(new \ServiceRtm2('u', $permissions));
        $token->addService(new \ServiceApaas('room', 'user', 2));
        $token->addService(new \ServiceRtc('c', 5));
        $token->addService(new \ServiceRtc('d', 'acc'));
        foreach ($token->services as $service) {
            $service->addPrivilege(1, 600);
        }
        $parsed = new AccessToken2();
        $this->assertTrue($parsed->parse($token->build()));
        $this->assertTrue($parsed->verifySignature(self::CERT));
        $rtc = $parsed->getServices(\ServiceRtc::SERVICE_TYPE);
        $this->assertSame([['c', '5'], ['d', 'acc']], array_map(static fn ($s) => [$s->channelName, $s->uid], $rtc));
        $this->assertSame([\Rtm2Permissions::STREAM_CHANNELS => [\Rtm2Permissions::WRITE => ['s1', 's2']]], $parsed->getServices(\ServiceRtm2::SERVICE_TYPE)[0]->permissions->details);
        $apaas = $parsed->getServices(\ServiceApaas::SERVICE_TYPE)[0];
        $this->assertSame(['room', 'user', 2, [1 => 600]], [$apaas->roomUuid, $apaas->userUuid, $apaas->role, $apaas->privileges]);
        // Packed in type order, repeated types kept in insertion order.
        $this->assertSame([1, 1, 7, 8], array_map(static fn ($s) => $s->getServiceType(), $parsed->services));
    }

    /** @param list<string> $codes */
    private function assertWarned(array $codes, string $fragment): void
    {
        $this->assertSame($codes, array_map(static fn (CompatWarning $w): string => $w->code, $this->warnings));
        $this->assertStringContainsString($fragment, $this->warnings[0]->message);
        $this->warnings = [];
    }
}
