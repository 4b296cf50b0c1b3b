//! The routes, one module per compatibility family, and what they share.
//!
//! | module | clients it serves |
//! |---|---|
//! | [`token_service`] | AgoraIO-Community/agora-token-service (the UI kits, Railway/Render deploys), agora-go-backend-middleware |
//! | [`agoracn`] | the `agoracn/token` Docker image (`POST /token/generate`, JSON) |
//! | [`samples`] | the Agora docs samples: `/fetch_rtc_token`, `/rtcToken`, `/rtmToken`, `/access_token`; AgoraIO/Tools `python3/docker`: `/v1/token` |
//! | [`convoai`] | the Conversational AI quickstarts: `/api/generate-agora-token` |
//! | [`chat`] | the Agora Chat docs token servers (Go, Node/Python, Java form-encoded `POST /token/generate`) |
//! | [`inspect`] | people: the token debugger page at `/inspect` |
//! | [`ops`] | `/`, `/ping`, health, readiness, metrics, the OpenAPI document |
//!
//! `POST /token/generate` is shared by the agoracn JSON API and the Chat form API; it is
//! told apart by `Content-Type` in [`token_generate`].

pub mod agoracn;
pub mod chat;
pub mod convoai;
pub mod inspect;
pub mod ops;
pub mod samples;
pub mod schema;
pub mod token_service;

use std::collections::HashMap;

use agora_token::User;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use crate::api::{Op, RouteTable};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::issue::{Grant, Issued};
use crate::observe::Audit;
use crate::policy;

/// Registers every route of every family.
pub fn register(table: &mut RouteTable) {
    ops::register(table);
    token_service::register(table);
    samples::register(table);
    chat::register(table);
    convoai::register(table);
    inspect::register(table);
    let error = json!({"description": "Refused: the agoracn envelope for JSON requests, the standard error for form requests",
        "content": {"application/json": {"schema": {"anyOf": [agoracn::error_schema(), {"$ref": "#/components/schemas/Error"}]}}}});
    table.add(
        Op::post("/token/generate", "agoracn/token + Agora Chat", "Token by service list (JSON) or Chat token (form)")
            .protected()
            .describe(
                "With `Content-Type: application/x-www-form-urlencoded` this is the Agora Chat docs' Java token server: `userId`, `expireSeconds`, `tokenType` (`user` default, or `app`), in the body or the query string, \
→ the token as text/plain. Otherwise the body is the agoracn/token JSON request → \
`{\"code\":0,\"message\":\"Success\",\"data\":{\"token\"}}`; errors are 400 `{\"code\":-1|-2,\"message\",\"data\":\"\"}`.",
            )
            .body(&[("application/json", agoracn::request_schema()), ("application/x-www-form-urlencoded", chat::form_schema())])
            .returns_json(agoracn::response_schema())
            .returns_also("text/plain", json!({"type": "string"}))
            .responds("400", error.clone())
            .responds("403", error.clone())
            .responds("413", error),
        token_generate,
    );
}

/// `POST /token/generate`: the Chat form API when the body is form-encoded, else agoracn JSON.
/// A body that starts with `{` is JSON whatever its type: `curl -d '{...}'` without `-H`
/// labels JSON as a form.
async fn token_generate(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    request: Request,
) -> Response {
    let declared_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    let uri = request.uri().clone();
    let body = match body_bytes(request).await {
        Ok(body) => body,
        Err(e) => return if declared_form { e.standard() } else { agoracn::envelope_error(&e) },
    };
    let looks_json = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if declared_form && !looks_json {
        chat::generate_form(&state, &caller, &uri, &body).await
    } else {
        agoracn::generate(&state, &caller, &body).await
    }
}

/// Checks the grants against the policy (403 on refusal), then asks the external
/// authorizer when `AUTHZ_URL` is set.
///
/// # Errors
/// 403 from the policy or the authorizer; 503 when the authorizer does not answer.
pub async fn authorize(state: &AppState, caller: &Caller, grants: &[Grant]) -> Result<(), ApiError> {
    policy::enforce(&*state.policy, caller, grants).inspect_err(|_| state.metrics.policy_denied())?;
    match &state.authorizer {
        Some(authorizer) => authorizer.check(caller, grants).await,
        None => Ok(()),
    }
}

/// Signs one token carrying `grants` (already authorized).
///
/// # Errors
/// 400 when the core refuses an input, 500 when the clock or randomness fails.
pub fn sign(state: &AppState, grants: &[Grant], token_expire: u32, privilege_expire: u32) -> Result<Issued, ApiError> {
    let issued = state.issuer.issue(grants, token_expire, privilege_expire)?;
    state.metrics.tokens_issued(grants);
    Ok(issued)
}

