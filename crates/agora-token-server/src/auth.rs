//! Who is calling: API keys, HMAC-signed requests, JWT (HS256), or the explicit open mode.
//!
//! | method | request |
//! |---|---|
//! | API key | `Authorization: Bearer <key>` or `X-API-Key: <key>` |
//! | HMAC | `X-Auth-Key: <id>`, `X-Auth-Timestamp: <unix seconds>`, `X-Auth-Nonce: <8-64 of [A-Za-z0-9_-]>`, `X-Auth-Signature: hex(HMAC-SHA256(secret, canonical))` with canonical = `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nhex(SHA256(body))` |
//! | JWT | `Authorization: Bearer <header.payload.signature>`, HS256, `exp` required; claims `sub`, optional `uid`, `channels`, `role` |
//! | open | no credentials (only with `OPEN_ACCESS=true` or `--demo`) |
//!
//! Credentials that are present but wrong are refused even in open mode, so a broken
//! client never silently falls back to anonymous access.

use std::collections::HashMap;
use std::sync::Mutex;

use agora_token::RtcRole;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::app::AppState;
use crate::config::{AuthConfig, NamedSecret};
use crate::error::ApiError;

/// How a caller proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMethod {
    /// No credentials, allowed by open mode.
    Open,
    /// A configured API key.
    ApiKey,
    /// A request signed with a configured HMAC key.
    Hmac,
    /// A JWT signed with the configured key.
    Jwt,
}

impl AuthMethod {
    /// A label for logs and metrics.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            AuthMethod::Open => "open",
            AuthMethod::ApiKey => "api_key",
            AuthMethod::Hmac => "hmac",
            AuthMethod::Jwt => "jwt",
        }
    }
}

/// The authenticated caller, attached to the request for the policy and the logs.
#[derive(Debug, Clone)]
pub struct Caller {
    /// `anonymous`, the key id, or the JWT subject.
    pub id: String,
    /// How it authenticated.
    pub method: AuthMethod,
    /// The end user this caller may only get tokens for (JWT `uid` claim).
    pub user: Option<String>,
    /// Channel patterns this caller is limited to (JWT `channels` claim).
    pub channels: Option<Vec<String>>,
    /// The highest role this caller may get (JWT `role` claim).
    pub max_role: Option<RtcRole>,
}

impl Caller {
    /// The caller of open mode.
    #[must_use]
    pub fn anonymous() -> Self {
        Caller { id: "anonymous".to_owned(), method: AuthMethod::Open, user: None, channels: None, max_role: None }
    }

    fn service(id: &str, method: AuthMethod) -> Self {
        Caller { id: id.to_owned(), method, user: None, channels: None, max_role: None }
    }
}

/// The claims read from a caller's JWT.
#[derive(Debug, Deserialize)]
struct Claims {
    sub: Option<String>,
    uid: Option<serde_json::Value>,
    channels: Option<Vec<String>>,
    role: Option<String>,
}

/// Checks credentials against the configuration.
pub struct Authenticator {
    api_keys: Vec<(String, [u8; 32])>,
    hmac_keys: Vec<NamedSecret>,
    max_skew: u64,
    jwt: Option<(DecodingKey, Validation)>,
    open: bool,
    nonces: Mutex<HashMap<String, u64>>,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("api_keys", &self.api_keys.iter().map(|(id, _)| id).collect::<Vec<_>>())
            .field("hmac_keys", &self.hmac_keys.iter().map(|k| &k.id).collect::<Vec<_>>())
            .field("jwt", &self.jwt.is_some())
            .field("open", &self.open)
            .finish_non_exhaustive()
    }
}

/// Signed requests remembered to refuse replays; beyond this many, new ones are refused.
const MAX_REMEMBERED_NONCES: usize = 1_000_000;

impl Authenticator {
    /// An authenticator for this configuration.
    #[must_use]
    pub fn new(config: &AuthConfig) -> Self {
        let jwt = config.jwt.as_ref().map(|jwt| {
            let mut validation = Validation::new(Algorithm::HS256);
            validation.leeway = 30;
            match &jwt.issuer {
                Some(iss) => validation.set_issuer(&[iss]),
                None => validation.iss = None,
            }
            match &jwt.audience {
                Some(aud) => validation.set_audience(&[aud]),
                None => validation.validate_aud = false,
            }
            (DecodingKey::from_secret(jwt.secret.expose().as_bytes()), validation)
        });
        Authenticator {
            // Keys are compared as SHA-256 digests in constant time: equal lengths, no early exit.
            api_keys: config.api_keys.iter().map(|k| (k.id.clone(), sha256(k.secret.expose().as_bytes()))).collect(),
            hmac_keys: config.hmac_keys.clone(),
            max_skew: config.hmac_max_skew,
            jwt,
            open: config.open,
            nonces: Mutex::new(HashMap::new()),
        }
    }

