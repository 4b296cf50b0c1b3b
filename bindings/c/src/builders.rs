//! The upstream builder functions (007), one C function each, with upstream's argument order
//! and semantics: the drop-in entry points the Go, PHP, Java and C++ drop-in layers call.
//!
//! Each reads loose input as upstream does (core `compat`) and reports what upstream would
//! have done silently as warnings; with `AgoraTokenOptions.strict` the same input is refused
//! with the core's typed error instead. Every rule of which services and privileges a builder
//! adds is the core's (`AccessToken2::rtc`, `rtc_with_rtm`, `apaas_room_user`, ...).
//!
//! Every function ends with the same four parameters: `options` (NULL = defaults), `warnings`
//! (NULL = not wanted), `token` (required) and `error_message` (NULL = not wanted).

use std::ffi::c_char;

use agora_token::compat;
use agora_token::{RtcPrivilegeExpiries, FPA_TOKEN_EXPIRE};

use crate::compat::{AgoraTokenWarnings, Warnings};
use crate::error::AgoraTokenStatus;
use crate::ffi::text;
use crate::options::{credentials, issue, AgoraTokenOptions};
use crate::services::{permissions_of, AgoraTokenRtm2Permissions};

/// The four per-privilege expiries of the `_and_privilege` and RTM2 builders, each checked
/// for the mistakes upstream accepts silently.
fn expiries(join: u32, audio: u32, video: u32, data: u32, warnings: &mut Warnings) -> RtcPrivilegeExpiries {
    warnings.add(compat::expire_007("join_channel_privilege_expire", join));
    warnings.add(compat::expire_007("pub_audio_privilege_expire", audio));
    warnings.add(compat::expire_007("pub_video_privilege_expire", video));
    warnings.add(compat::expire_007("pub_data_stream_privilege_expire", data));
    RtcPrivilegeExpiries { join_channel: join, publish_audio: audio, publish_video: video, publish_data: data }
}

/// `RtcTokenBuilder2::BuildTokenWithUid(app_id, app_certificate, channel_name, uid, role,
/// token_expire, privilege_expire)`: join until `privilege_expire`, plus publishing for role
/// 1 (publisher). Any role but 1 joins only (warning unless 2). Uid 0 means any user.
///
/// # Safety
/// Strings are pointer + byte length (NULL only with length 0); out-pointers are NULL or
/// writable (`token` is required); `options` is NULL or readable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtc_build_token_with_uid(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    uid: u32,
    role: i64,
    token_expire: u32,
    privilege_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let role = settings.rtc_role(role, found)?;
            found.add(compat::expire_007("token_expire", token_expire));
            found.add(compat::expire_007("privilege_expire", privilege_expire));
            settings.start(token_expire).rtc(channel_name, uid, role, privilege_expire).build(&credentials)
        })
    }
}

/// `RtcTokenBuilder2::BuildTokenWithUserAccount(...)`: as
/// `agora_token_rtc_build_token_with_uid` for a string account (packed verbatim, so "0" stays "0").
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtc_build_token_with_user_account(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    user_account: *const c_char,
    user_account_len: usize,
    role: i64,
    token_expire: u32,
    privilege_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let account = text("user_account", user_account, user_account_len)?;
            let role = settings.rtc_role(role, found)?;
            found.add(compat::expire_007("token_expire", token_expire));
            found.add(compat::expire_007("privilege_expire", privilege_expire));
            settings.start(token_expire).rtc(channel_name, account, role, privilege_expire).build(&credentials)
        })
    }
}

/// `BuildTokenWithUidAndPrivilege` (C++: the nine-argument `BuildTokenWithUid`): all four RTC
/// privileges, each with its own expiry, no role.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtc_build_token_with_uid_and_privilege(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    uid: u32,
    token_expire: u32,
    join_channel_privilege_expire: u32,
    pub_audio_privilege_expire: u32,
    pub_video_privilege_expire: u32,
    pub_data_stream_privilege_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            found.add(compat::expire_007("token_expire", token_expire));
            let expiries = expiries(
                join_channel_privilege_expire,
                pub_audio_privilege_expire,
                pub_video_privilege_expire,
                pub_data_stream_privilege_expire,
                found,
            );
            settings.start(token_expire).rtc_with_privileges(channel_name, uid, expiries).build(&credentials)
        })
    }
}

