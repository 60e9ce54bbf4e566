"""kommunemodel: encode, validate, simulate and compare Danish municipal steering models."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .hookspecs import hookimpl

try:
    __version__ = version("kommunemodel")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

from .api import Checker, ModelEntry, available_models, catalogue, check, load_model
from .errors import (
    InputError,
    KommunemodelError,
    ModelFileError,
    PluginLoadError,
    Problem,
    RuleCodeError,
    RuleCrashError,
    UnknownModelError,
    UnknownRuleError,
    YearFileError,
)
from .io import dumps_json, dumps_toml, load_model_file, loads_model
from .io.resources import load_packaged_model
from .model import SteeringModel
from .plugins import get_plugin_manager

__all__ = [
    "Checker",
    "InputError",
    "KommunemodelError",
    "ModelEntry",
    "ModelFileError",
    "PluginLoadError",
    "Problem",
    "RuleCodeError",
    "RuleCrashError",
    "SteeringModel",
    "UnknownModelError",
    "UnknownRuleError",
    "YearFileError",
    "__version__",
    "available_models",
    "catalogue",
    "check",
    "dumps_json",
    "dumps_toml",
    "get_plugin_manager",
    "hookimpl",
    "load_model",
    "load_model_file",
    "load_packaged_model",
    "loads_model",
]
