//! The token debugger page at `/inspect`: served from INSPECT_DIR, off with INSPECT_PAGE=off,
//! a start-up error when asked for and missing. (The page itself is tested in headless
//! Chromium by scripts/test-wasm.sh, through this route.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::PathBuf;

use common::*;

const FILES: [&str; 5] = ["index.html", "inspect.mjs", "style.css", "agora-token-api.mjs", "agora_token.wasm"];

fn page_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agora-inspect-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for file in FILES {
        std::fs::write(dir.join(file), format!("contents of {file}")).unwrap();
    }
    dir
}

fn no_redirects() -> reqwest::Client {
    let _ = client();
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

#[tokio::test]
async fn serves_the_page_files_with_their_types_and_a_strict_policy() {
    let dir = page_dir("on");
    let server = Server::start(&[("INSPECT_DIR", dir.to_str().unwrap())]);

    let redirect = no_redirects().get(server.url("/inspect")).send().await.unwrap();
    assert_eq!(redirect.status().as_u16(), 308);
    assert_eq!(redirect.headers()["location"], "/inspect/");

    let index = client().get(server.url("/inspect/")).send().await.unwrap();
    assert_eq!(index.status().as_u16(), 200);
    assert_eq!(index.headers()["content-type"], "text/html; charset=utf-8");
    let policy = index.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"), "{policy}");
    assert_eq!(index.text().await.unwrap(), "contents of index.html");

    for (file, content_type) in
        [("agora_token.wasm", "application/wasm"), ("inspect.mjs", "text/javascript; charset=utf-8")]
    {
        let response = client().get(server.url(&format!("/inspect/{file}"))).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200, "{file}");
        assert_eq!(response.headers()["content-type"], content_type);
        assert_eq!(response.text().await.unwrap(), format!("contents of {file}"));
    }
    // Only the page's own names: nothing else under the directory, no path traversal.
    std::fs::write(dir.join("secret.txt"), "secret").unwrap();
    for path in ["/inspect/secret.txt", "/inspect/..%2Fsecret.txt", "/inspect/%2Fetc%2Fpasswd"] {
        let (status, body) = get_json(&server.url(path)).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn inspect_page_off_turns_it_off() {
    let dir = page_dir("off");
    let server = Server::start(&[("INSPECT_DIR", dir.to_str().unwrap()), ("INSPECT_PAGE", "off")]);
    for path in ["/inspect", "/inspect/", "/inspect/index.html"] {
        let (status, body) = get_json(&server.url(path)).await;
        assert_eq!(status, 404, "{path}");
        assert!(body["message"].as_str().unwrap().contains("INSPECT_PAGE=off"), "{body}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn missing_files_are_a_start_up_error_only_when_asked_for() {
    let missing = std::env::temp_dir().join("agora-inspect-missing-dir");
    let (_, output) = Server::start_with(&[], &[("INSPECT_DIR", missing.to_str().unwrap())]).err().unwrap();
    assert!(output.contains("INSPECT_DIR") && output.contains("index.html"), "{output}");

    // No INSPECT_DIR and no ./web: the server starts and the page is off.
    let server = Server::start(&[]);
    assert_eq!(get_json(&server.url("/inspect/")).await.0, 404);
}
