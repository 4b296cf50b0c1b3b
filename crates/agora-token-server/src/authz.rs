//! The external authorizer (`AUTHZ_URL`): after the built-in policy allows a request and
//! before anything is signed, the server POSTs the caller and the requested grants to your
//! service, and signs only when it answers 2xx.
//!
//! ```json
//! {"caller": {"id": "user-42", "auth": "jwt", "user": "42", "channels": ["team-*"], "role": null},
//!  "grants": [{"kind": "rtc", "channel": "team-a", "user": "42", "userKind": "uid", "role": "publisher"},
//!             {"kind": "rtm", "user": "42", "streamChannel": "team-a"}]}
//! ```
//!
//! Fail-closed: any other status is a 403 (`authz_denied`, with the authorizer's
//! `message` when its answer is JSON carrying one), and no answer within
//! `AUTHZ_TIMEOUT_MS` (or no connection) is a 503 (`authz_unavailable`). `AUTHZ_TOKEN`,
//! if set, is sent as `Authorization: Bearer` so the authorizer can tell this server from
//! anyone else. Credentials of the caller are never forwarded.

use std::sync::Arc;

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::auth::Caller;
use crate::config::AuthzConfig;
use crate::error::ApiError;
use crate::issue::Grant;
use crate::metrics::{AuthzResult, Metrics};

/// Longest authorizer message passed on to the client.
const MAX_MESSAGE_CHARS: usize = 200;

/// A client for the external authorizer.
pub struct Authorizer {
    client: reqwest::Client,
    config: AuthzConfig,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for Authorizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authorizer").field("url", &self.config.url).field("timeout", &self.config.timeout).finish()
    }
}

impl Authorizer {
    /// A client for this authorizer.
    ///
    /// # Errors
    /// When the HTTP client cannot be built.
    pub fn new(config: &AuthzConfig, metrics: Arc<Metrics>) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            // A redirect is not an answer: a 3xx is a refusal like any other non-2xx.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("agora-token-server/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot set up the HTTP client for AUTHZ_URL: {e}"))?;
        Ok(Authorizer { client, config: config.clone(), metrics })
    }

    /// Asks whether `caller` may receive `grants`.
    ///
    /// # Errors
    /// 403 when the authorizer refuses, 503 when it does not answer in time.
    pub async fn check(&self, caller: &Caller, grants: &[Grant]) -> Result<(), ApiError> {
        let body = json!({
            "caller": {
                "id": caller.id,
                "auth": caller.method.label(),
                "user": caller.user,
                "channels": caller.channels,
                "role": caller.max_role.map(|r| r.to_string()),
            },
            "grants": grants.iter().map(grant_json).collect::<Vec<_>>(),
        });
        let mut request = self.client.post(&self.config.url).json(&body);
        if let Some(token) = &self.config.token {
            request = request.bearer_auth(token.expose());
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                self.metrics.authz(AuthzResult::Error);
                let why = if e.is_timeout() { "did not answer in time" } else { "could not be reached" };
                // Without the URL: it may carry credentials.
                tracing::warn!(error = %e.without_url(), "authorizer (AUTHZ_URL) {why}: refusing the token");
                let mut error = ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "authz_unavailable",
                    format!("the authorization service {why}; no token was issued, retry shortly"),
                );
                error.retry_after = Some(1);
                return Err(error);
            }
        };
        let status = response.status();
        if status.is_success() {
            self.metrics.authz(AuthzResult::Allowed);
            return Ok(());
        }
        self.metrics.authz(AuthzResult::Denied);
        // The body is read only for a message, and only as far as the timeout allows.
        let message = match response.bytes().await {
            Ok(bytes) => serde_json::from_slice::<Value>(&bytes).ok().and_then(|v| {
                v.get("message").and_then(Value::as_str).map(|m| m.chars().take(MAX_MESSAGE_CHARS).collect::<String>())
            }),
            Err(_) => None,
        };
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "authz_denied",
            match message {
                Some(message) => format!("the authorization service refused this token: {message}"),
                None => format!("the authorization service refused this token (HTTP {})", status.as_u16()),
            },
        ))
    }
}

/// A grant as the authorizer sees it.
fn grant_json(grant: &Grant) -> Value {
    let mut value = json!({"kind": grant.kind()});
    match grant {
        Grant::Rtc { channel, user, role } => {
            value["channel"] = json!(channel);
            value["user"] = json!(user.to_wire_string());
            value["userKind"] = json!(if matches!(user, agora_token::User::Uid(_)) { "uid" } else { "account" });
            value["role"] = json!(role.to_string());
        }
        Grant::Rtm { user_id, stream_channel } => {
            value["user"] = json!(user_id);
            value["streamChannel"] = json!(stream_channel);
        }
        Grant::ChatUser { user_id } | Grant::ApaasUser { user_id } => value["user"] = json!(user_id),
        _ => {}
    }
    value
}

#[cfg(test)]
mod tests {
    use agora_token::{RtcRole, User};

    use super::*;

    #[test]
    fn grants_are_described_with_their_users_and_channels() {
        let rtc = grant_json(&Grant::Rtc { channel: "c".into(), user: User::Uid(42), role: RtcRole::Publisher });
        assert_eq!(rtc, json!({"kind": "rtc", "channel": "c", "user": "42", "userKind": "uid", "role": "publisher"}));
        let rtm = grant_json(&Grant::Rtm { user_id: "bob".into(), stream_channel: None });
        assert_eq!(rtm, json!({"kind": "rtm", "user": "bob", "streamChannel": null}));
        assert_eq!(grant_json(&Grant::ChatApp), json!({"kind": "chat_app"}));
    }
}
