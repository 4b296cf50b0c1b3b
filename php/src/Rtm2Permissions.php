<?php

declare(strict_types=1);

namespace AgoraToken;

use AgoraToken\Internal\Native;
use AgoraToken\Internal\Reading;
use FFI\CData;

/**
 * RTM2 resource-level permissions (a core Rtm2Permissions): for each resource type and
 * permission type, the resource names, in the order given. Adding the same pair again
 * replaces its list, as upstream does.
 */
final class Rtm2Permissions
{
    private CData $handle;

    public function __construct()
    {
        $this->handle = Native::ffi()->agora_token_rtm2_permissions_new();
    }

    public function __destruct()
    {
        Native::ffi()->agora_token_rtm2_permissions_free($this->handle);
    }

    public function __clone()
    {
        throw new \LogicException('RTM2 permissions cannot be cloned: build a new set');
    }

    /**
     * @param list<string> $resources
     * @throws Exception\UnknownRtm2TypeException for a type RTM2 does not define
     */
    public function add(Rtm2ResourceType|int $resourceType, Rtm2PermissionType|int $permissionType, array $resources): self
    {
        $resource = Reading::u16('resourceType', $resourceType instanceof Rtm2ResourceType ? $resourceType->value : $resourceType);
        $permission = Reading::u16('permissionType', $permissionType instanceof Rtm2PermissionType ? $permissionType->value : $permissionType);
        [$names, $lengths, $count] = self::names(array_values($resources));
        Native::call('agora_token_rtm2_permissions_add', $this->handle, $resource, $permission, $names, $lengths, $count);
        return $this;
    }

    /**
     * Permissions from upstream PHP's `Rtm2Permissions::$details` (resource type => permission
     * type => names), read as upstream packs them: any type, with an undefined_rtm2_type
     * warning for those RTM2 does not define.
     *
     * @internal for the drop-in ServiceRtm2
     * @param array<mixed> $details
     */
    public static function fromUpstreamDetails(array $details): self
    {
        $permissions = new self();
        foreach ($details as $resourceType => $byPermission) {
            $resource = Reading::looseU16('resourceType', $resourceType);
            foreach ((array) $byPermission as $permissionType => $resources) {
                $permission = Reading::looseU16('permissionType', $permissionType);
                $list = [];
                foreach ((array) $resources as $name) {
                    $list[] = Reading::text('resource', $name);
                }
                [$names, $lengths, $count] = self::names($list);
                Native::callWithWarnings(
                    'agora_token_rtm2_permissions_add_unchecked',
                    $permissions->handle,
                    $resource,
                    $permission,
                    $names,
                    $lengths,
                    $count,
                );
            }
        }
        return $permissions;
    }

    /** @internal the C handle, for the builders */
    public function handle(): CData
    {
        return $this->handle;
    }

    /**
     * The names back to back and their byte lengths, as agora_token_rtm2_permissions_add takes them.
     *
     * @param list<mixed> $resources
     * @return array{string, CData|null, int}
     */
    private static function names(array $resources): array
    {
        $count = count($resources);
        if ($count === 0) {
            return ['', null, 0];
        }
        $lengths = Native::ffi()->new("size_t[$count]");
        $joined = '';
        foreach ($resources as $i => $name) {
            $name = Reading::text('resource', $name);
            $lengths[$i] = strlen($name);
            $joined .= $name;
        }
        return [$joined, $lengths, $count];
    }
}
