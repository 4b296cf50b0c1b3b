//! Runs the real `agora-token` binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

use std::process::{Command, Output};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";
/// Upstream vector at2-rtc-uid-join (RTC, uid 2882341273, join only, issue time 1111111, salt 1).
const RTC_UID_JOIN: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";

fn agora_token(args: &[&str], certificate: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agora-token"));
    command.args(args).env_remove("AGORA_APP_ID").env_remove("AGORA_APP_CERTIFICATE").env("AGORA_APP_ID", APP_ID);
    if let Some(certificate) = certificate {
        command.env("AGORA_APP_CERTIFICATE", certificate);
    }
    command.output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn builds_the_upstream_vector_reproducibly() {
    let args = [
        "rtc",
        "--channel",
        CHANNEL,
        "--uid",
        "2882341273",
        "--role",
        "subscriber",
        "--expire",
        "600",
        "--privilege-expire",
        "600",
        "--issued-at",
        "1111111",
        "--salt",
        "1",
    ];
    let output = agora_token(&args, Some(CERT));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), RTC_UID_JOIN);
}

#[test]
fn missing_certificate_is_an_environment_error() {
    let output = agora_token(&["rtm", "--user-id", "alice"], None);
    assert_eq!(output.status.code(), Some(6));
    assert!(stderr(&output).contains("AGORA_APP_CERTIFICATE"), "{}", stderr(&output));
}

#[test]
fn the_certificate_is_not_a_flag() {
    let output = agora_token(&["rtm", "--user-id", "alice", "--certificate", CERT], Some(CERT));
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains(CERT));
}

#[test]
fn invalid_certificate_is_invalid_input_and_never_echoed() {
    let bad = "5CFd2fd1755d40ecb72977518be15d3Z";
    let output = agora_token(&["rtm", "--user-id", "alice"], Some(bad));
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("app certificate must be 32 hexadecimal characters"));
    assert!(!stderr(&output).contains("5CFd2fd1"));
}

#[test]
fn verify_exit_codes() {
    assert!(agora_token(&["verify", RTC_UID_JOIN], Some(CERT)).status.success());
    let wrong = agora_token(&["verify", RTC_UID_JOIN], Some("5cfd2fd1755d40ecb72977518be15d3b"));
    assert_eq!(wrong.status.code(), Some(5));
    let malformed = agora_token(&["verify", "007notbase64!"], Some(CERT));
    assert_eq!(malformed.status.code(), Some(4));
}

#[test]
fn explain_json_answers_the_join_question() {
    let args = ["explain", RTC_UID_JOIN, "--channel", CHANNEL, "--uid", "2882341273", "--at", "1111200", "--json"];
    let output = agora_token(&args, Some(CERT));
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["signature"], "valid");
    assert_eq!(json["access"]["can_join"], true);
    assert_eq!(json["access"]["can_publish_audio"], false);
    assert_eq!(json["access"]["reasons"][0]["reason"], "publish_privilege_missing");

    let refused = agora_token(&["explain", RTC_UID_JOIN, "--channel", "other", "--uid", "1", "--check"], Some(CERT));
    assert_eq!(refused.status.code(), Some(7));
    assert!(stdout(&refused).contains("not this one"));
}

#[test]
fn inspect_reads_every_family_without_a_certificate() {
    let output = agora_token(&["inspect", RTC_UID_JOIN], None);
    assert!(stdout(&output).contains("signature    not checked"), "{}", stdout(&output));
    let dk5 =
        "005AQAoAEJERTJDRDdFNkZDNkU0ODYxNkYxQTYwOUVFNTM1M0U5ODNCQjFDNDQQAJcMo13mDERkW7roohUGGzOwKDdW9buDA68oN1YAAA==";
    let output = agora_token(&["inspect", dk5, "--json"], None);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["version"], "005");
    assert_eq!(json["unix_ts"], 1_446_455_472);
}

#[test]
fn negative_android_uids_are_read_as_unsigned() {
    let args = ["rtc", "--channel", "c", "--uid", "-1", "--issued-at", "1", "--salt", "1"];
    let token = stdout(&agora_token(&args, Some(CERT)));
    let explained = agora_token(&["inspect", token.trim(), "--json"], None);
    let json: serde_json::Value = serde_json::from_str(&stdout(&explained)).unwrap();
    assert_eq!(json["services"][0]["fields"][1][1], "4294967295");
}

#[test]
fn demo_runs_without_credentials() {
    let output = Command::new(env!("CARGO_BIN_EXE_agora-token"))
        .arg("demo")
        .env_remove("AGORA_APP_CERTIFICATE")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("DEMO CREDENTIALS"));
    assert!(text.contains("can join     yes"));
}
