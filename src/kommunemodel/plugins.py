"""The plugin layer: the plugin manager, hook calls through pluggy with their failures, and rule collection."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
import pluggy
from attrs import frozen

from . import hookspecs
from .entry_points import entry_points
from .errors import PluginLoadError, RuleCodeError

if TYPE_CHECKING:
    from .api import Catalogue
    from .rules import RuleSet

ENTRY_POINT_GROUP = "kommunemodel"

#: Modules of the core that register through the same hooks an outside plugin uses.
DEFAULT_PLUGINS: tuple[str, ...] = ("kommunemodel.rules.core", "kommunemodel.compare.metrics")
#: The light module that holds each built-in's hooks (they import the heavy module named above when called).
BUILTIN_HOOKS: dict[str, str] = {
    "kommunemodel.rules.core": "kommunemodel.builtin.rules",
    "kommunemodel.compare.metrics": "kommunemodel.builtin.metrics",
}


@frozen
class HookCall:
    """What one hook gave: (plugin, what it returned) in plugin order, built-ins first; and the plugins that raised.

    A plugin whose implementation returned None is not in `results`, as pluggy leaves None out.
    """

    hook: str
    results: tuple[tuple[str, Any], ...]
    failures: tuple[PluginLoadError, ...] = ()


class PluginManager(pluggy.PluginManager):
    """A pluggy manager that knows which distribution each plugin came from and which plugins failed to load."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        #: Entry points that could not be imported or registered, by entry-point name.
        self.load_failures: dict[str, PluginLoadError] = {}
        #: (distribution, version) of every entry point, loaded or not.
        self.distributions: dict[str, tuple[str, str]] = {}
        self._calls: dict[str, HookCall] = {}

    def register(self, plugin: object, name: str | None = None) -> str | None:
        """Register a plugin (pluggy's register); the hooks are called afresh after it."""
        self._calls.clear()
        return super().register(plugin, name)

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any:
        """Unregister a plugin (pluggy's unregister); the hooks are called afresh after it."""
        self._calls.clear()
        return super().unregister(plugin, name)

    @property
    def load_errors(self) -> tuple[PluginLoadError, ...]:
        """The plugins that failed to load, in entry-point order."""
        return tuple(self.load_failures.values())

    def describe(self, plugin_name: str) -> str:
        """`kommunemodel-helsingoer[helsingoer]`, or the bare name of a built-in or inline plugin."""
        distribution = self.distributions.get(plugin_name)
        return f"{distribution[0]}[{plugin_name}]" if distribution else plugin_name

    def plugin_order(self, name: str) -> tuple[int, str]:
        """Sort key of plugins: the built-ins first, in DEFAULT_PLUGINS order, then by name, the same everywhere."""
        return (DEFAULT_PLUGINS.index(name), "") if name in DEFAULT_PLUGINS else (len(DEFAULT_PLUGINS), name)

    def call(self, hook_name: str, **kwargs: Any) -> HookCall:
        """Call each plugin's implementation of a hook through pluggy, on its own: one that raises is returned.

        Each call goes through pluggy's hook caller with the other plugins' plain implementations left out, so an
        implementation may take fewer arguments than the spec, `firstresult` and wrappers (tryfirst, trylast,
        `wrapper=True`) behave as pluggy documents, and one plugin's exception cannot hide another's result.
        """
        if not kwargs and hook_name in self._calls:
            return self._calls[hook_name]  # the hooks without arguments are called once per plugin manager
        caller = getattr(self.hook, hook_name, None)
        if caller is None:
            return HookCall(hook_name, ())
        plain = [impl for impl in caller.get_hookimpls() if not (impl.wrapper or impl.hookwrapper)]
        results: list[tuple[str, Any]] = []
        failures: list[PluginLoadError] = []
        for implementation in sorted(plain, key=lambda impl: self.plugin_order(impl.plugin_name)):
            others = [impl.plugin for impl in plain if impl.plugin is not implementation.plugin]
            alone = self.subset_hook_caller(hook_name, remove_plugins=others)
            try:
                result = alone(**kwargs)
            except Exception as failure:  # noqa: BLE001 - a broken plugin must not stop the others
                failures.append(PluginLoadError(self.describe(implementation.plugin_name), failure, hook_name))
                continue
            # pluggy gives a list of the non-None results (here one at most), or the one result of a firstresult hook.
            firstresult = caller.spec is not None and caller.spec.opts.get("firstresult")
            if firstresult and result is not None:
                results.append((implementation.plugin_name, result))
            elif not firstresult:
                results.extend((implementation.plugin_name, item) for item in result)
        called = HookCall(hook_name, tuple(results), tuple(failures))
        if not kwargs:
            self._calls[hook_name] = called
        return called

    def hooks_of(self, plugin_name: str) -> list[str]:
        """The names of the hooks a registered plugin implements, sorted."""
        plugin = self.get_plugin(plugin_name)
        return sorted(caller.name for caller in self.get_hookcallers(plugin) or []) if plugin is not None else []


