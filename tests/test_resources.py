"""Packaged model files: found beside the package's module, or through importlib.resources where it is no folder."""

from __future__ import annotations

import sys
import types
from importlib.resources import files

import pytest

from kommunemodel.io import resources
from kommunemodel.io.resources import LOADED, load_packaged_model


@pytest.mark.parametrize("package", ["kommunemodel_helsingoer", "kommunemodel_skanderborg"])
def test_the_file_is_the_one_importlib_resources_names(package: str) -> None:
    assert resources._beside_module(package, "model.toml") == str(files(package).joinpath("model.toml"))
    model = load_packaged_model(package)
    assert LOADED[id(model)] == (model, str(files(package).joinpath("model.toml")))


def test_a_package_without_a_file_on_disk_is_left_to_importlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "kommunemodel_nowhere", types.ModuleType("kommunemodel_nowhere"))
    assert resources._beside_module("kommunemodel_nowhere", "model.toml") is None
    assert resources._beside_module("kommunemodel_helsingoer", "no-such.toml") is None
