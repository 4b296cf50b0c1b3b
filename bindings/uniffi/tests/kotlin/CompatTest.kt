// The drop-in layer io.github.agoratokenrs.compat (upstream Kotlin and Java names): the shared
// conformance vectors through its builders and its AccessToken2 / AccessToken classes, the
// warning hook, the ranges of its Int and Long arguments, and the typed layer's refusals of the
// same inputs. Called from ConformanceTest.kt's main.

import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.AppCertificate
import io.github.agoratokenrs.CompatWarning
import io.github.agoratokenrs.Credentials
import io.github.agoratokenrs.PrivilegeEntry
import io.github.agoratokenrs.Service
import io.github.agoratokenrs.buildAccessToken006
import io.github.agoratokenrs.buildToken
import io.github.agoratokenrs.verifyToken
import io.github.agoratokenrs.decodeAccessToken006Unverified
import io.github.agoratokenrs.decodeUnverifiedToken
import io.github.agoratokenrs.role006FromCode
import io.github.agoratokenrs.rtcRoleFromCode
import io.github.agoratokenrs.privileges006
import io.github.agoratokenrs.serviceTypes
import io.github.agoratokenrs.compat.AccessToken
import io.github.agoratokenrs.compat.AccessToken2
import io.github.agoratokenrs.compat.ApaasTokenBuilder
import io.github.agoratokenrs.compat.ChatTokenBuilder2
import io.github.agoratokenrs.compat.CompatWarningListener
import io.github.agoratokenrs.compat.CompatWarnings
import io.github.agoratokenrs.compat.ConvoAITokenBuilder
import io.github.agoratokenrs.compat.EducationTokenBuilder2
import io.github.agoratokenrs.compat.FpaTokenBuilder
import io.github.agoratokenrs.compat.RtcTokenBuilder
import io.github.agoratokenrs.compat.RtcTokenBuilder2
import io.github.agoratokenrs.compat.RtcTokenBuilder2.Role
import io.github.agoratokenrs.compat.Rtm2Permissions
import io.github.agoratokenrs.compat.RtmTokenBuilder
import io.github.agoratokenrs.compat.RtmTokenBuilder2
import io.github.agoratokenrs.compat.SttTokenBuilder
import java.util.logging.Handler
import java.util.logging.LogRecord
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** Decodes a compat-built token (random issue time and salt) with the certificate. */
fun decoded(token: String, expire: UInt): List<Service> {
    val payload = AppCertificate(CERT).use { verifyToken(token, it) }
    assertEquals(expire, payload.expire, "token expire")
    assertTrue(payload.issuedAt.toLong() in now() - 5..now(), "issued now")
    return payload.services
}

/** The warning codes [block] raises, in order. */
fun <T> warningsOf(block: () -> T): List<String> = CompatWarnings.collect(block).warnings.map { it.code }

/** A vector's service as the compat layer's AccessToken2 service, privileges added the upstream way. */
fun compatServiceOf(s: Map<String, Any?>): AccessToken2.Service {
    val service = when ((s["type"] as Long).toInt()) {
        1 -> AccessToken2.ServiceRtc(s.str("channel_name"), s.str("uid"))
        2 -> AccessToken2.ServiceRtm(s.str("user_id"))
        3 -> AccessToken2.ServiceStreaming(s.str("channel_name"), s.str("account"))
        4 -> AccessToken2.ServiceFpa()
        5 -> AccessToken2.ServiceChat(s.str("user_id"))
        6 -> AccessToken2.ServiceFCdn(s.str("channel_name"), s.str("account"))
        7 -> AccessToken2.ServiceApaas(s.str("room_uuid"), s.str("user_uuid"), (s["role"] as Long).toShort())
        8 -> AccessToken2.ServiceRtm2(s.str("user_id"), Rtm2Permissions().apply {
            for ((resource, byPermission) in s["permissions"].obj()) {
                for ((permission, names) in byPermission.obj()) add(resource.toShort(), permission.toShort(), names.arr().map { it as String })
            }
        })
        else -> error("unexpected service type ${s["type"]}")
    }
    for ((code, expire) in s["privileges"].obj()) service.addPrivilege(code.toInt(), expire as Long)
    return service
}

fun compatLayer(byId: Map<String, Map<String, Any?>>, vectors007: List<Map<String, Any?>>, vectors006: List<Map<String, Any?>>) {
    compatVectors(byId, vectors007, vectors006)
    compatWarnings()
    compatArguments()
    compatAccessToken2()
    compatConstantsAreTheCoreTables()
}

// ---------------------------------------------------------------- constants vs the core

/**
 * The drop-in's upstream constants against the core's tables ([serviceTypes]): every
 * `SERVICE_TYPE_<NAME>` is a core service type named after it, and each `Privilege<Name>` enum
 * lists exactly that service's privileges, `PRIVILEGE_` + the core's name in upper case. Found by
 * reflection, so a typo, a wrong number, a missing or an extra constant fails here.
 */
