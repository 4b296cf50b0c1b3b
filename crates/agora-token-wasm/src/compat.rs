//! The drop-in builders (npm `agora-token` 2.0.6 and `agora-access-token` 2.0.4), as the
//! native addon's `bindings/node/src/compat.rs` has them: the same methods, argument order,
//! readings and warnings.
//!
//! The loader (`node/wasm/api.mjs`) sends each argument as JavaScript sees it ([`JsView`]:
//! its type and what `+value`, `` `${value}` `` and `!!value` give, with its properties), and
//! the core's `compat::javascript` reads it as npm does. The response always succeeds at the
//! JSON level, `{ token }` or `{ error }`, with the warnings raised before either, so that the
//! loader emits them (`process.emitWarning`) before it returns or throws.

use agora_token::compat::javascript::{self as js, Equality, JsType, JsValue};
use agora_token::compat::{self, CompatWarning};
use agora_token::legacy::access_token::AccessToken;
use agora_token::{
    AccessToken2, ApaasRoomUserVariant, Credentials, Error, RtcPrivilegeExpiries, User, FPA_TOKEN_EXPIRE,
};
use serde::Deserialize;
use serde_json::{json, Value};

/// The fields of a [`JsView`], as the loader sends a value that is not a plain number or string
/// (short keys, as a call sends many).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ViewFields {
    /// `typeof`, with `"null"` for null.
    #[serde(rename = "t")]
    js_type: String,
    /// `+value`, unless it threw (or the value is a BigInt or a symbol) or is one of these:
    #[serde(rename = "n")]
    number: Option<f64>,
    /// `+value` when JSON has no literal for it: `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`.
    #[serde(rename = "s")]
    special: Option<String>,
    /// `` `${value}` ``, unless it threw (or the value is a symbol, or a number: written here).
    #[serde(rename = "x")]
    text: Option<String>,
    /// What a conversion threw.
    #[serde(rename = "e")]
    error: Option<String>,
    /// The `for...in` keys and values of an object.
    #[serde(rename = "o")]
    entries: Option<Vec<(JsView, JsView)>>,
    /// The elements of an array.
    #[serde(rename = "a")]
    elements: Option<Vec<JsView>>,
}

/// One JavaScript value as the loader saw it (`view` in `node/wasm/api.mjs`). The common
/// arguments cross as themselves: a finite number (not -0) as a JSON number, a string that is
/// not a number (`+value` is NaN) as a JSON string. Every other value crosses as [`ViewFields`].
#[derive(Debug, Clone)]
pub struct JsView(ViewFields);

impl JsView {
    /// A value that is no object: its type, `+value` (or its name) and `${value}`.
    fn primitive(js_type: &str, number: Option<f64>, special: Option<&str>, text: Option<&str>) -> JsView {
        JsView(ViewFields {
            js_type: js_type.to_owned(),
            number,
            special: special.map(str::to_owned),
            text: text.map(str::to_owned),
            error: None,
            entries: None,
            elements: None,
        })
    }

    fn undefined() -> JsView {
        JsView::primitive("undefined", None, Some("NaN"), Some("undefined"))
    }

    fn conversion_failed(&self, field: &str) -> Error {
        js::read_failed(field, self.0.error.as_deref().unwrap_or("the conversion threw"))
    }
}

impl<'de> Deserialize<'de> for JsView {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ViewVisitor)
    }
}

/// Reads a [`JsView`] without buffering: a JSON number, a JSON string or [`ViewFields`].
struct ViewVisitor;

