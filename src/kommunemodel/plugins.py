"""The plugin manager: built-in plugins, entry-point plugins (group "kommunemodel"), fault isolation."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from importlib.metadata import entry_points
from typing import Any

import pluggy

from . import hookspecs
from .errors import PluginLoadError

ENTRY_POINT_GROUP = "kommunemodel"

#: Modules of the core that register through the same hooks an outside plugin uses.
DEFAULT_PLUGINS: tuple[str, ...] = ("kommunemodel.rules.core", "kommunemodel.compare.metrics")


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers which plugins failed and which distribution each came from."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.errors: list[PluginLoadError] = []
        self.distributions: dict[str, tuple[str, str]] = {}

    def describe(self, plugin_name: str) -> str:
        """`kommunemodel-helsingoer[helsingoer]`, or the bare name of a built-in or inline plugin."""
        distribution = self.distributions.get(plugin_name)
        return f"{distribution[0]}[{plugin_name}]" if distribution else plugin_name

    def call_isolated(self, hook_name: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call each implementation of a hook on its own: one that raises is recorded and skipped."""
        caller = getattr(self.hook, hook_name)
        for implementation in sorted(caller.get_hookimpls(), key=lambda impl: impl.plugin_name):
            try:
                result = implementation.function(**kwargs)
            except Exception as failure:  # noqa: BLE001 - a broken plugin must not stop the others
                self.errors.append(PluginLoadError(self.describe(implementation.plugin_name), failure, hook_name))
                continue
            yield implementation.plugin_name, result


def get_plugin_manager(load_entry_points: bool = True) -> PluginManager:
    """A plugin manager with the built-ins and every installed plugin that loads; failures are recorded."""
    manager = PluginManager()
    manager.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        manager.register(importlib.import_module(name), name=name)
    if load_entry_points:
        for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda point: point.name):
            distribution = entry_point.dist.name if entry_point.dist else "?"
            version = entry_point.dist.version if entry_point.dist else "?"
            try:
                plugin = entry_point.load()
                manager.register(plugin, name=entry_point.name)
                _check_hooks(manager, entry_point.name)
            except Exception as failure:  # noqa: BLE001 - name the plugin, keep the rest
                if manager.get_plugin(entry_point.name) is not None:
                    manager.unregister(name=entry_point.name)
                manager.errors.append(PluginLoadError(f"{distribution}[{entry_point.name}]", failure))
                continue
            manager.distributions[entry_point.name] = (distribution, version)
    manager.check_pending()
    return manager


def _check_hooks(manager: PluginManager, plugin_name: str) -> None:
    """Refuse a plugin that implements a hook no spec declares (a misspelling), before it can break the rest."""
    plugin = manager.get_plugin(plugin_name)
    for caller in manager.get_hookcallers(plugin) or []:
        if caller.spec is None:
            raise pluggy.PluginValidationError(plugin, f"unknown hook {caller.name!r}")
