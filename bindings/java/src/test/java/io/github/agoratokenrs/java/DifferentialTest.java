package io.github.agoratokenrs.java;

import static io.github.agoratokenrs.java.Fixtures.list;
import static io.github.agoratokenrs.java.Fixtures.map;
import static io.github.agoratokenrs.java.Fixtures.num;
import static io.github.agoratokenrs.java.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.agora.apaas.ApaasTokenBuilder;
import io.agora.chat.ChatTokenBuilder2;
import io.agora.education.EducationTokenBuilder2;
import io.agora.media.AccessToken;
import io.agora.media.AccessToken2;
import io.agora.media.ConvoAITokenBuilder;
import io.agora.media.FpaTokenBuilder;
import io.agora.media.RtcTokenBuilder;
import io.agora.media.RtcTokenBuilder2;
import io.agora.media.SttTokenBuilder;
import io.agora.rtm.RtmTokenBuilder;
import io.agora.rtm.RtmTokenBuilder2;
import io.github.agoratokenrs.java.internal.Json;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The drop-in classes against the official packages over random inputs covering their whole
 * input space: roles 0..255 and 101, privilege numbers 0..65535, RTM2 types, expiries, uids,
 * issue times and salts over 0..4294967295 (passed as the Java {@code int}s upstream Java takes,
 * negative from 2**31 on), empty, Unicode and 65535-byte strings, repeated and unsorted services.
 * The fixture (random inputs and the tokens of PyPI agoraiotools and npm agora-token, fixed seed)
 * is made by bindings/uniffi/tests/differential/make_fixture.py, which scripts/test-java.sh runs.
 * For every case: a peer's token is our token string (stock zlib; for npm's cases npm's payload
 * compressed by stock zlib, and the payloads are identical); a peer's refusal is an
 * {@link AgoraTokenException} here; the warnings raised are exactly the expected codes; the
 * objects read their own token back and its signature verifies.
 */
class DifferentialTest {
    private static final TreeMap<String, Integer> BY_PEER = new TreeMap<>();
    private static final TreeMap<String, Integer> WARNINGS = new TreeMap<>();
    private static int refused;
    private static int skipped;

    @TestFactory
    Stream<DynamicTest> dropInClassesBuildThePeersTokens() {
        Map<String, Object> fixture = Json.object(Fixtures.read(Fixtures.path("agora.differential.fixture")));
        List<Map<String, Object>> cases = list(fixture.get("cases"));
        assertTrue(cases.size() >= 900, "only " + cases.size() + " cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (int index = 0; index < cases.size(); index++) {
            Map<String, Object> c = cases.get(index);
            int variant = index;
            tests.add(dynamicTest(str(c, "id") + " (" + str(c, "peer") + ")", () -> check(c, variant)));
        }
        return tests.stream();
    }

    @AfterAll
    static void summary() {
        System.out.println("differential: identical tokens " + BY_PEER + ", refused like the peer " + refused
                + ", 006 builder cases with a token expiry before 1970-01-02 skipped " + skipped + "; warnings " + WARNINGS);
    }

    private static void check(Map<String, Object> c, int variant) throws Exception {
        String kind = str(c, "kind");
        if (kind.startsWith("legacy_") && num(c, "expires_at") < 86_400) {
            // The 006 builders take the issue time (the token expires 24 hours later), as upstream's
            // clock: an expiry before 1970-01-02 is out of their reach. AccessToken (006) cases set ts.
            skipped++;
            Assumptions.abort("a 006 builder's token expires 24 hours after its issue time, so an expiry of "
                    + num(c, "expires_at") + " is out of its reach (AccessToken cases cover such ts values)");
        }
        String expected = str(c, "token");
        CompatWarnings.Collected<Object> collected = CompatWarnings.collect(() -> {
            try {
                return buildCase(c, variant);
            } catch (Exception e) {
                return e;
            }
        });
        if (expected == null) {
            assertInstanceOf(AgoraTokenException.class, collected.value(), "the peer refused (" + c.get("error") + ")");
            refused++;
            return;
        }
        if (collected.value() instanceof Exception e) {
            throw new AssertionError("the peer built a token; we threw", e);
        }
        String token = (String) collected.value();
        assertEquals(expected, token);
        if (c.get("peer_token") != null) {
            assertArrayEquals(inflate(str(c, "peer_token")), inflate(token), "the payload of npm's token");
        }
        List<String> codes = collected.warnings().stream().map(CompatWarning::code).sorted().toList();
        assertEquals(list(c.get("warnings")), codes, "warnings");
        assertTrue(collected.warnings().stream().noneMatch(w -> w.message().isBlank()));
        readBack(c, token);
        synchronized (DifferentialTest.class) {
            BY_PEER.merge(str(c, "peer"), 1, Integer::sum);
            codes.forEach(code -> WARNINGS.merge(code, 1, Integer::sum));
        }
    }

