//! Operational routes, never authenticated: a landing page at `/` (so a fresh deploy
//! shows it works instead of a 404), `/ping` (agora-token-service's check), liveness,
//! readiness, Prometheus metrics and the OpenAPI document.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::api::{Op, RouteTable};
use crate::app::AppState;

const TAG: &str = "operations";

/// Registers the operational routes.
pub fn register(t: &mut RouteTable) {
    let strings = |names: &[&str]| {
        let properties: serde_json::Map<String, serde_json::Value> =
            names.iter().map(|n| ((*n).to_owned(), json!({"type": "string"}))).collect();
        json!({"type": "object", "required": names, "properties": properties})
    };
    let mut root_body = strings(&["name", "version", "docs", "health", "example"]);
    root_body["properties"]["demo"] = json!({"type": "boolean"});
    root_body["required"] = json!(["name", "version", "demo", "docs", "health", "example"]);
    t.add(Op::get("/", TAG, "What this server is, and where to look").returns_json(root_body), root);
    t.add(
        Op::get("/ping", TAG, "agora-token-service's health check").returns_json(
            json!({"type": "object", "required": ["message"], "properties": {"message": {"const": "pong"}}}),
        ),
        ping,
    );
    t.add(
        Op::get("/healthz", TAG, "Liveness: the process answers")
            .returns_json(json!({"type": "object", "required": ["status"], "properties": {"status": {"const": "ok"}}})),
        healthz,
    );
    t.add(
        Op::get("/readyz", TAG, "Readiness: 200 while serving, 503 while draining after SIGTERM")
            .describe("The configuration (app ID and certificate shape, auth, policy) is validated before the server listens, so a listening server is ready until it drains.")
            .returns_json(json!({"type": "object", "required": ["status"], "properties": {"status": {"const": "ready"}}}))
            .responds("503", json!({"description": "Draining after SIGTERM", "content": {"application/json": {"schema":
                {"type": "object", "required": ["status"], "properties": {"status": {"const": "draining"}}}}}})),
        readyz,
    );
    t.add(Op::get("/metrics", TAG, "Prometheus metrics").returns("text/plain", json!({"type": "string"})), metrics);
    t.add(Op::get("/openapi.json", TAG, "This OpenAPI document").returns_json(json!({"type": "object"})), openapi);
}

async fn root(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(json!({
        "name": "agora-token-server",
        "version": env!("CARGO_PKG_VERSION"),
        "demo": state.config.demo,
        "docs": "/openapi.json",
        "health": "/healthz",
        "example": "/rtc/{channel}/publisher/uid/{uid}",
    }))
}

async fn ping() -> Json<serde_json::Value> {
    Json(json!({"message": "pong"}))
}

async fn healthz() -> Json<serde_json::Value> {
    Json(json!({"status": "ok"}))
}

async fn readyz(State(state): State<AppState>) -> Response {
    if state.is_draining() {
        (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "draining"}))).into_response()
    } else {
        Json(json!({"status": "ready"})).into_response()
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render(!state.is_draining()))
        .into_response()
}

async fn openapi(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], state.openapi.clone()).into_response()
}
