//! Prometheus metrics, served at `/metrics` in the text exposition format.
//!
//! Counters are plain atomics indexed by route (the set of routes is fixed at start-up),
//! so recording a request takes no lock.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use crate::issue::Grant;

/// Status codes with their own counter; others are counted as `other`.
const STATUSES: [u16; 15] = [200, 204, 400, 401, 403, 404, 405, 408, 413, 414, 415, 422, 429, 500, 503];
/// Latency histogram upper bounds, in microseconds.
const BUCKETS_US: [u64; 15] = [
    100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000,
    5_000_000,
];
const TOKEN_KINDS: [&str; 7] = ["rtc", "rtm", "chat_user", "chat_app", "fpa", "apaas_user", "apaas_app"];
const ROLES: [&str; 3] = ["publisher", "subscriber", "none"];
/// The route label of requests that matched no route.
pub const UNMATCHED: &str = "unmatched";
/// Why the server closed a connection on its own (`reason` label).
const SLOW_REASONS: [&str; 2] = ["header_timeout", "idle_timeout"];
/// What a Redis call was for (`op` label).
const REDIS_OPS: [&str; 2] = ["rate_limit", "nonce"];
/// What the external authorizer answered (`result` label).
const AUTHZ_RESULTS: [&str; 3] = ["allowed", "denied", "error"];

/// Counters of connections, identity-provider keys, Redis and the external authorizer.
#[derive(Debug, Default)]
struct ProductionMetrics {
    connections_open: AtomicI64,
    connections_accepted: AtomicU64,
    connections_closed: [AtomicU64; SLOW_REASONS.len()],
    connection_limit_waits: AtomicU64,
    jwks_refreshes_ok: AtomicU64,
    jwks_refreshes_failed: AtomicU64,
    jwks_keys: AtomicU64,
    redis_configured: AtomicBool,
    redis_up: AtomicBool,
    redis_errors: [AtomicU64; REDIS_OPS.len()],
    redis_degraded_served: AtomicU64,
    redis_degraded_refused: AtomicU64,
    authz: [AtomicU64; AUTHZ_RESULTS.len()],
}

/// Why a connection was closed by the server's timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlowClose {
    /// The request line and headers did not arrive within `HEADER_READ_TIMEOUT_SECS`.
    HeaderTimeout,
    /// No request on a keep-alive connection within `IDLE_TIMEOUT_SECS`.
    IdleTimeout,
}

/// What the external authorizer decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthzResult {
    /// 2xx.
    Allowed,
    /// Any other status.
    Denied,
    /// No answer in time, or no connection.
    Error,
}

#[derive(Debug)]
struct RouteMetrics {
    by_status: [AtomicU64; STATUSES.len() + 1],
    latency_buckets: [AtomicU64; BUCKETS_US.len() + 1],
    latency_sum_us: AtomicU64,
}

impl RouteMetrics {
    fn new() -> Self {
        RouteMetrics {
            by_status: std::array::from_fn(|_| AtomicU64::new(0)),
            latency_buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            latency_sum_us: AtomicU64::new(0),
        }
    }
}

/// Every metric of the server.
#[derive(Debug)]
pub struct Metrics {
    index: HashMap<String, usize>,
    names: Vec<String>,
    routes: Vec<RouteMetrics>,
    tokens: [AtomicU64; TOKEN_KINDS.len() * ROLES.len()],
    auth_failures: Mutex<HashMap<&'static str, u64>>,
    rate_limited: [AtomicU64; 2],
    policy_denials: AtomicU64,
    in_flight: AtomicI64,
    production: ProductionMetrics,
}

