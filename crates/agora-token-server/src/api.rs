//! The route table: every route is registered together with its documentation, so the
//! OpenAPI document served at `/openapi.json` lists exactly the routes the server serves.
//!
//! Every path is registered twice, with and without a trailing slash, and both are served
//! directly (agora-token-service's Gin router redirected one to the other, which broke
//! cross-origin browser calls); the document lists both.

use std::borrow::Cow;

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{on, MethodFilter};
use axum::Router;
use serde_json::{json, Map, Value};

use crate::app::AppState;
use crate::config::Config;

/// The documentation of one route.
#[derive(Debug, Clone)]
pub struct Op {
    /// HTTP method.
    pub method: Method,
    /// Path template in axum and OpenAPI syntax (`/rtm/{uid}`).
    pub path: Cow<'static, str>,
    /// The compatibility family (OpenAPI tag).
    pub tag: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Longer text: defaults, quirks, what the response contains.
    pub description: Cow<'static, str>,
    /// Whether the caller must authenticate (and is rate limited).
    pub protected: bool,
    /// Served but left out of the document: an alias spelling of a documented route whose
    /// parameters the document cannot describe exactly (see `Op::hidden`).
    pub hidden: bool,
    /// Whether a route serves this operation (false: documentation of a spelling another
    /// route serves, see [`RouteTable::document`]).
    pub served: bool,
    params: Vec<Value>,
    body: Option<Value>,
    body_required: bool,
    response: Value,
    errors: Vec<(&'static str, Value)>,
}

impl Op {
    fn new(method: Method, path: impl Into<Cow<'static, str>>, tag: &'static str, summary: &'static str) -> Self {
        Op {
            method,
            path: path.into(),
            tag,
            summary,
            description: Cow::Borrowed(""),
            protected: false,
            hidden: false,
            served: true,
            params: Vec::new(),
            body: None,
            body_required: true,
            response: json!({"description": "OK"}),
            errors: Vec::new(),
        }
    }

    /// A GET route.
    #[must_use]
    pub fn get(path: impl Into<Cow<'static, str>>, tag: &'static str, summary: &'static str) -> Self {
        Op::new(Method::GET, path, tag, summary)
    }

    /// A POST route.
    #[must_use]
    pub fn post(path: impl Into<Cow<'static, str>>, tag: &'static str, summary: &'static str) -> Self {
        Op::new(Method::POST, path, tag, summary)
    }

    /// Sets the description.
    #[must_use]
    pub fn describe(mut self, text: impl Into<Cow<'static, str>>) -> Self {
        self.description = text.into();
        self
    }

    /// Requires authentication (every token route).
    #[must_use]
    pub fn protected(mut self) -> Self {
        self.protected = true;
        self
    }

    /// Served, not documented: for alias spellings whose parameters depend on each other in
    /// a way OpenAPI cannot state (the document lists the spellings clients use, each exactly).
    #[must_use]
    pub fn hidden(mut self) -> Self {
        self.hidden = true;
        self
    }

    /// A path parameter: any text.
    #[must_use]
    pub fn path_param(self, name: &str, description: &str) -> Self {
        self.path_param_schema(name, json!({"type": "string"}), description)
    }

    /// A path parameter with a schema.
    #[must_use]
    pub fn path_param_schema(mut self, name: &str, schema: Value, description: &str) -> Self {
        self.params
            .push(json!({"name": name, "in": "path", "required": true, "schema": schema, "description": description}));
        self
    }

    /// A query parameter with a schema.
    #[must_use]
    pub fn query_schema(mut self, name: &str, schema: Value, required: bool, description: &str) -> Self {
        self.params.push(
            json!({"name": name, "in": "query", "required": required, "schema": schema, "description": description}),
        );
        self
    }

    /// A request body: `(content type, JSON schema)` pairs. Required unless [`Op::body_optional`].
    #[must_use]
    pub fn body(mut self, contents: &[(&str, Value)]) -> Self {
        let mut content = Map::new();
        for (media, schema) in contents {
            content.insert((*media).to_owned(), json!({"schema": schema}));
        }
        self.body = Some(json!({"content": content}));
        self
    }

    /// The body may be left out (the route reads a missing body as `{}`).
    #[must_use]
    pub fn body_optional(mut self) -> Self {
        self.body_required = false;
        self
    }

