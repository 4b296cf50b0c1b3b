//! The drop-in layer's builders: the static classes of npm `agora-token` 2.0.6 and the 006
//! builders of npm `agora-access-token` 2.0.4, with their names, argument order and defaults.
//!
//! Arguments are read as `Unknown` and checked in `args` so that a wrong type names the
//! argument. Every method also takes an optional trailing `{ issuedAt, salt }` (upstream has
//! no way to fix them).
//!
//! As upstream, any role value is accepted and read with upstream's loose `role == 1`
//! (006: `== 0`, `== 1`, `== 101`), any u32 expiry is packed as given, and `compatBuildToken`
//! (the drop-in `AccessToken2.build()`) packs any privilege number; the surprising ones
//! (`agora_token::compat`) emit an `AgoraTokenCompatWarning` through `process.emitWarning`.
//!
//! Differences from upstream, on purpose: bad input throws an `Error` with a `code` instead of
//! returning `""` or packing garbage (invalid credentials, numbers that are negative,
//! fractional or not numbers); numeric user ids work everywhere the typings allow them
//! (upstream crashes on non-zero numbers for RTM, Chat and APaaS); the APaaS / Education
//! room-user token carries its privilege (`ApaasRoomUserVariant::Standard`).

use agora_token::compat;
use agora_token::legacy::{AccessToken, Role006};
use agora_token::{ApaasRoomUserVariant, RtcPrivilegeExpiries, FPA_TOKEN_EXPIRE};
use napi::{Env, Unknown};
use napi_derive::napi;

use crate::access_token2::{BuildOptions, Fixed, TokenOptions};
use crate::args::{
    arg_credentials, arg_number, arg_opt_u32, arg_string, arg_u32, arg_user, arg_user_string, credentials, to_i16,
    to_u32, with_loose_value, with_upstream_value, Equality,
};
use crate::error::{CoreResultExt, Result};
use crate::services::{rtm2_permissions, JsRtm2Details};
use crate::warning::emit_if;

/// npm `Rtm2Permissions` as the builders read it: only its `details`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Rtm2PermissionsLike {
    /// Resource type → permission type → resource names.
    #[napi(ts_type = "{ [resourceType: number]: { [permissionType: number]: string[] } }")]
    pub details: JsRtm2Details,
}

/// The four per-privilege lifetimes, in upstream's argument order.
fn expiries(
    env: &Env,
    join: &Unknown<'_>,
    audio: &Unknown<'_>,
    video: &Unknown<'_>,
    data: &Unknown<'_>,
) -> Result<RtcPrivilegeExpiries> {
    Ok(RtcPrivilegeExpiries {
        join_channel: expire_007(env, "joinChannelPrivilegeExpire", join)?,
        publish_audio: expire_007(env, "pubAudioPrivilegeExpire", audio)?,
        publish_video: expire_007(env, "pubVideoPrivilegeExpire", video)?,
        publish_data: expire_007(env, "pubDataStreamPrivilegeExpire", data)?,
    })
}

/// Upstream's reading of a 007 RTC role (`role == 1` publishes, anything else joins only),
/// warning about values other than 1 and 2.
fn rtc_role(env: &Env, field: &str, value: &Unknown<'_>) -> Result<agora_token::RtcRole> {
    rtc_role_compared(env, field, value, Equality::Loose)
}

/// [`rtc_role`] for builders that compare with `===` or `==`.
fn rtc_role_compared(env: &Env, field: &str, value: &Unknown<'_>, equality: Equality) -> Result<agora_token::RtcRole> {
    let reading = with_upstream_value(field, value, equality, compat::rtc_role)?;
    emit_if(env, reading.warning)?;
    Ok(reading.value)
}

/// Upstream's reading of a 006 RTC role (`role == 0 || role == 1 || role == 101` publish),
/// warning about values other than 0, 1, 2 and 101.
fn role_006(env: &Env, field: &str, value: &Unknown<'_>) -> Result<Role006> {
    let reading = with_loose_value(field, value, compat::role_006)?;
    emit_if(env, reading.warning)?;
    Ok(reading.value)
}