def get_plugin_manager(load_entry_points: bool = True) -> PluginManager:
    """A plugin manager with the built-ins and every installed plugin that loads; load failures are recorded."""
    manager = PluginManager()
    manager.add_hookspecs(hookspecs)
    for name in DEFAULT_PLUGINS:
        manager.register(importlib.import_module(BUILTIN_HOOKS[name]), name=name)
    if load_entry_points:
        for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda point: point.name):
            distribution = entry_point.dist.name if entry_point.dist else "?"
            version = entry_point.dist.version if entry_point.dist else "?"
            manager.distributions[entry_point.name] = (distribution, version)
            try:
                plugin = entry_point.load()
                manager.register(plugin, name=entry_point.name)
                check_hooks(manager, entry_point.name)
            except Exception as failure:  # noqa: BLE001 - name the plugin, keep the rest
                if manager.get_plugin(entry_point.name) is not None:
                    manager.unregister(name=entry_point.name)
                manager.load_failures[entry_point.name] = PluginLoadError(
                    f"{distribution}[{entry_point.name}]", failure
                )
    manager.check_pending()
    return manager


def check_hooks(manager: PluginManager, plugin_name: str) -> None:
    """Refuse a plugin that implements a hook no spec declares (a misspelling), unless it marks it optional."""
    plugin = manager.get_plugin(plugin_name)
    for caller in manager.get_hookcallers(plugin) or []:
        if caller.spec is None and not all(impl.optionalhook for impl in caller.get_hookimpls()):
            raise pluggy.PluginValidationError(plugin, f"unknown hook {caller.name!r}")


def collect_rules(manager: PluginManager, models: Catalogue | None = None) -> RuleSet:
    """Every rule and retired code of every plugin; a plugin whose hook fails, or whose codes clash, is left out.

    The built-in plugins come first, so a code the core claims can never be taken by a plugin that sorts earlier.
    A plugin's rule that names no models runs for that plugin's own models (from `models`, the catalogue, made
    here when not given); a plugin with no models of its own keeps such a rule for every model. The plugins left
    out are in the rule set's `errors`, with why.
    """
    from .rules import RuleSet

    if models is None:
        from .api import catalogue

        models = catalogue(manager)
    table = RuleSet()
    failures: list[PluginLoadError] = []
    # Retired codes first: a plugin's rule that reuses one is refused like a code already claimed.
    for hook_name, take in (("kommunemodel_retired_rules", table.retire), ("kommunemodel_rules", table.add)):
        called = manager.call(hook_name)
        failures.extend(called.failures)
        for plugin_name, contributed in called.results:
            own = models.models_of(plugin_name)
            if hook_name == "kommunemodel_rules" and own:
                contributed = [_default_models(item, own) for item in _items(contributed)]
            try:
                take(plugin_name, contributed, core=plugin_name in DEFAULT_PLUGINS)
            except (RuleCodeError, TypeError) as failure:
                failures.append(PluginLoadError(manager.describe(plugin_name), failure, hook_name))
    table.errors = tuple(failures)
    return table


def every_failure(*groups: Sequence[PluginLoadError]) -> list[PluginLoadError]:
    """The failures of several calls, each once, in the order met (a load failure shows in several groups)."""
    return list(dict.fromkeys(failure for group in groups for failure in group))


def _items(contributed: Any) -> list[Any]:
    """What a hook returned, as a list; a single object stands for itself (and is then refused if it is junk)."""
    try:
        return list(contributed)
    except TypeError:
        return [contributed]


def _default_models(item: Any, own: frozenset[str]) -> Any:
    """A rule that names no models, limited to its plugin's own; anything else unchanged."""
    from .rules import Rule

    if isinstance(item, Rule) and item.models is None and item.subject is not None:
        return attrs.evolve(item, models=own)
    return item
