package io.agora.media;

import com.sun.jna.Pointer;
import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.Json;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;
import io.github.agoratokenrs.java.internal.Rtm2;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drop-in for upstream {@code io.agora.media.AccessToken2}: builds, parses and verifies
 * AccessToken2 ("007") tokens with any services. Packing, signing and parsing are done by the
 * agora-token core; this class keeps upstream's fields and methods.
 *
 * <p>As upstream, {@link #issueTs} and {@link #salt} are set by the constructor (the clock and a
 * random salt, here in 1..99999999) and can be changed before {@link #build}: that is how a
 * test pins them. {@link #expire} and every privilege value are seconds after {@link #issueTs};
 * every {@code int} is packed as its unsigned 32 bits, as upstream's {@code ByteBuffer.putInt}
 * does. Privilege numbers a service does not define, RTM2 types RTM2 does not define, and
 * expiries that look like Unix timestamps or exceed 24 hours are packed as given, with a
 * {@link io.github.agoratokenrs.java.CompatWarnings} warning. {@link #build} throws an
 * {@link AgoraTokenException} where upstream returns {@code ""} (invalid app id or certificate,
 * no services).
 *
 * <p>Not here: {@code getSign}, the services' {@code pack}/{@code unpack}, {@code ByteBuf} and
 * {@code Utils} (the core packs); a plain {@code Service} of a type with fields of its own
 * (RTC, RTM, ...) or of a type no service class has is refused at {@code build}.
 */
public class AccessToken2 {
    /** RTC privilege identifiers. */
    public enum PrivilegeRtc {
        PRIVILEGE_JOIN_CHANNEL(1), PRIVILEGE_PUBLISH_AUDIO_STREAM(2), PRIVILEGE_PUBLISH_VIDEO_STREAM(3),
        PRIVILEGE_PUBLISH_DATA_STREAM(4);

        public short intValue;

        PrivilegeRtc(int value) {
            intValue = (short) value;
        }
    }

    /** RTM privilege identifiers. */
    public enum PrivilegeRtm {
        PRIVILEGE_LOGIN(1);

        public short intValue;

        PrivilegeRtm(int value) {
            intValue = (short) value;
        }
    }

    /** Streaming privilege identifiers. */
    public enum PrivilegeStreaming {
        PRIVILEGE_PUBLISH_MIX_STREAM(1), PRIVILEGE_PUBLISH_RAW_STREAM(2);

        public short intValue;

        PrivilegeStreaming(int value) {
            intValue = (short) value;
        }
    }

    /** FPA privilege identifiers. */
    public enum PrivilegeFpa {
        PRIVILEGE_LOGIN(1);

        public short intValue;

        PrivilegeFpa(int value) {
            intValue = (short) value;
        }
    }

    /** Chat privilege identifiers. */
    public enum PrivilegeChat {
        PRIVILEGE_CHAT_USER(1), PRIVILEGE_CHAT_APP(2);

        public short intValue;

        PrivilegeChat(int value) {
            intValue = (short) value;
        }
    }

    /** FCDN privilege identifiers. */
    public enum PrivilegeFCdn {
        PRIVILEGE_PUBLISH(1), PRIVILEGE_PLAY(2);

        public short intValue;

        PrivilegeFCdn(int value) {
            intValue = (short) value;
        }
    }

    /** APaaS privilege identifiers. */
    public enum PrivilegeApaas {
        PRIVILEGE_ROOM_USER(1), PRIVILEGE_USER(2), PRIVILEGE_APP(3);

        public short intValue;

        PrivilegeApaas(int value) {
            intValue = (short) value;
        }
    }

    /** RTM2 privilege identifiers. */
    public enum PrivilegeRtm2 {
        PRIVILEGE_LOGIN(1);

        public short intValue;

        PrivilegeRtm2(int value) {
            intValue = (short) value;
        }
    }

    private static final String VERSION = "007";
    public static final short SERVICE_TYPE_RTC = 1;
    public static final short SERVICE_TYPE_RTM = 2;
    public static final short SERVICE_TYPE_STREAMING = 3;
    public static final short SERVICE_TYPE_FPA = 4;
    public static final short SERVICE_TYPE_CHAT = 5;
    public static final short SERVICE_TYPE_FCDN = 6;
    public static final short SERVICE_TYPE_APAAS = 7;
    public static final short SERVICE_TYPE_RTM2 = 8;
    public static final short SERVICE_TYPE_CONVOAI = 9;
    public static final short SERVICE_TYPE_STT = 10;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The certificate {@link #build} signs with; no method of this class ever prints it. */
    public String appCert = "";
    public String appId = "";
    public int expire;
    public int issueTs;
    public int salt;
    public List<Service> services = new ArrayList<>();
    private String parsedToken;

    /** An empty token, to {@link #parse} into. */
    public AccessToken2() {}

    /** A token to build, issued now with a random salt (both can be changed before {@link #build}). */
    public AccessToken2(String appId, String appCert, int expire) {
        this.appCert = appCert;
        this.appId = appId;
        this.expire = expire;
        this.issueTs = (int) (System.currentTimeMillis() / 1000);
        this.salt = 1 + RANDOM.nextInt(99_999_999);
    }

    /** Adds a service without replacing services of the same type. */
    public void addService(Service service) {
        this.services.add(service);
    }

    /** All services of the requested type, in insertion or token order. */
    public List<Service> getServices(short serviceType) {
        List<Service> result = new ArrayList<>();
        for (Service service : services) {
            if (service.getServiceType() == serviceType) {
                result.add(service);
            }
        }
        return result;
    }

    /**
     * Signs and encodes the token: services packed by type (repeated types in the order added),
     * privileges ascending. Throws {@link AgoraTokenException} for an invalid app id or
     * certificate ({@code invalid_app_id}, {@code invalid_app_certificate}), no services
     * ({@code no_services}), a string over 65535 bytes ({@code field_too_long}), or a service
     * the core cannot pack; upstream returns {@code ""} (or a corrupt token) there.
     */
    public String build() throws Exception {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCert", appCert);
        NativeCall start = new NativeCall();
        int status = AgoraTokenC.agora_token_builder_new(a, a.length, c, c.length, expire,
                Options.fixed(issueTs, salt), start.warnings, start.out, start.errorMessage);
        Pointer builder = start.takeHandle();
        try {
            start.done(status);
            for (int index = 0; index < services.size(); index++) {
                Service service = services.get(index);
                if (service == null) {
                    throw new AgoraTokenException(12, "invalid_argument", "invalid services: service " + index + " is null");
                }
                service.addTo(builder);
                for (Map.Entry<Short, Integer> privilege : service.privileges.entrySet()) {
                    if (privilege.getKey() == null || privilege.getValue() == null) {
                        throw new AgoraTokenException(12, "invalid_argument",
                                "invalid privileges of service " + index + ": a privilege number or expiry is null");
                    }
                    NativeCall call = new NativeCall();
                    call.done(AgoraTokenC.agora_token_builder_add_privilege_unchecked(builder, index,
                            privilege.getKey(), privilege.getValue(), call.warnings, call.errorMessage));
                }
            }
            NativeCall call = new NativeCall();
            return call.result(AgoraTokenC.agora_token_builder_build(builder, call.out, call.errorMessage));
        } finally {
            AgoraTokenC.agora_token_builder_free(builder);
        }
    }

    /** A new, empty service of a known type, or {@code null} for an unknown one. */
    public Service getService(short serviceType) {
        switch (serviceType) {
            case SERVICE_TYPE_RTC:
                return new ServiceRtc();
            case SERVICE_TYPE_RTM:
                return new ServiceRtm();
            case SERVICE_TYPE_STREAMING:
                return new ServiceStreaming();
            case SERVICE_TYPE_FPA:
                return new ServiceFpa();
            case SERVICE_TYPE_CHAT:
                return new ServiceChat();
            case SERVICE_TYPE_FCDN:
                return new ServiceFCdn();
            case SERVICE_TYPE_APAAS:
                return new ServiceApaas();
            case SERVICE_TYPE_RTM2:
                return new ServiceRtm2();
            case SERVICE_TYPE_CONVOAI:
                return new ServiceConvoAI();
            case SERVICE_TYPE_STT:
                return new ServiceStt();
            default:
                return null;
        }
    }

    /** A numeric uid as packed: {@code ""} for 0, else its unsigned decimal ({@code -1} is "4294967295"). */
    public static String getUidStr(int uid) {
        return uid == 0 ? "" : Integer.toUnsignedString(uid);
    }

    /** The version prefix, "007". */
    public static String getVersion() {
        return VERSION;
    }

    /**
     * Decodes a token into this object, without checking its signature (see
     * {@link #verifySignature}). Returns {@code false}, with the fields cleared, if it is not a
     * readable 007 token. Decoding stops at a service type it does not know and keeps the
     * services before it, as upstream.
     */
    public boolean parse(String token) {
        this.parsedToken = null;
        this.appId = "";
        this.issueTs = 0;
        this.expire = 0;
        this.salt = 0;
        this.services.clear();
        if (token == null) {
            return false;
        }
        Map<String, Object> payload;
        try {
            byte[] t = NativeCall.utf8("token", token);
            NativeCall call = new NativeCall();
            payload = Json.object(call.result(AgoraTokenC.agora_token_decode_unverified(t, t.length, call.out,
                    call.errorMessage)));
        } catch (AgoraTokenException e) {
            return false;
        }
        this.appId = (String) payload.get("app_id");
        this.issueTs = number(payload.get("issued_at"));
        this.expire = number(payload.get("expire"));
        this.salt = number(payload.get("salt"));
        for (Object item : (List<?>) payload.get("services")) {
            services.add(Service.fromJson((Map<?, ?>) item));
        }
        this.parsedToken = token;
        return true;
    }

    /** Whether the token read by {@link #parse} was signed with this certificate (constant-time check). */
    public boolean verifySignature(String appCertificate) {
        if (parsedToken == null || appCertificate == null) {
            return false;
        }
        byte[] t = NativeCall.utf8("token", parsedToken);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        NativeCall call = new NativeCall();
        try {
            call.done(AgoraTokenC.agora_token_verify(t, t.length, c, c.length, call.errorMessage));
            return true;
        } catch (AgoraTokenException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "AccessToken2[appId=" + appId + ", appCert=<redacted>, issueTs=" + Integer.toUnsignedString(issueTs)
                + ", expire=" + Integer.toUnsignedString(expire) + ", salt=" + Integer.toUnsignedString(salt)
                + ", services=" + services + "]";
    }

    private static int number(Object value) {
        return (int) ((Long) value).longValue();
    }

    private static String text(Map<?, ?> json, String key) {
        return (String) json.get(key);
    }

    /** The type and privileges every service has. */
    public static class Service {
        public short type;
        /** Privilege number → seconds after the issue time. Any number may be put here, as upstream. */
        public TreeMap<Short, Integer> privileges = new TreeMap<>();

        public Service() {}

        public Service(short serviceType) {
            this.type = serviceType;
        }

        public void addPrivilegeRtc(PrivilegeRtc privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public void addPrivilegeRtm(PrivilegeRtm privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public void addPrivilegeStreaming(PrivilegeStreaming privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public void addPrivilegeFpa(PrivilegeFpa privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public void addPrivilegeChat(PrivilegeChat privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public void addPrivilegeFCdn(PrivilegeFCdn privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public void addPrivilegeApaas(PrivilegeApaas privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public void addPrivilegeRtm2(PrivilegeRtm2 privilege, int expire) {
            this.privileges.put(privilege.intValue, expire);
        }

        public TreeMap<Short, Integer> getPrivileges() {
            return this.privileges;
        }

        public short getServiceType() {
            return this.type;
        }

        /**
         * Adds this service (without privileges) to a native builder. A plain {@code Service} can
         * stand only for the types without fields of their own (FPA, ConvoAI, STT).
         */
        void addTo(Pointer builder) {
            NativeCall call = new NativeCall();
            switch (type) {
                case SERVICE_TYPE_FPA:
                    call.done(AgoraTokenC.agora_token_builder_add_fpa(builder, null, call.errorMessage));
                    return;
                case SERVICE_TYPE_CONVOAI:
                    call.done(AgoraTokenC.agora_token_builder_add_convoai(builder, null, call.errorMessage));
                    return;
                case SERVICE_TYPE_STT:
                    call.done(AgoraTokenC.agora_token_builder_add_stt(builder, null, call.errorMessage));
                    return;
                default:
                    if (type >= SERVICE_TYPE_RTC && type <= SERVICE_TYPE_STT) {
                        throw new AgoraTokenException(12, "invalid_argument", "a plain Service of type " + type
                                + " has no fields of its own; use the service class of that type (ServiceRtc, ServiceRtm, ...)");
                    }
                    throw new AgoraTokenException(8, "unknown_service_type", "unknown service type "
                            + Short.toUnsignedInt(type) + ": the core packs the types 1 to 10 it knows");
            }
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "[type=" + type + ", privileges=" + privileges + "]";
        }

        static Service fromJson(Map<?, ?> json) {
            Service service;
            int type = (int) ((Long) json.get("type")).longValue();
            switch (type) {
                case SERVICE_TYPE_RTC -> service = new ServiceRtc(text(json, "channel_name"), text(json, "uid"));
                case SERVICE_TYPE_RTM -> service = new ServiceRtm(text(json, "user_id"));
                case SERVICE_TYPE_STREAMING ->
                    service = new ServiceStreaming(text(json, "channel_name"), text(json, "account"));
                case SERVICE_TYPE_FPA -> service = new ServiceFpa();
                case SERVICE_TYPE_CHAT -> service = new ServiceChat(text(json, "user_id"));
                case SERVICE_TYPE_FCDN -> service = new ServiceFCdn(text(json, "channel_name"), text(json, "account"));
                case SERVICE_TYPE_APAAS -> service = new ServiceApaas(text(json, "room_uuid"), text(json, "user_uuid"),
                        (short) ((Long) json.get("role")).longValue());
                case SERVICE_TYPE_RTM2 -> {
                    ServiceRtm2.Permissions permissions = new ServiceRtm2.Permissions();
                    for (Map.Entry<?, ?> resource : ((Map<?, ?>) json.get("permissions")).entrySet()) {
                        for (Map.Entry<?, ?> permission : ((Map<?, ?>) resource.getValue()).entrySet()) {
                            List<String> names = new ArrayList<>();
                            for (Object name : (List<?>) permission.getValue()) {
                                names.add((String) name);
                            }
                            permissions.add((short) Integer.parseInt((String) resource.getKey()),
                                    (short) Integer.parseInt((String) permission.getKey()), names);
                        }
                    }
                    service = new ServiceRtm2(text(json, "user_id"), permissions);
                }
                case SERVICE_TYPE_CONVOAI -> service = new ServiceConvoAI();
                case SERVICE_TYPE_STT -> service = new ServiceStt();
                default -> throw new IllegalStateException("the core decoded a service of type " + type);
            }
            for (Map.Entry<?, ?> privilege : ((Map<?, ?>) json.get("privileges")).entrySet()) {
                service.privileges.put((short) Integer.parseInt((String) privilege.getKey()),
                        (int) ((Long) privilege.getValue()).longValue());
            }
            return service;
        }
    }

    /** RTC: a channel and a uid string ({@link #getUidStr}) or account. */
    public static class ServiceRtc extends Service {
        public String channelName;
        public String uid;

        public ServiceRtc() {
            this.type = SERVICE_TYPE_RTC;
        }

        public ServiceRtc(String channelName, String uid) {
            this.type = SERVICE_TYPE_RTC;
            this.channelName = channelName;
            this.uid = uid;
        }

        public String getChannelName() {
            return this.channelName;
        }

        public String getUid() {
            return this.uid;
        }

        @Override
        void addTo(Pointer builder) {
            byte[] ch = NativeCall.utf8("ServiceRtc.channelName", channelName);
            byte[] u = NativeCall.utf8("ServiceRtc.uid", uid);
            NativeCall call = new NativeCall();
            call.done(AgoraTokenC.agora_token_builder_add_rtc_account(builder, ch, ch.length, u, u.length, null,
                    call.errorMessage));
        }
    }

    /** RTM login for a user id. */
    public static class ServiceRtm extends Service {
        public String userId;

        public ServiceRtm() {
            this.type = SERVICE_TYPE_RTM;
        }

        public ServiceRtm(String userId) {
            this.type = SERVICE_TYPE_RTM;
            this.userId = userId;
        }

        public String getUserId() {
            return this.userId;
        }

        @Override
        void addTo(Pointer builder) {
            byte[] u = NativeCall.utf8("ServiceRtm.userId", userId);
            NativeCall call = new NativeCall();
            call.done(AgoraTokenC.agora_token_builder_add_rtm(builder, u, u.length, null, call.errorMessage));
        }
    }

    /** Streaming: a channel and an account. */
    public static class ServiceStreaming extends Service {
        public String channelName;
        public String account;

        public ServiceStreaming() {
            this("", "");
        }

        public ServiceStreaming(String channelName, String account) {
            this.type = SERVICE_TYPE_STREAMING;
            this.channelName = channelName;
            this.account = account;
        }

        /** With a numeric uid: {@code ""} for 0, else its decimal, as upstream writes it. */
        public ServiceStreaming(String channelName, long uid) {
            this(channelName, uid == 0 ? "" : Long.toString(uid));
        }

        @Override
        void addTo(Pointer builder) {
            byte[] ch = NativeCall.utf8("ServiceStreaming.channelName", channelName);
            byte[] u = NativeCall.utf8("ServiceStreaming.account", account);
            NativeCall call = new NativeCall();
            call.done(AgoraTokenC.agora_token_builder_add_streaming_account(builder, ch, ch.length, u, u.length, null,
                    call.errorMessage));
        }
    }

    /** FPA login. */
    public static class ServiceFpa extends Service {
        public ServiceFpa() {
            this.type = SERVICE_TYPE_FPA;
        }
    }

    /** Chat: a user id ({@code ""} for app tokens). */
    public static class ServiceChat extends Service {
        public String userId;

        public ServiceChat() {
            this.type = SERVICE_TYPE_CHAT;
            this.userId = "";
        }

        public ServiceChat(String userId) {
            this.type = SERVICE_TYPE_CHAT;
            this.userId = userId;
        }

        public String getUserId() {
            return this.userId;
        }

        @Override
        void addTo(Pointer builder) {
            byte[] u = NativeCall.utf8("ServiceChat.userId", userId);
            NativeCall call = new NativeCall();
            call.done(AgoraTokenC.agora_token_builder_add_chat(builder, u, u.length, null, call.errorMessage));
        }
    }

    /** FCDN: a channel and an account. */
    public static class ServiceFCdn extends Service {
        public String channelName;
        public String account;

        public ServiceFCdn() {
            this("", "");
        }

        public ServiceFCdn(String channelName, String account) {
            this.type = SERVICE_TYPE_FCDN;
            this.channelName = channelName;
            this.account = account;
        }

        /** With a numeric uid: {@code ""} for 0, else its decimal, as upstream writes it. */
        public ServiceFCdn(String channelName, long uid) {
            this(channelName, uid == 0 ? "" : Long.toString(uid));
        }

        @Override
        void addTo(Pointer builder) {
            byte[] ch = NativeCall.utf8("ServiceFCdn.channelName", channelName);
            byte[] u = NativeCall.utf8("ServiceFCdn.account", account);
            NativeCall call = new NativeCall();
            call.done(AgoraTokenC.agora_token_builder_add_fcdn_account(builder, ch, ch.length, u, u.length, null,
                    call.errorMessage));
        }
    }

    /** APaaS / Flexible Classroom: a room, a user and a role (-1 when unused). */
    public static class ServiceApaas extends Service {
        public String roomUuid;
        public String userUuid;
        public Short role;

        public ServiceApaas() {
            this.type = SERVICE_TYPE_APAAS;
            this.roomUuid = "";
            this.userUuid = "";
            this.role = -1;
        }

        public ServiceApaas(String roomUuid, String userUuid, Short role) {
            this.type = SERVICE_TYPE_APAAS;
            this.roomUuid = roomUuid;
            this.userUuid = userUuid;
            this.role = role;
        }

        public ServiceApaas(String userUuid) {
            this.type = SERVICE_TYPE_APAAS;
            this.roomUuid = "";
            this.userUuid = userUuid;
            this.role = -1;
        }

        public String getRoomUuid() {
            return this.roomUuid;
        }

        public String getUserUuid() {
            return this.userUuid;
        }

        public Short getRole() {
            return this.role;
        }

        @Override
        void addTo(Pointer builder) {
            byte[] r = NativeCall.utf8("ServiceApaas.roomUuid", roomUuid);
            byte[] u = NativeCall.utf8("ServiceApaas.userUuid", userUuid);
            if (role == null) {
                throw new AgoraTokenException(12, "invalid_argument", "invalid ServiceApaas.role: it is null; pass a short (-1 when unused)");
            }
            NativeCall call = new NativeCall();
            call.done(AgoraTokenC.agora_token_builder_add_apaas(builder, r, r.length, u, u.length, role, null,
                    call.errorMessage));
        }
    }

    /** RTM2 login with resource-level permissions. */
    public static class ServiceRtm2 extends Service {
        public String userId;
        public Permissions permissions;

        /**
         * Resource names per (resource type, permission type). A later {@link #add} for the same
         * pair replaces the earlier list; names keep their order and duplicates.
         */
        public static class Permissions {
            public static final short MESSAGE_CHANNELS = 0;
            public static final short STREAM_CHANNELS = 1;
            public static final short GROUP_CHANNELS = 2;
            public static final short SERVER_GROUPS = 3;
            public static final short USERS = 4;

            public static final short READ = 0;
            public static final short WRITE = 1;

            public TreeMap<Short, TreeMap<Short, List<String>>> details = new TreeMap<>();

            /** Adds or replaces the resources for a resource type and permission type. */
            public void add(short resourceType, short permissionType, List<String> resources) {
                this.details.computeIfAbsent(resourceType, key -> new TreeMap<>())
                        .put(permissionType, new ArrayList<>(resources));
            }

            @Override
            public String toString() {
                return "Permissions" + details;
            }
        }

        public ServiceRtm2() {
            this("", new Permissions());
        }

        public ServiceRtm2(String userId, Permissions permissions) {
            this.type = SERVICE_TYPE_RTM2;
            this.userId = userId;
            this.permissions = permissions == null ? new Permissions() : permissions;
        }

        @Override
        void addTo(Pointer builder) {
            byte[] u = NativeCall.utf8("ServiceRtm2.userId", userId);
            Pointer handle = Rtm2.permissions(permissions == null ? null : permissions.details);
            try {
                NativeCall call = new NativeCall();
                call.done(AgoraTokenC.agora_token_builder_add_rtm2(builder, u, u.length, handle, null,
                        call.errorMessage));
            } finally {
                AgoraTokenC.agora_token_rtm2_permissions_free(handle);
            }
        }
    }

    /** Conversational AI (no fields, no privileges defined). */
    public static class ServiceConvoAI extends Service {
        public ServiceConvoAI() {
            this.type = SERVICE_TYPE_CONVOAI;
        }
    }

    /** Speech-to-text (no fields, no privileges defined). */
    public static class ServiceStt extends Service {
        public ServiceStt() {
            this.type = SERVICE_TYPE_STT;
        }
    }
}
