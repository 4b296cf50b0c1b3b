package io.github.agoratokenrs.java.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;

/**
 * The C ABI of {@code bindings/c} ({@code agora_token.h}), mapped one to one with JNA's direct
 * mapping. Internal: the public API is {@code io.agora.*} and {@code io.github.agoratokenrs.java}.
 *
 * <p>Argument types: a C string is a UTF-8 {@code byte[]} and its {@code long} length
 * ({@code size_t}; 64-bit platforms only); {@code uint32_t} is a Java {@code int} passed bit for
 * bit (a negative {@code int} is the unsigned value upstream Java packs); {@code uint16_t} and
 * {@code int16_t} a {@code short}; {@code int64_t} a {@code long}; a handle is a {@link Pointer};
 * an out-parameter ({@code char **}, {@code T **}) is a {@link Pointer} to a pointer-sized slot
 * ({@link NativeCall}); an optional pointer argument is {@code null}.
 *
 * <p>The library is the one this jar carries for the platform ({@code linux-x86-64/} in JNA's
 * resource layout, extracted to a temporary file when the jar is not unpacked), or the file the
 * system property {@code agora.token.library} names.
 */
public final class AgoraTokenC {
    private AgoraTokenC() {}

    /** The library file loaded (the bundled one unless {@code agora.token.library} is set). */
    public static final File LIBRARY = locate();

    static {
        Native.register(AgoraTokenC.class, NativeLibrary.getInstance(LIBRARY.getAbsolutePath()));
    }

    private static File locate() {
        String override = System.getProperty("agora.token.library");
        if (override != null && !override.isEmpty()) {
            return new File(override);
        }
        try {
            return Native.extractFromResourcePath("agora_token_c", AgoraTokenC.class.getClassLoader());
        } catch (IOException e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError(
                    "this agora-token-java jar carries no native library for " + Platform.RESOURCE_PREFIX
                            + " (" + Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName("agora_token_c")
                            + "); build one with `cargo build --release -p agora-token-c` and name it with "
                            + "-Dagora.token.library=<path>");
            error.initCause(e);
            throw error;
        }
    }

    // ---------------------------------------------------------------- results

    public static native void agora_token_free(Pointer string);

    public static native Pointer agora_token_status_code(int status);

    public static native Pointer agora_token_version();

    public static native Pointer agora_token_privilege_names();

    public static native long agora_token_warnings_count(Pointer warnings);

    public static native Pointer agora_token_warnings_code(Pointer warnings, long index);

    public static native Pointer agora_token_warnings_message(Pointer warnings, long index);

    public static native void agora_token_warnings_free(Pointer warnings);

    // ---------------------------------------------------------------- any 007 token

    public static native int agora_token_builder_new(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, int expire, NativeOptions options, Pointer warnings,
            Pointer builder, Pointer errorMessage);

    public static native void agora_token_builder_free(Pointer builder);

