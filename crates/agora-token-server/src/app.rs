//! Assembles the server: shared state, the routes of every family, and the middleware.
//!
//! Request path, outermost first: `observe` (ids, limits, logs, metrics) → `cors`
//! (preflights, origins, no-cache) → body limit → routing; token routes then add
//! `limit_ip` → `require_caller` → `limit_caller` → the handler (policy, then signing).

use std::net::IpAddr;
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::api::{self, AllowTable, RouteTable};
use crate::auth::{self, Authenticator};
use crate::authz::Authorizer;
use crate::config::Config;
use crate::cors;
use crate::error::ApiError;
use crate::issue::Issuer;
use crate::jwks::Jwks;
use crate::metrics::Metrics;
use crate::observe::{self, RequestIds};
use crate::policy::Policy;
use crate::ratelimit::{self, RateLimiter};
use crate::redis_store::RedisStore;
use crate::routes;

/// The client's IP (after trusted proxies), attached to every request.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

/// Everything the handlers and middleware share. Nothing here is persisted; with
/// `REDIS_URL`, rate limits and the replay cache are shared by replicas through Redis.
#[derive(Debug)]
pub struct Shared {
    /// The validated configuration.
    pub config: Config,
    /// Signs tokens.
    pub issuer: Issuer,
    /// Identifies callers.
    pub auth: Authenticator,
    /// Decides what callers may get.
    pub policy: Box<dyn Policy>,
    /// Per-IP and per-caller limits.
    pub limiter: RateLimiter,
    /// The external authorizer (`AUTHZ_URL`), asked after the policy.
    pub authorizer: Option<Authorizer>,
    /// The identity provider's key cache (`JWT_JWKS_*`), loaded at start-up.
    pub jwks: Option<Arc<Jwks>>,
    /// The state shared by replicas (`REDIS_URL`).
    pub redis: Option<Arc<RedisStore>>,
    /// Prometheus metrics (shared with the connection loop, the key cache and the Redis store).
    pub metrics: Arc<Metrics>,
    /// Request id sequence.
    pub request_ids: RequestIds,
    /// The OpenAPI document, rendered once.
    pub openapi: String,
    /// The methods of each path, for `OPTIONS`.
    pub allow: AllowTable,
    draining: AtomicBool,
}

impl Shared {
    /// Whether SIGTERM was received (readiness then fails).
    #[must_use]
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Relaxed)
    }

    /// Marks the server as draining.
    pub fn start_draining(&self) {
        self.draining.store(true, Ordering::Relaxed);
    }
}

/// Cheap-to-clone handle on [`Shared`], the axum state.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

impl Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// The router of a server with this configuration and policy, and its state.
///
/// # Errors
/// When an HTTP client (identity provider, authorizer) or the Redis client cannot be set up.
pub fn build(config: Config, policy: Box<dyn Policy>) -> Result<(Router, AppState), String> {
    let mut table = RouteTable::new();
    routes::register(&mut table);
    let openapi = api::openapi(table.ops(), &config).to_string();
    let route_paths: Vec<String> = table.ops().iter().filter(|op| op.served).flat_map(api::Op::paths).collect();
    let allow = table.allow_table();

    let metrics = Arc::new(Metrics::new(route_paths.iter().map(String::as_str)));
    let jwks = match &config.auth.jwks {
        Some(jwks) => Some(Jwks::new(jwks, config.auth.claims.leeway, Arc::clone(&metrics))?),
        None => None,
    };
    let redis = match &config.redis {
        Some(redis) => Some(Arc::new(RedisStore::new(redis, Arc::clone(&metrics))?)),
        None => None,
    };
    let authorizer = match &config.authz {
        Some(authz) => Some(Authorizer::new(authz, Arc::clone(&metrics))?),
        None => None,
    };
    let limits = &config.limits;
    let state = AppState(Arc::new(Shared {
        issuer: Issuer::new(config.credentials.clone(), config.expiry),
        auth: Authenticator::new(&config.auth, jwks.clone(), redis.clone()),
        policy,
        limiter: RateLimiter::new(limits.rate_per_ip, limits.rate_per_caller, limits.rate_burst, redis.clone()),
        authorizer,
        jwks,
        redis,
        metrics,
        request_ids: RequestIds::new(),
        openapi,
        allow,
        draining: AtomicBool::new(false),
        config,
    }));

    let (public, protected) = table.into_routers();
    // route_layer: the last added runs first.
    let protected = protected
        .route_layer(from_fn_with_state(state.clone(), ratelimit::limit_caller))
        .route_layer(from_fn_with_state(state.clone(), auth::require_caller))
        .route_layer(from_fn_with_state(state.clone(), ratelimit::limit_ip));
    let router = public
        .merge(protected)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.config.limits.max_body_bytes))
        .layer(from_fn_with_state(state.clone(), cors::cors))
        .layer(from_fn_with_state(state.clone(), observe::observe))
        .with_state(state.clone());
    Ok((router, state))
}

async fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no route here; give your app the server's base URL (e.g. https://tokens.example.com), it adds the path itself. Routes: /openapi.json",
    )
    .into_response()
}
