// The drop-in layer against the official packages over random inputs covering their whole
// input space (roles 0..255 and 101, privilege numbers 0..65535, RTM2 types, expiries, uids,
// issue times and salts over 0..4294967295, empty, Unicode and 65535-byte strings, repeated and
// unsorted services). The peers take the unsigned values; some calls here pass them as the Java
// int upstream Java and Kotlin hold (negative from 2**31 on), which must pack the same 32 bits. The fixture (random inputs and the peers' tokens, fixed seed) is made by
// bindings/uniffi/tests/differential/make_fixture.py. For every case:
//   - a peer's token: our token string equals it (stock zlib; for npm's cases, npm's payload
//     compressed by stock zlib), and for npm's cases the payloads are identical too;
//   - a peer's refusal: we throw an AgoraTokenException;
//   - the warnings raised are exactly the expected codes;
//   - AccessToken2 / AccessToken objects read their own token back, and the signature verifies.
// Called from ConformanceTest.kt's main.

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.compat.AccessToken
import io.github.agoratokenrs.compat.AccessToken2
import io.github.agoratokenrs.compat.ApaasTokenBuilder
import io.github.agoratokenrs.compat.ChatTokenBuilder2
import io.github.agoratokenrs.compat.CompatWarnings
import io.github.agoratokenrs.compat.ConvoAITokenBuilder
import io.github.agoratokenrs.compat.EducationTokenBuilder2
import io.github.agoratokenrs.compat.FpaTokenBuilder
import io.github.agoratokenrs.compat.RtcTokenBuilder
import io.github.agoratokenrs.compat.RtcTokenBuilder2
import io.github.agoratokenrs.compat.Rtm2Permissions
import io.github.agoratokenrs.compat.RtmTokenBuilder
import io.github.agoratokenrs.compat.RtmTokenBuilder2
import io.github.agoratokenrs.compat.SttTokenBuilder
import java.io.File
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertTrue

private fun Map<String, Any?>.long(key: String): Long = this[key] as? Long ?: error("$key is not a number")

/** A u32 of the fixture as some calls pass it: the Java int upstream holds (negative from 2**31 on). */
private fun javaInt(value: Long, variant: Int): Long = if (variant % 4 == 1) value.toInt().toLong() else value

/** A number of the case, as the call of [variant] passes it. */
private fun Map<String, Any?>.u32(key: String, variant: Int): Long = javaInt(long(key), variant)

/** Some calls pass a uid above Int.MAX_VALUE as the negative Java int it is on Android. */
private fun uidArgument(c: Map<String, Any?>, variant: Int): Long {
    val uid = c.long("uid")
    return if (variant % 3 == 0 && uid > Int.MAX_VALUE) uid - (1L shl 32) else uid
}

private fun role007(role: Long, variant: Int): RtcTokenBuilder2.Role? =
    if (variant % 2 == 0) RtcTokenBuilder2.Role.values().find { it.initValue.toLong() == role } else null