fun compatConstantsAreTheCoreTables() {
    val core = serviceTypes()
    val coreName = core.associate { it.typeCode.toShort() to it.name.uppercase() }

    val typeConstants = AccessToken2::class.java.declaredFields
        .filter { java.lang.reflect.Modifier.isStatic(it.modifiers) && it.name.startsWith("SERVICE_TYPE_") }
        .associate { it.name.removePrefix("SERVICE_TYPE_") to it.getShort(null) }
    assertEquals(coreName.values.sorted(), typeConstants.keys.sorted(), "SERVICE_TYPE_* constants")
    for ((name, code) in typeConstants) assertEquals(name, coreName[code], "SERVICE_TYPE_$name = $code")

    val privilegeEnums = AccessToken2::class.java.declaredClasses
        .filter { it.isEnum && it.simpleName.startsWith("Privilege") }
        .associateBy { it.simpleName.removePrefix("Privilege").uppercase() }
    assertEquals(
        core.filter { it.privileges.isNotEmpty() }.map { it.name.uppercase() }.sorted(),
        privilegeEnums.keys.sorted(),
        "one Privilege<Name> enum per service that defines privileges",
    )
    for (service in core.filter { it.privileges.isNotEmpty() }) {
        val enumClass = privilegeEnums.getValue(service.name.uppercase())
        val intValue = enumClass.getMethod("getIntValue")
        val actual = enumClass.enumConstants.associate { (it as Enum<*>).name to intValue.invoke(it) as Short }
        // Upstream Java and Kotlin spell Chat's two as PRIVILEGE_CHAT_USER and PRIVILEGE_CHAT_APP.
        val prefix = if (service.name == "Chat") "PRIVILEGE_CHAT_" else "PRIVILEGE_"
        val expected = service.privileges.associate { prefix + it.name.uppercase() to it.code.toShort() }
        assertEquals(expected, actual, enumClass.simpleName)
    }

    // 006: upstream Java's AccessToken.Privileges names five of the core's privileges, k + the
    // core's name in PascalCase (kJoinChannel, kRtmLogin).
    val core006 = privileges006().associate { privilege ->
        "k" + privilege.name.split('_').joinToString("") { part -> part.replaceFirstChar { it.uppercase() } } to privilege.code.toShort()
    }
    val upstream006 = AccessToken.Privileges.entries.associate { it.name to it.intValue }
    assertEquals(listOf("kJoinChannel", "kPublishAudioStream", "kPublishVideoStream", "kPublishDataStream", "kRtmLogin"), upstream006.keys.toList())
    for ((constant, code) in upstream006) assertEquals(core006[constant], code, "AccessToken.Privileges.$constant")
}

// ---------------------------------------------------------------- conformance vectors

