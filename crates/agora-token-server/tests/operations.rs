//! Health, readiness, metrics, the OpenAPI document, and graceful shutdown under load.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::*;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[tokio::test]
async fn health_readiness_and_prometheus_metrics() {
    let server = Server::start(&[]);
    assert_eq!(get_json(&server.url("/healthz")).await, (200, json!({"status": "ok"})));
    assert_eq!(get_json(&server.url("/readyz")).await, (200, json!({"status": "ready"})));
    for _ in 0..3 {
        get_json(&server.url("/rtc/c/publisher/uid/1/")).await;
    }
    get_json(&server.url("/rtc/c/publisher/uid/x/")).await;
    let response = client().get(server.url("/metrics")).send().await.unwrap();
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = response.text().await.unwrap();
    for line in [
        "agora_token_server_requests_total{route=\"/rtc/{channel}/{role}/{tokenType}/{uid}/\",status=\"200\"} 3",
        "agora_token_server_requests_total{route=\"/rtc/{channel}/{role}/{tokenType}/{uid}/\",status=\"400\"} 1",
        "agora_token_server_tokens_issued_total{kind=\"rtc\",role=\"publisher\"} 3",
        "agora_token_server_request_duration_seconds_count{route=\"/rtc/{channel}/{role}/{tokenType}/{uid}/\"} 4",
        "agora_token_server_ready 1",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

/// Every route the surveyed clients call (token-servers.md sections 2 and 4, the Chat docs).
/// `{tokenType}` is documented per spelling (`uid` takes a number, `userAccount` any text).
const CLIENT_ROUTES: [(&str, &str); 23] = [
    ("get", "/rtc/{channel}/{role}/uid/{uid}"),
    ("get", "/rtc/{channel}/{role}/uid/{uid}/"),
    ("get", "/rtc/{channel}/{role}/userAccount/{uid}/"),
    ("get", "/rtm/{uid}"),
    ("get", "/rtm/{uid}/"),
    ("get", "/rte/{channel}/{role}/uid/{uid}/"),
    ("get", "/rte/{channel}/{role}/userAccount/{uid}/"),
    ("get", "/rte/{channel}/{role}/uid/{uid}/{rtmUid}/"),
    ("get", "/chat/app/"),
    ("get", "/chat/account/{chatId}/"),
    ("post", "/getToken"),
    ("get", "/ping"),
    ("post", "/token/generate"),
    ("post", "/token/getNew"),
    ("post", "/fetch_rtc_token"),
    ("get", "/rtcToken"),
    ("get", "/rtmToken"),
    ("get", "/access_token"),
    ("post", "/generate-user-token"),
    ("post", "/generate-app-token"),
    ("get", "/api/token/generateUserToken"),
    ("get", "/api/generate-agora-token"),
    ("get", "/v1/token"),
];

fn fill(template: &str) -> String {
    template
        .replace("{channel}", "c")
        .replace("{role}", "publisher")
        .replace("{tokenType}", "uid")
        .replace("{uid}", "1")
        .replace("{rtmUid}", "r")
        .replace("{chatId}", "u")
        .replace("{file}", "index.html")
}

#[tokio::test]
async fn openapi_documents_every_route_and_every_documented_route_is_served() {
    // The token debugger page is served only when its files are found (tests/inspect.rs).
    let page = std::env::temp_dir().join(format!("agora-openapi-page-{}", std::process::id()));
    std::fs::create_dir_all(&page).unwrap();
    for file in ["index.html", "inspect.mjs", "style.css", "agora-token-api.mjs", "agora_token.wasm"] {
        std::fs::write(page.join(file), file).unwrap();
    }
    let server = Server::start(&[("INSPECT_DIR", page.to_str().unwrap())]);
    let (status, doc) = get_json(&server.url("/openapi.json")).await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let documented: BTreeSet<(String, String)> = paths
        .iter()
        .flat_map(|(path, item)| item.as_object().unwrap().keys().map(move |m| (m.clone(), path.clone())))
        .collect();
    for (method, path) in CLIENT_ROUTES {
        assert!(documented.contains(&(method.to_owned(), path.to_owned())), "{method} {path} is not documented");
    }
    for path in ["/healthz", "/readyz", "/metrics", "/openapi.json", "/", "/api/token/generateAppToken"] {
        assert!(paths.contains_key(path), "{path}");
    }
    // Each documented operation is served (not 404/405) and token routes declare security.
    for (method, path) in &documented {
        let url = server.url(&fill(path));
        let request = if method == "post" { client().post(&url).json(&json!({})) } else { client().get(&url) };
        let status = request.send().await.unwrap().status().as_u16();
        assert!(status == 200 || status == 400, "{method} {path} answered {status}");
        let operation = &paths[path][method];
        let base = match path.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        let is_token_route = !["/", "/ping", "/healthz", "/readyz", "/metrics", "/openapi.json"].contains(&base)
            && !base.starts_with("/inspect");
        assert_eq!(operation.get("security").is_some(), is_token_route, "{method} {path}");
    }
    assert_eq!(
        client().get(server.url("/not/a/route")).send().await.unwrap().status(),
        404,
        "the check above can fail"
    );
}

#[tokio::test]
async fn options_lists_the_methods_of_the_path_before_authentication() {
    // API keys configured and no credentials sent: a browser preflight must still succeed.
    let server = Server::start(&[("OPEN_ACCESS", ""), ("API_KEYS", "web:web-key-0123456789abcdef012")]);
    let options = |path: &str| client().request(reqwest::Method::OPTIONS, server.url(path)).send();
    for (path, allow) in [
        ("/rtc/c/publisher/uid/1/", "GET, HEAD, OPTIONS"),
        ("/rtc//publisher/userAccount/bob", "GET, HEAD, OPTIONS"),
        ("/getToken", "POST, OPTIONS"),
        ("/token/generate/", "POST, OPTIONS"),
        ("/healthz", "GET, HEAD, OPTIONS"),
        ("/", "GET, HEAD, OPTIONS"),
    ] {
        let response = options(path).await.unwrap();
        assert_eq!(response.status(), 204, "{path}");
        assert_eq!(response.headers()["allow"], allow, "{path}");
    }
    assert_eq!(options("/not/a/route").await.unwrap().status(), 404);
    // The methods it does not list are refused, naming the ones it serves.
    let put =
        client().put(server.url("/getToken")).header("X-API-Key", "web-key-0123456789abcdef012").send().await.unwrap();
    assert_eq!(put.status(), 405);
    assert_eq!(put.headers()["allow"], "POST, OPTIONS");
}

/// Opens a POST whose body is only half sent: a request the server is serving.
async fn start_slow_upload(base: &str, body: &str) -> (TcpStream, String) {
    let addr = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let (first, second) = body.split_at(body.len() / 2);
    let head = format!(
        "POST /getToken HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{first}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    (stream, second.to_owned())
}

async fn finish_upload(mut stream: TcpStream, rest: String) -> String {
    stream.write_all(rest.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn sigterm_under_load_finishes_in_flight_requests() {
    let mut server = Server::start(&[("SHUTDOWN_DELAY_SECS", "1")]);
    let stop = Arc::new(AtomicBool::new(false));
    let signalled = Arc::new(AtomicBool::new(false));
    let (ok, ok_after_signal, bad_status) =
        (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut load = Vec::new();
    for _ in 0..8 {
        let (url, stop, signalled) = (server.url("/rtc/load/publisher/uid/1/"), stop.clone(), signalled.clone());
        let (ok, ok_after_signal, bad_status) = (ok.clone(), ok_after_signal.clone(), bad_status.clone());
        load.push(tokio::spawn(async move {
            let client = client();
            while !stop.load(Ordering::Relaxed) {
                match client.get(&url).send().await {
                    // Every answer the server gives is a complete, valid token.
                    Ok(response) if response.status() == 200 => {
                        let body: serde_json::Value = response.json().await.unwrap();
                        assert_rtc(body["rtcToken"].as_str().unwrap(), "load", "1", true, 3600);
                        ok.fetch_add(1, Ordering::Relaxed);
                        if signalled.load(Ordering::Relaxed) {
                            ok_after_signal.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Ok(_) => {
                        bad_status.fetch_add(1, Ordering::Relaxed);
                    }
                    // After the listener closes, new connections are refused: expected.
                    Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    let body = json!({"tokenType": "rtc", "channel": "slow", "uid": "7", "role": "publisher"}).to_string();
    let mut uploads = Vec::new();
    for _ in 0..3 {
        uploads.push(start_slow_upload(&server.base, &body).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.signal("TERM");
    signalled.store(true, Ordering::Relaxed);

    // During the shutdown delay (1 s): still serving, but not ready.
    let mut readiness = get_json(&server.url("/readyz")).await;
    for _ in 0..20 {
        if readiness.0 == 503 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
        readiness = get_json(&server.url("/readyz")).await;
    }
    assert_eq!(readiness, (503, json!({"status": "draining"})));
    // After the delay the listener closes, but the half-uploaded requests keep the process alive.
    let mut refused = false;
    for _ in 0..60 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        if client().get(server.url("/healthz")).send().await.is_err() {
            refused = true;
            break;
        }
    }
    assert!(refused, "the listener closes after the shutdown delay");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        server.wait_exit(Duration::from_millis(10)).is_none(),
        "exited with requests in flight:\n{}",
        server.output()
    );

    for (stream, rest) in uploads {
        let response = finish_upload(stream, rest).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        let json_start = response.find("{\"token\"").unwrap();
        let body: serde_json::Value = serde_json::from_str(&response[json_start..]).unwrap();
        assert_rtc(body["token"].as_str().unwrap(), "slow", "7", true, 3600);
    }
    let status = server.wait_exit(Duration::from_secs(10)).expect("exits once drained");
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await.unwrap();
    }
    assert!(status.success(), "{status:?}\n{}", server.output());
    let output = server.output();
    assert!(output.contains("shutdown requested: draining") && output.contains("\"signal\":\"SIGTERM\""), "{output}");
    assert!(output.contains("drained: every in-flight request finished"), "{output}");
    assert!(
        ok.load(Ordering::Relaxed) > 0 && ok_after_signal.load(Ordering::Relaxed) > 0,
        "load ran before and after the signal"
    );
    assert_eq!(bad_status.load(Ordering::Relaxed), 0, "no request got an error status");
}

#[tokio::test]
async fn sigint_drains_too_and_a_stuck_request_hits_the_drain_timeout() {
    let mut server = Server::start(&[]);
    get_json(&server.url("/ping")).await;
    server.signal("INT");
    assert!(server.wait_exit(Duration::from_secs(10)).expect("exits").success());
    assert!(server.output().contains("\"signal\":\"SIGINT\""));

    let mut stuck = Server::start(&[("SHUTDOWN_TIMEOUT_SECS", "1")]);
    let (_stream, _rest) = start_slow_upload(&stuck.base, "{\"tokenType\":\"chat\"}").await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    stuck.signal("TERM");
    let status = stuck.wait_exit(Duration::from_secs(10)).expect("exits after the timeout");
    assert_eq!(status.code(), Some(1));
    assert!(stuck.output().contains("drain timed out after 1 s with 1 requests in flight"), "{}", stuck.output());
}

#[test]
fn healthcheck_flag_for_container_images() {
    let server = Server::start(&[]);
    let port = server.base.rsplit(':').next().unwrap().to_owned();
    let check = |port: &str| {
        std::process::Command::new(BIN).arg("--healthcheck").env_clear().env("PORT", port).output().unwrap()
    };
    assert!(check(&port).status.success());
    drop(server);
    let down = check(&port);
    assert_eq!(down.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&down.stderr).contains("no server answers"));
}
