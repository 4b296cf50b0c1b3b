//! The drop-in layer's builders: the static classes of npm `agora-token` 2.0.6 and the 006
//! builders of npm `agora-access-token` 2.0.4, with their names, argument order and defaults.
//!
//! Arguments are read as `Unknown` and checked in `args` so that a wrong type names the
//! argument. Every method also takes an optional trailing `{ issuedAt, salt }` (upstream has
//! no way to fix them). Differences from upstream, on purpose: bad input throws an `Error`
//! with a `code` instead of returning `""` or packing garbage; roles other than 1 and 2
//! (006: 0, 1, 2, 101) are refused instead of read as subscriber; numeric user ids work
//! everywhere the typings allow them (upstream crashes on non-zero numbers for RTM, Chat and
//! APaaS); the APaaS / Education room-user token carries its privilege
//! (`ApaasRoomUserVariant::Standard`).

use agora_token::legacy::{AccessToken, Role006};
use agora_token::{ApaasRoomUserVariant, RtcPrivilegeExpiries, FPA_TOKEN_EXPIRE};
use napi::Unknown;
use napi_derive::napi;

use crate::access_token2::{BuildOptions, Fixed};
use crate::args::{
    arg_credentials, arg_number, arg_opt_u32, arg_string, arg_u32, arg_user, arg_user_string, to_i16, to_i64,
    to_rtc_role_code,
};
use crate::error::{CoreResultExt, Result};
use crate::services::{rtm2_permissions, JsRtm2Details};

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
    join: &Unknown<'_>,
    audio: &Unknown<'_>,
    video: &Unknown<'_>,
    data: &Unknown<'_>,
) -> Result<RtcPrivilegeExpiries> {
    Ok(RtcPrivilegeExpiries {
        join_channel: arg_u32("joinChannelPrivilegeExpire", join)?,
        publish_audio: arg_u32("pubAudioPrivilegeExpire", audio)?,
        publish_video: arg_u32("pubVideoPrivilegeExpire", video)?,
        publish_data: arg_u32("pubDataStreamPrivilegeExpire", data)?,
    })
}

fn rtc_role(field: &str, value: &Unknown<'_>) -> Result<agora_token::RtcRole> {
    to_rtc_role_code(arg_number(field, value)?)
}

/// Shared body of `buildTokenWithUid` and `buildTokenWithUserAccount`.
#[allow(clippy::too_many_arguments)]
fn rtc(
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
    let role = rtc_role("role", role)?;
    let token_expire = arg_u32("tokenExpire", token_expire)?;
    let privilege_expire = arg_opt_u32("privilegeExpire", privilege_expire)?.unwrap_or(0);
    fixed.start(&creds, token_expire).rtc(channel_name, user, role, privilege_expire).build().js()
}

