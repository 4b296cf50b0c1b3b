package io.github.agoratokenrs.compat

import io.github.agoratokenrs.buildAccessToken006Rtm

/**
 * Drop-in for upstream Java `io.agora.rtm.RtmTokenBuilder`, the AccessToken ("006") RTM builder:
 * RTM login for [buildToken]'s `uid` (the user account) until `privilegeTs`, an **absolute**
 * Unix time (0 = no expiry). Upstream's stateful `setPrivilege`/`initTokenBuilder` are not
 * offered; use [AccessToken] for other privileges.
 */
class RtmTokenBuilder {
    /** The only RTM role; it does not change the token. */
    enum class Role(val value: Int) {
        Rtm_User(1),
    }

    /** A 006 RTM token for the user account [uid]. */
    fun buildToken(appId: String, appCertificate: String, uid: String, role: Role, privilegeTs: Int): String =
        buildToken(appId, appCertificate, uid, role, privilegeTs.toLong())

    /** As upstream's, with a `Long` time and an optional token expiry and salt. */
    @JvmOverloads
    fun buildToken(
        appId: String, appCertificate: String, uid: String, role: Role, privilegeTs: Long,
        expiresAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        buildAccessToken006Rtm(it, uid, timestamp("privilegeTs", privilegeTs), unixTime("expiresAt", expiresAt), saltOf(salt))
    }
}
