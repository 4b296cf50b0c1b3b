"""Checks Swift's hand-written `AgoraTokenError.code` against the generated enum and Kotlin's.

No Swift compiler runs here, so the switch in ErrorCode.swift is checked by reading it: it must
map every case of the generated `AgoraTokenError` (AgoraToken.swift) to the code that case's
documentation starts with (`invalid_app_id`: ...), the undocumented-code case `Other` to
"other", and nothing else; and Kotlin's ErrorCode.kt must give the same map (the Kotlin tests
compare that one with the core's errorCodes()).

Usage: error_codes_check.py AgoraToken.swift ErrorCode.swift ErrorCode.kt; exits 1 naming each
difference.
"""

import re
import sys


def generated_codes(source: str) -> dict[str, str]:
    """Case name -> code, from the generated enum's doc comments."""
    enum = re.search(r"^public enum AgoraTokenError\b[^{]*\{(.*?)^\}", source, re.S | re.M)
    if enum is None:
        sys.exit("no `public enum AgoraTokenError` in the generated Swift")
    codes = {}
    for doc, name in re.findall(r"/\*\*(.*?)\*/\s*case (\w+)\(", enum.group(1), re.S):
        code = re.search(r"`(\w+)`:", doc)
        codes[name] = code.group(1) if code else ("other" if name == "Other" else f"<no code documented for {name}>")
    return codes


def mapping(source: str, pattern: str, path: str) -> tuple[dict[str, str], list[str]]:
    pairs = re.findall(pattern, source)
    names = [name for name, _ in pairs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    return dict(pairs), [f"{path}: `{name}` is mapped more than once" for name in duplicates]


def main(generated_path: str, swift_path: str, kotlin_path: str) -> int:
    expected = generated_codes(open(generated_path, encoding="utf-8").read())
    swift, problems = mapping(open(swift_path, encoding="utf-8").read(), r'case \.(\w+): return "(\w+)"', swift_path)
    kotlin, kotlin_problems = mapping(
        open(kotlin_path, encoding="utf-8").read(), r'is AgoraTokenException\.(\w+) -> "(\w+)"', kotlin_path
    )
    problems += kotlin_problems
    for path, actual in ((swift_path, swift), (kotlin_path, kotlin)):
        for name in sorted(expected.keys() | actual.keys()):
            if name not in actual:
                problems.append(f"{path}: no code for `{name}` (expected {expected[name]!r})")
            elif name not in expected:
                problems.append(f"{path}: `{name}` is not a case of the generated AgoraTokenError")
            elif actual[name] != expected[name]:
                problems.append(f"{path}: `{name}` maps to {actual[name]!r}, the generated enum documents {expected[name]!r}")
    for problem in problems:
        print(problem)
    print(f"{swift_path}: {len(swift)} codes; {len(expected)} cases in the generated enum; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
