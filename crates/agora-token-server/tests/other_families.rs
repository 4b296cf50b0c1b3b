//! The agoracn/token API, the Agora docs samples and the Agora Chat docs servers, called
//! as their clients do.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

mod common;

use agora_token::{ApaasPrivilege, ChatPrivilege, FpaPrivilege, RtcPrivilege, RtmPrivilege, Service};
use common::*;
use serde_json::json;

#[tokio::test]
async fn agoracn_token_generate_combines_services() {
    let server = Server::start(&[]);
    // The curl example of AgoraIO/Tools go/docker/server.go.
    let body = json!({
        "channelName": "channel_name_test", "uid": "12345678", "tokenExpireTs": 3600, "privilegeExpireTs": 600,
        "serviceRtc": {"enable": true, "role": 1}, "serviceRtm": {"enable": true}
    });
    let (status, response) = post_json(&server.url("/token/generate"), body).await;
    assert_eq!(status, 200, "{response}");
    assert_eq!((response["code"].as_i64(), response["message"].as_str()), (Some(0), Some("Success")));
    let p = payload(response["data"]["token"].as_str().unwrap());
    assert_eq!(p.expire(), 3600);
    let [Service::Rtc(first_rtc), Service::Rtm(rtm)] = p.services() else { panic!("{p:?}") };
    assert_eq!((first_rtc.channel_name.as_str(), first_rtc.uid.as_str()), ("channel_name_test", "12345678"));
    assert_eq!(first_rtc.privileges.get(RtcPrivilege::PublishVideoStream), Some(600));
    assert_eq!(rtm.privileges.get(RtmPrivilege::Login), Some(3600));

    // The published image's serviceEducation, chat app + user, FPA; uid "0" stays "0".
    let body = json!({
        "uid": "0", "channelName": "c", "serviceRtc": {"enable": true}, "serviceFpa": {"enable": true},
        "serviceChat": {"enableUser": true, "enableApp": true, "userUuid": "chat-user"},
        "serviceEducation": {"enableUser": true, "userUuid": "edu-user"}
    });
    let (status, response) = post_json(&server.url("/token/generate"), body).await;
    assert_eq!(status, 200, "{response}");
    let p = payload(response["data"]["token"].as_str().unwrap());
    let rtc = rtc(&p);
    assert_eq!(rtc.uid, "0");
    assert_eq!(rtc.privileges.get(RtcPrivilege::PublishAudioStream), None, "role absent = subscriber");
    assert!(p
        .services()
        .iter()
        .any(|s| matches!(s, Service::Fpa(f) if f.privileges.get(FpaPrivilege::Login) == Some(0))));
    assert!(p.services().iter().any(
        |s| matches!(s, Service::Chat(c) if c.user_id == "chat-user" && c.privileges.get(ChatPrivilege::User).is_some())
    ));
    assert!(p.services().iter().any(
        |s| matches!(s, Service::Chat(c) if c.user_id.is_empty() && c.privileges.get(ChatPrivilege::App).is_some())
    ));
    assert!(p.services().iter().any(|s| matches!(s, Service::Apaas(a) if a.user_uuid == "edu-user" && a.role == -1 && a.privileges.get(ApaasPrivilege::User).is_some())));

    // Errors keep the envelope: -1 for bad JSON, -2 when nothing can be built.
    let response = client()
        .post(server.url("/token/generate"))
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let error: serde_json::Value = response.json().await.unwrap();
    assert_eq!((error["code"].as_i64(), error["data"].as_str()), (Some(-1), Some("")));
    let (status, error) = post_json(&server.url("/token/generate"), json!({"channelName": "c"})).await;
    assert_eq!((status, error["code"].as_i64()), (400, Some(-2)));
}

#[tokio::test]
async fn fetch_rtc_token_of_the_web_guide() {
    let server = Server::start(&[]);
    // The Web client sends channelName; the Go server's struct says ChannelName.
    for body in
        [json!({"uid": 123, "channelName": "web", "role": 1}), json!({"uid": 123, "ChannelName": "web", "role": 1})]
    {
        let (status, response) = post_json(&server.url("/fetch_rtc_token"), body).await;
        assert_eq!(status, 200);
        assert_eq!(response["code"], "200");
        assert_rtc(response["token"].as_str().unwrap(), "web", "123", true, 3600);
    }
    let (_, response) =
        post_json(&server.url("/fetch_rtc_token"), json!({"uid": 123, "channelName": "web", "role": 2})).await;
    assert_rtc(response["token"].as_str().unwrap(), "web", "123", false, 3600);
    let (status, response) = post_json(&server.url("/fetch_rtc_token"), json!({"uid": 123, "role": 1})).await;
    assert_eq!((status, response["code"].as_str()), (400, Some("400")));
}