    /// Identifies the caller of a request whose body has been read.
    ///
    /// # Errors
    /// 401 with the reason when credentials are missing (outside open mode) or wrong.
    pub fn authenticate(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: u64,
    ) -> Result<Caller, ApiError> {
        if headers.contains_key("x-auth-signature") || headers.contains_key("x-auth-key") {
            return self.hmac(method, path_and_query, headers, body, now);
        }
        let bearer = header_str(headers, "authorization").and_then(|v| {
            let (scheme, token) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
        if let Some(token) = bearer {
            if token.matches('.').count() == 2 && self.jwt.is_some() {
                return self.jwt(token);
            }
            return self.api_key(token);
        }
        if let Some(key) = header_str(headers, "x-api-key") {
            return self.api_key(key.trim());
        }
        if header_str(headers, "authorization").is_some() {
            return Err(unauthorized(
                "unsupported_scheme",
                "the Authorization header must be \"Bearer <API key or JWT>\"",
            ));
        }
        if self.open {
            return Ok(Caller::anonymous());
        }
        Err(unauthorized(
            "missing_credentials",
            "this server requires credentials: send Authorization: Bearer <API key or JWT>, or sign the request (X-Auth-* headers)",
        ))
    }

    fn api_key(&self, presented: &str) -> Result<Caller, ApiError> {
        let digest = sha256(presented.as_bytes());
        let mut found: Option<&str> = None;
        for (id, expected) in &self.api_keys {
            if bool::from(expected.ct_eq(&digest)) {
                found = Some(id);
            }
        }
        found
            .map(|id| Caller::service(id, AuthMethod::ApiKey))
            .ok_or_else(|| unauthorized("invalid_api_key", "the API key is not valid"))
    }

    fn jwt(&self, token: &str) -> Result<Caller, ApiError> {
        let Some((key, validation)) = &self.jwt else {
            return Err(unauthorized("invalid_jwt", "JWT authentication is not configured on this server"));
        };
        let data = jsonwebtoken::decode::<Claims>(token, key, validation)
            .map_err(|e| unauthorized("invalid_jwt", format!("the JWT was refused: {e}")))?;
        let claims = data.claims;
        let user = match claims.uid {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            Some(_) => return Err(unauthorized("invalid_jwt", "the JWT's uid claim must be a string or a number")),
        };
        let max_role = match claims.role {
            None => None,
            Some(role) => Some(
                role.parse::<RtcRole>()
                    .map_err(|e| unauthorized("invalid_jwt", format!("the JWT's role claim: {e}")))?,
            ),
        };
        let id = claims.sub.or_else(|| user.clone()).unwrap_or_else(|| "jwt".to_owned());
        Ok(Caller { id, method: AuthMethod::Jwt, user, channels: claims.channels, max_role })
    }

    fn hmac(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: u64,
    ) -> Result<Caller, ApiError> {
        let need = |name: &str| {
            header_str(headers, name)
                .ok_or_else(|| unauthorized("invalid_signature", format!("a signed request needs the {name} header")))
        };
        let key_id = need("x-auth-key")?;
        let timestamp = need("x-auth-timestamp")?;
        let nonce = need("x-auth-nonce")?;
        let signature = need("x-auth-signature")?;

        let ts: u64 = timestamp
            .parse()
            .map_err(|_| unauthorized("invalid_signature", "X-Auth-Timestamp must be Unix seconds"))?;
        if ts.abs_diff(now) > self.max_skew {
            return Err(unauthorized(
                "stale_signature",
                format!(
                    "X-Auth-Timestamp is more than {} seconds from the server's clock; sign with the current time",
                    self.max_skew
                ),
            ));
        }
        if !(8..=64).contains(&nonce.len())
            || !nonce.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(unauthorized(
                "invalid_signature",
                "X-Auth-Nonce must be 8 to 64 characters of A-Z, a-z, 0-9, - and _",
            ));
        }
        let key = self
            .hmac_keys
            .iter()
            .find(|k| k.id == key_id)
            .ok_or_else(|| unauthorized("invalid_signature", "X-Auth-Key names no configured HMAC key"))?;
        let expected_bytes = decode_hex(signature).ok_or_else(|| {
            unauthorized("invalid_signature", "X-Auth-Signature must be the hex HMAC-SHA256 of the canonical request")
        })?;
        let canonical = canonical_request(method, path_and_query, timestamp, nonce, body);
        let mut mac = Hmac::<Sha256>::new_from_slice(key.secret.expose().as_bytes())
            .map_err(|_| unauthorized("invalid_signature", "the HMAC key cannot be used"))?;
        mac.update(canonical.as_bytes());
        mac.verify_slice(&expected_bytes)
            .map_err(|_| unauthorized("invalid_signature", "the request signature does not match"))?;
        self.remember_nonce(&key.id, nonce, ts, now)?;
        Ok(Caller::service(&key.id, AuthMethod::Hmac))
    }

    /// Refuses a nonce seen within the skew window. The cache is per process: behind a load
    /// balancer a replay on another replica within the window is not detected.
    fn remember_nonce(&self, key_id: &str, nonce: &str, ts: u64, now: u64) -> Result<(), ApiError> {
        let mut seen = self
            .nonces
            .lock()
            .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "nonce cache unavailable"))?;
        if seen.len() >= MAX_REMEMBERED_NONCES {
            seen.retain(|_, expires| *expires > now);
            if seen.len() >= MAX_REMEMBERED_NONCES {
                return Err(ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "busy",
                    "too many signed requests in the replay window; retry later",
                ));
            }
        }
        let entry = format!("{key_id}\n{nonce}");
        if seen.get(&entry).is_some_and(|expires| *expires > now) {
            return Err(unauthorized(
                "replayed_request",
                "this signed request (X-Auth-Nonce) was already used; sign each request with a new nonce",
            ));
        }
        seen.insert(entry, ts.max(now) + self.max_skew);
        Ok(())
    }
}

