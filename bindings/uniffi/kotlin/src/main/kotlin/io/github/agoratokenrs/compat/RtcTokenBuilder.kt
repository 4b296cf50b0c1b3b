package io.github.agoratokenrs.compat

import io.github.agoratokenrs.User
import io.github.agoratokenrs.buildAccessToken006Rtc

/**
 * Drop-in for upstream Java `io.agora.media.RtcTokenBuilder`, the AccessToken ("006") RTC
 * builder (upstream Kotlin has none). `privilegeTs` is an **absolute** Unix time (0 = no expiry);
 * the token itself expires 24 hours after it is built unless `expiresAt` is given.
 *
 * Each method comes three ways: upstream's signature (`Int` uid and time, [Role]); with `Long`
 * uid and time (0..4294967295) plus optional `expiresAt` and `salt`; and the same with the role
 * as a number. Roles are read as Go, Python, Node, C++, C# and PHP read them: 0 (attendee),
 * 1 (publisher) and 101 (admin) publish, 2 (subscriber) and any other number join only, with a
 * [CompatWarnings] warning for numbers other than 0, 1, 2 and 101. (Upstream Java alone lets
 * subscribers publish and attendees not, and prints negative uids signed; see the README.)
 */
class RtcTokenBuilder {
    /** 006 RTC roles, as upstream Java. */
    enum class Role(val initValue: Int) {
        /** Deprecated; publishes, as a publisher. */
        Role_Attendee(0),

        /** Join and publish. */
        Role_Publisher(1),

        /** Join only. */
        Role_Subscriber(2),

        /** Deprecated; publishes, as a publisher. */
        Role_Admin(101),
    }

    /** 006 RTC token for a uid (0 = any user): join until [privilegeTs], publishing too for roles that publish. */
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Int, role: Role, privilegeTs: Int,
    ): String = buildTokenWithUid(appId, appCertificate, channelName, uid.toLong(), role.initValue, privilegeTs.toLong())

    /** As upstream's, with `Long` uid and time and an optional token expiry and salt. */
    @JvmOverloads
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Long, role: Role, privilegeTs: Long,
        expiresAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithUid(appId, appCertificate, channelName, uid, role.initValue, privilegeTs, expiresAt, salt)

    /** As upstream's, with the role as a number (0, 1 and 101 publish, anything else joins only). */
    @JvmOverloads
    fun buildTokenWithUid(
        appId: String, appCertificate: String, channelName: String, uid: Long, role: Int, privilegeTs: Long,
        expiresAt: Long? = null, salt: Long? = null,
    ): String = build(appId, appCertificate, channelName, uidOf(uid), role, privilegeTs, expiresAt, salt)

    /** 006 RTC token for a string account. */
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, role: Role, privilegeTs: Int,
    ): String = buildTokenWithUserAccount(appId, appCertificate, channelName, account, role.initValue, privilegeTs.toLong())

    /** As upstream's, with a `Long` time and an optional token expiry and salt. */
    @JvmOverloads
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, role: Role, privilegeTs: Long,
        expiresAt: Long? = null, salt: Long? = null,
    ): String = buildTokenWithUserAccount(appId, appCertificate, channelName, account, role.initValue, privilegeTs, expiresAt, salt)

    /** As upstream's, with the role as a number (0, 1 and 101 publish, anything else joins only). */
    @JvmOverloads
    fun buildTokenWithUserAccount(
        appId: String, appCertificate: String, channelName: String, account: String, role: Int, privilegeTs: Long,
        expiresAt: Long? = null, salt: Long? = null,
    ): String = build(appId, appCertificate, channelName, User.Account(account), role, privilegeTs, expiresAt, salt)

    private fun build(
        appId: String, appCertificate: String, channelName: String, user: User, role: Int, privilegeTs: Long,
        expiresAt: Long?, salt: Long?,
    ): String = withCredentials(appId, appCertificate) {
        buildAccessToken006Rtc(
            it, channelName, user, role006Of(role), timestamp("privilegeTs", privilegeTs),
            unixTime("expiresAt", expiresAt), saltOf(salt),
        )
    }
}