/// Authorizes, then signs.
///
/// # Errors
/// See [`authorize`] and [`sign`].
pub async fn issue(
    state: &AppState,
    caller: &Caller,
    grants: &[Grant],
    token_expire: u32,
    privilege_expire: u32,
) -> Result<Issued, ApiError> {
    authorize(state, caller, grants).await?;
    sign(state, grants, token_expire, privilege_expire)
}

/// The audit record of a response that issued `grants`.
#[must_use]
pub fn audit(grants: &[Grant], expire: u32) -> Audit {
    let kinds = grants.iter().map(Grant::kind).collect::<Vec<_>>().join("+");
    let channel = grants.iter().find_map(|g| match g {
        Grant::Rtc { channel, .. } => Some(channel.clone()),
        Grant::Rtm { stream_channel, .. } => stream_channel.clone(),
        _ => None,
    });
    let user = grants.iter().find_map(|g| match g {
        Grant::Rtc { user, .. } => Some(user.to_wire_string()),
        Grant::Rtm { user_id, .. } | Grant::ChatUser { user_id } | Grant::ApaasUser { user_id } => {
            Some(user_id.clone())
        }
        _ => None,
    });
    let role = grants.iter().find(|g| matches!(g, Grant::Rtc { .. })).map_or("none", Grant::role_label);
    Audit { kinds, channel, user, role, expire }
}

/// A success response carrying its audit record for the log line.
pub fn respond(body: impl IntoResponse, audit: Audit) -> Response {
    let mut response = body.into_response();
    response.extensions_mut().insert(audit);
    response
}

/// A token as a `text/plain` body (what the Chat Java server and the Python Docker sample return).
pub fn plain_text(token: String) -> Response {
    let mut response = token.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

/// The query string as a map (later duplicates win).
///
/// # Errors
/// 400 when the query string cannot be read.
pub fn query(uri: &Uri) -> Result<HashMap<String, String>, ApiError> {
    Query::<HashMap<String, String>>::try_from_uri(uri)
        .map(|Query(map)| map)
        .map_err(|e| ApiError::bad_request("invalid_query", e.body_text()))
}

/// The first non-empty query parameter among `names`.
#[must_use]
pub fn param<'a>(query: &'a HashMap<String, String>, names: &[&str]) -> Option<&'a str> {
    names.iter().find_map(|n| query.get(*n).map(|v| v.trim()).filter(|v| !v.is_empty()))
}

/// The lifetime requested by query parameter `name` (absent/0 = default, capped at the maximum).
///
/// # Errors
/// 400 when the parameter is not a whole number of seconds.
pub fn lifetime_param(state: &AppState, query: &HashMap<String, String>, name: &str) -> Result<u32, ApiError> {
    let requested = crate::issue::parse_seconds(name, param(query, &[name]))?;
    Ok(state.issuer.lifetime(requested))
}

/// The lifetime requested in a JSON body (absent/0 = default, capped at the maximum).
///
/// # Errors
/// 400 for a negative number.
pub fn lifetime_json(state: &AppState, name: &str, value: Option<i64>) -> Result<u32, ApiError> {
    match value {
        Some(v) if v < 0 => Err(ApiError::bad_request(
            "invalid_expiry",
            format!("{name} must be seconds from now (0 or more), not {v}"),
        )),
        Some(v) => Ok(state.issuer.lifetime(u64::try_from(v).ok())),
        None => Ok(state.issuer.lifetime(None)),
    }
}

/// A path that could not be decoded (e.g. invalid UTF-8 after percent-decoding).
#[must_use]
pub fn path_error(rejection: PathRejection) -> ApiError {
    ApiError::bad_request("invalid_path", rejection.body_text())
}

/// A whole JSON number: `3600`, or `3600.0` as Python's `json.dumps` writes a float.
fn whole_number(number: &serde_json::Number) -> Option<i128> {
    if let Some(n) = number.as_i64() {
        return Some(i128::from(n));
    }
    if let Some(n) = number.as_u64() {
        return Some(i128::from(n));
    }
    // Floats: whole values up to 2^53, where every integer is exact. Beyond, a float may be
    // an integer literal out of range that the JSON parser rounded (-9223372036854775809).
    #[allow(clippy::cast_possible_truncation)] // checked: whole and within ±2^53
    number.as_f64().filter(|f| f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0).map(|f| f as i128)
}

/// Reads an optional whole number of type `T` (`null` = absent), also from a whole float.
///
/// # Errors
/// When the value is not a number, not whole, or outside `T`'s range.
pub fn optional_whole<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: TryFrom<i128>,
{
    let number: Option<serde_json::Number> = Option::deserialize(deserializer)?;
    match number {
        None => Ok(None),
        Some(number) => whole_number(&number)
            .and_then(|n| T::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("{number} is not a whole number in range"))),
    }
}

