package io.github.agoratokenrs.java;

import static io.github.agoratokenrs.java.Fixtures.APP_ID;
import static io.github.agoratokenrs.java.Fixtures.CERT;
import static io.github.agoratokenrs.java.Fixtures.CHANNEL;
import static io.github.agoratokenrs.java.Fixtures.list;
import static io.github.agoratokenrs.java.Fixtures.map;
import static io.github.agoratokenrs.java.Fixtures.num;
import static io.github.agoratokenrs.java.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.agora.apaas.ApaasTokenBuilder;
import io.agora.chat.ChatTokenBuilder2;
import io.agora.education.EducationTokenBuilder2;
import io.agora.media.AccessToken;
import io.agora.media.AccessToken2;
import io.agora.media.RtcTokenBuilder;
import io.agora.media.RtcTokenBuilder2;
import io.agora.media.RtcTokenBuilder2.Role;
import io.agora.rtm.RtmTokenBuilder;
import io.agora.rtm.RtmTokenBuilder2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** conformance/upstream.json through the drop-in classes: build, parse, verify, and the refusals. */
class ConformanceTest {
    private static final TokenOptions AT_1111111 = TokenOptions.defaults().withIssuedAt(1_111_111).withSalt(1);
    private static final int UID = (int) 2882341273L; // as upstream Java holds it: a negative int

