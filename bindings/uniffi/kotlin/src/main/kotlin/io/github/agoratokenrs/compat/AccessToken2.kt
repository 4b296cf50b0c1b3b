package io.github.agoratokenrs.compat

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.AppCertificate
import io.github.agoratokenrs.PrivilegeEntry
import io.github.agoratokenrs.Rtm2PermissionEntry
import io.github.agoratokenrs.buildTokenUnchecked
import io.github.agoratokenrs.compatPrivilege
import io.github.agoratokenrs.decodeUnverifiedToken
import io.github.agoratokenrs.randomSalt
import io.github.agoratokenrs.unixNow
import io.github.agoratokenrs.userFromSignedUid
import io.github.agoratokenrs.userWireString
import io.github.agoratokenrs.verifyToken
import java.util.TreeMap
import io.github.agoratokenrs.Service as WireService

/**
 * Drop-in for upstream `io.agora.media.AccessToken2`: builds, parses and verifies AccessToken2
 * ("007") tokens with any services.
 *
 * As upstream, [issueTs] and [salt] are set when the token is made (the clock and a random
 * salt) and can be changed before [build]; [expire] and every privilege value are seconds after
 * [issueTs]. Unlike upstream they are `Long`s (checked at [build]) so the whole unsigned 32-bit
 * range fits; a negative value in the `Int` range is packed as upstream packs a negative `int`,
 * as its unsigned 32 bits (-1 as 4294967295). Privilege numbers the service does not define, and
 * RTM2 types RTM2 does not define, are packed as given, with a [CompatWarnings] warning; so are
 * expiries that look like Unix timestamps or exceed 24 hours. Packing, signing and parsing are
 * done by the core.
 */
class AccessToken2 {
    /** RTC privilege identifiers. */
    enum class PrivilegeRtc(val intValue: Short) {
        PRIVILEGE_JOIN_CHANNEL(1),
        PRIVILEGE_PUBLISH_AUDIO_STREAM(2),
        PRIVILEGE_PUBLISH_VIDEO_STREAM(3),
        PRIVILEGE_PUBLISH_DATA_STREAM(4),
    }

    /** RTM privilege identifiers. */
    enum class PrivilegeRtm(val intValue: Short) { PRIVILEGE_LOGIN(1) }

    /** Streaming privilege identifiers. */
    enum class PrivilegeStreaming(val intValue: Short) { PRIVILEGE_PUBLISH_MIX_STREAM(1), PRIVILEGE_PUBLISH_RAW_STREAM(2) }

    /** FPA privilege identifiers. */
    enum class PrivilegeFpa(val intValue: Short) { PRIVILEGE_LOGIN(1) }

    /** Chat privilege identifiers. */
    enum class PrivilegeChat(val intValue: Short) { PRIVILEGE_CHAT_USER(1), PRIVILEGE_CHAT_APP(2) }

    /** FCDN privilege identifiers. */
    enum class PrivilegeFCdn(val intValue: Short) { PRIVILEGE_PUBLISH(1), PRIVILEGE_PLAY(2) }

    /** APaaS privilege identifiers. */
    enum class PrivilegeApaas(val intValue: Short) { PRIVILEGE_ROOM_USER(1), PRIVILEGE_USER(2), PRIVILEGE_APP(3) }

    /** RTM2 privilege identifiers. */
    enum class PrivilegeRtm2(val intValue: Short) { PRIVILEGE_LOGIN(1) }

    /** The certificate used by [build]; never printed by this class. */
    var appCert: String = ""
    var appId: String = ""

    /** The token's lifetime in seconds after [issueTs]. */
    var expire: Long = 0

    /** The issue time, Unix seconds (0 is packed as 0). */
    var issueTs: Long = 0
    var salt: Long = 0

    /** The services, in insertion (or token) order; packing orders them by type, keeping repeats. */
    val services: MutableList<Service> = mutableListOf()

    private var parsedToken: String? = null

    /** An empty token, to [parse] into. */
    constructor()

    /** A token to build, issued now with a random salt. */
    constructor(appId: String, appCert: String, expire: Int) : this(appId, appCert, expire.toLong())

