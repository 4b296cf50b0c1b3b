"""The stubs document what they declare, the generated part is current, and the public names resolve.

`python -m mypy.stubtest agora_token._native` (run by scripts/test-python.sh) checks that the
stubs match the built module's names and signatures; this checks what stubtest does not: that
every public class, function and property of the stub has a docstring, and that `__all__` of
the package and of `agora_token.legacy` name real objects. The service classes' part of the stub
and `_services.py` are generated from bindings/python/src/services.rs and checked here against
the built module."""

from __future__ import annotations

import ast
import inspect
import pathlib
from typing import List

import agora_token
from agora_token import _native, legacy

STUB = pathlib.Path(agora_token.__file__).with_name("_native.pyi")


def test_the_stub_ships_in_the_wheel_with_py_typed() -> None:
    assert STUB.is_file()
    assert STUB.with_name("py.typed").is_file()


def test_every_public_stub_item_has_a_docstring() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    missing: List[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            if not ast.get_docstring(node):
                missing.append(node.name)
            if isinstance(node, ast.ClassDef):
                for member in node.body:
                    if isinstance(member, ast.FunctionDef) and not member.name.startswith("_") and not ast.get_docstring(member):
                        missing.append(f"{node.name}.{member.name}")
    assert missing == []


def test_the_stub_declares_every_runtime_name() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    declared = {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    declared |= {node.target.id for node in tree.body if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)}
    assert set(_native.__all__) <= declared


def test_runtime_docstrings_exist_too() -> None:
    for name in _native.__all__:
        value = getattr(_native, name)
        if inspect.isclass(value) or callable(value):
            assert value.__doc__, name


def test_package_all_names_resolve() -> None:
    for module in (agora_token, legacy):
        assert len(module.__all__) == len(set(module.__all__))
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"
    assert agora_token.__version__ == _native.__version__


def test_the_service_classes_of_the_stub_are_the_generated_ones() -> None:
    # The service classes are declared once, in bindings/python/src/services.rs; their stub is
    # generated from that list. `scripts/test-python.sh --update-generated` rewrites this part.
    generated = _native._service_stubs()
    lines = generated.splitlines(keepends=True)
    begin, end = lines[0], lines[-1]
    text = STUB.read_text(encoding="utf-8")
    assert text.count(begin) == 1 and text.count(end) == 1, f"{STUB.name} lacks the markers {begin!r}, {end!r}"
    checked_in = text[text.index(begin) : text.index(end) + len(end)]
    assert checked_in == generated, "the service stubs drifted: run scripts/test-python.sh --update-generated"


def test_services_py_is_the_generated_one() -> None:
    # ServiceType and the privilege enums are generated from the same list and the core's tables.
    checked_in = STUB.with_name("_services.py").read_text(encoding="utf-8")
    assert checked_in == _native._services_module(), "_services.py drifted: run scripts/test-python.sh --update-generated"


def test_every_service_class_and_privilege_enum_is_exported_by_the_package() -> None:
    services = {name for name in _native.__all__ if name.endswith("Service")}
    assert len(services) == len(_native.SERVICE_TYPES)
    enums = {name.replace("Service", "Privilege") for name in services}
    with_privileges = {name for name in enums if hasattr(agora_token, name)}
    # Only ConvoAI and STT define no privileges, so they have no enum.
    assert enums - with_privileges == {"ConvoAiPrivilege", "SttPrivilege"}
    assert services | with_privileges | {"ServiceType"} <= set(agora_token.__all__)
