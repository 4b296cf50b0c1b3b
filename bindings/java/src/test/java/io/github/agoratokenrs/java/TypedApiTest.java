package io.github.agoratokenrs.java;

import static io.github.agoratokenrs.java.Fixtures.APP_ID;
import static io.github.agoratokenrs.java.Fixtures.CERT;
import static io.github.agoratokenrs.java.Fixtures.CHANNEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed layer (io.github.agoratokenrs.java): builds the vectors, refuses what the drop-in warns about. */
class TypedApiTest {
    private static final Credentials CREDENTIALS = Credentials.of(APP_ID, CERT);
    private static final TokenOptions AT_1111111 = TokenOptions.defaults().withIssuedAt(1_111_111).withSalt(1);

    @Test
    void buildsTheVectorsTokens() {
        String rtc4rtm = new AccessTokenBuilder(CREDENTIALS, 600, AT_1111111)
                .rtc(CHANNEL, 2_882_341_273L)
                .grant(AccessTokenBuilder.RTC_JOIN_CHANNEL, 600).grant(AccessTokenBuilder.RTC_PUBLISH_AUDIO, 600)
                .grant(AccessTokenBuilder.RTC_PUBLISH_VIDEO, 600).grant(AccessTokenBuilder.RTC_PUBLISH_DATA, 600)
                .rtm("test_user").grant(AccessTokenBuilder.RTM_LOGIN, 600)
                .build();
        assertEquals(Fixtures.stockToken(Fixtures.vector("at2-rtc4-rtm")), rtc4rtm);

        Rtm2Permissions permissions = new Rtm2Permissions()
                .add(Rtm2Permissions.MESSAGE_CHANNELS, Rtm2Permissions.READ, List.of("message-a", "message-b"))
                .add(Rtm2Permissions.STREAM_CHANNELS, Rtm2Permissions.WRITE, List.of("stream-a"))
                .add(Rtm2Permissions.USERS, Rtm2Permissions.READ, List.of("user-a"));
        AccessTokenBuilder extended = new AccessTokenBuilder(CREDENTIALS, 600, AT_1111111);
        extended.streaming(CHANNEL, 2_882_341_273L).grant(AccessTokenBuilder.STREAMING_PUBLISH_MIX, 600)
                .grant(AccessTokenBuilder.STREAMING_PUBLISH_RAW, 600);
        extended.fcdn(CHANNEL, "2882341273").grant(AccessTokenBuilder.FCDN_PUBLISH, 600).grant(AccessTokenBuilder.FCDN_PLAY, 600);
        extended.rtm2("test_user", permissions).grant(AccessTokenBuilder.RTM2_LOGIN, 600);
        assertEquals(Fixtures.stockToken(Fixtures.vector("at2-extended-streaming-fcdn-rtm2")), extended.build());
    }

    @Test
    void refusesWhatTheDropInClassesBuildWithAWarning() {
        AccessTokenBuilder builder = new AccessTokenBuilder(CREDENTIALS, 600);
        builder.rtc("c", 1).grant(5, 600);
        assertEquals("unknown_privilege", assertThrows(AgoraTokenException.class, builder::build).code());
        AccessTokenBuilder absolute = new AccessTokenBuilder(CREDENTIALS, 1_764_066_022L);
        absolute.rtm("u").grant(AccessTokenBuilder.RTM_LOGIN, 600);
        assertEquals("expiry_looks_absolute", assertThrows(AgoraTokenException.class, absolute::build).code());
        AccessTokenBuilder rtm2 = new AccessTokenBuilder(CREDENTIALS, 600);
        rtm2.rtm2("u", new Rtm2Permissions().add(9, 0, List.of("x")));
        assertEquals("unknown_rtm2_type", assertThrows(AgoraTokenException.class, rtm2::build).code());
        assertEquals("invalid_argument", assertThrows(AgoraTokenException.class,
                () -> new AccessTokenBuilder(CREDENTIALS, 600).rtc("c", 4_294_967_296L)).code());
        assertEquals("invalid_argument", assertThrows(AgoraTokenException.class, () -> new AccessTokenBuilder(CREDENTIALS, -1)).code());
        assertEquals("no_services", assertThrows(AgoraTokenException.class, () -> new AccessTokenBuilder(CREDENTIALS, 600).build()).code());
        assertEquals("invalid_app_id", assertThrows(AgoraTokenException.class, () -> Credentials.of("abc", CERT)).code());
    }

    @Test
    void decodesVerifiesAndExplains() {
        String token = Fixtures.stockToken(Fixtures.vector("at2-rtc4-rtm"));
        Tokens.DecodedToken decoded = Tokens.decode(token, CREDENTIALS);
        assertEquals(APP_ID, decoded.appId());
        assertEquals(List.of(1_111_111L, 600L, 1_111_711L, 1L), List.of(decoded.issuedAt(), decoded.expire(), decoded.expiresAt(), decoded.salt()));
        assertEquals(List.of("RTC", "RTM"), decoded.services().stream().map(Tokens.DecodedService::name).toList());
        assertEquals(Map.of("channel_name", CHANNEL, "uid", "2882341273"), decoded.services().get(0).fields());
        assertNull(decoded.unknownServiceType());
        assertEquals(decoded, Tokens.decodeUnverified(token));
        Tokens.verify(token, CREDENTIALS);
        Credentials other = Credentials.of(APP_ID, APP_ID);
        assertEquals("signature_mismatch", assertThrows(AgoraTokenException.class, () -> Tokens.verify(token, other)).code());
        assertEquals("signature_mismatch", assertThrows(AgoraTokenException.class, () -> Tokens.decode(token, other)).code());
        assertEquals("invalid_base64", assertThrows(AgoraTokenException.class, () -> Tokens.decodeUnverified("007!!!")).code());
        String explained = Tokens.explainJson(token, CREDENTIALS, CHANNEL, 2_882_341_273L);
        assertTrue(explained.contains("\"signature\":\"valid\"") && explained.contains("\"expired\":true"), explained);
    }

    @Test
    void explainAnswersEveryQuestion() {
        String token = Tokens.explainJson(
                "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj",
                java.util.Map.of("secondary_certificate", "5CFd2fd1755d40ecb72977518be15d3b",
                        "app_certificate", "00000000000000000000000000000000",
                        "expected_app_id", "ffffffffffffffffffffffffffffffff", "sdk_error", "110", "now", 1_111_200L));
        assertTrue(token.contains("\"verified_with\":\"secondary\"") && token.contains("\"sdk_error\":{\"code\":\"rtc-110\"")
                && token.contains("\"reason\":\"app_id_mismatch\"") && token.contains("\"verdicts\":[{\"service\":\"RTC\""), token);
        AgoraTokenException unknown = assertThrows(AgoraTokenException.class,
                () -> Tokens.explainJson("007x", java.util.Map.of("sdk_error", "rtc-17")));
        assertEquals("invalid_argument", unknown.code());
    }

    @Test
    void theBundledLibraryIsThisVersion() {
        assertEquals(System.getProperty("agora.version"), Tokens.nativeVersion());
    }
}
