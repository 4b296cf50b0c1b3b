package io.github.agoratokenrs.java;

import com.sun.jna.Pointer;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.NativeOptions;
import io.github.agoratokenrs.java.internal.Rtm2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typed way to build any AccessToken2 ("007") token: credentials and a lifetime, then
 * services and the privileges each grants, then {@link #build()} (as often as wanted).
 *
 * <pre>{@code
 * String token = new AccessTokenBuilder(credentials, 3600)
 *         .rtc("room", 42).grant(AccessTokenBuilder.RTC_JOIN_CHANNEL, 3600).grant(AccessTokenBuilder.RTC_PUBLISH_AUDIO, 3600)
 *         .rtm("alice").grant(AccessTokenBuilder.RTM_LOGIN, 3600)
 *         .build();
 * }</pre>
 *
 * <p>Unlike the drop-in classes this layer refuses surprising input with a typed
 * {@link AgoraTokenException}: a privilege the service does not define
 * ({@code unknown_privilege}), an RTM2 type RTM2 does not define ({@code unknown_rtm2_type}), an
 * expiry that looks like a Unix timestamp ({@code expiry_looks_absolute}), a uid or expiry
 * outside 0..4294967295 ({@code invalid_argument}). Expiries are seconds after the issue time.
 * Not synchronized; build from one thread at a time per builder.
 */
public final class AccessTokenBuilder {
    public static final int RTC_JOIN_CHANNEL = 1;
    public static final int RTC_PUBLISH_AUDIO = 2;
    public static final int RTC_PUBLISH_VIDEO = 3;
    public static final int RTC_PUBLISH_DATA = 4;
    public static final int RTM_LOGIN = 1;
    public static final int STREAMING_PUBLISH_MIX = 1;
    public static final int STREAMING_PUBLISH_RAW = 2;
    public static final int FPA_LOGIN = 1;
    public static final int CHAT_USER = 1;
    public static final int CHAT_APP = 2;
    public static final int FCDN_PUBLISH = 1;
    public static final int FCDN_PLAY = 2;
    public static final int APAAS_ROOM_USER = 1;
    public static final int APAAS_USER = 2;
    public static final int APAAS_APP = 3;
    public static final int RTM2_LOGIN = 1;

    private final Credentials credentials;
    private final int expire;
    private final TokenOptions options;
    private final List<ServiceSpec> services = new ArrayList<>();

    /** A token for these credentials lasting {@code expireSeconds} after its issue time (now, random salt). */
    public AccessTokenBuilder(Credentials credentials, long expireSeconds) {
        this(credentials, expireSeconds, TokenOptions.defaults());
    }

    /** As {@link #AccessTokenBuilder(Credentials, long)}, with a fixed issue time and salt. */
    public AccessTokenBuilder(Credentials credentials, long expireSeconds, TokenOptions options) {
        if (credentials == null || options == null) {
            throw new AgoraTokenException(12, "invalid_argument", "invalid credentials or options: null");
        }
        this.credentials = credentials;
        this.expire = u32("expireSeconds", expireSeconds);
        this.options = options;
    }

    /** The service last added, to grant its privileges. */
    public final class Service {
        private final ServiceSpec spec;

        private Service(ServiceSpec spec) {
            this.spec = spec;
        }

        /** Grants privilege number {@code privilege} (see the constants) for {@code expireSeconds} after the issue time. */
        public Service grant(int privilege, long expireSeconds) {
            if (privilege < 0 || privilege > 0xFFFF) {
                throw new AgoraTokenException(12, "invalid_argument", "invalid privilege: " + privilege + " is outside 0..65535");
            }
            spec.privileges.put(privilege, u32("expireSeconds", expireSeconds));
            return this;
        }

        public Service rtc(String channelName, long uid) {
            return AccessTokenBuilder.this.rtc(channelName, uid);
        }

        public Service rtc(String channelName, String account) {
            return AccessTokenBuilder.this.rtc(channelName, account);
        }

        public Service rtm(String userId) {
            return AccessTokenBuilder.this.rtm(userId);
        }

        public Service chat(String userId) {
            return AccessTokenBuilder.this.chat(userId);
        }

        public Service fpa() {
            return AccessTokenBuilder.this.fpa();
        }

        /** Builds the token (see {@link AccessTokenBuilder#build()}). */
        public String build() {
            return AccessTokenBuilder.this.build();
        }
    }

    /** RTC for a channel and a numeric uid (0 = any user). */
    public Service rtc(String channelName, long uid) {
        byte[] ch = NativeCall.utf8("channelName", channelName);
        int u = u32("uid", uid);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_rtc_uid(b, ch, ch.length, u, null, e));
    }

    /** RTC for a channel and a string account. */
    public Service rtc(String channelName, String account) {
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("account", account);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_rtc_account(b, ch, ch.length, u, u.length, null, e));
    }

    /** RTM login for a user id. */
    public Service rtm(String userId) {
        byte[] u = NativeCall.utf8("userId", userId);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_rtm(b, u, u.length, null, e));
    }

    /** Streaming for a channel and a numeric uid (0 = any user). */
    public Service streaming(String channelName, long uid) {
        byte[] ch = NativeCall.utf8("channelName", channelName);
        int u = u32("uid", uid);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_streaming_uid(b, ch, ch.length, u, null, e));
    }

    /** Streaming for a channel and an account. */
    public Service streaming(String channelName, String account) {
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("account", account);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_streaming_account(b, ch, ch.length, u, u.length, null, e));
    }

    /** FPA. */
    public Service fpa() {
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_fpa(b, null, e));
    }

    /** Chat for a user id ({@code ""} for app tokens). */
    public Service chat(String userId) {
        byte[] u = NativeCall.utf8("userId", userId);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_chat(b, u, u.length, null, e));
    }

    /** FCDN for a channel and a numeric uid (0 = any user). */
    public Service fcdn(String channelName, long uid) {
        byte[] ch = NativeCall.utf8("channelName", channelName);
        int u = u32("uid", uid);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_fcdn_uid(b, ch, ch.length, u, null, e));
    }

    /** FCDN for a channel and an account. */
    public Service fcdn(String channelName, String account) {
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("account", account);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_fcdn_account(b, ch, ch.length, u, u.length, null, e));
    }

    /** APaaS for a room, a user and a role (-1 when unused). */
    public Service apaas(String roomUuid, String userUuid, short role) {
        byte[] r = NativeCall.utf8("roomUuid", roomUuid);
        byte[] u = NativeCall.utf8("userUuid", userUuid);
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_apaas(b, r, r.length, u, u.length, role, null, e));
    }

    /** RTM2 for a user id with resource permissions. */
    public Service rtm2(String userId, Rtm2Permissions permissions) {
        byte[] u = NativeCall.utf8("userId", userId);
        Rtm2Permissions copy = new Rtm2Permissions();
        if (permissions != null) {
            permissions.entries.forEach((resource, byPermission) ->
                    byPermission.forEach((permission, names) -> copy.add(resource, permission, names)));
        }
        return add((b, e) -> {
            Pointer handle = permissionsHandle(copy);
            try {
                return AgoraTokenC.agora_token_builder_add_rtm2(b, u, u.length, handle, null, e);
            } finally {
                AgoraTokenC.agora_token_rtm2_permissions_free(handle);
            }
        });
    }

    /** Conversational AI (no privileges defined). */
    public Service convoAi() {
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_convoai(b, null, e));
    }

    /** Speech-to-text (no privileges defined). */
    public Service stt() {
        return add((b, e) -> AgoraTokenC.agora_token_builder_add_stt(b, null, e));
    }

    /** Signs and encodes the token: services packed by type (repeats in the order added), privileges ascending. */
    public String build() {
        byte[] a = NativeCall.utf8("appId", credentials.appId());
        byte[] c = NativeCall.utf8("appCertificate", credentials.appCertificate());
        NativeOptions strict = new NativeOptions(options.issuedAt().isPresent(), (int) options.issuedAt().orElse(0),
                options.salt().isPresent(), (int) options.salt().orElse(0), true);
        NativeCall start = new NativeCall();
        int status = AgoraTokenC.agora_token_builder_new(a, a.length, c, c.length, expire, strict, null, start.out,
                start.errorMessage);
        Pointer builder = start.takeHandle();
        try {
            start.done(status);
            for (int index = 0; index < services.size(); index++) {
                ServiceSpec spec = services.get(index);
                NativeCall added = new NativeCall();
                added.done(spec.add.add(builder, added.errorMessage));
                for (Map.Entry<Integer, Integer> privilege : spec.privileges.entrySet()) {
                    NativeCall call = new NativeCall();
                    call.done(AgoraTokenC.agora_token_builder_add_privilege(builder, index,
                            (short) privilege.getKey().intValue(), privilege.getValue(), call.errorMessage));
                }
            }
            NativeCall call = new NativeCall();
            return call.result(AgoraTokenC.agora_token_builder_build(builder, call.out, call.errorMessage));
        } finally {
            AgoraTokenC.agora_token_builder_free(builder);
        }
    }

    @Override
    public String toString() {
        return "AccessTokenBuilder[" + credentials + ", expire=" + Integer.toUnsignedString(expire) + ", " + options
                + ", services=" + services.size() + "]";
    }

    // ---------------------------------------------------------------- internals

    /** Adds one service to a native builder; returns the C status. */
    private interface Adder {
        int add(Pointer builder, Pointer errorMessage);
    }

    private static final class ServiceSpec {
        final Adder add;
        final TreeMap<Integer, Integer> privileges = new TreeMap<>();

        ServiceSpec(Adder add) {
            this.add = add;
        }
    }

    private Service add(Adder add) {
        ServiceSpec spec = new ServiceSpec(add);
        services.add(spec);
        return new Service(spec);
    }

    private static Pointer permissionsHandle(Rtm2Permissions permissions) {
        Pointer handle = AgoraTokenC.agora_token_rtm2_permissions_new();
        try {
            for (Map.Entry<Integer, TreeMap<Integer, List<String>>> resource : permissions.entries.entrySet()) {
                for (Map.Entry<Integer, List<String>> permission : resource.getValue().entrySet()) {
                    Rtm2.addNames(handle, (short) u16("resourceType", resource.getKey()),
                            (short) u16("permissionType", permission.getKey()), permission.getValue(), false);
                }
            }
            return handle;
        } catch (RuntimeException e) {
            AgoraTokenC.agora_token_rtm2_permissions_free(handle);
            throw e;
        }
    }

    private static int u16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new AgoraTokenException(12, "invalid_argument", "invalid " + field + ": " + value + " is outside 0..65535");
        }
        return value;
    }

    static int u32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new AgoraTokenException(12, "invalid_argument", "invalid " + field + ": " + value
                    + " is outside 0..4294967295, the unsigned 32-bit range tokens hold");
        }
        return (int) value;
    }
}
