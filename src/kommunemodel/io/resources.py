"""Loading a model file a plugin ships inside its package."""

from __future__ import annotations

from importlib.resources import files

from ..model.steering_model import SteeringModel
from .cache import cached_model

#: The packaged file each model was loaded from, by the model's identity: so that `check <id>` locates its findings.
LOADED: dict[int, tuple[SteeringModel, str]] = {}


def load_packaged_model(package: str, resource: str = "model.toml") -> SteeringModel:
    """The model in `resource` of `package`; its errors name the file as `package/resource`.

    A model read before from the same bytes comes from the cache of structured models (`io.cache`).
    """
    traversable = files(package).joinpath(resource)
    data = traversable.read_bytes()

    def load() -> SteeringModel:
        from .load import loads_model

        return loads_model(data, f"{package}/{resource}")

    model = cached_model(data, load)
    LOADED[id(model)] = (model, str(traversable))
    return model


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
