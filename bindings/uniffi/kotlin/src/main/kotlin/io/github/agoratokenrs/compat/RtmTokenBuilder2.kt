package io.github.agoratokenrs.compat

import io.github.agoratokenrs.Rtm2Permission
import io.github.agoratokenrs.buildRtm2Token
import io.github.agoratokenrs.buildRtmToken
import io.github.agoratokenrs.rtm2PermissionTypeFromCode
import io.github.agoratokenrs.rtm2ResourceTypeFromCode

/** Drop-in for upstream `io.agora.media.RtmTokenBuilder2`; errors throw instead of returning `""`. */
class RtmTokenBuilder2 {
    /** RTM login for [userId]; the login and the token last [tokenExpire] seconds. */
    fun buildToken(appId: String, appCertificate: String, userId: String, tokenExpire: Int): String =
        withCredentials(appId, appCertificate) { buildRtmToken(it, userId, seconds("tokenExpire", tokenExpire)) }

    /** RTM2 login with resource permissions; the login and the token last [expire] seconds. */
    fun buildTokenWithPermissions(
        appId: String,
        appCertificate: String,
        userId: String,
        permissions: Rtm2Permissions,
        expire: Int,
    ): String = withCredentials(appId, appCertificate) {
        buildRtm2Token(it, userId, permissions.toTyped(), seconds("expire", expire))
    }
}

/**
 * Stand-in for upstream `AccessToken2.ServiceRtm2.Permissions`: resource names per
 * (resource type, permission type), with the same `Short` constants. A later [add] for the
 * same pair replaces the earlier list, as upstream.
 */
class Rtm2Permissions {
    private val entries = mutableListOf<Triple<Short, Short, List<String>>>()

    /** Sets the resources for a resource type and permission type. */
    fun add(resourceType: Short, permissionType: Short, resources: List<String>) {
        entries += Triple(resourceType, permissionType, resources.toList())
    }

    /** The typed permissions; unknown numbers are refused by the core with `UnknownRtm2Type`. */
    internal fun toTyped(): List<Rtm2Permission> = entries.map { (resource, permission, names) ->
        Rtm2Permission(
            rtm2ResourceTypeFromCode(code("resourceType", resource)),
            rtm2PermissionTypeFromCode(code("permissionType", permission)),
            names,
        )
    }

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