    /** As the `Int` constructor, with the whole unsigned 32-bit range for [expire]. */
    constructor(appId: String, appCert: String, expire: Long) {
        this.appCert = appCert
        this.appId = appId
        this.expire = expire
        issueTs = unixNow().toLong()
        salt = randomSalt().toLong()
    }

    /** Adds a service without replacing services of the same type. */
    fun addService(service: Service) {
        services.add(service)
    }

    /** All services of the requested type in insertion or token order. */
    fun getServices(serviceType: Short): List<Service> = services.filter { it.serviceType == serviceType }

    /**
     * Signs and encodes the token. Throws a typed [AgoraTokenException] where upstream returns
     * `""` (invalid app id or certificate, no services) and for values outside the ranges a
     * token holds.
     */
    fun build(): String = withCredentials(appId, appCert) { credentials ->
        val lifetime = seconds("expire", expire)
        val wire = services.map { it.toWire() }
        buildTokenUnchecked(
            credentials, lifetime, wire, u32("issueTs", issueTs), saltOf(salt),
        )
    }

    /** A new, empty service of a known type, or `null` for an unknown one. */
    fun getService(serviceType: Short): Service? = when (serviceType) {
        SERVICE_TYPE_RTC -> ServiceRtc()
        SERVICE_TYPE_RTM -> ServiceRtm()
        SERVICE_TYPE_STREAMING -> ServiceStreaming()
        SERVICE_TYPE_FPA -> ServiceFpa()
        SERVICE_TYPE_CHAT -> ServiceChat()
        SERVICE_TYPE_FCDN -> ServiceFCdn()
        SERVICE_TYPE_APAAS -> ServiceApaas()
        SERVICE_TYPE_RTM2 -> ServiceRtm2()
        SERVICE_TYPE_CONVOAI -> ServiceConvoAI()
        SERVICE_TYPE_STT -> ServiceStt()
        else -> null
    }

    /**
     * Decodes a token into this object (without checking its signature; see [verifySignature]).
     * Returns `false`, with the fields cleared, if it is not a readable 007 token. Decoding stops
     * at a service type it does not know and keeps the services before it, as upstream.
     */
    fun parse(token: String?): Boolean {
        appId = ""
        issueTs = 0
        expire = 0
        salt = 0
        services.clear()
        parsedToken = null
        if (token == null) return false
        val payload = try {
            decodeUnverifiedToken(token)
        } catch (_: AgoraTokenException) {
            return false
        }
        appId = payload.appId
        issueTs = payload.issuedAt.toLong()
        expire = payload.expire.toLong()
        salt = payload.salt.toLong()
        payload.services.mapTo(services, ::fromWire)
        parsedToken = token
        return true
    }

    /** Whether the token read by [parse] was signed with this certificate (constant-time check). */
    fun verifySignature(appCertificate: String?): Boolean {
        val token = parsedToken ?: return false
        if (appCertificate == null) return false
        return try {
            AppCertificate(appCertificate).use { verifyToken(token, it) }
            true
        } catch (_: AgoraTokenException) {
            false
        }
    }

    /** The type and privileges every service has. */
    open class Service(var type: Short = 0) {
        /** Privilege number → seconds after the issue time. Any number may be put here, as upstream. */
        var privileges: TreeMap<Short, Long> = TreeMap()

