"""Every pluggy hook kommunemodel calls: what each returns, when it is called, what None means."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .model import SteeringModel

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
