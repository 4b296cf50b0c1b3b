//! The idiomatic layer: one options object per upstream builder.
//!
//! Each function mirrors one core builder method (see the core's `builders` module) and
//! takes camelCase options, with optional `issuedAt` and `salt` everywhere.

use agora_token::{ApaasRoomUserVariant, RtcPrivilegeExpiries, DEFAULT_PRIVILEGE_EXPIRE, FPA_TOKEN_EXPIRE};
use napi::Either;
use napi_derive::napi;

use crate::access_token2::Fixed;
use crate::args::{credentials, to_i16, to_rtc_role, to_u32, to_user_string, uid_or_account};
use crate::error::{invalid_argument, CoreResultExt, Result};
use crate::services::{rtm2_permissions, JsRtm2Details};

/// Options of `buildRtcToken` (upstream `buildTokenWithUid` / `buildTokenWithUserAccount`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct RtcTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The channel name.
    pub channel_name: String,
    /// A numeric uid (0 = any user). Give `uid` or `account`, not both.
    pub uid: Option<f64>,
    /// A string user account. Give `uid` or `account`, not both.
    pub account: Option<String>,
    /// `'publisher'` (or `'host'`, 1): join and publish; `'subscriber'` (or `'audience'`, 2): join only.
    #[napi(ts_type = "'publisher' | 'subscriber' | 'host' | 'audience' | 1 | 2")]
    pub role: Either<String, f64>,
    /// Token lifetime, seconds after the issue time.
    pub token_expire: f64,
    /// Privilege lifetime, seconds after the issue time. Default 0 (the core's
    /// `DEFAULT_PRIVILEGE_EXPIRE`): no limit of its own, the privileges last as long as the token.
    pub privilege_expire: Option<f64>,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// `privilegeExpire` as given, or the core's default when it is left out.
fn privilege_expire_or_default(privilege_expire: Option<f64>) -> Result<u32> {
    privilege_expire.map_or(Ok(DEFAULT_PRIVILEGE_EXPIRE), |seconds| to_u32("privilegeExpire", seconds))
}

/// An RTC token for a uid or an account.
#[napi]
pub fn build_rtc_token(options: RtcTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let user = uid_or_account(options.uid, options.account)?;
    let role = to_rtc_role(options.role)?;
    let privilege_expire = privilege_expire_or_default(options.privilege_expire)?;
    fixed
        .start(to_u32("tokenExpire", options.token_expire)?)
        .rtc(options.channel_name, user, role, privilege_expire)
        .build(&creds)
        .js()
}

/// The expiry of each RTC privilege, seconds after the issue time (core `RtcPrivilegeExpiries`).
#[napi(object, js_name = "RtcPrivilegeExpiries")]
#[derive(Debug, Clone)]
pub struct JsRtcPrivilegeExpiries {
    /// Join the channel.
    pub join_channel: f64,
    /// Publish audio.
    pub publish_audio: f64,
    /// Publish video.
    pub publish_video: f64,
    /// Publish data streams.
    pub publish_data: f64,
}

impl JsRtcPrivilegeExpiries {
    fn into_core(self) -> Result<RtcPrivilegeExpiries> {
        Ok(RtcPrivilegeExpiries {
            join_channel: to_u32("privileges.joinChannel", self.join_channel)?,
            publish_audio: to_u32("privileges.publishAudio", self.publish_audio)?,
            publish_video: to_u32("privileges.publishVideo", self.publish_video)?,
            publish_data: to_u32("privileges.publishData", self.publish_data)?,
        })
    }
}

/// Options of `buildRtcTokenWithPrivileges` (upstream `buildTokenWithUidAndPrivilege` /
/// `BuildTokenWithUserAccountAndPrivilege`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct RtcPrivilegesTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The channel name.
    pub channel_name: String,
    /// A numeric uid (0 = any user). Give `uid` or `account`, not both.
    pub uid: Option<f64>,
    /// A string user account. Give `uid` or `account`, not both.
    pub account: Option<String>,
    /// Token lifetime, seconds after the issue time.
    pub token_expire: f64,
    /// Each privilege's lifetime, seconds after the issue time.
    pub privileges: JsRtcPrivilegeExpiries,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// An RTC token with a separate lifetime per privilege (no role).
#[napi]
pub fn build_rtc_token_with_privileges(options: RtcPrivilegesTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let user = uid_or_account(options.uid, options.account)?;
    fixed
        .start(to_u32("tokenExpire", options.token_expire)?)
        .rtc_with_privileges(options.channel_name, user, options.privileges.into_core()?)
        .build(&creds)
        .js()
}