/** Builds a case through the drop-in layer, with the overload [variant] selects where there is a choice. */
private fun buildCase(c: Map<String, Any?>, variant: Int): String {
    val appId = c.str("app_id")
    val cert = c.str("app_certificate")
    val issuedAt = (c["issue_ts"] as Long?)?.let { javaInt(it, variant) }
    val salt = (c["salt"] as Long?)?.let { javaInt(it, variant) }
    val rtc = RtcTokenBuilder2()
    return when (val kind = c.str("kind")) {
        "rtc_uid", "rtc_account", "rtc_rtm" -> {
            val role = c.long("role")
            val enum = role007(role, variant)
            val (token, privilege) = c.u32("token_expire", variant) to c.u32("privilege_expire", variant)
            when {
                kind == "rtc_uid" && enum != null -> rtc.buildTokenWithUid(appId, cert, c.str("channel"), uidArgument(c, variant), enum, token, privilege, issuedAt, salt)
                kind == "rtc_uid" -> rtc.buildTokenWithUid(appId, cert, c.str("channel"), uidArgument(c, variant), role.toInt(), token, privilege, issuedAt, salt)
                kind == "rtc_account" && enum != null -> rtc.buildTokenWithUserAccount(appId, cert, c.str("channel"), c.str("account"), enum, token, privilege, issuedAt, salt)
                kind == "rtc_account" -> rtc.buildTokenWithUserAccount(appId, cert, c.str("channel"), c.str("account"), role.toInt(), token, privilege, issuedAt, salt)
                enum != null -> rtc.buildTokenWithRtm(appId, cert, c.str("channel"), c.str("account"), enum, token, privilege, issuedAt, salt)
                else -> rtc.buildTokenWithRtm(appId, cert, c.str("channel"), c.str("account"), role.toInt(), token, privilege, issuedAt, salt)
            }
        }
        "rtc_uid_privileges" -> rtc.buildTokenWithUid(
            appId, cert, c.str("channel"), uidArgument(c, variant), c.u32("token_expire", variant), c.u32("join", variant),
            c.u32("pub_audio", variant), c.u32("pub_video", variant), c.u32("pub_data", variant), issuedAt = issuedAt, salt = salt,
        )
        "rtc_account_privileges" -> rtc.buildTokenWithUserAccount(
            appId, cert, c.str("channel"), c.str("account"), c.u32("token_expire", variant), c.u32("join", variant),
            c.u32("pub_audio", variant), c.u32("pub_video", variant), c.u32("pub_data", variant), issuedAt = issuedAt, salt = salt,
        )
        "rtc_rtm2", "convo_ai", "stt" -> {
            val role = c.long("role")
            val enum = role007(role, variant)
            val (channel, account, rtmUser) = listOf("channel", "account", "rtm_user_id").map { c.str(it) }
            val (t, j, a, v, d) = listOf("token_expire", "join", "pub_audio", "pub_video", "pub_data").map { c.u32(it, variant) }
            val rtmExpire = c.u32("rtm_expire", variant)
            when {
                kind == "rtc_rtm2" && enum != null -> rtc.buildTokenWithRtm2(appId, cert, channel, account, enum, t, j, a, v, d, rtmUser, rtmExpire, issuedAt, salt)
                kind == "rtc_rtm2" -> rtc.buildTokenWithRtm2(appId, cert, channel, account, role.toInt(), t, j, a, v, d, rtmUser, rtmExpire, issuedAt, salt)
                kind == "convo_ai" && enum != null -> ConvoAITokenBuilder.buildToken(appId, cert, channel, account, enum, t, j, a, v, d, rtmUser, rtmExpire, issuedAt, salt)
                kind == "convo_ai" -> ConvoAITokenBuilder.buildToken(appId, cert, channel, account, role.toInt(), t, j, a, v, d, rtmUser, rtmExpire, issuedAt, salt)
                enum != null -> SttTokenBuilder.buildToken(appId, cert, channel, account, enum, t, j, a, v, d, rtmUser, rtmExpire, issuedAt, salt)
                else -> SttTokenBuilder.buildToken(appId, cert, channel, account, role.toInt(), t, j, a, v, d, rtmUser, rtmExpire, issuedAt, salt)
            }
        }
        "rtm" -> RtmTokenBuilder2().buildToken(appId, cert, c.str("user_id"), c.u32("expire", variant), issuedAt, salt)
        "rtm2" -> {
            val permissions = Rtm2Permissions()
            for (p in c["permissions"].arr()) {
                val (resource, permission, names) = p.arr()
                permissions.add((resource as Long).toShort(), (permission as Long).toShort(), names.arr().map { it as String })
            }
            RtmTokenBuilder2().buildTokenWithPermissions(appId, cert, c.str("user_id"), permissions, c.u32("expire", variant), issuedAt, salt)
        }
        "chat_user" -> ChatTokenBuilder2().buildUserToken(appId, cert, c.str("user_id"), c.u32("expire", variant), issuedAt, salt)
        "chat_app" -> ChatTokenBuilder2().buildAppToken(appId, cert, c.u32("expire", variant), issuedAt, salt)
        "fpa" -> FpaTokenBuilder().buildToken(appId, cert, issuedAt, salt)
        "apaas_room_user", "apaas_user", "apaas_app", "education_room_user", "education_user", "education_app" -> {
            val builder = if (kind.startsWith("apaas")) ApaasTokenBuilder() else EducationTokenBuilder2()
            when (kind.substringAfter('_')) {
                "room_user" -> builder.buildRoomUserToken(
                    appId, cert, c.str("room_uuid"), c.str("user_uuid"), c.long("apaas_role").toShort(), c.u32("expire", variant), issuedAt, salt,
                )
                "user" -> builder.buildUserToken(appId, cert, c.str("user_uuid"), c.u32("expire", variant), issuedAt, salt)
                else -> builder.buildAppToken(appId, cert, c.u32("expire", variant), issuedAt, salt)
            }
        }
        "legacy_rtc_uid", "legacy_rtc_account" -> {
            val builder = RtcTokenBuilder()
            val role = c.long("role006")
            val enum = if (variant % 2 == 0) RtcTokenBuilder.Role.values().find { it.initValue.toLong() == role } else null
            val ts = c.u32("privilege_expired_ts", variant)
            val expiresAt = c.u32("expires_at", variant)
            when {
                kind == "legacy_rtc_uid" && enum != null -> builder.buildTokenWithUid(appId, cert, c.str("channel"), uidArgument(c, variant), enum, ts, expiresAt, salt)
                kind == "legacy_rtc_uid" -> builder.buildTokenWithUid(appId, cert, c.str("channel"), uidArgument(c, variant), role.toInt(), ts, expiresAt, salt)
                enum != null -> builder.buildTokenWithUserAccount(appId, cert, c.str("channel"), c.str("account"), enum, ts, expiresAt, salt)
                else -> builder.buildTokenWithUserAccount(appId, cert, c.str("channel"), c.str("account"), role.toInt(), ts, expiresAt, salt)
            }
        }
        "legacy_rtm" -> RtmTokenBuilder().buildToken(
            appId, cert, c.str("account"), RtmTokenBuilder.Role.Rtm_User, c.u32("privilege_expired_ts", variant), c.u32("expires_at", variant), salt,
        )
        "access_token2" -> accessToken2Of(c, variant).build()
        "access_token006" -> accessToken006Of(c, variant).build()
        else -> error("unknown case kind $kind")
    }
}

