//! Configuration from the environment, validated at start-up.
//!
//! Every problem is collected and reported at once, each naming the variable to set.
//! Secrets (the app certificate, API keys, HMAC and JWT secrets) are held in types whose
//! `Debug` output is redacted, and no message ever repeats their value.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use agora_token::{AppCertificate, AppId, Credentials};
use zeroize::Zeroizing;

/// Agora's documented maximum token validity: 24 hours.
pub const MAX_EXPIRY_CEILING: u32 = 86_400;

/// The validated configuration of one server process.
#[derive(Debug, Clone)]
pub struct Config {
    /// App ID and certificate (the certificate is redacted in `Debug`).
    pub credentials: Credentials,
    /// `APP_CERTIFICATE_SECONDARY`: the project's secondary certificate during a rotation.
    /// Tokens are always signed with the primary; a feature that checks tokens accepts either.
    pub secondary_certificate: Option<AppCertificate>,
    /// Started with `--demo`: throwaway credentials, open access, loopback only.
    pub demo: bool,
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Which browser origins may call the server.
    pub cors: CorsConfig,
    /// How callers authenticate.
    pub auth: AuthConfig,
    /// Which channels, uids and roles callers may receive.
    pub policy: PolicyConfig,
    /// Token lifetimes.
    pub expiry: ExpiryConfig,
    /// Rate, size and time limits.
    pub limits: Limits,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// Log output.
    pub log: LogConfig,
    /// Connection cap and the header and idle timeouts (`conn.rs`).
    pub connections: ConnectionLimits,
    /// An external authorizer asked before signing (`AUTHZ_URL`).
    pub authz: Option<AuthzConfig>,
    /// Rate limits and the replay cache shared by replicas (`REDIS_URL`).
    pub redis: Option<RedisConfig>,
    /// The token debugger page at `/inspect` (`INSPECT_PAGE`, `INSPECT_DIR`); `None`: off.
    pub inspect: Option<crate::routes::inspect::InspectPage>,
}

/// Allowed browser origins (`CORS_ALLOW_ORIGIN`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsConfig {
    /// `*`: every origin.
    Any,
    /// Exact origins, e.g. `https://app.example.com`. Empty: no browser origin.
    List(Vec<String>),
}

impl CorsConfig {
    /// Whether a request with this `Origin` header may be served.
    #[must_use]
    pub fn allows(&self, origin: &str) -> bool {
        match self {
            CorsConfig::Any => true,
            CorsConfig::List(origins) => origins.iter().any(|allowed| allowed == origin),
        }
    }
}

/// A secret string: redacted in `Debug`, wiped on drop.
#[derive(Clone)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret.
    #[must_use]
    pub fn new(value: String) -> Self {
        Secret(Zeroizing::new(value))
    }

    /// The secret's bytes.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// A named secret: an API key or an HMAC key, `id:secret` in the environment.
#[derive(Debug, Clone)]
pub struct NamedSecret {
    /// Who holds it; appears in logs as the caller.
    pub id: String,
    /// The secret itself.
    pub secret: Secret,
}

/// How callers authenticate (any configured method is accepted).
#[derive(Debug, Clone, Default)]
pub struct AuthConfig {
    /// `API_KEYS`: sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`.
    pub api_keys: Vec<NamedSecret>,
    /// `HMAC_KEYS`: signed requests (see `auth.rs`).
    pub hmac_keys: Vec<NamedSecret>,
    /// Allowed clock difference for signed requests.
    pub hmac_max_skew: u64,
    /// `JWT_SECRET` and the claims to check.
    pub jwt: Option<JwtConfig>,
    /// `OPEN_ACCESS=true`: callers without credentials are served (what the UI kits need).
    pub open: bool,
    /// `JWT_JWKS_URL` / `JWT_JWKS_FILE`: JWTs signed by an identity provider.
    pub jwks: Option<JwksConfig>,
    /// Which claims of a JWT (either kind) the policy reads, and the clock leeway.
    pub claims: ClaimNames,
}

impl AuthConfig {
    /// Whether any credential-based method is configured.
    #[must_use]
    pub fn has_credentials(&self) -> bool {
        !self.api_keys.is_empty() || !self.hmac_keys.is_empty() || self.jwt.is_some() || self.jwks.is_some()
    }
}

/// JWT (HS256) verification settings.
#[derive(Debug, Clone)]
pub struct JwtConfig {
    /// The shared HS256 key.
    pub secret: Secret,
    /// Required `iss`, if set.
    pub issuer: Option<String>,
    /// Required `aud`, if set.
    pub audience: Option<String>,
}

/// The built-in policy's settings (see `policy.rs`).
#[derive(Debug, Clone)]
pub struct PolicyConfig {
    /// Channel name patterns (`*` matches any text, `{user}` the caller's bound user); empty = any.
    pub channels: Vec<String>,
    /// Whether wildcard channels and users (`agora_token::wildcard`) may be granted.
    pub allow_wildcards: bool,
    /// Whether publisher (host) tokens may be granted at all.
    pub allow_publisher: bool,
    /// Whether a caller whose JWT carries a `uid` claim only gets tokens for that user.
    pub bind_uid: bool,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        PolicyConfig { channels: Vec::new(), allow_wildcards: true, allow_publisher: true, bind_uid: true }
    }
}

