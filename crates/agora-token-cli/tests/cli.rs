//! Runs the real `agora-token` binary, each time in an empty environment with its own
//! temporary HOME, so no credentials or config of the machine leak in.
//! Unix only: the tests set file modes and use util-linux `script` for a pseudo-terminal
//! (Windows is not tested here).

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failed unwrap is a failed test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
const OTHER_APP_ID: &str = "b9b595bcfd72479d894abe7a8cf0c37e";
const OTHER_CERT: &str = "3c481e60aac14b06a434a20e70de7c51";
const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";
/// Upstream vector at2-rtc-uid-join (RTC, uid 2882341273, join only, issue time 1111111, salt 1).
const RTC_UID_JOIN: &str = "007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj";
/// Upstream vector at1-rtc-uid-join (006, uid 2882341273, join until 1446455471, ts 1111111, salt 1).
const AT1_RTC_UID_JOIN: &str = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";
/// Upstream vector dk5-media-channel (issued 1446455472, expires 1446455471).
const DK5_MEDIA_CHANNEL: &str =
    "005AQAoAEJERTJDRDdFNkZDNkU0ODYxNkYxQTYwOUVFNTM1M0U5ODNCQjFDNDQQAJcMo13mDERkW7roohUGGzOwKDdW9buDA68oN1YAAA==";
/// Upstream vector signaling-1 (account 2882341273, expires 1514219634).
const SIGNALING_1: &str = "1:970CA35de60c44645bbae8a215061b33:1514219634:82539e1f3973bcfe3f0d0c8993e6c051";

/// A private temporary directory per test (the tests of this file run in parallel).
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The binary with nothing of this machine's environment but a fresh HOME.
fn bare(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agora-token"));
    command.env_clear().env("HOME", home).stdin(Stdio::null());
    command
}

