//! `/inspect`: the token debugger page (web/ in the repository): static files plus the
//! WebAssembly build of the core, so a pasted token is decoded in the browser and never sent
//! here. The files are read once at start-up (`INSPECT_DIR`, default `./web`); `INSPECT_PAGE=off`
//! turns the page off. Only the page's own file names are served: no path reaches the disk.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Path as UrlPath, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::api::{Op, RouteTable};
use crate::app::AppState;
use crate::error::ApiError;

const TAG: &str = "token debugger";

/// The page's files and their content types; `index.html` first.
const FILES: [(&str, &str); 5] = [
    ("index.html", "text/html; charset=utf-8"),
    ("inspect.mjs", "text/javascript; charset=utf-8"),
    ("style.css", "text/css; charset=utf-8"),
    ("agora-token-api.mjs", "text/javascript; charset=utf-8"),
    ("agora_token.wasm", "application/wasm"),
];

/// The same policy as the page's own `<meta>`: nothing but this origin, and no request at all
/// except fetching the page's files.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/// The page's files, read at start-up.
#[derive(Clone)]
pub struct InspectPage {
    files: Arc<Vec<Vec<u8>>>,
}

impl std::fmt::Debug for InspectPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InspectPage").field("bytes", &self.files.iter().map(Vec::len).sum::<usize>()).finish()
    }
}

impl InspectPage {
    /// Reads every file of the page from `dir`.
    ///
    /// # Errors
    /// The first file that cannot be read, naming the build step that makes the generated ones.
    pub fn load(dir: &Path) -> Result<Self, String> {
        let mut files = Vec::with_capacity(FILES.len());
        for (name, _) in FILES {
            let path = dir.join(name);
            let bytes = std::fs::read(&path).map_err(|e| {
                format!(
                    "{} cannot be read ({e}); agora_token.wasm and agora-token-api.mjs are made by `node node/wasm/build.mjs` (scripts/test-wasm.sh)",
                    path.display()
                )
            })?;
            files.push(bytes);
        }
        Ok(InspectPage { files: Arc::new(files) })
    }

    fn file(&self, name: &str) -> Option<(&'static str, &[u8])> {
        let index = FILES.iter().position(|(file, _)| *file == name)?;
        let (_, content_type) = FILES.get(index)?;
        Some((content_type, self.files.get(index)?.as_slice()))
    }
}

/// Registers `/inspect` and its files.
pub fn register(t: &mut RouteTable) {
    let off = json!({"description": "The page is off (INSPECT_PAGE=off, or its files were not found at start-up)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    t.add(
        Op::get("/inspect", TAG, "Token debugger page")
            .describe("Paste a token to see its fields, dates, services and privileges, verify it with a certificate and get the join/publish verdict for a channel and user. The page decodes with the WebAssembly build of the core in the browser: nothing typed is sent to any server. `/inspect` redirects to `/inspect/`, which serves the page.")
            .returns("text/html", json!({"type": "string"}))
            .responds("308", json!({"description": "To `/inspect/`, so the page's relative links resolve"}))
            .responds("404", off.clone()),
        page,
    );
    let names: Vec<&str> = FILES.iter().map(|(name, _)| *name).collect();
    // Each file's own content type (the media type without its parameters).
    let mut op = Op::get("/inspect/{file}", TAG, "A file of the token debugger page")
        .path_param_schema("file", json!({"type": "string", "enum": names}), "One of the page's files")
        .returns("text/html", json!({"type": "string"}));
    for (_, content_type) in &FILES[1..] {
        let media = content_type.split(';').next().unwrap_or(content_type);
        op = op.returns_also(media, json!({"type": "string"}));
    }
    t.add(op.responds("404", off), file);
}

async fn page(State(state): State<AppState>, uri: axum::http::Uri) -> Response {
    if uri.path().ends_with('/') {
        serve(&state, "index.html")
    } else if state.config.inspect.is_some() {
        (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, HeaderValue::from_static("/inspect/"))]).into_response()
    } else {
        off()
    }
}

async fn file(State(state): State<AppState>, UrlPath(name): UrlPath<String>) -> Response {
    serve(&state, &name)
}

fn serve(state: &AppState, name: &str) -> Response {
    let Some(page) = &state.config.inspect else { return off() };
    let Some((content_type, bytes)) = page.file(name) else {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("the token debugger page has no file {name:?}"),
        )
        .into_response();
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY)),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        bytes.to_vec(),
    )
        .into_response()
}

fn off() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "the token debugger page is off: INSPECT_PAGE=off, or its files were not in INSPECT_DIR (default ./web) at start-up",
    )
    .into_response()
}
