<?php

declare(strict_types=1);

namespace AgoraToken\Internal;

use AgoraToken\Options;
use FFI;
use FFI\CData;

/**
 * An AgoraTokenBuilder of the C library (a core AccessToken2 under construction), freed with
 * the object. Each add* call adds a service and returns its index; privilege() adds to it.
 *
 * @internal used by AgoraToken\TokenBuilder and the drop-in AccessToken2
 */
final class BuilderHandle
{
    private CData $handle;
    private CData $index;

    /**
     * @param bool $warn report the lifetime's and unchecked privileges' warnings (drop-in)
     */
    public function __construct(
        string $appId,
        #[\SensitiveParameter] string $appCertificate,
        int $expire,
        ?Options $options,
        private readonly bool $warn,
    ) {
        $ffi = Native::ffi();
        $handle = $ffi->new('AgoraTokenBuilder*');
        $warnings = $ffi->new('AgoraTokenWarnings*');
        $error = $ffi->new('char*');
        $status = $ffi->agora_token_builder_new(
            $appId,
            strlen($appId),
            $appCertificate,
            strlen($appCertificate),
            $expire,
            $options?->native(),
            $this->warn ? FFI::addr($warnings) : null,
            FFI::addr($handle),
            FFI::addr($error),
        );
        Native::check($status, $error);
        $this->handle = $handle;
        $this->index = $ffi->new('size_t');
        Native::deliver($warnings);
    }

    public function __destruct()
    {
        Native::ffi()->agora_token_builder_free($this->handle);
    }

    public function __clone()
    {
        throw new \LogicException('a token builder cannot be cloned');
    }

    /** Calls agora_token_builder_add_<service>(builder, ...arguments, &index, &error). */
    public function add(string $service, mixed ...$arguments): int
    {
        Native::call('agora_token_builder_add_' . $service, $this->handle, ...$arguments, ...[FFI::addr($this->index)]);
        return $this->index->cdata;
    }

    /** A service of a channel and a user (rtc, streaming, fcdn) in its uid or account form. */
    public function addWithUser(string $service, string $channelName, int|string $user): int
    {
        return is_int($user)
            ? $this->add("{$service}_uid", $channelName, strlen($channelName), $user)
            : $this->add("{$service}_account", $channelName, strlen($channelName), $user, strlen($user));
    }

    /** Checked (unknown_privilege), or unchecked as upstream's addPrivilege (warnings). */
    public function privilege(int $index, int $privilege, int $expire, bool $checked): void
    {
        if ($checked) {
            Native::call('agora_token_builder_add_privilege', $this->handle, $index, $privilege, $expire);
        } elseif ($this->warn) {
            Native::callWithWarnings('agora_token_builder_add_privilege_unchecked', $this->handle, $index, $privilege, $expire);
        } else {
            Native::call('agora_token_builder_add_privilege_unchecked', $this->handle, $index, $privilege, $expire, null);
        }
    }

    public function build(): string
    {
        return Native::text('agora_token_builder_build', $this->handle);
    }
}
