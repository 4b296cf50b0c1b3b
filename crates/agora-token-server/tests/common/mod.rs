//! Starts the real `agora-token-server` binary on a loopback port and decodes what it
//! returns with the core crate.

#![allow(dead_code)] // each test file uses a different part of this module

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use agora_token::{AppCertificate, Payload, RtcPrivilege, RtcService, Service};

pub const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
pub const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
pub const BIN: &str = env!("CARGO_BIN_EXE_agora-token-server");

/// Environment every test server gets unless the test overrides it: real-shaped
/// credentials, loopback, a free port, open access, JSON logs, no rate limits.
const DEFAULTS: [(&str, &str); 8] = [
    ("APP_ID", APP_ID),
    ("APP_CERTIFICATE", CERT),
    ("HOST", "127.0.0.1"),
    ("PORT", "0"),
    ("OPEN_ACCESS", "true"),
    ("LOG_FORMAT", "json"),
    ("RATE_LIMIT_PER_IP", "0"),
    ("RATE_LIMIT_PER_CALLER", "0"),
];

/// A running server process whose stdout and stderr are captured.
pub struct Server {
    child: Child,
    pub base: String,
    output: Arc<Mutex<String>>,
}

impl Server {
    /// Starts with the defaults overridden by `env` (an empty value unsets a default).
    pub fn start(env: &[(&str, &str)]) -> Server {
        Server::start_with(&[], env)
            .unwrap_or_else(|(status, output)| panic!("server did not start ({status:?}):\n{output}"))
    }

    /// Starts with arguments; on failure, the exit status and everything it printed.
    pub fn start_with(args: &[&str], env: &[(&str, &str)]) -> Result<Server, (Option<ExitStatus>, String)> {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            // No .env file here: only what the test sets.
            .current_dir(std::env::temp_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in DEFAULTS.iter().chain(env) {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("spawn agora-token-server");
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel::<String>();
        for stream in [
            child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
            child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let output = Arc::clone(&output);
            let tx = tx.clone();
            thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    output.lock().unwrap().push_str(&line);
                    output.lock().unwrap().push('\n');
                    if let Some(at) = line.find("listening on http://") {
                        let rest = &line[at + "listening on ".len()..];
                        let url: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '"').collect();
                        let _ = tx.send(url);
                    }
                }
            });
        }
        drop(tx);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(base) => return Ok(Server { child, base, output }),
                // A server that exits closes its pipes: the readers end and the channel
                // disconnects once they have read everything (a fixed wait here lost the output
                // of a server that exited while the machine was busy).
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if Instant::now() > deadline {
                        let _ = child.kill();
                        return Err((None, output.lock().unwrap().clone()));
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait().ok();
                    return Err((status, output.lock().unwrap().clone()));
                }
            }
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// Everything the process printed so far (stdout and stderr).
    pub fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal by name (`TERM`, `INT`) with the system's `kill`.
    pub fn signal(&self, name: &str) {
        let status =
            Command::new("kill").arg(format!("-{name}")).arg(self.pid().to_string()).status().expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits for the process to exit.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader threads collect the last lines.
                thread::sleep(Duration::from_millis(100));
                return Some(status);
            }
            thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn client() -> reqwest::Client {
    // reqwest is built with rustls and no default provider (as the server is): pick ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().timeout(Duration::from_secs(20)).build().unwrap()
}

pub async fn get_json(url: &str) -> (u16, serde_json::Value) {
    let response = client().get(url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

pub async fn post_json(url: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
    let response = client().post(url).json(&body).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

/// Decodes and verifies a token with the core, checking it was issued just now.
pub fn payload(token: &str) -> Payload {
    let cert = AppCertificate::new(CERT).unwrap();
    let payload = agora_token::decode(token, &cert).unwrap_or_else(|e| panic!("{token}: {e}")).into_payload();
    assert_eq!(payload.app_id(), APP_ID);
    let now = agora_token::clock::now().unwrap();
    assert!(now.abs_diff(payload.issued_at()) <= 5, "issued at {} but now is {now}", payload.issued_at());
    payload
}

/// The only RTC service of a token.
pub fn rtc(payload: &Payload) -> RtcService {
    let rtc: Vec<&RtcService> =
        payload.services().iter().filter_map(|s| if let Service::Rtc(r) = s { Some(r) } else { None }).collect();
    assert_eq!(rtc.len(), 1, "{payload:?}");
    rtc[0].clone()
}

/// Checks an RTC token: channel, packed uid, role privileges and lifetimes.
pub fn assert_rtc(token: &str, channel: &str, uid: &str, publisher: bool, expire: u32) {
    let p = payload(token);
    assert_eq!(p.expire(), expire, "token lifetime");
    let rtc = rtc(&p);
    assert_eq!(rtc.channel_name, channel);
    assert_eq!(rtc.uid, uid);
    assert_eq!(rtc.privileges.get(RtcPrivilege::JoinChannel), Some(expire), "join");
    let publish = if publisher { Some(expire) } else { None };
    assert_eq!(rtc.privileges.get(RtcPrivilege::PublishAudioStream), publish, "publish audio");
    assert_eq!(rtc.privileges.get(RtcPrivilege::PublishVideoStream), publish, "publish video");
    assert_eq!(rtc.privileges.get(RtcPrivilege::PublishDataStream), publish, "publish data");
}

/// A JWT (HS256) for tests.
pub fn jwt(secret: &str, claims: serde_json::Value) -> String {
    use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
    encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

pub fn in_an_hour() -> u64 {
    u64::from(agora_token::clock::now().unwrap()) + 3600
}

/// The value of one Prometheus sample (`name{labels}` exactly as written) in `/metrics` text.
pub fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|line| {
            line.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')).and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}
