//! JWTs signed by an identity provider (Firebase, Auth0, Cognito, Supabase, Clerk,
//! Keycloak...), verified with the public keys it publishes as a JWKS.
//!
//! - **The algorithm comes from the key, never from the token.** Each key's algorithm is its
//!   JWK `alg`, or follows from its type when absent (RSA → RS256, EC P-256 → ES256, P-384
//!   → ES384, Ed25519 → EdDSA); a token whose header names another algorithm is refused.
//!   Symmetric (`oct`) keys and encryption keys (`use: enc`) are never taken from a JWKS, so
//!   an HS256 token signed with a public key as the secret cannot pass, and `alg: none`
//!   is not an algorithm at all.
//! - **Keys are cached.** A token's `kid` is looked up in the cached set; an unknown `kid`
//!   makes the server fetch the set again (the provider rotated its keys), but never more
//!   often than `JWT_JWKS_MIN_REFRESH_SECS`, so random `kid`s cannot make the server
//!   hammer the provider. Concurrent requests share one fetch.
//! - **Fetched sets age.** After `JWT_JWKS_REFRESH_SECS` (or the response's
//!   `Cache-Control: max-age`, if shorter) the set is fetched again in the background while
//!   the cached keys keep serving. When fetching fails (the provider is down, or serves
//!   something that is not a usable JWKS), the last good keys keep working until
//!   `JWT_JWKS_MAX_STALE_SECS` after they were fetched; after that, and for every `kid` not
//!   in them, JWTs are refused: the server fails closed.
//! - `iss` is required and checked, `aud` when configured, `exp` always and `nbf` when
//!   present, with `JWT_LEEWAY_SECS` of clock leeway.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, EllipticCurve, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, Header, Validation};

use crate::config::{JwksConfig, JwksSource};
use crate::metrics::Metrics;

/// Largest JWKS document accepted (providers publish a few keys, a few KB).
const MAX_JWKS_BYTES: usize = 1024 * 1024;

/// Why a JWT could not be verified with the provider's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwksError {
    /// The token's `kid` is not among the keys, even after fetching them again (when allowed).
    UnknownKey(String),
    /// The token names no `kid` and the set holds more than one key.
    NoKeyId,
    /// No keys: none could be fetched yet, or the last ones are older than the stale limit.
    NoKeys,
    /// The signature or a claim is wrong.
    Invalid(String),
}

impl std::fmt::Display for JwksError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JwksError::UnknownKey(kid) => {
                write!(f, "the JWT's key {kid:?} is not among the identity provider's current keys")
            }
            JwksError::NoKeyId => f.write_str("the JWT has no kid and the identity provider publishes several keys"),
            JwksError::NoKeys => f.write_str(
                "the identity provider's keys are unavailable (not fetched yet, or too old to trust); retry later",
            ),
            JwksError::Invalid(why) => write!(f, "the JWT was refused: {why}"),
        }
    }
}

/// One verification key and the rules tokens signed with it must meet.
struct VerifyingKey {
    key: DecodingKey,
    validation: Validation,
}

/// The keys of one successful fetch.
struct KeySet {
    by_kid: HashMap<String, Arc<VerifyingKey>>,
    /// Every key, for tokens without a `kid` when there is exactly one.
    all: Vec<Arc<VerifyingKey>>,
    fetched: Option<Instant>,
    fresh_for: Duration,
}

impl KeySet {
    fn empty() -> Self {
        KeySet { by_kid: HashMap::new(), all: Vec::new(), fetched: None, fresh_for: Duration::ZERO }
    }

    fn find(&self, kid: Option<&str>) -> Result<Arc<VerifyingKey>, JwksError> {
        match kid {
            Some(kid) => self.by_kid.get(kid).cloned().ok_or_else(|| JwksError::UnknownKey(kid.to_owned())),
            None => match self.all.as_slice() {
                [only] => Ok(Arc::clone(only)),
                _ => Err(JwksError::NoKeyId),
            },
        }
    }
}

enum Source {
    Url { client: reqwest::Client, url: String },
    File(std::path::PathBuf),
}

/// The cached keys of one identity provider.
pub struct Jwks {
    source: Source,
    config: JwksConfig,
    leeway: u64,
    keys: RwLock<Arc<KeySet>>,
    /// Serializes fetches and remembers when the last one started.
    last_fetch: tokio::sync::Mutex<Option<Instant>>,
    background_refresh: AtomicBool,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for Jwks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jwks").field("source", &self.config.source).finish_non_exhaustive()
    }
}

