// A token server with the routes of AgoraIO-Community/agora-token-service, the one the Agora UI
// Kits and docs samples call, in plain Java (com.sun.net.httpserver, no framework) on
// agora-token-java's drop-in RtcTokenBuilder2 / RtmTokenBuilder2:
//
//   GET /rtc/{channel}/{role}/{tokentype}/{uid}[/]?expiry=3600   -> {"rtcToken": "007..."}
//   GET /rtm/{uid}[/]?expiry=3600                                 -> {"rtmToken": "007..."}
//   GET /ping                                                     -> {"message": "pong"}
//
// role: publisher (host, 1) or subscriber (audience, 2); tokentype: uid (decimal, 0 = any user)
// or userAccount. Errors are 400 with {"error", "message", "status": 400, "code"}. As the
// Express example (examples/express), an unknown role or a uid above 2**32-1 is a 400 instead
// of the Go service's silent subscriber token or wrapped uid. Strict mode refuses expiries that
// look like Unix timestamps.
//
// A sample, not a production server: anyone who can reach it gets tokens. Put caller
// authentication, CORS and rate limits in front of it, or use the Rust token server.
//
//   APP_ID=... APP_CERTIFICATE=... PORT=8080 \
//     java -cp agora-token-java-0.1.0.jar:jna-5.14.0.jar TokenServer.java
// (Java 11+ runs a single source file directly.) bindings/java's TokenServerTest compiles this
// file, starts it on a loopback port and calls it over HTTP.

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agora.media.RtcTokenBuilder2;
import io.agora.rtm.RtmTokenBuilder2;
import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.Credentials;
import io.github.agoratokenrs.java.TokenOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

public final class TokenServer {
    private static final int DEFAULT_EXPIRY = 3600;
    private static final TokenOptions STRICT = TokenOptions.defaults().strict(true);

    private final Credentials credentials;
    private final String appCertificate;

    private TokenServer(String appId, String appCertificate) {
        // Fail at start-up, not on the first request (the message never contains the certificate).
        this.credentials = Credentials.of(appId, appCertificate);
        this.appCertificate = appCertificate;
    }

    /** Starts the server on {@code address} (port 0: any free port); stop it with {@code stop(0)}. */
    public static HttpServer start(InetSocketAddress address, String appId, String appCertificate) throws IOException {
        TokenServer app = new TokenServer(appId, appCertificate);
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/", app::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = start(new InetSocketAddress(port), System.getenv("APP_ID"), System.getenv("APP_CERTIFICATE"));
        System.out.println("token server on port " + server.getAddress().getPort());
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        BadRequest(String message) {
            super(message);
            this.code = "invalid_argument";
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Cache-Control", "private, no-cache, no-store, must-revalidate");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, error("method not allowed", "method_not_allowed", 405));
                return;
            }
            String[] parts = exchange.getRequestURI().getRawPath().replaceAll("^/|/$", "").split("/");
            for (int i = 0; i < parts.length; i++) {
                parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
            }
            try {
                String body;
                if (parts.length == 1 && parts[0].equals("ping")) {
                    body = "{\"message\":\"pong\"}";
                } else if (parts.length == 5 && parts[0].equals("rtc")) {
                    body = "{\"rtcToken\":\"" + rtc(parts[1], parts[2], parts[3], parts[4], expiry(exchange)) + "\"}";
                } else if (parts.length == 2 && parts[0].equals("rtm")) {
                    body = "{\"rtmToken\":\"" + new RtmTokenBuilder2().buildToken(credentials.appId(), appCertificate,
                            parts[1], expiry(exchange), STRICT) + "\"}";
                } else {
                    send(exchange, 404, error("no route for " + exchange.getRequestURI().getPath(), "not_found", 404));
                    return;
                }
                send(exchange, 200, body);
            } catch (BadRequest e) {
                send(exchange, 400, error(e.getMessage(), e.code, 400));
            } catch (AgoraTokenException e) {
                send(exchange, 400, error(e.getMessage(), e.code(), 400));
            }
        }
    }

    private String rtc(String channel, String roleName, String tokenType, String user, int expiry) {
        RtcTokenBuilder2.Role role = switch (roleName.toLowerCase()) {
            case "publisher", "host", "1" -> RtcTokenBuilder2.Role.ROLE_PUBLISHER;
            case "subscriber", "audience", "2" -> RtcTokenBuilder2.Role.ROLE_SUBSCRIBER;
            default -> throw new BadRequest("role must be publisher or subscriber, got \"" + roleName + "\"");
        };
        RtcTokenBuilder2 builder = new RtcTokenBuilder2();
        switch (tokenType.toLowerCase()) {
            case "uid" -> {
                if (!user.matches("\\d{1,10}") || Long.parseLong(user) > 0xFFFF_FFFFL) {
                    throw new BadRequest("uid must be a decimal number from 0 to 4294967295 for tokentype \"uid\", got \"" + user + "\"");
                }
                // Java holds uids above 2147483647 as negative ints; the token packs their unsigned value.
                int uid = (int) Long.parseLong(user);
                return builder.buildTokenWithUid(credentials.appId(), appCertificate, channel, uid, role, expiry, expiry, STRICT);
            }
            case "useraccount", "account" -> {
                return builder.buildTokenWithUserAccount(credentials.appId(), appCertificate, channel, user, role, expiry,
                        expiry, STRICT);
            }
            default -> throw new BadRequest("token type must be uid or userAccount, got \"" + tokenType + "\"");
        }
    }

    /** {@code ?expiry=} in seconds: decimal digits only; absent means 3600. */
    private static int expiry(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return DEFAULT_EXPIRY;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("expiry=")) {
                String value = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                if (!value.matches("\\d{1,10}") || Long.parseLong(value) > 0xFFFF_FFFFL) {
                    throw new BadRequest("expiry must be a whole number of seconds, got \"" + value + "\"");
                }
                return (int) Long.parseLong(value);
            }
        }
        return DEFAULT_EXPIRY;
    }

    private static String error(String message, String code, int status) {
        String text = json(message);
        return "{\"error\":\"" + text + "\",\"message\":\"" + text + "\",\"status\":" + status + ",\"code\":\"" + code + "\"}";
    }

    /** A JSON string body: quotes, backslashes and control characters escaped. */
    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
