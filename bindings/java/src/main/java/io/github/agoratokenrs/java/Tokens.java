package io.github.agoratokenrs.java;

import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.Json;
import io.github.agoratokenrs.java.internal.NativeCall;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading tokens: decode (verified with the certificate, or {@link #decodeUnverified}, named so
 * it looks deliberate), verify, and explain "can this user join this channel, and why not".
 */
public final class Tokens {
    private Tokens() {}

    /** A decoded AccessToken2 ("007") token. Times are unsigned 32-bit values as {@code long}s. */
    public record DecodedToken(String appId, long issuedAt, long expire, long expiresAt, long salt,
            List<DecodedService> services, Integer unknownServiceType) {}

    /**
     * One service of a token: its type and name ({@code "RTC"}, ...), privilege number → seconds
     * after the issue time, and its own fields by their names in {@code conformance/upstream.json}
     * ({@code channel_name}, {@code uid}, {@code account}, {@code user_id}, {@code room_uuid},
     * {@code user_uuid}, {@code role}, {@code permissions}).
     */
    public record DecodedService(int type, String name, Map<Integer, Long> privileges, Map<String, Object> fields) {}

    /** Decodes a 007 token after checking its signature with the certificate ({@code signature_mismatch} if not). */
    public static DecodedToken decode(String token, Credentials credentials) {
        byte[] t = NativeCall.utf8("token", token);
        byte[] c = NativeCall.utf8("appCertificate", credentials.appCertificate());
        NativeCall call = new NativeCall();
        return decoded(call.result(AgoraTokenC.agora_token_decode(t, t.length, c, c.length, call.out, call.errorMessage)));
    }

    /** Decodes a 007 token <b>without checking its signature</b>: nothing in it can be trusted. */
    public static DecodedToken decodeUnverified(String token) {
        byte[] t = NativeCall.utf8("token", token);
        NativeCall call = new NativeCall();
        return decoded(call.result(AgoraTokenC.agora_token_decode_unverified(t, t.length, call.out, call.errorMessage)));
    }

    /** Checks a 007 token's signature (constant time); throws {@code signature_mismatch} or the decoding error. */
    public static void verify(String token, Credentials credentials) {
        byte[] t = NativeCall.utf8("token", token);
        byte[] c = NativeCall.utf8("appCertificate", credentials.appCertificate());
        NativeCall call = new NativeCall();
        call.done(AgoraTokenC.agora_token_verify(t, t.length, c, c.length, call.errorMessage));
    }

    /**
     * Explains a 007 or 006 token as JSON: its contents, whether the signature holds (with
     * {@code credentials}, or {@code null}), whether it has expired, and, given a channel
     * ({@code null} for none) and a uid ({@code null} for none), whether that user can join and
     * publish, with every reason not. The shape is the CLI's {@code explain --json}.
     */
    public static String explainJson(String token, Credentials credentials, String channelName, Long uid) {
        byte[] t = NativeCall.utf8("token", token);
        byte[] c = credentials == null ? new byte[0] : NativeCall.utf8("appCertificate", credentials.appCertificate());
        byte[] ch = channelName == null ? new byte[0] : NativeCall.utf8("channelName", channelName);
        int userKind = uid == null ? 0 : 1;
        int u = uid == null ? 0 : AccessTokenBuilder.u32("uid", uid);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_explain(t, t.length, c, c.length, ch, ch.length, userKind, u, null, 0,
                -1, call.out, call.errorMessage));
    }

    /**
     * Explains a token with every question {@code explain} can answer, as JSON. Keys of
     * {@code questions} (all optional; values String or whole numbers): {@code app_certificate},
     * {@code secondary_certificate}, {@code expected_app_id}, {@code channel_name}, {@code uid} or
     * {@code account}, {@code user_id} (RTM, Chat, APaaS), {@code rtm_channel}, {@code room_uuid},
     * {@code sdk_error} (e.g. {@code "rtc-110"}, {@code "rtm-login-5"}) and {@code now}. The answer
     * adds {@code verified_with}, one verdict per service in {@code verdicts}, and
     * {@code sdk_error} with the reasons that explain it.
     */
    public static String explainJson(String token, Map<String, ?> questions) {
        byte[] t = NativeCall.utf8("token", token);
        byte[] q = NativeCall.utf8("questions", Json.write(questions));
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_explain_questions(t, t.length, q, q.length, call.out, call.errorMessage));
    }

    /** The version of the native library (the Cargo workspace's). */
    public static String nativeVersion() {
        return NativeCall.string(AgoraTokenC.agora_token_version());
    }

    private static DecodedToken decoded(String json) {
        Map<String, Object> payload = Json.object(json);
        List<DecodedService> services = new ArrayList<>();
        for (Object item : (List<?>) payload.get("services")) {
            Map<String, Object> fields = new LinkedHashMap<>();
            int type = 0;
            String name = null;
            Map<Integer, Long> privileges = new TreeMap<>();
            for (Map.Entry<?, ?> field : ((Map<?, ?>) item).entrySet()) {
                switch ((String) field.getKey()) {
                    case "type" -> type = (int) (long) (Long) field.getValue();
                    case "name" -> name = (String) field.getValue();
                    case "privileges" -> ((Map<?, ?>) field.getValue()).forEach((key, value) ->
                            privileges.put(Integer.parseInt((String) key), (Long) value));
                    default -> fields.put((String) field.getKey(), field.getValue());
                }
            }
            services.add(new DecodedService(type, name, Collections.unmodifiableMap(privileges),
                    Collections.unmodifiableMap(fields)));
        }
        Object unknown = payload.get("unknown_service_type");
        return new DecodedToken((String) payload.get("app_id"), (Long) payload.get("issued_at"),
                (Long) payload.get("expire"), (Long) payload.get("expires_at"), (Long) payload.get("salt"),
                List.copyOf(services), unknown == null ? null : (int) (long) (Long) unknown);
    }
}
