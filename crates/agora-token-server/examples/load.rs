//! A small HTTP/1.1 load generator for `scripts/load-server.sh`: keep-alive connections
//! sending GET requests to one URL for a fixed time, reporting requests/s, p50/p99
//! latency and errors; optionally sends SIGTERM to the server mid-run and reports how
//! the requests around it ended (the drain check).
//!
//! ```text
//! cargo run --release -p agora-token-server --example load -- \
//!     --url http://127.0.0.1:8080/rtc/load/publisher/uid/42/ --duration 10 --connections 32 \
//!     [--header "Authorization: Bearer KEY"] [--label name] [--sigterm-pid PID --sigterm-after SECS]
//! ```
//!
//! A response counts as OK when it is a 200 whose body holds a `007` token.
//!
//! For the JWKS run, `load --make-jwks FILE --issuer ISS` writes a JWKS with a fresh RS256
//! key (the algorithm Firebase, Auth0, Cognito, Keycloak and Clerk sign with) to FILE and
//! prints a JWT signed with it (subject `42`, valid for an hour).

// A command-line tool: its report is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

#[derive(Debug, Clone)]
struct Options {
    url: String,
    duration: Duration,
    connections: usize,
    threads: usize,
    headers: Vec<(String, String)>,
    label: String,
    sigterm_pid: Option<u32>,
    sigterm_after: Duration,
}

/// What one worker saw, split at the signal (if any).
#[derive(Debug, Default, Clone)]
struct Tally {
    latencies_us: Vec<u32>,
    ok_after_signal: u64,
    bad_status: u64,
    broken_response: u64,
    refused: u64,
    closed_before_response: u64,
    other_errors: u64,
    errors_before_signal: u64,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.latencies_us.extend(other.latencies_us);
        self.ok_after_signal += other.ok_after_signal;
        self.bad_status += other.bad_status;
        self.broken_response += other.broken_response;
        self.refused += other.refused;
        self.closed_before_response += other.closed_before_response;
        self.other_errors += other.other_errors;
        self.errors_before_signal += other.errors_before_signal;
    }

    fn errors(&self) -> u64 {
        self.bad_status + self.broken_response + self.refused + self.closed_before_response + self.other_errors
    }
}

fn usage() -> String {
    "usage: load --url URL [--duration SECS] [--connections N] [--threads N] [--header 'Name: value']... \
     [--label TEXT] [--sigterm-pid PID --sigterm-after SECS]"
        .to_owned()
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        url: String::new(),
        duration: Duration::from_secs(10),
        connections: 32,
        threads: 1,
        headers: Vec::new(),
        label: "load".to_owned(),
        sigterm_pid: None,
        sigterm_after: Duration::from_secs(1),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value\n{}", usage()));
        let number = |text: String| text.parse::<u64>().map_err(|_| format!("{flag}: {text:?} is not a number"));
        match flag.as_str() {
            "--url" => o.url = value()?,
            "--duration" => o.duration = Duration::from_secs(number(value()?)?),
            "--connections" => o.connections = usize::try_from(number(value()?)?).map_err(|e| e.to_string())?,
            "--threads" => o.threads = usize::try_from(number(value()?)?).map_err(|e| e.to_string())?.max(1),
            "--header" => {
                let text = value()?;
                let (name, val) =
                    text.split_once(':').ok_or_else(|| format!("--header {text:?}: use 'Name: value'"))?;
                o.headers.push((name.trim().to_owned(), val.trim().to_owned()));
            }
            "--label" => o.label = value()?,
            "--sigterm-pid" => o.sigterm_pid = Some(u32::try_from(number(value()?)?).map_err(|e| e.to_string())?),
            "--sigterm-after" => o.sigterm_after = Duration::from_secs(number(value()?)?),
            _ => return Err(format!("unknown argument {flag:?}\n{}", usage())),
        }
    }
    if !o.url.starts_with("http://") {
        return Err(format!("--url must be an http:// URL\n{}", usage()));
    }
    Ok(o)
}

