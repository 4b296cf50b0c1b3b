//! Wildcard tokens (issue 17, section 1): every request that asks for a token valid for any
//! channel or any user, on every route, is refused with 403 under
//! `OPEN_ACCESS=true POLICY_ALLOW_WILDCARDS=false`, and a JWT caller never gets one. The same
//! requests on a default server (wildcards allowed) succeed, and the core's wildcard predicate
//! (the one `explain` uses) finds a wildcard in what they return: the table is exactly the
//! requests that produce wildcard tokens.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::print_stdout)] // Test code.

mod common;

use agora_token::{wildcard, Service};
use common::*;
use serde_json::{json, Value};

const JWT_SECRET: &str = "jwt-secret-0123456789abcdef0123456789";

/// A request of the table: method, path and query, JSON body for POST.
struct Request {
    path: &'static str,
    body: Option<Value>,
}

const fn get(path: &'static str) -> Request {
    Request { path, body: None }
}

fn post(path: &'static str, body: Value) -> Request {
    Request { path, body: Some(body) }
}

impl Request {
    fn label(&self) -> String {
        match &self.body {
            None => format!("GET {}", self.path),
            Some(body) => format!("POST {} {body}", self.path),
        }
    }

    async fn send(&self, server: &Server, bearer: Option<&str>) -> (u16, String) {
        let url = server.url(self.path);
        let mut request = match &self.body {
            None => client().get(url),
            Some(body) => client().post(url).json(body),
        };
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }
}

/// Every request of the issue, then the same holes on the other routes and grants.
fn wildcard_requests() -> Vec<Request> {
    vec![
        // The seven requests of issue 17.
        get("/rtc/*/publisher/uid/5/"),
        get("/rtc/team-*/publisher/uid/5/"),
        get("/rtc//publisher/uid/5/"),
        get("/rtc/x/publisher/userAccount/*/"),
        get("/rtc/x/publisher/userAccount/0/"),
        post("/token/generate", json!({"channelName": "x", "uid": "", "serviceRtc": {"enable": true, "role": 1}})),
        post("/getToken", json!({"tokenType": "rtc", "channel": "*", "uid": "5"})),
        // uid 0 and user patterns on the UI kits' route.
        get("/rtc/x/publisher/uid/0/"),
        get("/rtc/x/subscriber/userAccount/guest-*"),
        // RTE: the channel (RTC and the RTM stream channel) and the RTM user id.
        get("/rte/*/publisher/uid/5/"),
        get("/rte/x/publisher/uid/5/*/"),
        get("/rte/x/publisher/userAccount/0/bob/"),
        // getToken / getNew: RTM stream channel, numeric uid 0.
        post("/getToken", json!({"tokenType": "rtm", "uid": "bob", "channel": "*"})),
        post("/getToken", json!({"tokenType": "rtm", "uid": "bob", "channel": "game-*"})),
        post("/token/getNew", json!({"tokenType": "rtc", "channel": "x", "uid": 0})),
        // agoracn: empty and pattern channels, RTM user "0", the Chat user.
        post("/token/generate", json!({"channelName": "", "uid": "5", "serviceRtc": {"enable": true}})),
        post("/token/generate", json!({"channelName": "a*", "uid": "5", "serviceRtc": {"enable": true}})),
        post("/token/generate", json!({"uid": "0", "serviceRtm": {"enable": true}})),
        post("/token/generate", json!({"serviceChat": {"enableUser": true, "userUuid": "*"}})),
        // Docs samples: absent uid means uid 0; patterns in channel and uid.
        post("/fetch_rtc_token", json!({"channelName": "x"})),
        get("/rtcToken?channelName=x"),
        get("/rtcToken?channelName=a*&uid=5"),
        get("/access_token?channel=x"),
        get("/access_token?channel=*&uid=5"),
        get("/access_token?channel=x&uid=*"),
        // Chat user ids.
        get("/chat/account/*"),
        post("/generate-user-token", json!({"user_uuid": "*"})),
        // The Conversational AI quickstart (uid 0 by default) and the AgoraIO/Tools Python sample (uid 0).
        get("/api/generate-agora-token"),
        get("/api/generate-agora-token?uid=5&channel=*"),
        get("/v1/token?channel_name=x"),
        get("/v1/token?channel_name=x*&uid=5"),
    ]
}