/// `BuildTokenWithUserAccountAndPrivilege` (C++: the nine-argument `BuildTokenWithUserAccount`).
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtc_build_token_with_user_account_and_privilege(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    user_account: *const c_char,
    user_account_len: usize,
    token_expire: u32,
    join_channel_privilege_expire: u32,
    pub_audio_privilege_expire: u32,
    pub_video_privilege_expire: u32,
    pub_data_stream_privilege_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let account = text("user_account", user_account, user_account_len)?;
            found.add(compat::expire_007("token_expire", token_expire));
            let expiries = expiries(
                join_channel_privilege_expire,
                pub_audio_privilege_expire,
                pub_video_privilege_expire,
                pub_data_stream_privilege_expire,
                found,
            );
            settings.start(token_expire).rtc_with_privileges(channel_name, account, expiries).build(&credentials)
        })
    }
}

/// `BuildTokenWithRtm(app_id, app_certificate, channel_name, account, role, token_expire,
/// privilege_expire)`: RTC for the account as `..._with_user_account`, plus RTM login for the
/// same account until `token_expire`.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtc_build_token_with_rtm(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    account: *const c_char,
    account_len: usize,
    role: i64,
    token_expire: u32,
    privilege_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let account = text("account", account, account_len)?;
            let role = settings.rtc_role(role, found)?;
            found.add(compat::expire_007("token_expire", token_expire));
            found.add(compat::expire_007("privilege_expire", privilege_expire));
            settings.start(token_expire).rtc_with_rtm(channel_name, account, role, privilege_expire).build(&credentials)
        })
    }
}

/// Which services the twelve-argument builders add after RTC and RTM.
#[derive(Debug, Clone, Copy)]
enum WithRtm2 {
    /// `BuildTokenWithRtm2`.
    Plain,
    /// npm `ConvoAITokenBuilder.buildToken`.
    ConvoAi,
    /// npm `SttTokenBuilder.buildToken`.
    Stt,
}

/// The shared body of `BuildTokenWithRtm2`, ConvoAI and STT.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[allow(clippy::too_many_arguments)]
unsafe fn rtc_rtm2(
    which: WithRtm2,
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    rtc_account: *const c_char,
    rtc_account_len: usize,
    rtc_role: i64,
    rtc_token_expire: u32,
    privilege_expires: [u32; 4],
    rtm_user_id: *const c_char,
    rtm_user_id_len: usize,
    rtm_token_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let channel_name = text("channel_name", channel_name, channel_name_len)?;
            let rtc_account = text("rtc_account", rtc_account, rtc_account_len)?;
            let rtm_user_id = text("rtm_user_id", rtm_user_id, rtm_user_id_len)?;
            let role = settings.rtc_role(rtc_role, found)?;
            found.add(compat::expire_007("rtc_token_expire", rtc_token_expire));
            let [join, audio, video, data] = privilege_expires;
            let expiries = expiries(join, audio, video, data, found);
            found.add(compat::expire_007("rtm_token_expire", rtm_token_expire));
            let mut start = settings.start(rtc_token_expire);
            let token = match which {
                WithRtm2::Plain => start.rtc_with_rtm_expiries(
                    channel_name,
                    rtc_account,
                    role,
                    expiries,
                    rtm_user_id,
                    rtm_token_expire,
                ),
                WithRtm2::ConvoAi => {
                    start.convo_ai(channel_name, rtc_account, role, expiries, rtm_user_id, rtm_token_expire)
                }
                WithRtm2::Stt => start.stt(channel_name, rtc_account, role, expiries, rtm_user_id, rtm_token_expire),
            };
            token.build(&credentials)
        })
    }
}

