//! CORS from an allow-list, and the no-cache headers agora-token-service sends.
//!
//! Differences from agora-token-service, all deliberate:
//! - a request **without** an `Origin` header (native apps, curl, servers) is always
//!   served: restricting browser origins must not lock out Android and iOS apps;
//! - `Vary: Origin` is sent, so caches never serve one origin's answer to another;
//! - `Authorization` and the API-key and signature headers are allowed in preflights.
//!
//! A browser origin outside the list gets 403 `{"error": "Origin not allowed"}`, as before.
//! `OPTIONS` on a served path answers 204 with that path's methods in `Allow` (agora-token-service
//! answered 204 on every path and listed `GET, POST, OPTIONS` everywhere); on an unknown path,
//! 404 like any other method.
//! This runs on every response, including errors and unknown paths.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::ApiError;

const ALLOW_METHODS: &str = "GET, POST, OPTIONS";
const ALLOW_HEADERS: &str =
    "Origin, Content-Type, Accept, Authorization, X-API-Key, X-Auth-Key, X-Auth-Timestamp, X-Auth-Nonce, X-Auth-Signature, X-Request-Id";

fn no_cache(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache, no-store, must-revalidate"));
    headers.insert(header::EXPIRES, HeaderValue::from_static("-1"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

/// Middleware: answers preflights, refuses unlisted browser origins, and adds the CORS
/// and no-cache headers to every response.
pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let is_options = request.method() == Method::OPTIONS;
    let allow = state.allow.allow(request.uri().path());

    let mut response = match &origin {
        Some(origin) if !origin.to_str().is_ok_and(|o| state.config.cors.allows(o)) => {
            ApiError::new(StatusCode::FORBIDDEN, "origin_not_allowed", "Origin not allowed").into_response()
        }
        // Preflight (and any OPTIONS) of a served path: answered here, before authentication
        // (browsers send preflights without credentials), with the path's own methods.
        _ if is_options => match allow {
            Some(allow) => {
                let mut r = StatusCode::NO_CONTENT.into_response();
                r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
                r
            }
            None => next.run(request).await,
        },
        _ => next.run(request).await,
    };

    let status = response.status();
    let headers = response.headers_mut();
    no_cache(headers);
    // A 405 names the methods the path serves (the router leaves `Allow` out on some routes).
    if let (StatusCode::METHOD_NOT_ALLOWED, Some(allow)) = (status, allow) {
        headers.insert(header::ALLOW, HeaderValue::from_static(allow));
    }
    if let Some(origin) = origin {
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        if state.config.cors.allows(origin.to_str().unwrap_or_default()) {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOW_METHODS));
            headers.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(ALLOW_HEADERS));
            headers
                .insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After, X-Request-Id"));
            headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        }
    }
    response
}
