"""Checks that every ```rust block of the bindings' READMEs is quoted from the binding's own
source, so the recipe a README shows is code that compiles (the crate builds it) and
cannot drift from it: each block, dedented, must occur line for line (trailing spaces
aside) in one file under the crate's src/. A binding's exports need their crate and its
macros' setup around them, so they are not compiled alone. Prints `N passed, N failed`.

Usage: python3 readme_rust.py README.md:SRC_DIR...
"""

import pathlib
import re
import sys
import textwrap

FENCE = re.compile(r"^([ \t]*)```rust\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def occurs(block: list[str], source: list[str]) -> bool:
    n = len(block)
    return any(source[i:i + n] == block for i in range(len(source) - n + 1))


def main() -> int:
    passed = failed = 0
    for arg in sys.argv[1:]:
        readme, src = (pathlib.Path(p) for p in arg.split(":", 1))
        text = readme.read_text(encoding="utf-8")
        found = list(FENCE.finditer(text))
        if not found:
            print(f"FAIL {readme}: no ```rust block")
            failed += 1
        files = {f: lines(f.read_text(encoding="utf-8")) for f in sorted(src.rglob("*.rs"))}
        for m in found:
            where = f"{readme}:{text.count(chr(10), 0, m.start()) + 1}"
            block = lines(textwrap.dedent(m.group(2)))
            hits = [f for f, source in files.items() if occurs(block, source)]
            if hits:
                print(f"ok   {where}: {len(block)} lines, quoted from {hits[0]}")
                passed += 1
            else:
                print(f"FAIL {where}: its {len(block)} lines are in no file of {src}/")
                failed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