/// `BuildTokenWithRtm2(app_id, app_certificate, channel_name, rtc_account, rtc_role,
/// rtc_token_expire, join_channel_privilege_expire, pub_audio_privilege_expire,
/// pub_video_privilege_expire, pub_data_stream_privilege_expire, rtm_user_id,
/// rtm_token_expire)`: RTC for `rtc_account` (publish privileges only for role 1) plus RTM
/// login for `rtm_user_id` until `rtm_token_expire`.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtc_build_token_with_rtm2(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    rtc_account: *const c_char,
    rtc_account_len: usize,
    rtc_role: i64,
    rtc_token_expire: u32,
    join_channel_privilege_expire: u32,
    pub_audio_privilege_expire: u32,
    pub_video_privilege_expire: u32,
    pub_data_stream_privilege_expire: u32,
    rtm_user_id: *const c_char,
    rtm_user_id_len: usize,
    rtm_token_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    let privilege_expires = [
        join_channel_privilege_expire,
        pub_audio_privilege_expire,
        pub_video_privilege_expire,
        pub_data_stream_privilege_expire,
    ];
    // SAFETY: forwarded caller contract.
    unsafe {
        rtc_rtm2(
            WithRtm2::Plain,
            app_id,
            app_id_len,
            app_certificate,
            app_certificate_len,
            channel_name,
            channel_name_len,
            rtc_account,
            rtc_account_len,
            rtc_role,
            rtc_token_expire,
            privilege_expires,
            rtm_user_id,
            rtm_user_id_len,
            rtm_token_expire,
            options,
            warnings,
            token,
            error_message,
        )
    }
}

/// npm `ConvoAITokenBuilder.buildToken`: the services of `BuildTokenWithRtm2` plus ConvoAI.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_convoai_build_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    rtc_account: *const c_char,
    rtc_account_len: usize,
    rtc_role: i64,
    rtc_token_expire: u32,
    join_channel_privilege_expire: u32,
    pub_audio_privilege_expire: u32,
    pub_video_privilege_expire: u32,
    pub_data_stream_privilege_expire: u32,
    rtm_user_id: *const c_char,
    rtm_user_id_len: usize,
    rtm_token_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    let privilege_expires = [
        join_channel_privilege_expire,
        pub_audio_privilege_expire,
        pub_video_privilege_expire,
        pub_data_stream_privilege_expire,
    ];
    // SAFETY: forwarded caller contract.
    unsafe {
        rtc_rtm2(
            WithRtm2::ConvoAi,
            app_id,
            app_id_len,
            app_certificate,
            app_certificate_len,
            channel_name,
            channel_name_len,
            rtc_account,
            rtc_account_len,
            rtc_role,
            rtc_token_expire,
            privilege_expires,
            rtm_user_id,
            rtm_user_id_len,
            rtm_token_expire,
            options,
            warnings,
            token,
            error_message,
        )
    }
}

/// npm `SttTokenBuilder.buildToken`: the services of `BuildTokenWithRtm2` plus STT.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_stt_build_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    channel_name: *const c_char,
    channel_name_len: usize,
    rtc_account: *const c_char,
    rtc_account_len: usize,
    rtc_role: i64,
    rtc_token_expire: u32,
    join_channel_privilege_expire: u32,
    pub_audio_privilege_expire: u32,
    pub_video_privilege_expire: u32,
    pub_data_stream_privilege_expire: u32,
    rtm_user_id: *const c_char,
    rtm_user_id_len: usize,
    rtm_token_expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    let privilege_expires = [
        join_channel_privilege_expire,
        pub_audio_privilege_expire,
        pub_video_privilege_expire,
        pub_data_stream_privilege_expire,
    ];
    // SAFETY: forwarded caller contract.
    unsafe {
        rtc_rtm2(
            WithRtm2::Stt,
            app_id,
            app_id_len,
            app_certificate,
            app_certificate_len,
            channel_name,
            channel_name_len,
            rtc_account,
            rtc_account_len,
            rtc_role,
            rtc_token_expire,
            privilege_expires,
            rtm_user_id,
            rtm_user_id_len,
            rtm_token_expire,
            options,
            warnings,
            token,
            error_message,
        )
    }
}