/** Adds a privilege the three ways upstream code does: the named method, the number, the map. */
private fun addPrivilege(service: AccessToken2.Service, number: Int, expire: Long, variant: Int) {
    val short = number.toShort()
    fun <E> named(values: Array<E>, value: (E) -> Short, add: (E) -> Unit): Boolean =
        values.find { value(it) == short }?.let { add(it); true } ?: false
    val done = variant % 3 == 0 && when (service) {
        is AccessToken2.ServiceRtc -> named(AccessToken2.PrivilegeRtc.values(), { it.intValue }) { service.addPrivilegeRtc(it, expire) }
        is AccessToken2.ServiceRtm -> named(AccessToken2.PrivilegeRtm.values(), { it.intValue }) { service.addPrivilegeRtm(it, expire) }
        is AccessToken2.ServiceStreaming -> named(AccessToken2.PrivilegeStreaming.values(), { it.intValue }) { service.addPrivilegeStreaming(it, expire) }
        is AccessToken2.ServiceFpa -> named(AccessToken2.PrivilegeFpa.values(), { it.intValue }) { service.addPrivilegeFpa(it, expire) }
        is AccessToken2.ServiceChat -> named(AccessToken2.PrivilegeChat.values(), { it.intValue }) { service.addPrivilegeChat(it, expire) }
        is AccessToken2.ServiceFCdn -> named(AccessToken2.PrivilegeFCdn.values(), { it.intValue }) { service.addPrivilegeFCdn(it, expire) }
        is AccessToken2.ServiceApaas -> named(AccessToken2.PrivilegeApaas.values(), { it.intValue }) { service.addPrivilegeApaas(it, expire) }
        is AccessToken2.ServiceRtm2 -> named(AccessToken2.PrivilegeRtm2.values(), { it.intValue }) { service.addPrivilegeRtm2(it, expire) }
        else -> false
    }
    when {
        done -> {}
        variant % 3 == 1 -> service.privileges[short] = expire
        else -> service.addPrivilege(number, expire)
    }
}

