//! The public Rust surface is flat and intentional (issue #12 point 6): no item is reachable by
//! two paths, and each crate's README lists exactly what its root and its public modules offer.
//!
//! Read from the source, which rustfmt keeps in one shape: items of a module start at column 0,
//! `pub mod NAME;` declares a public module, `pub use PATH;` re-exports. A re-export is a second
//! path when it reaches into a module that is itself public; so a module either stays public
//! (a namespace, e.g. `legacy::`) or has its items re-exported (then it is private).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What one module file declares at its top level.
#[derive(Debug, Default)]
struct ModuleFile {
    public_modules: Vec<String>,
    private_modules: Vec<String>,
    /// Each `pub use`: the path as written, the module it reaches into, and the names it adds.
    reexports: Vec<(String, String, Vec<String>)>,
    /// Items defined here with `pub`.
    items: Vec<String>,
}

/// The top-level statements of a file (column 0), with multi-line `use` lists joined.
fn top_level_statements(source: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut open: Option<String> = None;
    for line in source.lines() {
        if let Some(statement) = open.as_mut() {
            statement.push(' ');
            statement.push_str(line.trim());
            if line.trim_end().ends_with(';') {
                statements.push(open.take().unwrap());
            }
            continue;
        }
        if line.starts_with(char::is_whitespace) || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        if (line.starts_with("pub use ") || line.starts_with("use ")) && !line.trim_end().ends_with(';') {
            open = Some(line.trim().to_owned());
        } else {
            statements.push(line.trim().to_owned());
        }
    }
    statements
}

/// The names a `use` tree adds: `a::b::{C, D as E, self}` adds C, E and b; `a::B` adds B.
fn names_of_use_tree(tree: &str) -> (String, Vec<String>) {
    let tree = tree.trim().trim_end_matches(';').trim();
    let first = tree.split("::").next().unwrap().trim().to_owned();
    let name_of = |part: &str, parent: &str| -> String {
        let part = part.trim();
        let (original, alias) = match part.split_once(" as ") {
            Some((original, alias)) => (original.trim(), Some(alias.trim())),
            None => (part, None),
        };
        assert!(!original.ends_with('*'), "glob re-export `{tree}`: list the items");
        alias.unwrap_or(if original == "self" { parent } else { original.rsplit("::").next().unwrap() }).to_owned()
    };
    let names = match tree.split_once("::{") {
        Some((parent, list)) => {
            let parent = parent.rsplit("::").next().unwrap();
            let list = list.trim_end_matches('}');
            assert!(!list.contains('{'), "nested use groups in `{tree}`: write one `pub use` per module");
            list.split(',').filter(|part| !part.trim().is_empty()).map(|part| name_of(part, parent)).collect()
        }
        None => vec![name_of(tree, "")],
    };
    (first, names)
}

fn read_module_file(path: &Path) -> ModuleFile {
    let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut module = ModuleFile::default();
    for statement in top_level_statements(&source) {
        let words: Vec<&str> = statement.split(|c: char| c.is_whitespace() || "(<{:;".contains(c)).collect();
        match words.as_slice() {
            ["pub", "mod", name, ..] => module.public_modules.push((*name).to_owned()),
            ["mod", name, ..] => module.private_modules.push((*name).to_owned()),
            ["pub", "crate)" | "super)", "mod", name, ..] => module.private_modules.push((*name).to_owned()),
            ["pub", "use", ..] => {
                let tree = statement.trim_start_matches("pub use ").trim_end_matches(';').to_owned();
                let (first, names) = names_of_use_tree(&tree);
                module.reexports.push((tree, first, names));
            }
            ["pub", "const" | "unsafe", "fn", name, ..] => module.items.push((*name).to_owned()),
            ["pub", "fn" | "const" | "static" | "struct" | "enum" | "type" | "trait" | "union", name, ..] => {
                module.items.push((*name).to_owned())
            }
            _ => {}
        }
    }
    module
}

/// The file of module `name` declared in the module whose children live in `dir`.
fn module_path(dir: &Path, name: &str) -> PathBuf {
    let flat = dir.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        dir.join(name).join("mod.rs")
    }
}

