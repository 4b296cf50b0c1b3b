//! Callers authenticated by an identity provider (JWKS) and the external authorizer, each
//! against a real HTTP server on loopback started by the test, with keys generated here.
//! The tests run on two threads: `Server::start` blocks one while the server fetches from
//! the provider that the other serves.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::*;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

const ISSUER: &str = "https://securetoken.google.com/agora-test";
const AUDIENCE: &str = "agora-test";
const HS_SECRET: &str = "jwt-secret-0123456789abcdef0123456789";

/// A signing key of the provider and its public JWK.
struct TestKey {
    kid: String,
    alg: Algorithm,
    encoding: EncodingKey,
    jwk: Value,
    /// The public key's DER bytes (RSA only): what an attacker would use as an HS256 secret.
    public_der: Vec<u8>,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// RSA key generation is slow in debug builds: one 2048-bit key per test process.
fn rsa_key() -> &'static rsa::RsaPrivateKey {
    static KEY: OnceLock<rsa::RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048).unwrap())
}

fn rsa(kid: &str, alg: Algorithm) -> TestKey {
    use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
    use rsa::traits::PublicKeyParts;
    let key = rsa_key();
    let public = key.to_public_key();
    TestKey {
        kid: kid.to_owned(),
        alg,
        encoding: EncodingKey::from_rsa_der(key.to_pkcs1_der().unwrap().as_bytes()),
        jwk: json!({"kty": "RSA", "kid": kid, "use": "sig", "alg": format!("{alg:?}"),
                    "n": b64(&public.n().to_bytes_be()), "e": b64(&public.e().to_bytes_be())}),
        public_der: public.to_pkcs1_der().unwrap().as_bytes().to_vec(),
    }
}

fn es256(kid: &str) -> TestKey {
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    use p256::pkcs8::EncodePrivateKey;
    let secret = p256::SecretKey::random(&mut rand_core::OsRng);
    let point = secret.public_key().to_encoded_point(false);
    TestKey {
        kid: kid.to_owned(),
        alg: Algorithm::ES256,
        encoding: EncodingKey::from_ec_der(secret.to_pkcs8_der().unwrap().as_bytes()),
        // No "alg": the curve says ES256.
        jwk: json!({"kty": "EC", "kid": kid, "crv": "P-256", "x": b64(point.x().unwrap()), "y": b64(point.y().unwrap())}),
        public_der: Vec::new(),
    }
}

fn eddsa(kid: &str) -> TestKey {
    use ed25519_dalek::pkcs8::EncodePrivateKey;
    let signing = ed25519_dalek::SigningKey::generate(&mut rand_core::OsRng);
    TestKey {
        kid: kid.to_owned(),
        alg: Algorithm::EdDSA,
        encoding: EncodingKey::from_ed_der(signing.to_pkcs8_der().unwrap().as_bytes()),
        jwk: json!({"kty": "OKP", "kid": kid, "crv": "Ed25519", "alg": "EdDSA", "x": b64(signing.verifying_key().as_bytes())}),
        public_der: Vec::new(),
    }
}

fn jwks(keys: &[&TestKey]) -> String {
    json!({"keys": keys.iter().map(|k| k.jwk.clone()).collect::<Vec<_>>()}).to_string()
}

fn now() -> u64 {
    u64::from(agora_token::clock::now().unwrap())
}

/// Firebase-shaped claims: the user id in `sub`.
fn claims(sub: &str) -> Value {
    json!({"iss": ISSUER, "aud": AUDIENCE, "sub": sub, "iat": now(), "exp": now() + 3600})
}

fn sign(key: &TestKey, claims: &Value) -> String {
    let mut header = Header::new(key.alg);
    header.kid = Some(key.kid.clone());
    encode(&header, claims, &key.encoding).unwrap()
}

/// The identity provider: serves whatever JWKS document it holds, counts fetches, and can
/// go down. `Connection: close` on every answer, so "down" really means no connection.
#[derive(Clone)]
struct Provider {
    document: Arc<Mutex<String>>,
    fetches: Arc<AtomicUsize>,
}

struct RunningProvider {
    provider: Provider,
    url: String,
    task: tokio::task::JoinHandle<()>,
}

