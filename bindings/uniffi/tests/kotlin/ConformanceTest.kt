// Runs the conformance vectors (conformance/upstream.json) and the error cases through the
// generated Kotlin bindings, and the compat layer's tests (CompatTest.kt, DifferentialTest.kt),
// on the JVM.
// Usage: java ... ConformanceTestKt <path to upstream.json> <path to the differential fixture>
// Prints every failure, then "N passed, M failed"; exits 1 if anything failed.

import io.github.agoratokenrs.AccessReason
import io.github.agoratokenrs.AgoraTokenException
import io.github.agoratokenrs.ApaasRoomUserVariant
import io.github.agoratokenrs.AppCertificate
import io.github.agoratokenrs.Credentials
import io.github.agoratokenrs.Dk4Service
import io.github.agoratokenrs.Dk5Service
import io.github.agoratokenrs.DynamicKeyInput
import io.github.agoratokenrs.ExtraEntry
import io.github.agoratokenrs.FcdnPrivilege
import io.github.agoratokenrs.PrivilegeEntry
import io.github.agoratokenrs.Reason
import io.github.agoratokenrs.Role006
import io.github.agoratokenrs.RtcPrivilegeExpiries
import io.github.agoratokenrs.RtcRole
import io.github.agoratokenrs.Rtm2Permission
import io.github.agoratokenrs.Rtm2PermissionEntry
import io.github.agoratokenrs.Rtm2PermissionType
import io.github.agoratokenrs.Rtm2ResourceType
import io.github.agoratokenrs.Service
import io.github.agoratokenrs.SignatureCheck
import io.github.agoratokenrs.StreamingPrivilege
import io.github.agoratokenrs.UploadPermission
import io.github.agoratokenrs.User
import io.github.agoratokenrs.buildAccessToken006
import io.github.agoratokenrs.buildAccessToken006Rtc
import io.github.agoratokenrs.buildAccessToken006Rtm
import io.github.agoratokenrs.buildApaasAppToken
import io.github.agoratokenrs.buildApaasRoomUserToken
import io.github.agoratokenrs.buildApaasUserToken
import io.github.agoratokenrs.buildChatAppToken
import io.github.agoratokenrs.buildChatUserToken
import io.github.agoratokenrs.buildConvoAiToken
import io.github.agoratokenrs.buildFcdnToken
import io.github.agoratokenrs.buildFpaToken
import io.github.agoratokenrs.buildRtcToken
import io.github.agoratokenrs.buildRtcTokenWithPrivileges
import io.github.agoratokenrs.buildRtcTokenWithRtm
import io.github.agoratokenrs.buildRtcTokenWithRtmExpiries
import io.github.agoratokenrs.buildRtm2Token
import io.github.agoratokenrs.buildRtmToken
import io.github.agoratokenrs.buildStreamingToken
import io.github.agoratokenrs.buildSttToken
import io.github.agoratokenrs.buildToken
import io.github.agoratokenrs.verifyToken
import io.github.agoratokenrs.explain
import io.github.agoratokenrs.reasonCodes
import io.github.agoratokenrs.errorCodes
import io.github.agoratokenrs.code
import io.github.agoratokenrs.sdkErrorCodes
import io.github.agoratokenrs.buildDynamicKey5
import io.github.agoratokenrs.buildDynamicKeyV1
import io.github.agoratokenrs.buildDynamicKeyV2
import io.github.agoratokenrs.buildDynamicKeyV3
import io.github.agoratokenrs.buildDynamicKeyV4
import io.github.agoratokenrs.buildSignalingToken
import io.github.agoratokenrs.decodeAccessToken006Unverified
import io.github.agoratokenrs.decodeDynamicKeyUnverified
import io.github.agoratokenrs.decodeDynamicKey5Unverified
import io.github.agoratokenrs.parseRtcRole
import io.github.agoratokenrs.decodeSignalingTokenUnverified
import io.github.agoratokenrs.decodeUnverifiedToken
import io.github.agoratokenrs.role006FromCode
import io.github.agoratokenrs.rtcRoleFromCode
import io.github.agoratokenrs.rtm2ResourceTypeFromCode
import io.github.agoratokenrs.verifyAccessToken006
import io.github.agoratokenrs.verifySignalingToken
import java.io.File
import java.util.Base64
import java.util.zip.Inflater
import kotlin.system.exitProcess
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

// ---------------------------------------------------------------- runner

object Suite {
    var passed = 0
    val failed = mutableListOf<String>()

    fun test(name: String, body: () -> Unit) {
        try {
            body()
            passed++
        } catch (t: Throwable) {
            failed += name
            System.err.println("FAIL $name: $t")
        }
    }
}

fun test(name: String, body: () -> Unit) = Suite.test(name, body)

// ---------------------------------------------------------------- vector access

@Suppress("UNCHECKED_CAST")
fun Any?.obj(): Map<String, Any?> = this as Map<String, Any?>

@Suppress("UNCHECKED_CAST")
fun Any?.arr(): List<Any?> = this as List<Any?>

fun Map<String, Any?>.str(key: String): String = this[key] as? String ?: error("$key is not a string")

fun Map<String, Any?>.u32(key: String): UInt {
    val n = this[key] as? Long ?: error("$key is not a number")
    require(n in 0..0xFFFF_FFFFL) { "$key = $n is not a u32" }
    return n.toUInt()
}

fun Map<String, Any?>.kindHas(role: String) = str("kind").split('+').contains(role)

fun privilegesOf(service: Map<String, Any?>): List<PrivilegeEntry> =
    service["privileges"].obj().map { (code, expire) -> PrivilegeEntry(code.toUShort(), (expire as Long).toUInt()) }
        .sortedBy { it.code }

fun rtm2Of(value: Any?): List<Rtm2PermissionEntry> =
    value.obj().flatMap { (resource, byPermission) ->
        byPermission.obj().map { (permission, names) ->
            Rtm2PermissionEntry(resource.toUShort(), permission.toUShort(), names.arr().map { it as String })
        }
    }.sortedWith(compareBy({ it.resourceType }, { it.permissionType }))