fun compatVectors(byId: Map<String, Map<String, Any?>>, vectors007: List<Map<String, Any?>>, vectors006: List<Map<String, Any?>>) {
    fun services(id: String) = servicesOf(byId.getValue(id)["inputs"].obj())
    fun stock(id: String) = stockZlibToken(byId.getValue(id))
    val rtc = RtcTokenBuilder2()
    val uid = 2882341273L.toInt() // upstream Kotlin passes uids as signed Int
    val at = 1_111_111L

    var built = 0
    for (v in vectors007.filter { it.kindHas("build") }) {
        built++
        test("compat AccessToken2 builds vector ${v.str("id")}") {
            val i = v["inputs"].obj()
            val token = AccessToken2(i.str("app_id"), i.str("app_certificate"), i["expire"] as Long)
            token.issueTs = i["issue_ts"] as Long
            token.salt = i["salt"] as Long
            i["services"].arr().forEach { token.addService(compatServiceOf(it.obj())) }
            val built = token.build()
            assertEquals(stockZlibToken(v), built)
            val parsed = AccessToken2()
            assertTrue(parsed.parse(v.str("expected_token")))
            assertEquals(listOf(i.str("app_id"), i["issue_ts"], i["expire"], i["salt"]), listOf(parsed.appId, parsed.issueTs, parsed.expire, parsed.salt))
            assertEquals(i["services"].arr().size, parsed.services.size)
            assertTrue(parsed.verifySignature(i.str("app_certificate")))
            // The parsed services build the same token again.
            parsed.appCert = i.str("app_certificate")
            assertEquals(built, parsed.build())
        }
    }
    test("compat AccessToken2 vector count") { assertEquals(33, built) }

    var built006 = 0
    for (v in vectors006.filter { it.kindHas("build") }) {
        built006++
        test("compat AccessToken (006) builds vector ${v.str("id")}") {
            val i = v["inputs"].obj()
            val token = AccessToken(i.str("app_id"), i.str("app_certificate"), i.str("channel_name"), i.str("uid"))
            token.message.salt = i["salt"] as Long
            token.message.ts = i["ts"] as Long
            for ((code, expire) in i["privileges"].obj()) {
                val named = AccessToken.Privileges.values().find { it.intValue.toString() == code }
                if (named != null) token.addPrivilege(named, expire as Long) else token.addPrivilege(code.toInt(), expire as Long)
            }
            assertEquals(v.str("expected_token"), token.build())
            val read = AccessToken("", "", "", "")
            assertTrue(read.fromString(v.str("expected_token")))
            assertEquals(i["salt"], read.message.salt)
            assertEquals(i["ts"], read.message.ts)
            assertEquals(i["privileges"].obj().map { (k, x) -> k.toShort() to x }.toMap(), read.message.messages.toMap())
        }
    }
    test("compat AccessToken (006) vector count") { assertEquals(5, built006) }

    // The builders with the arguments of the upstream calls behind the vectors, issue time and salt pinned.
    val all4: List<Long> = listOf(600, 600, 600, 600)
    val pinned: List<Pair<String, () -> String>> = listOf(
        "at2-rtc-uid-join" to { rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, 2882341273L, Role.ROLE_SUBSCRIBER, 600L, 600L, at, 1L) },
        "at2-rtc-uid-join" to { rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, uid.toLong(), 2, 600, 600, issuedAt = at, salt = 1) },
        "at2-rtc-uid-join" to { rtc.buildTokenWithUserAccount(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_SUBSCRIBER, 600L, 600L, at, 1L) },
        "at2-rtc-uid0-join" to { rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, 0L, Role.ROLE_SUBSCRIBER, 600L, 600L, at, 1L) },
        "at2-rtm-test_user" to { RtmTokenBuilder2().buildToken(APP_ID, CERT, "test_user", 600L, at, 1L) },
        "at2-chat-user" to { ChatTokenBuilder2().buildUserToken(APP_ID, CERT, "2882341273", 600L, at, 1L) },
        "at2-chat-app" to { ChatTokenBuilder2().buildAppToken(APP_ID, CERT, 600L, at, 1L) },
        "at2-apaas-room-user" to { ApaasTokenBuilder().buildRoomUserToken(APP_ID, CERT, "123", "2882341273", 1, 600L, at, 1L) },
        "at2-apaas-user" to { EducationTokenBuilder2().buildUserToken(APP_ID, CERT, "2882341273", 600L, at, 1L) },
        "at2-apaas-app" to { ApaasTokenBuilder().buildAppToken(APP_ID, CERT, 600L, at, 1L) },
        "at2-rtc4-rtm" to {
            rtc.buildTokenWithRtm2(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_PUBLISHER, 600L, 600L, 600L, 600L, 600L, "test_user", 600L, at, 1L)
        },
    )
    for ((id, build) in pinned) test("compat builder, issue time and salt pinned = $id") { assertEquals(stock(id), build()) }
    test("compat 9-argument buildTokenWithUid, pinned = the RTC service of at2-rtc4-rtm") {
        val token = rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, 2882341273L, 600L, all4[0], all4[1], all4[2], all4[3], issuedAt = at, salt = 1L)
        assertEquals(listOf(services("at2-rtc4-rtm")[0]), decodeUnverifiedToken(token).services)
        assertEquals(at.toUInt(), decodeUnverifiedToken(token).issuedAt)
    }

    val ts = 1_446_455_471L
    val pinned006: List<Pair<String, () -> String>> = listOf(
        "at1-rtc-uid-join" to { RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, CHANNEL, 2882341273L, RtcTokenBuilder.Role.Role_Subscriber, ts, 1_111_111L, 1L) },
        "at1-rtc-uid-join" to { RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, CHANNEL, -1412626023L, 2, ts, expiresAt = 1_111_111L, salt = 1L) },
        "at1-rtc-uid0-join" to { RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, CHANNEL, 0L, RtcTokenBuilder.Role.Role_Subscriber, ts, 1_111_111L, 1L) },
        "at1-rtc-uid-string-0" to { RtcTokenBuilder().buildTokenWithUserAccount(APP_ID, CERT, CHANNEL, "0", RtcTokenBuilder.Role.Role_Subscriber, ts, 1_111_111L, 1L) },
        "at1-rtc-publisher" to { RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, CHANNEL, 2882341273L, RtcTokenBuilder.Role.Role_Publisher, ts, 1_111_111L, 1L) },
        "at1-rtc-publisher" to { RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, CHANNEL, 2882341273L, RtcTokenBuilder.Role.Role_Attendee, ts, 1_111_111L, 1L) },
        "at1-rtc-publisher" to { RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, CHANNEL, 2882341273L, 101, ts, 1_111_111L, 1L) },
        "at1-rtm-test_user" to { RtmTokenBuilder().buildToken(APP_ID, CERT, "test_user", RtmTokenBuilder.Role.Rtm_User, ts, 1_111_111L, 1L) },
    )
    for ((id, build) in pinned006) test("compat 006 builder, pinned = $id") { assertEquals(byId.getValue(id).str("expected_token"), build()) }

    // Upstream's own signatures (Int arguments, clock and random salt): the vectors' services.
    test("compat RtcTokenBuilder2, upstream Int signatures = vector services") {
        assertEquals(1, Role.ROLE_PUBLISHER.initValue)
        assertEquals(2, RtcTokenBuilder2.Role.ROLE_SUBSCRIBER.initValue)
        assertEquals(services("at2-rtc-uid-join"), decoded(rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, uid, Role.ROLE_SUBSCRIBER, 600, 600), 600u))
        assertEquals(services("at2-rtc-uid-join"), decoded(rtc.buildTokenWithUserAccount(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_SUBSCRIBER, 600, 600), 600u))
        assertEquals(services("at2-rtc-uid0-join"), decoded(rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, 0, Role.ROLE_SUBSCRIBER, 600, 600), 600u))
        val rtc4 = listOf(services("at2-rtc4-rtm")[0])
        assertEquals(rtc4, decoded(rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, uid, Role.ROLE_PUBLISHER, 600, 600), 600u))
        assertEquals(rtc4, decoded(rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, uid, 600, 600, 600, 600, 600), 600u))
        assertEquals(rtc4, decoded(rtc.buildTokenWithUserAccount(APP_ID, CERT, CHANNEL, "2882341273", 600, 600, 600, 600, 600), 600u))
        assertEquals(
            services("at2-rtc4-rtm"),
            decoded(rtc.buildTokenWithRtm2(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_PUBLISHER, 600, 600, 600, 600, 600, "test_user", 600), 600u),
        )
        val withRtm = decoded(rtc.buildTokenWithRtm(APP_ID, CERT, CHANNEL, "test_user", Role.ROLE_SUBSCRIBER, 900, 600), 900u)
        assertEquals(listOf(Service.Rtc(CHANNEL, "test_user", listOf(PrivilegeEntry(1u, 600u))), Service.Rtm("test_user", listOf(PrivilegeEntry(1u, 900u)))), withRtm)
    }
    test("compat RtmTokenBuilder2 = vector services (Rtm2Permissions as upstream's ServiceRtm2.Permissions)") {
        val rtm = RtmTokenBuilder2()
        assertEquals(services("at2-rtm-test_user"), decoded(rtm.buildToken(APP_ID, CERT, "test_user", 600), 600u))
        val permissions = AccessToken2.ServiceRtm2.Permissions()
        permissions.add(Rtm2Permissions.MESSAGE_CHANNELS, Rtm2Permissions.READ, listOf("replaced"))
        permissions.add(Rtm2Permissions.USERS, Rtm2Permissions.READ, listOf("user-a"))
        permissions.add(Rtm2Permissions.STREAM_CHANNELS, Rtm2Permissions.WRITE, listOf("stream-a"))
        permissions.add(Rtm2Permissions.MESSAGE_CHANNELS, Rtm2Permissions.READ, listOf("message-a", "message-b"))
        val rtm2 = services("at2-extended-streaming-fcdn-rtm2")[2]
        assertEquals(listOf(rtm2), decoded(rtm.buildTokenWithPermissions(APP_ID, CERT, "test_user", permissions, 600), 600u))
        // As upstream, undefined resource and permission types are packed as given, with a warning;
        // a negative Short (upstream's type) is packed as its unsigned 16 bits.
        val odd = Rtm2Permissions().apply { add(9, 7, listOf("x")); add(Rtm2Permissions.USERS, Rtm2Permissions.READ, listOf("y")) }
        val collected = CompatWarnings.collect { rtm.buildTokenWithPermissions(APP_ID, CERT, "u", odd, 600L, 1L, 2L) }
        assertEquals(listOf("undefined_rtm2_type", "undefined_rtm2_type"), collected.warnings.map { it.code })
        assertTrue(collected.warnings[0].message.startsWith("unknown RTM2 resource type 9"), collected.warnings[0].message)
        val packed = (decodeUnverifiedToken(collected.value).services.single() as Service.Rtm2).permissions
        assertEquals(listOf(4, 9).map { it.toUShort() }, packed.map { it.resourceType })
        assertEquals(listOf(0, 7).map { it.toUShort() }, packed.map { it.permissionType })
        val negative = Rtm2Permissions().apply { add(-1, Rtm2Permissions.READ, listOf("x")) }
        val wrapped = CompatWarnings.collect { rtm.buildTokenWithPermissions(APP_ID, CERT, "u", negative, 600) }
        assertEquals(65_535u, (decodeUnverifiedToken(wrapped.value).services.single() as Service.Rtm2).permissions.single().resourceType.toUInt())
        // Upstream's TreeMap<Short> packs -1 (65535) before 0, which the core cannot: refused.
        val mixed = Rtm2Permissions().apply { add(-1, Rtm2Permissions.READ, listOf("x")); add(0, Rtm2Permissions.READ, listOf("y")) }
        val refused = assertFailsWith<AgoraTokenException.InvalidArgument> { rtm.buildTokenWithPermissions(APP_ID, CERT, "u", mixed, 600) }
        assertTrue(refused.message!!.contains("cannot be reproduced"), refused.message)
        // The typed layer refuses undefined types.
        assertFailsWith<AgoraTokenException.UnknownRtm2Type> { io.github.agoratokenrs.rtm2ResourceTypeFromCode((9).toUShort()) }
    }
    test("compat ChatTokenBuilder2 / FpaTokenBuilder / APaaS, Int signatures = vector services") {
        val chat = ChatTokenBuilder2()
        assertEquals(services("at2-chat-user"), decoded(chat.buildUserToken(APP_ID, CERT, "2882341273", 600), 600u))
        assertEquals(services("at2-chat-app"), decoded(chat.buildAppToken(APP_ID, CERT, 600), 600u))
        assertEquals(listOf(Service.Fpa(listOf(PrivilegeEntry(1u, 0u)))), decoded(FpaTokenBuilder().buildToken(APP_ID, CERT), 86_400u))
        assertEquals(1_111_111u, decodeUnverifiedToken(FpaTokenBuilder().buildToken(APP_ID, CERT, issuedAt = 1_111_111L)).issuedAt)
        for (builder in listOf(ApaasTokenBuilder(), EducationTokenBuilder2())) {
            assertEquals(services("at2-apaas-room-user"), decoded(builder.buildRoomUserToken(APP_ID, CERT, "123", "2882341273", 1, 600), 600u))
            assertEquals(services("at2-apaas-user"), decoded(builder.buildUserToken(APP_ID, CERT, "2882341273", 600), 600u))
            assertEquals(services("at2-apaas-app"), decoded(builder.buildAppToken(APP_ID, CERT, 600), 600u))
        }
    }
    test("compat ConvoAITokenBuilder / SttTokenBuilder (companion functions, three overloads)") {
        val base = services("at2-rtc4-rtm")
        val convo = ConvoAITokenBuilder.buildToken(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_PUBLISHER, 600, 600, 600, 600, 600, "test_user", 600)
        assertEquals(base + Service.ConvoAi(emptyList()), decoded(convo, 600u))
        val stt = SttTokenBuilder.buildToken(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_PUBLISHER, 600, 600, 600, 600, 600, "test_user", 600)
        assertEquals(base + Service.Stt(emptyList()), decoded(stt, 600u))
        val numeric = SttTokenBuilder.buildToken(APP_ID, CERT, CHANNEL, "2882341273", 1, 600L, 600L, 600L, 600L, 600L, "test_user", 600L, issuedAt = 7L, salt = 8L)
        val long = SttTokenBuilder.buildToken(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_PUBLISHER, 600L, 600L, 600L, 600L, 600L, "test_user", 600L, 7L, 8L)
        assertEquals(numeric, long)
        assertEquals(base + Service.Stt(emptyList()), decodeUnverifiedToken(long).services)
    }
    test("compat 006 builders, upstream Int signatures") {
        val token = RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, CHANNEL, uid, RtcTokenBuilder.Role.Role_Publisher, 1_446_455_471)
        val parsed = decodeAccessToken006Unverified(token)
        assertEquals((1..4).map { PrivilegeEntry(it.toUShort(), 1_446_455_471u) }, parsed.privileges)
        assertTrue(parsed.expiresAt.toLong() in now() + 86_400 - 5..now() + 86_400)
        AppCertificate(CERT).use { io.github.agoratokenrs.verifyAccessToken006(token, it, CHANNEL, io.github.agoratokenrs.User.Uid(2882341273u)) }
        val rtm = decodeAccessToken006Unverified(RtmTokenBuilder().buildToken(APP_ID, CERT, "test_user", RtmTokenBuilder.Role.Rtm_User, 1_446_455_471))
        assertEquals(listOf(PrivilegeEntry(1000u, 1_446_455_471u)), rtm.privileges)
    }
}