/// Token lifetimes in seconds.
#[derive(Debug, Clone, Copy)]
pub struct ExpiryConfig {
    /// Used when a request gives none (or 0).
    pub default: u32,
    /// Longer requests are shortened to this.
    pub max: u32,
}

/// Rate, size and time limits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Requests per minute per client IP on token routes (0 = unlimited).
    pub rate_per_ip: u32,
    /// Requests per minute per authenticated caller (0 = unlimited).
    pub rate_per_caller: u32,
    /// Requests a client may make at once before the rate applies.
    pub rate_burst: u32,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
    /// Longest accepted request target (path and query).
    pub max_uri_bytes: usize,
    /// Time allowed for one request.
    pub request_timeout: Duration,
    /// After SIGTERM: time to keep serving while load balancers stop sending.
    pub shutdown_delay: Duration,
    /// After SIGTERM: time allowed for in-flight requests to finish.
    pub shutdown_timeout: Duration,
}

/// Log output settings.
#[derive(Debug, Clone, Copy)]
pub struct LogConfig {
    /// JSON lines (default) or human-readable text.
    pub json: bool,
    /// Most verbose level written.
    pub level: tracing::Level,
}

/// An IP network (`10.0.0.0/8`) or a single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// Parses `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `addr/n`.
    ///
    /// # Errors
    /// A message saying what is wrong with the text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (addr_text, prefix_text) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let addr: IpAddr = addr_text.parse().map_err(|_| format!("{text:?} is not an IP address or network"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix_text {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{text:?} has an invalid prefix length (0 to {max})"))?,
        };
        Ok(IpNet { addr, prefix })
    }

    /// Whether `ip` is inside this network.
    #[must_use]
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => prefix_match(&net.octets(), &ip.octets(), self.prefix),
            (IpAddr::V6(net), IpAddr::V6(ip)) => prefix_match(&net.octets(), &ip.octets(), self.prefix),
            _ => false,
        }
    }
}

fn prefix_match(net: &[u8], ip: &[u8], prefix: u8) -> bool {
    let mut remaining = usize::from(prefix);
    for (a, b) in net.iter().zip(ip) {
        if remaining == 0 {
            return true;
        }
        let bits = remaining.min(8);
        let mask = 0xffu8 << (8 - bits);
        if a & mask != b & mask {
            return false;
        }
        remaining -= bits;
    }
    true
}

/// Every problem found in the environment, each naming its variable.
#[derive(Debug)]
pub struct ConfigErrors(pub Vec<String>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "agora-token-server cannot start; fix the configuration:")?;
        for problem in &self.0 {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

/// Reads one variable; `None` when unset or blank.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

struct Reader<'a> {
    lookup: Lookup<'a>,
    problems: Vec<String>,
}

