"""Hvidovre Kommune's steering model as a kommunemodel plugin: hook implementations only."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kommunemodel import hookimpl, load_packaged_model

if TYPE_CHECKING:  # the rules engine and the model classes load only when a hook needs them
    from kommunemodel import SteeringModel
    from kommunemodel.rules import RetiredRule, Rule


@hookimpl
def kommunemodel_models() -> list[SteeringModel]:
    """The model encoded in this package's model.toml."""
    return [load_packaged_model(__name__)]


@hookimpl
def kommunemodel_rules() -> list[Rule]:
    """The rules only Hvidovre has (HVI…): development goals, set on dialogue, reported in colour."""
    from .rules import RULES

    return list(RULES)


@hookimpl
def kommunemodel_retired_rules() -> list[RetiredRule]:
    """The codes this plugin retired in favour of core rules, with where each went (see the README)."""
    from .rules import RETIRED

    return list(RETIRED)