/// A 007 expiry in seconds; warns when it looks like a Unix timestamp or exceeds 24 hours.
fn expire_007(env: &Env, field: &str, value: &Unknown<'_>) -> Result<u32> {
    let seconds = arg_u32(field, value)?;
    emit_if(env, compat::expire_007(field, seconds))?;
    Ok(seconds)
}

/// An optional 007 expiry (absent or `undefined`: `None`), warning as [`expire_007`].
fn opt_expire_007(env: &Env, field: &str, value: Option<&Unknown<'_>>) -> Result<Option<u32>> {
    let seconds = arg_opt_u32(field, value)?;
    if let Some(seconds) = seconds {
        emit_if(env, compat::expire_007(field, seconds))?;
    }
    Ok(seconds)
}

/// A 006 expiry (absolute Unix time, 0 = none); warns when it looks like a number of seconds.
fn expire_006(env: &Env, field: &str, value: &Unknown<'_>) -> Result<u32> {
    let unix_seconds = arg_u32(field, value)?;
    emit_if(env, compat::expire_006(field, unix_seconds))?;
    Ok(unix_seconds)
}

/// Shared body of `buildTokenWithUid` and `buildTokenWithUserAccount`.
#[allow(clippy::too_many_arguments)]
fn rtc(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    channel_name: &Unknown<'_>,
    user_field: &str,
    user: &Unknown<'_>,
    role: &Unknown<'_>,
    token_expire: &Unknown<'_>,
    privilege_expire: Option<&Unknown<'_>>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let channel_name = arg_string("channelName", channel_name)?;
    let user = arg_user(user_field, user)?;
    let role = rtc_role(env, "role", role)?;
    let token_expire = expire_007(env, "tokenExpire", token_expire)?;
    let privilege_expire = opt_expire_007(env, "privilegeExpire", privilege_expire)?.unwrap_or(0);
    fixed.start(&creds, token_expire).rtc(channel_name, user, role, privilege_expire).build().js()
}

/// Shared body of `buildTokenWithUidAndPrivilege` and `BuildTokenWithUserAccountAndPrivilege`.
#[allow(clippy::too_many_arguments)]
fn rtc_with_privileges(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    channel_name: &Unknown<'_>,
    user_field: &str,
    user: &Unknown<'_>,
    token_expire: &Unknown<'_>,
    expiries: Result<RtcPrivilegeExpiries>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let channel_name = arg_string("channelName", channel_name)?;
    let user = arg_user(user_field, user)?;
    let token_expire = expire_007(env, "tokenExpire", token_expire)?;
    fixed.start(&creds, token_expire).rtc_with_privileges(channel_name, user, expiries?).build().js()
}

/// Which services the twelve-argument builders add after RTC and RTM.
#[derive(Debug, Clone, Copy)]
enum WithRtm2 {
    /// `RtcTokenBuilder.buildTokenWithRtm2`.
    Plain,
    /// `ConvoAITokenBuilder.buildToken`.
    ConvoAi,
    /// `SttTokenBuilder.buildToken`.
    Stt,
}

