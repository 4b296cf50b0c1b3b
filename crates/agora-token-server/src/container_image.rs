//! Checks of the server's container image (`Containerfile`; the root `Dockerfile` is a link to
//! it). No container engine runs on the machines this project is tested on, so the file is read
//! and checked instead of built:
//! - every stage that runs `cargo build` copies the crate it builds and each crate that crate
//!   depends on by path (the core needs its zlib encoder);
//! - the `wasm` and `page` stages run the commands of `scripts/test-wasm.sh` (and of
//!   `scripts/release/build-wasm.sh`): the same `cargo build` of `agora-token-wasm` for the same
//!   target and profile, then `node wasm/build.mjs` on that module;
//! - the runtime image holds every file the token debugger page loads (found by reading
//!   `web/index.html` and the modules it imports), in the directory `INSPECT_DIR` names, and
//!   the server's `/inspect` loads from those files;
//! - the image sets only variables the server reads, and no secret.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use regex::Regex;

use crate::deploy_templates::{secrets, variables_read};
use crate::routes::inspect::InspectPage;

const CONTAINERFILE: &str = "crates/agora-token-server/Containerfile";

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(repository_root().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// One instruction, its continuation lines joined, with the name of its stage.
#[derive(Debug)]
struct Instruction {
    stage: String,
    keyword: String,
    args: String,
}

fn instructions(text: &str) -> Vec<Instruction> {
    let mut all = Vec::new();
    let mut stage = String::new();
    let mut pending = String::new();
    for line in text.lines().map(str::trim) {
        // Docker drops comment lines, also inside an instruction's continuation lines.
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        pending.push_str(line);
        let whole = std::mem::take(&mut pending);
        let (keyword, args) = whole.split_once(char::is_whitespace).unwrap_or((&whole, ""));
        let keyword = keyword.to_ascii_uppercase();
        if keyword == "FROM" {
            let words: Vec<&str> = args.split_whitespace().collect();
            stage = match words.as_slice() {
                [_, as_, name] if as_.eq_ignore_ascii_case("as") => (*name).to_owned(),
                [image] => (*image).to_owned(),
                _ => panic!("FROM {args}: not understood"),
            };
        }
        all.push(Instruction { stage: stage.clone(), keyword, args: args.trim().to_owned() });
    }
    assert!(pending.is_empty(), "the Containerfile ends inside a continuation line");
    all
}

/// The Containerfile, read and split into its stages.
struct Image {
    instructions: Vec<Instruction>,
}

/// A COPY: from the build context (`from` None) or another stage, each source with the path it
/// gets in the stage (a destination ending in `/` is a directory).
#[derive(Debug)]
struct Copy {
    from: Option<String>,
    placed: Vec<(String, String)>,
}

impl Image {
    fn read() -> Self {
        Image { instructions: instructions(&read(CONTAINERFILE)) }
    }

    fn in_stage<'a>(&'a self, stage: &'a str, keyword: &'a str) -> impl Iterator<Item = &'a Instruction> + 'a {
        self.instructions.iter().filter(move |i| i.stage == stage && i.keyword == keyword)
    }

    /// The image that runs: the last stage.
    fn runtime_stage(&self) -> &str {
        &self.instructions.last().expect("an empty Containerfile").stage
    }

    /// Every `RUN` command of a stage, split at `&&` into words.
    fn commands(&self, stage: &str) -> Vec<Vec<String>> {
        self.in_stage(stage, "RUN")
            .flat_map(|run| run.args.split("&&").map(|c| c.split_whitespace().map(str::to_owned).collect()))
            .collect()
    }

    /// The stage whose `RUN` has this `cargo build` package, and that command.
    fn cargo_build_of(&self, package: &str) -> (String, Vec<String>) {
        let mut found = Vec::new();
        for i in self.instructions.iter().filter(|i| i.keyword == "RUN") {
            for command in self.commands(&i.stage) {
                if command.starts_with(&["cargo".to_owned(), "build".to_owned()])
                    && value_after(&command, "-p") == Some(package)
                    && !found.iter().any(|(stage, c)| stage == &i.stage && c == &command)
                {
                    found.push((i.stage.clone(), command));
                }
            }
        }
        assert_eq!(found.len(), 1, "one `cargo build -p {package}` in the Containerfile: {found:?}");
        found.remove(0)
    }

    fn copies(&self, stage: &str) -> Vec<Copy> {
        let workdir = self.in_stage(stage, "WORKDIR").last().map_or("/", |w| w.args.as_str()).to_owned();
        self.in_stage(stage, "COPY")
            .map(|copy| {
                let words: Vec<&str> = copy.args.split_whitespace().collect();
                let from = words.iter().find_map(|w| w.strip_prefix("--from=")).map(str::to_owned);
                let paths: Vec<&str> = words.iter().copied().filter(|w| !w.starts_with("--")).collect();
                let (dest, sources) = paths.split_last().unwrap_or_else(|| panic!("COPY {}", copy.args));
                let dest = if dest.starts_with('/') { (*dest).to_owned() } else { format!("{workdir}/{dest}") };
                assert!(
                    sources.len() == 1 || dest.ends_with('/'),
                    "COPY {}: several sources need a directory",
                    copy.args
                );
                let placed = sources
                    .iter()
                    .map(|source| {
                        let target =
                            if dest.ends_with('/') { format!("{dest}{}", file_name(source)) } else { dest.clone() };
                        ((*source).to_owned(), normalize(&target))
                    })
                    .collect();
                Copy { from, placed }
            })
            .collect()
    }

    /// The paths a stage has from the build context, and the context path of each.
    fn copied_from_context(&self, stage: &str) -> BTreeMap<String, String> {
        self.copies(stage)
            .into_iter()
            .filter(|c| c.from.is_none())
            .flat_map(|c| c.placed)
            .map(|(source, target)| (target, source))
            .collect()
    }

    fn env(&self, stage: &str) -> BTreeMap<String, String> {
        self.in_stage(stage, "ENV")
            .flat_map(|env| env.args.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap_or_else(|| panic!("ENV {pair}: use NAME=value"));
                (name.to_owned(), value.to_owned())
            })
            .collect()
    }

    fn workdir(&self, stage: &str) -> String {
        self.in_stage(stage, "WORKDIR").last().map(|w| w.args.clone()).unwrap_or_else(|| panic!("{stage}: no WORKDIR"))
    }
}