/// A JSON value that clients send either as a string or as a number (uids, roles). A number
/// must be a whole 64-bit value (`42` or `42.0`).
#[derive(Debug, Clone)]
pub enum StrOrNum {
    /// `"42"`, `"alice"`, `"publisher"`.
    Str(String),
    /// `42`, `-5`, `1`.
    Num(i64),
}

impl<'de> Deserialize<'de> for StrOrNum {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(s) => Ok(StrOrNum::Str(s)),
            serde_json::Value::Number(n) => whole_number(&n)
                .and_then(|n| i64::try_from(n).ok())
                .map(StrOrNum::Num)
                .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a whole 64-bit number"))),
            other => Err(serde::de::Error::custom(format!("expected a string or a number, not {other}"))),
        }
    }
}

impl StrOrNum {
    /// As text: numbers in decimal.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            StrOrNum::Str(s) => s.trim().to_owned(),
            StrOrNum::Num(n) => n.to_string(),
        }
    }

    /// An RTC user: a JSON number is a numeric uid (negative Android uids mapped);
    /// a string of digits is a numeric uid, any other string an account (agora-token-service's rule).
    ///
    /// # Errors
    /// 400 for a number outside the 32-bit uid ranges.
    pub fn rtc_user(&self) -> Result<User, ApiError> {
        match self {
            StrOrNum::Num(n) => Ok(User::from_signed_uid(*n)?),
            StrOrNum::Str(s) if !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit()) => {
                crate::issue::parse_uid(s)
            }
            StrOrNum::Str(s) => Ok(User::Account(s.clone())),
        }
    }

    /// An RTC role: numbers by [`agora_token::RtcRole::from_code`], words by its `FromStr`.
    ///
    /// # Errors
    /// 400 for an unknown role.
    pub fn role(&self) -> Result<agora_token::RtcRole, ApiError> {
        Ok(match self {
            StrOrNum::Num(n) => agora_token::RtcRole::from_code(*n)?,
            StrOrNum::Str(s) => s.parse()?,
        })
    }
}

/// The request body, within the configured size limit.
///
/// # Errors
/// 413 over the body limit, 400 when the body cannot be read.
pub async fn body_bytes(request: Request) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, &()).await.map_err(|e| {
        let kind = if e.status() == StatusCode::PAYLOAD_TOO_LARGE { "body_too_large" } else { "invalid_body" };
        ApiError::new(e.status(), kind, e.body_text())
    })
}

/// Parses a JSON body; an empty body is `{}`.
///
/// # Errors
/// 400 when the body is not the expected JSON.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let text: &[u8] = match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => b"{}",
        // serde would also read a struct from a JSON array; every body here is an object.
        Some(b'{') => body,
        Some(_) => {
            return Err(ApiError::bad_request(
                "invalid_json",
                "the body is not the expected JSON: it must be an object {...}",
            ))
        }
    };
    serde_json::from_slice(text)
        .map_err(|e| ApiError::bad_request("invalid_json", format!("the body is not the expected JSON: {e}")))
}

/// Reads a JSON body whatever its `Content-Type` (Gin's `BindJSON` and Go's
/// `json.Decoder`, which today's servers use, ignore it too); an empty body is `{}`.
///
/// # Errors
/// 413 over the body limit, 400 when the body is not the expected JSON.
pub async fn lenient_json<T: DeserializeOwned>(request: Request) -> Result<T, ApiError> {
    parse_json(&body_bytes(request).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Lifetime {
        #[serde(default, deserialize_with = "optional_whole")]
        expire: Option<i64>,
        uid: Option<StrOrNum>,
    }

    #[test]
    fn whole_numbers_also_as_floats_within_exact_range() {
        let read = |body: &str| parse_json::<Lifetime>(body.as_bytes());
        let ok = read(r#"{"expire": 3600.0, "uid": 42.0}"#).unwrap();
        assert_eq!(ok.expire, Some(3600));
        assert!(matches!(ok.uid, Some(StrOrNum::Num(42))));
        assert_eq!(read(r#"{"expire": null}"#).unwrap().expire, None);
        assert_eq!(read(r#"{"expire": 9223372036854775807}"#).unwrap().expire, Some(i64::MAX));
        for bad in [
            r#"{"expire": 2.5}"#,
            r#"{"expire": "60"}"#,
            r#"{"expire": 9223372036854775808}"#,
            r#"{"uid": -9223372036854775809}"#,
            r#"{"uid": 1e300}"#,
            r#"{"uid": true}"#,
            "[null, null]",
            "5",
        ] {
            assert_eq!(read(bad).unwrap_err().kind, "invalid_json", "{bad}");
        }
        assert!(read("  ").unwrap().expire.is_none(), "an empty body is {{}}");
    }
}