    /** The issue time and salt, as some calls pass them: the unsigned value or the Java int. */
    private static TokenOptions options(Map<String, Object> c, int variant) {
        TokenOptions options = TokenOptions.defaults();
        if (c.get("issue_ts") != null) {
            options = options.withIssuedAt(variant % 2 == 0 ? num(c, "issue_ts") : (int) num(c, "issue_ts"));
        }
        if (c.get("salt") != null) {
            options = options.withSalt(variant % 2 == 0 ? num(c, "salt") : (int) num(c, "salt"));
        }
        return options;
    }

    /** A u32 of the case as upstream Java holds it: an int (negative from 2**31 on). */
    private static int i32(Map<String, Object> c, String key) {
        return (int) num(c, key);
    }

    private static RtcTokenBuilder2.Role role007(long role, int variant) {
        if (variant % 2 != 0) {
            return null;
        }
        for (RtcTokenBuilder2.Role r : RtcTokenBuilder2.Role.values()) {
            if (r.initValue == role) {
                return r;
            }
        }
        return null;
    }

    private static Object buildCase(Map<String, Object> c, int variant) throws Exception {
        String appId = str(c, "app_id");
        String cert = str(c, "app_certificate");
        TokenOptions o = options(c, variant);
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        String kind = str(c, "kind");
        switch (kind) {
            case "rtc_uid", "rtc_account", "rtc_rtm" -> {
                int role = (int) num(c, "role");
                RtcTokenBuilder2.Role e = role007(role, variant);
                int t = i32(c, "token_expire");
                int p = i32(c, "privilege_expire");
                return switch (kind) {
                    case "rtc_uid" -> e != null
                            ? rtc.buildTokenWithUid(appId, cert, str(c, "channel"), i32(c, "uid"), e, t, p, o)
                            : rtc.buildTokenWithUid(appId, cert, str(c, "channel"), i32(c, "uid"), role, t, p, o);
                    case "rtc_account" -> e != null
                            ? rtc.buildTokenWithUserAccount(appId, cert, str(c, "channel"), str(c, "account"), e, t, p, o)
                            : rtc.buildTokenWithUserAccount(appId, cert, str(c, "channel"), str(c, "account"), role, t, p, o);
                    default -> e != null
                            ? rtc.buildTokenWithRtm(appId, cert, str(c, "channel"), str(c, "account"), e, t, p, o)
                            : rtc.buildTokenWithRtm(appId, cert, str(c, "channel"), str(c, "account"), role, t, p, o);
                };
            }
            case "rtc_uid_privileges" -> {
                return rtc.buildTokenWithUid(appId, cert, str(c, "channel"), i32(c, "uid"), i32(c, "token_expire"),
                        i32(c, "join"), i32(c, "pub_audio"), i32(c, "pub_video"), i32(c, "pub_data"), o);
            }
            case "rtc_account_privileges" -> {
                return rtc.buildTokenWithUserAccount(appId, cert, str(c, "channel"), str(c, "account"),
                        i32(c, "token_expire"), i32(c, "join"), i32(c, "pub_audio"), i32(c, "pub_video"),
                        i32(c, "pub_data"), o);
            }
            case "rtc_rtm2", "convo_ai", "stt" -> {
                int role = (int) num(c, "role");
                RtcTokenBuilder2.Role e = role007(role, variant);
                String ch = str(c, "channel");
                String account = str(c, "account");
                String rtmUser = str(c, "rtm_user_id");
                int t = i32(c, "token_expire");
                int j = i32(c, "join");
                int a = i32(c, "pub_audio");
                int v = i32(c, "pub_video");
                int d = i32(c, "pub_data");
                int r = i32(c, "rtm_expire");
                return switch (kind) {
                    case "rtc_rtm2" -> e != null
                            ? rtc.buildTokenWithRtm2(appId, cert, ch, account, e, t, j, a, v, d, rtmUser, r, o)
                            : rtc.buildTokenWithRtm2(appId, cert, ch, account, role, t, j, a, v, d, rtmUser, r, o);
                    case "convo_ai" -> e != null
                            ? ConvoAITokenBuilder.buildToken(appId, cert, ch, account, e, t, j, a, v, d, rtmUser, r, o)
                            : ConvoAITokenBuilder.buildToken(appId, cert, ch, account, role, t, j, a, v, d, rtmUser, r, o);
                    default -> e != null
                            ? SttTokenBuilder.buildToken(appId, cert, ch, account, e, t, j, a, v, d, rtmUser, r, o)
                            : SttTokenBuilder.buildToken(appId, cert, ch, account, role, t, j, a, v, d, rtmUser, r, o);
                };
            }
            case "rtm" -> {
                return new RtmTokenBuilder2().buildToken(appId, cert, str(c, "user_id"), i32(c, "expire"), o);
            }
            case "rtm2" -> {
                return new RtmTokenBuilder2().buildTokenWithPermissions(appId, cert, str(c, "user_id"),
                        ConformanceTest.permissionsOf(c.get("permissions")), i32(c, "expire"), o);
            }
            case "chat_user" -> {
                return new ChatTokenBuilder2().buildUserToken(appId, cert, str(c, "user_id"), i32(c, "expire"), o);
            }
            case "chat_app" -> {
                return new ChatTokenBuilder2().buildAppToken(appId, cert, i32(c, "expire"), o);
            }
            case "fpa" -> {
                return new FpaTokenBuilder().buildToken(appId, cert, o);
            }
            case "apaas_room_user", "apaas_user", "apaas_app", "education_room_user", "education_user", "education_app" -> {
                ApaasTokenBuilder builder = kind.startsWith("apaas") ? new ApaasTokenBuilder() : new EducationTokenBuilder2();
                return switch (kind.substring(kind.indexOf('_') + 1)) {
                    case "room_user" -> builder.buildRoomUserToken(appId, cert, str(c, "room_uuid"), str(c, "user_uuid"),
                            (short) num(c, "apaas_role"), i32(c, "expire"), o);
                    case "user" -> builder.buildUserToken(appId, cert, str(c, "user_uuid"), i32(c, "expire"), o);
                    default -> builder.buildAppToken(appId, cert, i32(c, "expire"), o);
                };
            }
            case "legacy_rtc_uid", "legacy_rtc_account", "legacy_rtm" -> {
                // The token expires 24 hours after the issue time.
                TokenOptions legacy = TokenOptions.defaults().withIssuedAt(num(c, "expires_at") - 86_400)
                        .withSalt(variant % 2 == 0 ? num(c, "salt") : (int) num(c, "salt"));
                int ts = i32(c, "privilege_expired_ts");
                if (kind.equals("legacy_rtm")) {
                    return new RtmTokenBuilder().buildToken(appId, cert, str(c, "account"), RtmTokenBuilder.Role.Rtm_User, ts, legacy);
                }
                int role = (int) num(c, "role006");
                RtcTokenBuilder.Role e = null;
                for (RtcTokenBuilder.Role r : RtcTokenBuilder.Role.values()) {
                    if (r.initValue == role && variant % 2 == 0) {
                        e = r;
                    }
                }
                RtcTokenBuilder builder = new RtcTokenBuilder();
                if (kind.equals("legacy_rtc_uid")) {
                    return e != null
                            ? builder.buildTokenWithUid(appId, cert, str(c, "channel"), i32(c, "uid"), e, ts, legacy)
                            : builder.buildTokenWithUid(appId, cert, str(c, "channel"), i32(c, "uid"), role, ts, legacy);
                }
                return e != null
                        ? builder.buildTokenWithUserAccount(appId, cert, str(c, "channel"), str(c, "account"), e, ts, legacy)
                        : builder.buildTokenWithUserAccount(appId, cert, str(c, "channel"), str(c, "account"), role, ts, legacy);
            }
            case "access_token2" -> {
                return accessToken2Of(c, variant).build();
            }
            case "access_token006" -> {
                return accessToken006Of(c, variant).build();
            }
            default -> throw new IllegalArgumentException("unknown case kind " + kind);
        }
    }

