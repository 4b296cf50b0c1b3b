<?php

/*
 * Drop-in for upstream's php/src/AccessToken2.php (AgoraIO/Tools DynamicKey/AgoraDynamicKey):
 * the same global classes, constants, properties and methods, built, parsed and verified by
 * the agora-token core through PHP's FFI. Differences on purpose are listed in php/README.md.
 */

declare(strict_types=1);

use AgoraToken\DecodedService;
use AgoraToken\Exception\AgoraTokenException;
use AgoraToken\Internal\BuilderHandle;
use AgoraToken\Internal\Reading;
use AgoraToken\Options;
use AgoraToken\Rtm2Permissions as NativeRtm2Permissions;
use AgoraToken\Token;

class Service
{
    public $type;
    public $privileges;

    public function __construct($serviceType)
    {
        $this->type = $serviceType;
        $this->privileges = [];
    }

    /** Adds or replaces a privilege (any number, packed as given; undefined ones warn when built). */
    public function addPrivilege($privilege, $expire)
    {
        $this->privileges[$privilege] = $expire;
    }

    public function getServiceType()
    {
        return $this->type;
    }

    /**
     * Adds this service and its privileges to a core builder, reading each value as upstream
     * packs it.
     *
     * @internal
     */
    public function addTo(BuilderHandle $builder): void
    {
        $index = $this->addServiceTo($builder);
        foreach ((array) $this->privileges as $privilege => $expire) {
            $builder->privilege($index, Reading::looseU16('privilege', $privilege), Reading::looseU32('privilege expire', $expire), false);
        }
    }

    /** @internal the service itself, without privileges; returns its index */
    protected function addServiceTo(BuilderHandle $builder): int
    {
        throw new TypeError('only the Service* subclasses (ServiceRtc, ServiceRtm, ...) can be built, not a plain Service of type ' . var_export($this->type, true));
    }

    /** @internal a service of a decoded token, as upstream's parse() fills it */
    public static function fromDecoded(DecodedService $decoded): Service
    {
        $service = match ($decoded->type) {
            ServiceRtc::SERVICE_TYPE => new ServiceRtc($decoded->channelName, $decoded->uid),
            ServiceRtm::SERVICE_TYPE => new ServiceRtm($decoded->userId),
            ServiceStreaming::SERVICE_TYPE => new ServiceStreaming($decoded->channelName, $decoded->account),
            ServiceFpa::SERVICE_TYPE => new ServiceFpa(),
            ServiceChat::SERVICE_TYPE => new ServiceChat($decoded->userId),
            ServiceFCdn::SERVICE_TYPE => new ServiceFCdn($decoded->channelName, $decoded->account),
            ServiceApaas::SERVICE_TYPE => new ServiceApaas($decoded->roomUuid, $decoded->userUuid, $decoded->role),
            ServiceRtm2::SERVICE_TYPE => new ServiceRtm2($decoded->userId, Rtm2Permissions::fromDetails($decoded->permissions ?? [])),
            ServiceConvoAI::SERVICE_TYPE => new ServiceConvoAI(),
            ServiceStt::SERVICE_TYPE => new ServiceStt(),
        };
        $service->privileges = $decoded->privileges;
        return $service;
    }
}

class ServiceRtc extends Service
{
    const SERVICE_TYPE = 1;
    const PRIVILEGE_JOIN_CHANNEL = 1;
    const PRIVILEGE_PUBLISH_AUDIO_STREAM = 2;
    const PRIVILEGE_PUBLISH_VIDEO_STREAM = 3;
    const PRIVILEGE_PUBLISH_DATA_STREAM = 4;
    public $channelName;
    public $uid;

    /** A numeric uid 0 means any user ("" in the token, as the majority of upstream languages write it). */
    public function __construct($channelName = "", $uid = "")
    {
        parent::__construct(self::SERVICE_TYPE);
        $this->channelName = $channelName;
        $this->uid = $uid;
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        return $builder->addWithUser('rtc', Reading::text('channelName', $this->channelName), Reading::uid('uid', $this->uid));
    }
}

class ServiceRtm extends Service
{
    const SERVICE_TYPE = 2;
    const PRIVILEGE_LOGIN = 1;
    public $userId;

