//! State shared by replicas in Redis (`REDIS_URL`): the rate-limit buckets and the HMAC
//! replay cache, so N replicas behind a load balancer enforce one limit and refuse a
//! signed request replayed to another replica.
//!
//! - **Atomic.** A bucket is one key updated by a Lua script (GCRA, the token bucket of
//!   `ratelimit.rs` kept as a single "theoretical arrival time"), timed by Redis's own
//!   clock so replicas whose clocks differ share one bucket. A nonce is claimed with
//!   `SET key 1 NX EX ttl`: exactly one replica gets `OK`.
//! - **Bounded.** `REDIS_POOL_SIZE` connections per replica (each pipelines concurrent
//!   calls), opened on first use and all re-opened after an error; every call, connecting
//!   included, has `REDIS_TIMEOUT_MS`.
//! - **Failing predictably.** When a call fails or times out, Redis is skipped for one
//!   second (requests do not each wait for the timeout during an outage), the
//!   `agora_token_server_redis_*` metrics count it, one warning is logged when Redis
//!   becomes unreachable and one line when it answers again. Meanwhile
//!   `REDIS_FAILURE_MODE=open` (default) serves with this replica's own buckets and
//!   replay cache, exactly as without Redis, and `closed` answers 503.
//!
//! Keys start with `REDIS_KEY_PREFIX` (default `agora-token-server:`): `rl:ip:<address>`,
//! `rl:caller:<method>:<id>`, `nonce:<key id>:<nonce>`. All expire on their own.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, RedisResult};

use crate::config::{RedisConfig, RedisFailureMode};
use crate::metrics::Metrics;

/// GCRA over Redis's clock (microseconds). `KEYS[1]`: the bucket; `ARGV[1]`: requests per
/// minute; `ARGV[2]`: burst. Returns `{1, 0}` when allowed, `{0, seconds to wait}` when not.
const BUCKET_SCRIPT: &str = r"
if redis.replicate_commands then redis.replicate_commands() end
local per_minute = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = 60000000 / per_minute
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local next_tat = tat + interval
local allowed_at = next_tat - burst * interval
if now < allowed_at then
  return {0, math.ceil((allowed_at - now) / 1000000)}
end
redis.call('SET', KEYS[1], string.format('%.0f', next_tat), 'PX', math.ceil((next_tat - now) / 1000) + 1000)
return {1, 0}
";

/// How long Redis is skipped after a failed call.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(1);

/// Redis did not answer in time (or is being skipped after a failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

/// The connection pool and the operations of the shared state.
pub struct RedisStore {
    client: redis::Client,
    connection_config: AsyncConnectionConfig,
    slots: Vec<tokio::sync::Mutex<Option<MultiplexedConnection>>>,
    next_slot: AtomicUsize,
    timeout: Duration,
    failure_mode: RedisFailureMode,
    prefix: String,
    bucket: redis::Script,
    skip_until: Mutex<Option<Instant>>,
    up: AtomicBool,
    metrics: Arc<Metrics>,
}

impl std::fmt::Debug for RedisStore {
    // The URL may carry a password: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("pool_size", &self.slots.len())
            .field("timeout", &self.timeout)
            .field("failure_mode", &self.failure_mode)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

impl RedisStore {
    /// A store for this configuration; connections are opened on first use.
    ///
    /// # Errors
    /// When the URL cannot be used (the message never repeats it).
    pub fn new(config: &RedisConfig, metrics: Arc<Metrics>) -> Result<Self, String> {
        let client =
            redis::Client::open(config.url.expose()).map_err(|_| "REDIS_URL is not a usable Redis URL".to_owned())?;
        metrics.redis_up(true);
        Ok(RedisStore {
            client,
            connection_config: AsyncConnectionConfig::new()
                .set_connection_timeout(Some(config.timeout))
                .set_response_timeout(Some(config.timeout)),
            slots: (0..config.pool_size).map(|_| tokio::sync::Mutex::new(None)).collect(),
            next_slot: AtomicUsize::new(0),
            timeout: config.timeout,
            failure_mode: config.failure_mode,
            prefix: config.key_prefix.clone(),
            bucket: redis::Script::new(BUCKET_SCRIPT),
            skip_until: Mutex::new(None),
            up: AtomicBool::new(true),
            metrics,
        })
    }

