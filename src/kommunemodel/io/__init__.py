"""Model files in and out: TOML ⇄ domain objects through one cattrs converter, errors located."""

from .dump import dumps_json, dumps_toml, model_to_table
from .load import load_model_file, loads_model, read_toml, structure

__all__ = ["dumps_json", "dumps_toml", "load_model_file", "loads_model", "model_to_table", "read_toml", "structure"]
