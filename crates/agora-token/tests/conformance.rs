//! Runs every vector of `conformance/upstream.json` (collected from the upstream test
//! suites of AgoraIO/Tools) against the crate. Failures name the vector id.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

use std::collections::BTreeMap;
use std::io::Read;

use agora_token::legacy::access_token::{AccessToken, Privilege006, UnverifiedAccessToken};
use agora_token::legacy::dynamic_key::{self, Dk4Service, DynamicKeyInput};
use agora_token::legacy::dynamic_key5::{self, Dk5Service, UploadPermission};
use agora_token::legacy::signaling;
use agora_token::{
    decode, AccessToken2, ApaasService, AppCertificate, ChatService, Credentials, FcdnService, FpaService, Privileges,
    RtcService, Rtm2PermissionType, Rtm2Permissions, Rtm2ResourceType, Rtm2Service, RtmService, Service,
    StreamingService, UnverifiedToken, User,
};
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/upstream.json");
    let text = std::fs::read_to_string(path).expect("conformance/upstream.json is readable");
    serde_json::from_str(&text).expect("conformance/upstream.json is JSON")
}

fn vectors_of(family_prefix: &str) -> Vec<Value> {
    let all = vectors();
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["family"].as_str().unwrap().starts_with(family_prefix))
        .cloned()
        .collect()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

fn n(v: &Value, key: &str) -> u32 {
    u32::try_from(v[key].as_u64().unwrap_or_else(|| panic!("{key} is not a number in {v}"))).unwrap()
}

fn kind(v: &Value) -> &str {
    s(v, "kind")
}

fn has_role(v: &Value, role: &str) -> bool {
    kind(v).split('+').any(|k| k == role)
}

/// The privileges of a vector service as a number → expiry map.
fn privilege_map(service: &Value) -> BTreeMap<u16, u32> {
    service["privileges"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.parse().unwrap(), u32::try_from(v.as_u64().unwrap()).unwrap()))
        .collect()
}

fn with_privileges<P: agora_token::Privilege>(map: &BTreeMap<u16, u32>) -> Privileges<P> {
    let mut privileges = Privileges::default();
    for (&code, &expire) in map {
        privileges.set_code(code, expire).unwrap();
    }
    privileges
}

fn rtm2_permissions(value: &Value) -> Rtm2Permissions {
    let mut permissions = Rtm2Permissions::new();
    for (resource, by_permission) in value.as_object().unwrap() {
        for (permission, list) in by_permission.as_object().unwrap() {
            let names: Vec<String> = list.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
            permissions.add(
                Rtm2ResourceType::from_code(resource.parse().unwrap()).unwrap(),
                Rtm2PermissionType::from_code(permission.parse().unwrap()).unwrap(),
                names,
            );
        }
    }
    permissions
}

/// Builds our service from a vector service description (wire fields as given).
fn service_from(v: &Value) -> Service {
    let map = privilege_map(v);
    let text = |key: &str| s(v, key).to_owned();
    match v["type"].as_u64().unwrap() {
        1 => {
            let mut rtc = RtcService::new(text("channel_name"), User::Account(text("uid")));
            rtc.privileges = with_privileges(&map);
            rtc.into()
        }
        2 => {
            let mut rtm = RtmService::new(text("user_id"));
            rtm.privileges = with_privileges(&map);
            rtm.into()
        }
        3 => {
            let mut streaming = StreamingService::new(text("channel_name"), User::Account(text("account")));
            streaming.privileges = with_privileges(&map);
            streaming.into()
        }
        4 => {
            let mut fpa = FpaService::new();
            fpa.privileges = with_privileges(&map);
            fpa.into()
        }
        5 => {
            let mut chat = ChatService::new(text("user_id"));
            chat.privileges = with_privileges(&map);
            chat.into()
        }
        6 => {
            let mut fcdn = FcdnService::new(text("channel_name"), User::Account(text("account")));
            fcdn.privileges = with_privileges(&map);
            fcdn.into()
        }
        7 => {
            let role = i16::try_from(v["role"].as_i64().unwrap()).unwrap();
            let mut apaas = ApaasService::new(text("room_uuid"), text("user_uuid"), role);
            apaas.privileges = with_privileges(&map);
            apaas.into()
        }
        8 => {
            let mut rtm2 = Rtm2Service::new(text("user_id"), rtm2_permissions(&v["permissions"]));
            rtm2.privileges = with_privileges(&map);
            rtm2.into()
        }
        other => panic!("vector uses service type {other}"),
    }
}

