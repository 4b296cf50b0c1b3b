<?php

declare(strict_types=1);

namespace AgoraToken;

/** A service of a decoded AccessToken2 token; the fields its type does not have are null. */
final class DecodedService
{
    /**
     * @param int $type the service type (ServiceType::from($type) for the enum)
     * @param string $name "RTC", "RTM", "Streaming", "FPA", "Chat", "FCDN", "APaaS", "RTM2", "ConvoAI" or "STT"
     * @param array<int, int> $privileges privilege number => seconds after the issue time
     * @param array<int, array<int, list<string>>>|null $permissions RTM2: resource type => permission type => names
     */
    public function __construct(
        public readonly int $type,
        public readonly string $name,
        public readonly array $privileges,
        public readonly ?string $channelName = null,
        public readonly ?string $uid = null,
        public readonly ?string $account = null,
        public readonly ?string $userId = null,
        public readonly ?string $roomUuid = null,
        public readonly ?string $userUuid = null,
        public readonly ?int $role = null,
        public readonly ?array $permissions = null,
    ) {
    }

    /**
     * @internal
     * @param array<string, mixed> $data a service of the C library's JSON
     */
    public static function fromArray(array $data): self
    {
        $permissions = null;
        if (isset($data['permissions'])) {
            $permissions = [];
            foreach ($data['permissions'] as $resource => $byPermission) {
                foreach ($byPermission as $permission => $names) {
                    $permissions[(int) $resource][(int) $permission] = $names;
                }
            }
        }
        $privileges = [];
        foreach ($data['privileges'] as $code => $expire) {
            $privileges[(int) $code] = $expire;
        }
        return new self(
            $data['type'],
            $data['name'],
            $privileges,
            $data['channel_name'] ?? null,
            $data['uid'] ?? null,
            $data['account'] ?? null,
            $data['user_id'] ?? null,
            $data['room_uuid'] ?? null,
            $data['user_uuid'] ?? null,
            $data['role'] ?? null,
            $permissions,
        );
    }
}
