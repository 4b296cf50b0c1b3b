//! The agora-token-service routes, called the way the UI kits and docs samples call them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use agora_token::{RtcPrivilege, RtmPrivilege, Service};
use common::*;
use serde_json::json;

#[tokio::test]
async fn ui_kits_rtc_route_with_and_without_trailing_slash() {
    let server = Server::start(&[]);
    // VideoUIKit-Android / iOS / Web-React: trailing slash; Flutter / React Native: none.
    for path in ["/rtc/my-channel/publisher/uid/1234/", "/rtc/my-channel/publisher/uid/1234"] {
        let response = client().get(server.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}: served directly, no redirect");
        assert_eq!(response.headers()["cache-control"], "private, no-cache, no-store, must-revalidate");
        let body: serde_json::Value = response.json().await.unwrap();
        let token = body["rtcToken"].as_str().unwrap();
        assert_rtc(token, "my-channel", "1234", true, 3600);
        assert_eq!(body["channel"], "my-channel");
        assert_eq!(body["uid"], 1234);
        assert_eq!(body["role"], "publisher");
        assert_eq!(body["expiresAt"].as_u64().unwrap(), payload(token).expires_at());
    }
}

#[tokio::test]
async fn docs_samples_roles_as_numbers_and_words() {
    let server = Server::start(&[]);
    // Android docs sample: role 1/2 (CLIENT_ROLE_BROADCASTER/AUDIENCE), expiry 40, Content-Type json on a GET.
    let response = client()
        .get(server.url("/rtc/room/1/uid/7/?expiry=40"))
        .header("Content-Type", "application/json")
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_rtc(body["rtcToken"].as_str().unwrap(), "room", "7", true, 40);
    // Flutter docs sample: no slash before the query.
    let (status, body) = get_json(&server.url("/rtc/room/2/uid/7?expiry=45")).await;
    assert_eq!(status, 200);
    assert_rtc(body["rtcToken"].as_str().unwrap(), "room", "7", false, 45);
    for (role, publisher) in [("host", true), ("subscriber", false), ("audience", false), ("Publisher", true)] {
        let (status, body) = get_json(&server.url(&format!("/rtc/room/{role}/uid/7/"))).await;
        assert_eq!(status, 200, "{role}");
        assert_rtc(body["rtcToken"].as_str().unwrap(), "room", "7", publisher, 3600);
    }
}

#[tokio::test]
async fn uids_accounts_wildcards_and_android_negative_uids() {
    let server = Server::start(&[]);
    // Kotlin Int uid for 3000000000 arrives as -1294967296.
    let (_, body) = get_json(&server.url("/rtc/c/publisher/uid/-1294967296/")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "3000000000", true, 3600);
    assert_eq!(body["uid"], 3_000_000_000u64);
    // uid 0: any user (packed as "").
    let (_, body) = get_json(&server.url("/rtc/c/publisher/uid/0/")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "", true, 3600);
    // userAccount: the string as is, "0" included.
    let (_, body) = get_json(&server.url("/rtc/c/subscriber/userAccount/0/")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "0", false, 3600);
    let (_, body) = get_json(&server.url("/rtc/c/publisher/userAccount/alice")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "alice", true, 3600);
    // Channel names are percent-decoded (the iOS kit does not encode; browsers do).
    let (_, body) = get_json(&server.url("/rtc/my%20room%23%3F/publisher/uid/5/")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "my room#?", "5", true, 3600);
}

#[tokio::test]
async fn expiry_defaults_and_is_capped_at_24_hours() {
    let server = Server::start(&[]);
    let (_, body) = get_json(&server.url("/rtc/c/publisher/uid/1/?expiry=0")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "1", true, 3600);
    let (_, body) = get_json(&server.url("/rtc/c/publisher/uid/1/?expiry=999999999")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "1", true, 86_400);
    let capped = Server::start(&[("MAX_EXPIRY_SECS", "600"), ("DEFAULT_EXPIRY_SECS", "300")]);
    let (_, body) = get_json(&capped.url("/rtc/c/publisher/uid/1/")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "1", true, 300);
    let (_, body) = get_json(&capped.url("/rtc/c/publisher/uid/1/?expiry=3600")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "c", "1", true, 600);
}

#[tokio::test]
async fn rtm_route_as_the_kits_call_it() {
    let server = Server::start(&[]);
    // All kits: GET {tokenUrl}/rtm/{rtmId} without a slash; a UUID id from iOS.
    for path in ["/rtm/Ab3dE9xK2q", "/rtm/1B2C3D4E-0000-4000-8000-ABCDEFABCDEF/"] {
        let (status, body) = get_json(&server.url(path)).await;
        assert_eq!(status, 200);
        let p = payload(body["rtmToken"].as_str().unwrap());
        let [Service::Rtm(rtm)] = p.services() else { panic!("{p:?}") };
        assert_eq!(rtm.user_id, path.trim_start_matches("/rtm/").trim_end_matches('/'));
        assert_eq!(rtm.privileges.get(RtmPrivilege::Login), Some(3600));
    }
    let (status, body) = get_json(&server.url("/rtm/0")).await;
    assert_eq!(status, 400);
    assert_eq!(body["message"], "Error Generating RTM token: invalid RTM User ID: \"0\"");
}