    private static List<Map<String, Object>> vectors(String family, String kind) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> v : Fixtures.vectors()) {
            if (str(v, "family").equals(family) && str(v, "kind").contains(kind)) {
                out.add(v);
            }
        }
        return out;
    }

    /** An AccessToken2 service from a vector's (or the fixture's) inputs. */
    static AccessToken2.Service serviceOf(Map<String, Object> s) {
        AccessToken2.Service service = switch ((int) num(s, "type")) {
            case 1 -> new AccessToken2.ServiceRtc(str(s, "channel_name"), str(s, "uid"));
            case 2 -> new AccessToken2.ServiceRtm(str(s, "user_id"));
            case 3 -> new AccessToken2.ServiceStreaming(str(s, "channel_name"), str(s, "account"));
            case 4 -> new AccessToken2.ServiceFpa();
            case 5 -> new AccessToken2.ServiceChat(str(s, "user_id"));
            case 6 -> new AccessToken2.ServiceFCdn(str(s, "channel_name"), str(s, "account"));
            case 7 -> new AccessToken2.ServiceApaas(str(s, "room_uuid"), str(s, "user_uuid"), (short) num(s, "role"));
            case 8 -> new AccessToken2.ServiceRtm2(str(s, "user_id"), permissionsOf(s.get("permissions")));
            case 9 -> new AccessToken2.ServiceConvoAI();
            case 10 -> new AccessToken2.ServiceStt();
            default -> throw new IllegalArgumentException("service type " + s.get("type"));
        };
        if (s.get("privileges") instanceof Map) {
            map(s.get("privileges")).forEach((k, v) -> service.privileges.put((short) Integer.parseInt(k), (int) (long) (Long) v));
        }
        return service;
    }

    /** RTM2 permissions from {"resource": {"permission": [names]}} or [[resource, permission, [names]], ...]. */
    static AccessToken2.ServiceRtm2.Permissions permissionsOf(Object value) {
        AccessToken2.ServiceRtm2.Permissions permissions = new AccessToken2.ServiceRtm2.Permissions();
        if (value instanceof Map) {
            map(value).forEach((resource, byPermission) -> map(byPermission).forEach((permission, names) ->
                    permissions.add((short) Integer.parseInt(resource), (short) Integer.parseInt(permission), list(names))));
        } else {
            for (Object entry : list(value)) {
                List<Object> e = list(entry);
                permissions.add((short) (long) (Long) e.get(0), (short) (long) (Long) e.get(1), list(e.get(2)));
            }
        }
        return permissions;
    }

    @TestFactory
    Stream<DynamicTest> accessToken2BuildsParsesAndVerifiesEveryBuildVector() {
        List<Map<String, Object>> builds = vectors("AccessToken2 (007)", "build");
        assertEquals(33, builds.stream().filter(v -> !str(v, "kind").equals("build_invalid")).count());
        return builds.stream().filter(v -> !str(v, "kind").equals("build_invalid")).map(v -> dynamicTest(str(v, "id"), () -> {
            Map<String, Object> i = map(v.get("inputs"));
            AccessToken2 token = new AccessToken2(str(i, "app_id"), str(i, "app_certificate"), (int) num(i, "expire"));
            token.issueTs = (int) num(i, "issue_ts");
            token.salt = (int) num(i, "salt");
            for (Object s : list(i.get("services"))) {
                token.addService(serviceOf(map(s)));
            }
            String built = token.build();
            assertEquals(Fixtures.stockToken(v), built);

            AccessToken2 parsed = new AccessToken2();
            assertTrue(parsed.parse(str(v, "expected_token")));
            assertEquals(List.of(str(i, "app_id"), num(i, "issue_ts"), num(i, "expire"), num(i, "salt")),
                    List.of(parsed.appId, (long) parsed.issueTs, (long) parsed.expire, (long) parsed.salt));
            assertEquals(list(i.get("services")).size(), parsed.services.size());
            assertTrue(parsed.verifySignature(str(i, "app_certificate")));
            assertFalse(parsed.verifySignature(APP_ID));
            // The parsed services build the same token again.
            parsed.appCert = str(i, "app_certificate");
            assertEquals(built, parsed.build());
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidTokensDoNotParseOrVerify() {
        return vectors("AccessToken2 (007)", "parse_invalid").stream().map(v -> dynamicTest(str(v, "id"), () -> {
            AccessToken2 token = new AccessToken2();
            assertTrue(token.parse(Fixtures.stockToken(vector("at2-rtc-uid-join"))));
            assertFalse(token.parse(str(v, "expected_token")));
            assertTrue(token.services.isEmpty(), "a failed parse clears the services");
            assertFalse(token.verifySignature(CERT));
        }));
    }

    @Test
    void buildInvalidInputsThrowTheCoresErrors() {
        Map<String, Object> v = vector("at2-build-invalid-inputs");
        for (Object item : list(v.get("cases"))) {
            Map<String, Object> c = map(item);
            AccessToken2 token = new AccessToken2(str(c, "app_id"), str(c, "app_certificate"), 600);
            if (str(c, "services").equals("rtc")) {
                AccessToken2.ServiceRtc rtc = new AccessToken2.ServiceRtc("c", "1");
                rtc.addPrivilegeRtc(AccessToken2.PrivilegeRtc.PRIVILEGE_JOIN_CHANNEL, 600);
                token.addService(rtc);
            }
            AgoraTokenException e = assertThrows(AgoraTokenException.class, token::build, c.toString());
            String expected = str(c, "app_id").length() == 32 && str(c, "app_id").matches("[0-9a-fA-F]+")
                    ? (str(c, "services").equals("none") ? "no_services" : "invalid_app_certificate")
                    : "invalid_app_id";
            assertEquals(expected, e.code(), e.getMessage());
            assertFalse(e.getMessage().contains(CERT.substring(0, 16)));
        }
    }

    @TestFactory
    Stream<DynamicTest> accessToken006BuildsAndReadsEveryBuildVector() {
        List<Map<String, Object>> builds = vectors("AccessToken (006)", "build");
        assertEquals(5, builds.size());
        return builds.stream().map(v -> dynamicTest(str(v, "id"), () -> {
            Map<String, Object> i = map(v.get("inputs"));
            AccessToken token = new AccessToken(str(i, "app_id"), str(i, "app_certificate"), str(i, "channel_name"), str(i, "uid"));
            token.message.salt = (int) num(i, "salt");
            token.message.ts = (int) num(i, "ts");
            map(i.get("privileges")).forEach((k, e) -> token.message.messages.put((short) Integer.parseInt(k), (int) (long) (Long) e));
            assertEquals(str(v, "expected_token"), token.build());
            AccessToken read = new AccessToken("", "", "", "");
            assertTrue(read.fromString(str(v, "expected_token")));
            assertEquals(List.of(num(i, "salt"), num(i, "ts")), List.of((long) read.message.salt, (long) read.message.ts));
            TreeMap<Short, Integer> expected = new TreeMap<>();
            map(i.get("privileges")).forEach((k, e) -> expected.put((short) Integer.parseInt(k), (int) (long) (Long) e));
            assertEquals(expected, read.message.messages);
        }));
    }

    @Test
    void accessToken006RefusesWhatIsNotA006Token() {
        for (Object bad : list(vector("at1-parse-invalid").get("cases"))) {
            assertFalse(new AccessToken("", "", "", "").fromString((String) bad), (String) bad);
        }
    }

    private static Map<String, Object> vector(String id) {
        return Fixtures.vector(id);
    }

    /** The builders with the arguments of the upstream calls behind the vectors, issue time and salt pinned. */
    @TestFactory
    Stream<DynamicTest> dropInBuildersMakeTheVectorsTokens() {
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        TokenOptions o = AT_1111111;
        List<Map.Entry<String, Supplier<String>>> cases = List.of(
                Map.entry("at2-rtc-uid-join", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, Role.ROLE_SUBSCRIBER, 600, 600, o)),
                Map.entry("at2-rtc-uid-join", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 2, 600, 600, o)),
                Map.entry("at2-rtc-uid-join", () -> rtc.buildTokenWithUserAccount(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_SUBSCRIBER, 600, 600, o)),
                Map.entry("at2-rtc-uid0-join", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, 0, Role.ROLE_SUBSCRIBER, 600, 600, o)),
                Map.entry("at2-rtm-test_user", () -> new RtmTokenBuilder2().buildToken(APP_ID, CERT, "test_user", 600, o)),
                Map.entry("at2-chat-user", () -> new ChatTokenBuilder2().buildUserToken(APP_ID, CERT, "2882341273", 600, o)),
                Map.entry("at2-chat-app", () -> new ChatTokenBuilder2().buildAppToken(APP_ID, CERT, 600, o)),
                Map.entry("at2-apaas-room-user", () -> new ApaasTokenBuilder().buildRoomUserToken(APP_ID, CERT, "123", "2882341273", (short) 1, 600, o)),
                Map.entry("at2-apaas-user", () -> new EducationTokenBuilder2().buildUserToken(APP_ID, CERT, "2882341273", 600, o)),
                Map.entry("at2-apaas-app", () -> new ApaasTokenBuilder().buildAppToken(APP_ID, CERT, 600, o)),
                Map.entry("at2-rtc4-rtm", () -> rtc.buildTokenWithRtm2(APP_ID, CERT, CHANNEL, "2882341273", Role.ROLE_PUBLISHER, 600, 600, 600, 600, 600, "test_user", 600, o)));
        return cases.stream().map(c -> dynamicTest(c.getKey(), () -> assertEquals(Fixtures.stockToken(vector(c.getKey())), c.getValue().get())));
    }

    @TestFactory
    Stream<DynamicTest> dropIn006BuildersMakeTheVectorsTokens() throws Exception {
        int ts = 1_446_455_471;
        // 006 tokens expire 24 hours after the issue time: 1111111 is issued at 1024711.
        TokenOptions o = TokenOptions.defaults().withIssuedAt(1_111_111 - 86_400).withSalt(1);
        RtcTokenBuilder rtc = new RtcTokenBuilder();
        List<Map.Entry<String, Supplier<String>>> cases = List.of(
                Map.entry("at1-rtc-uid-join", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, RtcTokenBuilder.Role.Role_Subscriber, ts, o)),
                Map.entry("at1-rtc-uid-join", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, 2, ts, o)),
                Map.entry("at1-rtc-uid0-join", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, 0, RtcTokenBuilder.Role.Role_Subscriber, ts, o)),
                Map.entry("at1-rtc-uid-string-0", () -> rtc.buildTokenWithUserAccount(APP_ID, CERT, CHANNEL, "0", RtcTokenBuilder.Role.Role_Subscriber, ts, o)),
                Map.entry("at1-rtc-publisher", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, RtcTokenBuilder.Role.Role_Publisher, ts, o)),
                Map.entry("at1-rtc-publisher", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, RtcTokenBuilder.Role.Role_Attendee, ts, o)),
                Map.entry("at1-rtc-publisher", () -> rtc.buildTokenWithUid(APP_ID, CERT, CHANNEL, UID, RtcTokenBuilder.Role.Role_Admin, ts, o)),
                Map.entry("at1-rtm-test_user", () -> {
                    try {
                        return new RtmTokenBuilder().buildToken(APP_ID, CERT, "test_user", RtmTokenBuilder.Role.Rtm_User, ts, o);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }));
        return cases.stream().map(c -> dynamicTest(c.getKey(), () -> assertEquals(str(vector(c.getKey()), "expected_token"), c.getValue().get())));
    }

    @Test
    void rtm2PermissionsAsUpstreamsServiceRtm2Permissions() {
        AccessToken2.ServiceRtm2.Permissions permissions = new AccessToken2.ServiceRtm2.Permissions();
        permissions.add(AccessToken2.ServiceRtm2.Permissions.MESSAGE_CHANNELS, AccessToken2.ServiceRtm2.Permissions.READ, List.of("replaced"));
        permissions.add(AccessToken2.ServiceRtm2.Permissions.USERS, AccessToken2.ServiceRtm2.Permissions.READ, List.of("user-a"));
        permissions.add(AccessToken2.ServiceRtm2.Permissions.STREAM_CHANNELS, AccessToken2.ServiceRtm2.Permissions.WRITE, List.of("stream-a"));
        permissions.add(AccessToken2.ServiceRtm2.Permissions.MESSAGE_CHANNELS, AccessToken2.ServiceRtm2.Permissions.READ, List.of("message-a", "message-b"));
        String token = new RtmTokenBuilder2().buildTokenWithPermissions(APP_ID, CERT, "test_user", permissions, 600, AT_1111111);
        Tokens.DecodedService rtm2 = Tokens.decodeUnverified(token).services().get(0);
        Map<String, Object> expected = map(list(map(vector("at2-extended-streaming-fcdn-rtm2").get("inputs")).get("services")).get(2));
        assertEquals(expected.get("permissions"), rtm2.fields().get("permissions"));
        assertEquals(Map.of(1, 600L), rtm2.privileges());
    }
}