    /// The success response: a JSON object with these properties (all strings unless given).
    #[must_use]
    pub fn returns_json(mut self, schema: Value) -> Self {
        self.response = json!({"description": "OK", "content": {"application/json": {"schema": schema}}});
        self
    }

    /// Another media type of the success response.
    #[must_use]
    pub fn returns_also(mut self, media: &str, schema: Value) -> Self {
        self.response["content"][media] = json!({"schema": schema});
        self
    }

    /// The success response with a non-JSON body.
    #[must_use]
    pub fn returns(mut self, media: &str, schema: Value) -> Self {
        self.response = json!({"description": "OK", "content": {media: {"schema": schema}}});
        self
    }

    /// Another response for `status` (replacing the shared error response, if any).
    #[must_use]
    pub fn responds(mut self, status: &'static str, response: Value) -> Self {
        self.errors.push((status, response));
        self
    }

    /// The paths served: the template, and its trailing-slash twin.
    #[must_use]
    pub fn paths(&self) -> Vec<String> {
        if self.path == "/" {
            vec![self.path.to_string()]
        } else {
            vec![self.path.to_string(), format!("{}/", self.path)]
        }
    }

    /// The `Allow` header of the route's paths (axum answers HEAD for every GET route).
    #[must_use]
    pub fn allow(&self) -> &'static str {
        if self.method == Method::POST {
            "POST, OPTIONS"
        } else {
            "GET, HEAD, OPTIONS"
        }
    }

    fn operation(&self, path: &str, open: bool) -> Value {
        let error = json!({"$ref": "#/components/responses/Error"});
        let mut op = json!({
            "tags": [self.tag],
            "summary": self.summary,
            "operationId": operation_id(&self.method, path),
            "responses": {"200": self.response, "408": error, "414": error},
        });
        if !self.description.is_empty() {
            op["description"] = json!(self.description);
        }
        if !self.params.is_empty() {
            op["parameters"] = json!(self.params);
        }
        if let Some(body) = &self.body {
            let mut body = body.clone();
            body["required"] = json!(self.body_required);
            op["requestBody"] = body;
        }
        if self.protected {
            for status in ["400", "401", "403", "413", "429", "503"] {
                op["responses"][status] = error.clone();
            }
            let mut security = vec![json!({"bearer": []}), json!({"apiKey": []}), json!({"hmac": []})];
            if open {
                security.insert(0, json!({}));
            }
            op["security"] = json!(security);
        }
        for (status, response) in &self.errors {
            op["responses"][*status] = response.clone();
        }
        op
    }
}

fn operation_id(method: &Method, path: &str) -> String {
    let mut id = method.as_str().to_ascii_lowercase();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        let word: String = part.chars().filter(char::is_ascii_alphanumeric).collect();
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.push(first.to_ascii_uppercase());
            id.extend(chars);
        }
    }
    if path.ends_with('/') && path != "/" {
        id.push_str("Slash");
    }
    id
}

/// Routes and their documentation, collected together.
#[derive(Debug, Default)]
pub struct RouteTable {
    public: Router<AppState>,
    protected: Router<AppState>,
    ops: Vec<Op>,
}

impl RouteTable {
    /// An empty table.
    #[must_use]
    pub fn new() -> Self {
        RouteTable::default()
    }

