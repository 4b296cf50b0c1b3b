//! Several replicas sharing rate limits and the HMAC replay cache through a real Redis
//! (Debian's `redis-server`, started here on a free loopback port and stopped by the test;
//! `scripts/test-server.sh` installs it), and what happens when Redis dies mid-run.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::{Digest, Sha256};

const API_KEY: &str = "replica-key-0123456789abcdef";
const HMAC_SECRET: &str = "hmac-secret-0123456789abcdef";

/// A `redis-server` process on loopback, without persistence; killed on drop.
struct Redis {
    child: Child,
    port: u16,
}

impl Redis {
    fn start() -> Redis {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Redis::start_on(port)
    }

    fn start_on(port: u16) -> Redis {
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot run redis-server ({e}): scripts/test-server.sh installs Debian's redis-server")
            });
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Redis { child, port }
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// SIGKILL: Redis vanishes mid-run, connections and all.
    fn kill(mut self) -> u16 {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        self.port
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn replica(redis_url: &str, extra: &[(&str, &str)]) -> Server {
    let mut env = vec![
        ("REDIS_URL", redis_url),
        ("REDIS_TIMEOUT_MS", "200"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
        ("API_KEYS", "mobile:replica-key-0123456789abcdef"),
        ("HMAC_KEYS", "backend:hmac-secret-0123456789abcdef"),
    ];
    env.extend_from_slice(extra);
    Server::start(&env)
}

async fn get(server: &Server, client_ip: &str) -> u16 {
    client()
        .get(server.url("/rtc/c/publisher/uid/1/"))
        .header("X-Forwarded-For", client_ip)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn get_with_key(server: &Server, client_ip: &str) -> (u16, serde_json::Value) {
    let response = client()
        .get(server.url("/rtc/c/publisher/uid/1/"))
        .header("X-Forwarded-For", client_ip)
        .bearer_auth(API_KEY)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or_default())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A signed `POST /getToken`, as a backend sends it: headers and body.
struct Signed {
    timestamp: String,
    nonce: String,
    signature: String,
    body: String,
}

fn signed(nonce: &str) -> Signed {
    let body = json!({"tokenType": "rtc", "channel": "signed", "uid": "5", "role": "publisher"}).to_string();
    let timestamp = agora_token::clock::now().unwrap().to_string();
    let canonical = format!("POST\n/getToken\n{timestamp}\n{nonce}\n{}", hex(&Sha256::digest(body.as_bytes())));
    let mut mac = Hmac::<Sha256>::new_from_slice(HMAC_SECRET.as_bytes()).unwrap();
    mac.update(canonical.as_bytes());
    Signed { timestamp, nonce: nonce.to_owned(), signature: hex(&mac.finalize().into_bytes()), body }
}

async fn send_signed(server: &Server, request: &Signed) -> (u16, serde_json::Value) {
    let response = client()
        .post(server.url("/getToken"))
        .header("Content-Type", "application/json")
        .header("X-Auth-Key", "backend")
        .header("X-Auth-Timestamp", &request.timestamp)
        .header("X-Auth-Nonce", &request.nonce)
        .header("X-Auth-Signature", &request.signature)
        .body(request.body.clone())
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap_or_default())
}

async fn metrics(server: &Server) -> String {
    client().get(server.url("/metrics")).send().await.unwrap().text().await.unwrap()
}

#[tokio::test]
async fn two_replicas_share_one_rate_limit_and_one_replay_cache() {
    let redis = Redis::start();
    let limits = [("RATE_LIMIT_PER_IP", "60"), ("RATE_LIMIT_PER_CALLER", "60"), ("RATE_LIMIT_BURST", "6")];
    let (a, b) = (replica(&redis.url(), &limits), replica(&redis.url(), &limits));

    // One client IP, alternating replicas: the burst of 6 is spent once, not once per replica.
    let mut statuses = Vec::new();
    for i in 0..8 {
        statuses.push(get(if i % 2 == 0 { &a } else { &b }, "203.0.113.7").await);
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 429, 429], "combined per-IP limit");
    assert_eq!(get(&b, "203.0.113.8").await, 200, "another client has its own bucket");

    // One API key from many IPs, alternating replicas: the per-caller limit is shared too.
    let mut statuses = Vec::new();
    for i in 0..8u8 {
        statuses.push(get_with_key(if i % 2 == 0 { &a } else { &b }, &format!("198.51.100.{i}")).await.0);
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 429, 429], "combined per-caller limit");

    // A signed request used on one replica is refused on the other.
    let request = signed("replica-nonce-0001");
    let (status, body) = send_signed(&a, &request).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = send_signed(&b, &request).await;
    assert_eq!((status, body["kind"].as_str()), (401, Some("replayed_request")), "{body}");
    assert_eq!(send_signed(&b, &signed("replica-nonce-0002")).await.0, 200);

    let text = metrics(&a).await;
    assert_eq!(metric(&text, "agora_token_server_redis_up"), 1, "{text}");
    assert_eq!(metric(&text, "agora_token_server_redis_errors_total{op=\"rate_limit\"}"), 0, "{text}");
    assert!(a.output().contains("redis: connected"), "{}", a.output());

    // The same two replicas without Redis: each has its own buckets (what Redis fixes).
    let (c, d) = (
        Server::start(&[("TRUSTED_PROXIES", "127.0.0.1"), limits[0], limits[2]]),
        Server::start(&[("TRUSTED_PROXIES", "127.0.0.1"), limits[0], limits[2]]),
    );
    let mut ok = 0;
    for i in 0..8 {
        ok += usize::from(get(if i % 2 == 0 { &c } else { &d }, "203.0.113.7").await == 200);
    }
    assert_eq!(ok, 8, "per-replica buckets allow the burst on each replica");
}