#[tokio::test]
async fn demo_server_rtc_and_rtm_token() {
    let server = Server::start(&[]);
    let (status, body) = get_json(&server.url("/rtcToken?channelName=demo&uid=2882341273")).await;
    assert_eq!(status, 200);
    assert_rtc(body["key"].as_str().unwrap(), "demo", "2882341273", true, 3600);
    let (_, body) = get_json(&server.url("/rtcToken?channelName=demo")).await;
    assert_rtc(body["key"].as_str().unwrap(), "demo", "", true, 3600);
    assert_eq!(get_json(&server.url("/rtcToken")).await.1["error"], "channel name is required");
    let (_, body) = get_json(&server.url("/rtmToken?account=alice")).await;
    let p = payload(body["key"].as_str().unwrap());
    assert!(matches!(&p.services()[0], Service::Rtm(r) if r.user_id == "alice"));
    let (status, body) = get_json(&server.url("/rtmToken")).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("account is required")));
}

#[tokio::test]
async fn access_token_of_the_old_node_servers() {
    let server = Server::start(&[]);
    // TokenServer-nodejs: channel, uid, absolute expiredTs; join privilege only.
    let in_ten_minutes = u64::from(agora_token::clock::now().unwrap()) + 600;
    let (status, body) =
        get_json(&server.url(&format!("/access_token?channel=old&uid=9&expiredTs={in_ten_minutes}"))).await;
    assert_eq!(status, 200);
    let p = payload(body["token"].as_str().unwrap());
    assert!((598..=600).contains(&p.expire()), "{}", p.expire());
    let rtc = rtc(&p);
    assert_eq!((rtc.channel_name.as_str(), rtc.uid.as_str()), ("old", "9"));
    assert_eq!(rtc.privileges.get(RtcPrivilege::PublishAudioStream), None);
    // Agora-Node-TokenServer v1: channelName, role, expireTime (relative).
    let (_, body) = get_json(&server.url("/access_token?channelName=old&uid=9&role=publisher&expireTime=900")).await;
    assert_rtc(body["token"].as_str().unwrap(), "old", "9", true, 900);
    let (status, body) = get_json(&server.url("/access_token?uid=9")).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("channel name is required")));
    let (status, _) = get_json(&server.url("/access_token?channel=old&expiredTs=1000000000")).await;
    assert_eq!(status, 400, "an absolute time in the past");
}

#[tokio::test]
async fn chat_docs_go_and_node_servers() {
    let server = Server::start(&[]);
    // Go sample (curl with -H Content-Type: application/json).
    let (status, body) =
        post_json(&server.url("/generate-user-token"), json!({"user_uuid": "test_user", "expire": 3600})).await;
    assert_eq!(status, 200);
    let p = payload(body["token"].as_str().unwrap());
    assert!(
        matches!(&p.services()[0], Service::Chat(c) if c.user_id == "test_user" && c.privileges.get(ChatPrivilege::User) == Some(3600))
    );
    let (_, body) = post_json(&server.url("/generate-app-token"), json!({"expire": 600})).await;
    let p = payload(body["token"].as_str().unwrap());
    assert!(
        matches!(&p.services()[0], Service::Chat(c) if c.user_id.is_empty() && c.privileges.get(ChatPrivilege::App) == Some(600))
    );
    assert_eq!(post_json(&server.url("/generate-user-token"), json!({"expire": 10})).await.0, 400);
    // Node.js / Python samples.
    let (_, body) =
        get_json(&server.url("/api/token/generateUserToken?account=user123&expireTimeInSeconds=1800")).await;
    assert_eq!(body["status"], "success");
    let p = payload(body["token"].as_str().unwrap());
    assert_eq!(p.expire(), 1800);
    assert!(matches!(&p.services()[0], Service::Chat(c) if c.user_id == "user123"));
    let (_, body) = get_json(&server.url("/api/token/generateAppToken?expireTimeInSeconds=3600")).await;
    assert!(
        matches!(&payload(body["token"].as_str().unwrap()).services()[0], Service::Chat(c) if c.user_id.is_empty())
    );
    let (status, body) = get_json(&server.url("/api/token/generateUserToken")).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("Account parameter is required")));
}