    public function __construct($userId = "")
    {
        parent::__construct(self::SERVICE_TYPE);
        $this->userId = $userId;
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        $userId = Reading::text('userId', $this->userId);
        return $builder->add('rtm', $userId, strlen($userId));
    }
}

class ServiceStreaming extends Service
{
    const SERVICE_TYPE = 3;
    const PRIVILEGE_PUBLISH_MIX_STREAM = 1;
    const PRIVILEGE_PUBLISH_RAW_STREAM = 2;
    public $channelName;
    public $account;

    public function __construct($channelName = "", $account = "")
    {
        parent::__construct(self::SERVICE_TYPE);
        $this->channelName = $channelName;
        $this->account = $account;
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        return $builder->addWithUser('streaming', Reading::text('channelName', $this->channelName), Reading::uid('account', $this->account));
    }
}

class ServiceFpa extends Service
{
    const SERVICE_TYPE = 4;
    const PRIVILEGE_LOGIN = 1;

    public function __construct()
    {
        parent::__construct(self::SERVICE_TYPE);
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        return $builder->add('fpa');
    }
}

class ServiceConvoAI extends Service
{
    const SERVICE_TYPE = 9;

    public function __construct()
    {
        parent::__construct(self::SERVICE_TYPE);
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        return $builder->add('convoai');
    }
}

class ServiceStt extends Service
{
    const SERVICE_TYPE = 10;

    public function __construct()
    {
        parent::__construct(self::SERVICE_TYPE);
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        return $builder->add('stt');
    }
}

class ServiceChat extends Service
{
    const SERVICE_TYPE = 5;
    const PRIVILEGE_USER = 1;
    const PRIVILEGE_APP = 2;
    public $userId;

    public function __construct($userId = "")
    {
        parent::__construct(self::SERVICE_TYPE);
        $this->userId = $userId;
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        $userId = Reading::text('userId', $this->userId);
        return $builder->add('chat', $userId, strlen($userId));
    }
}

class ServiceFCdn extends Service
{
    const SERVICE_TYPE = 6;
    const PRIVILEGE_PUBLISH = 1;
    const PRIVILEGE_PLAY = 2;
    public $channelName;
    public $account;

    public function __construct($channelName = "", $account = "")
    {
        parent::__construct(self::SERVICE_TYPE);
        $this->channelName = $channelName;
        $this->account = $account;
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        return $builder->addWithUser('fcdn', Reading::text('channelName', $this->channelName), Reading::uid('account', $this->account));
    }
}

class ServiceApaas extends Service
{
    const SERVICE_TYPE = 7;
    const PRIVILEGE_ROOM_USER = 1;
    const PRIVILEGE_USER = 2;
    const PRIVILEGE_APP = 3;

    public $roomUuid;
    public $userUuid;
    public $role;

    public function __construct($roomUuid = "", $userUuid = "", $role = -1)
    {
        parent::__construct(self::SERVICE_TYPE);
        $this->roomUuid = $roomUuid;
        $this->userUuid = $userUuid;
        $this->role = $role;
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        $room = Reading::text('roomUuid', $this->roomUuid);
        $user = Reading::text('userUuid', $this->userUuid);
        return $builder->add('apaas', $room, strlen($room), $user, strlen($user), Reading::looseI16('role', $this->role));
    }
}

class Rtm2Permissions
{
    const MESSAGE_CHANNELS = 0;
    const STREAM_CHANNELS = 1;
    const GROUP_CHANNELS = 2;
    const SERVER_GROUPS = 3;
    const USERS = 4;

    const READ = 0;
    const WRITE = 1;

    public $details = [];

    /** Adds or replaces the resources of a resource and permission type (any type: undefined ones warn when built). */
    public function add($resourceType, $permissionType, $resources)
    {
        if (!isset($this->details[$resourceType])) {
            $this->details[$resourceType] = [];
        }
        $this->details[$resourceType][$permissionType] = array_values($resources);
    }

    /**
     * @internal
     * @param array<int, array<int, list<string>>> $details
     */
    public static function fromDetails(array $details): Rtm2Permissions
    {
        $permissions = new Rtm2Permissions();
        foreach ($details as $resourceType => $byPermission) {
            foreach ($byPermission as $permissionType => $resources) {
                $permissions->add($resourceType, $permissionType, $resources);
            }
        }
        return $permissions;
    }
}