private fun accessToken2Of(c: Map<String, Any?>, variant: Int): AccessToken2 {
    val token = AccessToken2(c.str("app_id"), c.str("app_certificate"), c.u32("expire", variant))
    token.issueTs = c.u32("issue_ts", variant)
    token.salt = c.u32("salt", variant)
    for ((index, value) in c["services"].arr().withIndex()) {
        val s = value.obj()
        val service = when (s.long("type").toInt()) {
            1 -> AccessToken2.ServiceRtc(s.str("channel_name"), s.str("uid"))
            2 -> AccessToken2.ServiceRtm(s.str("user_id"))
            3, 6 -> {
                val account = s.str("account")
                val uid = account.toLongOrNull()?.takeIf { it > 0 && it.toString() == account && variant % 2 == 0 }
                when {
                    s.long("type") == 3L && uid != null -> AccessToken2.ServiceStreaming(s.str("channel_name"), uid)
                    s.long("type") == 3L -> AccessToken2.ServiceStreaming(s.str("channel_name"), account)
                    uid != null -> AccessToken2.ServiceFCdn(s.str("channel_name"), uid)
                    else -> AccessToken2.ServiceFCdn(s.str("channel_name"), account)
                }
            }
            4 -> AccessToken2.ServiceFpa()
            5 -> AccessToken2.ServiceChat(s.str("user_id"))
            7 -> AccessToken2.ServiceApaas(s.str("room_uuid"), s.str("user_uuid"), s.long("role").toShort())
            8 -> AccessToken2.ServiceRtm2(s.str("user_id"), Rtm2Permissions().apply {
                for (p in s["permissions"].arr()) {
                    val (resource, permission, names) = p.arr()
                    add((resource as Long).toShort(), (permission as Long).toShort(), names.arr().map { it as String })
                }
            })
            9 -> AccessToken2.ServiceConvoAI()
            10 -> AccessToken2.ServiceStt()
            else -> error("unexpected service type")
        }
        for (p in s["privileges"].arr()) {
            val (number, expire) = p.arr()
            addPrivilege(service, (number as Long).toInt(), javaInt(expire as Long, variant), variant + index)
        }
        token.addService(service)
    }
    return token
}

private fun accessToken006Of(c: Map<String, Any?>, variant: Int): AccessToken {
    val token = AccessToken(c.str("app_id"), c.str("app_certificate"), c.str("channel"), c.str("uid"))
    token.message.ts = c.u32("ts", variant)
    token.message.salt = c.u32("salt", variant)
    for ((index, p) in c["privileges"].arr().withIndex()) {
        val (number, expire) = p.arr()
        val named = AccessToken.Privileges.values().find { it.intValue.toLong() == number }
        val value = javaInt(expire as Long, variant)
        if (named != null && (variant + index) % 2 == 0) token.addPrivilege(named, value) else token.addPrivilege((number as Long).toInt(), value)
    }
    return token
}

/** The objects read back what they built, and the signature verifies with the certificate only. */
private fun readBack(c: Map<String, Any?>, token: String) {
    when (c.str("kind")) {
        "access_token2" -> {
            val parsed = AccessToken2()
            assertTrue(parsed.parse(token), "parse")
            assertEquals(listOf(c.long("issue_ts"), c.long("expire"), c.long("salt")), listOf(parsed.issueTs, parsed.expire, parsed.salt))
            assertEquals(c["services"].arr().size, parsed.services.size, "services")
            assertTrue(parsed.verifySignature(c.str("app_certificate")), "signature")
            assertTrue(!parsed.verifySignature(c.str("app_id")), "signature with another certificate")
        }
        "access_token006" -> {
            val parsed = AccessToken("", "", "", "")
            assertTrue(parsed.fromString(token), "fromString")
            assertEquals(listOf(c.long("salt"), c.long("ts")), listOf(parsed.message.salt, parsed.message.ts))
        }
    }
}

fun differential(path: String) {
    val fixture = Json.parse(File(path).readText()).obj()
    val cases = fixture["cases"].arr().map { it.obj() }
    val started = System.nanoTime()
    val byPeer = sortedMapOf<String, Int>()
    val warnings = sortedMapOf<String, Int>()
    var refused = 0
    for ((index, c) in cases.withIndex()) {
        test("differential ${c.str("id")} (${c.str("peer")})") {
            val collected = CompatWarnings.collect { runCatching { buildCase(c, index) } }
            val expected = c["token"] as String?
            if (expected == null) {
                val error = collected.value.exceptionOrNull()
                assertTrue(error is AgoraTokenException, "the peer refused (${c["error"]}); we gave ${collected.value}")
                refused++
                return@test
            }
            val token = collected.value.getOrThrow()
            assertEquals(expected, token)
            (c["peer_token"] as String?)?.let { assertContentEquals(inflate(it), inflate(token), "the payload of npm's token") }
            val codes = collected.warnings.map { it.code }.sorted()
            assertEquals(c["warnings"].arr().map { it as String }, codes, "warnings")
            assertTrue(collected.warnings.all { it.message.isNotBlank() })
            readBack(c, token)
            byPeer.merge(c.str("peer"), 1, Int::plus)
            codes.forEach { warnings.merge(it, 1, Int::plus) }
        }
    }
    val millis = (System.nanoTime() - started) / 1_000_000
    test("differential fixture size") { assertTrue(cases.size >= 900, "only ${cases.size} cases") }
    println(
        "differential: ${cases.size} cases (seed ${fixture["seed"]}) in $millis ms: identical tokens $byPeer, " +
            "refused like the peer $refused; warnings $warnings",
    )
}