/// Shared body of `buildTokenWithRtm2`, `ConvoAITokenBuilder.buildToken` and `SttTokenBuilder.buildToken`.
#[allow(clippy::too_many_arguments)]
fn rtc_rtm2(
    env: &Env,
    which: WithRtm2,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    channel_name: &Unknown<'_>,
    rtc_account: &Unknown<'_>,
    rtc_role: &Unknown<'_>,
    rtc_token_expire: &Unknown<'_>,
    expiries: Result<RtcPrivilegeExpiries>,
    rtm_user_id: &Unknown<'_>,
    rtm_token_expire: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let channel = arg_string("channelName", channel_name)?;
    let account = arg_user_string("rtcAccount", rtc_account)?;
    // npm's ConvoAI and STT builders compare the role with `===`, its RTC builder with `==`.
    let equality = match which {
        WithRtm2::Plain => Equality::Loose,
        WithRtm2::ConvoAi | WithRtm2::Stt => Equality::Strict,
    };
    let role = rtc_role_compared(env, "rtcRole", rtc_role, equality)?;
    let token_expire = expire_007(env, "rtcTokenExpire", rtc_token_expire)?;
    let expiries = expiries?;
    let rtm_user_id = arg_user_string("rtmUserId", rtm_user_id)?;
    let rtm_expire = expire_007(env, "rtmTokenExpire", rtm_token_expire)?;
    let token = fixed.start(&creds, token_expire);
    let token = match which {
        WithRtm2::Plain => token.rtc_with_rtm_expiries(channel, &account, role, expiries, rtm_user_id, rtm_expire),
        WithRtm2::ConvoAi => token.convo_ai(channel, &account, role, expiries, rtm_user_id, rtm_expire),
        WithRtm2::Stt => token.stt(channel, &account, role, expiries, rtm_user_id, rtm_expire),
    };
    token.build().js()
}

/// npm `agora-token` `RtcTokenBuilder` (007).
#[napi(js_name = "RtcTokenBuilder")]
#[derive(Debug)]
pub struct JsRtcTokenBuilder {}

#[napi]
impl JsRtcTokenBuilder {
    /// Builds an RTC token for a uid (a number; 0 = any user; a string is used as an account).
    /// `role`: `RtcRole.PUBLISHER` (1) or `RtcRole.SUBSCRIBER` (2); as upstream, any value
    /// `== 1` publishes and any other joins only (with a warning unless it is 2). Lifetimes
    /// are seconds after the issue time; `privilegeExpire` defaults to 0, as upstream.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_uid(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] uid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expire: Option<Unknown<'_>>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        rtc(
            &env,
            &app_id,
            &app_certificate,
            &channel_name,
            "uid",
            &uid,
            &role,
            &token_expire,
            privilege_expire.as_ref(),
            options,
        )
    }

    /// Builds an RTC token for a user account (a number is used as a uid).
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_user_account(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expire: Option<Unknown<'_>>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        rtc(
            &env,
            &app_id,
            &app_certificate,
            &channel_name,
            "account",
            &account,
            &role,
            &token_expire,
            privilege_expire.as_ref(),
            options,
        )
    }

    /// Builds an RTC token for a uid with a lifetime per privilege.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_uid_and_privilege(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] uid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] join_channel_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_audio_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_video_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_data_stream_privilege_expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let expiries = expiries(
            &env,
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_with_privileges(
            &env,
            &app_id,
            &app_certificate,
            &channel_name,
            "uid",
            &uid,
            &token_expire,
            expiries,
            options,
        )
    }

    /// Builds an RTC token for an account with a lifetime per privilege (upstream's
    /// capitalised name; `buildTokenWithUserAccountAndPrivilege` is the same method).
    #[napi(js_name = "BuildTokenWithUserAccountAndPrivilege")]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_user_account_and_privilege_upstream(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] join_channel_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_audio_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_video_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_data_stream_privilege_expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let expiries = expiries(
            &env,
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_with_privileges(
            &env,
            &app_id,
            &app_certificate,
            &channel_name,
            "account",
            &account,
            &token_expire,
            expiries,
            options,
        )
    }

    /// Lower-case alias of `BuildTokenWithUserAccountAndPrivilege`.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_user_account_and_privilege(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] join_channel_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_audio_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_video_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_data_stream_privilege_expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let expiries = expiries(
            &env,
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_with_privileges(
            &env,
            &app_id,
            &app_certificate,
            &channel_name,
            "account",
            &account,
            &token_expire,
            expiries,
            options,
        )
    }

    /// Builds an RTC token plus RTM login (for `tokenExpire`) for the same account.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_rtm(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expire: Option<Unknown<'_>>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let channel_name = arg_string("channelName", &channel_name)?;
        let account = arg_user_string("account", &account)?;
        let role = rtc_role(&env, "role", &role)?;
        let token_expire = expire_007(&env, "tokenExpire", &token_expire)?;
        let privilege_expire = opt_expire_007(&env, "privilegeExpire", privilege_expire.as_ref())?.unwrap_or(0);
        fixed.start(&creds, token_expire).rtc_with_rtm(channel_name, &account, role, privilege_expire).build().js()
    }

    /// Builds an RTC token with per-privilege lifetimes plus RTM login for `rtmUserId`.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_rtm2(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] rtc_account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtc_role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtc_token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] join_channel_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_audio_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_video_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_data_stream_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] rtm_user_id: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtm_token_expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let expiries = expiries(
            &env,
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_rtm2(
            &env,
            WithRtm2::Plain,
            &app_id,
            &app_certificate,
            &channel_name,
            &rtc_account,
            &rtc_role,
            &rtc_token_expire,
            expiries,
            &rtm_user_id,
            &rtm_token_expire,
            options,
        )
    }
}

