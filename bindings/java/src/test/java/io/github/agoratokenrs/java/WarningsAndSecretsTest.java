package io.github.agoratokenrs.java;

import static io.github.agoratokenrs.java.Fixtures.APP_ID;
import static io.github.agoratokenrs.java.Fixtures.CERT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agora.media.AccessToken;
import io.agora.media.AccessToken2;
import io.agora.media.RtcTokenBuilder2;
import io.agora.media.RtcTokenBuilder2.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The warning channel (java.util.logging, a listener, collect) and the certificate kept out of every string. */
@Isolated
class WarningsAndSecretsTest {
    private static final String CERT_PREFIX = CERT.substring(0, 16);

    @Test
    void warningsAreLoggedByDefaultGoToAListenerOrAbortTheCall() {
        RtcTokenBuilder2 rtc = new RtcTokenBuilder2();
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        CompatWarnings.LOGGER.addHandler(handler);
        try {
            assertSame(CompatWarnings.LOGGING_LISTENER, CompatWarnings.getListener());
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, 0, 600, 600);
            assertEquals(1, records.size());
            assertEquals(Level.WARNING, records.get(0).getLevel());
            assertEquals("role_read_as_join_only", records.get(0).getParameters()[0]);

            List<CompatWarning> heard = new ArrayList<>();
            CompatWarnings.setListener(heard::add);
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, 90_000, 600);
            assertEquals("lifetime_over_24h", heard.get(0).code());
            assertEquals(1, records.size(), "a replaced listener: nothing logged");

            // Collected warnings skip the listener; nested collections each get their own.
            CompatWarnings.Collected<List<CompatWarning>> outer = CompatWarnings.collect(() -> {
                List<CompatWarning> inner = CompatWarnings.collect(() ->
                        rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, 1, 600, 1_764_066_022)).warnings();
                rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, 3, 600, 600);
                return inner;
            });
            assertEquals("expiry_looks_absolute", outer.value().get(0).code());
            assertEquals(List.of("role_read_as_join_only"), outer.warnings().stream().map(CompatWarning::code).toList());
            assertEquals(1, heard.size());

            // A listener may build tokens itself (the native call slots are per call, not per thread).
            List<String> nested = new ArrayList<>();
            CompatWarnings.setListener(w -> nested.add(rtc.buildTokenWithUid(APP_ID, CERT, "c", 2, 2, 600, 600)));
            String outerToken = rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, 0, 600, 600);
            assertEquals(1, nested.size());
            assertEquals("1", Tokens.decodeUnverified(outerToken).services().get(0).fields().get("uid"));
            assertEquals("2", Tokens.decodeUnverified(nested.get(0)).services().get(0).fields().get("uid"));

            // A listener that throws refuses such input.
            CompatWarnings.setListener(w -> {
                throw new IllegalArgumentException(w.code());
            });
            assertEquals("role_read_as_join_only", assertThrows(IllegalArgumentException.class,
                    () -> rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, 0, 600, 600)).getMessage());
            rtc.buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, 600, 600);
        } finally {
            CompatWarnings.setListener(CompatWarnings.LOGGING_LISTENER);
            CompatWarnings.LOGGER.removeHandler(handler);
        }
    }

    @Test
    void noStringFormShowsTheCertificate() throws Exception {
        AccessToken2 token2 = new AccessToken2(APP_ID, CERT, 600);
        token2.addService(new AccessToken2.ServiceRtc("c", "1"));
        AccessToken token006 = new AccessToken(APP_ID, CERT, "c", "1");
        Credentials credentials = Credentials.of(APP_ID, CERT);
        for (Object value : List.of(token2, token006, credentials, new AccessTokenBuilder(credentials, 600), TokenOptions.defaults())) {
            assertFalse(value.toString().contains(CERT_PREFIX), value.toString());
        }
        // Error messages describe the certificate's shape, never its text.
        for (String bad : List.of(CERT + "0", CERT.substring(0, 31) + "g", CERT.toUpperCase() + " ")) {
            AgoraTokenException e = assertThrows(AgoraTokenException.class, () -> Credentials.of(APP_ID, bad));
            assertEquals("invalid_app_certificate", e.code());
            assertFalse(e.getMessage().contains(CERT_PREFIX) || e.getMessage().contains(CERT_PREFIX.toUpperCase()), e.getMessage());
        }
        // A certificate passed where the app id goes is not echoed either.
        AgoraTokenException swapped = assertThrows(AgoraTokenException.class,
                () -> new RtcTokenBuilder2().buildTokenWithUid(CERT + "x", APP_ID, "c", 1, Role.ROLE_PUBLISHER, 600, 600));
        assertFalse(swapped.getMessage().contains(CERT_PREFIX), swapped.getMessage());
        String explained = Tokens.explainJson(new RtcTokenBuilder2().buildTokenWithUid(APP_ID, CERT, "c", 1, Role.ROLE_PUBLISHER, 600, 600),
                credentials, "c", 1L);
        assertFalse(explained.contains(CERT_PREFIX));
        assertTrue(explained.contains("\"signature\":\"valid\""), explained);
    }
}
