// JVM unit tests (src/test/kotlin in an app): a reproducible token with fixed issue time and
// salt, and TokenRepository against a local stand-in for the token server.
// scripts/test-uniffi.sh compiles and runs this file with JUnit 4.
package com.example.agoratoken

import com.sun.net.httpserver.HttpServer
import io.github.agoratokenrs.AppCertificate
import io.github.agoratokenrs.Credentials
import io.github.agoratokenrs.RtcRole
import io.github.agoratokenrs.User
import io.github.agoratokenrs.buildRtcToken
import io.github.agoratokenrs.verifyToken
import io.github.agoratokenrs.explain
import java.net.InetSocketAddress
import kotlinx.coroutines.runBlocking
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class TokenRepositoryTest {
    private val appId = "970CA35de60c44645bbae8a215061b33"
    private val certificate = "5CFd2fd1755d40ecb72977518be15d3b"

    @Test
    fun reproducibleToken() {
        val token = Credentials(appId, certificate).use {
            buildRtcToken(
                it, "7d72365eb983485397e3e3f9d460bdda", User.Uid(2882341273u), RtcRole.SUBSCRIBER,
                tokenExpire = 600u, privilegeExpire = 600u, issuedAt = 1_111_111u, salt = 1u,
            )
        }
        // The upstream conformance vector at2-rtc-uid-join.
        assertEquals(
            "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj",
            token,
        )
        val payload = AppCertificate(certificate).use { verifyToken(token, it) }
        assertEquals(600u, payload.expire)
    }

    @Test
    fun fetchedTokenAdmitsTheUid() {
        // The SDK reports uid 4294967295 as the Int -1; the server must see the unsigned number.
        val uid = -1
        val requests = mutableListOf<String>()
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/") { exchange ->
            requests += exchange.requestURI.toString()
            val token = buildTestRtcToken(appId, certificate, "room-1", uid.toUInt())
            val body = """{"rtcToken":"$token"}""".toByteArray()
            exchange.sendResponseHeaders(200, body.size.toLong())
            exchange.responseBody.use { it.write(body) }
        }
        server.start()
        try {
            val token = runBlocking {
                TokenRepository("http://127.0.0.1:${server.address.port}").fetchRtcToken("room-1", uid)
            }
            assertEquals(listOf("/rtc/room-1/publisher/uid/4294967295/?expiry=3600"), requests)
            val explanation = AppCertificate(certificate).use { explain(token, it, "room-1", User.Uid(4294967295u)) }
            assertTrue(explanation.access!!.canJoin, explanation.report)
        } finally {
            server.stop(0)
        }
    }
}