impl RunningProvider {
    async fn start(document: String) -> RunningProvider {
        let provider = Provider { document: Arc::new(Mutex::new(document)), fetches: Arc::new(AtomicUsize::new(0)) };
        let state = provider.clone();
        let app = Router::new().route(
            "/.well-known/jwks.json",
            get(move || {
                let state = state.clone();
                async move {
                    state.fetches.fetch_add(1, Ordering::SeqCst);
                    let body = state.document.lock().unwrap().clone();
                    ([(header::CONTENT_TYPE, "application/json"), (header::CONNECTION, "close")], body)
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/.well-known/jwks.json", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        RunningProvider { provider, url, task }
    }

    fn serve(&self, document: String) {
        *self.provider.document.lock().unwrap() = document;
    }

    fn fetches(&self) -> usize {
        self.provider.fetches.load(Ordering::SeqCst)
    }

    fn go_down(&self) {
        self.task.abort();
    }
}

async fn status_with(server: &Server, path: &str, jwt: &str) -> (u16, Value) {
    let response = client().get(server.url(path)).bearer_auth(jwt).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn status(server: &Server, jwt: &str) -> u16 {
    status_with(server, "/rtc/c/publisher/uid/42/", jwt).await.0
}

fn jwks_server(url: &str, extra: &[(&'static str, &'static str)]) -> Server {
    let mut env: Vec<(&str, &str)> = vec![
        ("OPEN_ACCESS", ""),
        ("JWT_JWKS_URL", url),
        ("JWT_ISSUER", ISSUER),
        ("JWT_AUDIENCE", AUDIENCE),
        ("JWT_USER_CLAIM", "sub"),
        ("JWT_JWKS_MIN_REFRESH_SECS", "1"),
    ];
    env.extend_from_slice(extra);
    Server::start(&env)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_supported_algorithm_verifies_and_binds_the_caller_with_hs256_alongside() {
    let (rs256, rs384, es, ed) =
        (rsa("rs256", Algorithm::RS256), rsa("rs384", Algorithm::RS384), es256("es256"), eddsa("ed"));
    let provider = RunningProvider::start(jwks(&[&rs256, &rs384, &es, &ed])).await;
    let server = jwks_server(&provider.url, &[("JWT_SECRET", HS_SECRET)]);

    for key in [&rs256, &rs384, &es, &ed] {
        let token = sign(key, &claims("42"));
        let (code, body) = status_with(&server, "/rtc/c/publisher/uid/42/", &token).await;
        assert_eq!(code, 200, "{:?}: {body}", key.alg);
        assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "42", true, 3600);
        // Firebase's uid is the subject: another user's token is refused by the policy.
        let (code, body) = status_with(&server, "/rtc/c/publisher/uid/43/", &token).await;
        assert_eq!((code, body["kind"].as_str()), (403, Some("policy_denied")), "{:?}", key.alg);
    }
    // The shared secret keeps working next to the identity provider.
    assert_eq!(status(&server, &jwt(HS_SECRET, json!({"sub": "42", "exp": now() + 60}))).await, 200);

    let refused = |token: String, why: &'static str| {
        let server = &server;
        async move {
            let (code, body) = status_with(server, "/rtc/c/publisher/uid/42/", &token).await;
            assert_eq!((code, body["kind"].as_str()), (401, Some("invalid_jwt")), "{why}: {body}");
        }
    };
    let mut wrong = claims("42");
    wrong["iss"] = json!("https://securetoken.google.com/another-project");
    refused(sign(&rs256, &wrong), "another issuer (another Firebase project, same JWKS)").await;
    let mut wrong = claims("42");
    wrong["aud"] = json!("another-project");
    refused(sign(&es, &wrong), "another audience").await;
    let mut wrong = claims("42");
    wrong["exp"] = json!(now() - 120);
    refused(sign(&ed, &wrong), "expired beyond the leeway").await;
    let mut wrong = claims("42");
    wrong["nbf"] = json!(now() + 600);
    refused(sign(&rs384, &wrong), "not valid yet").await;
    let mut wrong = claims("42");
    wrong.as_object_mut().unwrap().remove("iss");
    refused(sign(&rs256, &wrong), "no issuer").await;

    // The algorithm comes from the key: an RS384 signature presented under the RS256 key's kid.
    let mut header = Header::new(Algorithm::RS384);
    header.kid = Some("rs256".into());
    refused(encode(&header, &claims("42"), &rs256.encoding).unwrap(), "alg differs from the key's").await;
    // RS/HS confusion: HS256 over the provider's public key, under its kid.
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some("rs256".into());
    let forged = encode(&header, &claims("42"), &EncodingKey::from_secret(&rs256.public_der)).unwrap();
    refused(forged, "HS256 signed with the RSA public key").await;
    // alg none.
    let unsigned = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","typ":"JWT","kid":"rs256"}"#),
        b64(claims("42").to_string().as_bytes())
    );
    refused(unsigned, "alg none").await;
    // A key the provider does not publish.
    refused(sign(&es256("unknown"), &claims("42")), "unknown kid").await;
    let tampered = sign(&rs256, &claims("42"));
    let (head, rest) = tampered.split_once('.').unwrap();
    let (_, signature) = rest.split_once('.').unwrap();
    refused(format!("{head}.{}.{signature}", b64(claims("7").to_string().as_bytes())), "tampered claims").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_rotate_bad_documents_and_outages_fail_closed_for_new_keys_only() {
    let (a, b, c) = (es256("key-a"), eddsa("key-b"), es256("key-c"));
    let provider = RunningProvider::start(jwks(&[&a])).await;
    let server = jwks_server(
        &provider.url,
        &[("JWT_JWKS_REFRESH_SECS", "2"), ("JWT_JWKS_MAX_STALE_SECS", "8"), ("JWT_JWKS_TIMEOUT_MS", "1000")],
    );
    let (token_a, token_b, token_c) = (sign(&a, &claims("42")), sign(&b, &claims("42")), sign(&c, &claims("42")));
    assert_eq!(status(&server, &token_a).await, 200);
    assert_eq!(provider.fetches(), 1, "fetched once at start-up, then cached: {}", server.output());

    // Rotation: the provider adds key B; a token signed with it makes the server fetch again.
    provider.serve(jwks(&[&a, &b]));
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(status(&server, &token_b).await, 200);
    assert_eq!(status(&server, &token_a).await, 200);
    assert_eq!(provider.fetches(), 2);

    // Unknown kids cannot make the server hammer the provider: at most one fetch per second.
    let before = provider.fetches();
    for i in 0..20 {
        assert_eq!(status(&server, &sign(&es256(&format!("random-{i}")), &claims("42"))).await, 401);
    }
    assert!(provider.fetches() - before <= 2, "{} fetches for 20 unknown kids", provider.fetches() - before);

    // A bad document (not JSON, then only unusable keys) leaves the cached keys in use.
    // (No good document is served after this instant: the cached keys are at least this old.)
    let last_good_fetch = Instant::now();
    provider.serve("<html>maintenance</html>".to_owned());
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(status(&server, &token_c).await, 401, "new kid while the JWKS is bad");
    assert_eq!(status(&server, &token_a).await, 200);
    provider.serve(
        json!({"keys": [{"kty": "oct", "kid": "key-c", "k": "c2VjcmV0", "alg": "HS256"},
                                   {"kty": "RSA", "kid": "enc", "use": "enc", "n": "AQAB", "e": "AQAB"}]})
        .to_string(),
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(status(&server, &token_c).await, 401, "a symmetric key is never taken from a JWKS");
    assert_eq!(status(&server, &token_b).await, 200);

    // The provider goes down: cached keys keep working, new kids fail closed...
    provider.go_down();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(status(&server, &token_c).await, 401);
    assert_eq!(status(&server, &token_a).await, 200);
    // ...until the cached keys are older than JWT_JWKS_MAX_STALE_SECS.
    let stale_at = last_good_fetch + Duration::from_secs(8) + Duration::from_millis(500);
    tokio::time::sleep_until(stale_at.into()).await;
    let (code, body) = status_with(&server, "/rtc/c/publisher/uid/42/", &token_a).await;
    assert_eq!(code, 401, "{body}");
    assert!(body["message"].as_str().unwrap().contains("unavailable"), "{body}");

    let metrics = client().get(server.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metric(&metrics, "agora_token_server_jwks_refreshes_total{result=\"ok\"}") >= 2, "{metrics}");
    assert!(metric(&metrics, "agora_token_server_jwks_refreshes_total{result=\"error\"}") >= 3, "{metrics}");
    let output = server.output();
    assert!(output.contains("fetching the identity provider's keys failed"), "{output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jwks_file_serves_air_gapped_setups_and_a_broken_one_stops_the_start() {
    let key = rsa("file-key", Algorithm::RS256);
    let dir = std::env::temp_dir().join(format!("agora-jwks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("jwks.json");
    std::fs::write(&path, jwks(&[&key])).unwrap();
    let path_text = path.to_str().unwrap();
    let server = Server::start(&[
        ("OPEN_ACCESS", ""),
        ("JWT_JWKS_FILE", path_text),
        ("JWT_ISSUER", ISSUER),
        ("JWT_USER_CLAIM", "sub"),
    ]);
    // No JWT_AUDIENCE: aud is not checked.
    let mut no_aud = claims("42");
    no_aud.as_object_mut().unwrap().remove("aud");
    assert_eq!(status(&server, &sign(&key, &no_aud)).await, 200);
    drop(server);

    std::fs::write(&path, "{\"keys\": 7}").unwrap();
    let (status, output) =
        Server::start_with(&[], &[("OPEN_ACCESS", ""), ("JWT_JWKS_FILE", path_text), ("JWT_ISSUER", ISSUER)])
            .err()
            .expect("a broken JWKS file must stop the start");
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{output}");
    assert!(output.contains("JWT_JWKS_FILE"), "{output}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jwks_settings_are_validated() {
    let (status, output) =
        Server::start_with(&[], &[("OPEN_ACCESS", ""), ("JWT_JWKS_URL", "http://idp.example.com/jwks.json")])
            .err()
            .expect("must not start");
    assert_eq!(status.and_then(|s| s.code()), Some(2));
    assert!(output.contains("JWT_JWKS_URL"), "plain HTTP to another host: {output}");
    assert!(output.contains("JWT_ISSUER is required"), "{output}");
}

/// The external authorizer: allows channels starting with `ok-`, refuses others with a
/// message, never answers for `slow-` ones; records what it was asked.
#[derive(Clone, Default)]
struct Authorizer {
    asked: Arc<Mutex<Vec<Asked>>>,
}

/// The `Authorization` header and the body of one question to the authorizer.
type Asked = (Option<String>, Value);

async fn authorize(
    axum::extract::State(authorizer): axum::extract::State<Authorizer>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> axum::response::Response {
    let bearer = headers.get(header::AUTHORIZATION).map(|v| v.to_str().unwrap().to_owned());
    authorizer.asked.lock().unwrap().push((bearer, body.clone()));
    let channel = body["grants"][0]["channel"].as_str().unwrap_or("").to_owned();
    if channel.starts_with("slow-") {
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    // Connection: close, so that when the authorizer goes down no pooled connection survives.
    let close = [(header::CONNECTION, "close")];
    if channel.starts_with("ok-") {
        (StatusCode::NO_CONTENT, close).into_response()
    } else {
        (StatusCode::FORBIDDEN, close, Json(json!({"message": "channel closed"}))).into_response()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_external_authorizer_is_asked_and_only_2xx_signs() {
    let authorizer = Authorizer::default();
    let app = Router::new().route("/authorize", post(authorize)).with_state(authorizer.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/authorize", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    let server = Server::start(&[
        ("OPEN_ACCESS", ""),
        ("JWT_SECRET", HS_SECRET),
        ("AUTHZ_URL", &url),
        ("AUTHZ_TIMEOUT_MS", "300"),
        ("AUTHZ_TOKEN", "authz-token-0123456789abcdef"),
    ]);
    let caller =
        jwt(HS_SECRET, json!({"sub": "user-42", "uid": 42, "channels": ["ok-*", "no-*", "slow-*"], "exp": now() + 60}));

    let (code, body) = status_with(&server, "/rte/ok-room/publisher/uid/42/", &caller).await;
    assert_eq!(code, 200, "{body}");
    let (bearer, asked) = authorizer.asked.lock().unwrap().last().cloned().unwrap();
    assert_eq!(bearer.as_deref(), Some("Bearer authz-token-0123456789abcdef"));
    assert_eq!(
        asked,
        json!({
            "caller": {"id": "user-42", "auth": "jwt", "user": "42", "channels": ["ok-*", "no-*", "slow-*"], "role": null},
            "grants": [
                {"kind": "rtc", "channel": "ok-room", "user": "42", "userKind": "uid", "role": "publisher"},
                {"kind": "rtm", "user": "42", "streamChannel": "ok-room"}
            ]
        })
    );

    let (code, body) = status_with(&server, "/rtc/no-room/publisher/uid/42/", &caller).await;
    assert_eq!((code, body["kind"].as_str()), (403, Some("authz_denied")), "{body}");
    assert!(body["message"].as_str().unwrap().contains("channel closed"), "{body}");

    let (code, body) = status_with(&server, "/rtc/slow-room/publisher/uid/42/", &caller).await;
    assert_eq!((code, body["kind"].as_str()), (503, Some("authz_unavailable")), "{body}");

    // The local policy is asked first: a refused request never reaches the authorizer.
    let asked_before = authorizer.asked.lock().unwrap().len();
    assert_eq!(status_with(&server, "/rtc/ok-room/publisher/uid/43/", &caller).await.0, 403);
    assert_eq!(authorizer.asked.lock().unwrap().len(), asked_before);

    task.abort();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (code, body) = status_with(&server, "/rtc/ok-room/publisher/uid/42/", &caller).await;
    assert_eq!((code, body["kind"].as_str()), (503, Some("authz_unavailable")), "authorizer down: {body}");

    let metrics = client().get(server.url("/metrics")).send().await.unwrap().text().await.unwrap();
    for line in [
        "agora_token_server_authz_requests_total{result=\"allowed\"} 1",
        "agora_token_server_authz_requests_total{result=\"denied\"} 1",
        "agora_token_server_authz_requests_total{result=\"error\"} 2",
        "agora_token_server_tokens_issued_total{kind=\"rtc\",role=\"publisher\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} missing:\n{metrics}");
    }
    assert!(!server.output().contains("authz-token-0123456789abcdef"), "the authorizer token is never logged");
}
