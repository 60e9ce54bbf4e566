"""Every pluggy hook kommunemodel calls: what each returns, when it is called, what None means."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .compare.metric import Metric
    from .model import SteeringModel
    from .rules import RetiredRule, Rule

PROJECT = "kommunemodel"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def kommunemodel_models() -> Sequence[SteeringModel]:
    """Return the steering models this plugin provides.

    Called once per plugin manager, when the models are first listed or looked up. A municipality
    plugin normally returns the one model loaded from its packaged ``model.toml``.
    Return an empty sequence (or None) to contribute none.
    """


@hookspec
def kommunemodel_rules() -> Sequence[Rule]:
    """Return the rules this plugin adds to ``kommunemodel check``.

    Called once per plugin manager, when the rules are first collected for a check or a listing; the built-in
    rules (codes ``KM…``) come first. Each rule says what it checks (a model, or a year's data) and which
    models it applies to: ``models=None`` means the plugin's own models (every model, for a plugin that provides
    none). Codes match ``^[A-Z]{2,4}[0-9]{3}$`` and use the plugin's own prefix (``HEL001``); a plugin that returns
    a code already claimed, a retired one, or a ``KM`` code, is reported as a PluginLoadError and its rules are
    left out, while the other plugins' rules still run.
    Return an empty sequence (or None) to contribute none.
    """


@hookspec
def kommunemodel_retired_rules() -> Sequence[RetiredRule]:
    """Return the rule codes this plugin has retired: removed, or redirected to the rule that now reports it.

    Called once per plugin manager, with ``kommunemodel_rules``, before any rule is registered. A retired code is
    never reused: a rule that claims one is refused like a code already taken. ``kommunemodel rule CODE`` says
    where a retired code went, and a waiver of one is reported as waiving nothing (KM002), naming its successor.
    Return an empty sequence (or None) to contribute none.
    """


@hookspec
def kommunemodel_metrics() -> Sequence[Metric]:
    """Return the comparison metrics this plugin adds to ``kommunemodel compare``.

    Called once per plugin manager, when the metrics are first collected for a comparison or an explanation;
    the built-in metrics come first, in the order they are listed. Ids are ASCII slugs (``^[a-z][a-z0-9_]*$``)
    and unique across every plugin, like rule codes: a plugin that returns an id already claimed is reported as a
    PluginLoadError and its metrics are left out, while the other plugins' metrics are still compared.
    Return an empty sequence (or None) to contribute none.
    """
