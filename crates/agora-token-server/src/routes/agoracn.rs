//! The `agoracn/token` Docker image (AgoraIO/Tools `go/docker/server.go`):
//! `POST /token/generate` with a JSON list of services combined into one token.
//!
//! Same fields and envelope: `{"code":0,"message":"Success","data":{"token"}}`, errors 400
//! `{"code":-1 (bad JSON) | -2 (cannot build), "message", "data":""}`. `serviceApaas` and the
//! published image's `serviceEducation` are both accepted. `uid` is used verbatim as the
//! account string (`"0"` stays `"0"`, as upstream). Differences: lifetimes absent or 0 get
//! the default instead of 0, privilege lifetime 0 means the token lifetime, both are
//! capped; `uid` may also be a JSON number; refusals by authentication, policy or rate
//! limit keep their HTTP status (401/403/429).
//!
//! The route is registered in `routes::register`, shared with the Chat form API.

use agora_token::{RtcRole, User};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{audit, issue, respond, schema, StrOrNum};
use crate::app::AppState;
use crate::auth::Caller;
use crate::error::ApiError;
use crate::issue::Grant;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Enable {
    #[serde(default)]
    enable: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RtcService {
    #[serde(default)]
    enable: bool,
    role: Option<StrOrNum>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserAppService {
    #[serde(default)]
    enable_user: bool,
    #[serde(default)]
    enable_app: bool,
    #[serde(default)]
    user_uuid: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GenerateRequest {
    #[serde(default)]
    channel_name: String,
    uid: Option<StrOrNum>,
    #[serde(default, deserialize_with = "super::optional_whole")]
    token_expire_ts: Option<u64>,
    #[serde(default, deserialize_with = "super::optional_whole")]
    privilege_expire_ts: Option<u64>,
    #[serde(default)]
    service_rtc: RtcService,
    #[serde(default)]
    service_rtm: Enable,
    #[serde(default)]
    service_fpa: Enable,
    #[serde(default)]
    service_chat: UserAppService,
    #[serde(default, alias = "serviceEducation")]
    service_apaas: UserAppService,
}

fn grants(req: &GenerateRequest) -> Result<Vec<Grant>, ApiError> {
    let uid = req.uid.as_ref().map(StrOrNum::text).unwrap_or_default();
    let mut grants = Vec::new();
    // Upstream: role 1 is a publisher, 2, 0 or absent a subscriber. Checked even when RTC is
    // off, as upstream's JSON binding refuses a bad role whatever `enable` says.
    let role = match &req.service_rtc.role {
        None | Some(StrOrNum::Num(0)) => RtcRole::Subscriber,
        Some(r) => r.role()?,
    };
    if req.service_rtc.enable {
        grants.push(Grant::Rtc { channel: req.channel_name.clone(), user: User::Account(uid.clone()), role });
    }
    if req.service_rtm.enable {
        grants.push(Grant::Rtm { user_id: uid, stream_channel: None });
    }
    if req.service_fpa.enable {
        grants.push(Grant::Fpa);
    }
    if req.service_chat.enable_user {
        grants.push(Grant::ChatUser { user_id: req.service_chat.user_uuid.clone() });
    }
    if req.service_chat.enable_app {
        grants.push(Grant::ChatApp);
    }
    if req.service_apaas.enable_user {
        grants.push(Grant::ApaasUser { user_id: req.service_apaas.user_uuid.clone() });
    }
    if req.service_apaas.enable_app {
        grants.push(Grant::ApaasApp);
    }
    Ok(grants)
}

/// agoracn's error envelope, keeping the HTTP status of the error.
pub fn envelope_error(error: &ApiError) -> Response {
    let code = if matches!(error.kind, "invalid_json" | "invalid_body" | "body_too_large") { -1 } else { -2 };
    let status = if error.status.is_success() { StatusCode::BAD_REQUEST } else { error.status };
    error.with_headers((status, Json(json!({"code": code, "message": error.message, "data": ""}))).into_response())
}

/// `POST /token/generate` with a JSON body.
pub async fn generate(state: &AppState, caller: &Caller, body: &[u8]) -> Response {
    let result = async {
        let req: GenerateRequest = super::parse_json(body)?;
        let token_expire = state.issuer.lifetime(req.token_expire_ts);
        let privilege_expire = match req.privilege_expire_ts {
            None | Some(0) => token_expire,
            requested => state.issuer.lifetime(requested),
        };
        let grants = grants(&req)?;
        let issued = issue(state, caller, &grants, token_expire, privilege_expire).await?;
        Ok(respond(
            Json(json!({"code": 0, "message": "Success", "data": {"token": issued.token}})),
            audit(&grants, token_expire),
        ))
    }
    .await;
    result.unwrap_or_else(|e: ApiError| envelope_error(&e))
}

/// The request body's schema, for the OpenAPI document: every field as serde reads it, and
/// at least one service enabled (an empty token is a 400, as upstream's "no service added").
#[must_use]
pub fn request_schema() -> Value {
    let enable = json!({"type": "object", "properties": {"enable": {"type": "boolean"}}});
    let user_app = json!({"type": "object", "properties": {
        "enableUser": {"type": "boolean"}, "enableApp": {"type": "boolean"}, "userUuid": {"type": "string"}}});
    let seconds = json!({"type": ["integer", "null"], "minimum": 0, "maximum": u64::MAX});
    let enabled = |service: &str, flag: &str| json!({"required": [service], "properties": {service: {"required": [flag], "properties": {flag: {"const": true}}}}});
    json!({"type": "object", "properties": {
        "channelName": {"type": "string"},
        "uid": {"anyOf": [schema::str_or_num(), {"type": "null"}], "description": "account string used verbatim (trimmed) for RTC and RTM; a number is written in decimal"},
        "tokenExpireTs": {"allOf": [seconds.clone()], "description": "token lifetime in seconds from now (despite the name); absent or 0 = default"},
        "privilegeExpireTs": {"allOf": [seconds], "description": "RTC privilege lifetime in seconds; absent or 0 = token lifetime"},
        "serviceRtc": {"type": "object", "properties": {"enable": {"type": "boolean"},
            "role": {"anyOf": [schema::role_text(), {"type": "integer", "enum": [0, 1, 2]}, {"type": "null"}], "description": "1 publisher, 2, 0 or absent subscriber"}}},
        "serviceRtm": enable.clone(),
        "serviceFpa": enable,
        "serviceChat": user_app.clone(),
        "serviceApaas": user_app.clone(),
        "serviceEducation": {"allOf": [user_app], "description": "the published image's name for serviceApaas (send one of the two)"},
    },
    "not": {"required": ["serviceApaas", "serviceEducation"]},
    "anyOf": [
        enabled("serviceRtc", "enable"), enabled("serviceRtm", "enable"), enabled("serviceFpa", "enable"),
        enabled("serviceChat", "enableUser"), enabled("serviceChat", "enableApp"),
        enabled("serviceApaas", "enableUser"), enabled("serviceApaas", "enableApp"),
        enabled("serviceEducation", "enableUser"), enabled("serviceEducation", "enableApp"),
    ]})
}

/// The success body's schema, for the OpenAPI document.
#[must_use]
pub fn response_schema() -> Value {
    json!({"type": "object", "required": ["code", "message", "data"], "properties": {
        "code": {"const": 0}, "message": {"const": "Success"},
        "data": {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}}}})
}

/// The error envelope's schema, for the OpenAPI document.
#[must_use]
pub fn error_schema() -> Value {
    json!({"type": "object", "required": ["code", "message", "data"], "properties": {
        "code": {"type": "integer", "enum": [-1, -2]}, "message": {"type": "string"}, "data": {"const": ""}}})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_become_grants_in_upstream_order() {
        let req: GenerateRequest = serde_json::from_value(json!({
            "channelName": "c", "uid": "0", "serviceRtc": {"enable": true, "role": 1}, "serviceRtm": {"enable": true},
            "serviceChat": {"enableApp": true}, "serviceEducation": {"enableUser": true, "userUuid": "u1"}
        }))
        .unwrap();
        let g = grants(&req).unwrap();
        assert_eq!(g[0], Grant::Rtc { channel: "c".into(), user: User::Account("0".into()), role: RtcRole::Publisher });
        assert_eq!(g[1], Grant::Rtm { user_id: "0".into(), stream_channel: None });
        assert_eq!(g[2], Grant::ChatApp);
        assert_eq!(g[3], Grant::ApaasUser { user_id: "u1".into() });
    }

    #[test]
    fn unknown_role_numbers_are_refused() {
        let req: GenerateRequest = serde_json::from_value(json!({"serviceRtc": {"enable": true, "role": 3}})).unwrap();
        assert_eq!(grants(&req).unwrap_err().kind, "unknown_role");
    }
}