#[tokio::test]
async fn chat_docs_java_form_server_is_told_apart_by_content_type() {
    let server = Server::start(&[]);
    // curl -d userId=testUser -d expireSeconds=3600 -d tokenType=user (form body).
    let response = client()
        .post(server.url("/token/generate"))
        .form(&[("userId", "testUser"), ("expireSeconds", "3600"), ("tokenType", "user")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let token = response.text().await.unwrap();
    assert!(matches!(&payload(&token).services()[0], Service::Chat(c) if c.user_id == "testUser"));
    // The docs' Android client: parameters in the query string, form Content-Type, no body.
    let response = client()
        .post(server.url("/token/generate?userId=droid&expireSeconds=600&tokenType=app"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send()
        .await
        .unwrap();
    let token = response.text().await.unwrap();
    let p = payload(&token);
    assert_eq!(p.expire(), 600);
    assert!(
        matches!(&p.services()[0], Service::Chat(c) if c.user_id.is_empty() && c.privileges.get(ChatPrivilege::App) == Some(600))
    );
    // curl -d '{...}' without -H sends JSON labelled as a form: still the agoracn API.
    let response = client()
        .post(server.url("/token/generate"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(r#"{"channelName":"c","uid":"5","serviceRtc":{"enable":true,"role":1}}"#)
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_rtc(body["data"]["token"].as_str().unwrap(), "c", "5", true, 3600);
    // Form errors.
    let response = client().post(server.url("/token/generate")).form(&[("tokenType", "user")]).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let response = client()
        .post(server.url("/token/generate"))
        .form(&[("userId", "u"), ("tokenType", "admin")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
}

#[tokio::test]
async fn conversational_ai_quickstart_token_route() {
    use agora_token::{AccessToken2, Credentials, RtcRole};
    let server = Server::start(&[]);
    // The quickstart's browser client asks with its uid and channel...
    let (status, body) = get_json(&server.url("/api/generate-agora-token?uid=12345&channel=agent-room")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (body["appId"].as_str(), body["uid"].as_str(), body["channel"].as_str()),
        (Some(APP_ID), Some("12345"), Some("agent-room"))
    );
    let token = body["token"].as_str().unwrap();
    let p = payload(token);
    assert_eq!(p.expire(), 3600);
    // ...and gets exactly what RtcTokenBuilder.buildTokenWithRtm builds for a publisher.
    let credentials = Credentials::new(APP_ID, CERT).unwrap();
    let expected = AccessToken2::new(3600)
        .issued(p.issued_at(), p.salt())
        .rtc_with_rtm("agent-room", "12345", RtcRole::Publisher, 3600)
        .build(&credentials)
        .unwrap();
    assert_eq!(token, expected);
    assert!(matches!(&p.services()[1], Service::Rtm(r) if r.user_id == "12345"));

    // Without parameters (the quickstart's default): uid 0 and a fresh channel name.
    let (status, body) = get_json(&server.url("/api/generate-agora-token")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["uid"], "0");
    let channel = body["channel"].as_str().unwrap();
    assert!(channel.starts_with("ai-conversation-"), "{channel}");
    let p = payload(body["token"].as_str().unwrap());
    assert_eq!((rtc(&p).channel_name.as_str(), rtc(&p).uid.as_str()), (channel, ""));
    let (_, other) = get_json(&server.url("/api/generate-agora-token/")).await;
    assert_ne!(other["channel"], body["channel"]);

    let (status, body) = get_json(&server.url("/api/generate-agora-token?uid=alice")).await;
    assert_eq!((status, body["kind"].as_str()), (400, Some("invalid_uid")));
}

#[tokio::test]
async fn tools_python_docker_sample_v1_token() {
    let server = Server::start(&[]);
    // curl 'http://host/v1/token?channel_name=demo' → the token as plain text.
    let response = client().get(server.url("/v1/token?channel_name=demo")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let token = response.text().await.unwrap();
    let p = payload(&token);
    assert_eq!(p.expire(), 900);
    let rtc = rtc(&p);
    assert_eq!((rtc.channel_name.as_str(), rtc.uid.as_str()), ("demo", ""));
    for privilege in [RtcPrivilege::JoinChannel, RtcPrivilege::PublishAudioStream, RtcPrivilege::PublishVideoStream] {
        assert_eq!(rtc.privileges.get(privilege), Some(0), "build_token_with_uid leaves privileges at 0");
    }
    let token =
        client().get(server.url("/v1/token/?channel_name=demo&uid=42")).send().await.unwrap().text().await.unwrap();
    assert_eq!(self::rtc(&payload(&token)).uid, "42");
    let (status, body) = get_json(&server.url("/v1/token")).await;
    assert_eq!((status, body["kind"].as_str()), (400, Some("missing_channel")));
}

#[tokio::test]
async fn new_routes_need_the_same_authentication() {
    let server = Server::start(&[("OPEN_ACCESS", ""), ("API_KEYS", "web:web-key-0123456789abcdef012")]);
    for path in ["/api/generate-agora-token?uid=5&channel=c", "/v1/token?channel_name=c&uid=5"] {
        assert_eq!(client().get(server.url(path)).send().await.unwrap().status(), 401, "{path}");
        let with_key = client().get(server.url(path)).header("X-API-Key", "web-key-0123456789abcdef012").send().await;
        assert_eq!(with_key.unwrap().status(), 200, "{path}");
    }
}