/// The binary with the test credentials in the environment.
fn agora_token(args: &[&str]) -> Output {
    static HOME: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    bare(HOME.get_or_init(|| temp_dir("shared-home")))
        .args(args)
        .env("AGORA_APP_ID", APP_ID)
        .env("AGORA_APP_CERTIFICATE", CERT)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_str(&stdout(output)).unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

fn token_only(output: &Output) -> String {
    assert!(output.status.success(), "{}", stderr(output));
    let text = stdout(output);
    assert_eq!(text.lines().count(), 1, "{text}");
    text.trim().to_owned()
}

fn write_private(path: &Path, text: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Reproducible builds of upstream vectors, through every way of giving times.

#[test]
fn builds_the_upstream_vectors_reproducibly() {
    let rtc = [
        "rtc",
        "--channel",
        CHANNEL,
        "--uid",
        "2882341273",
        "--role",
        "subscriber",
        "--expire",
        "10m",
        "--privilege-expire",
        "600",
        "--issued-at",
        "1970-01-13T20:38:31Z",
        "--salt",
        "1",
        "--token-only",
    ];
    assert_eq!(token_only(&agora_token(&rtc)), RTC_UID_JOIN);

    // 006: the token's own expiry is 1111111, a small number: @ says it is meant.
    let at1 = [
        "legacy-006",
        "--channel",
        CHANNEL,
        "--uid",
        "2882341273",
        "--role",
        "subscriber",
        "--privilege-expires-at",
        "2015-11-02T17:11:11+08:00",
        "--expires-at",
        "@1111111",
        "--salt",
        "1",
        "--token-only",
    ];
    assert_eq!(token_only(&agora_token(&at1)), AT1_RTC_UID_JOIN);
    let refused = agora_token(&[&at1[..9], &["--expires-at", "1111111", "--salt", "1"]].concat());
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("looks like a number of seconds"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("@1111111"), "{}", stderr(&refused));

    let dk5 = [
        "dynamic-key",
        "--channel",
        CHANNEL,
        "--uid",
        "2882341273",
        "--unix-ts",
        "2015-11-02T09:11:12Z",
        "--random-int",
        "58964981",
        "--expires-at",
        "1446455471",
        "--token-only",
    ];
    let home = temp_dir("dk5");
    let lowercase = bare(&home)
        .args(dk5)
        .env("AGORA_APP_ID", APP_ID.to_lowercase())
        .env("AGORA_APP_CERTIFICATE", CERT.to_lowercase())
        .output()
        .unwrap();
    assert_eq!(token_only(&lowercase), DK5_MEDIA_CHANNEL);

    let signaling = ["signaling", "--account", "2882341273", "--expires-at", "2017-12-25T16:33:54Z", "--token-only"];
    assert_eq!(token_only(&agora_token(&signaling)), SIGNALING_1);
}

// ---------------------------------------------------------------------------------------------
// Lifetimes are durations; absolute timestamps are refused with a hint.

#[test]
fn lifetimes_are_durations() {
    for (text, seconds) in [("3600", 3600), ("45s", 45), ("90m", 5400), ("1h", 3600), ("1h30m", 5400), ("1d", 86_400)] {
        let decoded = json(&agora_token(&["rtm", "--user-id", "alice", "--expire", text, "--json"]));
        assert_eq!(decoded["lifetime"], seconds, "{text}");
        assert_eq!(decoded["services"][0]["privileges"][0]["value"], seconds, "{text}");
    }
    let default = json(&agora_token(&["chat", "--app", "--json"]));
    assert_eq!(default["lifetime"], 3600);

    let rtc = json(&agora_token(&[
        "rtc",
        "--channel",
        "c",
        "--account",
        "alice",
        "--expire",
        "2h",
        "--privilege-expire",
        "30m",
        "--rtm-user-id",
        "alice-rtm",
        "--rtm-expire",
        "1h",
        "--json",
    ]));
    assert_eq!(rtc["lifetime"], 7200);
    let values = |service: usize| -> Vec<u64> {
        rtc["services"][service]["privileges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["value"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(values(0), [1800, 1800, 1800, 1800]);
    assert_eq!(rtc["services"][1]["name"], "RTM");
    assert_eq!(values(1), [3600]);

    let privileges =
        json(&agora_token(&["rtc", "--channel", "c", "--uid", "1", "--privileges", "1h,0,30m,90s", "--json"]));
    let values: Vec<u64> = privileges["services"][0]["privileges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_u64().unwrap())
        .collect();
    assert_eq!(values, [3600, 0, 1800, 90]);
}

#[test]
fn lifetimes_refuse_absolute_timestamps_with_a_hint() {
    for args in [
        &["rtc", "--channel", "c", "--uid", "1", "--expire", "1764066022"][..],
        &["rtc", "--channel", "c", "--uid", "1", "--privilege-expire", "1764066022"],
        &["rtc", "--channel", "c", "--uid", "1", "--privileges", "1h,1764066022,0,0"],
        &["rtm", "--user-id", "a", "--expire", "946684800"],
        &["chat", "--app", "--expire", "11000d"],
    ] {
        let output = agora_token(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        let message = stderr(&output);
        assert!(message.contains("lifetime counted from the issue time"), "{message}");
        assert!(message.contains("1h"), "{message}");
        assert!(stdout(&output).is_empty());
    }
    let message = stderr(&agora_token(&["rtm", "--user-id", "a", "--expire", "1764066022"]));
    assert!(message.contains("looks like an absolute Unix timestamp (2025-11-25T10:20:22Z)"), "{message}");
    // Just under the core's threshold: a (very long) lifetime, built with a warning.
    let long = agora_token(&["rtm", "--user-id", "a", "--expire", "946684799", "--token-only"]);
    assert!(long.status.success(), "{}", stderr(&long));
    let three = agora_token(&["rtc", "--channel", "c", "--uid", "1", "--privileges", "1h,1h,0"]);
    assert_eq!(three.status.code(), Some(2));
    assert!(stderr(&three).contains("expected four lifetimes"), "{}", stderr(&three));
    for text in ["1x", "1h30", "1.5h", "1 h"] {
        let output = agora_token(&["rtm", "--user-id", "a", "--expire", text]);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(stderr(&output).contains("not a duration"), "{}", stderr(&output));
    }
}

#[test]
fn lifetimes_over_a_day_build_with_a_warning() {
    let output = agora_token(&["rtm", "--user-id", "a", "--expire", "2d", "--token-only"]);
    token_only(&output);
    assert!(stderr(&output).contains("warning: the token lifetime is 172800 (2d); the service caps tokens at 24 hours"));
    let quiet = agora_token(&["rtm", "--user-id", "a", "--expire", "1d", "--token-only"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn absolute_times_take_unix_seconds_rfc3339_and_offsets_from_now() {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let rtc = json(&agora_token(&[
        "legacy-006",
        "--channel",
        "c",
        "--uid",
        "1",
        "--role",
        "subscriber",
        "--privilege-expires-at",
        "+2h",
        "--expires-at",
        "2099-01-01T00:00:00Z",
        "--json",
    ]));
    assert_eq!(rtc["expires_at"]["unix"], 4_070_908_800u64);
    let privilege = rtc["services"][0]["privileges"][0]["value"].as_u64().unwrap();
    assert!((now + 7200..now + 7300).contains(&privilege), "{privilege} vs {now}");

    let never = json(&agora_token(&["legacy-006", "--rtm-account", "a", "--expires-at", "+1d", "--json"]));
    assert_eq!(never["services"][0]["privileges"][0]["value"], 0);
    let expires = never["expires_at"]["unix"].as_u64().unwrap();
    assert!((now + 86_400..now + 86_500).contains(&expires));

    let dk =
        json(&agora_token(&["dynamic-key", "--channel", "c", "--expires-at", "2030-06-01T12:00:00+02:00", "--json"]));
    assert_eq!(dk["expires_at"], 1_906_538_400);
    let signaling = json(&agora_token(&["signaling", "--account", "a", "--expires-at", "1906538400", "--json"]));
    assert_eq!(signaling["expires_at"], 1_906_538_400);

    for args in [
        &["legacy-006", "--channel", "c", "--privilege-expires-at", "3600"][..],
        &["dynamic-key", "--channel", "c", "--expires-at", "86400"],
        &["signaling", "--account", "a", "--expires-at", "3600"],
        &["legacy-006", "--channel", "c", "--expires-at", "2030-01-01T00:00:00"],
        &["explain", RTC_UID_JOIN, "--at", "tomorrow"],
    ] {
        let output = agora_token(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
    }

    let judged = json(&agora_token(&["explain", RTC_UID_JOIN, "--at", "1970-01-13T20:40:00Z", "--json"]));
    assert_eq!(judged["now"]["unix"], 1_111_200);
    assert_eq!(judged["expired"], false);
}

// ---------------------------------------------------------------------------------------------
// Output: --token-only, --json (the shape of inspect --json) and text, for every build command.

/// One invocation of every build command (reproducible where the family allows it).
fn every_build_command() -> Vec<Vec<&'static str>> {
    let fixed = ["--issued-at", "1764066022", "--salt", "7"];
    let with = |args: &[&'static str]| [args, &fixed[..]].concat();
    vec![
        with(&["rtc", "--channel", "room", "--uid", "42"]),
        with(&["rtc", "--channel", "room", "--account", "alice", "--with-rtm"]),
        with(&["rtm", "--user-id", "alice"]),
        with(&["rtm2", "--user-id", "alice", "--permission", "read:message-channels=lobby,news"]),
        with(&["chat", "--user-id", "alice"]),
        with(&["chat", "--app"]),
        with(&["fpa"]),
        with(&["apaas", "--room-uuid", "r", "--user-uuid", "u", "--role", "1"]),
        with(&["apaas", "--app"]),
        with(&["convo-ai", "--channel", "room", "--account", "agent"]),
        with(&["stt", "--channel", "room", "--account", "agent"]),
        with(&["streaming", "--channel", "room", "--uid", "42"]),
        with(&["fcdn", "--channel", "room", "--account", "cdn"]),
        vec!["legacy-006", "--channel", "room", "--uid", "42", "--expires-at", "2099-01-01T00:00:00Z", "--salt", "7"],
        vec!["legacy-006", "--rtm-account", "alice", "--expires-at", "2099-01-01T00:00:00Z", "--salt", "7"],
        vec!["dynamic-key", "--channel", "room", "--unix-ts", "1764066022", "--random-int", "7"],
        vec!["dynamic-key", "--key-version", "4", "--channel", "room", "--unix-ts", "1764066022", "--random-int", "7"],
        vec!["signaling", "--account", "alice", "--expires-at", "2099-01-01T00:00:00Z"],
    ]
}

#[test]
fn every_build_command_prints_token_only_json_and_text() {
    for args in every_build_command() {
        let token = token_only(&agora_token(&[&args[..], &["--token-only"]].concat()));

        let built = json(&agora_token(&[&args[..], &["--json"]].concat()));
        assert_eq!(built["token"], token.as_str(), "{args:?}");
        let inspected = json(&agora_token(&["inspect", &token, "--json"]));
        let keys = |value: &serde_json::Value| value.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&built), keys(&inspected), "{args:?}: one JSON shape for decoded tokens");
        assert_eq!(built["token"], inspected["token"]);
        assert_eq!(built["services"], inspected["services"], "{args:?}");
        assert_eq!(built["app_id"].as_str().unwrap().to_lowercase(), APP_ID.to_lowercase());
        if token.starts_with("007") {
            // The build checks what it built with the certificate it used.
            assert_eq!(built["signature"], "valid", "{args:?}");
            assert!(!built["services"].as_array().unwrap().is_empty());
        }

        let text = stdout(&agora_token(&args));
        let first = text.lines().next().unwrap();
        assert_eq!(first.split_whitespace().collect::<Vec<_>>(), ["token", token.as_str()], "{args:?}");
        assert!(text.contains("app id"), "{text}");
    }
}

#[test]
fn build_text_shows_the_grants() {
    let text =
        stdout(&agora_token(&["rtc", "--channel", "room-1", "--uid", "42", "--role", "subscriber", "--expire", "90m"]));
    assert!(text.contains("lifetime      1h 30m  (5400 s)"), "{text}");
    assert!(text.contains("signature     valid"), "{text}");
    assert!(text.contains("service       RTC (1)"), "{text}");
    assert!(text.contains("  channel     \"room-1\""), "{text}");
    // No --privilege-expire: the core's DEFAULT_PRIVILEGE_EXPIRE, a privilege that lasts as long as the token.
    assert!(text.contains("  privileges  1  join channel  0  no limit of its own"), "{text}");
    assert!(!text.contains("publish"), "{text}");
}

#[test]
fn json_and_token_only_exclude_each_other() {
    let output = agora_token(&["rtm", "--user-id", "a", "--json", "--token-only"]);
    assert_eq!(output.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// Credentials: environment, certificate files, profiles, precedence, permissions.

#[test]
fn missing_credentials_are_an_environment_error_naming_every_source() {
    let home = temp_dir("missing");
    let no_certificate = bare(&home).args(["rtm", "--user-id", "alice"]).env("AGORA_APP_ID", APP_ID).output().unwrap();
    assert_eq!(no_certificate.status.code(), Some(6));
    let message = stderr(&no_certificate);
    for source in ["AGORA_APP_CERTIFICATE", "--certificate-file", "config.toml", "never taken as a flag value"] {
        assert!(message.contains(source), "{message}");
    }
    let no_app_id =
        bare(&home).args(["rtm", "--user-id", "alice"]).env("AGORA_APP_CERTIFICATE", CERT).output().unwrap();
    assert_eq!(no_app_id.status.code(), Some(6));
    assert!(stderr(&no_app_id).contains("AGORA_APP_ID"), "{}", stderr(&no_app_id));
}

#[test]
fn the_certificate_is_not_a_flag() {
    let output = agora_token(&["rtm", "--user-id", "alice", "--certificate", CERT]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains(CERT));
}

#[test]
fn invalid_certificate_is_invalid_input_and_never_echoed() {
    let home = temp_dir("invalid-cert");
    let bad = "5CFd2fd1755d40ecb72977518be15d3Z";
    let output = bare(&home)
        .args(["rtm", "--user-id", "alice"])
        .env("AGORA_APP_ID", APP_ID)
        .env("AGORA_APP_CERTIFICATE", bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("app certificate must be 32 hexadecimal characters"));
    assert!(!stderr(&output).contains("5CFd2fd1"));
}

#[test]
fn certificate_files_must_be_private() {
    let home = temp_dir("certificate-file");
    let file = home.join("agora.cert");
    write_private(&file, &format!("{OTHER_CERT}\n"), 0o600);
    let file_arg = file.to_str().unwrap();
    let built = bare(&home)
        .args(["rtm", "--user-id", "a", "--certificate-file", file_arg, "--token-only"])
        .env("AGORA_APP_ID", APP_ID)
        .env("AGORA_APP_CERTIFICATE", CERT) // the flag wins over the variable
        .output()
        .unwrap();
    let token = token_only(&built);
    let verified = bare(&home).args(["verify", &token, "--certificate-file", file_arg]).output().unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));

    for mode in [0o644, 0o640, 0o604, 0o660] {
        write_private(&file, OTHER_CERT, mode);
        let refused = bare(&home)
            .args(["rtm", "--user-id", "a", "--certificate-file", file_arg])
            .env("AGORA_APP_ID", APP_ID)
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(6), "{mode:o}");
        let message = stderr(&refused);
        assert!(message.contains(&format!("chmod 600 {file_arg}")), "{message}");
        assert!(message.contains(&format!("{mode:04o}")), "{message}");
        assert!(!message.contains(OTHER_CERT));
    }

    let missing =
        bare(&home).args(["verify", RTC_UID_JOIN, "--certificate-file", "/nonexistent/cert"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(6));
}

#[test]
fn the_certificate_file_can_be_standard_input() {
    let home = temp_dir("certificate-stdin");
    let mut child = bare(&home)
        .args(["verify", RTC_UID_JOIN, "--certificate-file", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), CERT.as_bytes()).unwrap();
    drop(child.stdin.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "signature valid");

    let both = bare(&home).args(["explain", "-", "--certificate-file", "-"]).output().unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("standard input"));
}

const CONFIG: &str = "
[profiles.default]
app_id = \"970CA35de60c44645bbae8a215061b33\"
certificate = \"5CFd2fd1755d40ecb72977518be15d3b\"

[profiles.staging]
app_id = \"b9b595bcfd72479d894abe7a8cf0c37e\"
certificate_file = \"staging.cert\"
";

/// A HOME with the config file under XDG_CONFIG_HOME and the staging certificate beside it.
fn configured_home(name: &str) -> (PathBuf, PathBuf) {
    let home = temp_dir(name);
    let config_dir = home.join("xdg");
    write_private(&config_dir.join("agora-token/config.toml"), CONFIG, 0o600);
    write_private(&config_dir.join("agora-token/staging.cert"), OTHER_CERT, 0o600);
    (home, config_dir)
}

fn app_id_of(output: &Output) -> String {
    json(output)["app_id"].as_str().unwrap().to_owned()
}

#[test]
fn profiles_come_from_the_xdg_config_file() {
    let (home, xdg) = configured_home("profiles");
    let build = |extra: &[&str], profile_var: Option<&str>| {
        let mut command = bare(&home);
        command.args(["rtm", "--user-id", "a", "--json"]).args(extra).env("XDG_CONFIG_HOME", &xdg);
        if let Some(profile) = profile_var {
            command.env("AGORA_PROFILE", profile);
        }
        command.output().unwrap()
    };
    assert_eq!(app_id_of(&build(&[], None)), APP_ID, "the default profile");
    assert_eq!(app_id_of(&build(&["--profile", "staging"], None)), OTHER_APP_ID);
    assert_eq!(app_id_of(&build(&[], Some("staging"))), OTHER_APP_ID);

    // The staging token is signed with the staging certificate, read from a path relative to the config file.
    let token = json(&build(&["--profile", "staging"], None))["token"].as_str().unwrap().to_owned();
    let verified = bare(&home).args(["verify", &token]).env("AGORA_APP_CERTIFICATE", OTHER_CERT).output().unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));

    let unknown = build(&["--profile", "prod"], None);
    assert_eq!(unknown.status.code(), Some(6));
    assert!(stderr(&unknown).contains("profile \"prod\" (from --profile) not found"), "{}", stderr(&unknown));
    assert!(stderr(&unknown).contains("[profiles.prod]"));
    let unknown_var = build(&[], Some("prod"));
    assert_eq!(unknown_var.status.code(), Some(6));
    assert!(stderr(&unknown_var).contains("AGORA_PROFILE"));
}

#[test]
fn without_xdg_config_home_the_config_is_under_home() {
    let home = temp_dir("home-config");
    write_private(&home.join(".config/agora-token/config.toml"), CONFIG, 0o600);
    let output = bare(&home).args(["chat", "--app", "--json"]).output().unwrap();
    assert_eq!(app_id_of(&output), APP_ID);
    // A relative XDG_CONFIG_HOME is ignored, as the XDG specification says.
    let relative = bare(&home).args(["chat", "--app", "--json"]).env("XDG_CONFIG_HOME", "xdg").output().unwrap();
    assert_eq!(app_id_of(&relative), APP_ID);
}

#[test]
fn the_config_file_must_be_private_and_well_formed() {
    let (home, xdg) = configured_home("config-checks");
    let config = xdg.join("agora-token/config.toml");
    let run = || bare(&home).args(["rtm", "--user-id", "a"]).env("XDG_CONFIG_HOME", &xdg).output().unwrap();

    write_private(&config, CONFIG, 0o644);
    let open = run();
    assert_eq!(open.status.code(), Some(6));
    assert!(stderr(&open).contains(&format!("chmod 600 {}", config.display())), "{}", stderr(&open));

    // A mistyped key is refused by name; a broken line is reported by number, never quoted (it may hold the certificate).
    write_private(&config, "[profiles.default]\napp_id = \"x\"\napp_certifcate = \"c\"\n", 0o600);
    let typo = run();
    assert_eq!(typo.status.code(), Some(6));
    assert!(stderr(&typo).contains("app_certifcate"), "{}", stderr(&typo));
    write_private(&config, &format!("[profiles.default]\ncertificate = {CERT}\n"), 0o600);
    let broken = run();
    assert_eq!(broken.status.code(), Some(6));
    assert!(stderr(&broken).contains("config.toml line 2"), "{}", stderr(&broken));
    assert!(!stderr(&broken).contains("5CFd2fd1"), "{}", stderr(&broken));

    write_private(&config, "[profiles.default]\ncertificate = \"a\"\ncertificate_file = \"b\"\n", 0o600);
    assert!(stderr(&run()).contains("not both"));

    // Flags and variables that give both values never read the config file.
    write_private(&config, CONFIG, 0o644);
    // Commands that need only the certificate do not read the config for an app id.
    let verify = bare(&home)
        .args(["verify", RTC_UID_JOIN])
        .env("XDG_CONFIG_HOME", &xdg)
        .env("AGORA_APP_CERTIFICATE", CERT)
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", stderr(&verify));

    let flags = bare(&home)
        .args(["rtm", "--user-id", "a", "--app-id", APP_ID, "--token-only"])
        .env("XDG_CONFIG_HOME", &xdg)
        .env("AGORA_APP_CERTIFICATE", CERT)
        .output()
        .unwrap();
    token_only(&flags);
}

#[test]
fn precedence_is_flag_then_named_profile_then_environment_then_default_profile() {
    let (home, xdg) = configured_home("precedence");
    let cert_file = home.join("flag.cert");
    write_private(&cert_file, CERT, 0o600);
    let show = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = bare(&home);
        command.arg("credentials").args(args).env("XDG_CONFIG_HOME", &xdg);
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().unwrap();
        let text = stdout(&output);
        assert!(!text.contains(CERT) && !text.contains(OTHER_CERT), "the certificate is never shown: {text}");
        (output.status.code(), text)
    };
    let line = |text: &str, label: &str| text.lines().find(|l| l.starts_with(label)).unwrap().to_owned();
    let env_both = [("AGORA_APP_ID", "11111111111111111111111111111111"), ("AGORA_APP_CERTIFICATE", OTHER_CERT)];

    // 4. the default profile, when nothing else gives a value
    let (code, text) = show(&[], &[]);
    assert_eq!(code, Some(0));
    assert!(line(&text, "app id").contains(&format!("{APP_ID}  from profile \"default\" in ")), "{text}");
    assert!(line(&text, "certificate").contains("set  from profile \"default\""), "{text}");
    // 3. the environment beats the default profile and the profile AGORA_PROFILE names
    for env in [&env_both[..], &[env_both[0], env_both[1], ("AGORA_PROFILE", "staging")]] {
        let (_, text) = show(&[], env);
        assert!(line(&text, "app id").contains("11111111111111111111111111111111  from AGORA_APP_ID"), "{text}");
        assert!(line(&text, "certificate").contains("from AGORA_APP_CERTIFICATE"), "{text}");
    }
    // 2. a profile named on the command line beats the environment
    let (_, text) = show(&["--profile", "staging"], &env_both);
    assert!(line(&text, "app id").contains(&format!("{OTHER_APP_ID}  from profile \"staging\" (--profile)")), "{text}");
    assert!(line(&text, "certificate").contains("from profile \"staging\" (--profile)"), "{text}");
    // 1. flags beat everything, value by value
    let (_, text) = show(
        &["--profile", "staging", "--app-id", APP_ID, "--certificate-file", cert_file.to_str().unwrap()],
        &env_both,
    );
    assert!(line(&text, "app id").contains(&format!("{APP_ID}  from --app-id")), "{text}");
    assert!(line(&text, "certificate").contains(&format!("from --certificate-file {}", cert_file.display())), "{text}");
    // Each value falls through on its own: the variable's app id with the default profile's certificate.
    let (_, text) = show(&[], &[env_both[0]]);
    assert!(line(&text, "app id").contains("from AGORA_APP_ID"), "{text}");
    assert!(line(&text, "certificate").contains("from profile \"default\""), "{text}");

    // Nothing anywhere: exit 6, and the listing says what is missing.
    let empty = temp_dir("precedence-empty");
    let output = bare(&empty).arg("credentials").output().unwrap();
    assert_eq!(output.status.code(), Some(6));
    assert!(stdout(&output).contains("not found"), "{}", stdout(&output));
    assert!(stdout(&output).contains("(does not exist)"), "{}", stdout(&output));
}

// ---------------------------------------------------------------------------------------------
// explain, inspect, verify: text layout, colour, exit codes.

#[test]
fn verify_exit_codes() {
    assert!(agora_token(&["verify", RTC_UID_JOIN]).status.success());
    let home = temp_dir("verify");
    let wrong = bare(&home)
        .args(["verify", RTC_UID_JOIN])
        .env("AGORA_APP_CERTIFICATE", "5cfd2fd1755d40ecb72977518be15d3c")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(5));
    let malformed = agora_token(&["verify", "007notbase64!"]);
    assert_eq!(malformed.status.code(), Some(4));
    let no_certificate = bare(&home).args(["verify", RTC_UID_JOIN]).output().unwrap();
    assert_eq!(no_certificate.status.code(), Some(6));
}

#[test]
fn explain_json_answers_the_join_question() {
    let args = ["explain", RTC_UID_JOIN, "--channel", CHANNEL, "--uid", "2882341273", "--at", "1111200", "--json"];
    let json = json(&agora_token(&args));
    assert_eq!(json["token"], RTC_UID_JOIN);
    assert_eq!(json["signature"], "valid");
    assert_eq!(json["access"]["can_join"], true);
    assert_eq!(json["access"]["can_publish_audio"], false);
    assert_eq!(json["access"]["reasons"][0]["reason"], "publish_privilege_missing");

    let refused = agora_token(&["explain", RTC_UID_JOIN, "--channel", "other", "--uid", "1", "--check"]);
    assert_eq!(refused.status.code(), Some(7));
    assert!(stdout(&refused).contains("not this one"));
    let admitted = agora_token(&[
        "explain",
        RTC_UID_JOIN,
        "--channel",
        CHANNEL,
        "--uid",
        "2882341273",
        "--at",
        "1111200",
        "--check",
    ]);
    assert_eq!(admitted.status.code(), Some(0));
}

#[test]
fn explain_answers_rtm_and_sdk_error_questions() {
    let token = stdout(&agora_token(&[
        "rtm",
        "--user-id",
        "alice",
        "--expire",
        "10m",
        "--issued-at",
        "1700000000",
        "--salt",
        "1",
        "--token-only",
    ]));
    let token = token.trim();
    let ask = |extra: &[&str]| {
        let mut args = vec!["explain", token, "--at", "1700000100"];
        args.extend_from_slice(extra);
        agora_token(&args)
    };
    let login = json(&ask(&["--user-id", "bob", "--sdk-error", "rtm-login-5", "--json"]));
    assert_eq!(login["verdicts"][0]["service"], "RTM");
    assert_eq!(login["verdicts"][0]["allowed"], false);
    assert_eq!(login["sdk_error"]["code"], "rtm-login-5");
    assert_eq!(login["sdk_error"]["explained_by"][0]["reason"], "user_mismatch");
    let text = stdout(&ask(&["--user-id", "bob", "--sdk-error", "rtm-login-5"]));
    assert!(text.contains("explained by") && text.contains("LOGIN_ERR_INVALID_TOKEN (5)"), "{text}");
    assert_eq!(ask(&["--user-id", "bob", "--check"]).status.code(), Some(7));
    assert_eq!(ask(&["--user-id", "alice", "--check"]).status.code(), Some(0));
    let wrong_project = json(&ask(&["--expected-app-id", "ffffffffffffffffffffffffffffffff", "--json"]));
    assert_eq!(wrong_project["verdicts"][0]["reasons"][0]["reason"], "app_id_mismatch");
    let unknown = ask(&["--sdk-error", "rtc-17"]);
    assert_eq!(unknown.status.code(), Some(3), "invalid input: {unknown:?}");
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("rtc-110"));
}

#[test]
fn explain_accepts_the_secondary_certificate() {
    let home = temp_dir("secondary");
    let token = stdout(&agora_token(&["chat", "--user-id", "bob", "--expire", "10m", "--token-only"]));
    let explained = bare(&home)
        .args(["explain", token.trim(), "--json"])
        .env("AGORA_APP_CERTIFICATE", "00000000000000000000000000000000")
        .env("AGORA_APP_CERTIFICATE_SECONDARY", CERT)
        .output()
        .unwrap();
    let explanation = json(&explained);
    assert_eq!(explanation["signature"], "valid");
    assert_eq!(explanation["verified_with"], "secondary");
}

/// The column where the value of a row with this label starts.
fn value_column(text: &str, label: &str) -> usize {
    let line =
        text.lines().find(|line| line.trim_start().starts_with(label)).unwrap_or_else(|| panic!("{label}: {text}"));
    let after = line.find(label).unwrap() + label.len();
    after + line[after..].len() - line[after..].trim_start().len()
}

#[test]
fn explain_text_is_aligned() {
    let args = ["explain", RTC_UID_JOIN, "--channel", CHANNEL, "--uid", "7", "--at", "1111200"];
    let text = stdout(&agora_token(&args));
    let labels = [
        "version",
        "app id",
        "issued at",
        "lifetime",
        "expires at",
        "judged at",
        "salt",
        "signature",
        "service",
        "channel",
        "uid",
        "privileges",
        "access",
        "can join",
        "can publish",
        "because",
    ];
    let column = value_column(&text, "version");
    for label in labels {
        assert_eq!(value_column(&text, label), column, "{label}:\n{text}");
    }
    assert!(text.contains("can join     no"), "{text}");
    assert!(text.contains("expires at     1970-01-13T20:48:31Z  (1111711)  valid for 8m 31s"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when piped:\n{text}");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let args = ["explain", RTC_UID_JOIN, "--channel", CHANNEL, "--uid", "7", "--at", "1111200"];
    let home = temp_dir("colour");
    let run = |extra: &[&str], no_color: Option<&str>| {
        let mut command = bare(&home);
        command.args(args).args(extra).env("AGORA_APP_CERTIFICATE", CERT);
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        stdout(&command.output().unwrap())
    };
    let always = run(&["--color", "always"], None);
    assert!(always.contains("\u{1b}[1m\u{1b}[31mno"), "the refusal is red:\n{always:?}");
    assert!(always.contains("\u{1b}[32mvalid"), "{always:?}");
    // The flag overrides NO_COLOR (no-color.org); colour does not move the columns.
    assert!(run(&["--color", "always"], Some("1")).contains('\u{1b}'));
    let plain = run(&["--color", "never"], None);
    assert!(!plain.contains('\u{1b}'));
    assert_eq!(strip_ansi(&always), plain);
    assert!(!run(&[], None).contains('\u{1b}'), "auto and piped: no colour");
    let bad = bare(&home).args(args).args(["--color", "sometimes"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Runs the binary on a pseudo-terminal with util-linux `script` and returns what it printed.
fn on_a_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_agora-token"))
        .chain(args.iter().copied())
        .map(|arg| format!("'{}'", arg.replace('\'', "'\\''")))
        .collect();
    let home = temp_dir("pty");
    let mut command = Command::new("script");
    command.args(["-qec", &quoted.join(" "), "/dev/null"]).env_clear().env("HOME", &home).env("TERM", "xterm");
    command.env("PATH", std::env::var_os("PATH").unwrap_or_default()).stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("util-linux `script` runs (Debian package bsdutils)");
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    let args = ["explain", RTC_UID_JOIN, "--channel", CHANNEL, "--uid", "7", "--at", "1111200"];
    let coloured = on_a_terminal(&args, &[("AGORA_APP_CERTIFICATE", CERT)]);
    assert!(coloured.contains("\u{1b}[1m\u{1b}[31mno"), "{coloured:?}");
    let no_color = on_a_terminal(&args, &[("AGORA_APP_CERTIFICATE", CERT), ("NO_COLOR", "1")]);
    assert!(no_color.contains("can join"), "{no_color:?}");
    assert!(!no_color.contains('\u{1b}'), "{no_color:?}");
    let never = on_a_terminal(&[&args[..], &["--color", "never"]].concat(), &[("AGORA_APP_CERTIFICATE", CERT)]);
    assert!(!never.contains('\u{1b}'), "{never:?}");
    // An empty NO_COLOR does not count (no-color.org).
    let empty = on_a_terminal(&args, &[("AGORA_APP_CERTIFICATE", CERT), ("NO_COLOR", "")]);
    assert!(empty.contains('\u{1b}'), "{empty:?}");
}

#[test]
fn inspect_reads_every_family_without_a_certificate() {
    let home = temp_dir("inspect");
    let output = bare(&home).args(["inspect", RTC_UID_JOIN]).output().unwrap();
    assert!(stdout(&output).contains("signature     not checked"), "{}", stdout(&output));
    let output = bare(&home).args(["inspect", DK5_MEDIA_CHANNEL, "--json"]).output().unwrap();
    let json = json(&output);
    assert_eq!(json["version"], "005");
    assert_eq!(json["unix_ts"], 1_446_455_472);
    assert_eq!(json["token"], DK5_MEDIA_CHANNEL);
    let text = stdout(&bare(&home).args(["inspect", DK5_MEDIA_CHANNEL]).output().unwrap());
    assert!(text.contains("unix ts       1446455472  2015-11-02T09:11:12Z"), "{text}");
    let malformed = bare(&home).args(["inspect", "007AAAA"]).output().unwrap();
    assert_eq!(malformed.status.code(), Some(4));
}

#[test]
fn negative_android_uids_are_read_as_unsigned() {
    let json = json(&agora_token(&["rtc", "--channel", "c", "--uid", "-1", "--json"]));
    assert_eq!(json["services"][0]["fields"][1][1], "4294967295");
}

#[test]
fn demo_runs_without_credentials() {
    let home = temp_dir("demo");
    let output = bare(&home).arg("demo").output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("DEMO CREDENTIALS"));
    assert!(text.contains("can join     yes"), "{text}");
    assert!(text.contains("can join     no"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Completions and man pages.

#[test]
fn completions_for_bash_zsh_and_fish() {
    for (shell, marker) in
        [("bash", "complete -F"), ("zsh", "#compdef agora-token"), ("fish", "complete -c agora-token")]
    {
        let output = agora_token(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}");
        for word in ["explain", "certificate-file", "token-only", "legacy-006"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    assert_eq!(agora_token(&["completions", "tcsh"]).status.code(), Some(2));
    // bash can load what it generated.
    let script = stdout(&agora_token(&["completions", "bash"]));
    let check = Command::new("bash").args(["-c", &format!("{script}\ncomplete -p agora-token")]).output().unwrap();
    assert!(stdout(&check).contains("agora-token"), "{}", stderr(&check));
}

#[test]
fn man_page_from_the_clap_definition() {
    let output = agora_token(&["man"]);
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(page.contains(".TH agora-token 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS", "EXIT CODES", "AGORA_PROFILE", "chmod 600"] {
        assert!(page.contains(section), "{section}");
    }

    let dir = temp_dir("man").join("share/man/man1");
    let output = agora_token(&["man", "--out-dir", dir.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    for page in ["agora-token.1", "agora-token-rtc.1", "agora-token-explain.1", "agora-token-legacy-006.1"] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(text.contains(".TH"), "{page}");
    }
    let rtc = std::fs::read_to_string(dir.join("agora-token-rtc.1")).unwrap();
    assert!(rtc.contains("expire"), "{rtc}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(agora_token(&["rtc", "--channel"]).status.code(), Some(2));
    assert_eq!(agora_token(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(agora_token(&[]).status.code(), Some(2));
    assert_eq!(agora_token(&["--version"]).status.code(), Some(0));
}

#[test]
fn the_readme_documents_every_exit_code() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for code in 0..=7 {
        assert!(readme.contains(&format!("| {code} |")), "exit code {code} in README.md");
    }
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    // The read end is closed before the child writes (it is still starting), so its writes fail with EPIPE.
    for args in [&["man"][..], &["completions", "bash"], &["demo"]] {
        let home = temp_dir(&format!("epipe-{}", args[0]));
        let mut child = bare(&home).args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    }
}
