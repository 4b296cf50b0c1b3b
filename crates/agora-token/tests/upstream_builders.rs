//! The builder methods named after upstream functions reproduce the upstream vectors
//! that list an equivalent builder call (`equivalent_builder_calls` in the vectors file).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

use agora_token::legacy::access_token::{AccessToken, Role006};
use agora_token::{AccessToken2, Credentials, RtcPrivilegeExpiries, RtcRole, FPA_TOKEN_EXPIRE};
use serde_json::Value;

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

fn expected(id: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/upstream.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let vector = all["vectors"].as_array().unwrap().iter().find(|v| v["id"] == id).unwrap();
    vector["expected_token"].as_str().unwrap().to_owned()
}

fn creds() -> Credentials {
    Credentials::new(APP_ID, CERT).unwrap()
}

fn fixed(expire: u32) -> AccessToken2 {
    let mut token = AccessToken2::new(expire);
    token.issued(1_111_111, 1);
    token
}

#[test]
fn rtc_with_uid_and_with_account() {
    let creds = creds();
    let with_uid = fixed(600).rtc(CHANNEL, 2_882_341_273, RtcRole::Subscriber, 600).build(&creds).unwrap();
    let with_account = fixed(600).rtc(CHANNEL, "2882341273", RtcRole::Subscriber, 600).build(&creds).unwrap();
    assert_eq!(with_uid, expected("at2-rtc-uid-join"));
    assert_eq!(with_account, with_uid);
    let any_user = fixed(600).rtc(CHANNEL, 0, RtcRole::Subscriber, 600).build(&creds).unwrap();
    assert_eq!(any_user, expected("at2-rtc-uid0-join"));
}

#[test]
fn rtc_with_rtm_expiries() {
    let creds = creds();
    let token = fixed(600)
        .rtc_with_rtm_expiries(
            CHANNEL,
            "2882341273",
            RtcRole::Publisher,
            RtcPrivilegeExpiries::all(600),
            "test_user",
            600,
        )
        .build(&creds)
        .unwrap();
    assert_eq!(token, expected("at2-rtc4-rtm"));
}

#[test]
fn rtm_and_chat() {
    let creds = creds();
    assert_eq!(fixed(600).rtm("2882341273", 600).build(&creds).unwrap(), expected("at2-rtm-uidstr"));
    assert_eq!(fixed(600).rtm("test_user", 600).build(&creds).unwrap(), expected("at2-rtm-test_user"));
    assert_eq!(fixed(600).chat_user("2882341273", 600).build(&creds).unwrap(), expected("at2-chat-user"));
    assert_eq!(fixed(600).chat_app(600).build(&creds).unwrap(), expected("at2-chat-app"));
}

#[test]
fn apaas_and_education() {
    let creds = creds();
    let room_user = fixed(600).apaas_room_user("123", "2882341273", 1, 600).build(&creds).unwrap();
    assert_eq!(room_user, expected("at2-apaas-room-user"));
    assert_eq!(fixed(600).apaas_user("2882341273", 600).build(&creds).unwrap(), expected("at2-apaas-user"));
    assert_eq!(fixed(600).apaas_app(600).build(&creds).unwrap(), expected("at2-apaas-app"));
}

#[test]
fn fpa_uses_a_day_and_login_zero() {
    let creds = creds();
    let token = fixed(FPA_TOKEN_EXPIRE).fpa().build(&creds).unwrap();
    let payload = agora_token::decode(&token, creds.certificate()).unwrap().into_payload();
    assert_eq!(payload.expire(), 86_400);
    assert_eq!(payload.services()[0].privilege_map().get(&1), Some(&0));
}

#[test]
fn legacy_006_builders() {
    let creds = creds();
    let rtc = AccessToken::rtc(CHANNEL, 2_882_341_273, Role006::Publisher, 1_446_455_471)
        .expires_at(1_111_111)
        .issued(None, 1)
        .build(&creds)
        .unwrap();
    assert_eq!(rtc, expected("at1-rtc-publisher"));
    let rtm = AccessToken::rtm("test_user", 1_446_455_471).expires_at(1_111_111).issued(None, 1).build(&creds).unwrap();
    assert_eq!(rtm, expected("at1-rtm-test_user"));
}
