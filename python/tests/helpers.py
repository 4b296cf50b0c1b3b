"""Helpers shared by the test modules: the conformance vectors, the upstream test credentials and
the npm peer driver."""

from __future__ import annotations

import base64
import json
import os
import pathlib
import subprocess
import tempfile
import zlib
from typing import Any, Dict, List

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS: Dict[str, Any] = json.loads((REPO / "conformance" / "upstream.json").read_text(encoding="utf-8"))

# The credentials of the upstream test suites.
APP_ID = "970CA35de60c44645bbae8a215061b33"
APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b"


def vectors(family_prefix: str, *kinds: str) -> List[Dict[str, Any]]:
    """The vectors of a family whose kind includes one of `kinds` (e.g. "build" matches "build+parse")."""
    selected = []
    for vector in VECTORS["vectors"]:
        if not vector["family"].startswith(family_prefix):
            continue
        if kinds and not set(vector["kind"].split("+")) & set(kinds):
            continue
        selected.append(vector)
    return selected


def vector(vector_id: str) -> Dict[str, Any]:
    """One vector by id."""
    for candidate in VECTORS["vectors"]:
        if candidate["id"] == vector_id:
            return candidate
    raise KeyError(vector_id)


def stock_zlib_token(vector: Dict[str, Any]) -> str:
    """The 007 string stock zlib level 6 gives for a vector's payload (what we must produce)."""
    return vector.get("derived_c_zlib_level6_token") or vector["expected_token"]


def inflate(token: str) -> bytes:
    """The payload of a 007 token, inflated with Python's own zlib."""
    return zlib.decompress(base64.b64decode(token[3:]))


def node_peer(cases: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    """Runs scripts/peers/node_peer.js (npm agora-token 2.0.6 and agora-access-token 2.0.4) on the
    cases, each {"id", "builder", ...inputs}; returns {id: {"token"} or {"error"}}. The npm peers
    are installed by scripts/test-python.sh (ensure_node_peers), which sets AGORA_NODE_PEERS."""
    if not os.environ.get("AGORA_NODE_PEERS"):
        raise RuntimeError("AGORA_NODE_PEERS is not set: run scripts/test-python.sh, which installs the npm peers")
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as file:
        json.dump(cases, file)
    try:
        completed = subprocess.run(
            ["node", str(REPO / "scripts" / "peers" / "node_peer.js"), file.name],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(file.name)
    return {result["id"]: result for result in json.loads(completed.stdout)}