// ---------------------------------------------------------------- warnings

fun compatWarnings() {
    val rtc = RtcTokenBuilder2()
    test("compat roles: 007 numbers other than 1 join only, with a warning for all but 1 and 2") {
        for (role in listOf(0, 101, 3, 255, -1)) {
            val collected = CompatWarnings.collect { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, role, 600L, 600L, 1L, 1L) }
            assertEquals(collected.value, rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, Role.ROLE_SUBSCRIBER, 600L, 600L, 1L, 1L))
            val warning = collected.warnings.single()
            assertEquals("role_read_as_join_only", warning.code)
            assertTrue(warning.message.contains("RTC role $role") && warning.message.contains("pass 1 to publish"), warning.message)
        }
        assertEquals(emptyList(), warningsOf { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, 2, 600L, 600L) })
        assertEquals(emptyList(), warningsOf { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, 600, 600) })
    }
    test("compat roles: 006 numbers other than 0, 1, 2 and 101 join only, with a warning") {
        val builder = RtcTokenBuilder()
        val collected = CompatWarnings.collect { builder.buildTokenWithUid(APP_ID, CERT, "c", 1L, 3, 0L, 1L, 1L) }
        assertEquals(collected.value, builder.buildTokenWithUid(APP_ID, CERT, "c", 1L, RtcTokenBuilder.Role.Role_Subscriber, 0L, 1L, 1L))
        assertEquals(listOf("role_read_as_join_only"), collected.warnings.map { it.code })
        for (role in listOf(0, 1, 101)) {
            assertEquals(
                builder.buildTokenWithUid(APP_ID, CERT, "c", 1L, RtcTokenBuilder.Role.Role_Publisher, 0L, 1L, 1L),
                builder.buildTokenWithUid(APP_ID, CERT, "c", 1L, role, 0L, 1L, 1L),
            )
        }
    }
    test("compat expiries: 007 timestamps and lifetimes over 24 h warn; 006 relative times warn") {
        val absolute = CompatWarnings.collect { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, 600, 1_764_066_022) }.warnings.single()
        assertEquals("expiry_looks_absolute", absolute.code)
        assertTrue(absolute.message.startsWith("privilegeExpire is 1764066022") && absolute.message.contains("2025-11-25"), absolute.message)
        assertEquals(listOf("lifetime_over_24h"), warningsOf { ChatTokenBuilder2().buildUserToken(APP_ID, CERT, "u", 86_401L) })
        assertEquals(listOf("lifetime_over_24h"), warningsOf { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, 86_401, 0) })
        assertEquals(emptyList(), warningsOf { RtmTokenBuilder2().buildToken(APP_ID, CERT, "u", 86_400) })
        assertEquals(emptyList(), warningsOf { FpaTokenBuilder().buildToken(APP_ID, CERT) })
        val relative = CompatWarnings.collect { RtmTokenBuilder().buildToken(APP_ID, CERT, "u", RtmTokenBuilder.Role.Rtm_User, 3600) }.warnings.single()
        assertEquals("expiry_looks_relative", relative.code)
        assertTrue(relative.message.startsWith("privilegeTs is 3600"), relative.message)
        assertEquals(emptyList(), warningsOf { RtmTokenBuilder().buildToken(APP_ID, CERT, "u", RtmTokenBuilder.Role.Rtm_User, 0) })
    }
    test("compat undefined privilege numbers are packed as given, with a warning; the typed layer refuses them") {
        val token = AccessToken2(APP_ID, CERT, 600).apply {
            issueTs = 1
            salt = 2
            addService(AccessToken2.ServiceRtc("c", "").apply { addPrivilege(5, 600); privileges[(-1).toShort()] = 60 })
            addService(AccessToken2.ServiceConvoAI().apply { addPrivilege(1, 0) })
        }
        val collected = CompatWarnings.collect { token.build() }
        assertEquals(listOf("undefined_privilege", "undefined_privilege", "undefined_privilege"), collected.warnings.map { it.code })
        assertTrue(collected.warnings.any { it.message.contains("RTC privilege 5") }, collected.warnings.toString())
        val packed = decodeUnverifiedToken(collected.value).services
        assertEquals(listOf(PrivilegeEntry(5u, 600u), PrivilegeEntry(65_535u, 60u)), (packed[0] as Service.Rtc).privileges)
        assertEquals(listOf(PrivilegeEntry(1u, 0u)), (packed[1] as Service.ConvoAi).privileges)
        Credentials(APP_ID, CERT).use { creds ->
            assertFailsWith<AgoraTokenException.UnknownPrivilege> { buildToken(creds, 600u, packed) }
            assertFailsWith<AgoraTokenException.UnknownPrivilege> { buildAccessToken006(creds, "c", io.github.agoratokenrs.User.Uid(1u), listOf(PrivilegeEntry(13u, 0u))) }
        }
        assertFailsWith<AgoraTokenException.UnknownRole> { rtcRoleFromCode(0) }
        assertFailsWith<AgoraTokenException.UnknownRole> { role006FromCode(3) }
        val t006 = AccessToken(APP_ID, CERT, "c", "1").apply { message.salt = 1; message.ts = 2; addPrivilege(13, 0L) }
        val collected006 = CompatWarnings.collect { t006.build() }
        assertEquals(listOf("undefined_privilege"), collected006.warnings.map { it.code })
        assertEquals(listOf(PrivilegeEntry(13u, 0u)), decodeAccessToken006Unverified(collected006.value).privileges)
    }
    test("compat CompatWarnings.CODES lists every code, as the core does") {
        assertEquals(
            listOf(
                "role_read_as_join_only", "undefined_privilege", "expiry_looks_absolute", "expiry_looks_relative", "lifetime_over_24h",
                "fraction_truncated", "not_a_number", "issue_time_zero_not_now", "uid_written_as_text", "undefined_rtm2_type",
            ),
            CompatWarnings.CODES,
        )
    }
    test("compat warnings go to java.util.logging by default, to a replaced listener, or abort the build") {
        val records = mutableListOf<LogRecord>()
        val handler = object : Handler() {
            override fun publish(record: LogRecord) { records += record }
            override fun flush() {}
            override fun close() {}
        }
        val logger = CompatWarnings.logger
        val parents = logger.useParentHandlers
        logger.useParentHandlers = false
        logger.addHandler(handler)
        try {
            assertTrue(CompatWarnings.listener === CompatWarnings.loggingListener)
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, 0, 600L, 600L)
            val record = records.single()
            assertEquals(java.util.logging.Level.WARNING, record.level)
            assertEquals("io.github.agoratokenrs.compat", record.loggerName)
            assertEquals("role_read_as_join_only", record.parameters[0])
            assertTrue((record.parameters[1] as String).startsWith("RTC role 0"))
        } finally {
            logger.removeHandler(handler)
            logger.useParentHandlers = parents
        }
        val seen = mutableListOf<CompatWarning>()
        CompatWarnings.listener = CompatWarningListener { seen += it }
        try {
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, 101, 600L, 600L)
            assertEquals(listOf("role_read_as_join_only"), seen.map { it.code })
            // Collected warnings do not reach the listener; nested collections each get their own.
            val outer = CompatWarnings.collect {
                rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, 0, 600L, 600L)
                CompatWarnings.collect { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, 1, 600L, 90_000L) }.warnings.single().code
            }
            assertEquals("lifetime_over_24h", outer.value)
            assertEquals(listOf("role_read_as_join_only"), outer.warnings.map { it.code })
            assertEquals(1, seen.size)
            // A listener that throws turns warnings into errors.
            CompatWarnings.listener = CompatWarningListener { throw IllegalArgumentException(it.message) }
            val e = assertFailsWith<IllegalArgumentException> { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, 0, 600L, 600L) }
            assertTrue(e.message!!.startsWith("RTC role 0"))
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, 1, 600L, 600L)
        } finally {
            CompatWarnings.listener = CompatWarnings.loggingListener
        }
    }
}

