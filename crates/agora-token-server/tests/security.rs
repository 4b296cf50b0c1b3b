//! Authentication, policy, rate limits, CORS, bad input, and secrets kept out of logs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use common::*;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::{Digest, Sha256};

const API_KEY: &str = "mobile-key-0123456789abcdef";
const OTHER_KEY: &str = "web-key-0123456789abcdef012";
const HMAC_SECRET: &str = "hmac-secret-0123456789abcdef";
const JWT_SECRET: &str = "jwt-secret-0123456789abcdef0123456789";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sign(method: &str, path_and_query: &str, ts: u64, nonce: &str, body: &[u8]) -> String {
    let canonical = format!("{method}\n{path_and_query}\n{ts}\n{nonce}\n{}", hex(&Sha256::digest(body)));
    let mut mac = Hmac::<Sha256>::new_from_slice(HMAC_SECRET.as_bytes()).unwrap();
    mac.update(canonical.as_bytes());
    hex(&mac.finalize().into_bytes())
}

fn now() -> u64 {
    u64::from(agora_token::clock::now().unwrap())
}

fn authenticated(extra: &[(&'static str, &'static str)]) -> Server {
    let mut env = vec![
        ("OPEN_ACCESS", ""),
        ("API_KEYS", "mobile:mobile-key-0123456789abcdef,web:web-key-0123456789abcdef012"),
        ("HMAC_KEYS", "backend:hmac-secret-0123456789abcdef"),
        ("JWT_SECRET", JWT_SECRET),
    ];
    env.extend_from_slice(extra);
    Server::start(&env)
}

