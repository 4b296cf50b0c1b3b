<?php

declare(strict_types=1);

namespace AgoraToken;

/**
 * An app id and its app certificate, the key tokens are signed with. The certificate is kept
 * out of every string form of this object: var_dump, print_r, var_export, (array) casts and
 * json_encode show the app id only, and serialize() refuses.
 *
 * Both are checked when a token is built or verified (InvalidAppIdException,
 * InvalidAppCertificateException: 32 hexadecimal characters), with messages that describe the
 * certificate's shape, never its text.
 */
final class Credentials implements \JsonSerializable
{
    /** @var \WeakMap<Credentials, string>|null the certificates, outside every object's properties */
    private static ?\WeakMap $certificates = null;

    public function __construct(
        public readonly string $appId,
        #[\SensitiveParameter] string $appCertificate,
    ) {
        self::$certificates ??= new \WeakMap();
        self::$certificates[$this] = $appCertificate;
    }

    /** The certificate, for signing: never logged or shown by this package. */
    public function appCertificate(): string
    {
        return self::$certificates[$this] ?? '';
    }

    public function __clone()
    {
        // A clone's certificate is the original's (the WeakMap is keyed by object).
        throw new \LogicException('Credentials are immutable: use the same object');
    }

    /** @return array<string, string> */
    public function __debugInfo(): array
    {
        return ['appId' => $this->appId, 'appCertificate' => '(hidden)'];
    }

    /** @return array<string, string> */
    public function jsonSerialize(): array
    {
        return ['appId' => $this->appId];
    }

    /** @return never */
    public function __serialize(): array
    {
        throw new \LogicException('Credentials are not serializable: the certificate would be written out');
    }

    /** @param array<mixed> $data */
    public function __unserialize(array $data): void
    {
        throw new \LogicException('Credentials are not serializable');
    }
}