#[tokio::test]
async fn rte_routes_give_rtc_and_stream_channel_rtm_tokens() {
    let server = Server::start(&[]);
    // Unity helper: GET {url}/rte/{channel}/{role}/uid/{uid}/?expiry={s}
    let (status, body) = get_json(&server.url("/rte/game/publisher/uid/42/?expiry=120")).await;
    assert_eq!(status, 200);
    assert_rtc(body["rtcToken"].as_str().unwrap(), "game", "42", true, 120);
    let p = payload(body["rtmToken"].as_str().unwrap());
    let [Service::Rtc(stream), Service::Rtm(rtm)] = p.services() else { panic!("{p:?}") };
    assert_eq!((stream.channel_name.as_str(), stream.uid.as_str()), ("game", "42"));
    assert_eq!(stream.privileges.get(RtcPrivilege::JoinChannel), Some(120));
    assert_eq!(stream.privileges.get(RtcPrivilege::PublishDataStream), Some(120));
    assert_eq!(stream.privileges.get(RtcPrivilege::PublishVideoStream), None);
    assert_eq!(rtm.user_id, "42");
    // Separate RTM id.
    let (_, body) = get_json(&server.url("/rte/game/subscriber/uid/42/player-one")).await;
    assert_rtc(body["rtcToken"].as_str().unwrap(), "game", "42", false, 3600);
    let p = payload(body["rtmToken"].as_str().unwrap());
    assert!(p.services().iter().any(|s| matches!(s, Service::Rtm(r) if r.user_id == "player-one")));
    // uid 0 and no RTM id: refused as agora-token-service does.
    let (status, _) = get_json(&server.url("/rte/game/publisher/uid/0/")).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn chat_routes() {
    let server = Server::start(&[]);
    let (_, body) = get_json(&server.url("/chat/app/?expiry=600")).await;
    let p = payload(body["chatToken"].as_str().unwrap());
    let [Service::Chat(chat)] = p.services() else { panic!("{p:?}") };
    assert_eq!(chat.user_id, "");
    assert_eq!(chat.privileges.get(agora_token::ChatPrivilege::App), Some(600));
    let (_, body) = get_json(&server.url("/chat/account/user-9")).await;
    let p = payload(body["chatToken"].as_str().unwrap());
    let [Service::Chat(chat)] = p.services() else { panic!("{p:?}") };
    assert_eq!(chat.user_id, "user-9");
    assert_eq!(chat.privileges.get(agora_token::ChatPrivilege::User), Some(3600));
    assert_eq!(client().get(server.url("/chat/account/")).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn get_token_and_middleware_get_new() {
    let server = Server::start(&[]);
    for route in ["/getToken", "/token/getNew"] {
        // As seen in app code: with a number uid and 24 h expiry.
        let (status, body) = post_json(
            &server.url(route),
            json!({"tokenType": "rtc", "channel": "c", "role": "publisher", "uid": 77, "expire": 86400}),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_rtc(body["token"].as_str().unwrap(), "c", "77", true, 86_400);
        let (_, body) = post_json(&server.url(route), json!({"tokenType": "rtc", "channel": "c", "uid": "bob"})).await;
        assert_rtc(body["token"].as_str().unwrap(), "c", "bob", false, 3600);
        let (_, body) = post_json(&server.url(route), json!({"tokenType": "rtm", "uid": "bob", "channel": "*"})).await;
        let p = payload(body["token"].as_str().unwrap());
        assert!(matches!(&p.services()[0], Service::Rtc(r) if r.channel_name == "*" && r.uid == "bob"));
        let (_, body) = post_json(&server.url(route), json!({"tokenType": "chat"})).await;
        assert!(
            matches!(&payload(body["token"].as_str().unwrap()).services()[0], Service::Chat(c) if c.user_id.is_empty())
        );
        let (status, body) = post_json(&server.url(route), json!({"tokenType": "rtc", "uid": "1"})).await;
        assert_eq!((status, body["error"].as_str().unwrap()), (400, "invalid: missing channel name"));
    }
}

#[tokio::test]
async fn ping_and_landing_page() {
    let server = Server::start(&[]);
    assert_eq!(get_json(&server.url("/ping")).await, (200, json!({"message": "pong"})));
    let (status, body) = get_json(&server.url("/")).await;
    assert_eq!(status, 200);
    assert_eq!(body["docs"], "/openapi.json");
}
