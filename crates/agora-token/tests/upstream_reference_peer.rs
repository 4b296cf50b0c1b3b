//! Checks the upstream reference peer used by the benchmarks (`benches/upstream_reference/`):
//! it must reproduce the upstream Rust crate's own output byte for byte, and build the same
//! payload as our builder, signed with the same certificate. Otherwise the speed comparison
//! in `benches/versus_upstream.rs` would compare different work.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

#[path = "../benches/upstream_reference/mod.rs"]
mod upstream_reference;

use agora_token::{AccessToken2, Credentials, RtcRole, UnverifiedToken};
use serde_json::Value;
use upstream_reference::{build_token_with_uid, build_token_with_user_account, ReferenceToken, RtcService};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

fn vector(id: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance/upstream.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    all["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
        .clone()
}

fn num(v: &Value) -> u32 {
    u32::try_from(v.as_u64().unwrap()).unwrap()
}

/// The upstream crate's own test vector (its `test_service_rtc`, produced by flate2 with
/// miniz_oxide): the reference must give the same string, compressor output included.
#[test]
fn reference_reproduces_the_upstream_rust_crate_vector() {
    let v = vector("at2-rtc-uid-join-rust");
    assert_eq!(v["producer_compressor"], "rust-flate2-miniz_oxide");
    let inputs = &v["inputs"];
    let mut token = ReferenceToken::new(
        inputs["app_id"].as_str().unwrap(),
        inputs["app_certificate"].as_str().unwrap(),
        num(&inputs["expire"]),
        num(&inputs["issue_ts"]),
        num(&inputs["salt"]),
    );
    for service in inputs["services"].as_array().unwrap() {
        assert_eq!(service["name"], "rtc", "this test only builds RTC services");
        let mut rtc = RtcService::new(service["channel_name"].as_str().unwrap(), service["uid"].as_str().unwrap());
        for (privilege, expire) in service["privileges"].as_object().unwrap() {
            rtc.add_privilege(privilege.parse().unwrap(), num(expire));
        }
        token.add_service(Box::new(rtc));
    }
    assert_eq!(token.build().unwrap(), v["expected_token"].as_str().unwrap());
}

/// The compression step alone, on a vector where upstream's miniz_oxide emitted a compressed
/// (not stored) block: inflating the upstream bytes and compressing them again with the
/// reference must give the upstream bytes back.
#[test]
fn reference_compressor_reproduces_upstream_compressed_bytes() {
    use base64::Engine as _;
    use std::io::Read as _;

    let v = vector("at2-streaming-fcdn-uid-conversion-rust");
    assert_eq!(v["producer_compressor"], "rust-flate2-miniz_oxide");
    let token = v["expected_token"].as_str().unwrap();
    let upstream_zlib = base64::engine::general_purpose::STANDARD.decode(token.strip_prefix("007").unwrap()).unwrap();
    let mut payload = Vec::new();
    flate2::read::ZlibDecoder::new(upstream_zlib.as_slice()).read_to_end(&mut payload).unwrap();
    assert!(upstream_zlib.len() < payload.len(), "the vector should hold a compressed block");
    assert_eq!(upstream_reference::compress_zlib(&payload).unwrap(), upstream_zlib);
}

/// For the inputs of the benchmark and a few others: same payload as ours, valid signature.
#[test]
fn reference_builds_our_payload_and_a_valid_signature() {
    let creds = Credentials::new(APP_ID, CERT).unwrap();
    let cases: [(u32, RtcRole, u16, u32); 4] = [
        (2_882_341_273, RtcRole::Publisher, 1, 7919),
        (2_882_341_273, RtcRole::Subscriber, 2, 1),
        (0, RtcRole::Publisher, 1, 99_999_998),
        (1, RtcRole::Subscriber, 2, u32::MAX),
    ];
    for (uid, role, upstream_role, salt) in cases {
        let ours =
            AccessToken2::new(3600).issued(1_700_000_000, salt).rtc(CHANNEL, uid, role, 3600).build(&creds).unwrap();
        let reference =
            build_token_with_uid(APP_ID, CERT, CHANNEL, uid, upstream_role, 3600, 3600, 1_700_000_000, salt).unwrap();

        let ours = UnverifiedToken::parse(&ours).unwrap();
        let decoded = UnverifiedToken::parse(&reference).unwrap();
        assert_eq!(decoded.payload(), ours.payload(), "uid {uid}, {role:?}, salt {salt}");
        decoded.check_signature(creds.certificate()).unwrap();
    }
}

/// A signature made with another certificate must not verify: the check above can fail.
#[test]
fn reference_signature_depends_on_the_certificate() {
    let other = "0123456789abcdef0123456789abcdef";
    let token = build_token_with_user_account(APP_ID, other, CHANNEL, "alice", 1, 600, 600, 1_700_000_000, 5).unwrap();
    let decoded = UnverifiedToken::parse(&token).unwrap();
    let creds = Credentials::new(APP_ID, CERT).unwrap();
    assert_eq!(decoded.check_signature(creds.certificate()).unwrap_err().code(), "signature_mismatch");
}