        fun addPrivilegeRtc(privilege: PrivilegeRtc, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeRtc(privilege: PrivilegeRtc, expire: Long) = put(privilege.intValue, expire)
        fun addPrivilegeRtm(privilege: PrivilegeRtm, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeRtm(privilege: PrivilegeRtm, expire: Long) = put(privilege.intValue, expire)
        fun addPrivilegeStreaming(privilege: PrivilegeStreaming, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeStreaming(privilege: PrivilegeStreaming, expire: Long) = put(privilege.intValue, expire)
        fun addPrivilegeFpa(privilege: PrivilegeFpa, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeFpa(privilege: PrivilegeFpa, expire: Long) = put(privilege.intValue, expire)
        fun addPrivilegeChat(privilege: PrivilegeChat, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeChat(privilege: PrivilegeChat, expire: Long) = put(privilege.intValue, expire)
        fun addPrivilegeFCdn(privilege: PrivilegeFCdn, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeFCdn(privilege: PrivilegeFCdn, expire: Long) = put(privilege.intValue, expire)
        fun addPrivilegeApaas(privilege: PrivilegeApaas, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeApaas(privilege: PrivilegeApaas, expire: Long) = put(privilege.intValue, expire)
        fun addPrivilegeRtm2(privilege: PrivilegeRtm2, expire: Int) = put(privilege.intValue, expire.toLong())
        fun addPrivilegeRtm2(privilege: PrivilegeRtm2, expire: Long) = put(privilege.intValue, expire)

        /**
         * Adds or updates a privilege by number (0..65535), as the other upstream languages'
         * `add_privilege` does; a number the service does not define is packed with a warning.
         */
        fun addPrivilege(privilege: Int, expire: Long) = put(privilegeNumber(privilege), expire)

        private fun put(privilege: Short, expire: Long) {
            privileges[privilege] = expire
        }

        val serviceType: Short
            get() = type

        /**
         * The service as the core packs it, its privileges checked to the token's ranges and
         * reported to [CompatWarnings] when surprising. A plain `Service` can only stand for the
         * types without fields of their own (FPA, ConvoAI, STT).
         */
        internal fun toWire(): WireService {
            val type = type.toUShort()
            val entries = privilegeEntries(privileges) { code, expire ->
                CompatWarnings.emit(compatPrivilege(type, code))
                seconds("privilege $code expire of service type $type", expire)
            }
            return wire(entries)
        }

        internal open fun wire(privileges: List<PrivilegeEntry>): WireService = when (type) {
            SERVICE_TYPE_FPA -> WireService.Fpa(privileges)
            SERVICE_TYPE_CONVOAI -> WireService.ConvoAi(privileges)
            SERVICE_TYPE_STT -> WireService.Stt(privileges)
            else -> throw AgoraTokenException.InvalidArgument(
                "a plain Service of type $type has no fields of its own; use the service class of that type " +
                    "(ServiceRtc, ServiceRtm, ...)",
            )
        }
    }

    /** RTC: a channel and a uid string (see [getUidStr]) or account. */
    class ServiceRtc(var channelName: String = "", var uid: String = "") : Service(SERVICE_TYPE_RTC) {
        override fun wire(privileges: List<PrivilegeEntry>) = WireService.Rtc(channelName, uid, privileges)
    }

    /** RTM login for a user id. */
    class ServiceRtm(var userId: String = "") : Service(SERVICE_TYPE_RTM) {
        override fun wire(privileges: List<PrivilegeEntry>) = WireService.Rtm(userId, privileges)
    }

    /** Streaming: a channel and an account. */
    class ServiceStreaming(var channelName: String = "", var account: String = "") : Service(SERVICE_TYPE_STREAMING) {
        /** With a numeric uid (0 = any user), read as an unsigned 32-bit number. */
        constructor(channelName: String, uid: Long) : this(channelName, userWireString(userFromSignedUid(uid)))

        override fun wire(privileges: List<PrivilegeEntry>) = WireService.Streaming(channelName, account, privileges)
    }

    /** FPA login. */
    class ServiceFpa : Service(SERVICE_TYPE_FPA)

    /** Chat: a user id (`""` for app tokens). */
    class ServiceChat(var userId: String = "") : Service(SERVICE_TYPE_CHAT) {
        override fun wire(privileges: List<PrivilegeEntry>) = WireService.Chat(userId, privileges)
    }

    /** FCDN: a channel and an account. */
    class ServiceFCdn(var channelName: String = "", var account: String = "") : Service(SERVICE_TYPE_FCDN) {
        /** With a numeric uid (0 = any user), read as an unsigned 32-bit number. */
        constructor(channelName: String, uid: Long) : this(channelName, userWireString(userFromSignedUid(uid)))

        override fun wire(privileges: List<PrivilegeEntry>) = WireService.Fcdn(channelName, account, privileges)
    }

    /** APaaS / Flexible Classroom: a room, a user and a role (-1 when unused). */
    class ServiceApaas(
        var roomUuid: String = "",
        var userUuid: String = "",
        var role: Short = -1,
    ) : Service(SERVICE_TYPE_APAAS) {
        /** An APaaS user service (no room, no role). */
        constructor(userUuid: String) : this("", userUuid, -1)

        override fun wire(privileges: List<PrivilegeEntry>) = WireService.Apaas(roomUuid, userUuid, role, privileges)
    }

    /** RTM2 login with resource-level permissions. */
    class ServiceRtm2(var userId: String = "", var permissions: Permissions = Permissions()) : Service(SERVICE_TYPE_RTM2) {
        /**
         * Resource names per (resource type, permission type). A later [add] for the same pair
         * replaces the earlier list; names keep their order and duplicates.
         */
        class Permissions {
            val details: TreeMap<Short, TreeMap<Short, MutableList<String>>> = TreeMap()

            /** Adds or replaces the resources for a resource type and permission type. */
            fun add(resourceType: Short, permissionType: Short, resources: List<String>) {
                details.getOrPut(resourceType) { TreeMap() }[permissionType] = resources.toMutableList()
            }

            /** The entries as upstream packs them (see [rtm2Entries]); types RTM2 does not define warn. */
            internal fun entries(): List<Rtm2PermissionEntry> = rtm2Entries(details)

            companion object {
                const val MESSAGE_CHANNELS: Short = 0
                const val STREAM_CHANNELS: Short = 1
                const val GROUP_CHANNELS: Short = 2
                const val SERVER_GROUPS: Short = 3
                const val USERS: Short = 4

                const val READ: Short = 0
                const val WRITE: Short = 1
            }
        }

        override fun wire(privileges: List<PrivilegeEntry>) = WireService.Rtm2(userId, permissions.entries(), privileges)
    }

    /** Conversational AI (no fields, no privileges defined). */
    class ServiceConvoAI : Service(SERVICE_TYPE_CONVOAI)

    /** Speech-to-text (no fields, no privileges defined). */
    class ServiceStt : Service(SERVICE_TYPE_STT)

    companion object {
        private const val VERSION = "007"

        const val SERVICE_TYPE_RTC: Short = 1
        const val SERVICE_TYPE_RTM: Short = 2
        const val SERVICE_TYPE_STREAMING: Short = 3
        const val SERVICE_TYPE_FPA: Short = 4
        const val SERVICE_TYPE_CHAT: Short = 5
        const val SERVICE_TYPE_FCDN: Short = 6
        const val SERVICE_TYPE_APAAS: Short = 7
        const val SERVICE_TYPE_RTM2: Short = 8
        const val SERVICE_TYPE_CONVOAI: Short = 9
        const val SERVICE_TYPE_STT: Short = 10

        /** A numeric uid as packed: `""` for 0, else the unsigned decimal (`-1` is "4294967295"). */
        @JvmStatic
        fun getUidStr(uid: Int): String = userWireString(userFromSignedUid(uid.toLong()))

        /** The version prefix, "007". */
        @JvmStatic
        fun getVersion(): String = VERSION

        private fun fromWire(service: WireService): Service {
            val (compat, privileges) = when (service) {
                is WireService.Rtc -> ServiceRtc(service.channelName, service.uid) to service.privileges
                is WireService.Rtm -> ServiceRtm(service.userId) to service.privileges
                is WireService.Streaming -> ServiceStreaming(service.channelName, service.account) to service.privileges
                is WireService.Fpa -> ServiceFpa() to service.privileges
                is WireService.Chat -> ServiceChat(service.userId) to service.privileges
                is WireService.Fcdn -> ServiceFCdn(service.channelName, service.account) to service.privileges
                is WireService.Apaas -> ServiceApaas(service.roomUuid, service.userUuid, service.role) to service.privileges
                is WireService.Rtm2 -> ServiceRtm2(service.userId, permissionsOf(service.permissions)) to service.privileges
                is WireService.ConvoAi -> ServiceConvoAI() to service.privileges
                is WireService.Stt -> ServiceStt() to service.privileges
            }
            privileges.associateTo(compat.privileges) { it.code.toShort() to it.expire.toLong() }
            return compat
        }

        private fun permissionsOf(entries: List<Rtm2PermissionEntry>) = ServiceRtm2.Permissions().apply {
            for (entry in entries) add(entry.resourceType.toShort(), entry.permissionType.toShort(), entry.resources)
        }
    }
}
