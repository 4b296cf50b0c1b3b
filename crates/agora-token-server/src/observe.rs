//! The outermost middleware: request ids, the client's IP, time and size limits, one
//! structured log line per request, and the request metrics.
//!
//! Log lines carry the route template (not the raw path), the status, latency, caller and,
//! for issued tokens, what they grant (channel, uid, role, lifetime): an audit trail.
//! They never carry tokens, credentials, request headers or query strings.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::{AppState, ClientIp};
use crate::auth::Caller;
use crate::config::IpNet;
use crate::error::ApiError;
use crate::metrics::{Metrics, UNMATCHED};

/// What a token route issued, attached to its response for the log line.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Grant kinds, e.g. `rtc` or `rtc+rtm`.
    pub kinds: String,
    /// The first channel granted.
    pub channel: Option<String>,
    /// The first user granted (uid or account as packed).
    pub user: Option<String>,
    /// The RTC role, or `none`.
    pub role: &'static str,
    /// Token lifetime in seconds.
    pub expire: u32,
}

/// The kind of a failed request, attached to error responses for the log line.
#[derive(Debug, Clone, Copy)]
pub struct ErrorKind(pub &'static str);

/// Request ids: a random per-process prefix and a counter (unique across replicas
/// without coordination).
#[derive(Debug)]
pub struct RequestIds {
    prefix: String,
    next: AtomicU64,
}

impl RequestIds {
    /// A new sequence with a random prefix.
    #[must_use]
    pub fn new() -> Self {
        let prefix = getrandom::u32().map_or_else(|_| "00000000".to_owned(), |r| format!("{r:08x}"));
        RequestIds { prefix, next: AtomicU64::new(1) }
    }

    fn next(&self) -> String {
        format!("{}-{}", self.prefix, self.next.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for RequestIds {
    fn default() -> Self {
        RequestIds::new()
    }
}

/// The client's address: the peer, or, when the peer is a trusted proxy, the right-most
/// `X-Forwarded-For` entry that is not itself a trusted proxy.
#[must_use]
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
        .collect();
    let mut client = peer;
    for ip in forwarded.into_iter().rev() {
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// Keeps the in-flight gauge right even when a client disconnects mid-request
/// (the request future is then dropped, not finished).
struct InFlight<'a>(&'a Metrics);

impl<'a> InFlight<'a> {
    fn start(metrics: &'a Metrics) -> Self {
        metrics.in_flight(1);
        InFlight(metrics)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight(-1);
    }
}

fn request_id(headers: &HeaderMap, ids: &RequestIds) -> String {
    // A caller's id is kept when it is short and plain, so traces join up across services.
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b))
        })
        .map_or_else(|| ids.next(), str::to_owned)
}

/// Middleware: see the module documentation.
pub async fn observe(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let _in_flight = InFlight::start(&state.metrics);
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |ConnectInfo(addr)| addr.ip());
    let ip = client_ip(peer, request.headers(), &state.config.trusted_proxies);
    let id = request_id(request.headers(), &state.request_ids);
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    request.extensions_mut().insert(ClientIp(ip));

    let uri_len = request.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    let mut response = if uri_len > state.config.limits.max_uri_bytes {
        ApiError::new(
            StatusCode::URI_TOO_LONG,
            "uri_too_long",
            format!("the request path and query are longer than {} bytes", state.config.limits.max_uri_bytes),
        )
        .into_response()
    } else {
        match tokio::time::timeout(state.config.limits.request_timeout, next.run(request)).await {
            Ok(response) => response,
            Err(_) => ApiError::new(StatusCode::REQUEST_TIMEOUT, "timeout", "the request took too long (slow upload?)")
                .into_response(),
        }
    };
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }

    let elapsed = started.elapsed();
    let status = response.status();
    state.metrics.request(route.as_deref(), status.as_u16(), elapsed);

    let audit = response.extensions().get::<Audit>();
    let caller = response.extensions().get::<Caller>();
    let error = response.extensions().get::<ErrorKind>().map_or("", |k| k.0);
    macro_rules! log_request {
        ($level:ident) => {
            tracing::$level!(
                request_id = %id,
                method = %method,
                route = route.as_deref().unwrap_or(UNMATCHED),
                status = status.as_u16(),
                latency_us = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
                client_ip = %ip,
                caller = caller.map_or("", |c| c.id.as_str()),
                auth = caller.map_or("", |c| c.method.label()),
                error,
                tokens = audit.map_or("", |a| a.kinds.as_str()),
                channel = audit.and_then(|a| a.channel.as_deref()).unwrap_or(""),
                uid = audit.and_then(|a| a.user.as_deref()).unwrap_or(""),
                role = audit.map_or("", |a| a.role),
                expire = audit.map_or(0, |a| a.expire),
                "request"
            )
        };
    }
    if status.is_server_error() {
        log_request!(warn);
    } else {
        log_request!(info);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted = [IpNet::parse("10.0.0.0/8").unwrap()];
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.9, 10.0.0.7"));
        assert_eq!(
            client_ip("10.0.0.2".parse().unwrap(), &headers, &trusted),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_ip("198.51.100.1".parse().unwrap(), &headers, &trusted),
            "198.51.100.1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(
            client_ip("10.0.0.2".parse().unwrap(), &HeaderMap::new(), &trusted),
            "10.0.0.2".parse::<IpAddr>().unwrap()
        );
    }

    #[test]
    fn request_ids_keep_plain_caller_ids() {
        let ids = RequestIds::new();
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", HeaderValue::from_static("abc-123"));
        assert_eq!(request_id(&headers, &ids), "abc-123");
        headers.insert("x-request-id", HeaderValue::from_static("bad id with spaces"));
        assert_ne!(request_id(&headers, &ids), "bad id with spaces");
    }
}
