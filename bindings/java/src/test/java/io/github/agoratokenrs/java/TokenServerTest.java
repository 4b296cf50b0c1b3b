package io.github.agoratokenrs.java;

import static io.github.agoratokenrs.java.Fixtures.APP_ID;
import static io.github.agoratokenrs.java.Fixtures.CERT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.agoratokenrs.java.internal.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** examples/java-token-server/TokenServer.java, compiled, started on a loopback port and called over HTTP. */
class TokenServerTest {
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Credentials CREDENTIALS = Credentials.of(APP_ID, CERT);

    @BeforeAll
    static void start() throws Exception {
        Path source = Fixtures.path("agora.example");
        ClassLoader loader = SourceCompiler.compile(Path.of(System.getProperty("agora.readme.sample")).getParent()
                .resolve("token-server"), List.of(source));
        server = (HttpServer) loader.loadClass("TokenServer")
                .getMethod("start", InetSocketAddress.class, String.class, String.class)
                .invoke(null, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), APP_ID, CERT);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) {
        return Json.object(response.body());
    }

    @Test
    void ping() throws Exception {
        HttpResponse<String> response = get("/ping");
        assertEquals(200, response.statusCode());
        assertEquals("pong", json(response).get("message"));
    }

    @Test
    void rtcTokensForUidsAndAccountsVerifyWithTheCertificate() throws Exception {
        Tokens.DecodedToken publisher = Tokens.decode((String) json(get("/rtc/room/publisher/uid/4294967295")).get("rtcToken"), CREDENTIALS);
        assertEquals(3600, publisher.expire());
        assertEquals("4294967295", publisher.services().get(0).fields().get("uid"));
        assertEquals(Map.of(1, 3600L, 2, 3600L, 3, 3600L, 4, 3600L), publisher.services().get(0).privileges());

        HttpResponse<String> response = get("/rtc/my%20room/audience/userAccount/alice/?expiry=600");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse("").replaceAll(".*(no-store).*", "$1"));
        Tokens.DecodedToken subscriber = Tokens.decode((String) json(response).get("rtcToken"), CREDENTIALS);
        assertEquals("my room", subscriber.services().get(0).fields().get("channel_name"));
        assertEquals("alice", subscriber.services().get(0).fields().get("uid"));
        assertEquals(Map.of(1, 600L), subscriber.services().get(0).privileges());

        Tokens.DecodedToken anyUser = Tokens.decode((String) json(get("/rtc/room/1/uid/0")).get("rtcToken"), CREDENTIALS);
        assertEquals("", anyUser.services().get(0).fields().get("uid"));
    }

    @Test
    void rtmTokens() throws Exception {
        Tokens.DecodedToken rtm = Tokens.decode((String) json(get("/rtm/alice?expiry=120")).get("rtmToken"), CREDENTIALS);
        assertEquals("alice", rtm.services().get(0).fields().get("user_id"));
        assertEquals(Map.of(1, 120L), rtm.services().get(0).privileges());
    }

    @Test
    void badRequestsAre400WithACode() throws Exception {
        for (String[] c : new String[][] {
            {"/rtc/room/admin/uid/1", "invalid_argument", "role"},
            {"/rtc/room/publisher/uid/4294967296", "invalid_argument", "uid"},
            {"/rtc/room/publisher/uid/-1", "invalid_argument", "uid"},
            {"/rtc/room/publisher/mail/1", "invalid_argument", "token type"},
            {"/rtm/alice?expiry=1e3", "invalid_argument", "expiry"},
            {"/rtm/alice?expiry=1764066022", "expiry_looks_absolute", "1764066022"},
        }) {
            HttpResponse<String> response = get(c[0]);
            assertEquals(400, response.statusCode(), c[0]);
            Map<String, Object> body = json(response);
            assertEquals(c[1], body.get("code"), c[0]);
            assertEquals(400L, body.get("status"));
            assertTrue(((String) body.get("message")).contains(c[2]), body.toString());
            assertFalse(response.body().contains(CERT.substring(0, 16)));
        }
        assertEquals(404, get("/nothing/here").statusCode());
    }
}