/// `RtmTokenBuilder2::BuildToken(app_id, app_certificate, user_id, expire)`: RTM login until
/// `expire`, which is also the token lifetime.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtm_build_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    user_id: *const c_char,
    user_id_len: usize,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let user_id = text("user_id", user_id, user_id_len)?;
            found.add(compat::expire_007("expire", expire));
            settings.start(expire).rtm(user_id, expire).build(&credentials)
        })
    }
}

/// `RtmTokenBuilder2::BuildToken(app_id, app_certificate, user_id, permissions, expire)`
/// (Go `BuildTokenWithPermissions`): RTM2 login with resource permissions until `expire`.
/// `permissions` may be NULL (none).
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`; `permissions` is NULL or a live
/// `AgoraTokenRtm2Permissions`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_rtm_build_token_with_permissions(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    user_id: *const c_char,
    user_id_len: usize,
    permissions: *const AgoraTokenRtm2Permissions,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let user_id = text("user_id", user_id, user_id_len)?;
            found.add(compat::expire_007("expire", expire));
            settings.start(expire).rtm2(user_id, permissions_of(permissions), expire).build(&credentials)
        })
    }
}

/// `ChatTokenBuilder2::BuildUserToken(app_id, app_certificate, user_id, expire)`.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_chat_build_user_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    user_id: *const c_char,
    user_id_len: usize,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let user_id = text("user_id", user_id, user_id_len)?;
            found.add(compat::expire_007("expire", expire));
            settings.start(expire).chat_user(user_id, expire).build(&credentials)
        })
    }
}

/// `ChatTokenBuilder2::BuildAppToken(app_id, app_certificate, expire)`.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_chat_build_app_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            found.add(compat::expire_007("expire", expire));
            settings.start(expire).chat_app(expire).build(&credentials)
        })
    }
}

/// `FpaTokenBuilder::BuildToken(app_id, app_certificate)`: FPA login privilege 0, lifetime 24 h.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_fpa_build_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, _| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            settings.start(FPA_TOKEN_EXPIRE).fpa().build(&credentials)
        })
    }
}

/// `ApaasTokenBuilder::BuildRoomUserToken(app_id, app_certificate, room_uuid, user_uuid,
/// role, expire)` (also `EducationTokenBuilder2`): APaaS room user, RTM login for the user and
/// Chat user for the MD5 of the user uuid, all until `expire`.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_apaas_build_room_user_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    room_uuid: *const c_char,
    room_uuid_len: usize,
    user_uuid: *const c_char,
    user_uuid_len: usize,
    role: i16,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let room_uuid = text("room_uuid", room_uuid, room_uuid_len)?;
            let user_uuid = text("user_uuid", user_uuid, user_uuid_len)?;
            found.add(compat::expire_007("expire", expire));
            settings.start(expire).apaas_room_user(room_uuid, user_uuid, role, expire).build(&credentials)
        })
    }
}

/// `ApaasTokenBuilder::BuildUserToken(app_id, app_certificate, user_uuid, expire)`.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn agora_token_apaas_build_user_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    user_uuid: *const c_char,
    user_uuid_len: usize,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            let user_uuid = text("user_uuid", user_uuid, user_uuid_len)?;
            found.add(compat::expire_007("expire", expire));
            settings.start(expire).apaas_user(user_uuid, expire).build(&credentials)
        })
    }
}

/// `ApaasTokenBuilder::BuildAppToken(app_id, app_certificate, expire)`.
///
/// # Safety
/// As `agora_token_rtc_build_token_with_uid`.
#[no_mangle]
pub unsafe extern "C" fn agora_token_apaas_build_app_token(
    app_id: *const c_char,
    app_id_len: usize,
    app_certificate: *const c_char,
    app_certificate_len: usize,
    expire: u32,
    options: *const AgoraTokenOptions,
    warnings: *mut *mut AgoraTokenWarnings,
    token: *mut *mut c_char,
    error_message: *mut *mut c_char,
) -> AgoraTokenStatus {
    // SAFETY: forwarded caller contract.
    unsafe {
        issue(options, warnings, token, error_message, |settings, found| {
            let credentials = credentials(app_id, app_id_len, app_certificate, app_certificate_len)?;
            found.add(compat::expire_007("expire", expire));
            settings.start(expire).apaas_app(expire).build(&credentials)
        })
    }
}
