//! The token servers of the Agora Chat docs ("Secure authentication with tokens"):
//!
//! - Go: `POST /generate-user-token` `{user_uuid, expire}` and `POST /generate-app-token`
//!   `{expire}` → `{"token"}`;
//! - Node.js / Python: `GET /api/token/generateUserToken?account=&expireTimeInSeconds=` and
//!   `GET /api/token/generateAppToken?expireTimeInSeconds=` → `{"status":"success","token"}`;
//! - Java: `POST /token/generate`, form-encoded (or in the query string, as the docs'
//!   Android client sends it) `userId`, `expireSeconds`, `tokenType` = `user` (default) | `app`
//!   → the token as `text/plain`. Registered in `routes::register` (shared path with agoracn).
//!
//! Errors are 400 JSON with `error` (what those clients read) and `message`.

use std::collections::HashMap;

use axum::extract::{Request, State};
use axum::http::Uri;
use axum::response::Response;
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::{json, Value};

use super::{audit, issue, param, query, respond, schema};
use crate::api::{Op, RouteTable};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::issue::{parse_seconds, Grant};

const TAG: &str = "Agora Chat docs";

/// Registers the family's routes.
pub fn register(t: &mut RouteTable) {
    let token = json!({"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}});
    let expire = schema::nullable(schema::json_seconds());
    t.add(
        Op::post("/generate-user-token", TAG, "Chat user token (Go sample)")
            .protected()
            .body(&[(
                "application/json",
                json!({"type": "object", "properties": {
                "user_uuid": schema::non_blank(), "expire": expire}, "required": ["user_uuid"]}),
            )])
            .returns_json(token.clone()),
        generate_user_token,
    );
    t.add(
        Op::post("/generate-app-token", TAG, "Chat app token (Go sample)")
            .protected()
            .describe("The body may be left out (no body = `{}`).")
            .body(&[(
                "application/json",
                json!({"type": "object", "properties": {
                "expire": expire, "user_uuid": {"type": ["string", "null"], "description": "ignored"}}}),
            )])
            .body_optional()
            .returns_json(token),
        generate_app_token,
    );
    let status_token = json!({"type": "object", "required": ["status", "token"], "properties": {
        "status": {"const": "success"}, "token": {"type": "string"}}});
    t.add(
        Op::get("/api/token/generateUserToken", TAG, "Chat user token (Node.js and Python samples)")
            .protected()
            .query_schema("account", schema::non_blank(), true, "Chat user id")
            .query_schema("expireTimeInSeconds", schema::query_seconds(), false, "lifetime in seconds")
            .returns_json(status_token.clone()),
        api_user_token,
    );
    t.add(
        Op::get("/api/token/generateAppToken", TAG, "Chat app token (Node.js and Python samples)")
            .protected()
            .query_schema("expireTimeInSeconds", schema::query_seconds(), false, "lifetime in seconds")
            .returns_json(status_token),
        api_app_token,
    );
}

#[derive(Debug, Deserialize)]
struct GoRequest {
    user_uuid: Option<String>,
    #[serde(default, deserialize_with = "super::optional_whole")]
    expire: Option<i64>,
}

async fn token_json(
    state: &AppState,
    caller: &Caller,
    grant: Grant,
    expire: u32,
    body: impl Fn(String) -> Value,
) -> Result<Response, ApiError> {
    let grants = [grant];
    let issued = issue(state, caller, &grants, expire, expire).await?;
    Ok(respond(Json(body(issued.token)), audit(&grants, expire)))
}

async fn generate_user_token(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    request: Request,
) -> Response {
    let result = async {
        let req: GoRequest = super::lenient_json(request).await?;
        let user_id = req
            .user_uuid
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| ApiError::bad_request("missing_user", "user_uuid is required"))?;
        let expire = super::lifetime_json(&state, "expire", req.expire)?;
        token_json(&state, &caller, Grant::ChatUser { user_id }, expire, |t| json!({"token": t})).await
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

async fn generate_app_token(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    request: Request,
) -> Response {
    let result = async {
        let req: GoRequest = super::lenient_json(request).await?;
        let expire = super::lifetime_json(&state, "expire", req.expire)?;
        token_json(&state, &caller, Grant::ChatApp, expire, |t| json!({"token": t})).await
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

async fn api_user_token(State(state): State<AppState>, Extension(caller): Extension<Caller>, uri: Uri) -> Response {
    let result = async {
        let q = query(&uri)?;
        let account = param(&q, &["account"])
            .ok_or_else(|| ApiError::bad_request("missing_account", "Account parameter is required"))?;
        let expire = state.issuer.lifetime(parse_seconds("expireTimeInSeconds", param(&q, &["expireTimeInSeconds"]))?);
        token_json(
            &state,
            &caller,
            Grant::ChatUser { user_id: account.to_owned() },
            expire,
            |t| json!({"status": "success", "token": t}),
        )
        .await
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

async fn api_app_token(State(state): State<AppState>, Extension(caller): Extension<Caller>, uri: Uri) -> Response {
    let result = async {
        let q = query(&uri)?;
        let expire = state.issuer.lifetime(parse_seconds("expireTimeInSeconds", param(&q, &["expireTimeInSeconds"]))?);
        token_json(&state, &caller, Grant::ChatApp, expire, |t| json!({"status": "success", "token": t})).await
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

/// The form API's parameters: the query string, overridden by the form body (Spring's
/// `@RequestParam` reads both).
fn form_params(uri: &Uri, body: &[u8]) -> Result<HashMap<String, String>, ApiError> {
    let mut params = query(uri)?;
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|e| ApiError::bad_request("invalid_form", format!("the body is not a form (name=value&...): {e}")))?;
    params.extend(form);
    Ok(params)
}

/// `POST /token/generate`, form-encoded (the Chat docs' Java server).
pub async fn generate_form(state: &AppState, caller: &Caller, uri: &Uri, body: &[u8]) -> Response {
    let result = async {
        let params = form_params(uri, body)?;
        let expire = state.issuer.lifetime(parse_seconds("expireSeconds", param(&params, &["expireSeconds"]))?);
        let grant = match param(&params, &["tokenType"]).map(str::to_ascii_lowercase).as_deref() {
            None | Some("user") => {
                let user_id = param(&params, &["userId"])
                    .ok_or_else(|| ApiError::bad_request("missing_user", "userId is required"))?;
                Grant::ChatUser { user_id: user_id.to_owned() }
            }
            Some("app") => Grant::ChatApp,
            Some(other) => {
                return Err(ApiError::bad_request(
                    "invalid_token_type",
                    format!("Invalid tokenType {other:?}. Must be 'user' or 'app'."),
                ))
            }
        };
        let grants = [grant];
        let issued = issue(state, caller, &grants, expire, expire).await?;
        Ok(respond(super::plain_text(issued.token), audit(&grants, expire)))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| e.standard())
}

/// The form body's schema, for the OpenAPI document: a user token (`tokenType` absent or
/// `user`, any letter case) needs `userId`; an app token does not.
#[must_use]
pub fn form_schema() -> Value {
    let token_type = |word: &str| {
        let class: String = word.chars().map(|c| format!("[{}{}]", c.to_ascii_uppercase(), c)).collect();
        json!({"type": "string", "pattern": format!("^\\s*{class}\\s*$")})
    };
    let expire = schema::query_seconds();
    json!({"type": "object", "properties": {
    "userId": {"type": "string", "description": "required for user tokens"},
    "expireSeconds": expire,
    "tokenType": {"anyOf": [token_type("user"), token_type("app"), schema::blank()], "description": "user (default) or app"}},
    "anyOf": [
        {"required": ["userId"], "properties": {"userId": schema::non_blank(), "tokenType": {"anyOf": [token_type("user"), schema::blank()]}}},
        {"required": ["tokenType"], "properties": {"tokenType": token_type("app")}},
    ]})
}