/// `host:port` and `/path?query` of an http:// URL.
fn split_url(url: &str) -> (String, String) {
    let rest = url.trim_start_matches("http://");
    match rest.find('/') {
        Some(i) => (rest[..i].to_owned(), rest[i..].to_owned()),
        None => (rest.to_owned(), "/".to_owned()),
    }
}

/// Counts one error of a kind, noting whether it happened before the signal.
fn error(tally: &mut Tally, kind: fn(&mut Tally) -> &mut u64, signalled: &AtomicBool) {
    *kind(tally) += 1;
    if !signalled.load(Ordering::Relaxed) {
        tally.errors_before_signal += 1;
    }
}

async fn worker(options: Arc<Options>, deadline: Instant, signalled: Arc<AtomicBool>) -> Tally {
    let (authority, path) = split_url(&options.url);
    let mut tally = Tally::default();
    while Instant::now() < deadline {
        let stream = match TcpStream::connect(&authority).await {
            Ok(stream) => stream,
            Err(_) => {
                error(&mut tally, |t| &mut t.refused, &signalled);
                if signalled.load(Ordering::Relaxed) {
                    // The draining server has closed its listener: this connection is done.
                    return tally;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok((mut sender, connection)) = http1::handshake::<_, Empty<Bytes>>(TokioIo::new(stream)).await else {
            error(&mut tally, |t| &mut t.refused, &signalled);
            continue;
        };
        tokio::spawn(connection);
        while Instant::now() < deadline {
            if sender.ready().await.is_err() {
                // The server closed this keep-alive connection (e.g. while draining).
                break;
            }
            let mut builder = Request::get(path.as_str()).header("host", authority.as_str());
            for (name, value) in &options.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            let Ok(request) = builder.body(Empty::<Bytes>::new()) else {
                error(&mut tally, |t| &mut t.other_errors, &signalled);
                return tally;
            };
            let started = Instant::now();
            match sender.send_request(request).await {
                Ok(response) => {
                    let status = response.status();
                    let body = response.into_body().collect().await.map(|b| b.to_bytes());
                    let elapsed = u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX);
                    match body {
                        Ok(body) if status == 200 && body.windows(4).any(|w| w == b"\"007") => {
                            tally.latencies_us.push(elapsed);
                            if signalled.load(Ordering::Relaxed) {
                                tally.ok_after_signal += 1;
                            }
                        }
                        Ok(_) => error(&mut tally, |t| &mut t.bad_status, &signalled),
                        // A response that started and then broke: never acceptable.
                        Err(_) => error(&mut tally, |t| &mut t.broken_response, &signalled),
                    }
                }
                Err(e) if closed_before_response(&e) => {
                    // The connection closed (or was reset) before any response: the server
                    // had not taken the request, e.g. it closed this idle keep-alive connection
                    // while draining as the request was sent.
                    error(&mut tally, |t| &mut t.closed_before_response, &signalled);
                    break;
                }
                Err(e) => {
                    if tally.other_errors < 3 {
                        eprintln!("request error: {e} ({:?})", std::error::Error::source(&e));
                    }
                    error(&mut tally, |t| &mut t.other_errors, &signalled);
                    break;
                }
            }
        }
    }
    tally
}

/// Whether a send failed because the connection ended before any response arrived.
fn closed_before_response(e: &hyper::Error) -> bool {
    if e.is_incomplete_message() || e.is_canceled() {
        return true;
    }
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            return matches!(io.kind(), std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe);
        }
        source = inner.source();
    }
    false
}

fn percentile(sorted: &[u32], p: usize) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = (sorted.len() * p / 100).min(sorted.len() - 1);
    f64::from(sorted[index]) / 1000.0
}