impl Metrics {
    /// Metrics for these route templates (as axum reports them in `MatchedPath`).
    #[must_use]
    pub fn new<'a>(routes: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names: Vec<String> = routes.into_iter().map(str::to_owned).collect();
        names.sort();
        names.dedup();
        names.push(UNMATCHED.to_owned());
        Metrics {
            index: names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect(),
            routes: names.iter().map(|_| RouteMetrics::new()).collect(),
            names,
            tokens: std::array::from_fn(|_| AtomicU64::new(0)),
            auth_failures: Mutex::new(HashMap::new()),
            rate_limited: std::array::from_fn(|_| AtomicU64::new(0)),
            policy_denials: AtomicU64::new(0),
            in_flight: AtomicI64::new(0),
            production: ProductionMetrics::default(),
        }
    }

    /// Counts a finished request.
    pub fn request(&self, route: Option<&str>, status: u16, elapsed: Duration) {
        let index = route.and_then(|r| self.index.get(r)).copied().unwrap_or(self.names.len() - 1);
        let Some(m) = self.routes.get(index) else { return };
        let slot = STATUSES.iter().position(|s| *s == status).unwrap_or(STATUSES.len());
        if let Some(c) = m.by_status.get(slot) {
            c.fetch_add(1, Ordering::Relaxed);
        }
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        let bucket = BUCKETS_US.iter().position(|b| micros <= *b).unwrap_or(BUCKETS_US.len());
        if let Some(c) = m.latency_buckets.get(bucket) {
            c.fetch_add(1, Ordering::Relaxed);
        }
        m.latency_sum_us.fetch_add(micros, Ordering::Relaxed);
    }

    /// Counts issued grants.
    pub fn tokens_issued(&self, grants: &[Grant]) {
        for grant in grants {
            let kind = TOKEN_KINDS.iter().position(|k| *k == grant.kind()).unwrap_or(0);
            let role = ROLES.iter().position(|r| *r == grant.role_label()).unwrap_or(2);
            if let Some(c) = self.tokens.get(kind * ROLES.len() + role) {
                c.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Counts a refused authentication.
    pub fn auth_failure(&self, reason: &'static str) {
        let mut map = self.auth_failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *map.entry(reason).or_insert(0) += 1;
    }

    /// Counts a 429; `scope` is `ip` or `caller`.
    pub fn rate_limited(&self, scope: &str) {
        let i = usize::from(scope == "caller");
        if let Some(c) = self.rate_limited.get(i) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts a policy refusal.
    pub fn policy_denied(&self) {
        self.policy_denials.fetch_add(1, Ordering::Relaxed);
    }

    /// A request started (+1) or finished (-1).
    pub fn in_flight(&self, delta: i64) {
        self.in_flight.fetch_add(delta, Ordering::Relaxed);
    }

    /// Requests being served right now.
    #[must_use]
    pub fn in_flight_now(&self) -> i64 {
        self.in_flight.load(Ordering::Relaxed)
    }

    /// A connection was accepted (+1) or ended (-1).
    pub fn connection(&self, delta: i64) {
        self.production.connections_open.fetch_add(delta, Ordering::Relaxed);
        if delta > 0 {
            self.production.connections_accepted.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts a connection the server closed because the client was too slow or idle.
    pub fn slow_connection_closed(&self, reason: SlowClose) {
        let index = usize::from(reason == SlowClose::IdleTimeout);
        if let Some(c) = self.production.connections_closed.get(index) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts a time the accept loop waited because `MAX_CONNECTIONS` were open.
    pub fn connection_limit_reached(&self) {
        self.production.connection_limit_waits.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a fetch of the identity provider's keys; `keys` usable keys on success.
    pub fn jwks_refresh(&self, result: Result<usize, ()>) {
        match result {
            Ok(keys) => {
                self.production.jwks_refreshes_ok.fetch_add(1, Ordering::Relaxed);
                self.production.jwks_keys.store(u64::try_from(keys).unwrap_or(u64::MAX), Ordering::Relaxed);
            }
            Err(()) => {
                self.production.jwks_refreshes_failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Whether Redis answered the last call (and that Redis is configured at all).
    pub fn redis_up(&self, up: bool) {
        self.production.redis_configured.store(true, Ordering::Relaxed);
        self.production.redis_up.store(up, Ordering::Relaxed);
    }

    /// Counts a Redis call that failed or timed out; `op` is `rate_limit` or `nonce`.
    pub fn redis_error(&self, op: &str) {
        let index = REDIS_OPS.iter().position(|o| *o == op).unwrap_or(0);
        if let Some(c) = self.production.redis_errors.get(index) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Counts a request decided without Redis: served on this replica's own state
    /// (`REDIS_FAILURE_MODE=open`) or refused (`closed`).
    pub fn redis_degraded(&self, served: bool) {
        let counter =
            if served { &self.production.redis_degraded_served } else { &self.production.redis_degraded_refused };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an answer (or a failure) of the external authorizer.
    pub fn authz(&self, result: AuthzResult) {
        let index = match result {
            AuthzResult::Allowed => 0,
            AuthzResult::Denied => 1,
            AuthzResult::Error => 2,
        };
        if let Some(c) = self.production.authz.get(index) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn render_production(&self, out: &mut String, prefix: &str) {
        let p = &self.production;
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let _ = writeln!(out, "# HELP {prefix}_connections_open Client connections open now.");
        let _ = writeln!(out, "# TYPE {prefix}_connections_open gauge");
        let _ = writeln!(out, "{prefix}_connections_open {}", p.connections_open.load(Ordering::Relaxed));
        let _ = writeln!(out, "# HELP {prefix}_connections_accepted_total Client connections accepted.");
        let _ = writeln!(out, "# TYPE {prefix}_connections_accepted_total counter");
        let _ = writeln!(out, "{prefix}_connections_accepted_total {}", load(&p.connections_accepted));
        let _ = writeln!(
            out,
            "# HELP {prefix}_connections_closed_slow_total Connections closed by the server: headers too slow, or idle too long."
        );
        let _ = writeln!(out, "# TYPE {prefix}_connections_closed_slow_total counter");
        for (reason, c) in SLOW_REASONS.iter().zip(&p.connections_closed) {
            let _ = writeln!(out, "{prefix}_connections_closed_slow_total{{reason=\"{reason}\"}} {}", load(c));
        }
        let _ = writeln!(
            out,
            "# HELP {prefix}_connection_limit_reached_total Times new connections waited because MAX_CONNECTIONS were open."
        );
        let _ = writeln!(out, "# TYPE {prefix}_connection_limit_reached_total counter");
        let _ = writeln!(out, "{prefix}_connection_limit_reached_total {}", load(&p.connection_limit_waits));

        let _ = writeln!(out, "# HELP {prefix}_jwks_refreshes_total Fetches of the identity provider's keys.");
        let _ = writeln!(out, "# TYPE {prefix}_jwks_refreshes_total counter");
        let _ = writeln!(out, "{prefix}_jwks_refreshes_total{{result=\"ok\"}} {}", load(&p.jwks_refreshes_ok));
        let _ = writeln!(out, "{prefix}_jwks_refreshes_total{{result=\"error\"}} {}", load(&p.jwks_refreshes_failed));
        let _ = writeln!(out, "# HELP {prefix}_jwks_keys Usable keys from the last successful fetch.");
        let _ = writeln!(out, "# TYPE {prefix}_jwks_keys gauge");
        let _ = writeln!(out, "{prefix}_jwks_keys {}", load(&p.jwks_keys));

        if p.redis_configured.load(Ordering::Relaxed) {
            let _ = writeln!(out, "# HELP {prefix}_redis_up 1 when the last Redis call succeeded.");
            let _ = writeln!(out, "# TYPE {prefix}_redis_up gauge");
            let _ = writeln!(out, "{prefix}_redis_up {}", u8::from(p.redis_up.load(Ordering::Relaxed)));
        }
        let _ = writeln!(out, "# HELP {prefix}_redis_errors_total Redis calls that failed or timed out, by purpose.");
        let _ = writeln!(out, "# TYPE {prefix}_redis_errors_total counter");
        for (op, c) in REDIS_OPS.iter().zip(&p.redis_errors) {
            let _ = writeln!(out, "{prefix}_redis_errors_total{{op=\"{op}\"}} {}", load(c));
        }
        let _ = writeln!(
            out,
            "# HELP {prefix}_redis_unavailable_total Checks decided without Redis: served on this replica's own state (open) or refused with 503 (closed)."
        );
        let _ = writeln!(out, "# TYPE {prefix}_redis_unavailable_total counter");
        let _ =
            writeln!(out, "{prefix}_redis_unavailable_total{{outcome=\"served\"}} {}", load(&p.redis_degraded_served));
        let _ = writeln!(
            out,
            "{prefix}_redis_unavailable_total{{outcome=\"refused\"}} {}",
            load(&p.redis_degraded_refused)
        );

        let _ = writeln!(out, "# HELP {prefix}_authz_requests_total Answers of the external authorizer (AUTHZ_URL).");
        let _ = writeln!(out, "# TYPE {prefix}_authz_requests_total counter");
        for (result, c) in AUTHZ_RESULTS.iter().zip(&p.authz) {
            let _ = writeln!(out, "{prefix}_authz_requests_total{{result=\"{result}\"}} {}", load(c));
        }
    }

    /// The Prometheus text exposition.
    #[must_use]
    pub fn render(&self, ready: bool) -> String {
        let mut out = String::with_capacity(16 * 1024);
        let prefix = "agora_token_server";
        let _ = writeln!(out, "# HELP {prefix}_build_info Version of the running server.");
        let _ = writeln!(out, "# TYPE {prefix}_build_info gauge");
        let _ = writeln!(out, "{prefix}_build_info{{version=\"{}\"}} 1", env!("CARGO_PKG_VERSION"));
        let _ = writeln!(out, "# HELP {prefix}_ready 1 while serving, 0 while draining after SIGTERM.");
        let _ = writeln!(out, "# TYPE {prefix}_ready gauge");
        let _ = writeln!(out, "{prefix}_ready {}", u8::from(ready));
        let _ = writeln!(out, "# HELP {prefix}_in_flight_requests Requests being served.");
        let _ = writeln!(out, "# TYPE {prefix}_in_flight_requests gauge");
        let _ = writeln!(out, "{prefix}_in_flight_requests {}", self.in_flight_now());

        let _ = writeln!(out, "# HELP {prefix}_requests_total Requests by route template and status.");
        let _ = writeln!(out, "# TYPE {prefix}_requests_total counter");
        for (name, m) in self.names.iter().zip(&self.routes) {
            for (slot, counter) in m.by_status.iter().enumerate() {
                let n = counter.load(Ordering::Relaxed);
                if n > 0 {
                    let status = STATUSES.get(slot).map_or_else(|| "other".to_owned(), u16::to_string);
                    let _ =
                        writeln!(out, "{prefix}_requests_total{{route=\"{}\",status=\"{status}\"}} {n}", escape(name));
                }
            }
        }

        let _ = writeln!(out, "# HELP {prefix}_request_duration_seconds Time to answer, by route template.");
        let _ = writeln!(out, "# TYPE {prefix}_request_duration_seconds histogram");
        for (name, m) in self.names.iter().zip(&self.routes) {
            let counts: Vec<u64> = m.latency_buckets.iter().map(|c| c.load(Ordering::Relaxed)).collect();
            let total: u64 = counts.iter().sum();
            if total == 0 {
                continue;
            }
            let route = escape(name);
            let mut cumulative = 0;
            for (bound, count) in BUCKETS_US.iter().zip(&counts) {
                cumulative += count;
                let le = format_seconds(*bound);
                let _ = writeln!(
                    out,
                    "{prefix}_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {cumulative}"
                );
            }
            let _ = writeln!(out, "{prefix}_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {total}");
            let sum = format_seconds(m.latency_sum_us.load(Ordering::Relaxed));
            let _ = writeln!(out, "{prefix}_request_duration_seconds_sum{{route=\"{route}\"}} {sum}");
            let _ = writeln!(out, "{prefix}_request_duration_seconds_count{{route=\"{route}\"}} {total}");
        }

        let _ = writeln!(out, "# HELP {prefix}_tokens_issued_total Privilege sets signed, by kind and RTC role.");
        let _ = writeln!(out, "# TYPE {prefix}_tokens_issued_total counter");
        for (k, kind) in TOKEN_KINDS.iter().enumerate() {
            for (r, role) in ROLES.iter().enumerate() {
                let n = self.tokens.get(k * ROLES.len() + r).map_or(0, |c| c.load(Ordering::Relaxed));
                if n > 0 {
                    let _ = writeln!(out, "{prefix}_tokens_issued_total{{kind=\"{kind}\",role=\"{role}\"}} {n}");
                }
            }
        }

        let _ = writeln!(out, "# HELP {prefix}_auth_failures_total Refused authentications by reason.");
        let _ = writeln!(out, "# TYPE {prefix}_auth_failures_total counter");
        let failures = self.auth_failures.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut reasons: Vec<_> = failures.iter().collect();
        reasons.sort();
        for (reason, n) in reasons {
            let _ = writeln!(out, "{prefix}_auth_failures_total{{reason=\"{reason}\"}} {n}");
        }
        drop(failures);

        let _ = writeln!(out, "# HELP {prefix}_rate_limited_total Requests answered 429, by limit.");
        let _ = writeln!(out, "# TYPE {prefix}_rate_limited_total counter");
        for (i, scope) in ["ip", "caller"].iter().enumerate() {
            let n = self.rate_limited.get(i).map_or(0, |c| c.load(Ordering::Relaxed));
            let _ = writeln!(out, "{prefix}_rate_limited_total{{scope=\"{scope}\"}} {n}");
        }
        let _ = writeln!(out, "# HELP {prefix}_policy_denials_total Requests refused by the policy (403).");
        let _ = writeln!(out, "# TYPE {prefix}_policy_denials_total counter");
        let _ = writeln!(out, "{prefix}_policy_denials_total {}", self.policy_denials.load(Ordering::Relaxed));
        self.render_production(&mut out, prefix);
        out
    }
}

fn format_seconds(micros: u64) -> String {
    format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000)
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use agora_token::{RtcRole, User};

    use super::*;

    #[test]
    fn renders_counters_and_histograms() {
        let m = Metrics::new(["/rtc/{channel}/{role}/{tokenType}/{uid}", "/ping"]);
        m.request(Some("/ping"), 200, Duration::from_micros(300));
        m.request(Some("/ping"), 200, Duration::from_micros(3));
        m.request(None, 404, Duration::from_micros(50));
        m.tokens_issued(&[Grant::Rtc { channel: "c".into(), user: User::Uid(1), role: RtcRole::Publisher }]);
        m.auth_failure("invalid_api_key");
        m.rate_limited("ip");
        let text = m.render(true);
        assert!(text.contains("agora_token_server_requests_total{route=\"/ping\",status=\"200\"} 2"), "{text}");
        assert!(text.contains("agora_token_server_requests_total{route=\"unmatched\",status=\"404\"} 1"), "{text}");
        assert!(
            text.contains("agora_token_server_request_duration_seconds_bucket{route=\"/ping\",le=\"0.000100\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("agora_token_server_request_duration_seconds_bucket{route=\"/ping\",le=\"0.000500\"} 2"),
            "{text}"
        );
        assert!(text.contains("agora_token_server_tokens_issued_total{kind=\"rtc\",role=\"publisher\"} 1"), "{text}");
        assert!(text.contains("agora_token_server_auth_failures_total{reason=\"invalid_api_key\"} 1"), "{text}");
        assert!(text.contains("agora_token_server_rate_limited_total{scope=\"ip\"} 1"), "{text}");
    }
}