/** A vector's service description as the binding's Service (wire fields as given). */
fun serviceOf(s: Map<String, Any?>): Service = when ((s["type"] as Long).toInt()) {
    1 -> Service.Rtc(s.str("channel_name"), s.str("uid"), privilegesOf(s))
    2 -> Service.Rtm(s.str("user_id"), privilegesOf(s))
    3 -> Service.Streaming(s.str("channel_name"), s.str("account"), privilegesOf(s))
    4 -> Service.Fpa(privilegesOf(s))
    5 -> Service.Chat(s.str("user_id"), privilegesOf(s))
    6 -> Service.Fcdn(s.str("channel_name"), s.str("account"), privilegesOf(s))
    7 -> Service.Apaas(s.str("room_uuid"), s.str("user_uuid"), (s["role"] as Long).toShort(), privilegesOf(s))
    8 -> Service.Rtm2(s.str("user_id"), rtm2Of(s["permissions"]), privilegesOf(s))
    else -> error("unexpected service type ${s["type"]}")
}

fun servicesOf(inputs: Map<String, Any?>): List<Service> = inputs["services"].arr().map { serviceOf(it.obj()) }

fun inflate(token: String): ByteArray {
    val inflater = Inflater()
    inflater.setInput(Base64.getDecoder().decode(token.substring(3)))
    val out = java.io.ByteArrayOutputStream()
    val buf = ByteArray(1024)
    while (!inflater.finished()) {
        val n = inflater.inflate(buf)
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) error("truncated zlib stream")
        out.write(buf, 0, n)
    }
    inflater.end()
    return out.toByteArray()
}

/** The string stock zlib level 6 makes for a vector: the upstream string, or the derived one. */
fun stockZlibToken(v: Map<String, Any?>): String {
    val derived = v["derived_c_zlib_level6_token"] as String?
    if (derived == null) assertEquals("c-zlib-default", v.str("producer_compressor"), "${v.str("id")} has no derived string")
    return derived ?: v.str("expected_token")
}

fun now(): Long = System.currentTimeMillis() / 1000

// ---------------------------------------------------------------- main

lateinit var APP_ID: String
lateinit var CERT: String
const val CHANNEL = "7d72365eb983485397e3e3f9d460bdda"
const val ISSUED_AT = 1_111_111u
const val SALT = 1u

fun main(args: Array<String>) {
    require(args.size == 2) { "usage: ConformanceTestKt <conformance/upstream.json> <differential fixture>" }
    val path = args[0]
    val all = Json.parse(File(path).readText()).obj()["vectors"].arr().map { it.obj() }
    val byId = all.associateBy { it.str("id") }
    fun family(prefix: String) = all.filter { it.str("family").startsWith(prefix) }
    val rtc = byId.getValue("at2-rtc-uid-join")["inputs"].obj()
    APP_ID = rtc.str("app_id")
    CERT = rtc.str("app_certificate")

    accessToken2Vectors(family("AccessToken2"), byId)
    accessToken006Vectors(family("AccessToken (006)"))
    dynamicKeyVectors(all)
    singleServiceBuilders(byId)
    errorCases(byId)
    defaults()
    explanations(byId)
    serviceExplanations()
    compatLayer(byId, family("AccessToken2"), family("AccessToken (006)"))
    secrets()
    readmeExamples()
    differential(args[1])

    println("${Suite.passed} passed, ${Suite.failed.size} failed")
    if (Suite.failed.isNotEmpty()) exitProcess(1)
}

// ---------------------------------------------------------------- 007 vectors