// ---------------------------------------------------------------- argument ranges

fun compatArguments() {
    val rtc = RtcTokenBuilder2()
    test("compat negative Int expiries, issue times and salts are packed as their unsigned 32 bits, as upstream's putInt") {
        // Upstream Java/Kotlin hold them in an int: -1 is packed as 4294967295, and so it is here.
        val collected = CompatWarnings.collect {
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, -1, Int.MIN_VALUE)
        }
        assertEquals(listOf("expiry_looks_absolute", "expiry_looks_absolute"), collected.warnings.map { it.code })
        val payload = decodeUnverifiedToken(collected.value)
        assertEquals(4_294_967_295u, payload.expire)
        assertEquals(2_147_483_648u, (payload.services.single() as Service.Rtc).privileges.first().expire)
        assertEquals(
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, Role.ROLE_PUBLISHER, 4_294_967_295L, 2_147_483_648L, 3_000_000_000L, 4_294_967_294L),
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, Role.ROLE_PUBLISHER, -1L, Int.MIN_VALUE.toLong(), -1_294_967_296L, -2L),
        )
        val token = AccessToken2(APP_ID, CERT, -600).apply {
            issueTs = -1
            salt = -7
            addService(AccessToken2.ServiceRtc("c", "1").apply { addPrivilegeRtc(AccessToken2.PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL, -1) })
        }
        val parsed = decodeUnverifiedToken(CompatWarnings.collect { token.build() }.value)
        assertEquals(listOf(4_294_966_696u, 4_294_967_295u, 4_294_967_289u), listOf(parsed.expire, parsed.issuedAt, parsed.salt))
        // 006: a negative int expiry is a time after 2038, as upstream packs it; no warning.
        val t006 = AccessToken(APP_ID, CERT, "c", "1").apply { message.salt = -1; message.ts = -2; addPrivilege(AccessToken.Privileges.kJoinChannel, -3) }
        val read = CompatWarnings.collect { t006.build() }
        assertEquals(emptyList(), read.warnings)
        assertEquals(listOf(4_294_967_295u, 4_294_967_294u), decodeAccessToken006Unverified(read.value).let { listOf(it.salt, it.expiresAt) })
    }
    test("compat Long expiries cover the whole u32 range; outside it a clear InvalidArgument") {
        val collected = CompatWarnings.collect {
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, Role.ROLE_PUBLISHER, 4_294_967_295L, 4_294_967_295L, 0L, 4_294_967_295L)
        }
        assertEquals(listOf("expiry_looks_absolute", "expiry_looks_absolute"), collected.warnings.map { it.code })
        val token = collected.value
        val payload = decodeUnverifiedToken(token)
        assertEquals(listOf(4_294_967_295u, 0u, 4_294_967_295u), listOf(payload.expire, payload.issuedAt, payload.salt))
        assertEquals(4_294_967_295u, (payload.services.single() as Service.Rtc).privileges.first().expire)
        // No Java int holds these: outside -2147483648..4294967295 a clear InvalidArgument.
        for ((name, call) in listOf<Pair<String, () -> String>>(
            "tokenExpire" to { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, Role.ROLE_PUBLISHER, 4_294_967_296L, 0L) },
            "privilegeExpire" to { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, Role.ROLE_PUBLISHER, 0L, -2_147_483_649L) },
            "issuedAt" to { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L, Role.ROLE_PUBLISHER, 0L, 0L, issuedAt = Long.MIN_VALUE) },
            "salt" to { ChatTokenBuilder2().buildAppToken(APP_ID, CERT, 60L, salt = 1L shl 32) },
            "expiresAt" to { RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, "c", 1L, 1, 0L, expiresAt = 1L shl 40) },
            "expire" to { AccessToken2(APP_ID, CERT, Long.MAX_VALUE).apply { addService(AccessToken2.ServiceFpa()) }.build() },
            "issueTs" to { AccessToken2(APP_ID, CERT, 1L).apply { issueTs = -(1L shl 32); addService(AccessToken2.ServiceFpa()) }.build() },
        )) {
            val e = assertFailsWith<AgoraTokenException.InvalidArgument>(name) { call() }
            assertTrue(e.message!!.startsWith("invalid $name:") && e.message!!.contains("-2147483648..=4294967295"), e.message)
        }
        assertFailsWith<AgoraTokenException.InvalidArgument> { AccessToken2.ServiceRtc().addPrivilege(65_536, 0) }
        assertFailsWith<AgoraTokenException.InvalidArgument> { AccessToken("", "", "", "").addPrivilege(-1, 0) }
    }
    test("compat uids: Int read unsigned (-1 = 4294967295), Long 0..4294967295 or negative Int range") {
        fun uidOf(token: String) = (decodeUnverifiedToken(token).services.single() as Service.Rtc).uid
        assertEquals("4294967295", uidOf(rtc.buildTokenWithUid(APP_ID, CERT, "c", -1, Role.ROLE_SUBSCRIBER, 60, 60)))
        assertEquals("4294967295", uidOf(rtc.buildTokenWithUid(APP_ID, CERT, "c", 4_294_967_295L, Role.ROLE_SUBSCRIBER, 60L, 60L)))
        assertEquals("4294967295", uidOf(rtc.buildTokenWithUid(APP_ID, CERT, "c", -1L, Role.ROLE_SUBSCRIBER, 60L, 60L)))
        assertEquals("", uidOf(rtc.buildTokenWithUid(APP_ID, CERT, "c", 0, Role.ROLE_SUBSCRIBER, 60, 60)))
        assertFailsWith<AgoraTokenException.InvalidArgument> { rtc.buildTokenWithUid(APP_ID, CERT, "c", 1L shl 32, Role.ROLE_SUBSCRIBER, 60L, 60L) }
        assertEquals(listOf("", "123", "4294967295"), listOf(0, 123, -1).map { AccessToken2.getUidStr(it) })
        assertEquals("4294967295", AccessToken2.ServiceStreaming("c", -1L).account)
        assertEquals("", AccessToken2.ServiceFCdn("c", 0L).account)
    }
    test("compat errors: typed exceptions instead of upstream's empty string") {
        assertFailsWith<AgoraTokenException.InvalidAppId> { rtc.buildTokenWithUid("abc", CERT, "c", 1, Role.ROLE_PUBLISHER, 60, 60) }
        assertFailsWith<AgoraTokenException.InvalidAppCertificate> { ChatTokenBuilder2().buildAppToken(APP_ID, "", 60) }
        assertFailsWith<AgoraTokenException.NoServices> { AccessToken2(APP_ID, CERT, 60).build() }
        assertFailsWith<AgoraTokenException.InvalidAppId> { AccessToken2().build() }
        assertFailsWith<AgoraTokenException.InvalidArgument> {
            AccessToken2(APP_ID, CERT, 60).apply { addService(AccessToken2.Service(AccessToken2.SERVICE_TYPE_RTC)) }.build()
        }
        assertFailsWith<AgoraTokenException.UnknownServiceType> {
            AccessToken2(APP_ID, CERT, 60).apply { addService(AccessToken2.Service(11).apply { addPrivilege(1, 1) }) }.build()
        }
        assertFailsWith<AgoraTokenException.FieldTooLong> { RtmTokenBuilder2().buildToken(APP_ID, CERT, "u".repeat(65_536), 60) }
    }
}

