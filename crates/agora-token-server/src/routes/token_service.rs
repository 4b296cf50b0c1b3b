//! The routes of AgoraIO-Community/agora-token-service (Go/Gin), which every Agora UI kit
//! calls, plus `POST /token/getNew` of agora-go-backend-middleware (same body as `/getToken`).
//!
//! Same paths, field names and defaults (expiry 3600 s, the same value for the token and
//! every privilege). Deliberate differences, each fixing a reported problem:
//! - roles `1`/`host` are publisher and `2`/`audience` subscriber (Go made `1` a
//!   subscriber, against its own docs); an unknown role is a 400 instead of a silent subscriber;
//! - a negative uid (Android `Int` for uids ≥ 2^31) maps to the same unsigned uid; a uid
//!   above 4294967295 is a 400 instead of silently becoming 0 (any user);
//! - lifetimes are capped (default 24 h); errors carry both `error` and `message`;
//! - success bodies also echo what the token is bound to (`channel`, `uid`, `role`, `expiresAt`).

use agora_token::{RtcRole, User};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::Uri;
use axum::response::Response;
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{
    audit, authorize, issue, lifetime_json, lifetime_param, path_error, query, respond, schema, sign, StrOrNum,
};
use crate::api::{Op, RouteTable};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::issue::{parse_uid, Grant};

const TAG: &str = "agora-token-service";

/// The spellings of `{tokenType}` documented one by one: the uid must be a number for `uid`
/// and may be any text for `userAccount`, which one OpenAPI template cannot state.
const TOKEN_TYPES: [(&str, &str); 2] = [
    ("uid", "numeric uid (0 = any user; negative Android ints map to their unsigned value)"),
    ("userAccount", "string account"),
];

