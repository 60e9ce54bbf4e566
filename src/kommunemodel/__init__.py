"""kommunemodel: encode, validate, simulate and compare Danish municipal steering models.

The public API is re-exported here and imported on first use, so `kommunemodel --version` and a plugin's
`from kommunemodel import hookimpl` do not pay for cattrs, the rules engine and the rest.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .hookspecs import hookimpl

try:
    __version__ = version("kommunemodel")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from .api import Checker, ModelEntry, available_models, catalogue, check, load_model
    from .compare.compose import compose
    from .compare.metric import Metric, MetricValue
    from .compare.table import Comparison
    from .compare.table import compare as compare_models
    from .errors import (
        BudgetRuleMissingError,
        ComposeError,
        InputError,
        KommunemodelError,
        MetricIdError,
        ModelFileError,
        PluginLoadError,
        Problem,
        ProfileFileError,
        RuleCodeError,
        RuleCrashError,
        UnknownMetricError,
        UnknownModelError,
        UnknownProfileError,
        UnknownRuleError,
        YearFileError,
    )
    from .io import dumps_json, dumps_toml, load_model_file, loads_model
    from .io.resources import load_packaged_model
    from .model import SteeringModel
    from .plugins import get_plugin_manager
    from .simulate.budget import BudgetResult, simulate_budget
    from .simulate.scenario import Scenario
    from .simulate.sweep import SweepResult, simulate_sweep

#: Where each public name lives.
_HOMES = {
    **dict.fromkeys(("Checker", "ModelEntry", "available_models", "catalogue", "check", "load_model"), ".api"),
    **dict.fromkeys(
        (
            "BudgetRuleMissingError",
            "ComposeError",
            "InputError",
            "KommunemodelError",
            "MetricIdError",
            "ModelFileError",
            "PluginLoadError",
            "Problem",
            "ProfileFileError",
            "RuleCodeError",
            "RuleCrashError",
            "UnknownMetricError",
            "UnknownModelError",
            "UnknownProfileError",
            "UnknownRuleError",
            "YearFileError",
        ),
        ".errors",
    ),
    **dict.fromkeys(("dumps_json", "dumps_toml", "load_model_file", "loads_model"), ".io"),
    "load_packaged_model": ".io.resources",
    # `compare` is the subpackage's name, so the function is `compare_models` here (`kommunemodel.compare.compare`).
    **dict.fromkeys(("Comparison", "compare_models"), ".compare.table"),
    **dict.fromkeys(("Metric", "MetricValue"), ".compare.metric"),
    "compose": ".compare.compose",
    "SteeringModel": ".model",
    "get_plugin_manager": ".plugins",
    **dict.fromkeys(("BudgetResult", "simulate_budget"), ".simulate.budget"),
    "Scenario": ".simulate.scenario",
    **dict.fromkeys(("SweepResult", "simulate_sweep"), ".simulate.sweep"),
}

__all__ = [
    "BudgetResult",
    "BudgetRuleMissingError",
    "Checker",
    "Comparison",
    "ComposeError",
    "InputError",
    "KommunemodelError",
    "Metric",
    "MetricIdError",
    "MetricValue",
    "ModelEntry",
    "ModelFileError",
    "PluginLoadError",
    "Problem",
    "ProfileFileError",
    "RuleCodeError",
    "RuleCrashError",
    "Scenario",
    "SteeringModel",
    "SweepResult",
    "UnknownMetricError",
    "UnknownModelError",
    "UnknownProfileError",
    "UnknownRuleError",
    "YearFileError",
    "__version__",
    "available_models",
    "catalogue",
    "check",
    "compare_models",
    "compose",
    "dumps_json",
    "dumps_toml",
    "get_plugin_manager",
    "hookimpl",
    "load_model",
    "load_model_file",
    "load_packaged_model",
    "loads_model",
    "simulate_budget",
    "simulate_sweep",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kommunemodel' has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), "compare" if name == "compare_models" else name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
