"""Helsingør Kommune's steering model as a kommunemodel plugin: hook implementations only."""

from __future__ import annotations

from kommunemodel import SteeringModel, hookimpl, load_packaged_model


@hookimpl
def kommunemodel_models() -> list[SteeringModel]:
    """The model encoded in this package's model.toml."""
    return [load_packaged_model(__name__)]
