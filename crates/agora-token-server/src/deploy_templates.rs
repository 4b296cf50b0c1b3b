//! Checks of the one-click deploy templates at the repository root (`render.yaml`,
//! `railway.json`, `fly.toml`, `app.json` with `heroku.yml`): each parses, builds the image
//! from the server's Containerfile, checks health on a route the server serves, names only
//! variables the server reads, and keeps secrets out of the file.
//!
//! The variables the server reads are not a hand-written list: [`variables_read`] runs
//! [`Config::from_env`] with a lookup that records every name asked for, until no new name
//! appears (a variable read only when another is set, such as `JWT_ISSUER`, shows up on a
//! later round). A secret is a variable that may also come from a file (`NAME_FILE`).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::api::RouteTable;
use crate::config::Config;

/// Every environment variable [`Config::from_env`] reads.
pub(crate) fn variables_read() -> BTreeSet<String> {
    let mut known = BTreeSet::new();
    loop {
        let seen = RefCell::new(BTreeSet::new());
        let set = known.clone();
        let lookup = |name: &str| {
            seen.borrow_mut().insert(name.to_owned());
            set.contains(name).then(|| "1".to_owned())
        };
        let _ = Config::from_env(&lookup, false);
        let seen = seen.into_inner();
        if seen.is_subset(&known) {
            return known;
        }
        known.extend(seen);
    }
}

/// Variables holding secrets: those the server also reads from a file (`NAME_FILE`).
pub(crate) fn secrets(variables: &BTreeSet<String>) -> BTreeSet<String> {
    variables.iter().filter(|name| variables.contains(&format!("{name}_FILE"))).cloned().collect()
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(repository_root().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Whether the server answers GET on `path` (a health check must hit a real route).
fn served_by_get(path: &str) -> bool {
    let mut table = RouteTable::new();
    crate::routes::register(&mut table);
    table.allow_table().allow(path).is_some_and(|allow| allow.starts_with("GET"))
}

/// The image the templates build is the server's Containerfile.
fn assert_is_the_containerfile(relative: &str) {
    let root = repository_root();
    let containerfile = root.join("crates/agora-token-server/Containerfile").canonicalize().unwrap();
    let named =
        root.join(relative.trim_start_matches("./")).canonicalize().unwrap_or_else(|e| panic!("{relative}: {e}"));
    assert_eq!(named, containerfile, "{relative}");
}

/// Names must be read by the server; the ones every deploy needs must be there.
fn assert_names(template: &str, names: &BTreeSet<String>, variables: &BTreeSet<String>) {
    for name in names {
        assert!(variables.contains(name), "{template} sets {name}, which the server does not read");
    }
    for required in ["APP_ID", "APP_CERTIFICATE"] {
        assert!(names.contains(required), "{template} does not ask for {required}");
    }
}

#[test]
fn the_server_s_variables_are_found_in_its_configuration_code() {
    let variables = variables_read();
    for name in [
        "APP_ID",
        "APP_CERTIFICATE",
        "APP_CERTIFICATE_FILE",
        "PORT",
        "OPEN_ACCESS",
        "JWT_ISSUER",
        "APP_CERTIFICATE_SECONDARY",
    ] {
        assert!(variables.contains(name), "{name} missing from {variables:?}");
    }
    let secrets = secrets(&variables);
    for name in ["APP_CERTIFICATE", "APP_CERTIFICATE_SECONDARY", "API_KEYS", "HMAC_KEYS", "JWT_SECRET"] {
        assert!(secrets.contains(name), "{name} missing from {secrets:?}");
    }
    assert!(!secrets.contains("APP_ID") && !secrets.contains("PORT"));
}

#[test]
fn render_blueprint() {
    let variables = variables_read();
    let doc: Value = serde_yaml_ng::from_str(&read("render.yaml")).unwrap();
    let service = &doc["services"][0];
    assert_eq!((service["type"].as_str(), service["runtime"].as_str()), (Some("web"), Some("docker")));
    assert_is_the_containerfile(service["dockerfilePath"].as_str().unwrap());
    assert_eq!(service["dockerContext"], ".");
    assert!(served_by_get(service["healthCheckPath"].as_str().unwrap()));
    let mut names = BTreeSet::new();
    for var in service["envVars"].as_array().unwrap() {
        let name = var["key"].as_str().unwrap().to_owned();
        if secrets(&variables).contains(&name) || name == "APP_ID" {
            // Asked for when the Blueprint is created, never stored in the file.
            assert_eq!(var["sync"], false, "render.yaml: {name}");
            assert!(var.get("value").is_none(), "render.yaml: {name} has a value");
        }
        names.insert(name);
    }
    assert_names("render.yaml", &names, &variables);
}

#[test]
fn railway_config() {
    let doc: Value = serde_json::from_str(&read("railway.json")).unwrap();
    assert_eq!(doc["build"]["builder"], "DOCKERFILE");
    assert_is_the_containerfile(doc["build"]["dockerfilePath"].as_str().unwrap());
    assert!(served_by_get(doc["deploy"]["healthcheckPath"].as_str().unwrap()));
    // Railway keeps variables in the project, not in railway.json: nothing to name here, and
    // so no secret can be written in it.
    assert!(doc.get("variables").is_none() && doc["deploy"].get("variables").is_none());
}

#[test]
fn fly_config() {
    let variables = variables_read();
    let text = read("fly.toml");
    let doc: toml::Table = toml::from_str(&text).unwrap();
    assert_is_the_containerfile(doc["build"]["dockerfile"].as_str().unwrap());
    let env = doc["env"].as_table().unwrap();
    let service = doc["http_service"].as_table().unwrap();
    assert_eq!(env["PORT"].as_str().unwrap(), service["internal_port"].as_integer().unwrap().to_string());
    let check = &service["checks"].as_array().unwrap()[0];
    assert!(served_by_get(check["path"].as_str().unwrap()));
    for name in env.keys() {
        assert!(variables.contains(name), "fly.toml [env] sets {name}, which the server does not read");
        assert!(!secrets(&variables).contains(name), "fly.toml writes the secret {name}; use fly secrets set");
    }
    // Secrets are set with `fly secrets set`, as the file's comment says.
    let line = text.lines().find(|l| l.contains("fly secrets set")).unwrap();
    let mut names: BTreeSet<String> =
        line.split_whitespace().filter_map(|w| w.split_once('=')).map(|(name, _)| name.to_owned()).collect();
    assert!(names.iter().all(|name| secrets(&variables).contains(name) || name == "APP_ID"), "{names:?}");
    names.extend(env.keys().cloned());
    assert_names("fly.toml", &names, &variables);
}

#[test]
fn heroku_app() {
    let variables = variables_read();
    let doc: Value = serde_json::from_str(&read("app.json")).unwrap();
    assert_eq!(doc["stack"], "container");
    let build: Value = serde_yaml_ng::from_str(&read("heroku.yml")).unwrap();
    // Heroku builds with the Dockerfile's directory as the context: the root Dockerfile is the Containerfile.
    assert_is_the_containerfile(build["build"]["docker"]["web"].as_str().unwrap());
    let env = doc["env"].as_object().unwrap();
    for (name, spec) in env {
        if secrets(&variables).contains(name) {
            assert!(spec.get("value").is_none() && spec.get("generator").is_none(), "app.json: {name} has a value");
        }
    }
    assert_eq!(env["APP_CERTIFICATE"]["required"], true);
    assert_names("app.json", &env.keys().cloned().collect(), &variables);
}