/// npm `agora-token` `RtmTokenBuilder` (007).
#[napi(js_name = "RtmTokenBuilder")]
#[derive(Debug)]
pub struct JsRtmTokenBuilder {}

#[napi]
impl JsRtmTokenBuilder {
    /// Builds an RTM login token; `expire` is the token and login lifetime.
    #[napi]
    pub fn build_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_id: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let user_id = arg_user_string("userId", &user_id)?;
        let expire = expire_007(&env, "expire", &expire)?;
        fixed.start(&creds, expire).rtm(user_id, expire).build().js()
    }

    /// Builds an RTM2 token with resource permissions (an `Rtm2Permissions`).
    #[napi]
    pub fn build_token_with_permissions(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_id: Unknown<'_>,
        permissions: Rtm2PermissionsLike,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let user_id = arg_user_string("userId", &user_id)?;
        let permissions = rtm2_permissions(&permissions.details)?;
        let expire = expire_007(&env, "expire", &expire)?;
        fixed.start(&creds, expire).rtm2(user_id, permissions, expire).build().js()
    }
}

/// npm `agora-token` `ChatTokenBuilder`.
#[napi(js_name = "ChatTokenBuilder")]
#[derive(Debug)]
pub struct JsChatTokenBuilder {}

#[napi]
impl JsChatTokenBuilder {
    /// Builds a Chat user token.
    #[napi]
    pub fn build_user_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_id: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let user_id = arg_user_string("userId", &user_id)?;
        let expire = expire_007(&env, "expire", &expire)?;
        fixed.start(&creds, expire).chat_user(user_id, expire).build().js()
    }

    /// Builds a Chat app token.
    #[napi]
    pub fn build_app_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let expire = expire_007(&env, "expire", &expire)?;
        fixed.start(&creds, expire).chat_app(expire).build().js()
    }
}

/// npm `agora-token` `FpaTokenBuilder`.
#[napi(js_name = "FpaTokenBuilder")]
#[derive(Debug)]
pub struct JsFpaTokenBuilder {}

#[napi]
impl JsFpaTokenBuilder {
    /// Builds an FPA token; it expires 24 hours after the issue time.
    #[napi]
    pub fn build_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        fixed.start(&creds, FPA_TOKEN_EXPIRE).fpa().build().js()
    }
}

#[allow(clippy::too_many_arguments)]
fn apaas_room_user(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    room_uuid: &Unknown<'_>,
    user_uuid: &Unknown<'_>,
    role: &Unknown<'_>,
    expire: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let room_uuid = arg_string("roomUuid", room_uuid)?;
    let user_uuid = arg_user_string("userUuid", user_uuid)?;
    let role = to_i16("role", arg_number("role", role)?)?;
    let expire = expire_007(env, "expire", expire)?;
    fixed
        .start(&creds, expire)
        .apaas_room_user_variant(room_uuid, &user_uuid, role, expire, ApaasRoomUserVariant::Standard)
        .build()
        .js()
}

