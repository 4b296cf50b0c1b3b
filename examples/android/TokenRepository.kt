// Android: get an RTC token for joining a channel.
//
// In production the app asks a token server (the app certificate never ships in an app).
// `fetchRtcToken` calls the route every Agora UI Kit and the project's server speak:
//   GET {serverUrl}/rtc/{channel}/publisher/uid/{uid}/?expiry=3600  ->  {"rtcToken": "007..."}
// For tests and local development, `buildTestRtcToken` builds the token on the device with
// the Rust library (io.github.agoratokenrs, bindings/uniffi/kotlin) and checks it.
package com.example.agoratoken

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.Credentials
import io.github.agoratokenrs.RtcRole
import io.github.agoratokenrs.User
import io.github.agoratokenrs.buildRtcToken
import io.github.agoratokenrs.explain
import java.io.IOException
import java.net.HttpURLConnection
import java.net.URL
import java.net.URLEncoder
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.json.JSONObject

class TokenRepository(private val serverUrl: String) {

    /**
     * Fetches a publisher token for [channel] and [uid] from the token server.
     *
     * [uid] is what `onJoinChannelSuccess` reports: an `Int` that is negative for uids of
     * 2^31 and above, so it is sent as the unsigned number the token must contain.
     */
    suspend fun fetchRtcToken(channel: String, uid: Int, expirySeconds: Int = 3600): String =
        withContext(Dispatchers.IO) {
            val unsignedUid = uid.toUInt().toString()
            val path = "/rtc/${URLEncoder.encode(channel, "UTF-8")}/publisher/uid/$unsignedUid/?expiry=$expirySeconds"
            val connection = URL(serverUrl.trimEnd('/') + path).openConnection() as HttpURLConnection
            connection.connectTimeout = 10_000
            connection.readTimeout = 10_000
            try {
                val status = connection.responseCode
                val body = (if (status in 200..299) connection.inputStream else connection.errorStream)
                    ?.bufferedReader()?.use { it.readText() }.orEmpty()
                if (status !in 200..299) throw IOException("token server answered $status: $body")
                JSONObject(body).getString("rtcToken")
            } finally {
                connection.disconnect()
            }
        }
}

/**
 * Builds a publisher token locally, for instrumented tests and debug builds only (pass the
 * certificate from a debug-only BuildConfig field, never from release resources).
 * Throws [AgoraTokenException] (e.g. `InvalidAppCertificate`) with a message saying what to fix.
 */
fun buildTestRtcToken(appId: String, appCertificate: String, channel: String, uid: UInt): String {
    val token = Credentials(appId, appCertificate).use { credentials ->
        buildRtcToken(
            credentials,
            channelName = channel,
            user = User.Uid(uid),
            role = RtcRole.PUBLISHER,
            tokenExpire = 3600u,
            privilegeExpire = 3600u,
        )
    }
    // The same check a support engineer would run: can this uid join and publish now?
    val access = explain(token, channelName = channel, user = User.Uid(uid)).access
    check(access != null && access.canJoin && access.canPublishAudio) { "unexpected token: $access" }
    return token
}
