//! Who is calling: API keys, HMAC-signed requests, JWTs (HS256 with a shared secret, or
//! signed by an identity provider and checked against its JWKS, see `jwks.rs`), or the
//! explicit open mode.
//!
//! | method | request |
//! |---|---|
//! | API key | `Authorization: Bearer <key>` or `X-API-Key: <key>` |
//! | HMAC | `X-Auth-Key: <id>`, `X-Auth-Timestamp: <unix seconds>`, `X-Auth-Nonce: <8-64 of [A-Za-z0-9_-]>`, `X-Auth-Signature: hex(HMAC-SHA256(secret, canonical))` with canonical = `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nhex(SHA256(body))` |
//! | JWT | `Authorization: Bearer <header.payload.signature>`: HS256 with `JWT_SECRET`, or RS256/RS384/ES256/EdDSA... with the keys of `JWT_JWKS_URL`/`JWT_JWKS_FILE`; `exp` required; claims `sub`, and (names configurable) `uid`, `channels`, `role` |
//! | open | no credentials (only with `OPEN_ACCESS=true` or `--demo`) |
//!
//! Credentials that are present but wrong are refused even in open mode, so a broken
//! client never silently falls back to anonymous access.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use agora_token::RtcRole;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::app::AppState;
use crate::config::{AuthConfig, ClaimNames, NamedSecret, RedisFailureMode};
use crate::error::ApiError;
use crate::jwks::{Jwks, JwksError};
use crate::redis_store::RedisStore;

/// How a caller proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthMethod {
    /// No credentials, allowed by open mode.
    Open,
    /// A configured API key.
    ApiKey,
    /// A request signed with a configured HMAC key.
    Hmac,
    /// A JWT signed with the configured secret or by the identity provider.
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
    /// The end user this caller may only get tokens for (JWT `uid` claim, or `JWT_USER_CLAIM`).
    pub user: Option<String>,
    /// Channel patterns this caller is limited to (JWT `channels` claim, or `JWT_CHANNELS_CLAIM`).
    pub channels: Option<Vec<String>>,
    /// The highest role this caller may get (JWT `role` claim, or `JWT_ROLE_CLAIM`).
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

/// Checks credentials against the configuration.
pub struct Authenticator {
    api_keys: Vec<(String, [u8; 32])>,
    hmac_keys: Vec<NamedSecret>,
    max_skew: u64,
    jwt: Option<(DecodingKey, Validation)>,
    jwks: Option<Arc<Jwks>>,
    claims: ClaimNames,
    open: bool,
    nonces: Mutex<HashMap<String, u64>>,
    shared: Option<Arc<RedisStore>>,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authenticator")
            .field("api_keys", &self.api_keys.iter().map(|(id, _)| id).collect::<Vec<_>>())
            .field("hmac_keys", &self.hmac_keys.iter().map(|k| &k.id).collect::<Vec<_>>())
            .field("jwt", &self.jwt.is_some())
            .field("jwks", &self.jwks)
            .field("open", &self.open)
            .field("shared_nonces", &self.shared.is_some())
            .finish_non_exhaustive()
    }
}

/// Signed requests remembered to refuse replays; beyond this many, new ones are refused.
const MAX_REMEMBERED_NONCES: usize = 1_000_000;