/// The same routes without a wildcard: still served when wildcards are off.
fn plain_requests() -> Vec<Request> {
    vec![
        get("/rtc/x/publisher/uid/5/"),
        get("/rtc/x/publisher/userAccount/00/"),
        get("/rte/x/publisher/uid/5/bob/"),
        post("/token/generate", json!({"channelName": "x", "uid": "5", "serviceRtc": {"enable": true, "role": 1}})),
        post("/getToken", json!({"tokenType": "rtc", "channel": "x", "uid": "5"})),
        post("/getToken", json!({"tokenType": "rtm", "uid": "bob", "channel": "x"})),
        post("/fetch_rtc_token", json!({"channelName": "x", "uid": 5})),
        get("/rtcToken?channelName=x&uid=5"),
        get("/access_token?channel=x&uid=5"),
        get("/chat/account/alice"),
        get("/api/generate-agora-token?uid=5&channel=x"),
        get("/v1/token?channel_name=x&uid=5"),
    ]
}

/// Every token string in a response body (JSON values starting with `007`, or a plain-text token).
fn tokens(body: &str) -> Vec<String> {
    fn walk(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::String(s) if s.starts_with("007") => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match serde_json::from_str::<Value>(body) {
        Ok(value) => walk(&value, &mut out),
        Err(_) if body.starts_with("007") => out.push(body.to_owned()),
        Err(_) => {}
    }
    out
}

/// Whether a token admits some channel or user beyond the one it names, by the core's predicate.
fn has_wildcard(token: &str) -> bool {
    payload(token).services().iter().any(|service| match service {
        Service::Rtc(rtc) => wildcard::is_wildcard_channel(&rtc.channel_name) || wildcard::is_wildcard_user(&rtc.uid),
        Service::Rtm(rtm) => wildcard::is_wildcard_user(&rtm.user_id),
        Service::Chat(chat) => !chat.user_id.is_empty() && wildcard::is_wildcard_user(&chat.user_id),
        _ => false,
    })
}

#[tokio::test]
async fn wildcard_requests_get_403_when_wildcards_are_off() {
    let server = Server::start(&[("POLICY_ALLOW_WILDCARDS", "false")]);
    let mut table = Vec::new();
    for request in wildcard_requests() {
        let (status, body) = request.send(&server, None).await;
        table.push(format!("{status}  {}", request.label()));
        assert_eq!(status, 403, "{}: {body}", request.label());
        assert!(body.contains("wildcard"), "{}: {body}", request.label());
        assert!(tokens(&body).is_empty(), "{}: {body}", request.label());
    }
    for request in plain_requests() {
        let (status, body) = request.send(&server, None).await;
        table.push(format!("{status}  {}", request.label()));
        assert_eq!(status, 200, "{}: {body}", request.label());
        assert!(tokens(&body).iter().all(|t| !has_wildcard(t)), "{}: {body}", request.label());
    }
    println!("OPEN_ACCESS=true POLICY_ALLOW_WILDCARDS=false\n{}", table.join("\n"));
}

#[tokio::test]
async fn the_table_is_exactly_the_requests_that_produce_wildcard_tokens() {
    // Default policy (wildcards allowed): each request is served and the token it returns
    // is one the core's wildcard predicate (the one `explain` matches with) calls a wildcard.
    let server = Server::start(&[]);
    for request in wildcard_requests() {
        let (status, body) = request.send(&server, None).await;
        assert_eq!(status, 200, "{}: {body}", request.label());
        let tokens = tokens(&body);
        assert!(!tokens.is_empty(), "{}: {body}", request.label());
        assert!(tokens.iter().any(|t| has_wildcard(t)), "{}: no wildcard in {body}", request.label());
    }
}

#[tokio::test]
async fn a_jwt_caller_never_gets_a_wildcard_even_where_they_are_allowed() {
    let server = Server::start(&[("OPEN_ACCESS", ""), ("JWT_SECRET", JWT_SECRET)]);
    // No uid claim, and a channels claim that the requested patterns lie inside.
    let token = jwt(JWT_SECRET, json!({"sub": "app-user", "channels": ["*"], "exp": in_an_hour()}));
    for request in wildcard_requests() {
        let (status, body) = request.send(&server, Some(&token)).await;
        assert_eq!(status, 403, "{}: {body}", request.label());
        assert!(body.contains("JWT"), "{}: {body}", request.label());
    }
    for request in plain_requests() {
        let (status, body) = request.send(&server, Some(&token)).await;
        assert_eq!(status, 200, "{}: {body}", request.label());
    }
}
