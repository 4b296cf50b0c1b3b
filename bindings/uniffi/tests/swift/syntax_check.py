"""Parse-only syntax check of generated Swift files with tree-sitter-swift.

No Swift compiler is available where the tests run, so this catches syntax errors only
(not type errors). Usage: python syntax_check.py FILE.swift...; exits 1 on any error node.
"""

import re
import sys

import tree_sitter_swift
from tree_sitter import Language, Parser

# tree-sitter-swift 0.7.4 does not know this attribute (uniffi puts it on internal
# declarations); blank it, keeping offsets, so it is not reported as an error.
UNSUPPORTED_ATTRIBUTE = re.compile(rb"@_documentation\(visibility: *private\)")


def error_nodes(node):
    """Yields every ERROR or MISSING node under node."""
    if node.is_error or node.is_missing:
        yield node
    for child in node.children:
        if child.has_error or child.is_missing:
            yield from error_nodes(child)


def main(paths):
    parser = Parser(Language(tree_sitter_swift.language()))
    failed = 0
    for path in paths:
        with open(path, "rb") as f:
            source = f.read()
        source = UNSUPPORTED_ATTRIBUTE.sub(lambda m: b" " * len(m.group(0)), source)
        tree = parser.parse(source)
        errors = list(error_nodes(tree.root_node))
        for node in errors[:10]:
            line, column = node.start_point
            kind = "missing" if node.is_missing else "error"
            print(f"{path}:{line + 1}:{column + 1}: syntax {kind} near {node.text[:60]!r}")
        print(f"{path}: {len(source.splitlines())} lines, {len(errors)} syntax errors")
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
