//! One error type for every route, and the JSON shapes it is rendered in.
//!
//! Each compatibility family answers errors in the shape its clients already parse
//! (see `routes/`); cross-cutting failures (authentication, rate limits, unknown paths)
//! use [`ApiError::standard`], which carries both `"error"` and `"message"` so clients
//! reading either key keep working.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// A failed request: the HTTP status, a stable kind for logs and metrics, and a message
/// that says what to fix. Messages never contain secrets.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable snake_case kind, e.g. `invalid_uid`, `unauthorized`.
    pub kind: &'static str,
    /// What went wrong and how to fix it.
    pub message: String,
    /// Seconds to wait before retrying (429 only).
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// A 400 with this kind and message.
    pub fn bad_request(kind: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, kind, message)
    }

    /// Any status.
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        ApiError { status, kind, message: message.into(), retry_after: None }
    }

    /// The shape of agora-token-service errors, extended: `{"status", "error", "message", "kind"}`.
    pub fn standard(&self) -> Response {
        let body = json!({
            "status": self.status.as_u16(),
            "error": self.message,
            "message": self.message,
            "kind": self.kind,
        });
        self.with_headers((self.status, Json(body)).into_response())
    }

    /// Adds `Retry-After` (429) and `WWW-Authenticate` (401) to a rendered error, and its kind for the log line.
    pub fn with_headers(&self, mut response: Response) -> Response {
        response.extensions_mut().insert(crate::observe::ErrorKind(self.kind));
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<agora_token::Error> for ApiError {
    /// Core errors, mapped by their stable code (never by message): bad input is a 400,
    /// clock and randomness failures are the server's fault.
    fn from(error: agora_token::Error) -> Self {
        let status = match error.code() {
            "clock" | "randomness" => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        ApiError::new(status, error.code(), error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.standard()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_map_by_code() {
        let err = agora_token::RtcRole::from_code(7).unwrap_err();
        let api = ApiError::from(err);
        assert_eq!(api.status, StatusCode::BAD_REQUEST);
        assert_eq!(api.kind, "unknown_role");
    }

    #[test]
    fn rate_limit_errors_carry_retry_after() {
        let mut err = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "slow down");
        err.retry_after = Some(3);
        let response = err.standard();
        assert_eq!(response.headers()[header::RETRY_AFTER], "3");
    }
}