/// Registers the family's routes.
pub fn register(t: &mut RouteTable) {
    let expiry = |op: Op| {
        op.query_schema(
            "expiry",
            schema::query_seconds(),
            false,
            "token and privilege lifetime in seconds; absent or 0 = default (3600); capped at MAX_EXPIRY_SECS",
        )
    };
    let role = |op: Op| {
        op.path_param_schema("role", schema::role_text(), "publisher | host | 1, or subscriber | audience | 2")
    };
    let rtc_body = json!({"type": "object", "required": ["rtcToken", "channel", "uid", "role", "expiresAt"], "properties": {
        "rtcToken": {"type": "string"}, "channel": {"type": "string"}, "uid": {"type": ["integer", "string"]},
        "role": {"type": "string", "enum": ["publisher", "subscriber"]}, "expiresAt": {"type": "integer", "description": "Unix time"}}});
    let rte_body = json!({"type": "object", "required": ["rtcToken", "rtmToken", "channel", "uid", "rtmUid", "role", "expiresAt"], "properties": {
        "rtcToken": {"type": "string"}, "rtmToken": {"type": "string"}, "channel": {"type": "string"},
        "uid": {"type": ["integer", "string"]}, "rtmUid": {"type": "string"}, "role": {"type": "string", "enum": ["publisher", "subscriber"]},
        "expiresAt": {"type": "integer"}}});
    // Served once with `{tokenType}` (also `account`, and any letter case), documented per spelling.
    t.add(Op::get("/rtc/{channel}/{role}/{tokenType}/{uid}", TAG, "RTC token").protected().hidden(), rtc);
    t.add(Op::get("/rte/{channel}/{role}/{tokenType}/{uid}", TAG, "RTC and RTM tokens").protected().hidden(), rte);
    t.add(
        Op::get("/rte/{channel}/{role}/{tokenType}/{uid}/{rtmUid}", TAG, "RTC and RTM tokens").protected().hidden(),
        rte,
    );
    for (token_type, what) in TOKEN_TYPES {
        // One documented spelling: `/{family}/{channel}/{role}/<token_type>/{uid}[/{rtmUid}]`.
        let spelling = |family: &str, rtm_uid: bool, summary: &'static str| {
            let mut uid = if token_type == "uid" { schema::uid_text() } else { json!({"type": "string"}) };
            if family == "rte" && !rtm_uid {
                // The RTM user id defaults to the uid, which must then not be "0".
                uid["not"] = json!({"const": "0"});
            }
            let tail = if rtm_uid { "/{rtmUid}" } else { "" };
            let op = Op::get(format!("/{family}/{{channel}}/{{role}}/{token_type}/{{uid}}{tail}"), TAG, summary)
                .protected()
                .path_param("channel", "channel name (percent-decoded)");
            let op = role(op).path_param_schema("uid", uid, what);
            expiry(if rtm_uid { op.path_param("rtmUid", "RTM user id") } else { op })
        };
        t.document(
            spelling("rtc", false, "RTC token (the UI kits' route)")
                .describe(format!(
                    "What VideoUIKit Android/iOS/Flutter/React Native/Web call: `GET {{tokenUrl}}/rtc/{{channel}}/publisher/uid/{{uid}}/`. \
                     This spelling takes a {what}; `account` is accepted for `userAccount`, in any letter case."
                ))
                .returns_json(rtc_body.clone()),
        );
        t.document(
            spelling("rte", false, "RTC and RTM tokens; the RTM user id is the uid")
                .describe("The RTM token also grants join + publish-data on the channel as a stream channel (go-tokenbuilder 1.3.0). The uid must not be \"0\" here: give an RTM user id in the longer route.")
                .returns_json(rte_body.clone()),
        );
        t.document(
            spelling("rte", true, "RTC and RTM tokens with a separate RTM user id").returns_json(rte_body.clone()),
        );
    }
    t.add(
        expiry(
            Op::get("/rtm/{uid}", TAG, "RTM token")
                .protected()
                .path_param_schema("uid", json!({"type": "string", "not": {"const": "0"}}), "RTM user id (not \"0\")"),
        )
        .returns_json(json!({"type": "object", "required": ["rtmToken", "expiresAt"], "properties": {"rtmToken": {"type": "string"}, "expiresAt": {"type": "integer"}}})),
        rtm,
    );
    let chat_body = json!({"type": "object", "required": ["chatToken", "expiresAt"], "properties": {"chatToken": {"type": "string"}, "expiresAt": {"type": "integer"}}});
    t.add(
        expiry(Op::get("/chat/app", TAG, "Chat app token (REST administration)").protected())
            .returns_json(chat_body.clone()),
        chat_app,
    );
    t.add(
        expiry(
            Op::get("/chat/account/{chatId}", TAG, "Chat user token").protected().path_param("chatId", "Chat user id"),
        )
        .returns_json(chat_body),
        chat_account,
    );
    let token_body = json!({"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}});
    t.add(
        Op::post("/getToken", TAG, "Token by JSON request (rtc, rtm or chat)")
            .protected()
            .describe("`uid` may be a string or a number (agora-token-service accepted strings only).")
            .body(&[("application/json", get_token_schema())])
            .returns_json(token_body.clone()),
        get_token,
    );
    t.add(
        Op::post("/token/getNew", "agora-go-backend-middleware", "Token by JSON request (same body as /getToken)")
            .protected()
            .body(&[("application/json", get_token_schema())])
            .returns_json(token_body),
        get_token,
    );
}

/// The `/getToken` body, one variant per `tokenType`, exactly as [`get_token_grant`] reads it.
fn get_token_schema() -> serde_json::Value {
    let expire = schema::nullable(schema::json_seconds());
    let role_rtc = json!({"anyOf": [schema::role_json(), schema::blank(), {"type": "null"}],
        "description": "publisher | host | 1, subscriber | audience | 2; absent or empty = subscriber"});
    let ignored = schema::nullable(schema::str_or_num());
    let variant = |token_type: &str, properties: serde_json::Value, required: &[&str]| {
        let mut properties = properties;
        properties["tokenType"] = json!({"const": token_type});
        properties["expire"] = expire.clone();
        let mut required: Vec<&str> = required.to_vec();
        required.push("tokenType");
        json!({"type": "object", "title": token_type, "properties": properties, "required": required})
    };
    json!({"oneOf": [
        variant("rtc", json!({
            "channel": schema::non_blank(),
            "uid": {"allOf": [schema::rtc_user_json(), {"not": schema::blank()}],
                "description": "digits or a JSON number = numeric uid, other text = account"},
            "role": role_rtc,
        }), &["channel", "uid"]),
        variant("rtm", json!({
            "uid": {"anyOf": [{"type": "integer", "minimum": i64::MIN, "maximum": i64::MAX}, schema::non_blank()], "description": "RTM user id"},
            "channel": {"type": ["string", "null"], "description": "optional stream channel (\"*\" = every channel); blank = none"},
            "role": ignored.clone(),
        }), &["uid"]),
        variant("chat", json!({
            "uid": {"anyOf": [schema::str_or_num(), {"type": "null"}], "description": "Chat user id; absent or blank = an app token"},
            "channel": {"type": ["string", "null"]},
            "role": ignored,
        }), &[]),
    ]})
}

/// The role and user of an RTC path: role word or number, `uid` or `userAccount`.
fn rtc_user(role: &str, token_type: &str, uid: &str) -> Result<(RtcRole, User), ApiError> {
    let role: RtcRole = role.parse()?;
    let user = match token_type.to_ascii_lowercase().as_str() {
        "uid" => parse_uid(uid)?,
        "useraccount" | "account" => User::Account(uid.to_owned()),
        _ => {
            return Err(ApiError::bad_request(
                "invalid_token_type",
                format!("Error Generating RTC token - unknown tokenType {token_type:?}: use uid or userAccount"),
            ))
        }
    };
    Ok((role, user))
}

fn uid_json(user: &User) -> serde_json::Value {
    match user {
        User::Uid(n) => json!(n),
        User::Account(a) => json!(a),
    }
}

/// The path parameters of `/rtc/...` and `/rte/...`.
#[derive(Debug, Deserialize)]
struct RtcPath {
    channel: String,
    role: String,
    #[serde(rename = "tokenType")]
    token_type: String,
    uid: String,
    #[serde(rename = "rtmUid")]
    rtm_uid: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RtcBody<'a> {
    rtc_token: String,
    channel: &'a str,
    uid: serde_json::Value,
    role: String,
    expires_at: u64,
}

async fn rtc(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
    path: Result<Path<RtcPath>, PathRejection>,
) -> Response {
    let result = async {
        let Path(p) = path.map_err(path_error)?;
        let expire = lifetime_param(&state, &query(&uri)?, "expiry")?;
        let (role, user) = rtc_user(&p.role, &p.token_type, &p.uid)?;
        let grants = [Grant::Rtc { channel: p.channel.clone(), user: user.clone(), role }];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        let body = RtcBody {
            rtc_token: issued.token.clone(),
            channel: &p.channel,
            uid: uid_json(&user),
            role: role.to_string(),
            expires_at: issued.expires_at(),
        };
        Ok(respond(Json(body), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

async fn rtm(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let result = async {
        let Path(user_id) = path.map_err(path_error)?;
        let expire = lifetime_param(&state, &query(&uri)?, "expiry")?;
        if user_id == "0" {
            return Err(ApiError::bad_request(
                "invalid_user_id",
                "Error Generating RTM token: invalid RTM User ID: \"0\"",
            ));
        }
        let grants = [Grant::Rtm { user_id, stream_channel: None }];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        Ok(respond(Json(json!({"rtmToken": issued.token, "expiresAt": issued.expires_at()})), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

/// `/rte/...`: an RTC token and an RTM token whose stream channel is the RTC channel.
async fn rte(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
    path: Result<Path<RtcPath>, PathRejection>,
) -> Response {
    let result = async {
        let Path(p) = path.map_err(path_error)?;
        let expire = lifetime_param(&state, &query(&uri)?, "expiry")?;
        // agora-token-service: the RTM id defaults to the RTC uid, unless that is 0 (any user).
        let rtm_user = match p.rtm_uid {
            Some(id) => id,
            None if p.uid != "0" => p.uid.clone(),
            None => {
                return Err(ApiError::bad_request(
                    "invalid_user_id",
                    "Error Generating RTC and RTM token: failed to parse rtm user ID. Cannot be empty or \"0\"",
                ))
            }
        };
        let (role, user) = rtc_user(&p.role, &p.token_type, &p.uid)?;
        let rtc = Grant::Rtc { channel: p.channel.clone(), user: user.clone(), role };
        let rtm = Grant::Rtm { user_id: rtm_user.clone(), stream_channel: Some(p.channel.clone()) };
        authorize(&state, &caller, &[rtc.clone(), rtm.clone()]).await?;
        let rtc_issued = sign(&state, std::slice::from_ref(&rtc), expire, expire)?;
        let rtm_issued = sign(&state, std::slice::from_ref(&rtm), expire, expire)?;
        let body = json!({
            "rtcToken": rtc_issued.token,
            "rtmToken": rtm_issued.token,
            "channel": p.channel,
            "uid": uid_json(&user),
            "rtmUid": rtm_user,
            "role": role.to_string(),
            "expiresAt": rtc_issued.expires_at(),
        });
        Ok(respond(Json(body), audit(&[rtc, rtm], expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

async fn chat_response(state: &AppState, caller: &Caller, uri: &Uri, grant: Grant) -> Result<Response, ApiError> {
    let expire = lifetime_param(state, &query(uri)?, "expiry")?;
    let grants = [grant];
    let issued = issue(state, caller, &grants, expire, expire).await?;
    Ok(respond(Json(json!({"chatToken": issued.token, "expiresAt": issued.expires_at()})), audit(&grants, expire)))
}

async fn chat_app(State(state): State<AppState>, Extension(caller): Extension<Caller>, uri: Uri) -> Response {
    chat_response(&state, &caller, &uri, Grant::ChatApp).await.unwrap_or_else(|e| e.standard())
}

async fn chat_account(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    match path {
        Ok(Path(user_id)) => chat_response(&state, &caller, &uri, Grant::ChatUser { user_id }).await,
        Err(e) => Err(path_error(e)),
    }
    .unwrap_or_else(|e| e.standard())
}

/// The `/getToken` body (agora-token-service `TokenRequest`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenRequest {
    token_type: Option<String>,
    channel: Option<String>,
    role: Option<StrOrNum>,
    uid: Option<StrOrNum>,
    #[serde(default, deserialize_with = "super::optional_whole")]
    expire: Option<i64>,
}

fn get_token_grant(req: &TokenRequest) -> Result<Grant, ApiError> {
    let uid = req.uid.as_ref().map(StrOrNum::text).filter(|u| !u.is_empty());
    let channel = req.channel.as_deref().map(str::trim).filter(|c| !c.is_empty());
    match req.token_type.as_deref() {
        Some("rtc") => {
            let channel =
                channel.ok_or_else(|| ApiError::bad_request("missing_channel", "invalid: missing channel name"))?;
            let user = match (&req.uid, &uid) {
                (Some(u), Some(_)) => u.rtc_user()?,
                _ => return Err(ApiError::bad_request("missing_uid", "invalid: missing user ID or account")),
            };
            // agora-token-service: anything but "publisher" was a subscriber; absent still is.
            let role = match &req.role {
                Some(r) if !r.text().is_empty() => r.role()?,
                _ => RtcRole::Subscriber,
            };
            Ok(Grant::Rtc { channel: channel.to_owned(), user, role })
        }
        Some("rtm") => {
            let user_id =
                uid.ok_or_else(|| ApiError::bad_request("missing_uid", "invalid: missing user ID or account"))?;
            Ok(Grant::Rtm { user_id, stream_channel: channel.map(str::to_owned) })
        }
        Some("chat") => Ok(match uid {
            Some(user_id) => Grant::ChatUser { user_id },
            None => Grant::ChatApp,
        }),
        _ => Err(ApiError::bad_request("unsupported_token_type", "Unsupported tokenType: use rtc, rtm or chat")),
    }
}

async fn get_token(State(state): State<AppState>, Extension(caller): Extension<Caller>, request: Request) -> Response {
    let result = async {
        let req: TokenRequest = super::lenient_json(request).await?;
        let expire = lifetime_json(&state, "expire", req.expire)?;
        let grants = [get_token_grant(&req)?];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        Ok(respond(Json(json!({"token": issued.token})), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtc_users_from_paths() {
        assert_eq!(rtc_user("1", "uid", "-1").unwrap(), (RtcRole::Publisher, User::Uid(u32::MAX)));
        assert_eq!(rtc_user("audience", "userAccount", "0").unwrap(), (RtcRole::Subscriber, User::Account("0".into())));
        assert_eq!(rtc_user("host", "account", "bob").unwrap(), (RtcRole::Publisher, User::Account("bob".into())));
        assert_eq!(rtc_user("admin", "uid", "1").unwrap_err().kind, "unknown_role");
        assert_eq!(rtc_user("publisher", "token", "1").unwrap_err().kind, "invalid_token_type");
    }

    #[test]
    fn get_token_requests() {
        let req = |v: serde_json::Value| serde_json::from_value::<TokenRequest>(v).unwrap();
        let g = get_token_grant(&req(json!({"tokenType": "rtc", "channel": "c", "uid": "alice", "role": "publisher"})))
            .unwrap();
        assert_eq!(
            g,
            Grant::Rtc { channel: "c".into(), user: User::Account("alice".into()), role: RtcRole::Publisher }
        );
        let g = get_token_grant(&req(json!({"tokenType": "rtc", "channel": "c", "uid": 42}))).unwrap();
        assert_eq!(g, Grant::Rtc { channel: "c".into(), user: User::Uid(42), role: RtcRole::Subscriber });
        let g = get_token_grant(&req(json!({"tokenType": "rtm", "uid": "bob", "channel": "*"}))).unwrap();
        assert_eq!(g, Grant::Rtm { user_id: "bob".into(), stream_channel: Some("*".into()) });
        assert_eq!(get_token_grant(&req(json!({"tokenType": "chat"}))).unwrap(), Grant::ChatApp);
        assert_eq!(
            get_token_grant(&req(json!({"tokenType": "rtc", "uid": "1"}))).unwrap_err().message,
            "invalid: missing channel name"
        );
        assert_eq!(get_token_grant(&req(json!({"tokenType": "x"}))).unwrap_err().kind, "unsupported_token_type");
    }
}