fun accessToken2Vectors(vectors: List<Map<String, Any?>>, byId: Map<String, Map<String, Any?>>) {
    var built = 0
    var parsed = 0
    for (v in vectors) {
        val id = v.str("id")
        if (v.kindHas("build")) {
            built++
            test("007 build $id") {
                val inputs = v["inputs"].obj()
                Credentials(inputs.str("app_id"), inputs.str("app_certificate")).use { creds ->
                    val token = buildToken(
                        creds, inputs.u32("expire"), servicesOf(inputs),
                        issuedAt = inputs.u32("issue_ts"), salt = inputs.u32("salt"),
                    )
                    // Same payload as the upstream string (whatever compressed it) ...
                    assertContentEquals(inflate(v.str("expected_token")), inflate(token), "payload")
                    // ... and byte-identical with stock zlib level 6.
                    assertEquals(stockZlibToken(v), token)
                }
            }
        }
        if (v["inputs"] != null && (v.kindHas("build") || v.kindHas("parse"))) {
            parsed++
            test("007 parse $id") {
                val inputs = v["inputs"].obj()
                val strings = listOfNotNull(v.str("expected_token"), v["derived_c_zlib_level6_token"] as String?)
                for (token in strings) {
                    val payload = decodeUnverifiedToken(token)
                    assertEquals(inputs.str("app_id"), payload.appId)
                    assertEquals(inputs.u32("issue_ts"), payload.issuedAt)
                    assertEquals(inputs.u32("expire"), payload.expire)
                    assertEquals(payload.issuedAt.toULong() + payload.expire.toULong(), payload.expiresAt)
                    assertEquals(inputs.u32("salt"), payload.salt)
                    assertEquals(servicesOf(inputs), payload.services)
                    assertNull(payload.unknownServiceType)
                    val cert = inputs["app_certificate"] as String?
                    if (cert == null) {
                        assertEquals("at2-chat-user-real-world", id, "only this vector lacks its certificate")
                    } else {
                        AppCertificate(cert).use { c ->
                            assertEquals(payload, verifyToken(token, c))
                        }
                    }
                }
            }
        }
        if (v.kindHas("parse_invalid")) {
            test("007 parse_invalid $id") {
                val token = v.str("expected_token")
                val e = assertFailsWith<AgoraTokenException> { decodeUnverifiedToken(token) }
                assertTrue(
                    e is AgoraTokenException.WrongVersion || e is AgoraTokenException.InvalidBase64 ||
                        e is AgoraTokenException.InvalidZlib || e is AgoraTokenException.Truncated,
                    "decoding error kind, got ${e::class.simpleName}",
                )
                AppCertificate(CERT).use { c -> assertFailsWith<AgoraTokenException> { verifyToken(token, c) } }
                assertFailsWith<AgoraTokenException> { explain(token, now = 0u) }
            }
        }
        if (v.kindHas("build_invalid")) {
            for ((i, case) in v["cases"].arr().withIndex()) {
                val c = case.obj()
                test("007 build_invalid $id #$i") {
                    val appId = c.str("app_id")
                    val cert = c.str("app_certificate")
                    fun hex32(s: String) = s.length == 32 && s.all { it in "0123456789abcdefABCDEF" }
                    when {
                        !hex32(appId) -> assertFailsWith<AgoraTokenException.InvalidAppId> { Credentials(appId, cert) }
                        !hex32(cert) -> {
                            val e = assertFailsWith<AgoraTokenException.InvalidAppCertificate> { Credentials(appId, cert) }
                            if (cert.isNotEmpty()) assertFalse(e.message!!.contains(cert.take(8)), "message shows the certificate")
                        }
                        else -> {
                            assertEquals("none", c.str("services"))
                            Credentials(appId, cert).use { creds ->
                                assertFailsWith<AgoraTokenException.NoServices> { buildToken(creds, 600u, emptyList()) }
                            }
                        }
                    }
                }
            }
        }
    }
    test("007 vector counts") {
        assertEquals(33, built, "007 build vectors")
        assertEquals(34, parsed, "007 vectors with inputs")
    }

    // The named builders reproduce the vectors their upstream builder calls made.
    val sub = RtcRole.SUBSCRIBER
    val all4 = RtcPrivilegeExpiries(600u, 600u, 600u, 600u)
    val named: List<Pair<String, (Credentials) -> String>> = listOf(
        "at2-rtc-uid-join" to { c -> buildRtcToken(c, CHANNEL, User.Uid(2882341273u), sub, 600u, 600u, ISSUED_AT, SALT) },
        "at2-rtc-uid-join" to { c -> buildRtcToken(c, CHANNEL, User.Account("2882341273"), sub, 600u, 600u, ISSUED_AT, SALT) },
        "at2-rtc-uid0-join" to { c -> buildRtcToken(c, CHANNEL, User.Uid(0u), sub, 600u, 600u, ISSUED_AT, SALT) },
        "at2-rtm-uidstr" to { c -> buildRtmToken(c, "2882341273", 600u, ISSUED_AT, SALT) },
        "at2-rtm-test_user" to { c -> buildRtmToken(c, "test_user", 600u, issuedAt = ISSUED_AT, salt = SALT) },
        "at2-chat-user" to { c -> buildChatUserToken(c, "2882341273", 600u, ISSUED_AT, SALT) },
        "at2-chat-app" to { c -> buildChatAppToken(c, 600u, ISSUED_AT, SALT) },
        "at2-apaas-room-user" to { c -> buildApaasRoomUserToken(c, "123", "2882341273", 1, 600u, issuedAt = ISSUED_AT, salt = SALT) },
        "at2-apaas-user" to { c -> buildApaasUserToken(c, "2882341273", 600u, ISSUED_AT, SALT) },
        "at2-apaas-app" to { c -> buildApaasAppToken(c, 600u, ISSUED_AT, SALT) },
        "at2-rtc4-rtm" to { c ->
            buildRtcTokenWithRtmExpiries(c, CHANNEL, "2882341273", RtcRole.PUBLISHER, 600u, all4, "test_user", 600u, ISSUED_AT, SALT)
        },
    )
    for ((id, build) in named) {
        test("007 named builder $id") {
            val v = byId[id] ?: error("no vector $id")
            Credentials(APP_ID, CERT).use { assertEquals(stockZlibToken(v), build(it)) }
        }
    }
}

// ---------------------------------------------------------------- 006 vectors

fun accessToken006Vectors(vectors: List<Map<String, Any?>>) {
    var built = 0
    for (v in vectors) {
        val id = v.str("id")
        if (v.kindHas("build")) {
            built++
            test("006 build+parse+verify $id") {
                val i = v["inputs"].obj()
                val expected = v.str("expected_token")
                val privileges = privilegesOf(i)
                Credentials(i.str("app_id"), i.str("app_certificate")).use { creds ->
                    val token = buildAccessToken006(
                        creds, i.str("channel_name"), User.Account(i.str("uid")), privileges,
                        expiresAt = i.u32("ts"), salt = i.u32("salt"),
                    )
                    assertEquals(expected, token)
                    val parsed = decodeAccessToken006Unverified(token)
                    assertEquals(i.str("app_id"), parsed.appId)
                    assertEquals(i.u32("salt"), parsed.salt)
                    assertEquals(i.u32("ts"), parsed.expiresAt)
                    assertEquals(privileges, parsed.privileges)
                    creds.certificate().use { c ->
                        verifyAccessToken006(token, c, i.str("channel_name"), User.Account(i.str("uid")))
                        assertFailsWith<AgoraTokenException.SignatureMismatch> {
                            verifyAccessToken006(token, c, i.str("channel_name") + "x", User.Account(i.str("uid")))
                        }
                    }
                }
            }
        }
        if (v.kindHas("parse_invalid")) {
            for (case in v["cases"].arr()) {
                test("006 parse_invalid $id '$case'") {
                    assertFailsWith<AgoraTokenException> { decodeAccessToken006Unverified(case as String) }
                }
            }
        }
    }
    test("006 vector count") { assertEquals(5, built) }

    // The 006 builders with the arguments of the upstream calls behind the vectors.
    val byId = vectors.associateBy { it.str("id") }
    val ts = 1_446_455_471u
    val named: List<Pair<String, (Credentials) -> String>> = listOf(
        "at1-rtc-uid-join" to { c -> buildAccessToken006Rtc(c, CHANNEL, User.Uid(2882341273u), Role006.SUBSCRIBER, ts, 1_111_111u, 1u) },
        "at1-rtc-uid0-join" to { c -> buildAccessToken006Rtc(c, CHANNEL, User.Uid(0u), Role006.SUBSCRIBER, ts, 1_111_111u, 1u) },
        "at1-rtc-uid-string-0" to { c -> buildAccessToken006Rtc(c, CHANNEL, User.Account("0"), Role006.SUBSCRIBER, ts, 1_111_111u, 1u) },
        "at1-rtc-publisher" to { c -> buildAccessToken006Rtc(c, CHANNEL, User.Uid(2882341273u), Role006.PUBLISHER, ts, 1_111_111u, 1u) },
        "at1-rtc-publisher" to { c -> buildAccessToken006Rtc(c, CHANNEL, User.Uid(2882341273u), Role006.ATTENDEE, ts, 1_111_111u, 1u) },
        "at1-rtc-publisher" to { c -> buildAccessToken006Rtc(c, CHANNEL, User.Uid(2882341273u), Role006.ADMIN, ts, 1_111_111u, 1u) },
        "at1-rtm-test_user" to { c -> buildAccessToken006Rtm(c, "test_user", ts, expiresAt = 1_111_111u, salt = 1u) },
    )
    for ((id, build) in named) {
        test("006 named builder $id") {
            Credentials(APP_ID, CERT).use { assertEquals(byId.getValue(id).str("expected_token"), build(it)) }
        }
    }
}

