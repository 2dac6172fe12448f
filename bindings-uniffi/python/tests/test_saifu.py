"""The seam between Python and saifu-ffi: every export reachable, every error typed.

Runs against the wheel installed in python/.venv (scripts/build-bindings), not the
source tree, so a packaging mistake fails here.
"""

import importlib.metadata
import pathlib

import pytest

import saifu


def test_imports_the_installed_wheel():
    # The repository has no importable `saifu` package; the import must come from the venv.
    assert "site-packages" in pathlib.Path(saifu.__file__).parts


def test_version_matches_the_wheel():
    # maturin takes the wheel version from saifu-ffi's Cargo.toml, as env!() does.
    assert saifu.saifu_version() == importlib.metadata.version("saifu")


def test_valid_input_passes():
    assert saifu.check_not_empty("x") is None


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_input_raises_a_typed_error(text):
    with pytest.raises(saifu.SaifuError.Empty) as info:
        saifu.check_not_empty(text)
    assert info.value.code == "input.empty"
    assert isinstance(info.value, saifu.SaifuError)