fn apaas_user(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    user_uuid: &Unknown<'_>,
    expire: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let user_uuid = arg_user_string("userUuid", user_uuid)?;
    let expire = expire_007(env, "expire", expire)?;
    fixed.start(&creds, expire).apaas_user(user_uuid, expire).build().js()
}

fn apaas_app(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    expire: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let expire = expire_007(env, "expire", expire)?;
    fixed.start(&creds, expire).apaas_app(expire).build().js()
}

/// npm `agora-token` `ApaasTokenBuilder`.
#[napi(js_name = "ApaasTokenBuilder")]
#[derive(Debug)]
pub struct JsApaasTokenBuilder {}

#[napi]
impl JsApaasTokenBuilder {
    /// Builds a room-user token (APaaS room user, RTM login, Chat user). Unlike npm, the APaaS
    /// service carries the room-user privilege, as every other upstream language builds it.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_room_user_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] room_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_room_user(&env, &app_id, &app_certificate, &room_uuid, &user_uuid, &role, &expire, options)
    }

    /// Builds a user token.
    #[napi]
    pub fn build_user_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_user(&env, &app_id, &app_certificate, &user_uuid, &expire, options)
    }

    /// Builds an app token.
    #[napi]
    pub fn build_app_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_app(&env, &app_id, &app_certificate, &expire, options)
    }
}

/// npm `agora-token` `EducationTokenBuilder` (identical to `ApaasTokenBuilder`, as upstream).
#[napi(js_name = "EducationTokenBuilder")]
#[derive(Debug)]
pub struct JsEducationTokenBuilder {}

#[napi]
impl JsEducationTokenBuilder {
    /// Builds a room-user token; see `ApaasTokenBuilder.buildRoomUserToken`.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_room_user_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] room_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_room_user(&env, &app_id, &app_certificate, &room_uuid, &user_uuid, &role, &expire, options)
    }

    /// Builds a user token.
    #[napi]
    pub fn build_user_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_user(&env, &app_id, &app_certificate, &user_uuid, &expire, options)
    }

    /// Builds an app token.
    #[napi]
    pub fn build_app_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_app(&env, &app_id, &app_certificate, &expire, options)
    }
}

/// npm `agora-token` `ConvoAITokenBuilder`.
#[napi(js_name = "ConvoAITokenBuilder")]
#[derive(Debug)]
pub struct JsConvoAiTokenBuilder {}

#[napi]
impl JsConvoAiTokenBuilder {
    /// Builds a token with RTC, RTM and ConvoAI services.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] rtc_account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtc_role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtc_token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] join_channel_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_audio_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_video_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_data_stream_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] rtm_user_id: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtm_token_expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let expiries = expiries(
            &env,
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_rtm2(
            &env,
            WithRtm2::ConvoAi,
            &app_id,
            &app_certificate,
            &channel_name,
            &rtc_account,
            &rtc_role,
            &rtc_token_expire,
            expiries,
            &rtm_user_id,
            &rtm_token_expire,
            options,
        )
    }
}

/// npm `agora-token` `SttTokenBuilder`.
#[napi(js_name = "SttTokenBuilder")]
#[derive(Debug)]
pub struct JsSttTokenBuilder {}

#[napi]
impl JsSttTokenBuilder {
    /// Builds a token with RTC, RTM and STT services.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] rtc_account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtc_role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtc_token_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] join_channel_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_audio_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_video_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "number")] pub_data_stream_privilege_expire: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] rtm_user_id: Unknown<'_>,
        #[napi(ts_arg_type = "number")] rtm_token_expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let expiries = expiries(
            &env,
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_rtm2(
            &env,
            WithRtm2::Stt,
            &app_id,
            &app_certificate,
            &channel_name,
            &rtc_account,
            &rtc_role,
            &rtc_token_expire,
            expiries,
            &rtm_user_id,
            &rtm_token_expire,
            options,
        )
    }
}

