package io.agora.media;

import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.Json;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.NativeOptions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.TreeMap;

/**
 * Drop-in for upstream {@code io.agora.media.AccessToken}, the AccessToken ("006") format with any
 * privileges. Privilege values are <b>absolute</b> Unix times (0 = no expiry). {@link #uid} is
 * packed verbatim ({@code ""} for "any user", as {@link RtcTokenBuilder} writes uid 0).
 *
 * <p>As upstream, {@link #message}'s {@code salt} and {@code ts} (the token's own expiry) are
 * set when the token is made (a random salt, here in 1..99999999, and now + 24 hours) and can be
 * changed before {@link #build}. Privilege numbers 006 does not define are packed as given, with
 * a {@link io.github.agoratokenrs.java.CompatWarnings} warning; so are expiries that look like
 * a number of seconds. {@link #build} throws an {@link AgoraTokenException} where upstream
 * returns {@code ""}. The byte-level fields upstream exposes ({@code signature},
 * {@code messageRawContent}, {@code crcChannelName}, {@code crcUid}) are kept for source
 * compatibility but not filled: the core packs and signs.
 */
public class AccessToken {
    /** 006 privileges, as upstream Java; {@code message.messages} takes any other number too. */
    public enum Privileges {
        kJoinChannel(1),
        kPublishAudioStream(2),
        kPublishVideoStream(3),
        kPublishDataStream(4),

        // For RTM only
        kRtmLogin(1000);

        public short intValue;

        Privileges(int value) {
            intValue = (short) value;
        }
    }

    private static final String VER = "006";
    private static final SecureRandom RANDOM = new SecureRandom();

    public String appId;
    /** The certificate {@link #build} signs with; no method of this class ever prints it. */
    public String appCertificate;
    public String channelName;
    public String uid;
    public byte[] signature;
    public byte[] messageRawContent;
    public int crcChannelName;
    public int crcUid;
    public PrivilegeMessage message;
    public int expireTimestamp;

    public AccessToken(String appId, String appCertificate, String channelName, String uid) {
        this.appId = appId;
        this.appCertificate = appCertificate;
        this.channelName = channelName;
        this.uid = uid;
        this.crcChannelName = 0;
        this.crcUid = 0;
        this.message = new PrivilegeMessage();
    }

    /** Signs and encodes the token. */
    public String build() throws Exception {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("uid", uid);
        short[] codes = new short[message.messages.size()];
        int[] expiries = new int[codes.length];
        int i = 0;
        for (Map.Entry<Short, Integer> privilege : message.messages.entrySet()) {
            if (privilege.getKey() == null || privilege.getValue() == null) {
                throw new AgoraTokenException(12, "invalid_argument", "invalid privileges: a number or expiry is null");
            }
            codes[i] = privilege.getKey();
            expiries[i++] = privilege.getValue();
        }
        NativeCall call = new NativeCall();
        // User kind 2: the uid string is packed verbatim, as upstream's AccessToken does.
        return call.result(AgoraTokenC.agora_token_006_build_token(a, a.length, c, c.length, ch, ch.length, 2, 0, u,
                u.length, codes.length == 0 ? null : codes, codes.length == 0 ? null : expiries, codes.length,
                new int[] {message.ts}, new NativeOptions(false, 0, true, message.salt, false), call.warnings,
                call.out, call.errorMessage));
    }

    /** Grants {@code privilege} until {@code expireTimestamp} (absolute Unix seconds, 0 = no expiry). */
    public void addPrivilege(Privileges privilege, int expireTimestamp) {
        message.messages.put(privilege.intValue, expireTimestamp);
    }

    /** The version prefix, "006". */
    public static String getVersion() {
        return VER;
    }

    /**
     * Reads the app id, salt, expiry and privileges of a 006 token into this object (the channel
     * and uid are not in the token, only their CRCs); {@code false} if it is not a readable 006 token.
     */
    public boolean fromString(String token) {
        if (token == null) {
            return false;
        }
        Map<String, Object> decoded;
        try {
            byte[] t = NativeCall.utf8("token", token);
            NativeCall call = new NativeCall();
            decoded = Json.object(call.result(AgoraTokenC.agora_token_006_decode_unverified(t, t.length, call.out,
                    call.errorMessage)));
        } catch (AgoraTokenException e) {
            return false;
        }
        appId = (String) decoded.get("app_id");
        message.salt = (int) ((Long) decoded.get("salt")).longValue();
        message.ts = (int) ((Long) decoded.get("expires_at")).longValue();
        message.messages = new TreeMap<>();
        for (Map.Entry<String, Object> privilege : cast(decoded.get("privileges")).entrySet()) {
            message.messages.put((short) Integer.parseInt(privilege.getKey()),
                    (int) ((Long) privilege.getValue()).longValue());
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    @Override
    public String toString() {
        return "AccessToken[appId=" + appId + ", appCertificate=<redacted>, channelName=" + channelName + ", uid=" + uid
                + ", salt=" + Integer.toUnsignedString(message.salt) + ", ts=" + Integer.toUnsignedString(message.ts)
                + ", privileges=" + message.messages + "]";
    }

    /** The signed message: salt, the token's own expiry {@code ts} (absolute) and the privileges. */
    public class PrivilegeMessage {
        public int salt;
        public int ts;
        public TreeMap<Short, Integer> messages;

        public PrivilegeMessage() {
            salt = 1 + RANDOM.nextInt(99_999_999);
            ts = (int) (System.currentTimeMillis() / 1000) + 24 * 3600;
            messages = new TreeMap<>();
        }
    }
}
