//! The token servers of the Agora docs and old community samples:
//!
//! - `POST /fetch_rtc_token` — the Web SDK authentication guide's Go server
//!   (`{uid, channelName|ChannelName, role: 1|2}` → `{"token", "code": "200"}`);
//! - `GET /rtcToken`, `GET /rtmToken` — AgoraIO/Tools `nodejs/server/DemoServer.js` (`{"key"}`);
//! - `GET /access_token` — TokenServer-nodejs and Agora-Node-TokenServer v1 (`{"token"}`);
//! - `GET /v1/token?channel_name=` — AgoraIO/Tools `python3/docker` (the token as plain text,
//!   uid 0, publisher, 900 s, privileges without a limit of their own); an optional `uid`
//!   is accepted too, so the route also works where uid 0 (any user) is refused by the policy.
//!
//! All return AccessToken2 (`007`) tokens, including the routes whose original returned
//! `006`: every Agora SDK of the last years accepts `007`. `expiredTs` of `/access_token`
//! was an absolute Unix time; it is converted to a lifetime (a small value is read as a
//! lifetime already). A missing channel is a 400 (the originals answered 500).

use agora_token::clock::looks_like_unix_timestamp;
use agora_token::{RtcRole, User};
use axum::extract::{Request, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use super::{audit, issue, param, query, respond, schema, StrOrNum};
use crate::api::{Op, RouteTable};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::issue::{parse_seconds, parse_uid, Grant};

const DOCS: &str = "Agora docs samples";

/// Registers the family's routes.
pub fn register(t: &mut RouteTable) {
    let aliases = ["channelName", "ChannelName", "channel_name", "channelname"];
    let mut fetch_properties = serde_json::Map::new();
    for alias in aliases {
        fetch_properties.insert(alias.to_owned(), schema::non_blank());
    }
    fetch_properties.insert("uid".to_owned(), schema::nullable(schema::rtc_user_json()));
    fetch_properties.insert("role".to_owned(), schema::nullable(schema::role_json()));
    fetch_properties.insert("expire".to_owned(), schema::nullable(schema::json_seconds()));
    let one_channel: Vec<serde_json::Value> = aliases.iter().map(|a| json!({"required": [a]})).collect();
    let fetch_error = json!({"description": "Refused (bad input, policy, body too large)", "content": {"application/json": {"schema": {
        "type": "object", "required": ["code", "error", "message"], "properties": {
            "code": {"type": "string", "description": "the HTTP status as text"}, "error": {"type": "string"}, "message": {"type": "string"}}}}}});
    t.add(
        Op::post("/fetch_rtc_token", DOCS, "RTC token (Web SDK authentication guide)")
            .protected()
            .describe("The channel name as `channelName`, `ChannelName`, `channel_name` or `channelname` (exactly one); `role` 1 publisher, 2 subscriber (absent = subscriber); uid absent = 0 (any user). Errors: `{\"code\": \"<status>\", \"error\", \"message\"}`.")
            .body(&[(
                "application/json",
                json!({"type": "object", "properties": fetch_properties, "oneOf": one_channel}),
            )])
            .returns_json(json!({"type": "object", "required": ["token", "code"], "properties": {"token": {"type": "string"}, "code": {"const": "200"}}}))
            .responds("400", fetch_error.clone())
            .responds("403", fetch_error.clone())
            .responds("413", fetch_error),
        fetch_rtc_token,
    );
    let key = json!({"type": "object", "required": ["key"], "properties": {"key": {"type": "string"}}});
    t.add(
        Op::get("/rtcToken", DOCS, "RTC publisher token (AgoraIO/Tools DemoServer)")
            .protected()
            .query_schema("channelName", schema::non_blank(), true, "channel name")
            .query_schema(
                "uid",
                json!({"anyOf": [schema::uid_text(), schema::blank()]}),
                false,
                "numeric uid; absent or empty = 0 (any user)",
            )
            .returns_json(key.clone()),
        rtc_token,
    );
    t.add(
        Op::get("/rtmToken", DOCS, "RTM token (AgoraIO/Tools DemoServer)")
            .protected()
            .query_schema("account", schema::non_blank(), true, "RTM user id")
            .returns_json(key),
        rtm_token,
    );
    t.add(
        Op::get("/access_token", DOCS, "RTC token (TokenServer-nodejs, Agora-Node-TokenServer v1)")
            .protected()
            .describe("Also accepted, for TokenServer-nodejs clients, and not listed as parameters: `channelName` for `channel`, and `expiredTs`, an absolute Unix expiry time (0 = default; a time in the past is a 400; a value below 1000000000 is read as a lifetime), used when `expireTime` is absent.")
            .query_schema("channel", schema::non_blank(), true, "channel name")
            .query_schema(
                "uid",
                json!({"anyOf": [schema::blank(), schema::rtc_user_text()]}),
                false,
                "numeric uid (absent or empty = 0, any user) or an account",
            )
            .query_schema(
                "role",
                json!({"anyOf": [schema::role_text(), schema::blank()]}),
                false,
                "publisher | host | 1, subscriber | audience | 2; absent = subscriber (join only, as TokenServer-nodejs)",
            )
            .query_schema("expireTime", schema::query_seconds(), false, "lifetime in seconds")
            .returns_json(json!({"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}})),
        access_token,
    );
    register_v1_token(t);
}

/// Registers `GET /v1/token` (AgoraIO/Tools `python3/docker`).
fn register_v1_token(t: &mut RouteTable) {
    t.add(
        Op::get("/v1/token", DOCS, "RTC publisher token as plain text (AgoraIO/Tools python3 Docker sample)")
            .protected()
            .describe("As the sample: uid 0 (any user), publisher, token lifetime 900 s (capped at MAX_EXPIRY_SECS), privileges without a limit of their own; the body is the token itself. `uid` is an addition for servers that refuse uid 0 (POLICY_ALLOW_WILDCARDS=false).")
            .query_schema("channel_name", schema::non_blank(), true, "channel name")
            .query_schema("uid", json!({"anyOf": [schema::uid_text(), schema::blank()]}), false, "numeric uid; absent or empty = 0 (any user)")
            .returns("text/plain", json!({"type": "string"})),
        v1_token,
    );
}

/// The sample's token lifetime, in seconds.
const V1_TOKEN_EXPIRE: u64 = 900;

async fn v1_token(State(state): State<AppState>, Extension(caller): Extension<Caller>, uri: Uri) -> Response {
    let result = async {
        let q = query(&uri)?;
        let channel = param(&q, &["channel_name"])
            .ok_or_else(|| ApiError::bad_request("missing_channel", "channel_name is required"))?;
        let user = param(&q, &["uid"]).map_or(Ok(User::ANY), parse_uid)?;
        let expire = state.issuer.lifetime(Some(V1_TOKEN_EXPIRE));
        let grants = [Grant::Rtc { channel: channel.to_owned(), user, role: RtcRole::Publisher }];
        // build_token_with_uid(..., token_expire=900) leaves the privilege expiry at 0.
        let issued = issue(&state, &caller, &grants, expire, 0).await?;
        Ok(respond(super::plain_text(issued.token), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

#[derive(Debug, Deserialize)]
struct FetchRtcRequest {
    uid: Option<StrOrNum>,
    #[serde(rename = "channelName", alias = "ChannelName", alias = "channel_name", alias = "channelname")]
    channel_name: Option<String>,
    role: Option<StrOrNum>,
    #[serde(default, deserialize_with = "super::optional_whole")]
    expire: Option<i64>,
}

async fn fetch_rtc_token(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    request: Request,
) -> Response {
    let result = async {
        let req: FetchRtcRequest = super::lenient_json(request).await?;
        let channel = req
            .channel_name
            .filter(|c| !c.trim().is_empty())
            .ok_or_else(|| ApiError::bad_request("missing_channel", "channelName is required"))?;
        let user = match &req.uid {
            Some(uid) => uid.rtc_user()?,
            None => User::ANY,
        };
        let role = match &req.role {
            Some(r) => r.role()?,
            None => RtcRole::Subscriber,
        };
        let expire = super::lifetime_json(&state, "expire", req.expire)?;
        let grants = [Grant::Rtc { channel, user, role }];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        Ok(respond(Json(json!({"token": issued.token, "code": "200"})), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| {
        let status = e.status.as_u16().to_string();
        e.with_headers(
            (e.status, Json(json!({"code": status, "error": e.message, "message": e.message}))).into_response(),
        )
    })
}

async fn rtc_token(State(state): State<AppState>, Extension(caller): Extension<Caller>, uri: Uri) -> Response {
    let result = async {
        let q = query(&uri)?;
        let channel = param(&q, &["channelName"])
            .ok_or_else(|| ApiError::bad_request("missing_channel", "channel name is required"))?;
        let user = param(&q, &["uid"]).map_or(Ok(User::ANY), parse_uid)?;
        let expire = state.issuer.lifetime(None);
        let grants = [Grant::Rtc { channel: channel.to_owned(), user, role: RtcRole::Publisher }];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        Ok(respond(Json(json!({"key": issued.token})), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

async fn rtm_token(State(state): State<AppState>, Extension(caller): Extension<Caller>, uri: Uri) -> Response {
    let result = async {
        let q = query(&uri)?;
        let account =
            param(&q, &["account"]).ok_or_else(|| ApiError::bad_request("missing_account", "account is required"))?;
        let expire = state.issuer.lifetime(None);
        let grants = [Grant::Rtm { user_id: account.to_owned(), stream_channel: None }];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        Ok(respond(Json(json!({"key": issued.token})), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

/// The lifetime of `/access_token`: `expireTime` (seconds), or `expiredTs` (absolute).
fn access_token_lifetime(
    state: &AppState,
    expire_time: Option<&str>,
    expired_ts: Option<&str>,
) -> Result<u32, ApiError> {
    if let Some(seconds) = parse_seconds("expireTime", expire_time)? {
        return Ok(state.issuer.lifetime(Some(seconds)));
    }
    match parse_seconds("expiredTs", expired_ts)? {
        None | Some(0) => Ok(state.issuer.lifetime(None)),
        Some(ts) => {
            let now = u64::from(agora_token::clock::now()?);
            let as_u32 = u32::try_from(ts).unwrap_or(u32::MAX);
            if !looks_like_unix_timestamp(as_u32) {
                // A small number is a lifetime already (the 007 meaning).
                return Ok(state.issuer.lifetime(Some(ts)));
            }
            match ts.checked_sub(now).filter(|s| *s > 0) {
                Some(seconds) => Ok(state.issuer.lifetime(Some(seconds))),
                None => Err(ApiError::bad_request(
                    "invalid_expiry",
                    format!("expiredTs {ts} is in the past (now is {now})"),
                )),
            }
        }
    }
}

async fn access_token(State(state): State<AppState>, Extension(caller): Extension<Caller>, uri: Uri) -> Response {
    let result = async {
        let q = query(&uri)?;
        let channel = param(&q, &["channel", "channelName"])
            .ok_or_else(|| ApiError::bad_request("missing_channel", "channel name is required"))?;
        let user = match param(&q, &["uid"]) {
            None => User::ANY,
            Some(uid) => StrOrNum::Str(uid.to_owned()).rtc_user()?,
        };
        let role = param(&q, &["role"]).map_or(Ok(RtcRole::Subscriber), str::parse)?;
        let expire = access_token_lifetime(&state, param(&q, &["expireTime"]), param(&q, &["expiredTs"]))?;
        let grants = [Grant::Rtc { channel: channel.to_owned(), user, role }];
        let issued = issue(&state, &caller, &grants, expire, expire).await?;
        Ok(respond(Json(json!({"token": issued.token})), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}
