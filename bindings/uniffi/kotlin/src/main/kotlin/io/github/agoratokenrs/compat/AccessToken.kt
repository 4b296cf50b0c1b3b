package io.github.agoratokenrs.compat

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.User
import io.github.agoratokenrs.buildAccessToken006Unchecked
import io.github.agoratokenrs.compatPrivilege006
import io.github.agoratokenrs.decodeAccessToken006Unverified
import java.util.TreeMap

/**
 * Drop-in for upstream Java `io.agora.media.AccessToken`, the AccessToken ("006") format with
 * any privileges. Privilege values are **absolute** Unix times (0 = no expiry). [uid] is packed
 * verbatim (use `""` for "any user", as `RtcTokenBuilder` does for uid 0).
 *
 * Privilege numbers 006 does not define are packed as given, with a [CompatWarnings] warning;
 * so are expiries that look like a number of seconds. Unlike upstream, [message]'s `salt` and
 * `ts` (the token's own expiry) stay `null` until set, meaning a random salt and now + 24 hours
 * at [build]; invalid input throws a typed [AgoraTokenException] instead of returning `""`.
 */
class AccessToken(
    var appId: String,
    var appCertificate: String,
    var channelName: String,
    var uid: String,
) {
    /** 006 privileges, as upstream Java; [addPrivilege] also takes any other number. */
    enum class Privileges(val intValue: Short) {
        kJoinChannel(1),
        kPublishAudioStream(2),
        kPublishVideoStream(3),
        kPublishDataStream(4),

        /** For RTM only. */
        kRtmLogin(1000),
    }

    /** The signed message: salt, the token's expiry and the privileges. */
    class PrivilegeMessage {
        /** `null`: a random salt at [build]. */
        var salt: Long? = null

        /** The token's own expiry, absolute Unix seconds; `null`: 24 hours after [build]. */
        var ts: Long? = null

        /** Privilege number → absolute expiry (0 = none). Any number may be put here, as upstream. */
        var messages: TreeMap<Short, Long> = TreeMap()
    }

    val message = PrivilegeMessage()

    /** Grants [privilege] until [expireTimestamp] (absolute Unix seconds, 0 = no expiry). */
    fun addPrivilege(privilege: Privileges, expireTimestamp: Int) = addPrivilege(privilege, expireTimestamp.toLong())

    /** As the `Int` overload, with the whole unsigned 32-bit range. */
    fun addPrivilege(privilege: Privileges, expireTimestamp: Long) {
        message.messages[privilege.intValue] = expireTimestamp
    }

    /** Grants a privilege by number (0..65535), as the other upstream languages' `addPrivilege` does. */
    fun addPrivilege(privilege: Int, expireTimestamp: Long) {
        message.messages[privilegeNumber(privilege)] = expireTimestamp
    }

    /** Signs and encodes the token. */
    fun build(): String = withCredentials(appId, appCertificate) { credentials ->
        val privileges = privilegeEntries(message.messages) { code, expire ->
            CompatWarnings.emit(compatPrivilege006(code))
            timestamp("privilege $code expireTimestamp", expire)
        }
        buildAccessToken006Unchecked(
            credentials, channelName, User.Account(uid), privileges,
            unixTime("ts", message.ts), saltOf(message.salt),
        )
    }

    /**
     * Reads the app id, salt, expiry and privileges of a 006 token into this object (the
     * channel and uid are not in the token); `false` if it is not a readable 006 token.
     */
    fun fromString(token: String): Boolean {
        val parsed = try {
            decodeAccessToken006Unverified(token)
        } catch (_: AgoraTokenException) {
            return false
        }
        appId = parsed.appId
        message.salt = parsed.salt.toLong()
        message.ts = parsed.expiresAt.toLong()
        message.messages = parsed.privileges.associateTo(TreeMap()) { it.code.toShort() to it.expire.toLong() }
        return true
    }

    companion object {
        /** The version prefix, "006". */
        @JvmStatic
        fun getVersion(): String = "006"
    }
}