impl<'de> serde::de::Visitor<'de> for ViewVisitor {
    type Value = JsView;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a number, a string or a value view")
    }

    fn visit_f64<E>(self, number: f64) -> Result<JsView, E> {
        Ok(JsView::primitive("number", Some(number), None, None))
    }

    // JavaScript sent a double: integers in JSON are below 2^53 in magnitude, exact as f64.
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E>(self, number: i64) -> Result<JsView, E> {
        Ok(JsView::primitive("number", Some(number as f64), None, None))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E>(self, number: u64) -> Result<JsView, E> {
        Ok(JsView::primitive("number", Some(number as f64), None, None))
    }

    fn visit_str<E>(self, text: &str) -> Result<JsView, E> {
        // A string whose `+value` is NaN (the loader sends the others as views).
        Ok(JsView::primitive("string", None, Some("NaN"), Some(text)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<JsView, A::Error> {
        ViewFields::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(JsView)
    }
}

impl JsValue for JsView {
    fn js_type(&self, field: &str) -> agora_token::Result<JsType> {
        Ok(match self.0.js_type.as_str() {
            "undefined" => JsType::Undefined,
            "null" => JsType::Null,
            "boolean" => JsType::Boolean,
            "number" => JsType::Number,
            "string" => JsType::String,
            "bigint" => JsType::BigInt,
            "symbol" => JsType::Symbol,
            "object" => JsType::Object,
            "function" => JsType::Function,
            other => return Err(js::read_failed(field, &format!("unknown type {other:?}"))),
        })
    }

    fn to_number(&self, field: &str) -> agora_token::Result<f64> {
        match (self.0.number, self.0.special.as_deref()) {
            (Some(number), _) => Ok(number),
            (None, Some("Infinity")) => Ok(f64::INFINITY),
            (None, Some("-Infinity")) => Ok(f64::NEG_INFINITY),
            (None, Some("-0")) => Ok(-0.0),
            (None, Some(_)) => Ok(f64::NAN),
            (None, None) => Err(self.conversion_failed(field)),
        }
    }

    fn to_text(&self, field: &str) -> agora_token::Result<String> {
        if self.0.js_type == "number" {
            return Ok(js::number_text(self.to_number(field)?));
        }
        self.0.text.clone().ok_or_else(|| self.conversion_failed(field))
    }

    /// `!!value`, from the type and the value's text or number.
    fn to_bool(&self, field: &str) -> agora_token::Result<bool> {
        Ok(match self.js_type(field)? {
            JsType::Undefined | JsType::Null => false,
            JsType::Number => {
                let number = self.to_number(field)?;
                number != 0.0 && !number.is_nan()
            }
            JsType::Boolean => self.0.text.as_deref() == Some("true"),
            JsType::String => self.0.text.as_deref().is_some_and(|text| !text.is_empty()),
            JsType::BigInt => self.0.text.as_deref() != Some("0"),
            JsType::Symbol | JsType::Object | JsType::Function | JsType::Other => true,
        })
    }

    fn entries(&self, field: &str) -> agora_token::Result<Vec<(Self, Self)>> {
        self.0.entries.clone().ok_or_else(|| js::read_failed(field, "not an object"))
    }

    fn property(&self, field: &str, name: &str) -> agora_token::Result<Self> {
        let entries = self.0.entries.as_ref().ok_or_else(|| js::read_failed(field, "not an object"))?;
        Ok(entries
            .iter()
            .find(|(key, _)| key.0.text.as_deref() == Some(name))
            .map_or_else(JsView::undefined, |(_, value)| value.clone()))
    }

    fn elements(&self, field: &str) -> agora_token::Result<Vec<Self>> {
        self.0.elements.clone().ok_or_else(|| js::read_failed(field, "not an array"))
    }
}

/// The trailing `{ issuedAt, salt }` of every drop-in method (the loader fills in the clock).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fixed {
    issued_at: f64,
    salt: Option<f64>,
}

/// A whole number in 0..=4294967295, as the native addon checks `{ issuedAt, salt }`.
fn fixed_u32(field: &str, value: f64) -> Result<u32, Error> {
    const RANGE: &str = "0..=4294967295 (2**32 - 1)";
    let reason = if value.is_nan() {
        format!("got NaN; pass a whole number in {RANGE}")
    } else if value.fract() != 0.0 || !value.is_finite() {
        format!("got {value}; pass a whole number in {RANGE}")
    } else if !(0.0..=4_294_967_295.0).contains(&value) {
        format!("got {value}, which is outside {RANGE}")
    } else {
        // Exact: whole and within u32 (checked above).
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        return Ok(value as u32);
    };
    Err(Error::InvalidArgument { field: field.to_owned(), reason })
}

impl Fixed {
    fn checked(self) -> Result<(u32, Option<u32>), Error> {
        Ok((fixed_u32("issuedAt", self.issued_at)?, self.salt.map(|salt| fixed_u32("salt", salt)).transpose()?))
    }

    fn start(self, expire: u32) -> Result<AccessToken2, Error> {
        let (issued_at, salt) = self.checked()?;
        let mut token = AccessToken2::new(expire);
        token.issued(issued_at, salt);
        Ok(token)
    }

    fn start_006(self, mut token: AccessToken) -> Result<AccessToken, Error> {
        let (issued_at, salt) = self.checked()?;
        token.issued(issued_at, salt);
        Ok(token)
    }
}

/// How the loader starts a drop-in request (`op` first).
pub const REQUEST_PREFIX: &str = r#"{"op":"compat","#;

/// A drop-in call: `{ "op": "compat", method, args, options }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    #[allow(dead_code)] // always "compat": the prefix chose this struct
    op: String,
    /// `RtcTokenBuilder.buildTokenWithUid`, ...
    method: String,
    /// The positional arguments.
    args: Vec<JsView>,
    /// `{ issuedAt, salt }`.
    options: Fixed,
}

/// Runs one drop-in method: `{ token, warnings }` or `{ error, warnings }`.
pub fn call(request: &Request) -> Value {
    let mut warnings = Vec::new();
    let outcome = Arguments { args: &request.args, fixed: request.options, undefined: JsView::undefined() }
        .run(&request.method, &mut warnings);
    let warnings: Vec<Value> =
        warnings.iter().map(|warning| json!({ "code": warning.code(), "message": warning.message() })).collect();
    match outcome {
        Ok(token) => json!({ "token": token, "warnings": warnings }),
        Err(error) => json!({ "error": { "code": error.code(), "message": error.to_string() }, "warnings": warnings }),
    }
}

/// A method's positional arguments (missing ones are `undefined`) and options.
struct Arguments<'a> {
    args: &'a [JsView],
    fixed: Fixed,
    /// What a missing argument reads as.
    undefined: JsView,
}

