#!/usr/bin/env bash
# Smoke test of the Python package as a new user gets it: the wheel scripts/build-bindings
# built (target/wheels/) into a fresh venv of its own, then every README's Python snippet
# run against it from an empty directory (readme_snippets.py). A few seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
wheels=(target/wheels/saifu-*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || { echo "smoke: want one wheel, found: ${wheels[*]}" >&2; exit 1; }

venv=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$venv")"' EXIT
# No pip in the fresh venv (ensurepip alone takes seconds): the project venv's pip installs
# into it. No dependencies: the wheel must need none.
python3 -m venv --without-pip "$venv"
bindings-uniffi/python/.venv/bin/python -m pip --python "$venv/bin/python" install --quiet \
  --disable-pip-version-check --no-index --no-deps "${wheels[0]}"

# The installed package, not the source tree: typed, and from the fresh venv.
"$venv/bin/python" - "$venv" <<'PY'
import importlib.resources, pathlib, sys
import saifu
where = pathlib.Path(saifu.__file__).resolve()
assert where.is_relative_to(pathlib.Path(sys.argv[1]).resolve()), f"saifu from {where}"
assert importlib.resources.files("saifu").joinpath("py.typed").is_file(), "no py.typed"
print(f"smoke: saifu from {where.parent.relative_to(pathlib.Path(sys.argv[1]).resolve())}, py.typed present")
PY
"$venv/bin/python" scripts/smoke/readme_snippets.py README.md bindings-uniffi/python/README.md
