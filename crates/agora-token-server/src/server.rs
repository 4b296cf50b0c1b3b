//! Listening, and graceful shutdown on SIGTERM and SIGINT.
//!
//! On the first signal: readiness turns 503 (`/readyz`), the server keeps serving for
//! `SHUTDOWN_DELAY_SECS` (time for load balancers to stop sending), then stops accepting
//! connections, lets every in-flight request finish and closes idle keep-alive connections.
//! It exits 0 once drained, or 1 after `SHUTDOWN_TIMEOUT_SECS` or a second signal.

use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::signal::unix::{signal, Signal, SignalKind};
use tokio::sync::watch;

use crate::app;
use crate::config::Config;
use crate::conn;
use crate::policy::ConfigPolicy;

/// Why the server stopped without a clean drain.
#[derive(Debug)]
pub struct ServerError(pub String);

impl std::fmt::Display for ServerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

struct Signals {
    term: Signal,
    int: Signal,
}

impl Signals {
    fn install() -> Result<Self, ServerError> {
        let install = |kind: SignalKind, name: &str| {
            signal(kind).map_err(|e| ServerError(format!("cannot install the {name} handler: {e}")))
        };
        Ok(Signals {
            term: install(SignalKind::terminate(), "SIGTERM")?,
            int: install(SignalKind::interrupt(), "SIGINT")?,
        })
    }

    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.term.recv() => "SIGTERM",
            _ = self.int.recv() => "SIGINT",
        }
    }
}

/// Serves until a signal, then drains.
///
/// # Errors
/// When the address cannot be bound, the server fails, or draining times out.
pub async fn run(config: Config) -> Result<(), ServerError> {
    // Handlers first, so a signal arriving during start-up is not fatal by default action.
    let mut signals = Signals::install()?;
    let listener = TcpListener::bind(config.bind)
        .await
        .map_err(|e| ServerError(format!("cannot listen on {} (HOST/PORT): {e}", config.bind)))?;
    let addr = listener.local_addr().map_err(|e| ServerError(format!("cannot read the listening address: {e}")))?;
    let delay = config.limits.shutdown_delay;
    let timeout = config.limits.shutdown_timeout;
    let policy = Box::new(ConfigPolicy::new(config.policy.clone()));
    let (router, state) = app::build(config, policy).map_err(ServerError)?;
    if let Some(jwks) = &state.jwks {
        // A JWKS file that cannot be used is a configuration error; an identity provider
        // that does not answer yet is retried on the first JWT (and logged by `load`).
        if let Err(e) = jwks.load().await {
            if jwks.is_file() {
                return Err(ServerError(format!("JWT_JWKS_FILE: {e}")));
            }
        }
    }
    if let Some(redis) = &state.redis {
        // On failure `ping` has logged why; the failure mode decides what requests get meanwhile.
        if redis.ping().await.is_ok() {
            tracing::info!("redis: connected; rate limits and the replay cache are shared by replicas");
        }
    }

    let (stop_tx, stop_rx) = watch::channel(false);
    let limits = state.config.connections;
    if let Some(files) = conn::open_files_limit() {
        if u64::try_from(limits.max_connections).unwrap_or(u64::MAX).saturating_add(64) > files {
            tracing::warn!(
                max_connections = limits.max_connections,
                open_files_limit = files,
                "MAX_CONNECTIONS is close to the open-files limit (ulimit -n): accepting may fail before the cap"
            );
        }
    }
    let serve = conn::serve(listener, router, Arc::clone(&state.metrics), limits, stop_rx);
    let mut server = tokio::spawn(async move {
        serve.await;
        Ok::<(), ServerError>(())
    });
    tracing::info!(
        addr = %addr,
        auth_open = state.config.auth.open,
        demo = state.config.demo,
        secondary_certificate = state.config.secondary_certificate.is_some(),
        "listening on http://{addr}"
    );

    let name = tokio::select! {
        result = &mut server => {
            return match result {
                Ok(Ok(())) => Err(ServerError("the server stopped unexpectedly".to_owned())),
                Ok(Err(e)) => Err(ServerError(format!("the server failed: {e}"))),
                Err(e) => Err(ServerError(format!("the server task failed: {e}"))),
            };
        }
        name = signals.next() => name,
    };

    state.start_draining();
    tracing::info!(
        signal = name,
        in_flight = state.metrics.in_flight_now(),
        delay_secs = delay.as_secs(),
        "shutdown requested: draining"
    );
    if !delay.is_zero() {
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            second = signals.next() => tracing::warn!(signal = second, "second signal: skipping the shutdown delay"),
        }
    }
    let _ = stop_tx.send(true);

    tokio::select! {
        result = tokio::time::timeout(timeout, &mut server) => match result {
            Ok(Ok(Ok(()))) => {
                tracing::info!("drained: every in-flight request finished; exiting");
                Ok(())
            }
            Ok(Ok(Err(e))) => Err(ServerError(format!("the server failed while draining: {e}"))),
            Ok(Err(e)) => Err(ServerError(format!("the server task failed while draining: {e}"))),
            Err(_) => Err(ServerError(format!(
                "drain timed out after {} s with {} requests in flight (SHUTDOWN_TIMEOUT_SECS)",
                timeout.as_secs(),
                state.metrics.in_flight_now()
            ))),
        },
        second = signals.next() => Err(ServerError(format!("{second} received while draining: exiting now with {} requests in flight", state.metrics.in_flight_now()))),
    }
}