/// Options of `buildRtcTokenWithRtm` (upstream `buildTokenWithRtm`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct RtcWithRtmTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The channel name.
    pub channel_name: String,
    /// A numeric uid (0 = any user), used as RTC uid and RTM user id. Give `uid` or `account`.
    pub uid: Option<f64>,
    /// A string account, used as RTC account and RTM user id. Give `uid` or `account`.
    pub account: Option<String>,
    /// `'publisher'` (or `'host'`, 1) or `'subscriber'` (or `'audience'`, 2).
    #[napi(ts_type = "'publisher' | 'subscriber' | 'host' | 'audience' | 1 | 2")]
    pub role: Either<String, f64>,
    /// Token lifetime (and RTM login lifetime), seconds after the issue time.
    pub token_expire: f64,
    /// RTC privilege lifetime, seconds after the issue time. Default 0 (the core's
    /// `DEFAULT_PRIVILEGE_EXPIRE`): no limit of its own, the privileges last as long as the token.
    pub privilege_expire: Option<f64>,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// An RTC token plus RTM login for the same user, lasting as long as the token.
#[napi]
pub fn build_rtc_token_with_rtm(options: RtcWithRtmTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let account = uid_or_account(options.uid, options.account)?.to_wire_string();
    let role = to_rtc_role(options.role)?;
    let privilege_expire = privilege_expire_or_default(options.privilege_expire)?;
    fixed
        .start(to_u32("tokenExpire", options.token_expire)?)
        .rtc_with_rtm(options.channel_name, &account, role, privilege_expire)
        .build(&creds)
        .js()
}

/// Options of `buildRtcTokenWithRtmExpiries`, `buildConvoAiToken` and `buildSttToken` (upstream
/// `buildTokenWithRtm2`, `ConvoAITokenBuilder.buildToken`, `SttTokenBuilder.buildToken`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct RtcWithRtmExpiriesTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The channel name.
    pub channel_name: String,
    /// A numeric RTC uid (0 = any user). Give `uid` or `account`.
    pub uid: Option<f64>,
    /// A string RTC account. Give `uid` or `account`.
    pub account: Option<String>,
    /// `'publisher'` (or `'host'`, 1) or `'subscriber'` (or `'audience'`, 2); publish
    /// lifetimes are used only for a publisher.
    #[napi(ts_type = "'publisher' | 'subscriber' | 'host' | 'audience' | 1 | 2")]
    pub role: Either<String, f64>,
    /// Token lifetime, seconds after the issue time.
    pub token_expire: f64,
    /// Each RTC privilege's lifetime, seconds after the issue time.
    pub privileges: JsRtcPrivilegeExpiries,
    /// The RTM user id (a number is written in decimal, 0 as `""`).
    #[napi(ts_type = "string | number")]
    pub rtm_user_id: Either<String, f64>,
    /// RTM login lifetime, seconds after the issue time.
    pub rtm_token_expire: f64,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// Which core builder an [`RtcWithRtmExpiriesTokenOptions`] feeds.
#[derive(Debug, Clone, Copy)]
enum Rtm2Flavour {
    Plain,
    ConvoAi,
    Stt,
}

fn build_rtc_rtm2(options: RtcWithRtmExpiriesTokenOptions, flavour: Rtm2Flavour) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let account = uid_or_account(options.uid, options.account)?.to_wire_string();
    let role = to_rtc_role(options.role)?;
    let expiries = options.privileges.into_core()?;
    let rtm_user_id = to_user_string("rtmUserId", options.rtm_user_id)?;
    let rtm_expire = to_u32("rtmTokenExpire", options.rtm_token_expire)?;
    let mut token = fixed.start(to_u32("tokenExpire", options.token_expire)?);
    let channel = options.channel_name;
    let token = match flavour {
        Rtm2Flavour::Plain => token.rtc_with_rtm_expiries(channel, &account, role, expiries, rtm_user_id, rtm_expire),
        Rtm2Flavour::ConvoAi => token.convo_ai(channel, &account, role, expiries, rtm_user_id, rtm_expire),
        Rtm2Flavour::Stt => token.stt(channel, &account, role, expiries, rtm_user_id, rtm_expire),
    };
    token.build(&creds).js()
}

/// RTC with per-privilege lifetimes plus RTM login for `rtmUserId`.
#[napi]
pub fn build_rtc_token_with_rtm_expiries(options: RtcWithRtmExpiriesTokenOptions) -> Result<String> {
    build_rtc_rtm2(options, Rtm2Flavour::Plain)
}

/// RTC, RTM and ConvoAI services.
#[napi]
pub fn build_convo_ai_token(options: RtcWithRtmExpiriesTokenOptions) -> Result<String> {
    build_rtc_rtm2(options, Rtm2Flavour::ConvoAi)
}

/// RTC, RTM and STT services.
#[napi]
pub fn build_stt_token(options: RtcWithRtmExpiriesTokenOptions) -> Result<String> {
    build_rtc_rtm2(options, Rtm2Flavour::Stt)
}

/// Options of `buildRtmToken`, `buildChatUserToken` and `buildApaasUserToken`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct UserTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The user id (a number is written in decimal, 0 as `""`).
    #[napi(ts_type = "string | number")]
    pub user_id: Either<String, f64>,
    /// Token and privilege lifetime, seconds after the issue time.
    pub expire: f64,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// An RTM login token (upstream RTM `buildToken`).
