"""A cache of structured bundled models, keyed by the model file's hash, as linters cache their results.

`kommunemodel list` and `show` read the four bundled model files on every run; structuring them costs more
than starting Python. The cache keeps each structured model as a pickle under the user's cache folder, keyed
by the SHA-256 of the file's bytes and of the vocabulary's source (so that a changed model class never meets an
old pickle). A damaged file, or one that does not hold a model, is ignored and rewritten. The folder is trusted as
Python trusts its own `__pycache__`: a pickle runs code when read, so the cache lives only in the user's own
cache folder and holds only what kommunemodel wrote there; model and year files given by a user are never
unpickled. `KOMMUNEMODEL_CACHE_DIR` moves it; `KOMMUNEMODEL_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..model.steering_model import SteeringModel

#: Bumped when what is cached changes shape.
FORMAT = b"kommunemodel-cache/1"


def cache_dir() -> Path | None:
    """The folder of the cache, or None when it is turned off."""
    if os.environ.get("KOMMUNEMODEL_NO_CACHE"):
        return None
    given = os.environ.get("KOMMUNEMODEL_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kommunemodel"


@cache
def _vocabulary() -> bytes:
    """A fingerprint of the model classes: the Python version and the name, size and time of each module."""
    folder = Path(__file__).parent.parent / "model"
    parts = [FORMAT, sys.version.encode()]
    for module in sorted(folder.glob("*.py")):
        stat = module.stat()
        parts.append(f"{module.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return b"\n".join(parts)


def cached_model(data: bytes, load: Callable[[], SteeringModel]) -> SteeringModel:
    """The model `load` structures from `data`, from the cache when it holds it; else loaded and stored."""
    folder = cache_dir()
    if folder is None:
        return load()
    key = hashlib.sha256(_vocabulary() + b"\0" + data).hexdigest()
    path = folder / f"{key}.pickle"
    try:
        with path.open("rb") as stored:
            model = pickle.load(stored)
        if isinstance(model, SteeringModel):
            return model
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        pass  # not cached yet, or unreadable: load and store again
    model = load()
    _store(folder, path, model)
    return model


def _store(folder: Path, path: Path, model: SteeringModel) -> None:
    """Write atomically (a temporary file, then os.replace); a cache that cannot be written is no error."""
    import tempfile  # only when storing: a warm cache never pays for it

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(model, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        try:
            os.unlink(temporary)
        except (OSError, UnboundLocalError):
            pass