#[tokio::test]
async fn api_keys_by_bearer_or_header_and_401_without() {
    let server = authenticated(&[]);
    let url = server.url("/rtc/c/publisher/uid/1/");
    let response = client().get(&url).send().await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["kind"], "missing_credentials");
    let response = client().get(&url).bearer_auth(API_KEY).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "1", true, 3600);
    assert_eq!(client().get(&url).header("X-API-Key", OTHER_KEY).send().await.unwrap().status(), 200);
    assert_eq!(client().get(&url).bearer_auth("mobile-key-0123456789abcdeX").send().await.unwrap().status(), 401);
    assert_eq!(client().get(&url).header("Authorization", "Basic abc").send().await.unwrap().status(), 401);
    // Operational routes stay open.
    assert_eq!(client().get(server.url("/healthz")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn hmac_signed_requests_refuse_tampering_staleness_and_replay() {
    let server = authenticated(&[]);
    let body = json!({"tokenType": "rtc", "channel": "signed", "uid": "5", "role": "publisher"}).to_string();
    let send = |ts: u64, nonce: &'static str, signature: String, body: String| {
        let url = server.url("/getToken?source=backend");
        async move {
            client()
                .post(url)
                .header("Content-Type", "application/json")
                .header("X-Auth-Key", "backend")
                .header("X-Auth-Timestamp", ts.to_string())
                .header("X-Auth-Nonce", nonce)
                .header("X-Auth-Signature", signature)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let ts = now();
    let signature = sign("POST", "/getToken?source=backend", ts, "nonce-aaaa-0001", body.as_bytes());
    let response = send(ts, "nonce-aaaa-0001", signature.clone(), body.clone()).await;
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = response.json().await.unwrap();
    assert_rtc(json["token"].as_str().unwrap(), "signed", "5", true, 3600);

    let replay = send(ts, "nonce-aaaa-0001", signature, body.clone()).await;
    assert_eq!(replay.status(), 401);
    assert_eq!(replay.json::<serde_json::Value>().await.unwrap()["kind"], "replayed_request");

    let tampered_body = body.replace("signed", "stolen");
    let signature = sign("POST", "/getToken?source=backend", ts, "nonce-aaaa-0002", body.as_bytes());
    assert_eq!(send(ts, "nonce-aaaa-0002", signature, tampered_body).await.status(), 401);

    let stale = ts - 3600;
    let signature = sign("POST", "/getToken?source=backend", stale, "nonce-aaaa-0003", body.as_bytes());
    let response = send(stale, "nonce-aaaa-0003", signature, body).await;
    assert_eq!(response.json::<serde_json::Value>().await.unwrap()["kind"], "stale_signature");
}

#[tokio::test]
async fn jwt_callers_get_tokens_for_their_own_uid_and_channels() {
    let server = authenticated(&[]);
    let token = jwt(JWT_SECRET, json!({"sub": "user-42", "uid": 42, "channels": ["team-*"], "exp": in_an_hour()}));
    let get = |path: &str| {
        let url = server.url(path);
        let token = token.clone();
        async move { client().get(url).bearer_auth(token).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(get("/rtc/team-a/publisher/uid/42/").await, 200);
    assert_eq!(get("/rtc/team-a/publisher/uid/43/").await, 403, "someone else's uid");
    assert_eq!(get("/rtc/team-a/publisher/uid/0/").await, 403, "any-user token");
    assert_eq!(get("/rtc/lobby/publisher/uid/42/").await, 403, "channel outside the claim");
    assert_eq!(get("/rtm/42").await, 200);
    assert_eq!(get("/rtm/41").await, 403);
    assert_eq!(get("/chat/app").await, 403, "administration tokens");
    let response = client().get(server.url("/rtc/team-a/publisher/uid/43/")).bearer_auth(&token).send().await.unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["kind"], "policy_denied");
    assert!(body["message"].as_str().unwrap().contains("\"42\""), "{body}");

    let audience = jwt(JWT_SECRET, json!({"sub": "viewer", "role": "subscriber", "exp": in_an_hour()}));
    let status = |path: &'static str| {
        let url = server.url(path);
        let audience = audience.clone();
        async move { client().get(url).bearer_auth(audience).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status("/rtc/any/subscriber/uid/7/").await, 200);
    assert_eq!(status("/rtc/any/publisher/uid/7/").await, 403);

    let expired = jwt(JWT_SECRET, json!({"sub": "x", "exp": now() - 3600}));
    let forged = jwt("another-secret-0123456789abcdef0123", json!({"sub": "x", "exp": in_an_hour()}));
    for bad in [expired, forged] {
        let response = client().get(server.url("/rtc/c/publisher/uid/1/")).bearer_auth(bad).send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert_eq!(response.json::<serde_json::Value>().await.unwrap()["kind"], "invalid_jwt");
    }
}

#[tokio::test]
async fn open_mode_serves_anonymous_callers_but_refuses_wrong_credentials() {
    let server = Server::start(&[("API_KEYS", "mobile:mobile-key-0123456789abcdef")]);
    assert_eq!(client().get(server.url("/rtc/c/publisher/uid/1/")).send().await.unwrap().status(), 200);
    let response =
        client().get(server.url("/rtc/c/publisher/uid/1/")).bearer_auth("not-a-valid-key-at-all").send().await.unwrap();
    assert_eq!(response.status(), 401);
}

#[tokio::test]
async fn configured_policy_limits_channels_roles_and_wildcards() {
    let server = Server::start(&[
        ("POLICY_CHANNELS", "room-*,lobby"),
        ("POLICY_ALLOW_WILDCARDS", "false"),
        ("POLICY_ALLOW_PUBLISHER", "false"),
    ]);
    let status = |path: &'static str| {
        let url = server.url(path);
        async move { client().get(url).send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status("/rtc/room-1/subscriber/uid/5/").await, 200);
    assert_eq!(status("/rtc/lobby/subscriber/uid/5/").await, 200);
    assert_eq!(status("/rtc/secret/subscriber/uid/5/").await, 403);
    assert_eq!(status("/rtc/room-1/publisher/uid/5/").await, 403);
    assert_eq!(status("/rtc/room-1/subscriber/uid/0/").await, 403);
    let (status, body) =
        post_json(&server.url("/getToken"), json!({"tokenType": "rtm", "uid": "a", "channel": "*"})).await;
    assert_eq!((status, body["kind"].as_str()), (403, Some("policy_denied")));
    let (status, body) = post_json(
        &server.url("/token/generate"),
        json!({"channelName": "secret", "uid": "1", "serviceRtc": {"enable": true}}),
    )
    .await;
    assert_eq!((status, body["code"].as_i64()), (403, Some(-2)), "agoracn envelope keeps the status");
    let metrics = client().get(server.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("agora_token_server_policy_denials_total 5"), "{metrics}");
}

#[tokio::test]
async fn per_ip_rate_limit_answers_429_with_retry_after() {
    let server =
        Server::start(&[("RATE_LIMIT_PER_IP", "6"), ("RATE_LIMIT_BURST", "3"), ("TRUSTED_PROXIES", "127.0.0.1")]);
    let from = |ip: &'static str| {
        let url = server.url("/rtc/c/publisher/uid/1/");
        async move { client().get(url).header("X-Forwarded-For", ip).send().await.unwrap() }
    };
    for _ in 0..3 {
        assert_eq!(from("203.0.113.1").await.status(), 200);
    }
    let limited = from("203.0.113.1").await;
    assert_eq!(limited.status(), 429);
    let retry_after: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    assert_eq!(from("203.0.113.2").await.status(), 200, "another client is not affected");
    // Health checks are never limited.
    for _ in 0..10 {
        assert_eq!(
            client()
                .get(server.url("/healthz"))
                .header("X-Forwarded-For", "203.0.113.1")
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    let metrics = client().get(server.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(metrics.contains("agora_token_server_rate_limited_total{scope=\"ip\"} 1"), "{metrics}");
}

#[tokio::test]
async fn per_caller_rate_limit_follows_the_key_across_ips() {
    let server =
        authenticated(&[("RATE_LIMIT_PER_CALLER", "6"), ("RATE_LIMIT_BURST", "2"), ("TRUSTED_PROXIES", "127.0.0.0/8")]);
    let call = |key: &'static str, ip: &'static str| {
        let url = server.url("/rtc/c/publisher/uid/1/");
        async move {
            client().get(url).bearer_auth(key).header("X-Forwarded-For", ip).send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(call(API_KEY, "198.51.100.1").await, 200);
    assert_eq!(call(API_KEY, "198.51.100.2").await, 200);
    assert_eq!(call(API_KEY, "198.51.100.3").await, 429);
    assert_eq!(call(OTHER_KEY, "198.51.100.3").await, 200);
}

#[tokio::test]
async fn cors_allow_list_serves_listed_origins_and_native_apps() {
    let server = Server::start(&[("CORS_ALLOW_ORIGIN", "https://app.example.com, https://admin.example.com")]);
    let url = server.url("/rtc/c/publisher/uid/1/");
    let allowed = client().get(&url).header("Origin", "https://app.example.com").send().await.unwrap();
    assert_eq!(allowed.status(), 200);
    assert_eq!(allowed.headers()["access-control-allow-origin"], "https://app.example.com");
    assert_eq!(allowed.headers()["vary"], "Origin");
    let refused = client().get(&url).header("Origin", "https://evil.example.com").send().await.unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused.headers().get("access-control-allow-origin").is_none());
    assert_eq!(refused.json::<serde_json::Value>().await.unwrap()["error"], "Origin not allowed");
    // Android/iOS/curl send no Origin: always served.
    let native = client().get(&url).send().await.unwrap();
    assert_eq!(native.status(), 200);
    assert!(native.headers().get("access-control-allow-origin").is_none());
    // Preflight, including for the Authorization header.
    let preflight = client()
        .request(reqwest::Method::OPTIONS, server.url("/getToken"))
        .header("Origin", "https://admin.example.com")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert!(preflight.headers()["access-control-allow-headers"].to_str().unwrap().contains("Authorization"));
    assert!(preflight.headers()["access-control-allow-methods"].to_str().unwrap().contains("POST"));
    let preflight = client()
        .request(reqwest::Method::OPTIONS, &url)
        .header("Origin", "https://evil.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 403);
    // Errors carry CORS headers too, so browsers can read them.
    let not_found = client().get(server.url("/nope")).header("Origin", "https://app.example.com").send().await.unwrap();
    assert_eq!(not_found.status(), 404);
    assert_eq!(not_found.headers()["access-control-allow-origin"], "https://app.example.com");

    let any = Server::start(&[("CORS_ALLOW_ORIGIN", "*")]);
    let response = client().get(any.url("/ping")).header("Origin", "https://whoever.example").send().await.unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "https://whoever.example");
    let none = Server::start(&[]);
    assert_eq!(
        client().get(none.url("/ping")).header("Origin", "https://whoever.example").send().await.unwrap().status(),
        403
    );
    assert_eq!(client().get(none.url("/ping")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn bad_input_is_a_400_saying_what_to_fix() {
    let server = Server::start(&[]);
    let cases = [
        ("/rtc/c/publisher/uid/4294967296/", "uid"),
        ("/rtc/c/publisher/uid/-2147483649/", "uid"),
        ("/rtc/c/publisher/uid/alice/", "userAccount"),
        ("/rtc/c/admin/uid/1/", "publisher"),
        ("/rtc/c/publisher/token/1/", "tokenType"),
        ("/rtc/c/publisher/uid/1/?expiry=1h", "expiry"),
        ("/rtc/c/publisher/uid/1/?expiry=-5", "expiry"),
        ("/chat/app?expiry=abc", "expiry"),
        ("/rtc/%FF%FE/publisher/uid/1/", "UTF-8"),
    ];
    for (path, hint) in cases {
        let (status, body) = get_json(&server.url(path)).await;
        assert_eq!(status, 400, "{path}: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(hint), "{path}: {message:?} should mention {hint}");
        assert_eq!(body["error"], body["message"], "clients read either key");
    }
    let response = client()
        .post(server.url("/getToken"))
        .header("Content-Type", "application/json")
        .body("{\"tokenType\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.json::<serde_json::Value>().await.unwrap()["message"].as_str().unwrap().contains("JSON"));
    let (status, body) =
        post_json(&server.url("/getToken"), json!({"tokenType": "rtc", "channel": "c", "uid": "1", "expire": -1}))
            .await;
    assert_eq!((status, body["kind"].as_str()), (400, Some("invalid_expiry")));
    let (status, _) = post_json(&server.url("/getToken"), json!({"tokenType": "voice"})).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn size_limits_413_and_414_and_fields_too_long_for_tokens() {
    let server = Server::start(&[("MAX_BODY_BYTES", "1024")]);
    let big = json!({"tokenType": "rtc", "channel": "x".repeat(5000), "uid": "1"});
    let response = client().post(server.url("/getToken")).json(&big).send().await.unwrap();
    assert_eq!(response.status(), 413);
    let long_path = format!("/rtc/{}/publisher/uid/1/", "c".repeat(3000));
    assert_eq!(client().get(server.url(&long_path)).send().await.unwrap().status(), 414);

    let roomy = Server::start(&[("MAX_BODY_BYTES", "200000")]);
    let huge = json!({"tokenType": "rtc", "channel": "x".repeat(70_000), "uid": "1"});
    let (status, body) = post_json(&roomy.url("/getToken"), huge).await;
    assert_eq!((status, body["kind"].as_str()), (400, Some("field_too_long")), "{body}");
}

#[tokio::test]
async fn secrets_never_appear_in_the_output() {
    let server = authenticated(&[("LOG_LEVEL", "trace"), ("OPEN_ACCESS", "true")]);
    let mut tokens = Vec::new();
    for path in ["/rtc/c/publisher/uid/1/", "/rtm/bob", "/chat/app", "/nope", "/rtc/c/bad/uid/1/"] {
        let response = client().get(server.url(path)).bearer_auth(API_KEY).send().await.unwrap();
        tokens.push(response.text().await.unwrap());
    }
    let _ = client()
        .get(server.url("/rtc/c/publisher/uid/1/"))
        .bearer_auth("wrong-key-wrong-key-wrong")
        .send()
        .await
        .unwrap();
    let jwt_token = jwt(JWT_SECRET, json!({"sub": "s", "exp": in_an_hour()}));
    let _ = client().get(server.url("/rtc/c/publisher/uid/1/")).bearer_auth(&jwt_token).send().await.unwrap();
    let _ = post_json(
        &server.url("/token/generate"),
        json!({"serviceRtc": {"enable": true}, "channelName": "c", "uid": "1"}),
    )
    .await;
    server.signal("TERM");
    let mut server = server;
    assert!(server.wait_exit(std::time::Duration::from_secs(10)).is_some_and(|s| s.success()));
    let output = server.output();
    assert!(output.contains("\"message\":\"request\""), "request logs are written: {output}");
    assert!(output.contains("\"channel\":\"c\""), "the audit fields are logged");
    let lower = output.to_ascii_lowercase();
    for secret in [CERT, API_KEY, OTHER_KEY, HMAC_SECRET, JWT_SECRET, jwt_token.as_str()] {
        assert!(!lower.contains(&secret.to_ascii_lowercase()), "{secret} leaked into the output");
        // Not even a recognizable half of it.
        let half = &secret[..secret.len() / 2];
        assert!(!lower.contains(&half.to_ascii_lowercase()), "part of {secret} leaked");
    }
    for body in tokens.iter().filter(|b| b.contains("007")) {
        let token = body.split('"').find(|s| s.starts_with("007")).unwrap();
        assert!(!output.contains(token), "issued tokens are not logged");
    }

    // Nor in start-up errors about a malformed certificate.
    let bad_cert = "5CFd2fd1755d40ecb72977518be15dZZ";
    let (status, output) = Server::start_with(&[], &[("APP_CERTIFICATE", bad_cert)]).err().expect("must not start");
    assert_eq!(status.and_then(|s| s.code()), Some(2));
    assert!(output.contains("APP_CERTIFICATE"), "{output}");
    assert!(!output.contains("5CFd2fd1755d40"), "{output}");
}

#[test]
fn refuses_to_start_without_credentials_naming_what_is_missing() {
    let (status, output) = Server::start_with(&[], &[("APP_ID", ""), ("APP_CERTIFICATE", ""), ("OPEN_ACCESS", "")])
        .err()
        .expect("must not start");
    assert_eq!(status.and_then(|s| s.code()), Some(2), "{output}");
    for needle in ["APP_ID", "APP_CERTIFICATE", "--demo", "API_KEYS", "OPEN_ACCESS=true"] {
        assert!(output.contains(needle), "{needle} missing from:\n{output}");
    }
    // Credentials but no authentication choice: also refused.
    let (status, output) = Server::start_with(&[], &[("OPEN_ACCESS", "")]).err().expect("must not start");
    assert_eq!(status.and_then(|s| s.code()), Some(2));
    assert!(output.contains("no caller authentication is configured"), "{output}");
}

#[tokio::test]
async fn demo_mode_is_loud_open_and_loopback_only() {
    let server = Server::start_with(
        &["--demo"],
        &[("APP_ID", ""), ("APP_CERTIFICATE", ""), ("OPEN_ACCESS", ""), ("HOST", "0.0.0.0")],
    )
    .unwrap_or_else(|(_, out)| panic!("{out}"));
    assert!(server.base.starts_with("http://127.0.0.1:"), "{}", server.base);
    let output = server.output();
    assert!(output.contains("DEMO MODE - NOT FOR PRODUCTION"), "{output}");
    let app_id = output.split("App ID ").nth(1).unwrap()[..32].to_owned();
    let (status, body) = get_json(&server.url("/rtc/test-channel/publisher/uid/1234/")).await;
    assert_eq!(status, 200);
    let token = agora_token::UnverifiedToken::parse(body["rtcToken"].as_str().unwrap()).unwrap();
    assert_eq!(token.payload().app_id(), app_id);
    assert!(agora_token::decode(body["rtcToken"].as_str().unwrap(), &agora_token::AppCertificate::new(CERT).unwrap())
        .is_err());
}

#[tokio::test]
async fn secondary_certificate_is_accepted_never_signs_and_never_printed() {
    const SECONDARY: &str = "0123456789abcdef0123456789ABCDEF";
    let server = Server::start(&[("APP_CERTIFICATE_SECONDARY", SECONDARY)]);
    let (status, body) = get_json(&server.url("/rtc/c/publisher/uid/1/")).await;
    assert_eq!(status, 200);
    let token = body["rtcToken"].as_str().unwrap();
    assert_rtc(token, "c", "1", true, 3600); // verified with the primary
    let secondary = agora_token::AppCertificate::new(SECONDARY).unwrap();
    assert!(agora_token::decode(token, &secondary).is_err(), "signed with the primary only");
    let output = server.output();
    assert!(output.contains("\"secondary_certificate\":true"), "{output}");
    assert!(!output.to_lowercase().contains(&SECONDARY.to_lowercase()[..16]), "{output}");

    let bad = "0123456789abcdef0123456789ABCDEZ";
    let (status, output) = Server::start_with(&[], &[("APP_CERTIFICATE_SECONDARY", bad)]).err().unwrap();
    assert_eq!(status.and_then(|s| s.code()), Some(2));
    assert!(output.contains("APP_CERTIFICATE_SECONDARY:"), "{output}");
    assert!(!output.contains(&bad[..16]), "{output}");
}
