//! The route table: every route is registered together with its documentation, so the
//! OpenAPI document served at `/openapi.json` lists exactly the routes the server serves.
//!
//! Every path is registered twice, with and without a trailing slash, and both are served
//! directly (agora-token-service's Gin router redirected one to the other, which broke
//! cross-origin browser calls); the document lists both.

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
    pub path: &'static str,
    /// The compatibility family (OpenAPI tag).
    pub tag: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Longer text: defaults, quirks, what the response contains.
    pub description: &'static str,
    /// Whether the caller must authenticate (and is rate limited).
    pub protected: bool,
    params: Vec<Value>,
    body: Option<Value>,
    response: Value,
}

impl Op {
    fn new(method: Method, path: &'static str, tag: &'static str, summary: &'static str) -> Self {
        Op {
            method,
            path,
            tag,
            summary,
            description: "",
            protected: false,
            params: Vec::new(),
            body: None,
            response: json!({"description": "OK"}),
        }
    }

    /// A GET route.
    #[must_use]
    pub fn get(path: &'static str, tag: &'static str, summary: &'static str) -> Self {
        Op::new(Method::GET, path, tag, summary)
    }

    /// A POST route.
    #[must_use]
    pub fn post(path: &'static str, tag: &'static str, summary: &'static str) -> Self {
        Op::new(Method::POST, path, tag, summary)
    }

    /// Sets the description.
    #[must_use]
    pub fn describe(mut self, text: &'static str) -> Self {
        self.description = text;
        self
    }

    /// Requires authentication (every token route).
    #[must_use]
    pub fn protected(mut self) -> Self {
        self.protected = true;
        self
    }

    /// A path parameter.
    #[must_use]
    pub fn path_param(mut self, name: &str, description: &str) -> Self {
        self.params.push(json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}, "description": description}));
        self
    }

    /// An optional query parameter.
    #[must_use]
    pub fn query(mut self, name: &str, kind: &str, description: &str) -> Self {
        self.params.push(json!({"name": name, "in": "query", "required": false, "schema": {"type": kind}, "description": description}));
        self
    }

    /// A request body: `(content type, JSON schema)` pairs.
    #[must_use]
    pub fn body(mut self, contents: &[(&str, Value)]) -> Self {
        let mut content = Map::new();
        for (media, schema) in contents {
            content.insert((*media).to_owned(), json!({"schema": schema}));
        }
        self.body = Some(json!({"required": true, "content": content}));
        self
    }

    /// The success response: a JSON object with these properties (all strings unless given).
    #[must_use]
    pub fn returns_json(mut self, schema: Value) -> Self {
        self.response = json!({"description": "OK", "content": {"application/json": {"schema": schema}}});
        self
    }

    /// The success response with a non-JSON body.
    #[must_use]
    pub fn returns(mut self, media: &str, schema: Value) -> Self {
        self.response = json!({"description": "OK", "content": {media: {"schema": schema}}});
        self
    }

    /// The paths served: the template, and its trailing-slash twin.
    #[must_use]
    pub fn paths(&self) -> Vec<String> {
        if self.path == "/" {
            vec![self.path.to_owned()]
        } else {
            vec![self.path.to_owned(), format!("{}/", self.path)]
        }
    }

    fn operation(&self, path: &str, open: bool) -> Value {
        let mut op = json!({
            "tags": [self.tag],
            "summary": self.summary,
            "operationId": operation_id(&self.method, path),
            "responses": {"200": self.response},
        });
        if !self.description.is_empty() {
            op["description"] = json!(self.description);
        }
        if !self.params.is_empty() {
            op["parameters"] = json!(self.params);
        }
        if let Some(body) = &self.body {
            op["requestBody"] = body.clone();
        }
        if self.protected {
            let error = json!({"$ref": "#/components/responses/Error"});
            for status in ["400", "401", "403", "413", "429"] {
                op["responses"][status] = error.clone();
            }
            let mut security = vec![json!({"bearer": []}), json!({"apiKey": []}), json!({"hmac": []})];
            if open {
                security.insert(0, json!({}));
            }
            op["security"] = json!(security);
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

    /// The documented operations.
    #[must_use]
    pub fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// The public and the protected routers.
    pub fn into_routers(self) -> (Router<AppState>, Router<AppState>) {
        (self.public, self.protected)
    }
}

/// The OpenAPI 3.1 document of every operation.
#[must_use]
pub fn openapi(ops: &[Op], config: &Config) -> Value {
    let mut paths = Map::new();
    for op in ops {
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
                "Error": {"type": "object", "properties": {
                    "status": {"type": "integer"}, "error": {"type": "string"}, "message": {"type": "string"}, "kind": {"type": "string"}
                }},
            },
            "responses": {
                "Error": {"description": "Refused: bad input (400), authentication (401), policy (403), body too large (413), rate limit (429, with Retry-After)",
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
