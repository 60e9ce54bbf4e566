"""Model files in and out: TOML ⇄ domain objects through one cattrs converter, errors located.

The names are imported on first use, so that what needs only part of `io` (the cache of bundled models)
does not pay for cattrs and tomli-w.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dump import dumps_json, dumps_toml, model_to_table
    from .load import load_model_file, loads_model, read_toml, structure

_HOMES = {
    **dict.fromkeys(("dumps_json", "dumps_toml", "model_to_table"), ".dump"),
    **dict.fromkeys(("load_model_file", "loads_model", "read_toml", "structure"), ".load"),
}

__all__ = ["dumps_json", "dumps_toml", "load_model_file", "loads_model", "model_to_table", "read_toml", "structure"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kommunemodel.io' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value