#[tokio::test]
async fn redis_dying_mid_run_follows_the_failure_mode_and_recovers() {
    let redis = Redis::start();
    let url = redis.url();
    let open = replica(&url, &[("REDIS_FAILURE_MODE", "open"), ("RATE_LIMIT_PER_IP", "60"), ("RATE_LIMIT_BURST", "3")]);
    // Closed mode, with the caller limit and the replay cache in Redis (no IP limit, so
    // signed requests reach the replay cache).
    let closed = replica(
        &url,
        &[("REDIS_FAILURE_MODE", "closed"), ("RATE_LIMIT_PER_IP", "0"), ("RATE_LIMIT_PER_CALLER", "600")],
    );
    assert_eq!(get(&open, "203.0.113.1").await, 200);
    assert_eq!(get_with_key(&closed, "203.0.113.1").await.0, 200);
    assert_eq!(send_signed(&closed, &signed("before-kill-0001")).await.0, 200);

    let port = redis.kill();

    // open: served with this replica's own buckets (whose limit still applies) and replay cache.
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(get(&open, "203.0.113.2").await);
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429], "local buckets while Redis is away");
    let request = signed("during-outage-0001");
    assert_eq!(send_signed(&open, &request).await.0, 200);
    let (status, body) = send_signed(&open, &request).await;
    assert_eq!((status, body["kind"].as_str()), (401, Some("replayed_request")), "local replay cache: {body}");

    // closed: 503 with Retry-After for the rate limiter and for the replay cache.
    let (status, body) = get_with_key(&closed, "203.0.113.3").await;
    assert_eq!((status, body["kind"].as_str()), (503, Some("rate_limiter_unavailable")), "{body}");
    let (status, body) = send_signed(&closed, &signed("during-outage-0002")).await;
    assert_eq!((status, body["kind"].as_str()), (503, Some("replay_cache_unavailable")), "{body}");

    for (server, outcome) in [(&open, "served"), (&closed, "refused")] {
        let text = metrics(server).await;
        assert_eq!(metric(&text, "agora_token_server_redis_up"), 0, "{text}");
        assert!(
            metric(&text, &format!("agora_token_server_redis_unavailable_total{{outcome=\"{outcome}\"}}")) >= 2,
            "{text}"
        );
        let errors = metric(&text, "agora_token_server_redis_errors_total{op=\"rate_limit\"}")
            + metric(&text, "agora_token_server_redis_errors_total{op=\"nonce\"}");
        assert!(errors >= 1, "{text}");
        assert_eq!(server.output().matches("redis: unreachable").count(), 1, "one warning per outage");
    }

    // Redis comes back on the same port: after the one-second pause, replicas share again.
    let _redis = Redis::start_on(port);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(get_with_key(&closed, "203.0.113.3").await.0, 200);
    assert_eq!(metric(&metrics(&closed).await, "agora_token_server_redis_up"), 1);
    assert!(closed.output().contains("redis: reachable again"), "{}", closed.output());
}

#[test]
fn redis_settings_are_validated_without_echoing_the_password() {
    let (status, output) = Server::start_with(
        &[],
        &[("REDIS_URL", "mongodb://user:s3cret-pw@db/"), ("REDIS_FAILURE_MODE", "sometimes"), ("REDIS_POOL_SIZE", "0")],
    )
    .err()
    .expect("must not start");
    assert_eq!(status.and_then(|s| s.code()), Some(2), "{output}");
    for needle in ["REDIS_URL", "REDIS_FAILURE_MODE", "REDIS_POOL_SIZE"] {
        assert!(output.contains(needle), "{needle} missing from:\n{output}");
    }
    assert!(!output.contains("s3cret-pw"), "{output}");
}