async fn run(options: Options) -> Tally {
    let options = Arc::new(options);
    let started = Instant::now();
    let deadline = started + options.duration;
    let signalled = Arc::new(AtomicBool::new(false));
    if let Some(pid) = options.sigterm_pid {
        let (after, signalled) = (options.sigterm_after, signalled.clone());
        tokio::spawn(async move {
            tokio::time::sleep(after).await;
            signalled.store(true, Ordering::Relaxed);
            match std::process::Command::new("kill").arg("-TERM").arg(pid.to_string()).status() {
                Ok(status) if status.success() => eprintln!("[{:.1}s] sent SIGTERM to {pid}", after.as_secs_f64()),
                other => eprintln!("could not signal {pid}: {other:?}"),
            }
        });
    }
    let workers: Vec<_> =
        (0..options.connections).map(|_| tokio::spawn(worker(options.clone(), deadline, signalled.clone()))).collect();
    let mut total = Tally::default();
    for w in workers {
        if let Ok(tally) = w.await {
            total.merge(tally);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    total.latencies_us.sort_unstable();
    let ok = total.latencies_us.len();
    #[allow(clippy::cast_precision_loss)] // a request count far below 2^52
    let rps = ok as f64 / elapsed;
    println!(
        "{:<34} {:>10} ok {:>6} errors {:>10.0} req/s  p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>8.3} ms",
        options.label,
        ok,
        total.errors(),
        rps,
        percentile(&total.latencies_us, 50),
        percentile(&total.latencies_us, 99),
        total.latencies_us.last().map_or(0.0, |m| f64::from(*m) / 1000.0),
    );
    // For scripts: one key=value line.
    println!(
        "result label={} ok={ok} errors={} rps={rps:.0} p50_ms={:.3} p99_ms={:.3}",
        options.label.replace(' ', "_"),
        total.errors(),
        percentile(&total.latencies_us, 50),
        percentile(&total.latencies_us, 99),
    );
    if options.sigterm_pid.is_some() {
        println!(
            "  drain: {} OK responses after SIGTERM; errors before SIGTERM {}; bad status {}; broken responses {}; \
             connections refused after the listener closed {} (each worker stops there); idle keep-alive closed before a response {}; other {}",
            total.ok_after_signal,
            total.errors_before_signal,
            total.bad_status,
            total.broken_response,
            total.refused,
            total.closed_before_response,
            total.other_errors,
        );
    }
    total
}

/// `--make-jwks FILE --issuer ISS`: see the module documentation.
fn make_jwks(args: &[String]) -> Result<String, String> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::traits::PublicKeyParts;

    let (Some(path), Some("--issuer"), Some(issuer)) = (args.first(), args.get(1).map(String::as_str), args.get(2))
    else {
        return Err("usage: load --make-jwks FILE --issuer ISSUER".to_owned());
    };
    let key = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, 2048).map_err(|e| e.to_string())?;
    let public = key.to_public_key();
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let jwks = serde_json::json!({"keys": [{"kty": "RSA", "kid": "load-key", "alg": "RS256", "use": "sig",
        "n": b64(&public.n().to_bytes_be()), "e": b64(&public.e().to_bytes_be())}]});
    std::fs::write(path, jwks.to_string()).map_err(|e| format!("{path}: {e}"))?;
    let der = key.to_pkcs1_der().map_err(|e| e.to_string())?;
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
    header.kid = Some("load-key".to_owned());
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_err(|e| e.to_string())?.as_secs();
    let claims = serde_json::json!({"iss": issuer, "sub": "42", "iat": now, "exp": now + 3600});
    jsonwebtoken::encode(&header, &claims, &jsonwebtoken::EncodingKey::from_rsa_der(der.as_bytes()))
        .map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--make-jwks") {
        return match make_jwks(&args[1..]) {
            Ok(jwt) => {
                println!("{jwt}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        };
    }
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(options.threads).enable_all().build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let draining = options.sigterm_pid.is_some();
    let total = runtime.block_on(run(options));
    // Without a signal every error counts; with one, only answers that were wrong
    // (bad status, broken responses) or errors before the signal do.
    let failed =
        if draining { total.bad_status + total.other_errors + total.errors_before_signal } else { total.errors() };
    if failed == 0 && !total.latencies_us.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