// ---------------------------------------------------------------- DynamicKey 1-5, signaling

fun keyInput(i: Map<String, Any?>) = DynamicKeyInput(
    channelName = i.str("channel_name"),
    unixTs = i.u32("unix_ts"),
    randomInt = i.u32("random_int"),
    uid = if (i.containsKey("uid")) i.u32("uid") else 0u,
    expiredTs = if (i.containsKey("expired_ts")) i.u32("expired_ts") else 0u,
)

fun dk5Service(i: Map<String, Any?>): Dk5Service = when (i.u32("service_type")) {
    1u -> Dk5Service.MediaChannel
    2u -> Dk5Service.Recording
    3u -> Dk5Service.PublicSharing
    4u -> Dk5Service.InChannelPermission(
        when (i["extra"].obj()["1"]) {
            "0" -> UploadPermission.NO_UPLOAD
            "3" -> UploadPermission.AUDIO_VIDEO
            else -> error("unexpected permission")
        },
    )
    else -> error("unexpected DK5 service")
}

fun dk4Service(tag: String) = when (tag) {
    "ACS" -> Dk4Service.MEDIA_CHANNEL
    "ARS" -> Dk4Service.RECORDING
    "APSS" -> Dk4Service.PUBLIC_SHARING
    else -> error("unexpected DK4 service $tag")
}

fun dynamicKeyVectors(all: List<Map<String, Any?>>) {
    var count = 0
    for (v in all) {
        val id = v.str("id")
        val family = v.str("family")
        val expected = v.str("expected_token")
        val i = v["inputs"]?.obj() ?: continue
        val kind = v.str("kind")
        val check: ((Credentials) -> Unit)? = when {
            family.startsWith("DynamicKey5") && kind == "build" -> { c ->
                val key = buildDynamicKey5(c, dk5Service(i), keyInput(i))
                assertEquals(expected, key)
                val parsed = decodeDynamicKey5Unverified(key)
                assertEquals(i.u32("service_type").toUShort(), parsed.serviceType)
                assertEquals(i.str("app_id").lowercase(), parsed.appId)
                assertEquals(i.u32("unix_ts"), parsed.unixTs)
                assertEquals(i.u32("random_int"), parsed.randomInt)
                assertEquals(i.u32("expired_ts"), parsed.expiredTs)
                assertEquals(i["extra"].obj().map { (k, x) -> ExtraEntry(k.toUShort(), x as String) }, parsed.extra)
            }
            // Ruby compares its signature with a lower-case string; the real one is upper-case.
            family.startsWith("DynamicKey5") && kind == "signature" -> { c ->
                val key = buildDynamicKey5(c, dk5Service(i), keyInput(i))
                assertEquals(expected.uppercase(), decodeDynamicKey5Unverified(key).signature)
            }
            family.startsWith("DynamicKey4") -> { c ->
                val key = buildDynamicKeyV4(c, dk4Service(i.str("service")), keyInput(i))
                assertEquals(expected, key)
                val parsed = decodeDynamicKeyUnverified(key)
                assertEquals(4.toUByte(), parsed.version)
                assertEquals(i.str("app_id"), parsed.appId)
                assertEquals(i.u32("expired_ts"), parsed.expiredTs)
                assertNull(parsed.uid)
            }
            family.startsWith("DynamicKey3") && kind == "build" -> { c ->
                val key = buildDynamicKeyV3(c, keyInput(i))
                assertEquals(expected, key)
                val parsed = decodeDynamicKeyUnverified(key)
                assertEquals(3.toUByte(), parsed.version)
                assertEquals(i.u32("uid"), parsed.uid)
                assertEquals(i.u32("expired_ts"), parsed.expiredTs)
            }
            family.startsWith("DynamicKey3") && kind == "signature" -> { c ->
                assertEquals(expected, decodeDynamicKeyUnverified(buildDynamicKeyV3(c, keyInput(i))).signature)
            }
            family.startsWith("DynamicKey2") -> { c ->
                val key = buildDynamicKeyV2(c, keyInput(i))
                assertEquals(expected, key)
                assertEquals(2.toUByte(), decodeDynamicKeyUnverified(key).version)
            }
            family.startsWith("DynamicKey (v1") -> { c ->
                val key = buildDynamicKeyV1(c, keyInput(i))
                assertEquals(expected, key)
                val parsed = decodeDynamicKeyUnverified(key)
                assertEquals(1.toUByte(), parsed.version)
                assertEquals(i.u32("unix_ts"), parsed.unixTs)
                assertEquals(i.u32("random_int"), parsed.randomInt)
            }
            family == "SignalingToken" -> { c ->
                val token = buildSignalingToken(c, i.str("account"), i.u32("expired_ts"))
                assertEquals(expected, token)
                val parsed = decodeSignalingTokenUnverified(token)
                assertEquals(i.str("app_id"), parsed.appId)
                assertEquals(i.u32("expired_ts"), parsed.expiredTs)
                c.certificate().use { cert ->
                    verifySignalingToken(token, cert, i.str("account"))
                    assertFailsWith<AgoraTokenException.SignatureMismatch> { verifySignalingToken(token, cert, "someone-else") }
                }
            }
            else -> null
        }
        if (check != null) {
            count++
            test("legacy key $id") { Credentials(i.str("app_id"), i.str("app_certificate")).use(check) }
        }
    }
    test("legacy key vector count") { assertEquals(18, count) }
}

