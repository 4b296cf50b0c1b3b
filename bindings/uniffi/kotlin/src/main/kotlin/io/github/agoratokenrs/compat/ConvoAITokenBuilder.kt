package io.github.agoratokenrs.compat

import io.github.agoratokenrs.Credentials
import io.github.agoratokenrs.RtcPrivilegeExpiries
import io.github.agoratokenrs.RtcRole
import io.github.agoratokenrs.buildConvoAiToken
import io.github.agoratokenrs.buildSttToken

/** Drop-in for upstream `io.agora.media.ConvoAITokenBuilder`: RTC + RTM + ConvoAI (`ConvoAITokenBuilder.buildToken`). */
class ConvoAITokenBuilder {
    companion object : RtcRtmServiceTokenBuilder({ credentials, channel, account, role, expire, expiries, rtmUserId, rtmExpire, issuedAt, salt ->
        buildConvoAiToken(credentials, channel, account, role, expire, expiries, rtmUserId, rtmExpire, issuedAt, salt)
    })
}

/** Drop-in for upstream `io.agora.media.SttTokenBuilder`: RTC + RTM + STT (`SttTokenBuilder.buildToken`). */
class SttTokenBuilder {
    companion object : RtcRtmServiceTokenBuilder({ credentials, channel, account, role, expire, expiries, rtmUserId, rtmExpire, issuedAt, salt ->
        buildSttToken(credentials, channel, account, role, expire, expiries, rtmUserId, rtmExpire, issuedAt, salt)
    })
}

/**
 * The `buildToken` of [ConvoAITokenBuilder] and [SttTokenBuilder] (companion functions, as
 * upstream Kotlin; from Java `ConvoAITokenBuilder.Companion.buildToken(...)`): the arguments
 * of [RtcTokenBuilder2.buildTokenWithRtm2] plus the builder's own service, with the same three
 * overloads (upstream's `Int`s; `Long`s with issue time and salt; a numeric role).
 */
abstract class RtcRtmServiceTokenBuilder internal constructor(
    private val build: (Credentials, String, String, RtcRole, UInt, RtcPrivilegeExpiries, String, UInt, UInt?, UInt?) -> String,
) {
    /** As [RtcTokenBuilder2.buildTokenWithRtm2], plus the builder's service. */
    fun buildToken(
        appId: String, appCertificate: String, channelName: String, rtcAccount: String, rtcRole: RtcTokenBuilder2.Role,
        rtcTokenExpire: Int, joinChannelPrivilegeExpire: Int, pubAudioPrivilegeExpire: Int,
        pubVideoPrivilegeExpire: Int, pubDataStreamPrivilegeExpire: Int, rtmUserId: String, rtmTokenExpire: Int,
    ): String = buildToken(
        appId, appCertificate, channelName, rtcAccount, rtcRole.initValue, rtcTokenExpire.toLong(),
        joinChannelPrivilegeExpire.toLong(), pubAudioPrivilegeExpire.toLong(), pubVideoPrivilegeExpire.toLong(),
        pubDataStreamPrivilegeExpire.toLong(), rtmUserId, rtmTokenExpire.toLong(),
    )

    /** As upstream's, with `Long` expiries and an optional issue time and salt. */
    @JvmOverloads
    fun buildToken(
        appId: String, appCertificate: String, channelName: String, rtcAccount: String, rtcRole: RtcTokenBuilder2.Role,
        rtcTokenExpire: Long, joinChannelPrivilegeExpire: Long, pubAudioPrivilegeExpire: Long,
        pubVideoPrivilegeExpire: Long, pubDataStreamPrivilegeExpire: Long, rtmUserId: String, rtmTokenExpire: Long,
        issuedAt: Long? = null, salt: Long? = null,
    ): String = buildToken(
        appId, appCertificate, channelName, rtcAccount, rtcRole.initValue, rtcTokenExpire, joinChannelPrivilegeExpire,
        pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire, rtmUserId, rtmTokenExpire,
        issuedAt, salt,
    )

    /** As upstream's, with the role as a number (1 publishes, anything else joins only). */
    @JvmOverloads
    fun buildToken(
        appId: String, appCertificate: String, channelName: String, rtcAccount: String, rtcRole: Int,
        rtcTokenExpire: Long, joinChannelPrivilegeExpire: Long, pubAudioPrivilegeExpire: Long,
        pubVideoPrivilegeExpire: Long, pubDataStreamPrivilegeExpire: Long, rtmUserId: String, rtmTokenExpire: Long,
        issuedAt: Long? = null, salt: Long? = null,
    ): String = withCredentials(appId, appCertificate) {
        build(
            it, channelName, rtcAccount, rtcRoleOf(rtcRole), seconds("rtcTokenExpire", rtcTokenExpire),
            expiries(joinChannelPrivilegeExpire, pubAudioPrivilegeExpire, pubVideoPrivilegeExpire, pubDataStreamPrivilegeExpire),
            rtmUserId, seconds("rtmTokenExpire", rtmTokenExpire), unixTime("issuedAt", issuedAt), saltOf(salt),
        )
    }
}
