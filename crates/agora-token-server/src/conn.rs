//! Accepting connections: a cap on how many are open at once, and timeouts for clients
//! that are slow to send a request or idle on a keep-alive connection.
//!
//! axum's `serve` has no such limits: a client that sends half a request line and then
//! nothing held its connection (and a file descriptor) forever. Here each connection has a
//! watchdog that knows which phase it is in:
//!
//! | phase | from | closed after |
//! |---|---|---|
//! | head | the connection's start, or the first byte of a later request | `HEADER_READ_TIMEOUT_SECS` without a complete request line and headers |
//! | busy | the headers are complete | never by the watchdog (`REQUEST_TIMEOUT_SECS` answers 408) |
//! | idle | the response is handed over | `IDLE_TIMEOUT_SECS` without a new request |
//!
//! The defaults follow reverse proxies: 20 s for headers (Apache's `RequestReadTimeout`
//! header=20), 75 s idle (nginx's `keepalive_timeout`, longer than the 60 s idle timeout of
//! common load balancers, so the balancer closes first and never sends on a closing
//! connection), 1024 connections (nginx's usual `worker_connections`). At the cap the
//! server stops accepting; new clients wait in the kernel's listen backlog until a
//! connection ends. Closing a slow connection sends nothing: the client never finished
//! asking.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use crate::config::ConnectionLimits;
use crate::metrics::{Metrics, SlowClose};

const HEAD: u8 = 0;
const BUSY: u8 = 1;
const IDLE: u8 = 2;

/// What a connection is doing, and since when (milliseconds after it was accepted).
/// Written by the connection's own task only (reads, the service), read by its watchdog.
#[derive(Debug)]
struct Activity {
    started: Instant,
    phase: AtomicU8,
    since_ms: AtomicU64,
}

impl Activity {
    fn new() -> Self {
        Activity { started: Instant::now(), phase: AtomicU8::new(HEAD), since_ms: AtomicU64::new(0) }
    }

    fn set(&self, phase: u8) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.since_ms.store(ms, Ordering::Relaxed);
        self.phase.store(phase, Ordering::Relaxed);
    }

    /// Bytes arrived: on an idle connection, that starts the next request's head.
    fn bytes_read(&self) {
        if self.phase.load(Ordering::Relaxed) == IDLE {
            self.set(HEAD);
        }
    }

    fn get(&self) -> (u8, Instant) {
        let since = self.started + Duration::from_millis(self.since_ms.load(Ordering::Relaxed));
        (self.phase.load(Ordering::Relaxed), since)
    }
}

/// The TCP stream, noting when bytes arrive.
struct Tracked {
    stream: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Tracked {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.stream).poll_read(cx, buf);
        if matches!(result, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.bytes_read();
        }
        result
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Resolves when the connection has been slow or idle for too long.
async fn watchdog(activity: &Activity, limits: ConnectionLimits) -> SlowClose {
    loop {
        let (phase, since) = activity.get();
        let (limit, reason) = match phase {
            HEAD => (limits.header_read_timeout, SlowClose::HeaderTimeout),
            IDLE => (limits.idle_timeout, SlowClose::IdleTimeout),
            _ => {
                // A request is being served; look again later.
                tokio::time::sleep(limits.header_read_timeout).await;
                continue;
            }
        };
        let deadline = since + limit;
        if Instant::now() >= deadline {
            return reason;
        }
        tokio::time::sleep_until(deadline.into()).await;
    }
}

/// Serves `router` on `listener` until `stop` turns true, then stops accepting, lets
/// every in-flight request finish, closes idle connections and returns once all are done.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    metrics: Arc<Metrics>,
    limits: ConnectionLimits,
    mut stop: watch::Receiver<bool>,
) {
    // The cap is at most a million (config.rs), well within a semaphore's range.
    let capacity = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let slot = match slots.clone().try_acquire_owned() {
            Ok(slot) => slot,
            Err(_) => {
                metrics.connection_limit_reached();
                tokio::select! {
                    slot = slots.clone().acquire_owned() => match slot {
                        Ok(slot) => slot,
                        Err(_) => break,
                    },
                    () = stopped(&mut stop) => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    accept_error(&e).await;
                    continue;
                }
            },
            () = stopped(&mut stop) => break,
        };
        let (router, metrics, stop) = (router.clone(), Arc::clone(&metrics), stop.clone());
        tokio::spawn(async move {
            metrics.connection(1);
            serve_connection(stream, peer, router, &metrics, limits, stop).await;
            metrics.connection(-1);
            drop(slot);
        });
    }
    drop(listener);
    // Every connection holds a slot until it ends: all slots back means all connections done.
    let _ = slots.acquire_many(capacity).await;
}

async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    metrics: &Metrics,
    limits: ConnectionLimits,
    mut stop: watch::Receiver<bool>,
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Tracked { stream, activity: Arc::clone(&activity) });
    let service_activity = Arc::clone(&activity);
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut request = request.map(Body::new);
        request.extensions_mut().insert(ConnectInfo(peer));
        service_activity.set(BUSY);
        let (router, activity) = (router.clone(), Arc::clone(&service_activity));
        async move {
            let response = router.oneshot(request).await;
            activity.set(IDLE);
            response.map_err(|never: Infallible| never)
        }
    });
    // No hyper header_read_timeout: its timer also runs on idle keep-alive connections, so
    // the watchdog does both jobs with their own limits.
    let mut connection = pin!(http1::Builder::new().serve_connection(io, service));
    let mut draining = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection ended with an error");
                }
                return;
            }
            reason = watchdog(&activity, limits) => {
                metrics.slow_connection_closed(reason);
                tracing::debug!(client_ip = %peer.ip(), reason = ?reason, "closing a slow or idle connection");
                return;
            }
            () = stopped(&mut stop), if !draining => {
                // Finishes the request in progress (if any), then closes.
                connection.as_mut().graceful_shutdown();
                draining = true;
            }
        }
    }
}

/// Resolves once `stop` is true (or its sender is gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stop| *stop).await;
}

/// Accept errors: a client that gave up is normal; running out of file descriptors is
/// not, and retrying at once would spin, so wait for connections to close.
async fn accept_error(e: &io::Error) {
    if matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
    ) {
        return;
    }
    tracing::error!(error = %e, "cannot accept connections (out of file descriptors? lower MAX_CONNECTIONS or raise ulimit -n)");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// The soft limit of open files of this process, from `/proc/self/limits` (Linux).
#[must_use]
pub fn open_files_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line.trim_start_matches("Max open files").split_whitespace().next()?.parse().ok()
}
