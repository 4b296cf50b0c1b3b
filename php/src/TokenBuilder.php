<?php

declare(strict_types=1);

namespace AgoraToken;

use AgoraToken\Internal\BuilderHandle;
use AgoraToken\Internal\Reading;

/**
 * An AccessToken2 ("007") token with any services: each add* method adds one service and
 * returns its index, to which addPrivilege() adds privileges (expiries are seconds after the
 * issue time). Services of the same type may repeat; they are packed in type order.
 *
 *     $builder = new TokenBuilder(new Credentials($appId, $certificate), 3600);
 *     $rtc = $builder->addRtc('room', 42);
 *     $builder->addPrivilege($rtc, RtcPrivilege::JoinChannel, 3600);
 *     $token = $builder->build();
 *
 * Privilege numbers are checked (UnknownPrivilegeException). build() only reads, so one
 * builder may build many tokens (each with a new salt unless Options fixes one).
 */
final class TokenBuilder
{
    private BuilderHandle $builder;

    /**
     * @param int $expire the token's lifetime in seconds after the issue time
     */
    public function __construct(Credentials $credentials, int $expire, ?Options $options = null)
    {
        $this->builder = new BuilderHandle(
            $credentials->appId,
            $credentials->appCertificate(),
            Reading::u32('expire', $expire),
            $options,
            false,
        );
    }

    /**
     * @param int|string $user a uid (0 to 4294967295; 0 = any user) or a string account
     * @param array<int, int> $privileges privilege number => expiry, e.g. [RtcPrivilege::JoinChannel->value => 3600]
     */
    public function addRtc(string $channelName, int|string $user, array $privileges = []): int
    {
        return $this->withPrivileges($this->addWithUser('rtc', $channelName, $user), $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addRtm(string $userId, array $privileges = []): int
    {
        return $this->withPrivileges($this->builder->add('rtm', $userId, strlen($userId)), $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addStreaming(string $channelName, int|string $user, array $privileges = []): int
    {
        return $this->withPrivileges($this->addWithUser('streaming', $channelName, $user), $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addFpa(array $privileges = []): int
    {
        return $this->withPrivileges($this->builder->add('fpa'), $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addChat(string $userId, array $privileges = []): int
    {
        return $this->withPrivileges($this->builder->add('chat', $userId, strlen($userId)), $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addFcdn(string $channelName, int|string $user, array $privileges = []): int
    {
        return $this->withPrivileges($this->addWithUser('fcdn', $channelName, $user), $privileges);
    }

    /**
     * @param int $role the APaaS role (-32768 to 32767; -1 when unused)
     * @param array<int, int> $privileges
     */
    public function addApaas(string $roomUuid, string $userUuid, int $role, array $privileges = []): int
    {
        $index = $this->builder->add('apaas', $roomUuid, strlen($roomUuid), $userUuid, strlen($userUuid), Reading::i16('role', $role));
        return $this->withPrivileges($index, $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addRtm2(string $userId, Rtm2Permissions $permissions, array $privileges = []): int
    {
        return $this->withPrivileges($this->builder->add('rtm2', $userId, strlen($userId), $permissions->handle()), $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addConvoAi(array $privileges = []): int
    {
        return $this->withPrivileges($this->builder->add('convoai'), $privileges);
    }

    /** @param array<int, int> $privileges */
    public function addStt(array $privileges = []): int
    {
        return $this->withPrivileges($this->builder->add('stt'), $privileges);
    }

    /**
     * Grants a privilege of the service at `$service` (an index an add* method returned).
     *
     * @param \BackedEnum|int $privilege e.g. RtcPrivilege::JoinChannel, or its number
     * @param int $expire seconds after the issue time
     * @throws Exception\UnknownPrivilegeException for a number the service does not define
     */
    public function addPrivilege(int $service, \BackedEnum|int $privilege, int $expire): self
    {
        $code = $privilege instanceof \BackedEnum ? (int) $privilege->value : $privilege;
        $this->builder->privilege($service, Reading::u16('privilege', $code), Reading::u32('expire', $expire), true);
        return $this;
    }

    /** Signs and encodes the token. */
    public function build(): string
    {
        return $this->builder->build();
    }

    private function addWithUser(string $service, string $channelName, int|string $user): int
    {
        return $this->builder->addWithUser($service, $channelName, is_int($user) ? Reading::u32('uid', $user) : $user);
    }

    /** @param array<int, int> $privileges */
    private function withPrivileges(int $index, array $privileges): int
    {
        foreach ($privileges as $privilege => $expire) {
            $this->addPrivilege($index, $privilege, $expire);
        }
        return $index;
    }
}
