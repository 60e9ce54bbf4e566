"""The public API: every name in `kommunemodel.__all__` resolves, and importing the package stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kommunemodel


@pytest.mark.parametrize("name", kommunemodel.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(kommunemodel, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'lod_model'"):
        kommunemodel.lod_model  # noqa: B018


def test_importing_the_package_loads_neither_cattrs_nor_the_rules() -> None:
    heavy = ("cattrs", "kommunemodel.rules", "tomli")
    probe = f"import sys, kommunemodel; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_version_is_the_installed_distributions() -> None:
    from importlib.metadata import version

    assert kommunemodel.__version__ == version("kommunemodel")


def test_importing_the_package_and_asking_its_version_reads_no_metadata() -> None:
    probe = "import sys, kommunemodel; kommunemodel.__version__; print('importlib.metadata' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