impl Jwks {
    /// A key cache for this provider; nothing is fetched until [`Jwks::load`] or first use.
    ///
    /// # Errors
    /// When the HTTP client cannot be built (no TLS roots on this system).
    pub fn new(config: &JwksConfig, leeway: u64, metrics: Arc<Metrics>) -> Result<Arc<Self>, String> {
        let source = match &config.source {
            JwksSource::Url(url) => {
                let client = reqwest::Client::builder()
                    .timeout(config.timeout)
                    .connect_timeout(config.timeout)
                    .https_only(url.starts_with("https://"))
                    .redirect(reqwest::redirect::Policy::limited(3))
                    .user_agent(concat!("agora-token-server/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| format!("cannot set up HTTPS for JWT_JWKS_URL: {e}"))?;
                Source::Url { client, url: url.clone() }
            }
            JwksSource::File(path) => Source::File(path.clone()),
        };
        Ok(Arc::new(Jwks {
            source,
            config: config.clone(),
            leeway,
            keys: RwLock::new(Arc::new(KeySet::empty())),
            last_fetch: tokio::sync::Mutex::new(None),
            background_refresh: AtomicBool::new(false),
            metrics,
        }))
    }

    /// The first fetch, at start-up.
    ///
    /// # Errors
    /// Why the keys could not be loaded (a JWKS file that cannot be used is a
    /// configuration error; an unreachable URL is retried on first use).
    pub async fn load(&self) -> Result<usize, String> {
        let mut last = self.last_fetch.lock().await;
        *last = Some(Instant::now());
        self.fetch_and_store().await
    }

    /// Whether the keys come from a file (whose problems stop the server at start-up).
    #[must_use]
    pub fn is_file(&self) -> bool {
        matches!(self.source, Source::File(_))
    }

    /// Verifies a JWT whose header has been read; returns its claims.
    ///
    /// # Errors
    /// See [`JwksError`].
    pub async fn verify(self: &Arc<Self>, token: &str, header: &Header) -> Result<serde_json::Value, JwksError> {
        let key = self.key_for(header.kid.as_deref()).await?;
        jsonwebtoken::decode::<serde_json::Value>(token, &key.key, &key.validation)
            .map(|data| data.claims)
            .map_err(|e| JwksError::Invalid(e.to_string()))
    }

    fn current(&self) -> Arc<KeySet> {
        Arc::clone(&self.keys.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    fn usable(&self, set: &KeySet, now: Instant) -> bool {
        set.fetched.is_some_and(|at| now.saturating_duration_since(at) <= self.config.max_stale)
    }

    async fn key_for(self: &Arc<Self>, kid: Option<&str>) -> Result<Arc<VerifyingKey>, JwksError> {
        let set = self.current();
        let now = Instant::now();
        if self.usable(&set, now) {
            if let Ok(key) = set.find(kid) {
                if set.fetched.is_some_and(|at| now.saturating_duration_since(at) > set.fresh_for) {
                    self.refresh_in_background();
                }
                return Ok(key);
            }
        }
        // An unknown kid (keys rotated) or no usable keys: fetch now, if the rate allows.
        self.refresh_if_allowed().await;
        let set = self.current();
        if !self.usable(&set, Instant::now()) {
            return Err(JwksError::NoKeys);
        }
        set.find(kid)
    }

    fn refresh_in_background(self: &Arc<Self>) {
        if self.background_refresh.swap(true, Ordering::AcqRel) {
            return;
        }
        let jwks = Arc::clone(self);
        tokio::spawn(async move {
            jwks.refresh_if_allowed().await;
            jwks.background_refresh.store(false, Ordering::Release);
        });
    }

    /// Fetches unless a fetch started less than `min_refresh` ago (waiting for one in progress).
    async fn refresh_if_allowed(&self) {
        let mut last = self.last_fetch.lock().await;
        let now = Instant::now();
        if last.is_some_and(|at| now.saturating_duration_since(at) < self.config.min_refresh) {
            return;
        }
        *last = Some(now);
        let _ = self.fetch_and_store().await;
    }

    async fn fetch_and_store(&self) -> Result<usize, String> {
        let result = match self.fetch().await {
            Ok((bytes, max_age)) => self.parse(&bytes, max_age),
            Err(e) => Err(e),
        };
        match result {
            Ok((set, skipped)) => {
                let count = set.all.len();
                for reason in &skipped {
                    tracing::warn!(source = %self.describe_source(), reason = %reason, "JWKS: a key was skipped");
                }
                tracing::info!(source = %self.describe_source(), keys = count, "JWKS: keys loaded");
                *self.keys.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(set);
                self.metrics.jwks_refresh(Ok(count));
                Ok(count)
            }
            Err(e) => {
                let age = self.current().fetched.map(|at| at.elapsed().as_secs());
                tracing::warn!(
                    source = %self.describe_source(),
                    error = %e,
                    cached_keys_age_secs = age,
                    max_stale_secs = self.config.max_stale.as_secs(),
                    "JWKS: fetching the identity provider's keys failed; the cached keys (if any) stay in use"
                );
                self.metrics.jwks_refresh(Err(()));
                Err(e)
            }
        }
    }

    fn describe_source(&self) -> String {
        match &self.source {
            Source::Url { url, .. } => url.clone(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// The document and its `Cache-Control: max-age`, if any.
    async fn fetch(&self) -> Result<(Vec<u8>, Option<Duration>), String> {
        match &self.source {
            Source::File(path) => {
                let path = path.clone();
                let read = tokio::task::spawn_blocking(move || std::fs::read(&path))
                    .await
                    .map_err(|e| format!("reading the JWKS file failed: {e}"))?;
                let bytes = read.map_err(|e| format!("cannot read JWT_JWKS_FILE: {e}"))?;
                if bytes.len() > MAX_JWKS_BYTES {
                    return Err(format!("the JWKS file is larger than {MAX_JWKS_BYTES} bytes"));
                }
                Ok((bytes, None))
            }
            Source::Url { client, url } => {
                let mut response = client
                    .get(url)
                    .header(reqwest::header::ACCEPT, "application/json")
                    .send()
                    .await
                    .map_err(|e| format!("no answer: {}", e.without_url()))?;
                if !response.status().is_success() {
                    return Err(format!("answered HTTP {}", response.status().as_u16()));
                }
                let max_age = response
                    .headers()
                    .get(reqwest::header::CACHE_CONTROL)
                    .and_then(|v| v.to_str().ok())
                    .and_then(max_age);
                let mut bytes = Vec::new();
                while let Some(chunk) =
                    response.chunk().await.map_err(|e| format!("the answer broke off: {}", e.without_url()))?
                {
                    if bytes.len() + chunk.len() > MAX_JWKS_BYTES {
                        return Err(format!("the answer is larger than {MAX_JWKS_BYTES} bytes"));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok((bytes, max_age))
            }
        }
    }

    /// The usable keys of a JWKS document, and why others were skipped.
    fn parse(&self, bytes: &[u8], max_age: Option<Duration>) -> Result<(KeySet, Vec<String>), String> {
        let document: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not a JWKS (invalid JSON): {e}"))?;
        let entries =
            document.get("keys").and_then(serde_json::Value::as_array).ok_or("not a JWKS: no \"keys\" array")?;
        let mut set = KeySet::empty();
        let mut skipped = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let jwk: Jwk = match serde_json::from_value(entry.clone()) {
                Ok(jwk) => jwk,
                Err(e) => {
                    skipped.push(format!("key {index}: not a JWK: {e}"));
                    continue;
                }
            };
            let name = jwk.common.key_id.clone().unwrap_or_else(|| format!("#{index}"));
            match self.verifying_key(&jwk) {
                Ok(key) => {
                    let key = Arc::new(key);
                    if let Some(kid) = &jwk.common.key_id {
                        set.by_kid.insert(kid.clone(), Arc::clone(&key));
                    }
                    set.all.push(key);
                }
                Err(reason) => skipped.push(format!("key {name}: {reason}")),
            }
        }
        if set.all.is_empty() {
            return Err(format!("no usable signing key in the JWKS ({})", skipped.join("; ")));
        }
        let fresh_for = max_age.map_or(self.config.refresh, |age| age.min(self.config.refresh));
        set.fresh_for = fresh_for.max(self.config.min_refresh);
        set.fetched = Some(Instant::now());
        Ok((set, skipped))
    }

    fn verifying_key(&self, jwk: &Jwk) -> Result<VerifyingKey, String> {
        if matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)) {
            return Err("an encryption key (use: enc)".to_owned());
        }
        let algorithm = key_algorithm(jwk)?;
        let key = DecodingKey::from_jwk(jwk).map_err(|e| format!("unusable key material: {e}"))?;
        let mut validation = Validation::new(algorithm);
        validation.leeway = self.leeway;
        validation.validate_nbf = true;
        validation.set_issuer(&[&self.config.issuer]);
        let mut required = vec!["exp", "iss"];
        if self.config.audience.is_empty() {
            validation.validate_aud = false;
        } else {
            validation.set_audience(&self.config.audience);
            required.push("aud");
        }
        validation.set_required_spec_claims(&required);
        Ok(VerifyingKey { key, validation })
    }
}

/// The one algorithm a key verifies: its `alg`, checked against its type, or the type's
/// usual algorithm when `alg` is absent.
fn key_algorithm(jwk: &Jwk) -> Result<Algorithm, String> {
    let declared = match jwk.common.key_algorithm {
        Some(alg) => {
            Some(alg.to_string().parse::<Algorithm>().map_err(|_| format!("algorithm {alg} does not sign JWTs"))?)
        }
        None => None,
    };
    let fits = |alg: Algorithm| declared.is_none_or(|d| d == alg);
    match &jwk.algorithm {
        AlgorithmParameters::RSA(_) => match declared {
            None => Ok(Algorithm::RS256),
            Some(
                alg @ (Algorithm::RS256
                | Algorithm::RS384
                | Algorithm::RS512
                | Algorithm::PS256
                | Algorithm::PS384
                | Algorithm::PS512),
            ) => Ok(alg),
            Some(alg) => Err(format!("an RSA key cannot verify {alg:?}")),
        },
        AlgorithmParameters::EllipticCurve(ec) => match ec.curve {
            EllipticCurve::P256 if fits(Algorithm::ES256) => Ok(Algorithm::ES256),
            EllipticCurve::P384 if fits(Algorithm::ES384) => Ok(Algorithm::ES384),
            ref curve => Err(format!("curve {curve:?} with algorithm {declared:?} is not supported")),
        },
        AlgorithmParameters::OctetKeyPair(okp) => match okp.curve {
            EllipticCurve::Ed25519 if fits(Algorithm::EdDSA) => Ok(Algorithm::EdDSA),
            ref curve => Err(format!("curve {curve:?} with algorithm {declared:?} is not supported")),
        },
        AlgorithmParameters::OctetKey(_) => {
            Err("a symmetric (oct) key: shared secrets are never taken from a JWKS".to_owned())
        }
        _ => Err("an unsupported key type".to_owned()),
    }
}

/// `max-age` of a `Cache-Control` header (`no-store`/`no-cache` count as 0).
fn max_age(value: &str) -> Option<Duration> {
    value.split(',').map(str::trim).find_map(|directive| {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return Some(Duration::ZERO);
        }
        lower.strip_prefix("max-age=").and_then(|secs| secs.trim_matches('"').parse().ok()).map(Duration::from_secs)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwk(value: serde_json::Value) -> Jwk {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn the_algorithm_follows_the_key() {
        let rsa = |alg: Option<&str>| {
            let mut v = serde_json::json!({"kty": "RSA", "n": "sXch", "e": "AQAB"});
            if let Some(alg) = alg {
                v["alg"] = alg.into();
            }
            key_algorithm(&jwk(v))
        };
        assert_eq!(rsa(None), Ok(Algorithm::RS256));
        assert_eq!(rsa(Some("RS384")), Ok(Algorithm::RS384));
        assert!(rsa(Some("HS256")).is_err(), "no RS/HS confusion");
        assert!(rsa(Some("ES256")).is_err());
        let ec = |crv: &str, alg: Option<&str>| {
            let mut v = serde_json::json!({"kty": "EC", "crv": crv, "x": "AA", "y": "AA"});
            if let Some(alg) = alg {
                v["alg"] = alg.into();
            }
            key_algorithm(&jwk(v))
        };
        assert_eq!(ec("P-256", None), Ok(Algorithm::ES256));
        assert_eq!(ec("P-384", None), Ok(Algorithm::ES384));
        assert!(ec("P-256", Some("ES384")).is_err());
        assert_eq!(
            key_algorithm(&jwk(serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": "AA"}))),
            Ok(Algorithm::EdDSA)
        );
        assert!(key_algorithm(&jwk(serde_json::json!({"kty": "oct", "k": "c2VjcmV0", "alg": "HS256"}))).is_err());
    }

    #[test]
    fn cache_control_max_age() {
        assert_eq!(max_age("public, max-age=19204, must-revalidate"), Some(Duration::from_secs(19204)));
        assert_eq!(max_age("no-store"), Some(Duration::ZERO));
        assert_eq!(max_age("public"), None);
    }
}