    /// Registers `handler` for every path of `op` and records `op` for the document.
    pub fn add<H, T>(&mut self, op: Op, handler: H)
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = if op.method == Method::POST { MethodFilter::POST } else { MethodFilter::GET };
        let method_router = on(filter, handler);
        let target = if op.protected { &mut self.protected } else { &mut self.public };
        for path in op.paths() {
            *target = std::mem::take(target).route(&path, method_router.clone());
        }
        self.ops.push(op);
    }

    /// Documents `op` without serving it: a spelling of a route that another (hidden) route
    /// serves, so that each documented spelling has exact parameters.
    pub fn document(&mut self, mut op: Op) {
        op.served = false;
        self.ops.push(op);
    }

    /// The operations, documented and hidden.
    #[must_use]
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// The methods of each path, for `OPTIONS`.
    #[must_use]
    pub fn allow_table(&self) -> AllowTable {
        let mut routes: Vec<(Vec<Segment>, &'static str)> = Vec::new();
        for op in &self.ops {
            for path in op.paths() {
                routes.push((path.split('/').map(Segment::parse).collect(), op.allow()));
            }
        }
        // Literal segments win over parameters, as in the router.
        routes.sort_by_key(|(segments, _)| segments.iter().map(|s| matches!(s, Segment::Param)).collect::<Vec<_>>());
        AllowTable { routes }
    }

    /// The public and the protected routers.
    pub fn into_routers(self) -> (Router<AppState>, Router<AppState>) {
        (self.public, self.protected)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Param,
}

impl Segment {
    fn parse(text: &str) -> Self {
        if text.starts_with('{') && text.ends_with('}') {
            Segment::Param
        } else {
            Segment::Literal(text.to_owned())
        }
    }
}

/// Which methods each served path answers, to answer `OPTIONS` with a true `Allow` header
/// without running the route's authentication (browsers send preflights without credentials).
#[derive(Debug, Default)]
pub struct AllowTable {
    routes: Vec<(Vec<Segment>, &'static str)>,
}

impl AllowTable {
    /// The `Allow` value for a request path, or `None` when no route serves it.
    #[must_use]
    pub fn allow(&self, path: &str) -> Option<&'static str> {
        let parts: Vec<&str> = path.split('/').collect();
        self.routes.iter().find_map(|(segments, allow)| {
            let matches = segments.len() == parts.len()
                && segments.iter().zip(&parts).all(|(segment, part)| match segment {
                    Segment::Param => true,
                    Segment::Literal(text) => text == part,
                });
            matches.then_some(*allow)
        })
    }
}

/// The OpenAPI 3.1 document of every operation.
#[must_use]
pub fn openapi(ops: &[Op], config: &Config) -> Value {
    let mut paths = Map::new();
    for op in ops.iter().filter(|op| !op.hidden) {
        for path in op.paths() {
            let entry = paths.entry(path.clone()).or_insert_with(|| json!({}));
            entry[op.method.as_str().to_ascii_lowercase()] = op.operation(&path, config.auth.open);
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "agora-token-server",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Agora token server. Serves the routes of AgoraIO-Community/agora-token-service, the agoracn/token \
    Docker image, the Agora docs samples and the Agora Chat token server samples, with caller authentication, a policy, \
    rate limits and metrics. Every path is also served with a trailing slash. Token lifetimes are seconds from now; \
    absent or 0 means the server default, longer than the maximum (at most 24 hours) is shortened to it.",
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An API key from API_KEYS, or a JWT: HS256 signed with JWT_SECRET, or signed by an identity provider whose keys are at JWT_JWKS_URL / JWT_JWKS_FILE (RS256, RS384, RS512, PS256-512, ES256, ES384, EdDSA; the key decides the algorithm; iss required, aud when JWT_AUDIENCE is set)."},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                "hmac": {"type": "apiKey", "in": "header", "name": "X-Auth-Signature", "description": "Signed request: X-Auth-Key, X-Auth-Timestamp, X-Auth-Nonce and X-Auth-Signature = hex(HMAC-SHA256(secret, METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nhex(SHA256(body))))."},
            },
            "schemas": {
                "Error": {"type": "object", "required": ["status", "error", "message", "kind"], "properties": {
                    "status": {"type": "integer"}, "error": {"type": "string"}, "message": {"type": "string"}, "kind": {"type": "string"}
                }},
            },
            "responses": {
                "Error": {"description": "Refused: bad input (400), authentication (401), policy (403), timeout (408), body too large (413), request target too long (414), rate limit (429, with Retry-After), a dependency unavailable while failing closed (503: the external authorizer, or Redis with REDIS_FAILURE_MODE=closed)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_ids_are_readable_and_distinct_per_variant() {
        assert_eq!(
            operation_id(&Method::GET, "/rtc/{channel}/{role}/{tokenType}/{uid}"),
            "getRtcChannelRoleTokenTypeUid"
        );
        assert_eq!(operation_id(&Method::GET, "/rtm/{uid}/"), "getRtmUidSlash");
        assert_eq!(operation_id(&Method::POST, "/token/generate"), "postTokenGenerate");
    }
}
