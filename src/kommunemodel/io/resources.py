"""Loading a model file a plugin ships inside its package."""

from __future__ import annotations

import importlib
import os
import sys

from ..model.steering_model import SteeringModel
from .cache import cached_model

#: The packaged file each model was loaded from, by the model's identity: so that `check <id>` locates its findings.
LOADED: dict[int, tuple[SteeringModel, str]] = {}


def load_packaged_model(package: str, resource: str = "model.toml") -> SteeringModel:
    """The model in `resource` of `package`; its errors name the file as `package/resource`.

    A model read before from the same bytes comes from the cache of structured models (`io.cache`).
    """
    path = _beside_module(package, resource)
    if path is None:
        from importlib.resources import files

        traversable = files(package).joinpath(resource)
        data, path = traversable.read_bytes(), str(traversable)
    else:
        with open(path, "rb") as file:
            data = file.read()

    def load() -> SteeringModel:
        from .load import loads_model

        return loads_model(data, f"{package}/{resource}")

    model = cached_model(data, load)
    LOADED[id(model)] = (model, path)
    return model


def _beside_module(package: str, resource: str) -> str | None:
    """The file next to a package's `__init__` on disk, read without importlib.resources (milliseconds at start-up).

    None when the package is not a plain folder (a zip, a namespace package): importlib.resources reads those.
    """
    module = sys.modules.get(package) or importlib.import_module(package)
    init = getattr(module, "__file__", None)
    if not init:
        return None
    path = os.path.join(os.path.dirname(init), resource)
    return path if os.path.isfile(path) else None


def packaged_text(package: str, resource: str = "model.toml") -> tuple[str, str] | None:
    """The path and text of a file a plugin ships in its package; None when there is no such file."""
    from importlib.resources import files

    try:
        traversable = files(package).joinpath(resource)
        if not traversable.is_file():
            return None
        text = traversable.read_text(encoding="utf-8")
    except (ModuleNotFoundError, TypeError, OSError, UnicodeDecodeError):
        return None
    return str(traversable), text