// ---------------------------------------------------------------- builders without an own vector

/** Builds with [build], decodes with the certificate and returns the payload's services. */
fun servicesBuiltBy(expectExpire: UInt, build: (Credentials) -> String): List<Service> =
    Credentials(APP_ID, CERT).use { creds ->
        val payload = creds.certificate().use { verifyToken(build(creds), it) }
        assertEquals(expectExpire, payload.expire, "token expire")
        payload.services
    }

fun singleServiceBuilders(byId: Map<String, Map<String, Any?>>) {
    fun services(id: String) = servicesOf(byId.getValue(id)["inputs"].obj())
    val uidConversion = services("at2-streaming-fcdn-uid-conversion")
    val extended = services("at2-extended-streaming-fcdn-rtm2")
    val rtc4Rtm = services("at2-rtc4-rtm")
    val mix = StreamingPrivilege.PUBLISH_MIX_STREAM
    val raw = StreamingPrivilege.PUBLISH_RAW_STREAM

    test("buildStreamingToken = vector services") {
        assertEquals(listOf(uidConversion[0]), servicesBuiltBy(600u) { buildStreamingToken(it, CHANNEL, User.Uid(2882341273u), listOf(mix), 600u, 600u) })
        assertEquals(listOf(uidConversion[1]), servicesBuiltBy(600u) { buildStreamingToken(it, CHANNEL, User.Uid(0u), listOf(raw), 600u, 600u) })
        assertEquals(listOf(uidConversion[2]), servicesBuiltBy(600u) { buildStreamingToken(it, CHANNEL, User.Account("stream-account"), listOf(mix, raw), 600u, 600u) })
    }
    test("buildFcdnToken = vector services") {
        val (pub, play) = FcdnPrivilege.PUBLISH to FcdnPrivilege.PLAY
        assertEquals(listOf(uidConversion[3]), servicesBuiltBy(600u) { buildFcdnToken(it, CHANNEL, User.Uid(2882341273u), listOf(pub), 600u, 600u) })
        assertEquals(listOf(uidConversion[4]), servicesBuiltBy(600u) { buildFcdnToken(it, CHANNEL, User.Uid(0u), listOf(play), 600u, 600u) })
        assertEquals(listOf(uidConversion[5]), servicesBuiltBy(600u) { buildFcdnToken(it, CHANNEL, User.Account("fcdn-account"), listOf(pub, play), 600u, 600u) })
    }
    test("buildRtm2Token = vector RTM2 service") {
        val permissions = listOf(
            Rtm2Permission(Rtm2ResourceType.USER, Rtm2PermissionType.READ, listOf("user-a")),
            Rtm2Permission(Rtm2ResourceType.MESSAGE_CHANNEL, Rtm2PermissionType.READ, listOf("message-a", "message-b")),
            Rtm2Permission(Rtm2ResourceType.STREAM_CHANNEL, Rtm2PermissionType.WRITE, listOf("stream-a")),
        )
        assertEquals(listOf(extended[2]), servicesBuiltBy(600u) { buildRtm2Token(it, "test_user", permissions, 600u) })
    }
    test("buildRtcTokenWithPrivileges = vector RTC service") {
        val expiries = RtcPrivilegeExpiries(joinChannel = 600u, publishAudio = 600u, publishVideo = 600u, publishData = 600u)
        assertEquals(listOf(rtc4Rtm[0]), servicesBuiltBy(900u) { buildRtcTokenWithPrivileges(it, CHANNEL, User.Uid(2882341273u), 900u, expiries) })
        // Defaults: unset expiries are 0, and every privilege is granted regardless of role.
        val joinOnly = servicesBuiltBy(900u) { buildRtcTokenWithPrivileges(it, CHANNEL, User.Uid(1u), 900u, RtcPrivilegeExpiries(joinChannel = 60u)) }
        assertEquals(listOf(PrivilegeEntry(1u, 60u), PrivilegeEntry(2u, 0u), PrivilegeEntry(3u, 0u), PrivilegeEntry(4u, 0u)), (joinOnly[0] as Service.Rtc).privileges)
    }
    test("buildRtcTokenWithRtm logs in for the token lifetime") {
        val got = servicesBuiltBy(7200u) { buildRtcTokenWithRtm(it, CHANNEL, "alice", RtcRole.PUBLISHER, 7200u, 60u) }
        val four = (1..4).map { PrivilegeEntry(it.toUShort(), 60u) }
        assertEquals(listOf(Service.Rtc(CHANNEL, "alice", four), Service.Rtm("alice", listOf(PrivilegeEntry(1u, 7200u)))), got)
    }
    test("buildRtcToken subscriber/publisher and default privilegeExpire 0") {
        val pub = servicesBuiltBy(600u) { buildRtcToken(it, CHANNEL, User.Uid(2882341273u), RtcRole.PUBLISHER, 600u, 600u) }
        assertEquals(listOf(rtc4Rtm[0]), pub)
        val dflt = servicesBuiltBy(600u) { buildRtcToken(it, CHANNEL, User.Uid(7u), RtcRole.SUBSCRIBER, 600u) }
        assertEquals(listOf(Service.Rtc(CHANNEL, "7", listOf(PrivilegeEntry(1u, 0u)))), dflt)
    }
    test("buildFpaToken: 24 h token, login privilege 0") {
        assertEquals(listOf(Service.Fpa(listOf(PrivilegeEntry(1u, 0u)))), servicesBuiltBy(86_400u) { buildFpaToken(it) })
    }
    test("buildConvoAiToken / buildSttToken = RTC + RTM + their service") {
        val all4 = RtcPrivilegeExpiries(600u, 600u, 600u, 600u)
        val convo = servicesBuiltBy(600u) { buildConvoAiToken(it, CHANNEL, "2882341273", RtcRole.PUBLISHER, 600u, all4, "test_user", 600u) }
        assertEquals(rtc4Rtm + Service.ConvoAi(emptyList()), convo)
        val stt = servicesBuiltBy(600u) { buildSttToken(it, CHANNEL, "2882341273", RtcRole.PUBLISHER, 600u, all4, "test_user", 600u) }
        assertEquals(rtc4Rtm + Service.Stt(emptyList()), stt)
        // A subscriber gets join only, whatever the publish expiries say.
        val sub = servicesBuiltBy(600u) { buildSttToken(it, CHANNEL, "a", RtcRole.SUBSCRIBER, 600u, all4, "a", 300u) }
        assertEquals(listOf(PrivilegeEntry(1u, 600u)), (sub[0] as Service.Rtc).privileges)
    }
    test("buildApaasRoomUserToken NodeCompatible variant: no APaaS privilege, role 0 -> -1") {
        val got = servicesBuiltBy(600u) {
            buildApaasRoomUserToken(it, "room", "user", 0, 600u, variant = ApaasRoomUserVariant.NODE_COMPATIBLE)
        }
        assertEquals(Service.Apaas("room", "user", -1, emptyList()), got.last())
    }
    test("buildToken keeps repeated service types in insertion order (stable sort by type)") {
        val rtm = Service.Rtm("first", listOf(PrivilegeEntry(1u, 600u)))
        val chat = Service.Chat("c", listOf(PrivilegeEntry(1u, 600u)))
        val rtm2 = Service.Rtm("second", listOf(PrivilegeEntry(1u, 600u)))
        assertEquals(listOf(rtm, rtm2, chat), servicesBuiltBy(600u) { buildToken(it, 600u, listOf(chat, rtm, rtm2)) })
    }
}

