"""Skanderborg Kommune's steering model as a kommunemodel plugin: hook implementations only."""

from __future__ import annotations

from kommunemodel import SteeringModel, hookimpl, load_packaged_model
from kommunemodel.rules import RetiredRule, Rule

from .rules import RETIRED, RULES


@hookimpl
def kommunemodel_models() -> list[SteeringModel]:
    """The model encoded in this package's model.toml."""
    return [load_packaged_model(__name__)]


@hookimpl
def kommunemodel_rules() -> list[Rule]:
    """The rules only Skanderborg has: when, after what and by whom the development contracts are signed."""
    return list(RULES)


@hookimpl
def kommunemodel_retired_rules() -> list[RetiredRule]:
    """The codes this plugin retired in favour of core rules, with where each went (see the README)."""
    return list(RETIRED)
