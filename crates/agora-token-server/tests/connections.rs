//! Slow and idle clients: the header read timeout, the idle keep-alive timeout and the
//! connection cap, against a bounded slowloris on loopback. Timeouts are one or two seconds
//! here so the tests stay short; nothing checks how fast anything is.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use std::time::{Duration, Instant};

use common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SLOW_CONNECTIONS: usize = 40;
/// The slowloris gives up after this long whatever happens: the test is bounded.
const ATTACK_LIMIT: Duration = Duration::from_secs(8);

async fn metrics(server: &Server) -> String {
    client().get(server.url("/metrics")).send().await.unwrap().text().await.unwrap()
}

/// One slowloris connection: a request line and a header, then one more header byte every
/// 200 ms, never the blank line that ends the headers. Returns whether the server closed it
/// (within the attack limit).
async fn slowloris(addr: String) -> bool {
    let Ok(mut stream) = TcpStream::connect(&addr).await else { return false };
    let started = Instant::now();
    if stream
        .write_all(format!("GET /rtc/c/publisher/uid/1/ HTTP/1.1\r\nHost: {addr}\r\nX-Slow: ").as_bytes())
        .await
        .is_err()
    {
        return true;
    }
    let mut buf = [0u8; 256];
    while started.elapsed() < ATTACK_LIMIT {
        if stream.write_all(b"a").await.is_err() {
            return true;
        }
        match tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => panic!("the server answered a request whose headers never ended"),
            Err(_) => {}
        }
    }
    false
}

#[tokio::test]
async fn slowloris_connections_are_closed_while_normal_requests_are_answered() {
    let server =
        Server::start(&[("HEADER_READ_TIMEOUT_SECS", "1"), ("IDLE_TIMEOUT_SECS", "5"), ("MAX_CONNECTIONS", "64")]);
    let addr = server.base.trim_start_matches("http://").to_owned();
    let attackers: Vec<_> = (0..SLOW_CONNECTIONS).map(|_| tokio::spawn(slowloris(addr.clone()))).collect();

    // Normal traffic during the attack, on one keep-alive client.
    let client = client();
    let mut answered = 0;
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2) {
        let response = client.get(server.url("/rtc/c/publisher/uid/1/")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "1", true, 3600);
        answered += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(answered >= 10, "normal requests kept being answered: {answered}");

    let mut closed = 0;
    for attacker in attackers {
        closed += usize::from(attacker.await.unwrap());
    }
    assert_eq!(closed, SLOW_CONNECTIONS, "every slow connection is closed by the server");
    let text = metrics(&server).await;
    assert_eq!(
        metric(&text, "agora_token_server_connections_closed_slow_total{reason=\"header_timeout\"}"),
        SLOW_CONNECTIONS as u64,
        "{text}"
    );
    assert!(text.contains("agora_token_server_connections_open "), "{text}");
}

#[tokio::test]
async fn idle_keep_alive_and_silent_connections_are_closed() {
    let server = Server::start(&[("HEADER_READ_TIMEOUT_SECS", "1"), ("IDLE_TIMEOUT_SECS", "2")]);
    let addr = server.base.trim_start_matches("http://").to_owned();

    // A connection that never sends anything is held to the header timeout, as nginx does.
    let mut silent = TcpStream::connect(&addr).await.unwrap();
    // A keep-alive connection: one request, then idle.
    let mut idle = TcpStream::connect(&addr).await.unwrap();
    idle.write_all(format!("GET /ping HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = idle.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"), "{}", String::from_utf8_lossy(&buf[..n]));

    // A second request on the same connection before the idle timeout is served: the idle
    // clock restarts after each response and the header clock at the request's first byte.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    idle.write_all(format!("GET /ping HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes()).await.unwrap();
    let n = idle.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));

    for stream in [&mut silent, &mut idle] {
        let end = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf)).await;
        assert!(matches!(end, Ok(Ok(0) | Err(_))), "closed by the server: {end:?}");
    }
    let text = metrics(&server).await;
    assert_eq!(
        metric(&text, "agora_token_server_connections_closed_slow_total{reason=\"header_timeout\"}"),
        1,
        "{text}"
    );
    assert_eq!(metric(&text, "agora_token_server_connections_closed_slow_total{reason=\"idle_timeout\"}"), 1, "{text}");
}

#[tokio::test]
async fn at_the_connection_cap_new_clients_wait_for_a_free_slot() {
    let server = Server::start(&[("HEADER_READ_TIMEOUT_SECS", "1"), ("MAX_CONNECTIONS", "4")]);
    let addr = server.base.trim_start_matches("http://").to_owned();
    // Four connections that send half a request fill the server.
    let mut held = Vec::new();
    for _ in 0..4 {
        let mut stream = TcpStream::connect(&addr).await.unwrap();
        stream.write_all(b"GET /ping HTTP/1.1\r\n").await.unwrap();
        held.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The fifth is accepted only when the header timeout frees a slot, then answered.
    let response = client().get(server.url("/rtc/c/publisher/uid/1/")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut buf = [0u8; 64];
    for stream in &mut held {
        let end = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf)).await;
        assert!(matches!(end, Ok(Ok(0) | Err(_))), "{end:?}");
    }
    let text = metrics(&server).await;
    assert!(metric(&text, "agora_token_server_connection_limit_reached_total") >= 1, "{text}");
    assert_eq!(
        metric(&text, "agora_token_server_connections_closed_slow_total{reason=\"header_timeout\"}"),
        4,
        "{text}"
    );
}

#[test]
fn connection_settings_are_validated() {
    let (status, output) = Server::start_with(
        &[],
        &[("MAX_CONNECTIONS", "0"), ("HEADER_READ_TIMEOUT_SECS", "0"), ("IDLE_TIMEOUT_SECS", "x")],
    )
    .err()
    .expect("must not start");
    assert_eq!(status.and_then(|s| s.code()), Some(2), "{output}");
    for needle in ["MAX_CONNECTIONS", "HEADER_READ_TIMEOUT_SECS", "IDLE_TIMEOUT_SECS"] {
        assert!(output.contains(needle), "{needle} missing from:\n{output}");
    }
}