fn inflate_token(token: &str) -> Vec<u8> {
    use base64::Engine;
    let compressed = base64::engine::general_purpose::STANDARD.decode(&token[3..]).unwrap();
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(&compressed[..]).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn access_token2_build_vectors() {
    let mut built = 0;
    for v in vectors_of("AccessToken2") {
        if !has_role(&v, "build") {
            continue;
        }
        let id = s(&v, "id");
        let inputs = &v["inputs"];
        let creds = Credentials::new(s(inputs, "app_id"), s(inputs, "app_certificate")).unwrap();
        let mut token = AccessToken2::new(n(inputs, "expire"));
        token.issued(n(inputs, "issue_ts"), n(inputs, "salt"));
        for service in inputs["services"].as_array().unwrap() {
            token.service(service_from(service));
        }
        let ours = token.build(&creds).unwrap();
        let expected = s(&v, "expected_token");
        assert_eq!(inflate_token(&ours), inflate_token(expected), "{id}: payload differs");
        let stock_zlib = v["derived_c_zlib_level6_token"].as_str().unwrap_or(expected);
        if v["derived_c_zlib_level6_token"].is_null() {
            assert_eq!(s(&v, "producer_compressor"), "c-zlib-default", "{id}");
        }
        assert_eq!(ours, stock_zlib, "{id}: token string differs from stock zlib level 6");
        built += 1;
    }
    assert_eq!(built, 33, "number of 007 build vectors");
}

/// Every 007 vector with inputs decodes to them: the upstream parse vectors, and the
/// build vectors read back (round trip through each upstream compressor's bytes).
#[test]
fn access_token2_parse_vectors() {
    let mut parsed = 0;
    for v in vectors_of("AccessToken2") {
        if !has_role(&v, "parse") && !has_role(&v, "build") {
            continue;
        }
        let id = s(&v, "id");
        let inputs = &v["inputs"];
        for token in [Some(s(&v, "expected_token")), v["derived_c_zlib_level6_token"].as_str()].into_iter().flatten() {
            let unverified = UnverifiedToken::parse(token).unwrap_or_else(|e| panic!("{id}: {e}"));
            let payload = unverified.payload();
            assert_eq!(payload.app_id(), s(inputs, "app_id"), "{id}");
            assert_eq!(payload.issued_at(), n(inputs, "issue_ts"), "{id}");
            assert_eq!(payload.expire(), n(inputs, "expire"), "{id}");
            assert_eq!(payload.salt(), n(inputs, "salt"), "{id}");
            let expected: Vec<Service> = inputs["services"].as_array().unwrap().iter().map(service_from).collect();
            assert_eq!(payload.services(), expected.as_slice(), "{id}: services");
            assert_eq!(payload.unknown_service_type(), None, "{id}");
            match inputs["app_certificate"].as_str() {
                Some(cert) => {
                    let cert = AppCertificate::new(cert).unwrap();
                    decode(token, &cert).unwrap_or_else(|e| panic!("{id}: {e}"));
                }
                None => assert_eq!(id, "at2-chat-user-real-world"),
            }
        }
        parsed += 1;
    }
    assert_eq!(parsed, 34, "number of 007 vectors with inputs");
}

#[test]
fn access_token2_invalid_vectors() {
    let mut checked = 0;
    for v in vectors_of("AccessToken2") {
        let id = s(&v, "id");
        match kind(&v) {
            "parse_invalid" => {
                let token = s(&v, "expected_token");
                assert!(UnverifiedToken::parse(token).is_err(), "{id}: parsed");
                checked += 1;
            }
            "build_invalid" => {
                for case in v["cases"].as_array().unwrap() {
                    let result = Credentials::new(s(case, "app_id"), s(case, "app_certificate")).and_then(|creds| {
                        let mut token = AccessToken2::new(600);
                        if s(case, "services") == "rtc" {
                            token.service(
                                RtcService::new("c", 1).with_privilege(agora_token::RtcPrivilege::JoinChannel, 600),
                            );
                        }
                        token.build(&creds)
                    });
                    assert!(result.is_err(), "{id}: {case} built");
                    checked += 1;
                }
            }
            _ => {}
        }
    }
    assert_eq!(checked, 12);
}

#[test]
fn access_token_006_vectors() {
    let mut checked = 0;
    for v in vectors_of("AccessToken (006)") {
        let id = s(&v, "id");
        if kind(&v) == "parse_invalid" {
            for case in v["cases"].as_array().unwrap() {
                assert!(UnverifiedAccessToken::parse(case.as_str().unwrap()).is_err(), "{id}: {case}");
                checked += 1;
            }
            continue;
        }
        let inputs = &v["inputs"];
        let creds = Credentials::new(s(inputs, "app_id"), s(inputs, "app_certificate")).unwrap();
        let uid = User::Account(s(inputs, "uid").to_owned());
        let mut token = AccessToken::new(s(inputs, "channel_name"), uid.clone());
        token.expires_at(n(inputs, "ts")).issued(None, n(inputs, "salt"));
        for (&code, &expire) in &privilege_map(inputs) {
            token.privilege(Privilege006::from_code(code).unwrap(), expire);
        }
        let expected = s(&v, "expected_token");
        assert_eq!(token.build(&creds).unwrap(), expected, "{id}");
        let parsed = UnverifiedAccessToken::parse(expected).unwrap();
        assert_eq!(parsed.salt(), n(inputs, "salt"), "{id}");
        assert_eq!(parsed.expires_at(), n(inputs, "ts"), "{id}");
        assert_eq!(parsed.privileges(), &privilege_map(inputs), "{id}");
        assert!(parsed.check_signature(creds.certificate(), s(inputs, "channel_name"), &uid).is_ok(), "{id}");
        checked += 1;
    }
    assert_eq!(checked, 9);
}

fn dynamic_key_input(inputs: &Value) -> DynamicKeyInput {
    DynamicKeyInput {
        channel_name: s(inputs, "channel_name").to_owned(),
        unix_ts: n(inputs, "unix_ts"),
        random_int: n(inputs, "random_int"),
        uid: inputs["uid"].as_u64().map_or(0, |uid| u32::try_from(uid).unwrap()),
        expired_ts: inputs["expired_ts"].as_u64().map_or(0, |ts| u32::try_from(ts).unwrap()),
    }
}

#[test]
fn dynamic_key_and_signaling_vectors() {
    let mut checked = 0;
    for v in vectors().get("vectors").unwrap().as_array().unwrap() {
        let family = s(v, "family");
        if !(family.starts_with("DynamicKey") || family.starts_with("Signaling")) {
            continue;
        }
        let id = s(v, "id");
        let inputs = &v["inputs"];
        let creds = Credentials::new(s(inputs, "app_id"), s(inputs, "app_certificate")).unwrap();
        let expected = s(v, "expected_token");
        let ours = match family {
            f if f.starts_with("DynamicKey5") => {
                let extra = inputs["extra"].as_object().unwrap();
                let service = match (n(inputs, "service_type"), extra.get("1").and_then(Value::as_str)) {
                    (1, None) => Dk5Service::MediaChannel,
                    (2, None) => Dk5Service::Recording,
                    (3, None) => Dk5Service::PublicSharing,
                    (4, Some("0")) => Dk5Service::InChannelPermission(UploadPermission::NoUpload),
                    (4, Some("3")) => Dk5Service::InChannelPermission(UploadPermission::AudioVideo),
                    other => panic!("{id}: {other:?}"),
                };
                let key = dynamic_key5::generate(&creds, service, &dynamic_key_input(inputs)).unwrap();
                if kind(v) == "signature" {
                    // The upstream Ruby test compares (without asserting) against lower case;
                    // the real signature is upper case.
                    let parsed = dynamic_key5::parse(&key).unwrap();
                    assert_eq!(parsed.signature, expected.to_ascii_uppercase(), "{id}");
                    checked += 1;
                    continue;
                }
                let parsed = dynamic_key5::parse(&key).unwrap();
                assert_eq!(
                    (parsed.unix_ts, parsed.random_int, parsed.expired_ts),
                    (n(inputs, "unix_ts"), n(inputs, "random_int"), n(inputs, "expired_ts")),
                    "{id}"
                );
                key
            }
            f if f.starts_with("DynamicKey4") => {
                let service = match s(inputs, "service") {
                    "ACS" => Dk4Service::MediaChannel,
                    "ARS" => Dk4Service::Recording,
                    "APSS" => Dk4Service::PublicSharing,
                    other => panic!("{id}: {other}"),
                };
                dynamic_key::generate_v4(&creds, service, &dynamic_key_input(inputs)).unwrap()
            }
            f if f.starts_with("DynamicKey3") => {
                let key = dynamic_key::generate_v3(&creds, &dynamic_key_input(inputs)).unwrap();
                if kind(v) == "signature" {
                    assert_eq!(&key[3..43], expected, "{id}");
                    checked += 1;
                    continue;
                }
                key
            }
            f if f.starts_with("DynamicKey2") => dynamic_key::generate_v2(&creds, &dynamic_key_input(inputs)).unwrap(),
            f if f.starts_with("DynamicKey (v1") => {
                dynamic_key::generate_v1(&creds, &dynamic_key_input(inputs)).unwrap()
            }
            f if f.starts_with("Signaling") => {
                let token = signaling::generate(&creds, s(inputs, "account"), n(inputs, "expired_ts"));
                signaling::parse(&token).unwrap().verify(creds.certificate(), s(inputs, "account")).unwrap();
                token
            }
            other => panic!("{id}: unexpected family {other}"),
        };
        assert_eq!(ours, expected, "{id}");
        if !family.starts_with("DynamicKey5") && !family.starts_with("Signaling") {
            let parsed = dynamic_key::parse(&ours).unwrap();
            assert_eq!((parsed.unix_ts, parsed.random_int), (n(inputs, "unix_ts"), n(inputs, "random_int")), "{id}");
        }
        checked += 1;
    }
    assert_eq!(checked, 18);
}

#[test]
fn primitive_vectors_used_by_the_format() {
    let all = vectors();
    let primitives = all["primitive_vectors"].as_array().unwrap();
    let expected = |what: &str| -> String {
        primitives.iter().find(|p| s(p, "what").starts_with(what)).map(|p| s(p, "expected").to_owned()).unwrap()
    };
    // The APaaS room-user chat id is the lower-case MD5 of the user uuid.
    let creds = Credentials::new("970CA35de60c44645bbae8a215061b33", "5CFd2fd1755d40ecb72977518be15d3b").unwrap();
    let token = AccessToken2::new(600).apaas_room_user("r", "2882341273", 1, 600).build(&creds).unwrap();
    let chat_id = decode(&token, creds.certificate())
        .unwrap()
        .payload()
        .services()
        .iter()
        .find_map(|service| if let Service::Chat(chat) = service { Some(chat.user_id.clone()) } else { None })
        .unwrap();
    assert_eq!(chat_id, expected("MD5(\"2882341273\")"));
}
