<?php

declare(strict_types=1);

namespace AgoraToken;

/**
 * What an AccessToken2 ("007") token holds: Token::decode() returns it once the signature
 * checked out, Token::decodeUnverified() without any check (for inspection only).
 */
final class Payload
{
    /**
     * @param list<DecodedService> $services in the token's (packed) order
     * @param int|null $unknownServiceType the first service type this version cannot read (reading stopped there, as upstream does)
     */
    public function __construct(
        public readonly string $appId,
        public readonly int $issuedAt,
        public readonly int $expire,
        public readonly int $expiresAt,
        public readonly int $salt,
        public readonly array $services,
        public readonly ?int $unknownServiceType,
    ) {
    }

    /** @internal from the C library's JSON */
    public static function fromJson(string $json): self
    {
        /** @var array<string, mixed> $data */
        $data = json_decode($json, true, 16, JSON_THROW_ON_ERROR);
        return new self(
            $data['app_id'],
            $data['issued_at'],
            $data['expire'],
            $data['expires_at'],
            $data['salt'],
            array_map([DecodedService::class, 'fromArray'], $data['services']),
            $data['unknown_service_type'],
        );
    }

    /** @return list<DecodedService> the services of one type, in token order */
    public function services(ServiceType $type): array
    {
        return array_values(array_filter($this->services, static fn (DecodedService $s): bool => $s->type === $type->value));
    }
}