    /** Adds a privilege the two ways upstream code does: the named method, or the map. */
    private static void addPrivilege(AccessToken2.Service service, int number, int expire, int variant) {
        if (variant % 2 == 0) {
            if (service instanceof AccessToken2.ServiceRtc s && number >= 1 && number <= 4) {
                s.addPrivilegeRtc(AccessToken2.PrivilegeRtc.values()[number - 1], expire);
                return;
            }
            if (service instanceof AccessToken2.ServiceChat s && number >= 1 && number <= 2) {
                s.addPrivilegeChat(AccessToken2.PrivilegeChat.values()[number - 1], expire);
                return;
            }
            if (service instanceof AccessToken2.ServiceApaas s && number >= 1 && number <= 3) {
                s.addPrivilegeApaas(AccessToken2.PrivilegeApaas.values()[number - 1], expire);
                return;
            }
            if (service instanceof AccessToken2.ServiceRtm2 s && number == 1) {
                s.addPrivilegeRtm2(AccessToken2.PrivilegeRtm2.PRIVILEGE_LOGIN, expire);
                return;
            }
        }
        service.privileges.put((short) number, expire);
    }

    private static AccessToken2 accessToken2Of(Map<String, Object> c, int variant) {
        AccessToken2 token = new AccessToken2(str(c, "app_id"), str(c, "app_certificate"), i32(c, "expire"));
        token.issueTs = i32(c, "issue_ts");
        token.salt = i32(c, "salt");
        List<Object> services = list(c.get("services"));
        for (int index = 0; index < services.size(); index++) {
            Map<String, Object> s = map(services.get(index));
            AccessToken2.Service service;
            long type = num(s, "type");
            if ((type == 3 || type == 6) && variant % 2 == 0 && str(s, "account").matches("[1-9][0-9]*")) {
                long uid = Long.parseLong(str(s, "account"));
                service = type == 3 ? new AccessToken2.ServiceStreaming(str(s, "channel_name"), uid)
                        : new AccessToken2.ServiceFCdn(str(s, "channel_name"), uid);
            } else {
                service = ConformanceTest.serviceOf(s);
            }
            for (Object p : list(s.get("privileges"))) {
                List<Object> pair = list(p);
                addPrivilege(service, (int) (long) (Long) pair.get(0), (int) (long) (Long) pair.get(1), variant + index);
            }
            token.addService(service);
        }
        return token;
    }

