"""PEP 517 backend of the saifu sdist: maturin's, with the pinned uniffi generator on PATH.

maturin (bindings = "uniffi") generates the Python code by running `uniffi-bindgen` from
PATH. In the repository, scripts/build-bindings puts ../uniffi-bindgen/shim there (the
workspace's own generator); an sdist has no such crate, and PyPI's `uniffi-bindgen` is of
another uniffi version than the library, whose generated code would not match it. So
before building, this installs uniffi's own generator at exactly the uniffi version in
the sdist's Cargo.lock (`cargo install uniffi --version =X --features cli`, into the
build's temporary directory) and puts a `uniffi-bindgen` shim for it first on PATH. The
shim drops the `--config uniffi.toml` maturin passes, as ../uniffi-bindgen/shim does: in
library mode uniffi reads the crate's uniffi.toml itself.
"""

import os
import pathlib
import re
import subprocess
import tempfile

import maturin
from maturin import *  # noqa: F401,F403  (every hook maturin offers)

_SHIM = """#!/bin/sh
skip=
for arg do
  shift
  if [ -n "$skip" ]; then skip=; continue; fi
  if [ "$arg" = --config ]; then skip=1; continue; fi
  set -- "$@" "$arg"
done
exec "{bindgen}" "$@"
"""


def _uniffi_version() -> str:
    lock = pathlib.Path("Cargo.lock").read_text(encoding="utf-8")
    found = re.search(r'^name = "uniffi"\nversion = "([^"]+)"', lock, re.MULTILINE)
    if found is None:
        raise RuntimeError("saifu sdist: no uniffi package in Cargo.lock")
    return found.group(1)


def _generator_on_path() -> None:
    # A `uniffi-bindgen` already on PATH may be of any version (PyPI's is not ours):
    # this one is used unless the caller says it put the pinned one there itself.
    if os.environ.get("SAIFU_UNIFFI_BINDGEN_ON_PATH") == "1":
        return
    root = pathlib.Path(tempfile.mkdtemp(prefix="saifu-uniffi-bindgen-"))
    version = _uniffi_version()
    subprocess.run(
        ["cargo", "install", "--quiet", "uniffi", "--version", f"={version}",
         "--features", "cli", "--bin", "uniffi-bindgen", "--root", str(root)],
        check=True,
    )
    shim_dir = root / "shim"
    shim_dir.mkdir()
    shim = shim_dir / "uniffi-bindgen"
    shim.write_text(_SHIM.format(bindgen=root / "bin" / "uniffi-bindgen"), encoding="utf-8")
    shim.chmod(0o755)
    os.environ["PATH"] = f"{shim_dir}{os.pathsep}{os.environ.get('PATH', '')}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    _generator_on_path()
    return maturin.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    _generator_on_path()
    return maturin.build_editable(wheel_directory, config_settings, metadata_directory)