fn value_after<'a>(words: &'a [String], flag: &str) -> Option<&'a str> {
    words.iter().position(|w| w == flag).and_then(|at| words.get(at + 1)).map(String::as_str)
}

fn file_name(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or(path)
}

/// `a/./b/../c` as `a/c`, without touching the disk.
fn normalize(path: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in Path::new(path).components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `cargo build` words without the flags that change only output or lock checking.
fn significant(command: &[String]) -> Vec<String> {
    command.iter().filter(|w| !matches!(w.as_str(), "-q" | "--quiet" | "--locked")).cloned().collect()
}

/// The one `cargo build ... -p agora-token-wasm ...` line of a script.
fn script_cargo_build_of_wasm(script: &str) -> Vec<String> {
    let lines: Vec<Vec<String>> = read(script)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("cargo build") && l.contains("-p agora-token-wasm"))
        .map(|l| l.split_whitespace().map(str::to_owned).collect())
        .collect();
    assert_eq!(lines.len(), 1, "{script}: one `cargo build -p agora-token-wasm` line");
    lines.into_iter().next().unwrap_or_default()
}

/// The files `node/wasm/build.mjs` writes into web/, each with the repository file it copies
/// (None: made from the module given on its command line).
fn written_into_web_by_build_mjs() -> BTreeMap<String, Option<String>> {
    let copy = Regex::new(r"copyFileSync\((?:join\(here, '([^']+)'\)|\w+), join\(web, '([^']+)'\)\)").unwrap();
    let written: BTreeMap<String, Option<String>> = copy
        .captures_iter(&read("node/wasm/build.mjs"))
        .map(|c| (c[2].to_owned(), c.get(1).map(|source| format!("node/wasm/{}", source.as_str()))))
        .collect();
    assert!(written.contains_key("agora_token.wasm"), "build.mjs writes no web/agora_token.wasm: {written:?}");
    written
}