    public static native int agora_token_builder_build(Pointer builder, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_builder_add_rtc_uid(Pointer builder, byte[] channelName, long channelNameLen,
            int uid, Pointer serviceIndex, Pointer errorMessage);

    public static native int agora_token_builder_add_rtc_account(Pointer builder, byte[] channelName,
            long channelNameLen, byte[] account, long accountLen, Pointer serviceIndex,
            Pointer errorMessage);

    public static native int agora_token_builder_add_rtm(Pointer builder, byte[] userId, long userIdLen,
            Pointer serviceIndex, Pointer errorMessage);

    public static native int agora_token_builder_add_streaming_uid(Pointer builder, byte[] channelName,
            long channelNameLen, int uid, Pointer serviceIndex, Pointer errorMessage);

    public static native int agora_token_builder_add_streaming_account(Pointer builder, byte[] channelName,
            long channelNameLen, byte[] account, long accountLen, Pointer serviceIndex,
            Pointer errorMessage);

    public static native int agora_token_builder_add_fpa(Pointer builder, Pointer serviceIndex,
            Pointer errorMessage);

    public static native int agora_token_builder_add_chat(Pointer builder, byte[] userId, long userIdLen,
            Pointer serviceIndex, Pointer errorMessage);

    public static native int agora_token_builder_add_fcdn_uid(Pointer builder, byte[] channelName,
            long channelNameLen, int uid, Pointer serviceIndex, Pointer errorMessage);

    public static native int agora_token_builder_add_fcdn_account(Pointer builder, byte[] channelName,
            long channelNameLen, byte[] account, long accountLen, Pointer serviceIndex,
            Pointer errorMessage);

    public static native int agora_token_builder_add_apaas(Pointer builder, byte[] roomUuid, long roomUuidLen,
            byte[] userUuid, long userUuidLen, short role, Pointer serviceIndex, Pointer errorMessage);

    public static native int agora_token_builder_add_rtm2(Pointer builder, byte[] userId, long userIdLen,
            Pointer permissions, Pointer serviceIndex, Pointer errorMessage);

    public static native int agora_token_builder_add_convoai(Pointer builder, Pointer serviceIndex,
            Pointer errorMessage);

    public static native int agora_token_builder_add_stt(Pointer builder, Pointer serviceIndex,
            Pointer errorMessage);

    public static native int agora_token_builder_add_privilege(Pointer builder, long serviceIndex, short privilege,
            int expire, Pointer errorMessage);

    public static native int agora_token_builder_add_privilege_unchecked(Pointer builder, long serviceIndex,
            short privilege, int expire, Pointer warnings, Pointer errorMessage);

    // ---------------------------------------------------------------- RTM2 permissions

    public static native Pointer agora_token_rtm2_permissions_new();

    public static native void agora_token_rtm2_permissions_free(Pointer permissions);

    public static native int agora_token_rtm2_permissions_add(Pointer permissions, short resourceType,
            short permissionType, byte[] names, long[] lengths, long count, Pointer errorMessage);

    public static native int agora_token_rtm2_permissions_add_unchecked(Pointer permissions, short resourceType,
            short permissionType, byte[] names, long[] lengths, long count, Pointer warnings,
            Pointer errorMessage);

    // ---------------------------------------------------------------- decode, verify, explain

    public static native int agora_token_decode_unverified(byte[] token, long tokenLen, Pointer json,
            Pointer errorMessage);

    public static native int agora_token_decode(byte[] token, long tokenLen, byte[] appCertificate,
            long appCertificateLen, Pointer json, Pointer errorMessage);

    public static native int agora_token_verify(byte[] token, long tokenLen, byte[] appCertificate,
            long appCertificateLen, Pointer errorMessage);

    public static native int agora_token_explain(byte[] token, long tokenLen, byte[] appCertificate,
            long appCertificateLen, byte[] channelName, long channelNameLen, int userKind, int uid, byte[] account,
            long accountLen, long now, Pointer json, Pointer errorMessage);

    public static native int agora_token_explain_questions(byte[] token, long tokenLen, byte[] questions,
            long questionsLen, Pointer json, Pointer errorMessage);

    public static native int agora_token_006_decode_unverified(byte[] token, long tokenLen, Pointer json,
            Pointer errorMessage);

    public static native int agora_token_006_verify(byte[] token, long tokenLen, byte[] appCertificate,
            long appCertificateLen, byte[] channelName, long channelNameLen, int userKind, int uid, byte[] account,
            long accountLen, Pointer errorMessage);

    // ---------------------------------------------------------------- 007 drop-in builders

    public static native int agora_token_rtc_build_token_with_uid(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] channelName, long channelNameLen, int uid, long role, int tokenExpire,
            int privilegeExpire, NativeOptions options, Pointer warnings, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_rtc_build_token_with_user_account(byte[] appId, long appIdLen,
            byte[] appCertificate, long appCertificateLen, byte[] channelName, long channelNameLen, byte[] account,
            long accountLen, long role, int tokenExpire, int privilegeExpire, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);

    public static native int agora_token_rtc_build_token_with_uid_and_privilege(byte[] appId, long appIdLen,
            byte[] appCertificate, long appCertificateLen, byte[] channelName, long channelNameLen, int uid,
            int tokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);

    public static native int agora_token_rtc_build_token_with_user_account_and_privilege(byte[] appId,
            long appIdLen, byte[] appCertificate, long appCertificateLen, byte[] channelName, long channelNameLen,
            byte[] account, long accountLen, int tokenExpire, int joinChannelPrivilegeExpire,
            int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire,
            NativeOptions options, Pointer warnings, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_rtc_build_token_with_rtm(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] channelName, long channelNameLen, byte[] account, long accountLen,
            long role, int tokenExpire, int privilegeExpire, NativeOptions options, Pointer warnings,
            Pointer token, Pointer errorMessage);

    public static native int agora_token_rtc_build_token_with_rtm2(byte[] appId, long appIdLen,
            byte[] appCertificate, long appCertificateLen, byte[] channelName, long channelNameLen,
            byte[] rtcAccount, long rtcAccountLen, long rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire,
            int pubAudioPrivilegeExpire, int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire,
            byte[] rtmUserId, long rtmUserIdLen, int rtmTokenExpire, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);

    public static native int agora_token_convoai_build_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] channelName, long channelNameLen, byte[] rtcAccount, long rtcAccountLen,
            long rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, byte[] rtmUserId, long rtmUserIdLen,
            int rtmTokenExpire, NativeOptions options, Pointer warnings, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_stt_build_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] channelName, long channelNameLen, byte[] rtcAccount, long rtcAccountLen,
            long rtcRole, int rtcTokenExpire, int joinChannelPrivilegeExpire, int pubAudioPrivilegeExpire,
            int pubVideoPrivilegeExpire, int pubDataStreamPrivilegeExpire, byte[] rtmUserId, long rtmUserIdLen,
            int rtmTokenExpire, NativeOptions options, Pointer warnings, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_rtm_build_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] userId, long userIdLen, int expire, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);

    public static native int agora_token_rtm_build_token_with_permissions(byte[] appId, long appIdLen,
            byte[] appCertificate, long appCertificateLen, byte[] userId, long userIdLen, Pointer permissions,
            int expire, NativeOptions options, Pointer warnings, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_chat_build_user_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] userId, long userIdLen, int expire, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);

    public static native int agora_token_chat_build_app_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, int expire, NativeOptions options, Pointer warnings,
            Pointer token, Pointer errorMessage);

    public static native int agora_token_fpa_build_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, NativeOptions options, Pointer warnings, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_apaas_build_room_user_token(byte[] appId, long appIdLen,
            byte[] appCertificate, long appCertificateLen, byte[] roomUuid, long roomUuidLen, byte[] userUuid,
            long userUuidLen, short role, int expire, NativeOptions options, Pointer warnings,
            Pointer token, Pointer errorMessage);

    public static native int agora_token_apaas_build_user_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] userUuid, long userUuidLen, int expire, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);

    public static native int agora_token_apaas_build_app_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, int expire, NativeOptions options, Pointer warnings,
            Pointer token, Pointer errorMessage);

    // ---------------------------------------------------------------- 006

    public static native int agora_token_006_rtc_build_token_with_uid(byte[] appId, long appIdLen,
            byte[] appCertificate, long appCertificateLen, byte[] channelName, long channelNameLen, int uid,
            long role, int privilegeExpiredTs, NativeOptions options, Pointer warnings,
            Pointer token, Pointer errorMessage);

    public static native int agora_token_006_rtc_build_token_with_user_account(byte[] appId, long appIdLen,
            byte[] appCertificate, long appCertificateLen, byte[] channelName, long channelNameLen,
            byte[] userAccount, long userAccountLen, long role, int privilegeExpiredTs, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);

    public static native int agora_token_006_rtm_build_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] userAccount, long userAccountLen, int privilegeExpiredTs,
            NativeOptions options, Pointer warnings, Pointer token,
            Pointer errorMessage);

    public static native int agora_token_006_build_token(byte[] appId, long appIdLen, byte[] appCertificate,
            long appCertificateLen, byte[] channelName, long channelNameLen, int userKind, int uid, byte[] account,
            long accountLen, short[] privileges, int[] privilegeExpiredTs, long count, int[] expiresAt, NativeOptions options,
            Pointer warnings, Pointer token, Pointer errorMessage);
}
