<?php

declare(strict_types=1);

namespace AgoraToken\Tests;

use AccessToken;
use AgoraToken\Internal\Native;
use PHPUnit\Framework\TestCase;
use ReflectionClass;

/**
 * The drop-in's upstream constants against the core's tables (agora_token_privilege_names),
 * found by reflection: a typo, a wrong number, a missing or an extra constant fails.
 */
final class UpstreamConstantsTest extends TestCase
{
    /** @return array{service_types: list<array{type: int, name: string, privileges: list<array{name: string, code: int}>}>, privileges_006: list<array{name: string, code: int}>} */
    private static function coreTables(): array
    {
        return json_decode(Native::take(Native::ffi()->agora_token_privilege_names()), true, 512, JSON_THROW_ON_ERROR);
    }

    public function testServiceClassesAndTheirConstantsAreTheCoreTables(): void
    {
        class_exists('AccessToken2'); // autoloads the drop-in file that declares the Service* classes
        $classes = [];
        foreach (get_declared_classes() as $class) {
            if (is_subclass_of($class, 'Service') && (new ReflectionClass($class))->getNamespaceName() === '') {
                $classes[$class::SERVICE_TYPE] = $class;
            }
        }
        $core = self::coreTables()['service_types'];
        $this->assertSame(array_column($core, 'type'), array_keys(self::sorted($classes)));
        foreach ($core as $service) {
            $class = $classes[$service['type']];
            $this->assertSame(strtoupper($service['name']), strtoupper(substr($class, strlen('Service'))), $class);
            $expected = [];
            foreach ($service['privileges'] as $privilege) {
                // Upstream spells the core's join_channel as PRIVILEGE_JOIN_CHANNEL.
                $expected['PRIVILEGE_' . strtoupper($privilege['name'])] = $privilege['code'];
            }
            $constants = array_filter(
                (new ReflectionClass($class))->getConstants(),
                fn (string $name): bool => str_starts_with($name, 'PRIVILEGE_'),
                ARRAY_FILTER_USE_KEY,
            );
            $this->assertSame($expected, $constants, $class);
        }
    }

    public function testThe006PrivilegesAreTheCoreTable(): void
    {
        $core = [];
        foreach (self::coreTables()['privileges_006'] as $privilege) {
            $core['k' . str_replace('_', '', ucwords($privilege['name'], '_'))] = $privilege['code'];
        }
        // Upstream PHP names five of the core's 006 privileges.
        $this->assertSame(['kJoinChannel', 'kPublishAudioStream', 'kPublishVideoStream', 'kPublishDataStream', 'kRtmLogin'], array_keys(AccessToken::Privileges));
        foreach (AccessToken::Privileges as $name => $code) {
            $this->assertSame($core[$name] ?? null, $code, "AccessToken::Privileges['$name']");
        }
    }

    /** @param array<int, string> $byType */
    private static function sorted(array $byType): array
    {
        ksort($byType);
        return $byType;
    }
}