impl Authenticator {
    /// An authenticator for this configuration, with the identity provider's key cache
    /// (when `JWT_JWKS_*` is set) and the shared replay cache (when `REDIS_URL` is set).
    #[must_use]
    pub fn new(config: &AuthConfig, jwks: Option<Arc<Jwks>>, shared: Option<Arc<RedisStore>>) -> Self {
        let jwt = config.jwt.as_ref().map(|jwt| {
            let mut validation = Validation::new(Algorithm::HS256);
            validation.leeway = config.claims.leeway;
            validation.validate_nbf = true;
            match &jwt.issuer {
                Some(iss) => validation.set_issuer(&[iss]),
                None => validation.iss = None,
            }
            match &jwt.audience {
                Some(aud) => validation.set_audience(&aud.split(',').map(str::trim).collect::<Vec<_>>()),
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
            jwks,
            claims: config.claims.clone(),
            open: config.open,
            nonces: Mutex::new(HashMap::new()),
            shared,
        }
    }

    /// Identifies the caller of a request whose body has been read.
    ///
    /// # Errors
    /// 401 with the reason when credentials are missing (outside open mode) or wrong.
    pub async fn authenticate(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &HeaderMap,
        body: &[u8],
        now: u64,
    ) -> Result<Caller, ApiError> {
        if headers.contains_key("x-auth-signature") || headers.contains_key("x-auth-key") {
            return self.hmac(method, path_and_query, headers, body, now).await;
        }
        let bearer = header_str(headers, "authorization").and_then(|v| {
            let (scheme, token) = v.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
        if let Some(token) = bearer {
            if token.matches('.').count() == 2 && (self.jwt.is_some() || self.jwks.is_some()) {
                return self.jwt(token).await;
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

    /// Verifies a JWT: HS256 with the shared secret, any other algorithm with the identity
    /// provider's keys (whose own algorithm decides, see `jwks.rs`). The header's `alg` only
    /// chooses between the two; each refuses every algorithm but its own.
    async fn jwt(&self, token: &str) -> Result<Caller, ApiError> {
        let refused = |why: String| unauthorized("invalid_jwt", format!("the JWT was refused: {why}"));
        let header = jsonwebtoken::decode_header(token).map_err(|e| refused(e.to_string()))?;
        let symmetric = matches!(header.alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512);
        let claims = match (&self.jwt, &self.jwks) {
            (Some((key, validation)), _) if symmetric => {
                jsonwebtoken::decode::<serde_json::Value>(token, key, validation)
                    .map_err(|e| refused(e.to_string()))?
                    .claims
            }
            (_, Some(jwks)) if !symmetric => jwks.verify(token, &header).await.map_err(|e| match e {
                JwksError::Invalid(why) => refused(why),
                other => unauthorized("invalid_jwt", other.to_string()),
            })?,
            (None, _) => {
                return Err(refused(format!(
                    "{:?} JWTs are not accepted: this server verifies JWTs with its identity provider's keys",
                    header.alg
                )))
            }
            (Some(_), _) => {
                return Err(refused(format!(
                    "{:?} JWTs are not accepted: this server verifies HS256 JWTs signed with its shared secret",
                    header.alg
                )))
            }
        };
        self.caller_from_claims(&claims)
    }

    /// The caller described by verified claims, read under the configured claim names.
    fn caller_from_claims(&self, claims: &serde_json::Value) -> Result<Caller, ApiError> {
        let names = &self.claims;
        let invalid = |message: String| unauthorized("invalid_jwt", message);
        let user = match claim(claims, &names.user) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            Some(_) => return Err(invalid(format!("the JWT's {} claim must be a string or a number", names.user))),
        };
        let channels = match claim(claims, &names.channels) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(vec![s.clone()]),
            Some(serde_json::Value::Array(items)) => Some(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| invalid(format!("the JWT's {} claim must list strings", names.channels)))?,
            ),
            Some(_) => return Err(invalid(format!("the JWT's {} claim must be a list of strings", names.channels))),
        };
        let max_role = match claim(claims, &names.role) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(role)) => {
                Some(role.parse::<RtcRole>().map_err(|e| invalid(format!("the JWT's {} claim: {e}", names.role)))?)
            }
            Some(_) => return Err(invalid(format!("the JWT's {} claim must be a string", names.role))),
        };
        let subject = claims.get("sub").and_then(serde_json::Value::as_str).map(str::to_owned);
        let id = subject.or_else(|| user.clone()).unwrap_or_else(|| "jwt".to_owned());
        Ok(Caller { id, method: AuthMethod::Jwt, user, channels, max_role })
    }

    async fn hmac(
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
        self.remember_nonce(&key.id, nonce, ts, now).await?;
        Ok(Caller::service(&key.id, AuthMethod::Hmac))
    }

    /// Refuses a nonce seen within the skew window: in Redis when `REDIS_URL` is set (a
    /// replay to another replica is refused too), and always in this process (which alone
    /// decides while Redis is unavailable in `open` failure mode).
    async fn remember_nonce(&self, key_id: &str, nonce: &str, ts: u64, now: u64) -> Result<(), ApiError> {
        let expires = ts.max(now) + self.max_skew;
        if let Some(store) = &self.shared {
            match store.claim_nonce(key_id, nonce, expires.saturating_sub(now)).await {
                Ok(true) => {}
                Ok(false) => return Err(replayed()),
                Err(_) => {
                    if store.on_unavailable() == RedisFailureMode::Closed {
                        let mut error = ApiError::new(
                            StatusCode::SERVICE_UNAVAILABLE,
                            "replay_cache_unavailable",
                            "the shared replay cache (Redis) does not answer; retry shortly with a new nonce",
                        );
                        error.retry_after = Some(1);
                        return Err(error);
                    }
                }
            }
        }
        self.remember_nonce_locally(key_id, nonce, expires, now)
    }

    fn remember_nonce_locally(&self, key_id: &str, nonce: &str, expires: u64, now: u64) -> Result<(), ApiError> {
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
            return Err(replayed());
        }
        seen.insert(entry, expires);
        Ok(())
    }
}

fn replayed() -> ApiError {
    unauthorized(
        "replayed_request",
        "this signed request (X-Auth-Nonce) was already used; sign each request with a new nonce",
    )
}

/// A claim by name, or by JSON Pointer when the name starts with `/` (nested claims such
/// as Keycloak's `/realm_access/roles`). Namespaced names (`https://example.com/uid`) are
/// plain names.
fn claim<'a>(claims: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    if name.starts_with('/') {
        claims.pointer(name)
    } else {
        claims.get(name)
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

    match state.auth.authenticate(parts.method.as_str(), &path_and_query, &parts.headers, &body_bytes, now).await {
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
        auth_with_claims(open, ClaimNames::default())
    }

    fn auth_with_claims(open: bool, claims: ClaimNames) -> Authenticator {
        let config = AuthConfig {
            api_keys: vec![NamedSecret { id: "mobile".into(), secret: Secret::new("k".repeat(20)) }],
            hmac_keys: vec![NamedSecret { id: "backend".into(), secret: Secret::new("h".repeat(20)) }],
            hmac_max_skew: 300,
            jwt: Some(JwtConfig { secret: Secret::new(JWT_SECRET.into()), issuer: None, audience: None }),
            open,
            jwks: None,
            claims,
        };
        Authenticator::new(&config, None, None)
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[tokio::test]
    async fn api_keys_by_bearer_or_header() {
        let a = auth(false);
        let key = "k".repeat(20);
        let caller =
            a.authenticate("GET", "/", &headers(&[("authorization", &format!("Bearer {key}"))]), b"", 0).await.unwrap();
        assert_eq!((caller.id.as_str(), caller.method), ("mobile", AuthMethod::ApiKey));
        assert!(a.authenticate("GET", "/", &headers(&[("x-api-key", &key)]), b"", 0).await.is_ok());
        let err =
            a.authenticate("GET", "/", &headers(&[("x-api-key", "wrong-key-wrong-key")]), b"", 0).await.unwrap_err();
        assert_eq!(err.kind, "invalid_api_key");
    }

    #[tokio::test]
    async fn open_mode_serves_anonymous_but_not_wrong_credentials() {
        assert_eq!(
            auth(true).authenticate("GET", "/", &HeaderMap::new(), b"", 0).await.unwrap().method,
            AuthMethod::Open
        );
        assert_eq!(
            auth(false).authenticate("GET", "/", &HeaderMap::new(), b"", 0).await.unwrap_err().kind,
            "missing_credentials"
        );
        assert!(auth(true)
            .authenticate("GET", "/", &headers(&[("x-api-key", "nope-nope-nope-nope")]), b"", 0)
            .await
            .is_err());
    }

    #[tokio::test]
    async fn hmac_signature_skew_and_replay() {
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
        let caller = a.authenticate("POST", "/getToken?x=1", &req(now, "nonce-0001", &sig), b"{}", now).await.unwrap();
        assert_eq!(caller.method, AuthMethod::Hmac);
        let replay =
            a.authenticate("POST", "/getToken?x=1", &req(now, "nonce-0001", &sig), b"{}", now).await.unwrap_err();
        assert_eq!(replay.kind, "replayed_request");
        let tampered = a
            .authenticate(
                "POST",
                "/getToken?x=1",
                &req(now, "nonce-0002", &sign(now, "nonce-0002", b"{}")),
                b"{ }",
                now,
            )
            .await;
        assert_eq!(tampered.unwrap_err().kind, "invalid_signature");
        let stale = sign(now - 1000, "nonce-0003", b"{}");
        assert_eq!(
            a.authenticate("POST", "/getToken?x=1", &req(now - 1000, "nonce-0003", &stale), b"{}", now)
                .await
                .unwrap_err()
                .kind,
            "stale_signature"
        );
    }

    #[tokio::test]
    async fn jwt_claims_bind_the_caller() {
        let a = auth(false);
        let claims = serde_json::json!({"sub": "user-7", "uid": 7, "channels": ["room-*"], "role": "subscriber", "exp": 4_000_000_000u64});
        let token =
            encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(JWT_SECRET.as_bytes())).unwrap();
        let caller = a
            .authenticate("GET", "/", &headers(&[("authorization", &format!("Bearer {token}"))]), b"", 0)
            .await
            .unwrap();
        assert_eq!(caller.id, "user-7");
        assert_eq!(caller.user.as_deref(), Some("7"));
        assert_eq!(caller.max_role, Some(RtcRole::Subscriber));
        let expired = serde_json::json!({"sub": "u", "exp": 1_000});
        let token =
            encode(&Header::new(Algorithm::HS256), &expired, &EncodingKey::from_secret(JWT_SECRET.as_bytes())).unwrap();
        assert_eq!(
            a.authenticate("GET", "/", &headers(&[("authorization", &format!("Bearer {token}"))]), b"", 0)
                .await
                .unwrap_err()
                .kind,
            "invalid_jwt"
        );
    }

    fn bearer(token: &str) -> HeaderMap {
        headers(&[("authorization", &format!("Bearer {token}"))])
    }

    #[tokio::test]
    async fn claim_names_are_configurable_namespaced_or_nested() {
        let names = ClaimNames {
            user: "sub".into(),
            channels: "https://example.com/channels".into(),
            role: "/app_metadata/role".into(),
            leeway: 30,
        };
        let a = auth_with_claims(false, names);
        let claims = serde_json::json!({
            "sub": "firebase-uid-1", "https://example.com/channels": ["room-*"],
            "app_metadata": {"role": "subscriber"}, "exp": 4_000_000_000u64
        });
        let token =
            encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(JWT_SECRET.as_bytes())).unwrap();
        let caller = a.authenticate("GET", "/", &bearer(&token), b"", 0).await.unwrap();
        assert_eq!(caller.user.as_deref(), Some("firebase-uid-1"));
        assert_eq!(caller.channels, Some(vec!["room-*".to_owned()]));
        assert_eq!(caller.max_role, Some(RtcRole::Subscriber));
    }

    #[tokio::test]
    async fn not_before_is_checked_and_asymmetric_algorithms_need_a_jwks() {
        let a = auth(false);
        let future = serde_json::json!({"sub": "u", "nbf": 4_000_000_000u64, "exp": 4_100_000_000u64});
        let token =
            encode(&Header::new(Algorithm::HS256), &future, &EncodingKey::from_secret(JWT_SECRET.as_bytes())).unwrap();
        let err = a.authenticate("GET", "/", &bearer(&token), b"", 0).await.unwrap_err();
        assert!(err.message.contains("ImmatureSignature"), "{}", err.message);
        // An RS256 header is refused without trying the shared secret.
        let header = base64_url(br#"{"alg":"RS256","typ":"JWT"}"#);
        let body = base64_url(br#"{"sub":"u","exp":4000000000}"#);
        let err = a.authenticate("GET", "/", &bearer(&format!("{header}.{body}.c2ln")), b"", 0).await.unwrap_err();
        assert!(err.message.contains("RS256 JWTs are not accepted"), "{}", err.message);
        // alg none is not an algorithm.
        let header = base64_url(br#"{"alg":"none","typ":"JWT"}"#);
        let err = a.authenticate("GET", "/", &bearer(&format!("{header}.{body}.")), b"", 0).await.unwrap_err();
        assert_eq!(err.kind, "invalid_jwt");
    }

    fn base64_url(bytes: &[u8]) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }
}
