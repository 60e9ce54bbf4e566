"""Ishøj Kommune's steering model as a kommunemodel plugin: hook implementations only."""

from __future__ import annotations

from kommunemodel import SteeringModel, hookimpl, load_packaged_model
from kommunemodel.rules import Rule

from .rules import RULES


@hookimpl
def kommunemodel_models() -> list[SteeringModel]:
    """The model encoded in this package's model.toml."""
    return [load_packaged_model(__name__)]


@hookimpl
def kommunemodel_rules() -> list[Rule]:
    """The rules only Ishøj has: the rhythm of the direktion's and koncernledelsen's fixed meetings."""
    return list(RULES)