    private static AccessToken accessToken006Of(Map<String, Object> c, int variant) {
        AccessToken token = new AccessToken(str(c, "app_id"), str(c, "app_certificate"), str(c, "channel"), str(c, "uid"));
        token.message.ts = i32(c, "ts");
        token.message.salt = i32(c, "salt");
        List<Object> privileges = list(c.get("privileges"));
        for (int index = 0; index < privileges.size(); index++) {
            List<Object> pair = list(privileges.get(index));
            long number = (Long) pair.get(0);
            int expire = (int) (long) (Long) pair.get(1);
            AccessToken.Privileges named = null;
            for (AccessToken.Privileges p : AccessToken.Privileges.values()) {
                if (p.intValue == number) {
                    named = p;
                }
            }
            if (named != null && (variant + index) % 2 == 0) {
                token.addPrivilege(named, expire);
            } else {
                token.message.messages.put((short) number, expire);
            }
        }
        return token;
    }

    /** The objects read back what they built, and the signature verifies with the certificate only. */
    private static void readBack(Map<String, Object> c, String token) {
        if (str(c, "kind").equals("access_token2")) {
            AccessToken2 parsed = new AccessToken2();
            assertTrue(parsed.parse(token), "parse");
            assertEquals(List.of(num(c, "issue_ts"), num(c, "expire"), num(c, "salt")),
                    List.of(Integer.toUnsignedLong(parsed.issueTs), Integer.toUnsignedLong(parsed.expire),
                            Integer.toUnsignedLong(parsed.salt)));
            assertEquals(list(c.get("services")).size(), parsed.services.size(), "services");
            assertTrue(parsed.verifySignature(str(c, "app_certificate")), "signature");
            assertFalse(parsed.verifySignature(str(c, "app_id")), "signature with another certificate");
        } else if (str(c, "kind").equals("access_token006")) {
            AccessToken parsed = new AccessToken("", "", "", "");
            assertTrue(parsed.fromString(token), "fromString");
            assertEquals(List.of(num(c, "salt"), num(c, "ts")),
                    List.of(Integer.toUnsignedLong(parsed.message.salt), Integer.toUnsignedLong(parsed.message.ts)));
        }
    }

    private static byte[] inflate(String token) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(token.substring(3)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && inflater.needsInput()) {
                break;
            }
            out.write(buffer, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }
}