/// The repository files `node/wasm/build.mjs` reads besides the module.
fn read_by_build_mjs() -> BTreeSet<String> {
    let reads = Regex::new(r"(?:readFileSync|copyFileSync)\(join\(here, '([^']+)'\)").unwrap();
    reads.captures_iter(&read("node/wasm/build.mjs")).map(|c| format!("node/wasm/{}", &c[1])).collect()
}

/// Every file the token debugger page loads: index.html, what it links, and what each module
/// imports or fetches, followed through the modules that build.mjs generates from their sources.
fn files_the_page_loads() -> BTreeSet<String> {
    let html = Regex::new(r#"(?:src|href)="([^"]+)""#).unwrap();
    let module = Regex::new(r#"(?:from\s+|import\s*\(\s*|fetch\(\s*)['"]([^'"]+)['"]"#).unwrap();
    let css = Regex::new(r#"(?:url\(\s*['"]?|@import\s+['"])([^'")]+)"#).unwrap();
    let generated = written_into_web_by_build_mjs();
    let mut found = BTreeSet::new();
    let mut queue = vec!["index.html".to_owned()];
    while let Some(name) = queue.pop() {
        if !found.insert(name.clone()) {
            continue;
        }
        let source = match generated.get(&name) {
            Some(Some(source)) => source.clone(),
            Some(None) => continue, // the module itself
            None => format!("web/{name}"),
        };
        let pattern = match Path::new(&name).extension().and_then(|e| e.to_str()) {
            Some("html") => &html,
            Some("mjs" | "js") => &module,
            Some("css") => &css,
            _ => continue,
        };
        for reference in pattern.captures_iter(&read(&source)) {
            let reference = &reference[1];
            // Only the page's own relative files: no scheme, fragment, data: or absolute path.
            if reference.contains(':') || reference.starts_with(['#', '/']) {
                continue;
            }
            queue.push(normalize(reference));
        }
    }
    found
}

#[test]
fn the_page_s_files_are_found_by_reading_it() {
    let files = files_the_page_loads();
    for name in ["index.html", "inspect.mjs", "style.css", "agora-token-api.mjs", "agora_token.wasm"] {
        assert!(files.contains(name), "{name} not among {files:?}");
    }
}

#[test]
fn every_crate_a_stage_compiles_is_copied_with_its_path_dependencies() {
    let image = Image::read();
    let workspace: toml::Table = toml::from_str(&read("Cargo.toml")).unwrap();
    let workspace_paths: BTreeMap<String, String> = workspace["workspace"]["dependencies"]
        .as_table()
        .unwrap()
        .iter()
        .filter_map(|(name, spec)| Some((name.clone(), spec.get("path")?.as_str()?.to_owned())))
        .collect();
    let members: BTreeMap<String, String> = workspace["workspace"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|dir| {
            let dir = dir.as_str().unwrap().to_owned();
            let manifest: toml::Table = toml::from_str(&read(&format!("{dir}/Cargo.toml"))).unwrap();
            (manifest["package"]["name"].as_str().unwrap().to_owned(), dir)
        })
        .collect();
    let members_line = Regex::new(r"members = \[([^\]]*)\]").unwrap();
    for package in ["agora-token-server", "agora-token-wasm"] {
        let (stage, _) = image.cargo_build_of(package);
        let workdir = image.workdir(&stage);
        let copied: BTreeSet<String> = image
            .copied_from_context(&stage)
            .keys()
            .map(|target| target.strip_prefix(&format!("{workdir}/")).unwrap_or(target).to_owned())
            .collect();
        // The crate, then every crate it depends on by path (not dev-dependencies: not built).
        let mut queue = vec![members[package].clone()];
        let mut needed = BTreeSet::new();
        while let Some(dir) = queue.pop() {
            if !needed.insert(dir.clone()) {
                continue;
            }
            let manifest: toml::Table = toml::from_str(&read(&format!("{dir}/Cargo.toml"))).unwrap();
            let mut tables: Vec<&toml::Table> =
                ["dependencies", "build-dependencies"].iter().filter_map(|t| manifest.get(*t)?.as_table()).collect();
            for target in manifest.get("target").and_then(|t| t.as_table()).into_iter().flat_map(|t| t.values()) {
                tables.extend(["dependencies", "build-dependencies"].iter().filter_map(|t| target.get(*t)?.as_table()));
            }
            for (name, spec) in tables.into_iter().flatten() {
                if spec.get("workspace").and_then(toml::Value::as_bool) == Some(true) {
                    if let Some(path) = workspace_paths.get(name) {
                        queue.push(path.clone());
                    }
                } else if let Some(path) = spec.get("path").and_then(toml::Value::as_str) {
                    queue.push(normalize(&format!("{dir}/{path}")));
                }
            }
        }
        assert!(needed.len() >= 3, "{package}: the core and its encoder are path dependencies: {needed:?}");
        for dir in &needed {
            assert!(
                copied.contains(dir),
                "stage {stage} builds {package} but does not copy {dir} (copied: {copied:?})"
            );
        }
        // The workspace the stage narrows Cargo.toml to names only copied crates, and the package.
        let sed = image.in_stage(&stage, "RUN").find_map(|run| members_line.captures(&run.args)).unwrap();
        let narrowed: BTreeSet<String> = sed[1].split(',').map(|m| m.trim().trim_matches('"').to_owned()).collect();
        assert!(narrowed.contains(&members[package]), "stage {stage}: {narrowed:?}");
        for member in &narrowed {
            assert!(copied.contains(member), "stage {stage}: member {member} is not copied");
        }
        for file in ["Cargo.toml", "Cargo.lock"] {
            assert!(copied.contains(file), "stage {stage} does not copy {file}");
        }
    }
}

#[test]
fn every_file_copied_from_the_build_context_exists() {
    let image = Image::read();
    let stages: BTreeSet<&str> = image.instructions.iter().map(|i| i.stage.as_str()).collect();
    let mut count = 0;
    for stage in stages {
        for (_, source) in image.copied_from_context(stage) {
            assert!(repository_root().join(&source).exists(), "stage {stage} copies {source}, which does not exist");
            count += 1;
        }
    }
    assert!(count >= 10, "{count} files copied");
}

#[test]
fn the_wasm_stage_builds_the_module_as_the_scripts_do() {
    let image = Image::read();
    let (stage, in_image) = image.cargo_build_of("agora-token-wasm");
    let target = value_after(&in_image, "--target").expect("--target").to_owned();
    let profile = value_after(&in_image, "--profile").expect("--profile").to_owned();
    for script in ["scripts/test-wasm.sh", "scripts/release/build-wasm.sh"] {
        let in_script = script_cargo_build_of_wasm(script);
        assert_eq!(significant(&in_image), significant(&in_script), "the Containerfile's stage {stage} and {script}");
        assert!(read(script).contains(&format!("rustup target add {target}")), "{script}");
    }
    let add_target: Vec<String> = ["rustup", "target", "add", &target].map(str::to_owned).to_vec();
    assert!(image.commands(&stage).contains(&add_target), "stage {stage} does not run rustup target add {target}");
    // The module where test-wasm.sh takes it, copied out of the stage's target directory.
    let module = format!("{target}/{profile}/agora_token_wasm.wasm");
    assert!(read("scripts/test-wasm.sh").contains(&format!("module=\"$CARGO_TARGET_DIR/{module}\"")));
    let copied_out = image.commands(&stage).into_iter().find(|c| c.first().map(String::as_str) == Some("cp"));
    assert_eq!(
        copied_out.as_ref().and_then(|c| c.get(1)).map(String::as_str),
        Some(format!("target/{module}").as_str())
    );
}

/// The stage that runs `node wasm/build.mjs` and the module path it is given.
fn page_stage(image: &Image) -> (String, String) {
    let (wasm_stage, _) = image.cargo_build_of("agora-token-wasm");
    let module_in_wasm_stage = image
        .commands(&wasm_stage)
        .into_iter()
        .find(|c| c.first().map(String::as_str) == Some("cp"))
        .and_then(|c| c.get(2).cloned())
        .expect("the wasm stage copies the module out of its target directory");
    let stages: BTreeSet<String> = image.instructions.iter().map(|i| i.stage.clone()).collect();
    for stage in stages {
        for copy in image.copies(&stage) {
            if copy.from.as_deref() == Some(wasm_stage.as_str()) {
                if let Some((_, target)) = copy.placed.iter().find(|(source, _)| *source == module_in_wasm_stage) {
                    return (stage, target.clone());
                }
            }
        }
    }
    panic!("no stage copies {module_in_wasm_stage} from stage {wasm_stage}")
}

#[test]
fn the_page_stage_runs_build_mjs_on_that_module_as_test_wasm_does() {
    let image = Image::read();
    let (stage, module) = page_stage(&image);
    assert!(read("scripts/test-wasm.sh").contains("(cd node && node wasm/build.mjs \"$module\")"));
    assert!(read("scripts/release/build-wasm.sh").contains("(cd node && node wasm/build.mjs \"$module\")"));
    let commands = image.commands(&stage);
    let build = ["node", "wasm/build.mjs", &module].map(str::to_owned).to_vec();
    let at = commands.iter().position(|c| *c == build).unwrap_or_else(|| panic!("stage {stage}: {commands:?}"));
    assert!(at > 0 && commands[at - 1] == ["cd", "node"], "stage {stage}: build.mjs runs in node/: {commands:?}");
    let workdir = image.workdir(&stage);
    let from_context = image.copied_from_context(&stage);
    for file in read_by_build_mjs().into_iter().chain(["node/wasm/build.mjs".to_owned()]) {
        assert!(
            from_context.contains_key(&format!("{workdir}/{file}")),
            "stage {stage} does not copy {file}, which build.mjs reads"
        );
    }
}

#[test]
fn the_image_holds_every_file_the_page_loads_where_inspect_dir_points() {
    let image = Image::read();
    let (page, _) = page_stage(&image);
    let page_web = format!("{}/web", image.workdir(&page));
    let runtime = image.runtime_stage().to_owned();
    let env = image.env(&runtime);
    let dir = env.get("INSPECT_DIR").expect("the image sets INSPECT_DIR");
    assert!(dir.starts_with('/'), "INSPECT_DIR={dir}: absolute, whatever the working directory");
    assert_ne!(env.get("INSPECT_PAGE").map(String::as_str), Some("off"));
    let in_dir: BTreeMap<String, String> = image
        .copies(&runtime)
        .into_iter()
        .filter(|c| c.from.as_deref() == Some(page.as_str()))
        .flat_map(|c| c.placed)
        .filter_map(|(source, target)| Some((target.strip_prefix(&format!("{dir}/"))?.to_owned(), source)))
        .collect();
    // In the page stage, each file is copied from web/ or written there by build.mjs.
    let committed = image.copied_from_context(&page);
    let generated = written_into_web_by_build_mjs();
    for (name, source) in &in_dir {
        assert_eq!(*source, format!("{page_web}/{name}"), "{name} comes from the page stage's web/");
        let made =
            committed.get(source).is_some_and(|from| *from == format!("web/{name}")) || generated.contains_key(name);
        assert!(made, "the page stage neither copies web/{name} nor has build.mjs write it");
    }
    for name in files_the_page_loads() {
        assert!(in_dir.contains_key(&name), "the page loads {name}, which the image does not copy into {dir}");
    }
    // What the server reads at start-up is there: a directory holding those names loads.
    let scratch = std::env::temp_dir().join(format!("agora-token-server-image-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    for name in in_dir.keys() {
        std::fs::write(scratch.join(name), b"").unwrap();
    }
    let loaded = InspectPage::load(&scratch);
    std::fs::remove_dir_all(&scratch).unwrap();
    assert!(loaded.is_ok(), "{loaded:?}");
}

#[test]
fn the_image_sets_only_variables_the_server_reads_and_no_secret() {
    let image = Image::read();
    let variables = variables_read();
    let secrets = secrets(&variables);
    let stages: BTreeSet<String> = image.instructions.iter().map(|i| i.stage.clone()).collect();
    let runtime = image.runtime_stage().to_owned();
    for (name, _) in image.env(&runtime) {
        assert!(variables.contains(&name), "the image sets {name}, which the server does not read");
    }
    for stage in &stages {
        for (name, _) in image.env(stage) {
            assert!(!secrets.contains(&name), "stage {stage} sets the secret {name}");
        }
        assert!(image.in_stage(stage, "ARG").next().is_none(), "stage {stage} has a build argument");
    }
}
