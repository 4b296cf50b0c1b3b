#!/usr/bin/env python3
"""Checks docs/api-names.md against the code (issue #12 point 2).

Fails (exit 1, naming the offender) when a public core item has no row in the vocabulary
table, or when a binding exports a name that no table of the document lists. Stdlib only,
reads source files; nothing is built or imported.
"""
import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api-names.md"
CORE_SRC = ROOT / "crates" / "agora-token" / "src"
PY_INIT = ROOT / "python" / "agora_token" / "__init__.py"
NODE_DTS = ROOT / "node" / "index.d.ts"
SWIFT = ROOT / "bindings" / "uniffi" / "swift" / "Sources" / "AgoraToken" / "AgoraToken.swift"
NAMESPACES = ["clock", "wildcard", "compat", "compat::javascript", "legacy::access_token",
              "legacy::dynamic_key", "legacy::dynamic_key5", "legacy::signaling"]


def rust_module_file(path: str) -> Path:
    parts = path.split("::")
    flat = CORE_SRC.joinpath(*parts[:-1], parts[-1] + ".rs")
    return flat if flat.exists() else CORE_SRC.joinpath(*parts, "mod.rs")


def top_level_pub_items(source: str) -> list[str]:
    """Names defined with `pub` at column 0 (rustfmt keeps module items there)."""
    pattern = re.compile(r"^pub (?:const |unsafe )?(?:fn|const|static|struct|enum|type|trait|union) (\w+)", re.M)
    return pattern.findall(source)


def root_reexports(source: str) -> list[str]:
    names = []
    for tree in re.findall(r"^pub use ([^;]+);", source, re.M | re.S):
        tree = " ".join(tree.split())
        if "::{" in tree:
            listed = tree.split("::{", 1)[1].rstrip("}")
        else:
            listed = tree.rsplit("::", 1)[-1]
        for part in listed.split(","):
            part = part.strip()
            if part:
                names.append(part.split(" as ")[-1].strip())
    return names


def core_items() -> list[str]:
    lib = (CORE_SRC / "lib.rs").read_text()
    items = root_reexports(lib) + top_level_pub_items(lib)
    for namespace in NAMESPACES:
        source = rust_module_file(namespace).read_text()
        items += [f"{namespace}::{name}" for name in top_level_pub_items(source)]
    return items


def python_all(path: Path) -> list[str]:
    """A module's `__all__ = [...]`, plus each `__all__ += submodule.__all__` of a sibling module."""
    names = None
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            names = [ast.literal_eval(element) for element in node.value.elts]
        elif (isinstance(node, ast.AugAssign) and getattr(node.target, "id", None) == "__all__"
              and isinstance(node.value, ast.Attribute) and isinstance(node.value.value, ast.Name)):
            names = (names or []) + python_all(path.with_name(node.value.value.id + ".py"))
    if names is None:
        sys.exit(f"{path}: no __all__")
    return names


def python_exports() -> list[str]:
    return python_all(PY_INIT)


def node_exports() -> list[str]:
    pattern = re.compile(r"^export (?:declare )?(?:function|class|const|enum|interface|type) (\w+)", re.M)
    return [name for name in pattern.findall(NODE_DTS.read_text()) if name != "__napiBindingTarget"]


def swift_exports() -> list[str]:
    pattern = re.compile(r"^public (?:func|class|struct|enum|protocol) (\w+)", re.M)
    # uniffi's plumbing (converters, protocols behind each object, the init check) is not API.
    return [name for name in pattern.findall(SWIFT.read_text())
            if not name.startswith(("FfiConverter", "uniffi")) and not name.endswith("Protocol")]


def table_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not re.match(r"^\|[\s:|-]+\|$", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def names_in(cell: str) -> set[str]:
    """Each `code span` of a cell, reduced to the name before any argument list or member."""
    return {re.split(r"[(.\s]", span, maxsplit=1)[0] for span in re.findall(r"`([^`]+)`", cell)}


def main() -> int:
    # The "Resolved disagreements" section names 0.1.0's names too: only the tables before it count.
    rows = table_rows(DOC.read_text().split("## Resolved disagreements", 1)[0])
    header = rows[0] if rows else []
    if header[:5] != ["Rust path", "Python", "Node", "Kotlin", "Swift"]:
        print(f"{DOC}: the first table must start with Rust path | Python | Node | Kotlin | Swift")
        return 1
    listed_core = set()
    listed = {"Python": set(), "Node": set(), "Swift": set()}
    for row in rows:
        # "Binding-only names" tables: Language | Name | Why
        if row[0] in listed and len(row) >= 2:
            listed[row[0]] |= names_in(row[1])
            continue
        if row == header or len(row) < 5 or row[0] in ("Rust path", "Language"):
            continue
        listed_core |= names_in(row[0])
        for column, language in ((1, "Python"), (2, "Node"), (4, "Swift")):
            listed[language] |= names_in(row[column])
    problems = [f"core item `{item}` has no row in docs/api-names.md"
                for item in core_items() if item not in listed_core]
    for language, exports in (("Python", python_exports()), ("Node", node_exports()), ("Swift", swift_exports())):
        problems += [f"{language} exports `{name}`, which docs/api-names.md does not list"
                     for name in exports if name not in listed[language]]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