#[napi]
pub fn build_rtm_token(options: UserTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    let user_id = to_user_string("userId", options.user_id)?;
    fixed.start(expire).rtm(user_id, expire).build(&creds).js()
}

/// Options of `buildRtm2Token` (upstream `buildTokenWithPermissions`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct Rtm2TokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The user id (a number is written in decimal, 0 as `""`).
    #[napi(ts_type = "string | number")]
    pub user_id: Either<String, f64>,
    /// Resource type → permission type → resource names (npm `Rtm2Permissions.details`):
    /// resource types 0 message channels, 1 stream channels, 2 group channels, 3 server
    /// groups, 4 users; permission types 0 read, 1 write.
    #[napi(ts_type = "Record<string | number, Record<string | number, string[]>>")]
    pub permissions: JsRtm2Details,
    /// Token and login lifetime, seconds after the issue time.
    pub expire: f64,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// An RTM2 token with resource permissions.
#[napi]
pub fn build_rtm2_token(options: Rtm2TokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    let user_id = to_user_string("userId", options.user_id)?;
    let permissions = rtm2_permissions(&options.permissions)?;
    fixed.start(expire).rtm2(user_id, permissions, expire).build(&creds).js()
}

/// A Chat user token (upstream `ChatTokenBuilder.buildUserToken`).
#[napi]
pub fn build_chat_user_token(options: UserTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    let user_id = to_user_string("userId", options.user_id)?;
    fixed.start(expire).chat_user(user_id, expire).build(&creds).js()
}

/// Options of the app-level builders (`buildChatAppToken`, `buildApaasAppToken`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct AppTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// Token and privilege lifetime, seconds after the issue time.
    pub expire: f64,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// A Chat app token (upstream `ChatTokenBuilder.buildAppToken`).
#[napi]
pub fn build_chat_app_token(options: AppTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    fixed.start(expire).chat_app(expire).build(&creds).js()
}

/// Options of `buildFpaToken`.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct FpaTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// An FPA token: lifetime 24 hours, login privilege 0, as every upstream FPA builder.
#[napi]
pub fn build_fpa_token(options: FpaTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    fixed.start(FPA_TOKEN_EXPIRE).fpa().build(&creds).js()
}

/// Options of `buildApaasRoomUserToken` (upstream APaaS / Education `buildRoomUserToken`).
#[napi(object)]
#[derive(Debug, Clone)]
pub struct ApaasRoomUserTokenOptions {
    /// The App ID, 32 hexadecimal characters.
    pub app_id: String,
    /// The App Certificate, 32 hexadecimal characters.
    pub app_certificate: String,
    /// The room uuid.
    pub room_uuid: String,
    /// The user uuid (a number is written in decimal, 0 as `""`).
    #[napi(ts_type = "string | number")]
    pub user_uuid: Either<String, f64>,
    /// The user's role in the room, -32768..=32767.
    pub role: f64,
    /// Token and privilege lifetime, seconds after the issue time.
    pub expire: f64,
    /// `'standard'` (default: the APaaS service carries the room-user privilege, as Go,
    /// Python, C++, PHP, Ruby, Rust, Lua, Dart and Kotlin build it) or `'node'` (npm
    /// `agora-token`'s variant: no APaaS privilege and role 0 written as -1; only for
    /// reproducing tokens that package made).
    #[napi(ts_type = "'standard' | 'node'")]
    pub variant: Option<String>,
    /// Issue time, Unix seconds. Default: the system clock.
    pub issued_at: Option<f64>,
    /// Salt. Default: random in 1..=99999999.
    pub salt: Option<f64>,
}

/// An APaaS / Education room-user token: APaaS room user, RTM login and Chat user.
#[napi]
pub fn build_apaas_room_user_token(options: ApaasRoomUserTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    let user_uuid = to_user_string("userUuid", options.user_uuid)?;
    let role = to_i16("role", options.role)?;
    let variant = match options.variant.as_deref() {
        None | Some("standard") => ApaasRoomUserVariant::Standard,
        Some("node") => ApaasRoomUserVariant::NodeCompatible,
        Some(other) => return Err(invalid_argument("variant", format!("got {other:?}; use 'standard' or 'node'"))),
    };
    fixed.start(expire).apaas_room_user_variant(options.room_uuid, &user_uuid, role, expire, variant).build(&creds).js()
}

/// An APaaS / Education user token (upstream `buildUserToken`); `userId` is the user uuid.
#[napi]
pub fn build_apaas_user_token(options: UserTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    let user_uuid = to_user_string("userId", options.user_id)?;
    fixed.start(expire).apaas_user(user_uuid, expire).build(&creds).js()
}

/// An APaaS / Education app token (upstream `buildAppToken`).
#[napi]
pub fn build_apaas_app_token(options: AppTokenOptions) -> Result<String> {
    let creds = credentials(&options.app_id, &options.app_certificate)?;
    let fixed = Fixed::new(options.issued_at, options.salt)?;
    let expire = to_u32("expire", options.expire)?;
    fixed.start(expire).apaas_app(expire).build(&creds).js()
}
