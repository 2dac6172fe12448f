"""Runs every ```python block of the given Markdown files as a new user would: each block
alone, as a script, with the interpreter this runs under (a fresh venv holding only the
installed wheel), from an empty directory so nothing but the installed package can be
imported. A block's output must be what its comments say: each `print(...)  # text` line
promises one output line, `text`, in order. Prints `N passed, N failed`.

Usage: python readme_snippets.py FILE.md...
"""

import pathlib
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
PROMISE = re.compile(r"^\s*print\(.*\)\s+# (.+)$")


def blocks(path: pathlib.Path):
    text = path.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield f"{path}:{line}", match.group(1)


def run(code: str, cwd: str) -> tuple[bool, str]:
    expected = [m.group(1).rstrip() for m in map(PROMISE.match, code.splitlines()) if m]
    if not expected:
        return False, "promises no output (a print with a `# output` comment): nothing is checked"
    script = pathlib.Path(cwd) / "snippet.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    if done.returncode != 0:
        return False, f"exit {done.returncode}\n{done.stderr}"
    got = [line.rstrip() for line in done.stdout.splitlines()]
    if got != expected:
        return False, "output differs\n  expected: {}\n  got:      {}".format(expected, got)
    return True, f"{len(expected)} output lines as promised"


def main() -> int:
    passed = failed = 0
    with tempfile.TemporaryDirectory() as cwd:
        for name in sys.argv[1:]:
            found = list(blocks(pathlib.Path(name)))
            if not found:
                print(f"FAIL {name}: no ```python block")
                failed += 1
            for where, code in found:
                ok, why = run(code, cwd)
                print(f"{'ok  ' if ok else 'FAIL'} {where}: {why}")
                passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