    /// What to do without Redis, counting the request in the metrics.
    #[must_use]
    pub fn on_unavailable(&self) -> RedisFailureMode {
        self.metrics.redis_degraded(self.failure_mode == RedisFailureMode::Open);
        self.failure_mode
    }

    /// Checks that Redis answers (at start-up, for the log).
    ///
    /// # Errors
    /// When it does not.
    pub async fn ping(&self) -> Result<(), Unavailable> {
        self.with_connection("rate_limit", |mut conn| async move {
            redis::cmd("PING").query_async::<String>(&mut conn).await.map(|_| ())
        })
        .await
    }

    /// Takes one request from a shared bucket: `Ok(Ok(()))` allowed, `Ok(Err(seconds))` limited.
    ///
    /// # Errors
    /// When Redis is unavailable.
    pub async fn take(&self, bucket: &str, per_minute: u32, burst: u32) -> Result<Result<(), u64>, Unavailable> {
        let mut invocation = self.bucket.prepare_invoke();
        invocation.key(format!("{}rl:{bucket}", self.prefix)).arg(per_minute).arg(burst.max(1));
        let (allowed, wait): (i64, i64) = self
            .with_connection("rate_limit", |mut conn| async move { invocation.invoke_async(&mut conn).await })
            .await?;
        Ok(if allowed == 1 { Ok(()) } else { Err(u64::try_from(wait).unwrap_or(1).max(1)) })
    }

    /// Claims a nonce for `ttl_secs`: `Ok(true)` the first time, `Ok(false)` on any replica afterwards.
    ///
    /// # Errors
    /// When Redis is unavailable.
    pub async fn claim_nonce(&self, key_id: &str, nonce: &str, ttl_secs: u64) -> Result<bool, Unavailable> {
        let mut command = redis::cmd("SET");
        command.arg(format!("{}nonce:{key_id}:{nonce}", self.prefix)).arg(1).arg("NX").arg("EX").arg(ttl_secs.max(1));
        let reply: Option<String> =
            self.with_connection("nonce", |mut conn| async move { command.query_async(&mut conn).await }).await?;
        Ok(reply.is_some())
    }

    async fn with_connection<T, F, Fut>(&self, op: &'static str, call: F) -> Result<T, Unavailable>
    where
        F: FnOnce(MultiplexedConnection) -> Fut,
        Fut: std::future::Future<Output = RedisResult<T>>,
    {
        if self.skip_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner).is_some_and(|t| Instant::now() < t)
        {
            return Err(Unavailable);
        }
        let index = self.next_slot.fetch_add(1, Ordering::Relaxed) % self.slots.len().max(1);
        let Some(slot) = self.slots.get(index) else { return Err(Unavailable) };
        let attempt = async {
            let connection = {
                let mut guard = slot.lock().await;
                match &*guard {
                    Some(connection) => connection.clone(),
                    None => {
                        let connection =
                            self.client.get_multiplexed_async_connection_with_config(&self.connection_config).await?;
                        *guard = Some(connection.clone());
                        connection
                    }
                }
            };
            call(connection).await
        };
        let error = match tokio::time::timeout(self.timeout, attempt).await {
            Ok(Ok(value)) => {
                if !self.up.swap(true, Ordering::AcqRel) {
                    tracing::info!("redis: reachable again; rate limits and the replay cache are shared again");
                    self.metrics.redis_up(true);
                }
                return Ok(value);
            }
            Ok(Err(e)) => e.to_string(),
            Err(_) => format!("no answer within {} ms", self.timeout.as_millis()),
        };
        // A failure usually means Redis went away (or restarted): re-open every connection
        // on next use rather than find the dead ones one failed request at a time; and skip
        // Redis for a moment.
        for slot in &self.slots {
            if let Ok(mut guard) = slot.try_lock() {
                *guard = None;
            }
        }
        *self.skip_until.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some(Instant::now() + RETRY_AFTER_FAILURE);
        self.metrics.redis_error(op);
        if self.up.swap(false, Ordering::AcqRel) {
            self.metrics.redis_up(false);
            let mode = match self.failure_mode {
                RedisFailureMode::Open => "open: serving with this replica's own rate limits and replay cache",
                RedisFailureMode::Closed => "closed: token requests get 503 until it answers",
            };
            tracing::warn!(error = %error, op, failure_mode = mode, "redis: unreachable");
        }
        Err(Unavailable)
    }
}
