"""The core rules as a built-in plugin: `kommunemodel_rules` imports `rules.core` only when it is called."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..hookspecs import hookimpl

if TYPE_CHECKING:
    from ..rules import Rule


@hookimpl
def kommunemodel_rules() -> tuple[Rule, ...]:
    """The core rules, for every model."""
    from ..rules.core import kommunemodel_rules as core_rules

    return core_rules()
