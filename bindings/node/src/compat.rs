//! The drop-in layer's builders: the static classes of npm `agora-token` 2.0.6 and the 006
//! builders of npm `agora-access-token` 2.0.4, with their names, argument order and defaults.
//!
//! Arguments are read as `Unknown` and checked in `args` so that a wrong type names the
//! argument. Every method also takes an optional trailing `{ issuedAt, salt }` (upstream has
//! no way to fix them).
//!
//! As upstream, any role value is accepted and read with upstream's loose `role == 1`
//! (006: `== 0`, `== 1`, `== 101`); numbers are read as its `Buffer` writes read them
//! (`"600"` is 600, `600.9` packs 600, `NaN` 0) and uids as its template literal writes them
//! (`-1` is the account `"-1"`) (`loose`); `compatBuildToken` (the drop-in
//! `AccessToken2.build()`) packs any privilege number and RTM2 type. The surprising values
//! (`agora_token::compat`) emit an `AgoraTokenCompatWarning` through `process.emitWarning`.
//!
//! Differences from upstream, on purpose: invalid credentials throw an `Error` with a `code`
//! instead of returning `""`; numeric user ids work everywhere the typings allow them
//! (upstream crashes on non-zero numbers for RTM, Chat and APaaS); the APaaS / Education
//! room-user token carries its privilege (`ApaasRoomUserVariant::Standard`) and keeps role 0.

use agora_token::compat;
use agora_token::compat::javascript::{self as js, Equality};
use agora_token::legacy::access_token::AccessToken;
use agora_token::{ApaasRoomUserVariant, RtcPrivilegeExpiries, FPA_TOKEN_EXPIRE};
use napi::bindgen_prelude::Object;
use napi::{Env, JsValue, Unknown};
use napi_derive::napi;

use crate::access_token2::{BuildOptions, Fixed};
use crate::args::{arg_credentials, arg_string, arg_user_string};
use crate::error::{CoreResultExt, Result};
use crate::loose::{self, Loose};

/// The four per-privilege lifetimes, in upstream's argument order.
fn expiries(
    env: &Env,
    join: &Unknown<'_>,
    audio: &Unknown<'_>,
    video: &Unknown<'_>,
    data: &Unknown<'_>,
) -> Result<RtcPrivilegeExpiries> {
    Ok(RtcPrivilegeExpiries {
        join_channel: loose::expire_007(env, "joinChannelPrivilegeExpire", join)?,
        publish_audio: loose::expire_007(env, "pubAudioPrivilegeExpire", audio)?,
        publish_video: loose::expire_007(env, "pubVideoPrivilegeExpire", video)?,
        publish_data: loose::expire_007(env, "pubDataStreamPrivilegeExpire", data)?,
    })
}

/// Upstream's reading of a 007 RTC role (`role == 1` publishes, anything else joins only).
fn rtc_role(env: &Env, field: &str, value: &Unknown<'_>) -> Result<agora_token::RtcRole> {
    loose::rtc_role(env, field, value, Equality::Loose)
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
    privilege_expire: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let channel_name = arg_string("channelName", channel_name)?;
    let user = loose::user(env, user_field, user)?;
    let role = rtc_role(env, "role", role)?;
    let token_expire = loose::expire_007(env, "tokenExpire", token_expire)?;
    let privilege_expire =
        loose::opt_expire_007(env, "privilegeExpire", privilege_expire)?.unwrap_or(compat::UPSTREAM_PRIVILEGE_EXPIRE);
    fixed.start(token_expire).rtc(channel_name, user, role, privilege_expire).build(&creds).js()
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
    let user = loose::user(env, user_field, user)?;
    let token_expire = loose::expire_007(env, "tokenExpire", token_expire)?;
    fixed.start(token_expire).rtc_with_privileges(channel_name, user, expiries?).build(&creds).js()
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
    let account = loose::user(env, "rtcAccount", rtc_account)?.to_wire_string();
    // npm's ConvoAI and STT builders compare the role with `===`, its RTC builder with `==`.
    let equality = match which {
        WithRtm2::Plain => Equality::Loose,
        WithRtm2::ConvoAi | WithRtm2::Stt => Equality::Strict,
    };
    let role = loose::rtc_role(env, "rtcRole", rtc_role, equality)?;
    let token_expire = loose::expire_007(env, "rtcTokenExpire", rtc_token_expire)?;
    let expiries = expiries?;
    let rtm_user_id = loose::user_id(env, "rtmUserId", rtm_user_id, false)?;
    let rtm_expire = loose::expire_007(env, "rtmTokenExpire", rtm_token_expire)?;
    let mut token = fixed.start(token_expire);
    let token = match which {
        WithRtm2::Plain => token.rtc_with_rtm_expiries(channel, &account, role, expiries, rtm_user_id, rtm_expire),
        WithRtm2::ConvoAi => token.convo_ai(channel, &account, role, expiries, rtm_user_id, rtm_expire),
        WithRtm2::Stt => token.stt(channel, &account, role, expiries, rtm_user_id, rtm_expire),
    };
    token.build(&creds).js()
}

