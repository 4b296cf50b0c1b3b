package io.github.agoratokenrs.java;

import static io.github.agoratokenrs.java.Fixtures.APP_ID;
import static io.github.agoratokenrs.java.Fixtures.CERT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agora.apaas.ApaasTokenBuilder;
import io.agora.media.AccessToken;
import io.agora.media.AccessToken2;
import io.agora.media.RtcTokenBuilder;
import io.agora.media.RtcTokenBuilder2;
import io.agora.media.RtcTokenBuilder2.Role;
import io.agora.rtm.RtmTokenBuilder;
import io.agora.rtm.RtmTokenBuilder2;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** What the drop-in classes do where upstream Java is surprising, and where they differ on purpose (README). */
class DropInTest {
    private static final TokenOptions FIXED = TokenOptions.defaults().withIssuedAt(1_700_000_000L).withSalt(7);

    private static Tokens.DecodedService only(String token) {
        List<Tokens.DecodedService> services = Tokens.decodeUnverified(token).services();
        assertEquals(1, services.size());
        return services.get(0);
    }

    @Test
    void negativeIntUidsAreTheUnsignedUidsJavaHoldsThatWay() {
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        String token = rtc.buildTokenWithUid(APP_ID, CERT, "c", -1, Role.ROLE_PUBLISHER, 600, 600, FIXED);
        assertEquals("4294967295", only(token).fields().get("uid"));
        assertEquals(token, rtc.buildTokenWithUserAccount(APP_ID, CERT, "c", "4294967295", Role.ROLE_PUBLISHER, 600, 600, FIXED));
        assertEquals("4294967295", AccessToken2.getUidStr(-1));
        assertEquals("", AccessToken2.getUidStr(0));
        assertEquals("0", only(rtc.buildTokenWithUserAccount(APP_ID, CERT, "c", "0", Role.ROLE_PUBLISHER, 600, 600)).fields().get("uid"));
        // 006: unsigned too (upstream Java alone prints "-1").
        RtcTokenBuilder legacy = new RtcTokenBuilder();
        assertEquals(legacy.buildTokenWithUserAccount(APP_ID, CERT, "c", "4294967295", RtcTokenBuilder.Role.Role_Publisher, 0, FIXED),
                legacy.buildTokenWithUid(APP_ID, CERT, "c", -1, RtcTokenBuilder.Role.Role_Publisher, 0, FIXED));
    }

    @Test
    void negativeIntExpiriesArePackedAsTheirUnsigned32BitsAndWarn() {
        CompatWarnings.Collected<String> built = CompatWarnings.collect(() ->
                new RtmTokenBuilder2().buildToken(APP_ID, CERT, "u", -1, FIXED));
        assertEquals(4294967295L, Tokens.decodeUnverified(built.value()).expire());
        // One argument is both the token's and the login's expiry: one warning.
        assertEquals(List.of("expiry_looks_absolute"), built.warnings().stream().map(CompatWarning::code).toList());
    }

