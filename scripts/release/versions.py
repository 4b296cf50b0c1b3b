#!/usr/bin/env python3
"""One version for every package: `[workspace.package] version` in the root Cargo.toml.

    versions.py check [--tag vX.Y.Z]   every package's version equals Cargo's (and the tag's,
                                       and the CHANGELOG has a section for it, when --tag is given)
    versions.py set X.Y.Z              write X.Y.Z everywhere (the release bump; see RELEASING.md)
    versions.py show                   print Cargo's version

The Python wheel and sdist take their version from Cargo through maturin (`dynamic =
["version"]`), and `agora_token.__version__` is CARGO_PKG_VERSION of the Python crate, so those
are checked by asking that they still do. Everything else carries a literal that this script
reads and writes: the npm package and its platform packages (and the lockfile's copy), the
Maven POMs, the Gradle build, the root Package.swift, and the exact pin of the core in
`[workspace.dependencies]` that the CLI and server publish with.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import tomllib
from dataclasses import dataclass
from typing import Callable, List

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")


@dataclass
class Site:
    """One place that holds the version: how to read it and how to rewrite it."""

    path: str
    what: str
    read: Callable[[str], str]
    write: Callable[[str, str], str]


def regex_site(path: str, what: str, pattern: str) -> Site:
    """A version matched by the single group of `pattern`, which must occur exactly once."""
    compiled = re.compile(pattern, re.MULTILINE)

    def matches(text: str) -> List[re.Match[str]]:
        found = list(compiled.finditer(text))
        if len(found) != 1:
            raise ValueError(f"expected one match of {pattern!r}, found {len(found)}")
        return found

    def read(text: str) -> str:
        return matches(text)[0].group(1)

    def write(text: str, version: str) -> str:
        match = matches(text)[0]
        return text[: match.start(1)] + version + text[match.end(1) :]

    return Site(path, what, read, write)


def json_site(path: str, what: str, *keys: str) -> Site:
    """A version at a key path of a JSON file (rewritten in place, keeping the file's layout)."""

    def read(text: str) -> str:
        value = json.loads(text)
        for key in keys:
            value = value[key]
        return str(value)

    def write(text: str, version: str) -> str:
        # Only the first `"version": "..."` after the key path's last object starts is touched;
        # the files are npm's own output, so their layout is stable.
        if keys == ("version",):
            return regex_site(path, what, r'^  "version": "([^"]+)"').write(text, version)
        if keys == ("packages", "", "version"):
            return re.sub(r'("packages": \{\s*"": \{[^{}]*?"version": ")([^"]+)', rf"\g<1>{version}", text, count=1)
        raise ValueError(f"no writer for {keys}")

    return Site(path, what, read, write)


def sites(root: pathlib.Path) -> List[Site]:
    found = [
        regex_site("Cargo.toml", "core pin in [workspace.dependencies]", r'^agora-token = \{[^}]*version = "=([^"]+)"'),
        regex_site("Cargo.toml", "zlib encoder pin in [workspace.dependencies]", r'^agora-token-zlib6 = \{[^}]*version = "=([^"]+)"'),
        json_site("node/package.json", "npm package", "version"),
        json_site("node/package-lock.json", "npm lockfile (root)", "version"),
        json_site("node/package-lock.json", "npm lockfile (packages[''])", "packages", "", "version"),
        regex_site("bindings/uniffi/kotlin/build.gradle.kts", "Gradle (Android library)", r'^version = "([^"]+)"'),
        regex_site("Package.swift", "SwiftPM (release XCFramework URL)", r'^let version = "([^"]+)"'),
    ]
    for platform in sorted((root / "node" / "npm").glob("*/package.json")):
        found.append(json_site(str(platform.relative_to(root)), "npm platform package", "version"))
    for pom in sorted(root.glob("bindings/**/pom.xml")):
        if "target" in pom.relative_to(root).parts:
            continue  # Maven's output directories
        rel = str(pom.relative_to(root))
        # The project's own version: the first <version> after the artifactId of this POM (the
        # parent's <version> comes inside <parent>, which a child POM also carries).
        found.append(regex_site(rel, "Maven POM", r"^  <version>([^<]+)</version>"))
        if "<parent>" in pom.read_text(encoding="utf-8"):
            found.append(regex_site(rel, "Maven POM (parent reference)", r"^    <version>([^<]+)</version>\n  </parent>"))
    return found


def cargo_version(root: pathlib.Path) -> str:
    manifest = tomllib.loads((root / "Cargo.toml").read_text(encoding="utf-8"))
    return str(manifest["workspace"]["package"]["version"])


def derived_problems(root: pathlib.Path) -> List[str]:
    """The packages whose version comes from Cargo must still take it from there."""
    problems = []
    for crate in ["crates/agora-token", "crates/agora-token-cli", "crates/agora-token-server", "bindings/python", "bindings/uniffi"]:
        package = tomllib.loads((root / crate / "Cargo.toml").read_text(encoding="utf-8"))["package"]
        if package.get("version") != {"workspace": True}:
            problems.append(f"{crate}/Cargo.toml: version must be `version.workspace = true`, not {package.get('version')!r}")
    project = tomllib.loads((root / "python" / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    if "version" in project or "version" not in project.get("dynamic", []):
        problems.append("python/pyproject.toml: the version must be dynamic (maturin takes it from Cargo)")
    return problems


def check(root: pathlib.Path, tag: str | None) -> List[str]:
    expected = cargo_version(root)
    problems = derived_problems(root)
    if not SEMVER.match(expected):
        problems.append(f"Cargo.toml: {expected!r} is not a semantic version")
    for site in sites(root):
        try:
            actual = site.read((root / site.path).read_text(encoding="utf-8"))
        except (OSError, KeyError, ValueError) as error:
            problems.append(f"{site.path} ({site.what}): cannot read the version: {error}")
            continue
        if actual != expected:
            problems.append(f"{site.path} ({site.what}): {actual}, but Cargo.toml says {expected}")
    if tag is not None:
        if tag != f"v{expected}":
            problems.append(f"tag {tag} does not name Cargo's version {expected} (expected v{expected})")
        changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
        if not re.search(rf"^## \[{re.escape(expected)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.MULTILINE):
            problems.append(f"CHANGELOG.md has no `## [{expected}] - YYYY-MM-DD` section")
    return problems


def set_version(root: pathlib.Path, version: str) -> None:
    if not SEMVER.match(version):
        raise SystemExit(f"{version!r} is not a semantic version")
    cargo = root / "Cargo.toml"
    text = cargo.read_text(encoding="utf-8")
    text = regex_site("Cargo.toml", "workspace", r'^\[workspace\.package\]\nversion = "([^"]+)"').write(text, version)
    cargo.write_text(text, encoding="utf-8")
    for site in sites(root):
        path = root / site.path
        path.write_text(site.write(path.read_text(encoding="utf-8"), version), encoding="utf-8")


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=pathlib.Path, default=ROOT, help="repository root (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check")
    check_parser.add_argument("--tag", help="the release tag being built, e.g. v0.1.0")
    set_parser = commands.add_parser("set")
    set_parser.add_argument("version")
    commands.add_parser("show")
    args = parser.parse_args(argv)

    if args.command == "show":
        print(cargo_version(args.root))
        return 0
    if args.command == "set":
        set_version(args.root, args.version)
        args.tag = None
    problems = check(args.root, getattr(args, "tag", None))
    for problem in problems:
        print(f"version drift: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"every package is at version {cargo_version(args.root)} ({len(sites(args.root))} places checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
