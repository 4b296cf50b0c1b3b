//! `agora-token-server`: a production token server for Agora, serving unchanged the routes
//! of the token servers people deploy today (see README.md).
//!
//! Module map: [`config`] (environment), [`app`] (assembly), [`routes`] (one module per
//! compatibility family), [`auth`], [`policy`], [`ratelimit`], [`cors`], [`observe`]
//! (logs, request limits), [`metrics`], [`api`] (route table and OpenAPI), [`issue`]
//! (grants → tokens with the core), [`server`] (listening and graceful shutdown).
//! Production additions: [`conn`] (connection cap, header and idle timeouts), [`jwks`]
//! (identity providers' keys) and [`jwt_crypto`] (their signatures checked with ring), [`authz`] (external authorizer), [`redis_store`] (rate
//! limits and replay cache shared by replicas).

// A command-line program: the usage text, start-up errors and the --demo banner go to
// the terminal before (or instead of) the log.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod api;
mod app;
mod auth;
mod authz;
mod config;
mod conn;
#[cfg(test)]
mod container_image;
mod cors;
#[cfg(test)]
mod deploy_templates;
mod error;
mod issue;
mod jwks;
mod jwt_crypto;
mod metrics;
mod observe;
mod policy;
mod ratelimit;
mod redis_store;
mod routes;
mod server;

use std::process::ExitCode;

use config::Config;

/// mimalloc instead of glibc malloc: every token build allocates and frees zlib's
/// ~256 KB deflate state; glibc hands that memory back to the kernel between requests
/// on worker threads, so each token paid page faults and TLB flushes (measured: about
/// 60% of the server's CPU per request under load). mimalloc keeps it thread-local.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
agora-token-server: an Agora token server (routes of agora-token-service, agoracn/token, the docs samples)

Usage:
  agora-token-server            configuration from the environment (see README.md)
  agora-token-server --demo     try it now: throwaway credentials, open access, 127.0.0.1 only
  agora-token-server --healthcheck   exit 0 if the server on 127.0.0.1:$PORT is ready (container HEALTHCHECK)
  agora-token-server --help | --version

Required: APP_ID and APP_CERTIFICATE (or AGORA_APP_ID / AGORA_APP_CERTIFICATE, or
APP_CERTIFICATE_FILE), and one of API_KEYS, HMAC_KEYS, JWT_SECRET, JWT_JWKS_URL (or
JWT_JWKS_FILE) or OPEN_ACCESS=true.
A .env file in the working directory is read too (variables already set win).
";

fn main() -> ExitCode {
    let mut demo = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--demo" => demo = true,
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--healthcheck" => return healthcheck(),
            "-V" | "--version" => {
                println!("agora-token-server {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("agora-token-server: unknown argument {other:?}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    // agora-token-service reads .env too; a missing file is normal.
    let _ = dotenvy::dotenv();
    let lookup = |name: &str| std::env::var(name).ok();
    let config = match Config::from_env(&lookup, demo) {
        Ok(config) => config,
        Err(errors) => {
            eprint!("{errors}");
            return ExitCode::from(2);
        }
    };
    init_logging(&config);
    if config.demo {
        eprintln!("{}", demo_banner(&config));
    }

    // TLS for the identity provider, the authorizer and rediss://: rustls with ring.
    // Installing fails only when a provider is already installed, which is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
    jwt_crypto::install();

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("agora-token-server: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "stopped");
            eprintln!("agora-token-server: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--healthcheck`: asks the local server's `/readyz`, for container images that have no
/// shell or curl (`HEALTHCHECK CMD ["agora-token-server", "--healthcheck"]`).
fn healthcheck() -> ExitCode {
    use std::io::{Read, Write};
    use std::time::Duration;

    let port = ["SERVER_PORT", "PORT"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "8080".to_owned());
    let ready = (|| -> std::io::Result<bool> {
        let addr: std::net::SocketAddr = format!("127.0.0.1:{}", port.trim())
            .parse()
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "bad port"))?;
        let mut stream = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(b"GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut head = [0u8; 12];
        stream.read_exact(&mut head)?;
        Ok(head.ends_with(b" 200"))
    })();
    match ready {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("agora-token-server: not ready (draining or failing)");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("agora-token-server: no server answers on 127.0.0.1:{port}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(config: &Config) {
    let builder =
        tracing_subscriber::fmt().with_max_level(config.log.level).with_target(false).with_writer(std::io::stdout);
    if config.log.json {
        builder.json().flatten_event(true).with_current_span(false).with_span_list(false).init();
    } else {
        builder.with_ansi(false).init();
    }
}

fn demo_banner(config: &Config) -> String {
    let port = config.bind.port();
    let id = config.credentials.app_id().as_str();
    [
        String::new(),
        "************************************************************************".to_owned(),
        "*  DEMO MODE - NOT FOR PRODUCTION".to_owned(),
        format!("*  - throwaway credentials generated for this run: App ID {id}"),
        "*    (the certificate stays in memory and is never printed)".to_owned(),
        "*  - tokens are well-formed but Agora rejects them: set your own".to_owned(),
        "*    APP_ID and APP_CERTIFICATE (without --demo) for working tokens".to_owned(),
        "*  - open access: anyone who can reach the server gets tokens".to_owned(),
        "*  - listening on 127.0.0.1 only".to_owned(),
        "************************************************************************".to_owned(),
        format!("Try: curl http://127.0.0.1:{port}/rtc/test-channel/publisher/uid/1234/"),
        format!("     curl http://127.0.0.1:{port}/openapi.json"),
        String::new(),
    ]
    .join("\n")
}