/// Shared body of `buildTokenWithUidAndPrivilege` and `BuildTokenWithUserAccountAndPrivilege`.
#[allow(clippy::too_many_arguments)]
fn rtc_with_privileges(
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
    let token_expire = arg_u32("tokenExpire", token_expire)?;
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
    let role = self::rtc_role("rtcRole", rtc_role)?;
    let token_expire = arg_u32("rtcTokenExpire", rtc_token_expire)?;
    let expiries = expiries?;
    let rtm_user_id = arg_user_string("rtmUserId", rtm_user_id)?;
    let rtm_expire = arg_u32("rtmTokenExpire", rtm_token_expire)?;
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
    /// `role`: `RtcRole.PUBLISHER` (1) or `RtcRole.SUBSCRIBER` (2). Lifetimes are seconds
    /// after the issue time; `privilegeExpire` defaults to 0, as upstream.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_uid(
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
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_with_privileges(&app_id, &app_certificate, &channel_name, "uid", &uid, &token_expire, expiries, options)
    }

    /// Builds an RTC token for an account with a lifetime per privilege (upstream's
    /// capitalised name; `buildTokenWithUserAccountAndPrivilege` is the same method).
    #[napi(js_name = "BuildTokenWithUserAccountAndPrivilege")]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_user_account_and_privilege_upstream(
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
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_with_privileges(
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
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_with_privileges(
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
        let role = rtc_role("role", &role)?;
        let token_expire = arg_u32("tokenExpire", &token_expire)?;
        let privilege_expire = arg_opt_u32("privilegeExpire", privilege_expire.as_ref())?.unwrap_or(0);
        fixed.start(&creds, token_expire).rtc_with_rtm(channel_name, &account, role, privilege_expire).build().js()
    }

    /// Builds an RTC token with per-privilege lifetimes plus RTM login for `rtmUserId`.
    #[napi]
    #[allow(clippy::too_many_arguments)]
    pub fn build_token_with_rtm2(
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
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_rtm2(
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
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_id: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let user_id = arg_user_string("userId", &user_id)?;
        let expire = arg_u32("expire", &expire)?;
        fixed.start(&creds, expire).rtm(user_id, expire).build().js()
    }

    /// Builds an RTM2 token with resource permissions (an `Rtm2Permissions`).
    #[napi]
    pub fn build_token_with_permissions(
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
        let expire = arg_u32("expire", &expire)?;
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
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_id: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let user_id = arg_user_string("userId", &user_id)?;
        let expire = arg_u32("expire", &expire)?;
        fixed.start(&creds, expire).chat_user(user_id, expire).build().js()
    }

    /// Builds a Chat app token.
    #[napi]
    pub fn build_app_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        let creds = arg_credentials(&app_id, &app_certificate)?;
        let fixed = Fixed::from_options(options)?;
        let expire = arg_u32("expire", &expire)?;
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

fn apaas_room_user(
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
    let expire = arg_u32("expire", expire)?;
    fixed
        .start(&creds, expire)
        .apaas_room_user_variant(room_uuid, &user_uuid, role, expire, ApaasRoomUserVariant::Standard)
        .build()
        .js()
}

fn apaas_user(
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    user_uuid: &Unknown<'_>,
    expire: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let user_uuid = arg_user_string("userUuid", user_uuid)?;
    let expire = arg_u32("expire", expire)?;
    fixed.start(&creds, expire).apaas_user(user_uuid, expire).build().js()
}

fn apaas_app(
    app_id: &Unknown<'_>,
    app_certificate: &Unknown<'_>,
    expire: &Unknown<'_>,
    options: Option<BuildOptions>,
) -> Result<String> {
    let creds = arg_credentials(app_id, app_certificate)?;
    let fixed = Fixed::from_options(options)?;
    let expire = arg_u32("expire", expire)?;
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
    pub fn build_room_user_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] room_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_room_user(&app_id, &app_certificate, &room_uuid, &user_uuid, &role, &expire, options)
    }

    /// Builds a user token.
    #[napi]
    pub fn build_user_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_user(&app_id, &app_certificate, &user_uuid, &expire, options)
    }

    /// Builds an app token.
    #[napi]
    pub fn build_app_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_app(&app_id, &app_certificate, &expire, options)
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
    pub fn build_room_user_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] room_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_room_user(&app_id, &app_certificate, &room_uuid, &user_uuid, &role, &expire, options)
    }

    /// Builds a user token.
    #[napi]
    pub fn build_user_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] user_uuid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_user(&app_id, &app_certificate, &user_uuid, &expire, options)
    }

    /// Builds an app token.
    #[napi]
    pub fn build_app_token(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "number")] expire: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        apaas_app(&app_id, &app_certificate, &expire, options)
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
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_rtm2(
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
            &join_channel_privilege_expire,
            &pub_audio_privilege_expire,
            &pub_video_privilege_expire,
            &pub_data_stream_privilege_expire,
        );
        rtc_rtm2(
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
    let role = Role006::from_code(to_i64("role", arg_number("role", role)?)?).js()?;
    let expired_ts = arg_u32("privilegeExpiredTs", privilege_expired_ts)?;
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
    /// 2 subscriber, 101 admin. `privilegeExpiredTs` is an absolute Unix time (0 = none).
    /// `options.issuedAt` fixes the clock (the token expires 24 hours after it).
    #[napi]
    pub fn build_token_with_uid(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "number | string")] uid: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expired_ts: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        rtc_006(&app_id, &app_certificate, &channel_name, "uid", &uid, &role, &privilege_expired_ts, options)
    }

    /// Builds a 006 RTC token for a user account.
    #[napi]
    pub fn build_token_with_account(
        #[napi(ts_arg_type = "string")] app_id: Unknown<'_>,
        #[napi(ts_arg_type = "string")] app_certificate: Unknown<'_>,
        #[napi(ts_arg_type = "string")] channel_name: Unknown<'_>,
        #[napi(ts_arg_type = "string | number")] account: Unknown<'_>,
        #[napi(ts_arg_type = "number")] role: Unknown<'_>,
        #[napi(ts_arg_type = "number")] privilege_expired_ts: Unknown<'_>,
        options: Option<BuildOptions>,
    ) -> Result<String> {
        rtc_006(&app_id, &app_certificate, &channel_name, "account", &account, &role, &privilege_expired_ts, options)
    }
}

/// npm `agora-access-token` `RtmTokenBuilder` (006 tokens), exported by the drop-in module
/// `compat/access-token` as `RtmTokenBuilder`.
#[napi(js_name = "RtmTokenBuilder006")]
#[derive(Debug)]
pub struct JsRtmTokenBuilder006 {}

#[napi]
impl JsRtmTokenBuilder006 {
    /// Builds a 006 RTM token. `role` (`RtmRole.Rtm_User`) must be a number and is otherwise
    /// unused, as upstream. `privilegeExpiredTs` is an absolute Unix time (0 = none).
    #[napi]
    pub fn build_token(
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
        // RTM 006 has a single privilege, so upstream ignores the role; only its type is checked.
        arg_number("role", &role)?;
        let expired_ts = arg_u32("privilegeExpiredTs", &privilege_expired_ts)?;
        access_token_006(AccessToken::rtm(&creds, account, expired_ts), fixed).build().js()
    }
}
