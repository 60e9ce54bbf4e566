"""What `kommunemodel plugins` reports: every plugin, what it registers and why it failed; text and JSON renderers."""

from __future__ import annotations

import json
from collections.abc import Iterable

from attrs import frozen

from . import __version__
from .errors import PluginLoadError
from .plugins import DEFAULT_PLUGINS, PluginManager, collect_rules, get_plugin_manager

SCHEMA = "kommunemodel-plugins/1"
#: The hooks whose contributions are listed besides models and rules, when a hookspec declares them.
METRICS_HOOK = "kommunemodel_metrics"


@frozen
class Failure:
    """One thing a plugin got wrong: the hook it failed in (None: it did not load) and why."""

    hook: str | None
    message: str

    @classmethod
    def of(cls, error: PluginLoadError) -> Failure:
        """From the error the plugin layer returned."""
        return cls(error.hook, f"{type(error.original).__name__}: {error.original}")


@frozen
class PluginInfo:
    """One plugin: where it came from, the hooks it implements and what it contributes, or why it failed.

    `status` is `ok`, `failed` (it did not load: nothing of it is used) or `partial` (it loaded, and a hook of it
    failed: what that hook would have given is left out).
    """

    name: str
    distribution: str
    version: str
    builtin: bool
    status: str
    hooks: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    retired: tuple[tuple[str, str | None], ...] = ()
    metrics: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    failures: tuple[Failure, ...] = ()


@frozen
class Inventory:
    """Every plugin the plugin manager knows, built-ins first, then by name."""

    plugins: tuple[PluginInfo, ...]

    def get(self, name: str) -> PluginInfo:
        """The plugin registered under this name (KeyError if none)."""
        for plugin in self.plugins:
            if plugin.name == name:
                return plugin
        raise KeyError(name)


def _prefix(code: str) -> str:
    return code.rstrip("0123456789")


def inventory(manager: PluginManager | None = None) -> Inventory:
    """Describe every plugin: registered ones with their contributions, failed ones with why."""
    from .api import catalogue

    manager = manager or get_plugin_manager()
    models = catalogue(manager)
    rules = collect_rules(manager, models)
    metrics: dict[str, list[str]] = {}
    failures: dict[str, list[PluginLoadError]] = {}
    every: list[PluginLoadError] = [*models.errors, *rules.errors]
    if hasattr(manager.hook, METRICS_HOOK):
        called = manager.call(METRICS_HOOK)
        every.extend(called.failures)
        for plugin_name, contributed in called.results:
            metrics.setdefault(plugin_name, []).extend(_ids(contributed))
    for error in dict.fromkeys(every):
        failures.setdefault(_plugin_of(manager, error), []).append(error)

    found: list[PluginInfo] = []
    for name, plugin in manager.list_name_plugin():
        if name is None or plugin is None:
            continue
        distribution, version = manager.distributions.get(name, ("kommunemodel", __version__))
        own = sorted(code for code, origin in rules.origin.items() if origin == name)
        retired = sorted(
            (code, entry.replaced_by) for code, entry in rules.retired.items() if rules.retired_origin[code] == name
        )
        mine = failures.get(name, [])
        found.append(
            PluginInfo(
                name=name,
                distribution=distribution,
                version=version,
                builtin=name in DEFAULT_PLUGINS,
                status="partial" if mine else "ok",
                hooks=tuple(manager.hooks_of(name)),
                prefixes=tuple(sorted({_prefix(code) for code in own} | {_prefix(code) for code, _ in retired})),
                rules=tuple(own),
                retired=tuple(retired),
                metrics=tuple(metrics.get(name, ())),
                models=tuple(sorted(models.models_of(name))),
                failures=tuple(Failure.of(error) for error in mine),
            )
        )
    for name, error in manager.load_failures.items():
        distribution, version = manager.distributions.get(name, ("?", "?"))
        found.append(PluginInfo(name, distribution, version, False, "failed", failures=(Failure.of(error),)))
    return Inventory(tuple(sorted(found, key=lambda plugin: manager.plugin_order(plugin.name))))


def _ids(contributed: object) -> list[str]:
    """The ids of what a hook contributed (metrics have an `id`)."""
    items = contributed if isinstance(contributed, Iterable) and not isinstance(contributed, str) else [contributed]
    return [str(getattr(item, "id", item)) for item in items]


def _plugin_of(manager: PluginManager, error: PluginLoadError) -> str:
    """The registered name of the plugin an error names (`dist[name]` or a bare name)."""
    label = error.plugin
    return label[label.index("[") + 1 : -1] if label.endswith("]") and "[" in label else label


# ---------------------------------------------------------------- renderers


def to_json(found: Inventory) -> str:
    """The inventory as JSON (`kommunemodel-plugins/1`, schema shipped in kommunemodel/schemas/)."""
    document = {
        "schema": SCHEMA,
        "plugins": [
            {
                "name": plugin.name,
                "distribution": plugin.distribution,
                "version": plugin.version,
                "builtin": plugin.builtin,
                "status": plugin.status,
                "hooks": list(plugin.hooks),
                "prefixes": list(plugin.prefixes),
                "rules": list(plugin.rules),
                "retired": [{"code": code, "replaced_by": target} for code, target in plugin.retired],
                "metrics": list(plugin.metrics),
                "models": list(plugin.models),
                "failures": [{"hook": failure.hook, "message": failure.message} for failure in plugin.failures],
            }
            for plugin in found.plugins
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_text(found: Inventory) -> str:
    """One block per plugin: its name, distribution and version, then what it registers, or why it failed."""
    blocks = []
    for plugin in found.plugins:
        origin = f"{plugin.distribution} {plugin.version}" + (" (built in)" if plugin.builtin else "")
        state = {"ok": "", "partial": "  PARTLY FAILED", "failed": "  FAILED, left out"}[plugin.status]
        lines = [f"{plugin.name}  {origin}{state}"]
        if plugin.status != "failed":
            lines.append(f"  hooks:   {', '.join(plugin.hooks) or 'none'}")
            many = len(plugin.rules) > 8  # the core's: a range reads better than thirty-odd codes
            rules = f"{plugin.rules[0]} … {plugin.rules[-1]} ({len(plugin.rules)})" if many else ", ".join(plugin.rules)
            rules = rules or "none"
            if plugin.prefixes:
                rules += f" (prefix {', '.join(plugin.prefixes)})"
            if plugin.retired:
                rules += "; retired " + ", ".join(f"{code} → {target or 'removed'}" for code, target in plugin.retired)
            lines.append(f"  rules:   {rules}")
            lines.append(f"  metrics: {', '.join(plugin.metrics) or 'none'}")
            lines.append(f"  models:  {', '.join(plugin.models) or 'none'}")
        for failure in plugin.failures:
            during = f" in {failure.hook}" if failure.hook else " to load"
            lines.append(f"  failed{during}: {failure.message}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else "no plugins\n"