// ---------------------------------------------------------------- error cases

fun errorCases(byId: Map<String, Map<String, Any?>>) {
    val token = byId.getValue("at2-rtc-uid-join").str("expected_token")

    test("unknown RTC role numbers and names are refused") {
        assertEquals(RtcRole.PUBLISHER, rtcRoleFromCode(1))
        assertEquals(RtcRole.SUBSCRIBER, rtcRoleFromCode(2))
        for (code in listOf(0L, 3L, -1L, 4_294_967_297L)) {
            val e = assertFailsWith<AgoraTokenException.UnknownRole> { rtcRoleFromCode(code) }
            assertTrue(e.message!!.contains("unknown RTC role $code"), e.message)
        }
        assertEquals(RtcRole.PUBLISHER, parseRtcRole("Host"))
        assertEquals(RtcRole.SUBSCRIBER, parseRtcRole("audience"))
        assertFailsWith<AgoraTokenException.UnknownRole> { parseRtcRole("admin") }
        assertEquals(Role006.ADMIN, role006FromCode(101))
        assertFailsWith<AgoraTokenException.UnknownRole> { role006FromCode(3) }
    }
    test("every core error code has its exception subclass, which carries the code") {
        // errorCodes() is the core's list: a code the core adds fails here until the sealed
        // class has its variant (generated from the Rust enum) and ErrorCode.kt its code.
        val one = "message"
        val everyKind = listOf(
            AgoraTokenException.InvalidAppId(one), AgoraTokenException.InvalidAppCertificate(one),
            AgoraTokenException.FieldTooLong(one), AgoraTokenException.TooManyEntries(one),
            AgoraTokenException.NoServices(one), AgoraTokenException.UnknownRole(one),
            AgoraTokenException.UnknownPrivilege(one), AgoraTokenException.UnknownServiceType(one),
            AgoraTokenException.UnknownRtm2Type(one), AgoraTokenException.ExpiryLooksAbsolute(one),
            AgoraTokenException.ExpiryLooksRelative(one), AgoraTokenException.InvalidArgument(one),
            AgoraTokenException.Clock(one), AgoraTokenException.Randomness(one),
            AgoraTokenException.WrongVersion(one), AgoraTokenException.InvalidBase64(one),
            AgoraTokenException.InvalidZlib(one), AgoraTokenException.Truncated(one),
            AgoraTokenException.InvalidUtf8(one), AgoraTokenException.SignatureMismatch(one),
        )
        assertEquals(errorCodes(), everyKind.map { it.code })
        assertEquals("other", AgoraTokenException.Other(one).code)
    }
    test("bad app id / certificate give typed exceptions that say what to fix") {
        val e = assertFailsWith<AgoraTokenException.InvalidAppId> { Credentials("abc", CERT) }
        assertEquals("invalid_app_id", e.code)
        assertTrue(e.message!!.contains("3 characters long"), e.message)
        assertFailsWith<AgoraTokenException.InvalidAppCertificate> { AppCertificate("") }
        val c = assertFailsWith<AgoraTokenException.InvalidAppCertificate> { Credentials(APP_ID, CERT.dropLast(1) + "Z") }
        assertFalse(c.message!!.contains(CERT.take(8)), "the message must not show the certificate")
    }
    test("unknown privilege and RTM2 type numbers are refused by buildToken") {
        Credentials(APP_ID, CERT).use { creds ->
            assertFailsWith<AgoraTokenException.UnknownPrivilege> {
                buildToken(creds, 600u, listOf(Service.Rtc("c", "1", listOf(PrivilegeEntry(5u, 600u)))))
            }
            assertFailsWith<AgoraTokenException.UnknownPrivilege> {
                buildToken(creds, 600u, listOf(Service.ConvoAi(listOf(PrivilegeEntry(1u, 1u)))))
            }
            assertFailsWith<AgoraTokenException.UnknownRtm2Type> {
                buildToken(creds, 600u, listOf(Service.Rtm2("u", listOf(Rtm2PermissionEntry(9u, 0u, listOf("x"))), emptyList())))
            }
            assertFailsWith<AgoraTokenException.UnknownPrivilege> {
                buildAccessToken006(creds, "c", User.Uid(1u), listOf(PrivilegeEntry(13u, 0u)))
            }
        }
        assertFailsWith<AgoraTokenException.UnknownRtm2Type> { rtm2ResourceTypeFromCode(5u) }
    }
    test("strict mode refuses absolute timestamps (007) and relative ones (006)") {
        Credentials(APP_ID, CERT).use { creds ->
            val absolute = 1_764_066_022u
            buildRtcToken(creds, "c", User.Uid(1u), RtcRole.PUBLISHER, 600u, absolute)
            val e = assertFailsWith<AgoraTokenException.ExpiryLooksAbsolute> {
                buildRtcToken(creds, "c", User.Uid(1u), RtcRole.PUBLISHER, 600u, absolute, strict = true)
            }
            assertTrue(e.message!!.contains("2025-11-25"), e.message)
            assertFailsWith<AgoraTokenException.ExpiryLooksRelative> {
                buildAccessToken006Rtc(creds, "c", User.Uid(1u), Role006.PUBLISHER, 3600u, strict = true)
            }
        }
    }
    test("fields over 65535 bytes are refused, not truncated") {
        Credentials(APP_ID, CERT).use { creds ->
            assertFailsWith<AgoraTokenException.FieldTooLong> {
                buildRtcToken(creds, "c".repeat(70_000), User.Uid(1u), RtcRole.PUBLISHER, 600u)
            }
        }
    }
    test("malformed tokens get specific exceptions") {
        assertFailsWith<AgoraTokenException.WrongVersion> { decodeUnverifiedToken("00") }
        assertFailsWith<AgoraTokenException.WrongVersion> { decodeUnverifiedToken("006abc") }
        val spaced = assertFailsWith<AgoraTokenException.InvalidBase64> { decodeUnverifiedToken(token.replaceFirst('/', ' ')) }
        assertTrue(spaced.message!!.contains("space"), spaced.message)
        assertFailsWith<AgoraTokenException.InvalidZlib> { decodeUnverifiedToken("007aGVsbG8=") }
        assertFailsWith<AgoraTokenException.WrongVersion> { decodeDynamicKeyUnverified("too short") }
        assertFailsWith<AgoraTokenException.WrongVersion> { decodeSignalingTokenUnverified("2:x:y:z") }
        assertFailsWith<AgoraTokenException.InvalidArgument> { decodeSignalingTokenUnverified("1:a:b") }
        assertFailsWith<AgoraTokenException.WrongVersion> { decodeDynamicKey5Unverified("004abc") }
    }
    test("a wrong certificate fails verification") {
        AppCertificate(CERT.lowercase()).use { other ->
            assertFailsWith<AgoraTokenException.SignatureMismatch> { verifyToken(token, other) }
            assertFailsWith<AgoraTokenException.SignatureMismatch> { verifyToken(token, other) }
        }
        // A modified token (same shape, other salt) fails too.
        val payload = decodeUnverifiedToken(token)
        Credentials(APP_ID, "0".repeat(32)).use { creds ->
            val forged = buildToken(creds, payload.expire, payload.services, payload.issuedAt, payload.salt)
            AppCertificate(CERT).use { c -> assertFailsWith<AgoraTokenException.SignatureMismatch> { verifyToken(forged, c) } }
        }
    }
}

