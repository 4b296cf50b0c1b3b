package io.agora.media;

import io.github.agoratokenrs.java.AgoraTokenException;
import io.github.agoratokenrs.java.CompatWarning;
import io.github.agoratokenrs.java.TokenOptions;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.NativeCall;
import io.github.agoratokenrs.java.internal.Options;
import io.github.agoratokenrs.java.internal.WarningChannel;

/**
 * Drop-in for upstream {@code io.agora.media.RtcTokenBuilder}, the AccessToken ("006") RTC
 * builder. {@code privilegeTs} is an <b>absolute</b> Unix time (0 = no expiry); the token itself
 * expires 24 hours after it is built ({@link TokenOptions#withIssuedAt} moves "now").
 *
 * <p>Roles are read as Go, Python, Node, C++, C# and PHP read them: {@code Role_Attendee} (0),
 * {@code Role_Publisher} (1) and {@code Role_Admin} (101) publish, {@code Role_Subscriber} (2)
 * and any other number join only (with a warning for numbers other than 0, 1, 2 and 101).
 * Upstream Java alone lets subscribers publish and attendees not, and writes uids above
 * 2147483647 as negative numbers; here uids are unsigned, as everywhere else (see the README).
 */
public class RtcTokenBuilder {
    /** 006 RTC roles, as upstream Java. */
    public enum Role {
        /** Deprecated; publishes, as a publisher. */
        Role_Attendee(0),
        /** Join and publish. */
        Role_Publisher(1),
        /** Join only. */
        Role_Subscriber(2),
        /** Deprecated; publishes, as a publisher. */
        Role_Admin(101);

        public int initValue;

        Role(int initValue) {
            this.initValue = initValue;
        }
    }

    /** 006 RTC token for a uid (0 = any user): join until {@code privilegeTs}, publishing too for roles that publish. */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, Role role,
            int privilegeTs) {
        return buildTokenWithUid(appId, appCertificate, channelName, uid, role, privilegeTs, TokenOptions.defaults());
    }

    /** As upstream's, with an issue time (the token expires 24 hours later) and salt. */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, Role role,
            int privilegeTs, TokenOptions options) {
        return buildTokenWithUid(appId, appCertificate, channelName, uid, roleNumber(role, options), privilegeTs,
                options);
    }

    /** With the role as a number (0, 1 and 101 publish, anything else joins only). */
    public String buildTokenWithUid(String appId, String appCertificate, String channelName, int uid, int role,
            int privilegeTs, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_006_rtc_build_token_with_uid(a, a.length, c, c.length, ch,
                ch.length, uid, role, privilegeTs, Options.of(options), call.warnings, call.out, call.errorMessage));
    }

    /** 006 RTC token for a string account. */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            Role role, int privilegeTs) {
        return buildTokenWithUserAccount(appId, appCertificate, channelName, account, role, privilegeTs,
                TokenOptions.defaults());
    }

    /** As upstream's, with an issue time (the token expires 24 hours later) and salt. */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            Role role, int privilegeTs, TokenOptions options) {
        return buildTokenWithUserAccount(appId, appCertificate, channelName, account, roleNumber(role, options),
                privilegeTs, options);
    }

    /** With the role as a number (0, 1 and 101 publish, anything else joins only). */
    public String buildTokenWithUserAccount(String appId, String appCertificate, String channelName, String account,
            int role, int privilegeTs, TokenOptions options) {
        byte[] a = NativeCall.utf8("appId", appId);
        byte[] c = NativeCall.utf8("appCertificate", appCertificate);
        byte[] ch = NativeCall.utf8("channelName", channelName);
        byte[] u = NativeCall.utf8("account", account);
        NativeCall call = new NativeCall();
        return call.result(AgoraTokenC.agora_token_006_rtc_build_token_with_user_account(a, a.length, c, c.length, ch,
                ch.length, u, u.length, role, privilegeTs, Options.of(options), call.warnings, call.out,
                call.errorMessage));
    }

    /** The number of a role enum; {@code null} joins only, as upstream reads it, with a warning. */
    private static int roleNumber(Role role, TokenOptions options) {
        if (role != null) {
            return role.initValue;
        }
        String reading = "006 RTC role null: the official builders publish only for the roles that publish, so a "
                + "null role joins only, like Role_Subscriber";
        if (options != null && options.isStrict()) {
            throw new AgoraTokenException(6, "unknown_role", "unknown " + reading + "; pass a Role");
        }
        WarningChannel.emit(new CompatWarning("role_read_as_join_only", reading + "; pass Role_Subscriber to say so"));
        return Role.Role_Subscriber.initValue;
    }
}
