"""Loading a model file a plugin ships inside its package."""

from __future__ import annotations

from importlib.resources import files

from ..model import SteeringModel
from .load import loads_model


def load_packaged_model(package: str, resource: str = "model.toml") -> SteeringModel:
    """The model in `resource` of `package`; its errors name the file as `package/resource`."""
    data = files(package).joinpath(resource).read_bytes()
    return loads_model(data, f"{package}/{resource}")


def packaged_text(package: str, resource: str = "model.toml") -> tuple[str, str] | None:
    """The path and text of a file a plugin ships in its package; None when there is no such file."""
    try:
        traversable = files(package).joinpath(resource)
        if not traversable.is_file():
            return None
        text = traversable.read_text(encoding="utf-8")
    except (ModuleNotFoundError, TypeError, OSError, UnicodeDecodeError):
        return None
    return str(traversable), text