/// The text signed by HMAC callers.
#[must_use]
pub fn canonical_request(method: &str, path_and_query: &str, timestamp: &str, nonce: &str, body: &[u8]) -> String {
    format!("{method}\n{path_and_query}\n{timestamp}\n{nonce}\n{}", encode_hex(&sha256(body)))
}

fn unauthorized(kind: &'static str, message: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, kind, message)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty())
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn encode_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok())).collect()
}

/// Middleware for token routes: identifies the caller (reading the body only for signed
/// requests) and attaches it to the request, or answers 401.
pub async fn require_caller(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let now = agora_token::clock::now().map(u64::from).unwrap_or_default();
    let signed = request.headers().contains_key("x-auth-signature") || request.headers().contains_key("x-auth-key");
    let (parts, body) = request.into_parts();
    let path_and_query =
        parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_owned(), |pq| pq.as_str().to_owned());

    let (body_bytes, body) = if signed {
        match axum::body::to_bytes(body, state.config.limits.max_body_bytes).await {
            Ok(bytes) => (bytes.clone(), Body::from(bytes)),
            Err(_) => {
                return ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large", "the request body is too large")
                    .into_response()
            }
        }
    } else {
        (axum::body::Bytes::new(), body)
    };

    match state.auth.authenticate(parts.method.as_str(), &path_and_query, &parts.headers, &body_bytes, now) {
        Ok(caller) => {
            let mut request = Request::from_parts(parts, body);
            request.extensions_mut().insert(caller.clone());
            let mut response = next.run(request).await;
            // Also on the response, for the request log line.
            response.extensions_mut().insert(caller);
            response
        }
        Err(error) => {
            state.metrics.auth_failure(error.kind);
            error.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use jsonwebtoken::{encode, EncodingKey, Header};

    use super::*;
    use crate::config::{JwtConfig, Secret};

    const JWT_SECRET: &str = "0123456789abcdef0123456789abcdef-jwt";

    fn auth(open: bool) -> Authenticator {
        Authenticator::new(&AuthConfig {
            api_keys: vec![NamedSecret { id: "mobile".into(), secret: Secret::new("k".repeat(20)) }],
            hmac_keys: vec![NamedSecret { id: "backend".into(), secret: Secret::new("h".repeat(20)) }],
            hmac_max_skew: 300,
            jwt: Some(JwtConfig { secret: Secret::new(JWT_SECRET.into()), issuer: None, audience: None }),
            open,
        })
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn api_keys_by_bearer_or_header() {
        let a = auth(false);
        let key = "k".repeat(20);
        let caller =
            a.authenticate("GET", "/", &headers(&[("authorization", &format!("Bearer {key}"))]), b"", 0).unwrap();
        assert_eq!((caller.id.as_str(), caller.method), ("mobile", AuthMethod::ApiKey));
        assert!(a.authenticate("GET", "/", &headers(&[("x-api-key", &key)]), b"", 0).is_ok());
        let err = a.authenticate("GET", "/", &headers(&[("x-api-key", "wrong-key-wrong-key")]), b"", 0).unwrap_err();
        assert_eq!(err.kind, "invalid_api_key");
    }

    #[test]
    fn open_mode_serves_anonymous_but_not_wrong_credentials() {
        assert_eq!(auth(true).authenticate("GET", "/", &HeaderMap::new(), b"", 0).unwrap().method, AuthMethod::Open);
        assert_eq!(
            auth(false).authenticate("GET", "/", &HeaderMap::new(), b"", 0).unwrap_err().kind,
            "missing_credentials"
        );
        assert!(auth(true)
            .authenticate("GET", "/", &headers(&[("x-api-key", "nope-nope-nope-nope")]), b"", 0)
            .is_err());
    }

    #[test]
    fn hmac_signature_skew_and_replay() {
        let a = auth(false);
        let now = 1_700_000_000u64;
        let sign = |ts: u64, nonce: &str, body: &[u8]| {
            let canonical = canonical_request("POST", "/getToken?x=1", &ts.to_string(), nonce, body);
            let mut mac = Hmac::<Sha256>::new_from_slice("h".repeat(20).as_bytes()).unwrap();
            mac.update(canonical.as_bytes());
            encode_hex(&mac.finalize().into_bytes())
        };
        let req = |ts: u64, nonce: &str, sig: &str| {
            headers(&[
                ("x-auth-key", "backend"),
                ("x-auth-timestamp", &ts.to_string()),
                ("x-auth-nonce", nonce),
                ("x-auth-signature", sig),
            ])
        };
        let sig = sign(now, "nonce-0001", b"{}");
        let caller = a.authenticate("POST", "/getToken?x=1", &req(now, "nonce-0001", &sig), b"{}", now).unwrap();
        assert_eq!(caller.method, AuthMethod::Hmac);
        let replay = a.authenticate("POST", "/getToken?x=1", &req(now, "nonce-0001", &sig), b"{}", now).unwrap_err();
        assert_eq!(replay.kind, "replayed_request");
        let tampered = a.authenticate(
            "POST",
            "/getToken?x=1",
            &req(now, "nonce-0002", &sign(now, "nonce-0002", b"{}")),
            b"{ }",
            now,
        );
        assert_eq!(tampered.unwrap_err().kind, "invalid_signature");
        let stale = sign(now - 1000, "nonce-0003", b"{}");
        assert_eq!(
            a.authenticate("POST", "/getToken?x=1", &req(now - 1000, "nonce-0003", &stale), b"{}", now)
                .unwrap_err()
                .kind,
            "stale_signature"
        );
    }

    #[test]
    fn jwt_claims_bind_the_caller() {
        let a = auth(false);
        let claims = serde_json::json!({"sub": "user-7", "uid": 7, "channels": ["room-*"], "role": "subscriber", "exp": 4_000_000_000u64});
        let token =
            encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(JWT_SECRET.as_bytes())).unwrap();
        let caller =
            a.authenticate("GET", "/", &headers(&[("authorization", &format!("Bearer {token}"))]), b"", 0).unwrap();
        assert_eq!(caller.id, "user-7");
        assert_eq!(caller.user.as_deref(), Some("7"));
        assert_eq!(caller.max_role, Some(RtcRole::Subscriber));
        let expired = serde_json::json!({"sub": "u", "exp": 1_000});
        let token =
            encode(&Header::new(Algorithm::HS256), &expired, &EncodingKey::from_secret(JWT_SECRET.as_bytes())).unwrap();
        assert_eq!(
            a.authenticate("GET", "/", &headers(&[("authorization", &format!("Bearer {token}"))]), b"", 0)
                .unwrap_err()
                .kind,
            "invalid_jwt"
        );
    }
}