class ServiceRtm2 extends Service
{
    const SERVICE_TYPE = 8;
    const PRIVILEGE_LOGIN = 1;
    public $userId;
    public $permissions;

    public function __construct($userId = "", $permissions = null)
    {
        parent::__construct(self::SERVICE_TYPE);
        $this->userId = $userId;
        $this->permissions = $permissions === null ? new Rtm2Permissions() : $permissions;
    }

    protected function addServiceTo(BuilderHandle $builder): int
    {
        $userId = Reading::text('userId', $this->userId);
        $permissions = NativeRtm2Permissions::fromUpstreamDetails((array) $this->permissions->details);
        return $builder->add('rtm2', $userId, strlen($userId), $permissions->handle());
    }
}

class AccessToken2
{
    const VERSION = "007";
    const VERSION_LENGTH = 3;
    public $appCert;
    public $appId;
    public $expire;
    /** Unix seconds; set it for a reproducible token (default: the clock when constructed). */
    public $issueTs;
    /** null: a random salt (1..99999999) at build(); set it for a reproducible token. */
    public $salt;
    public $services = [];
    private $parsedToken = null;

    public function __construct($appId = "", #[\SensitiveParameter] $appCert = "", $expire = 900)
    {
        $this->appId = $appId;
        $this->appCert = $appCert;
        $this->expire = $expire;
        $this->issueTs = time();
        $this->salt = null;
    }

    /** var_dump() and print_r() show every property but the certificate. */
    public function __debugInfo()
    {
        $shown = get_object_vars($this);
        $shown['appCert'] = '(hidden)';
        unset($shown['parsedToken']);
        return $shown;
    }

    /** Adds a service; services of the same type are all kept (packed in type order). */
    public function addService($service)
    {
        $this->services[] = $service;
    }

    /** All services of the requested type, in insertion or token order. */
    public function getServices($serviceType)
    {
        return array_values(array_filter($this->services, function ($service) use ($serviceType) {
            return $service->getServiceType() == $serviceType;
        }));
    }

    /**
     * Signs and encodes the token. Unlike upstream (which returns ""), bad credentials or no
     * service throw an AgoraToken\Exception\AgoraTokenException saying what to fix.
     */
    public function build()
    {
        $options = new Options(
            $this->issueTs === null ? null : Reading::looseU32('issueTs', $this->issueTs),
            $this->salt === null ? null : Reading::looseU32('salt', $this->salt),
        );
        $builder = new BuilderHandle(
            Reading::text('appId', $this->appId),
            Reading::text('appCert', $this->appCert),
            Reading::looseU32('expire', $this->expire),
            $options,
            true,
        );
        foreach ($this->services as $service) {
            $service->addTo($builder);
        }
        return $builder->build();
    }

    public static function getVersion()
    {
        return self::VERSION;
    }

    /**
     * Reads a token: false (and a cleared object) when it is not a readable 007 token. Reading
     * stops at a service type this version does not know, keeping the services before it, as
     * upstream does.
     */
    public function parse($token)
    {
        $this->parsedToken = null;
        $this->appId = "";
        $this->issueTs = 0;
        $this->expire = 0;
        $this->salt = 0;
        $this->services = [];
        if (!is_string($token) || substr($token, 0, self::VERSION_LENGTH) !== self::getVersion()) {
            return false;
        }
        try {
            $payload = Token::decodeUnverified($token);
        } catch (AgoraTokenException) {
            return false;
        }
        $this->appId = $payload->appId;
        $this->issueTs = $payload->issuedAt;
        $this->expire = $payload->expire;
        $this->salt = $payload->salt;
        foreach ($payload->services as $decoded) {
            $this->addService(Service::fromDecoded($decoded));
        }
        $this->parsedToken = $token;
        return true;
    }

    /** Whether the parsed token's signature matches the certificate (false when nothing was parsed). */
    public function verifySignature(#[\SensitiveParameter] $appCertificate)
    {
        if ($this->parsedToken === null || !is_string($appCertificate)) {
            return false;
        }
        try {
            Token::verify($this->parsedToken, $appCertificate);
            return true;
        } catch (AgoraTokenException) {
            return false;
        }
    }
}