// ---------------------------------------------------------------- defaults (clock and salt)

fun defaults() {
    test("issue time and salt default to the clock and a random salt") {
        Credentials(APP_ID, CERT).use { creds ->
            val before = now()
            val payloads = (1..5).map {
                creds.certificate().use { c -> verifyToken(buildRtcToken(creds, "c", User.Uid(1u), RtcRole.PUBLISHER, 600u), c) }
            }
            for (p in payloads) {
                assertTrue(p.issuedAt.toLong() in before..now(), "issuedAt ${p.issuedAt}")
                assertTrue(p.salt in 1u..99_999_999u, "salt ${p.salt}")
            }
            assertTrue(payloads.map { it.salt }.toSet().size > 1, "salts are random")
        }
    }
    test("006 expiry defaults to now + 24 h") {
        Credentials(APP_ID, CERT).use { creds ->
            val before = now()
            val parsed = decodeAccessToken006Unverified(buildAccessToken006Rtm(creds, "acc"))
            assertTrue(parsed.expiresAt.toLong() in before + 86_400..now() + 86_400, "expiresAt ${parsed.expiresAt}")
            assertEquals(listOf(PrivilegeEntry(1000u, 0u)), parsed.privileges)
        }
    }
}

// ---------------------------------------------------------------- explain

fun explanations(byId: Map<String, Map<String, Any?>>) {
    val token = byId.getValue("at2-rtc-uid-join").str("expected_token")
    test("explain: a subscriber token lets the user join but not publish") {
        AppCertificate(CERT).use { cert ->
            val e = explain(token, cert, CHANNEL, User.Uid(2882341273u), 1_111_200u)
            assertEquals("007", e.version)
            assertEquals(APP_ID, e.appId)
            assertEquals(1_111_111uL, e.issuedAt)
            assertEquals(600u, e.lifetime)
            assertEquals(1_111_711uL, e.expiresAt)
            assertFalse(e.expired)
            assertEquals(SignatureCheck.VALID, e.signature)
            assertEquals("RTC", e.services.single().name)
            assertEquals(listOf("channel" to CHANNEL, "uid" to "2882341273"), e.services.single().fields.map { it.name to it.value })
            assertEquals(1_111_711uL, e.services.single().privileges.single().expiresAt)
            val access = e.access!!
            assertTrue(access.canJoin)
            assertFalse(access.canPublishAudio)
            assertEquals(Reason.PublishPrivilegeMissing("publish audio stream"), access.reasons.first().reason)
            assertTrue(access.reasons.first().message.contains("subscriber"), access.reasons.first().message)
            assertTrue(e.report.contains(CHANNEL) && e.report.contains("2882341273"), e.report)
        }
    }
    test("explain: expired token, wrong certificate, uid/account mix-up") {
        val expired = explain(token, channelName = CHANNEL, user = User.Uid(2882341273u), now = 1_111_711u)
        assertTrue(expired.expired)
        assertEquals(SignatureCheck.NOT_CHECKED, expired.signature)
        assertEquals(Reason.TokenExpired(1_111_711u), expired.access!!.reasons.first().reason)
        assertFalse(expired.access!!.canJoin)
        AppCertificate("0".repeat(32)).use { wrong ->
            val e = explain(token, wrong, CHANNEL, User.Uid(2882341273u), 1_111_200u)
            assertEquals(SignatureCheck.INVALID, e.signature)
            assertEquals(Reason.WrongCertificate, e.access!!.reasons.first().reason)
        }
        Credentials(APP_ID, CERT).use { creds ->
            val forAccount = buildRtcToken(creds, CHANNEL, User.Account("alice"), RtcRole.PUBLISHER, 600u, issuedAt = ISSUED_AT, salt = SALT)
            val mix = explain(forAccount, channelName = CHANNEL, user = User.Uid(42u), now = 1_111_200u)
            assertTrue(mix.access!!.reasons.any { it.reason is Reason.UidAccountMix }, mix.report)
            val other = explain(forAccount, channelName = "other", now = 1_111_200u)
            assertEquals(Reason.ChannelMismatch(listOf(CHANNEL)), other.access!!.reasons.single().reason)
        }
    }
    test("explain: 006 token") {
        val t006 = byId.getValue("at1-rtc-publisher").str("expected_token")
        AppCertificate(CERT).use { cert ->
            val e = explain(t006, cert, CHANNEL, User.Uid(2882341273u), 1_000_000u)
            assertEquals("006", e.version)
            assertEquals(SignatureCheck.VALID, e.signature)
            assertTrue(e.access!!.canJoinAndPublish())
        }
    }
}