/// Walks the public modules from `lib.rs`, failing on any re-export that gives an item a
/// second path; returns the root's names and the paths of nested public modules.
fn surface(src: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let root = read_module_file(&src.join("lib.rs"));
    let mut problems = Vec::new();
    let mut root_names = BTreeSet::new();
    let mut nested_modules = BTreeSet::new();
    // Every re-exported name and the public modules that re-export it: one is a path, two are two.
    let mut reexported_in: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    // (module path, file, directory of its children)
    let mut queue: Vec<(String, PathBuf, PathBuf)> = vec![(String::new(), src.join("lib.rs"), src.to_path_buf())];
    while let Some((path, file, dir)) = queue.pop() {
        let module = read_module_file(&file);
        for (tree, first, names) in &module.reexports {
            let reaches_public = match first.as_str() {
                "crate" => {
                    let second = tree.split("::").nth(1).unwrap_or_default().trim();
                    root.public_modules.iter().any(|m| m == second)
                }
                "self" | "super" => true,
                local => module.public_modules.iter().any(|m| m == local),
            };
            if reaches_public {
                problems.push(format!(
                    "`pub use {tree}` in {}: {names:?} would also be reachable through their public module; \
                     make that module private or drop the re-export",
                    file.display()
                ));
            }
            for name in names {
                reexported_in.entry(name.clone()).or_default().push(if path.is_empty() {
                    "the root".into()
                } else {
                    path.clone()
                });
            }
            if path.is_empty() {
                for name in names {
                    assert!(root_names.insert(name.clone()), "`{name}` is re-exported twice at the root");
                }
            }
        }
        if path.is_empty() {
            root_names.extend(module.public_modules.iter().cloned());
            root_names.extend(module.items.iter().cloned());
        } else {
            nested_modules.extend(module.public_modules.iter().map(|m| format!("{path}::{m}")));
        }
        for child in &module.public_modules {
            let child_file = module_path(&dir, child);
            let child_path = if path.is_empty() { child.clone() } else { format!("{path}::{child}") };
            queue.push((child_path, child_file, dir.join(child)));
        }
    }
    for (name, modules) in reexported_in.iter().filter(|(_, modules)| modules.len() > 1) {
        problems.push(format!("`{name}` is re-exported in {}", modules.join(" and ")));
    }
    assert!(problems.is_empty(), "items reachable by two paths:\n{}", problems.join("\n"));
    (root_names, nested_modules)
}

/// The backquoted names of the README's "Public surface" section: plain names are root items,
/// `a::b` names are nested public modules.
fn documented_surface(readme: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let text = fs::read_to_string(readme).unwrap();
    let section = text.split("\n## Public surface\n").nth(1).expect("the README has a `## Public surface` section");
    let section = section.split("\n## ").next().unwrap();
    let is_path = |word: &str| {
        !word.is_empty() && word.split("::").all(|part| part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    };
    let mut root = BTreeSet::new();
    let mut nested = BTreeSet::new();
    for word in section.split('`').skip(1).step_by(2).filter(|word| is_path(word)) {
        if word.contains("::") {
            nested.insert(word.to_owned());
        } else {
            root.insert(word.to_owned());
        }
    }
    (root, nested)
}

fn check_crate(crate_dir: &Path) {
    let (root, nested) = surface(&crate_dir.join("src"));
    let (documented_root, documented_nested) = documented_surface(&crate_dir.join("README.md"));
    let undocumented: Vec<_> = root.difference(&documented_root).collect();
    let stale: Vec<_> = documented_root.difference(&root).collect();
    assert!(
        undocumented.is_empty() && stale.is_empty(),
        "{}: the root's public names and the README's \"Public surface\" differ: \
         public but not listed {undocumented:?}, listed but not public {stale:?}",
        crate_dir.display()
    );
    assert_eq!(nested, documented_nested, "{}: nested public modules", crate_dir.display());
}

#[test]
fn agora_token_has_one_path_per_item_as_its_readme_lists() {
    check_crate(Path::new(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn agora_token_zlib6_has_one_path_per_item_as_its_readme_lists() {
    check_crate(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../agora-token-zlib6"));
}

#[test]
fn a_reexport_from_a_public_module_is_found() {
    let dir = std::env::temp_dir().join(format!("agora-token-surface-{}", std::process::id()));
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(dir.join("src/lib.rs"), "pub mod clock;\nmod error;\npub use error::Error;\npub use clock::now;\n")
        .unwrap();
    fs::write(dir.join("src/clock.rs"), "pub fn now() {}\n").unwrap();
    fs::write(dir.join("src/error.rs"), "pub struct Error;\n").unwrap();
    let outcome = std::panic::catch_unwind(|| surface(&dir.join("src")));
    let message = *outcome.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("`pub use clock::now`"), "{message}");
    assert!(!message.contains("error::Error"), "{message}");

    // A private item re-exported by two public modules.
    fs::write(dir.join("src/lib.rs"), "pub mod clock;\nmod error;\npub use error::Error;\n").unwrap();
    fs::write(dir.join("src/clock.rs"), "pub use crate::error::Error;\n").unwrap();
    let outcome = std::panic::catch_unwind(|| surface(&dir.join("src")));
    fs::remove_dir_all(&dir).unwrap();
    let message = *outcome.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("`Error` is re-exported in "), "{message}");
}

#[test]
fn use_trees_name_what_they_add() {
    assert_eq!(
        names_of_use_tree("a::b::{C, D as E, self};"),
        ("a".to_owned(), vec!["C".into(), "E".into(), "b".into()])
    );
    assert_eq!(names_of_use_tree("error::Error;"), ("error".to_owned(), vec!["Error".to_owned()]));
}