// ---------------------------------------------------------------- AccessToken2 object

fun compatAccessToken2() {
    test("compat AccessToken2: constructor draws the issue time and salt; services keep repeats, packed by type") {
        val token = AccessToken2(APP_ID, CERT, 600)
        assertTrue(token.issueTs in now() - 5..now(), "issueTs ${token.issueTs}")
        assertTrue(token.salt in 1L..99_999_999L, "salt ${token.salt}")
        token.addService(AccessToken2.ServiceRtm("b").apply { addPrivilegeRtm(AccessToken2.PrivilegeRtm.PRIVILEGE_LOGIN, 60) })
        token.addService(AccessToken2.ServiceRtc("c", AccessToken2.getUidStr(7)).apply { addPrivilegeRtc(AccessToken2.PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL, 60L) })
        token.addService(AccessToken2.ServiceRtm("a"))
        assertEquals(listOf("b", "a"), token.getServices(AccessToken2.SERVICE_TYPE_RTM).map { (it as AccessToken2.ServiceRtm).userId })
        val services = decodeUnverifiedToken(token.build()).services
        assertEquals(listOf("Rtc", "Rtm", "Rtm"), services.map { it::class.simpleName })
        assertEquals(listOf("b", "a"), services.drop(1).map { (it as Service.Rtm).userId })
        val other = AccessToken2(APP_ID, CERT, 600)
        assertTrue(other.salt != token.salt || AccessToken2(APP_ID, CERT, 600).salt != token.salt, "salts are random")
    }
    test("compat AccessToken2.parse / verifySignature / getService") {
        val built = AccessToken2(APP_ID, CERT, 600).apply {
            addService(AccessToken2.ServiceApaas("u").apply { addPrivilegeApaas(AccessToken2.PrivilegeApaas.PRIVILEGE_USER, 600) })
            addService(AccessToken2.ServiceStt())
        }.build()
        val parsed = AccessToken2()
        assertFalse(parsed.verifySignature(CERT), "nothing parsed yet")
        assertTrue(parsed.parse(built))
        val apaas = parsed.getServices(AccessToken2.SERVICE_TYPE_APAAS).single() as AccessToken2.ServiceApaas
        assertEquals(listOf("", "u", (-1).toShort()), listOf(apaas.roomUuid, apaas.userUuid, apaas.role))
        assertEquals(600L, apaas.privileges[AccessToken2.PrivilegeApaas.PRIVILEGE_USER.intValue])
        assertNotNull(parsed.getServices(AccessToken2.SERVICE_TYPE_STT).single() as? AccessToken2.ServiceStt)
        assertTrue(parsed.verifySignature(CERT))
        assertFalse(parsed.verifySignature(CERT.lowercase()))
        assertFalse(parsed.verifySignature("not hex"))
        assertFalse(parsed.verifySignature(null))
        assertFalse(parsed.parse("007garbage"))
        assertEquals(listOf("", 0L, 0), listOf(parsed.appId, parsed.issueTs, parsed.services.size), "a failed parse clears the fields")
        assertFalse(parsed.verifySignature(CERT))
        assertFalse(parsed.parse(null))
        for (type in 1..10) assertEquals(type.toShort(), AccessToken2().getService(type.toShort())!!.serviceType)
        assertEquals(null, AccessToken2().getService(11))
        assertEquals("007", AccessToken2.getVersion())
        assertEquals("006", AccessToken.getVersion())
        assertFalse(AccessToken("", "", "", "").fromString("007abc"))
    }
    test("compat AccessToken2 and AccessToken never show the certificate") {
        assertFalse(AccessToken2(APP_ID, CERT, 600).toString().contains(CERT))
        assertFalse(AccessToken(APP_ID, CERT, "c", "u").toString().contains(CERT))
    }
}