fun serviceExplanations() {
    val at = ISSUED_AT.toULong() + 1u
    test("explain: RTC and RTM verdicts, the RTM user checked, codes as in every binding") {
        Credentials(APP_ID, CERT).use { creds ->
            val token = buildRtcTokenWithRtm(creds, "room", "alice", RtcRole.PUBLISHER, 600u, 600u, issuedAt = ISSUED_AT, salt = SALT)
            val ok = explain(token, userId = "alice", now = at)
            assertEquals(listOf("RTC", "RTM"), ok.verdicts.map { it.service })
            assertTrue(ok.verdicts[1].allowed)
            assertEquals(listOf("log in"), ok.verdicts[1].grants)
            val wrong = explain(token, userId = "bob", now = at).verdicts[1]
            assertEquals(Reason.UserMismatch(listOf("alice")), wrong.reasons.single().reason)
            assertEquals("user_mismatch", wrong.reasons.single().code)
            assertTrue(reasonCodes().containsAll(listOf("user_mismatch", "app_id_mismatch", "rtm2_permission_missing")))
        }
    }
    test("explain: Chat app token for a user, expected App ID, secondary certificate, SDK errors") {
        Credentials(APP_ID, CERT).use { creds ->
            val app = buildChatAppToken(creds, 600u, issuedAt = ISSUED_AT, salt = SALT)
            val chat = explain(app, userId = "bob", now = at).verdicts.single()
            assertEquals(Reason.PrivilegeMissing("Chat", "user"), chat.reasons.single().reason)
            val rtc = buildRtcToken(creds, "room", User.Uid(42u), RtcRole.PUBLISHER, 600u, issuedAt = ISSUED_AT, salt = SALT)
            AppCertificate("0".repeat(32)).use { other ->
                AppCertificate(CERT).use { cert ->
                    val rotated = explain(rtc, other, now = at, secondaryCertificate = cert)
                    assertEquals(SignatureCheck.VALID, rotated.signature)
                    assertEquals("secondary", rotated.verifiedWith)
                }
            }
            val e = explain(rtc, channelName = "room", user = User.Uid(42u), now = at, expectedAppId = "f".repeat(32), sdkError = "110")
            val diagnosis = e.sdkError!!
            assertEquals("rtc-110", diagnosis.code)
            assertEquals(listOf("app_id_mismatch"), diagnosis.explainedBy.map { it.code })
            assertEquals(sdkErrorCodes().take(3), listOf("rtc-101", "rtc-109", "rtc-110"))
            assertFailsWith<AgoraTokenException> { explain(rtc, sdkError = "rtc-17") }
        }
    }
    test("Credentials.fromEnvironment / fromEnv name the missing variable") {
        Credentials.fromEnvironment(mapOf("AGORA_APP_ID" to APP_ID, "AGORA_APP_CERTIFICATE" to CERT)).use { creds ->
            assertEquals(APP_ID, creds.appId())
            assertFalse(creds.toString().contains(CERT))
        }
        val missing = assertFailsWith<AgoraTokenException> { Credentials.fromEnvironment(mapOf("AGORA_APP_ID" to APP_ID)) }
        assertTrue(missing.message!!.contains("AGORA_APP_CERTIFICATE is not set"), missing.message)
        if (System.getenv("AGORA_APP_ID") == null) {
            val unset = assertFailsWith<AgoraTokenException> { Credentials.fromEnv() }
            assertTrue(unset.message!!.contains("AGORA_APP_ID is not set"), unset.message)
        }
    }
}

fun io.github.agoratokenrs.AccessVerdict.canJoinAndPublish() = canJoin && canPublishAudio && canPublishVideo && canPublishData

// ---------------------------------------------------------------- README examples

/** The README's Kotlin examples (generated into package `readme` by tests/readme_examples.py), output discarded. */
fun readmeExamples() {
    val stdout = System.out
    test("README has Kotlin examples") { assertTrue(readme.readmeExamples.size >= 4) }
    for ((name, run) in readme.readmeExamples) {
        test(name) {
            System.setOut(java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
            try {
                run()
            } finally {
                System.setOut(stdout)
            }
        }
    }
}

// ---------------------------------------------------------------- secrets

fun secrets() {
    test("the certificate never shows in toString() or exception messages") {
        Credentials(APP_ID, CERT).use { creds ->
            assertFalse(creds.toString().contains(CERT.take(8)), creds.toString())
            creds.certificate().use { assertFalse(it.toString().contains(CERT.take(8)), it.toString()) }
            assertEquals(APP_ID, creds.appId())
        }
    }
}