/// The drop-in `AccessToken2.build()` (compat.js): an AccessToken2 whose services keep every
/// privilege number as given (0 to 65535), as upstream packs them. Undefined numbers and
/// expiries that look like Unix timestamps or exceed 24 hours warn (`process.emitWarning`).
/// The idiomatic `buildToken` refuses undefined numbers instead.
#[napi]
pub fn compat_build_token(env: Env, options: TokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    emit_if(&env, compat::expire_007("expire", expire))?;
    let mut token = fixed.start(&creds, expire);
    for input in options.services {
        let (mut service, privileges) = input.into_core_and_raw_privileges()?;
        let service_type = service.service_type();
        for (code, seconds) in privileges {
            emit_if(&env, compat::privilege(service_type, code))?;
            emit_if(&env, compat::expire_007(&format!("{service_type} privilege {code} expire"), seconds))?;
            service.add_privilege_unchecked(code, seconds);
        }
        token.push_service(service);
    }
    token.build().js()
}

/// Applies the drop-in options to a 006 token (its expiry counts from the issue time).
fn access_token_006(mut token: AccessToken<'_>, fixed: Fixed) -> AccessToken<'_> {
    if let Some(issued_at) = fixed.issued_at {
        token = token.issued_at(issued_at);
    }
    if let Some(salt) = fixed.salt {
        token = token.salt(salt);
    }
    token
}

#[allow(clippy::too_many_arguments)]
fn rtc_006(
    env: &Env,
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    channel_name: &Unknown<'_>,
    user_field: &str,
    user: &Unknown<'_>,
    role: &Unknown<'_>,
    privilege_expired_ts: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let channel_name = arg_string("channelName", channel_name)?;
    let user = arg_user(user_field, user)?;
    let role = role_006(env, "role", role)?;
    let expired_ts = expire_006(env, "privilegeExpiredTs", privilege_expired_ts)?;
    access_token_006(AccessToken::rtc(&creds, channel_name, user, role, expired_ts), fixed).build().js()
}

/// npm `agora-access-token` `RtcTokenBuilder` (006 tokens), exported by the drop-in module
/// `compat/access-token` as `RtcTokenBuilder`.
#[napi(js_name = "RtcTokenBuilder006")]
#[derive(Debug)]
pub struct JsRtcTokenBuilder006 {}

#[napi]
impl JsRtcTokenBuilder006 {
    /// Builds a 006 RTC token for a uid (0 = any user). `role`: 0 attendee, 1 publisher,
    /// 2 subscriber, 101 admin; as upstream, any other value joins only (with a warning).
    /// `privilegeExpiredTs` is an absolute Unix time (0 = none).
    /// `options.issuedAt` fixes the clock (the token expires 24 hours after it).
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_uid(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "number | string")] uid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expired_ts: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        rtc_006(&env, &app_id, &app_certificate, &channel_name, "uid", &uid, &role, &privilege_expired_ts, options)
    }

    /// Builds a 006 RTC token for a user account.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_account(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expired_ts: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        rtc_006(
            &env,
            &app_id,
            &app_certificate,
            &channel_name,
            "account",
            &account,
            &role,
            &privilege_expired_ts,
            options,
        )
    }
}

/// npm `agora-access-token` `RtmTokenBuilder` (006 tokens), exported by the drop-in module
/// `compat/access-token` as `RtmTokenBuilder`.
#[napi(js_name = "RtmTokenBuilder006")]
#[derive(Debug)]
pub struct JsRtmTokenBuilder006 {}

#[napi]
impl JsRtmTokenBuilder006 {
    /// Builds a 006 RTM token. `role` (`RtmRole.Rtm_User`) is unused, whatever it is, as
    /// upstream. `privilegeExpiredTs` is an absolute Unix time (0 = none).
    #[napi]
    pub fn build_token(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expired_ts: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let account = arg_user_string("account", &account)?;
        // RTM 006 has a single privilege, so upstream ignores the role, whatever it is.
        let _ = role;
        let expired_ts = expire_006(&env, "privilegeExpiredTs", &privilege_expired_ts)?;
        access_token_006(AccessToken::rtm(&creds, account, expired_ts), fixed).build().js()
    }
}