impl Reader<'_> {
    fn get(&self, name: &str) -> Option<String> {
        (self.lookup)(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    /// The first variable that is set among `names`, with its name.
    fn first(&self, names: &[&'static str]) -> Option<(&'static str, String)> {
        names.iter().find_map(|name| self.get(name).map(|value| (*name, value)))
    }

    /// A secret from `NAME`, or from the file named by `NAME_FILE` (container secrets).
    fn secret(&mut self, name: &str) -> Option<Secret> {
        if let Some(value) = self.get(name) {
            return Some(Secret::new(value));
        }
        let file_var = format!("{name}_FILE");
        let path = self.get(&file_var)?;
        match std::fs::read_to_string(&path) {
            Ok(text) => Some(Secret::new(text.trim().to_owned())).filter(|s| !s.expose().is_empty()),
            Err(e) => {
                self.problems.push(format!("{file_var}: cannot read {path:?}: {e}"));
                None
            }
        }
    }

    fn bool(&mut self, name: &str, default: bool) -> bool {
        match self.get(name).map(|v| v.to_ascii_lowercase()) {
            None => default,
            Some(v) if matches!(v.as_str(), "1" | "true" | "yes" | "on") => true,
            Some(v) if matches!(v.as_str(), "0" | "false" | "no" | "off") => false,
            Some(v) => {
                self.problems.push(format!("{name}={v:?} is not a boolean; use true or false"));
                default
            }
        }
    }

    fn number<T: std::str::FromStr + Copy>(&mut self, name: &str, default: T, what: &str) -> T {
        match self.get(name) {
            None => default,
            Some(v) => match v.parse::<T>() {
                Ok(n) => n,
                Err(_) => {
                    self.problems.push(format!("{name}={v:?} is not valid; expected {what}"));
                    default
                }
            },
        }
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.get(name)
            .map(|v| v.split([',', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// `id:secret` pairs separated by commas or newlines. Secrets shorter than 16
    /// characters are refused: they can be guessed.
    fn named_secrets(&mut self, name: &str) -> Vec<NamedSecret> {
        let Some(all) = self.secret(name) else { return Vec::new() };
        let mut out = Vec::new();
        for (index, entry) in all.expose().split([',', '\n']).map(str::trim).filter(|s| !s.is_empty()).enumerate() {
            let position = index + 1;
            match entry.split_once(':') {
                Some((id, secret)) if !id.trim().is_empty() && secret.trim().len() >= 16 => {
                    out.push(NamedSecret { id: id.trim().to_owned(), secret: Secret::new(secret.trim().to_owned()) });
                }
                Some((id, _)) if !id.trim().is_empty() => self.problems.push(format!(
                    "{name}: the secret of entry {position} ({:?}) is shorter than 16 characters; use a long random value",
                    id.trim()
                )),
                _ => self.problems.push(format!(
                    "{name}: entry {position} is not in the form id:secret (e.g. mobile-app:3f9c...); the id names the caller in logs"
                )),
            }
        }
        let mut ids: Vec<&str> = out.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|w| w[0] == w[1]) {
            self.problems.push(format!("{name}: two entries share an id; give each caller its own id"));
        }
        out
    }
}

impl Config {
    /// Reads and validates the configuration. With `demo`, the credentials are generated,
    /// access is open and the server binds to 127.0.0.1 only.
    ///
    /// # Errors
    /// Every problem found, each naming the variable to set or fix.
    pub fn from_env(lookup: Lookup<'_>, demo: bool) -> Result<Config, ConfigErrors> {
        let mut r = Reader { lookup, problems: Vec::new() };

        let credentials = if demo { demo_credentials(&mut r.problems) } else { read_credentials(&mut r) };
        let secondary_certificate = if demo { None } else { read_secondary_certificate(&mut r) };

        let host: IpAddr = if demo {
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        } else {
            match r.get("HOST") {
                None => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                Some(h) => h.parse().unwrap_or_else(|_| {
                    r.problems.push(format!("HOST={h:?} is not an IP address; use e.g. 0.0.0.0 or 127.0.0.1"));
                    IpAddr::V4(Ipv4Addr::UNSPECIFIED)
                }),
            }
        };
        // agora-token-service reads SERVER_PORT, then PORT (set by Railway, Render, Heroku).
        let port = match r.first(&["SERVER_PORT", "PORT"]) {
            None => 8080,
            Some((name, v)) => v.parse::<u16>().unwrap_or_else(|_| {
                r.problems.push(format!("{name}={v:?} is not a port number (0 to 65535)"));
                8080
            }),
        };

        let cors = match r.get("CORS_ALLOW_ORIGIN") {
            None if demo => CorsConfig::Any,
            None => CorsConfig::List(Vec::new()),
            Some(v) if v == "*" => CorsConfig::Any,
            Some(_) => {
                let origins = r.list("CORS_ALLOW_ORIGIN");
                for origin in &origins {
                    if !(origin.starts_with("http://") || origin.starts_with("https://")) || origin.ends_with('/') {
                        r.problems.push(format!(
                            "CORS_ALLOW_ORIGIN: {origin:?} is not an origin; write scheme://host[:port] without a path, e.g. https://app.example.com"
                        ));
                    }
                }
                CorsConfig::List(origins)
            }
        };

        let mut auth = AuthConfig {
            api_keys: r.named_secrets("API_KEYS"),
            hmac_keys: r.named_secrets("HMAC_KEYS"),
            hmac_max_skew: r.number("HMAC_MAX_SKEW_SECS", 300, "seconds"),
            jwt: None,
            open: r.bool("OPEN_ACCESS", false) || demo,
            jwks: read_jwks(&mut r),
            claims: read_claim_names(&mut r),
        };
        if let Some(secret) = r.secret("JWT_SECRET") {
            if secret.expose().len() < 32 {
                r.problems
                    .push("JWT_SECRET is shorter than 32 bytes; HS256 keys must be long random values".to_owned());
            }
            auth.jwt = Some(JwtConfig { secret, issuer: r.get("JWT_ISSUER"), audience: r.get("JWT_AUDIENCE") });
        }
        if !auth.open && !auth.has_credentials() {
            r.problems.push(
                "no caller authentication is configured: set API_KEYS, HMAC_KEYS, JWT_SECRET or JWT_JWKS_URL, or set OPEN_ACCESS=true \
                 to hand tokens to anyone who asks (what the UI kits need; combine it with POLICY_* and rate limits)"
                    .to_owned(),
            );
        }

        let policy = PolicyConfig {
            channels: r.list("POLICY_CHANNELS"),
            allow_wildcards: r.bool("POLICY_ALLOW_WILDCARDS", true),
            allow_publisher: r.bool("POLICY_ALLOW_PUBLISHER", true),
            bind_uid: r.bool("POLICY_BIND_UID", true),
        };

        let max = r.number("MAX_EXPIRY_SECS", MAX_EXPIRY_CEILING, "seconds");
        let default = r.number("DEFAULT_EXPIRY_SECS", 3600u32, "seconds");
        if max == 0 || max > MAX_EXPIRY_CEILING {
            r.problems.push(format!(
                "MAX_EXPIRY_SECS={max} must be between 1 and {MAX_EXPIRY_CEILING} (Agora's 24-hour maximum)"
            ));
        }
        if default == 0 || default > max {
            r.problems.push(format!("DEFAULT_EXPIRY_SECS={default} must be between 1 and MAX_EXPIRY_SECS ({max})"));
        }

        let limits = Limits {
            rate_per_ip: r.number("RATE_LIMIT_PER_IP", 600, "requests per minute (0 = unlimited)"),
            rate_per_caller: r.number("RATE_LIMIT_PER_CALLER", 600, "requests per minute (0 = unlimited)"),
            rate_burst: r.number("RATE_LIMIT_BURST", 60, "a number of requests"),
            max_body_bytes: r.number("MAX_BODY_BYTES", 16 * 1024, "bytes"),
            max_uri_bytes: r.number("MAX_URI_BYTES", 2048, "bytes"),
            request_timeout: Duration::from_secs(r.number("REQUEST_TIMEOUT_SECS", 10, "seconds")),
            shutdown_delay: Duration::from_secs(r.number("SHUTDOWN_DELAY_SECS", 0, "seconds")),
            shutdown_timeout: Duration::from_secs(r.number("SHUTDOWN_TIMEOUT_SECS", 25, "seconds")),
        };
        if limits.rate_burst == 0 {
            r.problems.push("RATE_LIMIT_BURST must be at least 1".to_owned());
        }

        let mut trusted_proxies = Vec::new();
        for entry in r.list("TRUSTED_PROXIES") {
            match IpNet::parse(&entry) {
                Ok(net) => trusted_proxies.push(net),
                Err(e) => r.problems.push(format!("TRUSTED_PROXIES: {e}")),
            }
        }

        let connections = read_connection_limits(&mut r);
        let authz = read_authz(&mut r);
        let redis = read_redis(&mut r);

        let log = LogConfig {
            json: match r.get("LOG_FORMAT").map(|v| v.to_ascii_lowercase()) {
                None => !demo,
                Some(v) if v == "json" => true,
                Some(v) if v == "text" => false,
                Some(v) => {
                    r.problems.push(format!("LOG_FORMAT={v:?} is not valid; use json or text"));
                    true
                }
            },
            level: match r.get("LOG_LEVEL") {
                None => tracing::Level::INFO,
                Some(v) => v.parse().unwrap_or_else(|_| {
                    r.problems.push(format!("LOG_LEVEL={v:?} is not valid; use error, warn, info, debug or trace"));
                    tracing::Level::INFO
                }),
            },
        };

        // The token debugger page: on when its files are found (INSPECT_DIR, default ./web);
        // INSPECT_PAGE=off turns it off, INSPECT_PAGE=on makes missing files a start-up error.
        let inspect = {
            use crate::routes::inspect::InspectPage;
            let dir = r.get("INSPECT_DIR");
            match r.get("INSPECT_PAGE").map(|v| v.to_ascii_lowercase()) {
                Some(v) if v == "off" => None,
                Some(v) if v != "on" => {
                    r.problems.push(format!("INSPECT_PAGE={v:?} is not valid; use on or off"));
                    None
                }
                required => {
                    let required = required.is_some() || dir.is_some();
                    match InspectPage::load(std::path::Path::new(dir.as_deref().unwrap_or("web"))) {
                        Ok(page) => Some(page),
                        Err(problem) if required => {
                            r.problems.push(format!("INSPECT_DIR: {problem}; or set INSPECT_PAGE=off"));
                            None
                        }
                        Err(_) => None,
                    }
                }
            }
        };

        match credentials {
            Some(credentials) if r.problems.is_empty() => Ok(Config {
                credentials,
                secondary_certificate,
                demo,
                bind: SocketAddr::new(host, port),
                cors,
                auth,
                policy,
                expiry: ExpiryConfig { default, max },
                limits,
                trusted_proxies,
                log,
                connections,
                authz,
                redis,
                inspect,
            }),
            _ => Err(ConfigErrors(r.problems)),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Production settings: identity providers (JWKS), the external authorizer, Redis shared by
// replicas, and connection limits. Each is read by its own function below.
// ---------------------------------------------------------------------------------------

/// Where an identity provider's signing keys come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwksSource {
    /// `JWT_JWKS_URL`: fetched over HTTPS (plain HTTP only on loopback or with `JWT_JWKS_ALLOW_HTTP`).
    Url(String),
    /// `JWT_JWKS_FILE`: read from disk (air-gapped setups); re-read like a URL is re-fetched.
    File(std::path::PathBuf),
}

/// Verification of JWTs signed by an identity provider (RS256, RS384, ES256, EdDSA, ...).
#[derive(Debug, Clone)]
pub struct JwksConfig {
    /// Where the keys are.
    pub source: JwksSource,
    /// Required `iss` (`JWT_ISSUER`): every provider sets it, and a JWKS may be shared by
    /// many tenants (all Firebase projects share Google's), so it is mandatory here.
    pub issuer: String,
    /// Accepted `aud` values (`JWT_AUDIENCE`, comma-separated); empty = not checked.
    pub audience: Vec<String>,
    /// Keys are re-fetched after this long (or the response's `Cache-Control: max-age`, if shorter).
    pub refresh: Duration,
    /// Never fetched more often than this, whatever unknown `kid`s arrive.
    pub min_refresh: Duration,
    /// While fetches fail, the last keys stay usable this long after they were fetched.
    pub max_stale: Duration,
    /// Time allowed for one fetch.
    pub timeout: Duration,
}

/// The JWT claims the policy reads, and the clock leeway for `exp` and `nbf`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimNames {
    /// `JWT_USER_CLAIM` (default `uid`): the end user a caller may get tokens for.
    pub user: String,
    /// `JWT_CHANNELS_CLAIM` (default `channels`): channel patterns the caller is limited to.
    pub channels: String,
    /// `JWT_ROLE_CLAIM` (default `role`): `subscriber` forbids publisher tokens.
    pub role: String,
    /// `JWT_LEEWAY_SECS` (default 30): allowed clock difference for `exp` and `nbf`.
    pub leeway: u64,
}

impl Default for ClaimNames {
    fn default() -> Self {
        ClaimNames { user: "uid".to_owned(), channels: "channels".to_owned(), role: "role".to_owned(), leeway: 30 }
    }
}

/// The external authorizer (`AUTHZ_URL`): asked before every token is signed.
#[derive(Debug, Clone)]
pub struct AuthzConfig {
    /// Where the server POSTs the caller and the requested grants.
    pub url: String,
    /// Time allowed for an answer; no answer in time means no token.
    pub timeout: Duration,
    /// Sent as `Authorization: Bearer <token>` so the authorizer knows the caller is this server.
    pub token: Option<Secret>,
}

/// What the server does when Redis does not answer in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedisFailureMode {
    /// Serve, with this replica's own limits and replay cache (as without Redis).
    Open,
    /// Refuse with 503 until Redis answers again.
    Closed,
}

/// Rate limits and the HMAC replay cache in Redis, shared by every replica.
#[derive(Debug, Clone)]
pub struct RedisConfig {
    /// `REDIS_URL` (`redis://` or `rediss://`); may hold a password, so it is a secret.
    pub url: Secret,
    /// Connections this replica keeps open to Redis (each one pipelines many calls).
    pub pool_size: usize,
    /// Time allowed for one call, connecting included.
    pub timeout: Duration,
    /// `REDIS_FAILURE_MODE`.
    pub failure_mode: RedisFailureMode,
    /// Prefix of every key, so several deployments can share one Redis.
    pub key_prefix: String,
}

/// Connection cap and timeouts against slow and idle clients.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// `MAX_CONNECTIONS`: connections open at once; further ones wait in the listen backlog.
    pub max_connections: usize,
    /// `HEADER_READ_TIMEOUT_SECS`: a request's line and headers must arrive within this
    /// (from the connection's start, or from the first byte of a later request).
    pub header_read_timeout: Duration,
    /// `IDLE_TIMEOUT_SECS`: a keep-alive connection with no request is closed after this.
    pub idle_timeout: Duration,
}

fn positive_secs(r: &mut Reader<'_>, name: &str, default: u64) -> Duration {
    let secs = r.number(name, default, "seconds (1 or more)");
    if secs == 0 {
        r.problems.push(format!("{name} must be at least 1 second"));
    }
    Duration::from_secs(secs.max(1))
}

fn positive_millis(r: &mut Reader<'_>, name: &str, default: u64) -> Duration {
    let millis = r.number(name, default, "milliseconds (1 or more)");
    if millis == 0 {
        r.problems.push(format!("{name} must be at least 1 millisecond"));
    }
    Duration::from_millis(millis.max(1))
}

/// Whether an `http://` URL points at this machine (where plain HTTP cannot be intercepted).
fn is_loopback_url(url: &str) -> bool {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn read_jwks(r: &mut Reader<'_>) -> Option<JwksConfig> {
    let source = match (r.get("JWT_JWKS_URL"), r.get("JWT_JWKS_FILE")) {
        (None, None) => return None,
        (Some(_), Some(_)) => {
            r.problems.push("set JWT_JWKS_URL or JWT_JWKS_FILE, not both".to_owned());
            return None;
        }
        (Some(url), None) => {
            let allow_http = r.bool("JWT_JWKS_ALLOW_HTTP", false);
            if url.starts_with("http://") && !allow_http && !is_loopback_url(&url) {
                r.problems.push(format!(
                    "JWT_JWKS_URL={url:?}: keys fetched over plain HTTP can be replaced on the way; use https:// \
                     (or JWT_JWKS_ALLOW_HTTP=true inside a trusted network)"
                ));
            } else if !url.starts_with("https://") && !url.starts_with("http://") {
                r.problems.push(format!("JWT_JWKS_URL={url:?} is not an https:// URL"));
            }
            JwksSource::Url(url)
        }
        (None, Some(path)) => JwksSource::File(path.into()),
    };
    let Some(issuer) = r.get("JWT_ISSUER") else {
        r.problems.push(
            "JWT_ISSUER is required with JWT_JWKS_URL/JWT_JWKS_FILE: set it to your identity provider's issuer \
             (e.g. https://securetoken.google.com/<project-id> for Firebase, https://<tenant>.auth0.com/ for Auth0)"
                .to_owned(),
        );
        return None;
    };
    let refresh = positive_secs(r, "JWT_JWKS_REFRESH_SECS", 3600);
    let min_refresh = positive_secs(r, "JWT_JWKS_MIN_REFRESH_SECS", 30);
    let max_stale = positive_secs(r, "JWT_JWKS_MAX_STALE_SECS", 86_400);
    if min_refresh > refresh {
        r.problems.push("JWT_JWKS_MIN_REFRESH_SECS must not exceed JWT_JWKS_REFRESH_SECS".to_owned());
    }
    if max_stale < refresh {
        r.problems.push("JWT_JWKS_MAX_STALE_SECS must be at least JWT_JWKS_REFRESH_SECS".to_owned());
    }
    Some(JwksConfig {
        source,
        issuer,
        audience: r.list("JWT_AUDIENCE"),
        refresh,
        min_refresh,
        max_stale,
        timeout: positive_millis(r, "JWT_JWKS_TIMEOUT_MS", 5000),
    })
}

fn read_claim_names(r: &mut Reader<'_>) -> ClaimNames {
    let defaults = ClaimNames::default();
    ClaimNames {
        user: r.get("JWT_USER_CLAIM").unwrap_or(defaults.user),
        channels: r.get("JWT_CHANNELS_CLAIM").unwrap_or(defaults.channels),
        role: r.get("JWT_ROLE_CLAIM").unwrap_or(defaults.role),
        leeway: r.number("JWT_LEEWAY_SECS", defaults.leeway, "seconds"),
    }
}

fn read_authz(r: &mut Reader<'_>) -> Option<AuthzConfig> {
    let url = r.get("AUTHZ_URL")?;
    if !url.starts_with("https://") && !url.starts_with("http://") {
        r.problems.push(format!("AUTHZ_URL={url:?} is not an http:// or https:// URL"));
    }
    Some(AuthzConfig { url, timeout: positive_millis(r, "AUTHZ_TIMEOUT_MS", 2000), token: r.secret("AUTHZ_TOKEN") })
}

fn read_redis(r: &mut Reader<'_>) -> Option<RedisConfig> {
    let url = r.secret("REDIS_URL")?;
    // redis-rs's own parse errors may quote the URL, and with it the password.
    if redis::IntoConnectionInfo::into_connection_info(url.expose()).is_err() {
        r.problems.push(
            "REDIS_URL is not a Redis URL; use redis://[:password@]host[:port][/db] or rediss://... for TLS".to_owned(),
        );
    }
    let failure_mode = match r.get("REDIS_FAILURE_MODE").map(|v| v.to_ascii_lowercase()).as_deref() {
        None | Some("open") => RedisFailureMode::Open,
        Some("closed") => RedisFailureMode::Closed,
        Some(other) => {
            r.problems.push(format!("REDIS_FAILURE_MODE={other:?} is not valid; use open or closed"));
            RedisFailureMode::Open
        }
    };
    let pool_size = r.number("REDIS_POOL_SIZE", 4usize, "a number of connections (1 to 64)");
    if !(1..=64).contains(&pool_size) {
        r.problems.push(format!("REDIS_POOL_SIZE={pool_size} must be between 1 and 64"));
    }
    Some(RedisConfig {
        url,
        pool_size: pool_size.clamp(1, 64),
        timeout: positive_millis(r, "REDIS_TIMEOUT_MS", 250),
        failure_mode,
        key_prefix: r.get("REDIS_KEY_PREFIX").unwrap_or_else(|| "agora-token-server:".to_owned()),
    })
}

fn read_connection_limits(r: &mut Reader<'_>) -> ConnectionLimits {
    let max_connections = r.number("MAX_CONNECTIONS", 1024usize, "a number of connections");
    if !(1..=1_000_000).contains(&max_connections) {
        r.problems.push(format!("MAX_CONNECTIONS={max_connections} must be between 1 and 1000000"));
    }
    ConnectionLimits {
        max_connections: max_connections.clamp(1, 1_000_000),
        header_read_timeout: positive_secs(r, "HEADER_READ_TIMEOUT_SECS", 20),
        idle_timeout: positive_secs(r, "IDLE_TIMEOUT_SECS", 75),
    }
}

fn read_credentials(r: &mut Reader<'_>) -> Option<Credentials> {
    let app_id = match r.first(&["APP_ID", "AGORA_APP_ID"]) {
        None => {
            r.problems.push(
                "APP_ID (or AGORA_APP_ID) is not set: copy the App ID of your project from the Agora console \
                 (or run `agora-token-server --demo` to try the server with throwaway credentials)"
                    .to_owned(),
            );
            None
        }
        Some((name, value)) => match AppId::new(value) {
            Ok(id) => Some(id),
            Err(e) => {
                r.problems.push(format!("{name}: {e}"));
                None
            }
        },
    };
    let certificate = match r.secret("APP_CERTIFICATE").or_else(|| r.secret("AGORA_APP_CERTIFICATE")) {
        None => {
            r.problems.push(
                "APP_CERTIFICATE (or AGORA_APP_CERTIFICATE, or a file named by APP_CERTIFICATE_FILE) is not set: \
                 copy the primary certificate of your project from the Agora console"
                    .to_owned(),
            );
            None
        }
        // The core's message describes the certificate's shape only, never its characters.
        Some(secret) => match AppCertificate::new(secret.expose()) {
            Ok(cert) => Some(cert),
            Err(e) => {
                r.problems.push(format!("APP_CERTIFICATE: {e}"));
                None
            }
        },
    };
    Some(Credentials::from_parts(app_id?, certificate?))
}

/// `APP_CERTIFICATE_SECONDARY` (or a file named by `APP_CERTIFICATE_SECONDARY_FILE`), if set.
fn read_secondary_certificate(r: &mut Reader<'_>) -> Option<AppCertificate> {
    let secret = r.secret("APP_CERTIFICATE_SECONDARY")?;
    // The core's message describes the certificate's shape only, never its characters.
    AppCertificate::new(secret.expose()).map_err(|e| r.problems.push(format!("APP_CERTIFICATE_SECONDARY: {e}"))).ok()
}

/// A random app id and certificate: valid in shape, unknown to Agora.
fn demo_credentials(problems: &mut Vec<String>) -> Option<Credentials> {
    let mut bytes = [0u8; 32];
    if let Err(e) = getrandom::fill(&mut bytes) {
        problems.push(format!("--demo: cannot draw random credentials from the operating system: {e}"));
        return None;
    }
    let hex = |half: &[u8]| half.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let (id, cert) = bytes.split_at(16);
    match Credentials::new(&hex(id), &hex(cert)) {
        Ok(c) => Some(c),
        Err(e) => {
            problems.push(format!("--demo: {e}"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";

    fn config(vars: &[(&str, &str)], demo: bool) -> Result<Config, ConfigErrors> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let lookup = move |name: &str| map.get(name).cloned();
        Config::from_env(&lookup, demo)
    }

    fn base() -> Vec<(&'static str, &'static str)> {
        vec![("APP_ID", "970CA35de60c44645bbae8a215061b33"), ("APP_CERTIFICATE", CERT), ("OPEN_ACCESS", "true")]
    }

    #[test]
    fn missing_credentials_and_auth_are_all_named() {
        let errors = config(&[], false).unwrap_err().to_string();
        assert!(errors.contains("APP_ID (or AGORA_APP_ID) is not set"), "{errors}");
        assert!(errors.contains("APP_CERTIFICATE"), "{errors}");
        assert!(errors.contains("--demo"), "{errors}");
        assert!(errors.contains("no caller authentication is configured"), "{errors}");
    }

    #[test]
    fn invalid_certificate_is_described_without_its_value() {
        let bad = "5CFd2fd1755d40ecb72977518be15d3Z";
        let errors = config(&[("APP_ID", "970CA35de60c44645bbae8a215061b33"), ("APP_CERTIFICATE", bad)], false)
            .unwrap_err()
            .to_string();
        assert!(errors.contains("APP_CERTIFICATE"), "{errors}");
        assert!(!errors.contains(bad), "{errors}");
        assert!(!errors.contains("5CFd2fd1755d40ecb72977518be15d3"), "{errors}");
    }

    #[test]
    fn debug_output_redacts_every_secret() {
        let mut vars = base();
        vars.push(("API_KEYS", "mobile:aaaaaaaaaaaaaaaaaaaaaaaaaaaa1234"));
        vars.push(("HMAC_KEYS", "backend:bbbbbbbbbbbbbbbbbbbbbbbbbbbb5678"));
        vars.push(("JWT_SECRET", "cccccccccccccccccccccccccccccccccccc9012"));
        let debug = format!("{:?}", config(&vars, false).unwrap());
        for secret in [CERT, "aaaa1234", "bbbb5678", "cccc9012"] {
            assert!(!debug.contains(secret), "{secret} leaked into {debug}");
        }
        assert!(debug.contains("mobile"), "{debug}");
    }

    #[test]
    fn agora_prefixed_names_and_port_fallback() {
        let c = config(
            &[
                ("AGORA_APP_ID", "970CA35de60c44645bbae8a215061b33"),
                ("AGORA_APP_CERTIFICATE", CERT),
                ("OPEN_ACCESS", "yes"),
                ("PORT", "9999"),
            ],
            false,
        )
        .unwrap();
        assert_eq!(c.bind.port(), 9999);
        let mut vars = base();
        vars.extend([("SERVER_PORT", "7000"), ("PORT", "9999")]);
        assert_eq!(config(&vars, false).unwrap().bind.port(), 7000);
    }

    #[test]
    fn demo_mode_is_open_loopback_and_needs_nothing() {
        let c = config(&[("HOST", "0.0.0.0")], true).unwrap();
        assert!(c.demo && c.auth.open);
        assert_eq!(c.bind.ip(), IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(c.cors, CorsConfig::Any);
    }

    #[test]
    fn weak_or_malformed_keys_are_refused_naming_the_entry() {
        let mut vars = base();
        vars.push(("API_KEYS", "mobile:short,nocolon"));
        let errors = config(&vars, false).unwrap_err().to_string();
        assert!(errors.contains("entry 1 (\"mobile\") is shorter than 16"), "{errors}");
        assert!(errors.contains("entry 2 is not in the form id:secret"), "{errors}");
        assert!(!errors.contains("short,"), "{errors}");
    }

    #[test]
    fn expiry_limits_are_checked_against_24_hours() {
        let mut vars = base();
        vars.push(("MAX_EXPIRY_SECS", "90000"));
        let errors = config(&vars, false).unwrap_err().to_string();
        assert!(errors.contains("MAX_EXPIRY_SECS=90000"), "{errors}");
    }

    #[test]
    fn cors_origins_must_be_origins() {
        let mut vars = base();
        vars.push(("CORS_ALLOW_ORIGIN", "https://a.example, https://b.example/"));
        let errors = config(&vars, false).unwrap_err().to_string();
        assert!(errors.contains("\"https://b.example/\" is not an origin"), "{errors}");
    }

    #[test]
    fn production_settings_default_like_reverse_proxies_and_stay_off_unless_set() {
        let c = config(&base(), false).unwrap();
        assert_eq!(c.connections.max_connections, 1024);
        assert_eq!(c.connections.header_read_timeout, Duration::from_secs(20));
        assert_eq!(c.connections.idle_timeout, Duration::from_secs(75));
        assert!(c.redis.is_none() && c.authz.is_none() && c.auth.jwks.is_none());
        assert_eq!(c.auth.claims, ClaimNames::default());
    }

    #[test]
    fn a_jwks_needs_an_issuer_and_https_except_on_loopback() {
        let mut vars = base();
        vars.extend([
            ("JWT_JWKS_URL", "http://127.0.0.1:9999/jwks.json"),
            ("JWT_ISSUER", "https://issuer.example"),
            ("JWT_AUDIENCE", "app-a, app-b"),
        ]);
        let jwks = config(&vars, false).unwrap().auth.jwks.unwrap();
        assert_eq!(jwks.source, JwksSource::Url("http://127.0.0.1:9999/jwks.json".into()));
        assert_eq!(jwks.audience, ["app-a", "app-b"]);
        assert_eq!((jwks.refresh.as_secs(), jwks.min_refresh.as_secs(), jwks.max_stale.as_secs()), (3600, 30, 86_400));

        let mut vars = base();
        vars.extend([("JWT_JWKS_URL", "http://idp.example/jwks.json"), ("JWT_ISSUER", "https://issuer.example")]);
        assert!(config(&vars, false).unwrap_err().to_string().contains("plain HTTP"));
        vars.push(("JWT_JWKS_ALLOW_HTTP", "true"));
        assert!(config(&vars, false).is_ok());
        vars.push(("JWT_JWKS_FILE", "/etc/jwks.json"));
        assert!(config(&vars, false).unwrap_err().to_string().contains("not both"));

        assert!(is_loopback_url("http://localhost:8080/jwks"));
        assert!(is_loopback_url("http://[::1]/jwks"));
        assert!(!is_loopback_url("http://127.0.0.1.evil.example/jwks"));
        assert!(!is_loopback_url("http://127.0.0.1@evil.example/jwks"));
    }

    #[test]
    fn the_redis_url_is_a_secret_and_the_failure_mode_defaults_to_open() {
        let mut vars = base();
        vars.push(("REDIS_URL", "redis://:hunter2-password@10.0.0.5:6379/0"));
        let c = config(&vars, false).unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
        let redis = c.redis.unwrap();
        assert_eq!((redis.failure_mode, redis.pool_size), (RedisFailureMode::Open, 4));
        assert_eq!(redis.timeout, Duration::from_millis(250));
    }

    #[test]
    fn networks_match_by_prefix() {
        let net = IpNet::parse("10.1.0.0/16").unwrap();
        assert!(net.contains("10.1.200.3".parse().unwrap()));
        assert!(!net.contains("10.2.0.1".parse().unwrap()));
        assert!(IpNet::parse("127.0.0.1").unwrap().contains("::ffff:127.0.0.1".parse().unwrap()));
        assert!(IpNet::parse("10.0.0.0/33").is_err());
    }
}