    @Test
    void the006RoleTableIsTheMajoritys() {
        RtcTokenBuilder rtc = new RtcTokenBuilder();
        Map<RtcTokenBuilder.Role, Integer> privileges = Map.of(RtcTokenBuilder.Role.Role_Attendee, 4,
                RtcTokenBuilder.Role.Role_Publisher, 4, RtcTokenBuilder.Role.Role_Subscriber, 1, RtcTokenBuilder.Role.Role_Admin, 4);
        privileges.forEach((role, count) -> {
            AccessToken read = new AccessToken("", "", "", "");
            assertTrue(read.fromString(rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, role, 1_800_000_000, FIXED)));
            assertEquals(count, read.message.messages.size(), role.name());
        });
        assertEquals(1_700_086_400, read(rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, RtcTokenBuilder.Role.Role_Publisher, 0, FIXED)).message.ts,
                "a 006 token expires 24 hours after its issue time");
    }

    private static AccessToken read(String token) {
        AccessToken read = new AccessToken("", "", "", "");
        assertTrue(read.fromString(token));
        return read;
    }

    @Test
    void apaasRoomUserTokensAreTheMajoritys() throws Exception {
        // "168" has an MD5 starting with 00: upstream Java drops the zeros and leaves the Chat service without a privilege.
        String token = new ApaasTokenBuilder().buildRoomUserToken(APP_ID, CERT, "room", "168", (short) 0, 600, FIXED);
        List<Tokens.DecodedService> services = Tokens.decodeUnverified(token).services();
        assertEquals(List.of(2, 5, 7), services.stream().map(Tokens.DecodedService::type).toList(), "packed by type");
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("168".getBytes(StandardCharsets.UTF_8)));
        assertTrue(md5.startsWith("00"));
        assertEquals(md5, services.get(1).fields().get("user_id"));
        assertEquals(Map.of(1, 600L), services.get(1).privileges());
        assertEquals(Map.of(1, 600L), services.get(0).privileges());
        assertEquals(0L, services.get(2).fields().get("role"));
    }

    @Test
    void invalidInputThrowsWithTheCoresCodeInsteadOfReturningEmpty() {
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        String badCert = CERT.substring(0, 31) + "Z";
        AgoraTokenException e = assertThrows(AgoraTokenException.class,
                () -> rtc.buildTokenWithUid(APP_ID, badCert, "c", 1, Role.ROLE_PUBLISHER, 600, 600));
        assertEquals("invalid_app_certificate", e.code());
        assertEquals(2, e.status());
        assertFalse(e.getMessage().contains(badCert.substring(0, 16)), e.getMessage());
        String tooLong = "x".repeat(65_536);
        assertEquals("field_too_long", assertThrows(AgoraTokenException.class,
                () -> rtc.buildTokenWithUserAccount(APP_ID, CERT, tooLong, "a", Role.ROLE_PUBLISHER, 600, 600)).code());
        assertEquals("invalid_argument", assertThrows(AgoraTokenException.class,
                () -> rtc.buildTokenWithUid(APP_ID, CERT, null, 1, Role.ROLE_PUBLISHER, 600, 600)).code());
        assertEquals("no_services", assertThrows(AgoraTokenException.class, () -> new AccessToken2(APP_ID, CERT, 600).build()).code());
        assertEquals("invalid_argument", assertThrows(AgoraTokenException.class,
                () -> TokenOptions.defaults().withIssuedAt(-2_147_483_649L)).code());
        assertEquals(4294967295L, TokenOptions.defaults().withSalt(-1).salt().getAsLong());
    }

    @Test
    void nullRolesJoinOnlyAsUpstreamWithAWarningOrAreRefusedInStrictMode() {
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        CompatWarnings.Collected<String> built = CompatWarnings.collect(() ->
                rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, (Role) null, 600, 600, FIXED));
        assertEquals(rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_SUBSCRIBER, 600, 600, FIXED), built.value());
        assertEquals("role_read_as_join_only", built.warnings().get(0).code());
        assertEquals("unknown_role", assertThrows(AgoraTokenException.class,
                () -> rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, (Role) null, 600, 600, FIXED.strict(true))).code());
        CompatWarnings.Collected<String> legacy = CompatWarnings.collect(() ->
                new RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, "c", 1, (RtcTokenBuilder.Role) null, 0, FIXED));
        assertEquals(1, read(legacy.value()).message.messages.size());
        assertEquals("role_read_as_join_only", legacy.warnings().get(0).code());
    }

    @Test
    void strictModeRefusesWhatTheLenientReadingWarnsAbout() {
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        TokenOptions strict = FIXED.strict(true);
        assertEquals("unknown_role", assertThrows(AgoraTokenException.class,
                () -> rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, 0, 600, 600, strict)).code());
        assertEquals("expiry_looks_absolute", assertThrows(AgoraTokenException.class,
                () -> rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, 600, 1_764_066_022, strict)).code());
        assertEquals("expiry_looks_relative", assertThrows(AgoraTokenException.class,
                () -> new RtcTokenBuilder().buildTokenWithUid(APP_ID, CERT, "c", 1, RtcTokenBuilder.Role.Role_Publisher, 3600, strict)).code());
    }

    @Test
    void rtm2TypesArePackedAsGivenButSignsCannotBeMixed() {
        AccessToken2.ServiceRtm2.Permissions permissions = new AccessToken2.ServiceRtm2.Permissions();
        permissions.add((short) 9, (short) 0, List.of("a"));
        permissions.add((short) 9, (short) 3, List.of("b"));
        CompatWarnings.Collected<String> built = CompatWarnings.collect(() ->
                new RtmTokenBuilder2().buildTokenWithPermissions(APP_ID, CERT, "u", permissions, 600, FIXED));
        assertEquals(Map.of("9", Map.of("0", List.of("a"), "3", List.of("b"))), only(built.value()).fields().get("permissions"));
        assertEquals(List.of("undefined_rtm2_type", "undefined_rtm2_type"), built.warnings().stream().map(CompatWarning::code).toList());
        permissions.add((short) -1, (short) 0, List.of("c"));
        assertEquals("invalid_argument", assertThrows(AgoraTokenException.class,
                () -> new RtmTokenBuilder2().buildTokenWithPermissions(APP_ID, CERT, "u", permissions, 600)).code());
    }

    @Test
    void accessToken2ServicesWithoutAServiceClassAreRefused() {
        AccessToken2 token = new AccessToken2(APP_ID, CERT, 600);
        token.addService(new AccessToken2.Service(AccessToken2.SERVICE_TYPE_RTC));
        assertEquals("invalid_argument", assertThrows(AgoraTokenException.class, token::build).code());
        token.services.set(0, new AccessToken2.Service((short) 99));
        assertEquals("unknown_service_type", assertThrows(AgoraTokenException.class, token::build).code());
        token.services.set(0, new AccessToken2.Service(AccessToken2.SERVICE_TYPE_FPA));
        token.services.get(0).privileges.put((short) 1, 0);
        assertEquals(4, only(assertDoesNotThrow(token)).type());
    }

    private static String assertDoesNotThrow(AccessToken2 token) {
        try {
            return token.build();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void accessToken2DrawsAnIssueTimeAndASaltAsUpstreamDoes() {
        long now = System.currentTimeMillis() / 1000;
        AccessToken2 token = new AccessToken2(APP_ID, CERT, 600);
        assertTrue(Math.abs(Integer.toUnsignedLong(token.issueTs) - now) <= 2);
        assertTrue(token.salt >= 1 && token.salt <= 99_999_999);
        AccessToken legacy = new AccessToken(APP_ID, CERT, "c", "");
        assertTrue(Math.abs(Integer.toUnsignedLong(legacy.message.ts) - now - 86_400) <= 2);
    }

    @Test
    void the006RtmBuilderKeepsUpstreamsState() throws Exception {
        RtmTokenBuilder builder = new RtmTokenBuilder();
        String token = builder.buildToken(APP_ID, CERT, "alice", RtmTokenBuilder.Role.Rtm_User, 0, FIXED);
        assertEquals(token, builder.mTokenCreator.build(), "the creator holds the built token's salt, ts and privileges");
        builder.setPrivilege(AccessToken.Privileges.kJoinChannel, 0);
        assertEquals(2, read(builder.mTokenCreator.build()).message.messages.size());
        io.agora.media.RtmTokenBuilder old = new io.agora.media.RtmTokenBuilder(APP_ID, CERT, "alice");
        old.mTokenCreator.message.salt = 7;
        old.mTokenCreator.message.ts = 1_700_086_400;
        old.setPrivilege(AccessToken.Privileges.kRtmLogin, 0);
        assertEquals(token, old.buildToken());
        old.removePrivilege(AccessToken.Privileges.kRtmLogin);
        assertNotEquals(token, old.buildToken());
    }

    @Test
    void manyThreadsBuildTheSameTokens() throws Exception {
        String expected = new RtcTokenBuilder2().buildTokenWithUid(APP_ID, CERT, "c", 42, Role.ROLE_PUBLISHER, 600, 600, FIXED);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int i = 0; i < 500; i++) {
                        same &= expected.equals(new RtcTokenBuilder2().buildTokenWithUid(APP_ID, CERT, "c", 42, Role.ROLE_PUBLISHER, 600, 600, FIXED));
                        AccessToken2 parsed = new AccessToken2();
                        same &= parsed.parse(expected) && parsed.verifySignature(CERT);
                    }
                    return same;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