/// npm `agora-token` `RtcTokenBuilder` (007).
#[napi]
#[derive(Debug)]
pub struct RtcTokenBuilder {}

#[napi]
impl RtcTokenBuilder {
    /// Builds an RTC token for a uid (a number; 0 = any user; a string is used as an account).
    /// `role`: `RtcRole.PUBLISHER` (1) or `RtcRole.SUBSCRIBER` (2); as upstream, any value
    /// `== 1` publishes and any other joins only (with a warning unless it is 2). Lifetimes
    /// are seconds after the issue time; `privilegeExpire` defaults to 0, as upstream.
    // `privilegeExpire` is read as an `Unknown`, not an `Option` (which would take `null` for
    // "omitted"): npm's default parameter applies to `undefined` only, and packs `null` as 0.
    #[napi(
        ts_args_type = "appId: string, appCertificate: string, channelName: string, uid: string | number, role: number, tokenExpire: number, privilegeExpire?: number, options?: BuildOptions | undefined | null"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_uid(
        env: Env,
        app_id: Unknown<'_>,
        app_certificate: Unknown<'_>,
        channel_name: Unknown<'_>,
        uid: Unknown<'_>,
        role: Unknown<'_>,
        token_expire: Unknown<'_>,
        privilege_expire: Unknown<'_>,
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
            &privilege_expire,
            options,
        )
    }

    /// Builds an RTC token for a user account (a number is used as a uid).
    // `privilegeExpire` is read as an `Unknown`, not an `Option` (which would take `null` for
    // "omitted"): npm's default parameter applies to `undefined` only, and packs `null` as 0.
    #[napi(
        ts_args_type = "appId: string, appCertificate: string, channelName: string, account: string | number, role: number, tokenExpire: number, privilegeExpire?: number, options?: BuildOptions | undefined | null"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_user_account(
        env: Env,
        app_id: Unknown<'_>,
        app_certificate: Unknown<'_>,
        channel_name: Unknown<'_>,
        account: Unknown<'_>,
        role: Unknown<'_>,
        token_expire: Unknown<'_>,
        privilege_expire: Unknown<'_>,
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
            &privilege_expire,
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
    // `privilegeExpire` is read as an `Unknown`, not an `Option` (which would take `null` for
    // "omitted"): npm's default parameter applies to `undefined` only, and packs `null` as 0.
    #[napi(
        ts_args_type = "appId: string, appCertificate: string, channelName: string, account: string | number, role: number, tokenExpire: number, privilegeExpire?: number, options?: BuildOptions | undefined | null"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_rtm(
        env: Env,
        app_id: Unknown<'_>,
        app_certificate: Unknown<'_>,
        channel_name: Unknown<'_>,
        account: Unknown<'_>,
        role: Unknown<'_>,
        token_expire: Unknown<'_>,
        privilege_expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let channel_name = arg_string("channelName", &channel_name)?;
        // npm writes the RTC uid `${account}` and the RTM user id `account || ''`: for a string or
        // a uid both are the same; `undefined`, `null`, `false` and `NaN` differ.
        let rtc_account = loose::user(&env, "account", &account)?.to_wire_string();
        let rtm_user_id = loose::user_id(&env, "account", &account, false)?;
        let role = rtc_role(&env, "role", &role)?;
        let token_expire = loose::expire_007(&env, "tokenExpire", &token_expire)?;
        let privilege_expire = loose::opt_expire_007(&env, "privilegeExpire", &privilege_expire)?
            .unwrap_or(compat::UPSTREAM_PRIVILEGE_EXPIRE);
        let mut token = fixed.start(token_expire);
        let token = if rtc_account == rtm_user_id {
            token.rtc_with_rtm(channel_name, &rtc_account, role, privilege_expire)
        } else {
            let expiries = RtcPrivilegeExpiries {
                join_channel: privilege_expire,
                publish_audio: privilege_expire,
                publish_video: privilege_expire,
                publish_data: privilege_expire,
            };
            token.rtc_with_rtm_expiries(channel_name, &rtc_account, role, expiries, rtm_user_id, token_expire)
        };
        token.build(&creds).js()
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
#[napi]
#[derive(Debug)]
pub struct RtmTokenBuilder {}

#[napi]
impl RtmTokenBuilder {
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
        let user_id = loose::user_id(&env, "userId", &user_id, false)?;
        let expire = loose::expire_007(&env, "expire", &expire)?;
        fixed.start(expire).rtm(user_id, expire).build(&creds).js()
    }

    /// Builds an RTM2 token with resource permissions (an `Rtm2Permissions`).
    #[napi]
    pub fn build_token_with_permissions(
        env: Env,
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_id: Unknown<'_>,
        #[napi(ts_arg_type = "{ details: { [resourceType: number]: { [permissionType: number]: string[] } } }")]
        permissions: Object<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let user_id = loose::rtm2_user_id(&env, "userId", &user_id, false)?;
        let permissions = loose::read(&env, |warnings| {
            js::rtm2_permissions(
                &js::JsValue::property(&Loose(permissions.to_unknown()), "permissions", "details")?,
                warnings,
            )
        })?;
        let expire = loose::expire_007(&env, "expire", &expire)?;
        fixed.start(expire).rtm2(user_id, permissions, expire).build(&creds).js()
    }
}

/// npm `agora-token` `ChatTokenBuilder`.
#[napi]
#[derive(Debug)]
pub struct ChatTokenBuilder {}

#[napi]
impl ChatTokenBuilder {
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
        let user_id = loose::user_id(&env, "userId", &user_id, false)?;
        let expire = loose::expire_007(&env, "expire", &expire)?;
        fixed.start(expire).chat_user(user_id, expire).build(&creds).js()
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
        let expire = loose::expire_007(&env, "expire", &expire)?;
        fixed.start(expire).chat_app(expire).build(&creds).js()
    }
}