/// The RTM2-style builders: `buildTokenWithRtm2`, `ConvoAITokenBuilder` and `SttTokenBuilder`.
#[derive(Clone, Copy)]
enum WithRtm2 {
    Plain,
    ConvoAi,
    Stt,
}

impl Arguments<'_> {
    fn arg(&self, index: usize) -> &JsView {
        self.args.get(index).unwrap_or(&self.undefined)
    }

    fn credentials(&self) -> Result<Credentials, Error> {
        Credentials::new(&js::string("appId", self.arg(0))?, &js::string("appCertificate", self.arg(1))?)
    }

    fn run(&self, method: &str, w: &mut Vec<CompatWarning>) -> Result<String, Error> {
        match method {
            "RtcTokenBuilder.buildTokenWithUid" => self.rtc("uid", w),
            "RtcTokenBuilder.buildTokenWithUserAccount" => self.rtc("account", w),
            "RtcTokenBuilder.buildTokenWithUidAndPrivilege" => self.rtc_with_privileges("uid", w),
            "RtcTokenBuilder.buildTokenWithUserAccountAndPrivilege" => self.rtc_with_privileges("account", w),
            "RtcTokenBuilder.buildTokenWithRtm" => self.rtc_with_rtm(w),
            "RtcTokenBuilder.buildTokenWithRtm2" => self.rtc_rtm2(WithRtm2::Plain, w),
            "ConvoAITokenBuilder.buildToken" => self.rtc_rtm2(WithRtm2::ConvoAi, w),
            "SttTokenBuilder.buildToken" => self.rtc_rtm2(WithRtm2::Stt, w),
            "RtmTokenBuilder.buildToken" => {
                let credentials = self.credentials()?;
                let user_id = js::user_id("userId", self.arg(2), false, w)?;
                let expire = js::expire_007("expire", self.arg(3), w)?;
                self.fixed.start(expire)?.rtm(user_id, expire).build(&credentials)
            }
            "RtmTokenBuilder.buildTokenWithPermissions" => {
                let credentials = self.credentials()?;
                let user_id = js::rtm2_user_id("userId", self.arg(2), false, w)?;
                let permissions = js::rtm2_permissions(&self.arg(3).property("permissions", "details")?, w)?;
                let expire = js::expire_007("expire", self.arg(4), w)?;
                self.fixed.start(expire)?.rtm2(user_id, permissions, expire).build(&credentials)
            }
            "ChatTokenBuilder.buildUserToken" => {
                let credentials = self.credentials()?;
                let user_id = js::user_id("userId", self.arg(2), false, w)?;
                let expire = js::expire_007("expire", self.arg(3), w)?;
                self.fixed.start(expire)?.chat_user(user_id, expire).build(&credentials)
            }
            "ChatTokenBuilder.buildAppToken" => {
                let credentials = self.credentials()?;
                let expire = js::expire_007("expire", self.arg(2), w)?;
                self.fixed.start(expire)?.chat_app(expire).build(&credentials)
            }
            "FpaTokenBuilder.buildToken" => {
                let credentials = self.credentials()?;
                self.fixed.start(FPA_TOKEN_EXPIRE)?.fpa().build(&credentials)
            }
            "ApaasTokenBuilder.buildRoomUserToken" => {
                let credentials = self.credentials()?;
                let room_uuid = js::user_id("roomUuid", self.arg(2), false, w)?;
                let user_uuid = js::user_id("userUuid", self.arg(3), false, w)?;
                let role = js::apaas_role("role", self.arg(4), w)?;
                let expire = js::expire_007("expire", self.arg(5), w)?;
                let mut token = self.fixed.start(expire)?;
                token
                    .apaas_room_user_variant(room_uuid, &user_uuid, role, expire, ApaasRoomUserVariant::Standard)
                    .build(&credentials)
            }
            "ApaasTokenBuilder.buildUserToken" => {
                let credentials = self.credentials()?;
                let user_uuid = js::user_id("userUuid", self.arg(2), false, w)?;
                let expire = js::expire_007("expire", self.arg(3), w)?;
                self.fixed.start(expire)?.apaas_user(user_uuid, expire).build(&credentials)
            }
            "ApaasTokenBuilder.buildAppToken" => {
                let credentials = self.credentials()?;
                let expire = js::expire_007("expire", self.arg(2), w)?;
                self.fixed.start(expire)?.apaas_app(expire).build(&credentials)
            }
            "RtcTokenBuilder006.buildTokenWithUid" => self.rtc_006("uid", w),
            "RtcTokenBuilder006.buildTokenWithAccount" => self.rtc_006("account", w),
            "RtmTokenBuilder006.buildToken" => {
                let credentials = self.credentials()?;
                let account = strict_user("account", self.arg(2))?.to_wire_string();
                // RTM 006 has a single privilege, so upstream ignores the role (argument 3), whatever it is.
                let expired_ts = js::expire_006("privilegeExpiredTs", self.arg(4), w)?;
                self.fixed.start_006(AccessToken::rtm(account, expired_ts))?.build(&credentials)
            }
            "compatBuildToken" => js::build_access_token2(self.arg(0), w),
            other => Err(Error::InvalidArgument {
                field: "method".to_owned(),
                reason: format!("{other:?} is not a drop-in method of this build"),
            }),
        }
    }

    /// `buildTokenWithUid` / `buildTokenWithUserAccount`.
    fn rtc(&self, user_field: &str, w: &mut Vec<CompatWarning>) -> Result<String, Error> {
        let credentials = self.credentials()?;
        let channel_name = js::string("channelName", self.arg(2))?;
        let user = js::user(user_field, self.arg(3), w)?;
        let role = js::rtc_role("role", self.arg(4), Equality::Loose, w)?;
        let token_expire = js::expire_007("tokenExpire", self.arg(5), w)?;
        let privilege_expire =
            js::opt_expire_007("privilegeExpire", self.arg(6), w)?.unwrap_or(compat::UPSTREAM_PRIVILEGE_EXPIRE);
        self.fixed.start(token_expire)?.rtc(channel_name, user, role, privilege_expire).build(&credentials)
    }

    /// The four per-privilege lifetimes from `first` on, in upstream's argument order.
    fn expiries(&self, first: usize, w: &mut Vec<CompatWarning>) -> Result<RtcPrivilegeExpiries, Error> {
        Ok(RtcPrivilegeExpiries {
            join_channel: js::expire_007("joinChannelPrivilegeExpire", self.arg(first), w)?,
            publish_audio: js::expire_007("pubAudioPrivilegeExpire", self.arg(first + 1), w)?,
            publish_video: js::expire_007("pubVideoPrivilegeExpire", self.arg(first + 2), w)?,
            publish_data: js::expire_007("pubDataStreamPrivilegeExpire", self.arg(first + 3), w)?,
        })
    }

    /// `buildTokenWithUidAndPrivilege` / `BuildTokenWithUserAccountAndPrivilege`.
    fn rtc_with_privileges(&self, user_field: &str, w: &mut Vec<CompatWarning>) -> Result<String, Error> {
        // As the native addon: the lifetimes are read (and warned about) first.
        let expiries = self.expiries(5, w);
        let credentials = self.credentials()?;
        let channel_name = js::string("channelName", self.arg(2))?;
        let user = js::user(user_field, self.arg(3), w)?;
        let token_expire = js::expire_007("tokenExpire", self.arg(4), w)?;
        self.fixed.start(token_expire)?.rtc_with_privileges(channel_name, user, expiries?).build(&credentials)
    }

    /// `buildTokenWithRtm`: npm writes the RTC uid `${account}` and the RTM user id
    /// `account || ''`; for a string or a uid both are the same, for `undefined`, `null`,
    /// `false` and `NaN` they differ.
    fn rtc_with_rtm(&self, w: &mut Vec<CompatWarning>) -> Result<String, Error> {
        let credentials = self.credentials()?;
        let channel_name = js::string("channelName", self.arg(2))?;
        let rtc_account = js::user("account", self.arg(3), w)?.to_wire_string();
        let rtm_user_id = js::user_id("account", self.arg(3), false, w)?;
        let role = js::rtc_role("role", self.arg(4), Equality::Loose, w)?;
        let token_expire = js::expire_007("tokenExpire", self.arg(5), w)?;
        let privilege_expire =
            js::opt_expire_007("privilegeExpire", self.arg(6), w)?.unwrap_or(compat::UPSTREAM_PRIVILEGE_EXPIRE);
        let mut token = self.fixed.start(token_expire)?;
        let token = if rtc_account == rtm_user_id {
            token.rtc_with_rtm(channel_name, &rtc_account, role, privilege_expire)
        } else {
            let expiries = RtcPrivilegeExpiries::all(privilege_expire);
            token.rtc_with_rtm_expiries(channel_name, &rtc_account, role, expiries, rtm_user_id, token_expire)
        };
        token.build(&credentials)
    }

    /// The twelve-argument builders.
    fn rtc_rtm2(&self, which: WithRtm2, w: &mut Vec<CompatWarning>) -> Result<String, Error> {
        let expiries = self.expiries(6, w);
        let credentials = self.credentials()?;
        let channel = js::string("channelName", self.arg(2))?;
        let account = js::user("rtcAccount", self.arg(3), w)?.to_wire_string();
        // npm's ConvoAI and STT builders compare the role with `===`, its RTC builder with `==`.
        let equality = match which {
            WithRtm2::Plain => Equality::Loose,
            WithRtm2::ConvoAi | WithRtm2::Stt => Equality::Strict,
        };
        let role = js::rtc_role("rtcRole", self.arg(4), equality, w)?;
        let token_expire = js::expire_007("rtcTokenExpire", self.arg(5), w)?;
        let expiries = expiries?;
        let rtm_user_id = js::user_id("rtmUserId", self.arg(10), false, w)?;
        let rtm_expire = js::expire_007("rtmTokenExpire", self.arg(11), w)?;
        let mut token = self.fixed.start(token_expire)?;
        let token = match which {
            WithRtm2::Plain => token.rtc_with_rtm_expiries(channel, &account, role, expiries, rtm_user_id, rtm_expire),
            WithRtm2::ConvoAi => token.convo_ai(channel, &account, role, expiries, rtm_user_id, rtm_expire),
            WithRtm2::Stt => token.stt(channel, &account, role, expiries, rtm_user_id, rtm_expire),
        };
        token.build(&credentials)
    }

    /// npm `agora-access-token` `RtcTokenBuilder.buildTokenWithUid` / `buildTokenWithAccount`.
    fn rtc_006(&self, user_field: &str, w: &mut Vec<CompatWarning>) -> Result<String, Error> {
        let credentials = self.credentials()?;
        let channel_name = js::string("channelName", self.arg(2))?;
        let user = js::user(user_field, self.arg(3), w)?;
        let role = js::role_006("role", self.arg(4), w)?;
        let expired_ts = js::expire_006("privilegeExpiredTs", self.arg(5), w)?;
        self.fixed.start_006(AccessToken::rtc(channel_name, user, role, expired_ts))?.build(&credentials)
    }
}

/// A uid (a whole number, 0 = any user) or an account (a string), as the native addon's
/// `arg_user` reads the 006 RTM account.
fn strict_user(field: &str, value: &JsView) -> Result<User, Error> {
    match value.js_type(field)? {
        JsType::String => Ok(User::Account(js::string(field, value)?)),
        JsType::Number => Ok(User::Uid(fixed_u32(field, value.to_number(field)?)?)),
        other => Err(Error::InvalidArgument {
            field: field.to_owned(),
            reason: format!("expected a uid (number) or an account (string), got {}", other.describe()),
        }),
    }
}
