"""versions.py on a copy of the files that carry a version: the checkout passes, any one
version changed alone fails and is named, and `set` moves every package together."""

from __future__ import annotations

import pathlib
import shutil
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import versions  # noqa: E402

DERIVED = [
    "crates/agora-token/Cargo.toml",
    "crates/agora-token-cli/Cargo.toml",
    "crates/agora-token-server/Cargo.toml",
    "bindings/python/Cargo.toml",
    "bindings/uniffi/Cargo.toml",
    "python/pyproject.toml",
    "CHANGELOG.md",
]


@pytest.fixture()
def tree(tmp_path: pathlib.Path) -> pathlib.Path:
    paths = {"Cargo.toml", *DERIVED, *(site.path for site in versions.sites(versions.ROOT))}
    for rel in paths:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(versions.ROOT / rel, target)
    return tmp_path


def test_the_checkout_has_one_version(tree: pathlib.Path) -> None:
    assert versions.check(tree, None) == []


def test_every_site_is_found() -> None:
    kinds = {site.what for site in versions.sites(versions.ROOT)}
    assert {"npm package", "npm platform package", "Maven POM", "Maven POM (parent reference)"} <= kinds
    assert any(site.path == "Package.swift" for site in versions.sites(versions.ROOT))
    assert sum(site.what == "npm platform package" for site in versions.sites(versions.ROOT)) >= 4


@pytest.mark.parametrize("index", range(len(versions.sites(versions.ROOT))))
def test_one_drifting_version_fails(tree: pathlib.Path, index: int) -> None:
    site = versions.sites(tree)[index]
    path = tree / site.path
    path.write_text(site.write(path.read_text(encoding="utf-8"), "9.9.9"), encoding="utf-8")
    problems = versions.check(tree, None)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{site.path} ({site.what}): 9.9.9")


def test_a_crate_with_its_own_version_fails(tree: pathlib.Path) -> None:
    manifest = tree / "crates/agora-token-cli/Cargo.toml"
    manifest.write_text(manifest.read_text().replace("version.workspace = true", 'version = "0.1.0"'))
    assert any("crates/agora-token-cli" in problem for problem in versions.check(tree, None))


def test_set_moves_every_package(tree: pathlib.Path) -> None:
    versions.set_version(tree, "1.2.3")
    assert versions.cargo_version(tree) == "1.2.3"
    assert versions.check(tree, None) == []


def test_a_release_tag_must_match_and_have_a_changelog_section(tree: pathlib.Path) -> None:
    version = versions.cargo_version(tree)
    assert any("tag v9.0.0" in p for p in versions.check(tree, "v9.0.0"))
    changelog = tree / "CHANGELOG.md"
    changelog.write_text(changelog.read_text() + f"\n## [{version}] - 2027-01-01\n")
    assert versions.check(tree, f"v{version}") == []
