//! Rate limits per client IP and per authenticated caller (token buckets), answering 429
//! with `Retry-After`.
//!
//! Without `REDIS_URL` the buckets live in this process: behind a load balancer with N
//! replicas a client can get up to N times the configured rate. With `REDIS_URL` they live
//! in Redis (`redis_store.rs`) and every replica draws from the same bucket; while Redis is
//! unavailable, `REDIS_FAILURE_MODE=open` falls back to this process's buckets and
//! `closed` answers 503.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::{AppState, ClientIp};
use crate::auth::{AuthMethod, Caller};
use crate::config::RedisFailureMode;
use crate::error::ApiError;
use crate::redis_store::RedisStore;

const SHARDS: u64 = 16;
/// Above this many keys in a shard, full (idle) buckets are dropped.
const PRUNE_AT: usize = 4096;

/// One token is this many units; a bucket refills `per_minute` units per nanosecond,
/// so all arithmetic is exact integer math.
const UNITS_PER_TOKEN: u128 = 60_000_000_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    units: u128,
    updated: Instant,
}

/// Token buckets keyed by client IP or caller id.
#[derive(Debug)]
pub struct KeyedLimiter {
    per_minute: u128,
    capacity: u128,
    shards: Vec<Mutex<HashMap<String, Bucket>>>,
}

impl KeyedLimiter {
    /// `per_minute` requests per minute with bursts of `burst`; `None` when `per_minute` is 0.
    #[must_use]
    pub fn new(per_minute: u32, burst: u32) -> Option<Self> {
        (per_minute > 0).then(|| KeyedLimiter {
            per_minute: u128::from(per_minute),
            capacity: u128::from(burst.max(1)) * UNITS_PER_TOKEN,
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        })
    }

    fn refill(&self, bucket: &Bucket, now: Instant) -> u128 {
        let elapsed = now.saturating_duration_since(bucket.updated).as_nanos();
        bucket.units.saturating_add(elapsed.saturating_mul(self.per_minute)).min(self.capacity)
    }

    /// Takes one request from `key`'s bucket.
    ///
    /// # Errors
    /// The whole seconds to wait until the next request would be allowed.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut hasher = DefaultHasher::new();
        key.hash(&mut hasher);
        let shard = usize::try_from(hasher.finish() % SHARDS).unwrap_or(0);
        let Some(lock) = self.shards.get(shard) else { return Ok(()) };
        // A poisoned lock only means another request panicked mid-update; the map is still usable.
        let mut buckets = lock.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() > PRUNE_AT {
            buckets.retain(|_, b| self.refill(b, now) < self.capacity);
        }
        let bucket = buckets.entry(key.to_owned()).or_insert(Bucket { units: self.capacity, updated: now });
        bucket.units = self.refill(bucket, now);
        bucket.updated = now;
        if bucket.units >= UNITS_PER_TOKEN {
            bucket.units -= UNITS_PER_TOKEN;
            Ok(())
        } else {
            let nanos = (UNITS_PER_TOKEN - bucket.units).div_ceil(self.per_minute);
            Err(u64::try_from(nanos.div_ceil(1_000_000_000)).unwrap_or(u64::MAX).max(1))
        }
    }
}

/// The two limiters of a server, and the shared store when there is one.
#[derive(Debug)]
pub struct RateLimiter {
    per_ip: Option<KeyedLimiter>,
    per_caller: Option<KeyedLimiter>,
    rates: (u32, u32, u32),
    shared: Option<Arc<RedisStore>>,
}

/// Which limit a request is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Ip,
    Caller,
}

impl RateLimiter {
    /// Limiters for these settings (requests per minute; 0 disables one), in Redis when
    /// `shared` is given.
    #[must_use]
    pub fn new(per_ip: u32, per_caller: u32, burst: u32, shared: Option<Arc<RedisStore>>) -> Self {
        RateLimiter {
            per_ip: KeyedLimiter::new(per_ip, burst),
            per_caller: KeyedLimiter::new(per_caller, burst),
            rates: (per_ip, per_caller, burst),
            shared,
        }
    }

    async fn check(&self, scope: Scope, key: &str) -> Result<(), ApiError> {
        let (local, per_minute, label) = match scope {
            Scope::Ip => (&self.per_ip, self.rates.0, "IP address"),
            Scope::Caller => (&self.per_caller, self.rates.1, "caller"),
        };
        let Some(local) = local else { return Ok(()) };
        if let Some(store) = &self.shared {
            let bucket = match scope {
                Scope::Ip => format!("ip:{key}"),
                Scope::Caller => format!("caller:{key}"),
            };
            match store.take(&bucket, per_minute, self.rates.2).await {
                Ok(Ok(())) => return Ok(()),
                Ok(Err(retry_after)) => return Err(too_many(label, retry_after)),
                Err(_) => {
                    if store.on_unavailable() == RedisFailureMode::Closed {
                        let mut error = ApiError::new(
                            StatusCode::SERVICE_UNAVAILABLE,
                            "rate_limiter_unavailable",
                            "the shared rate limiter (Redis) does not answer; retry shortly",
                        );
                        error.retry_after = Some(1);
                        return Err(error);
                    }
                }
            }
        }
        local.check(key, Instant::now()).map_err(|retry_after| too_many(label, retry_after))
    }
}

fn too_many(scope: &'static str, retry_after: u64) -> ApiError {
    let mut error = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("too many requests from this {scope}; retry in {retry_after} s"),
    );
    error.retry_after = Some(retry_after);
    error
}

/// Middleware for token routes, before authentication: limits each client IP.
pub async fn limit_ip(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(ClientIp(ip)) = request.extensions().get::<ClientIp>() {
        if let Err(error) = state.limiter.check(Scope::Ip, &ip.to_string()).await {
            if error.status == StatusCode::TOO_MANY_REQUESTS {
                state.metrics.rate_limited("ip");
            }
            return error.into_response();
        }
    }
    next.run(request).await
}

/// Middleware for token routes, after authentication: limits each authenticated caller
/// (anonymous callers are already limited by IP).
pub async fn limit_caller(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if let Some(caller) = request.extensions().get::<Caller>() {
        if caller.method != AuthMethod::Open {
            let key = format!("{}:{}", caller.method.label(), caller.id);
            if let Err(error) = state.limiter.check(Scope::Caller, &key).await {
                if error.status == StatusCode::TOO_MANY_REQUESTS {
                    state.metrics.rate_limited("caller");
                }
                return error.into_response();
            }
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn bursts_then_refills() {
        let limiter = KeyedLimiter::new(60, 3).unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check("a", t0).is_ok());
        }
        assert_eq!(limiter.check("a", t0), Err(1));
        assert!(limiter.check("b", t0).is_ok(), "keys are independent");
        assert!(limiter.check("a", t0 + Duration::from_millis(1100)).is_ok(), "one per second refills");
    }

    #[test]
    fn zero_disables() {
        assert!(KeyedLimiter::new(0, 10).is_none());
    }
}