/// npm `agora-token` `FpaTokenBuilder`.
#[napi]
#[derive(Debug)]
pub struct FpaTokenBuilder {}

#[napi]
impl FpaTokenBuilder {
    /// Builds an FPA token; it expires 24 hours after the issue time.
    #[napi]
    pub fn build_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        fixed.start(FPA_TOKEN_EXPIRE).fpa().build(&creds).js()
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
    let room_uuid = loose::user_id(env, "roomUuid", room_uuid, false)?;
    let user_uuid = loose::user_id(env, "userUuid", user_uuid, false)?;
    let role = loose::apaas_role(env, "role", role)?;
    let expire = loose::expire_007(env, "expire", expire)?;
    fixed
        .start(expire)
        .apaas_room_user_variant(room_uuid, &user_uuid, role, expire, ApaasRoomUserVariant::Standard)
        .build(&creds)
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
    let user_uuid = loose::user_id(env, "userUuid", user_uuid, false)?;
    let expire = loose::expire_007(env, "expire", expire)?;
    fixed.start(expire).apaas_user(user_uuid, expire).build(&creds).js()
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
    let expire = loose::expire_007(env, "expire", expire)?;
    fixed.start(expire).apaas_app(expire).build(&creds).js()
}

/// npm `agora-token` `ApaasTokenBuilder`.
#[napi]
#[derive(Debug)]
pub struct ApaasTokenBuilder {}

#[napi]
impl ApaasTokenBuilder {
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
#[napi]
#[derive(Debug)]
pub struct EducationTokenBuilder {}

#[napi]
impl EducationTokenBuilder {
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
// Spelled out: napi's default would write the struct name as `ConvoAiTokenBuilder`.
#[napi(js_name = "ConvoAITokenBuilder")]
#[derive(Debug)]
pub struct ConvoAITokenBuilder {}

#[napi]
impl ConvoAITokenBuilder {
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
#[napi]
#[derive(Debug)]
pub struct SttTokenBuilder {}

#[napi]
impl SttTokenBuilder {
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

/// The drop-in `AccessToken2.build()` (compat.js), given the token's fields as upstream holds
/// them (`{ appId, appCertificate, expire, issuedAt, salt, services }`, each service
/// `{ type, privileges, ...its fields }`) and packing them as npm does: numbers through its
/// `Buffer` writes and uids through its template literal (`loose`), every privilege number and
/// RTM2 type as given. Undefined numbers, lossy conversions and surprising expiries warn
/// (`process.emitWarning`). The idiomatic `buildToken` refuses such input instead.
#[napi(ts_args_type = "options: { appId: string, appCertificate: string, expire: unknown, issuedAt: unknown, \
                      salt: unknown, services: Array<{ type: number, privileges: Record<string, unknown>, \
                      [field: string]: unknown }> }")]
pub fn compat_build_token(env: Env, options: Unknown<'_>) -> Result<String> {
    loose::read(&env, |warnings| js::build_access_token2(&Loose(options), warnings))
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
    let user = loose::user(env, user_field, user)?;
    let role = loose::role_006(env, "role", role)?;
    let expired_ts = loose::expire_006(env, "privilegeExpiredTs", privilege_expired_ts)?;
    // The drop-in options' issue time sets the 006 expiry (issue time + 24 hours).
    AccessToken::rtc(channel_name, user, role, expired_ts).issued(fixed.issued_at, fixed.salt).build(&creds).js()
}

/// npm `agora-access-token` `RtcTokenBuilder` (006 tokens), exported by the drop-in module
/// `compat/access-token` as `RtcTokenBuilder`.
#[napi]
#[derive(Debug)]
pub struct RtcTokenBuilder006 {}

#[napi]
impl RtcTokenBuilder006 {
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
#[napi]
#[derive(Debug)]
pub struct RtmTokenBuilder006 {}

#[napi]
impl RtmTokenBuilder006 {
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
        let expired_ts = loose::expire_006(&env, "privilegeExpiredTs", &privilege_expired_ts)?;
        AccessToken::rtm(account, expired_ts).issued(fixed.issued_at, fixed.salt).build(&creds).js()
    }
}
