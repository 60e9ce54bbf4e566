"""The conformance kit every municipality plugin runs: a pytest plugin plus plain assertion helpers.

A plugin's tests call ``assert_conformant(module)`` for its models, ``check_year_text`` and ``findings`` for its
rules, ``assert_example_year`` for its example year, and the ``assert_rule…`` helpers for its rules' docs.
Each helper isolates the plugin: a fresh plugin manager holds the core and that plugin only, whatever else is
installed. The ``assert_…`` helpers that run the command line see every installed plugin, as a user does.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections import Counter
from collections.abc import Iterator
from importlib.metadata import EntryPoint, entry_points
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from .io import dumps_json, dumps_toml, loads_model
from .io.converter import make_converter
from .model import NOT_DESCRIBED, SteeringModel, Timing
from .model.integrity import facts, format_path, problems
from .plugins import ENTRY_POINT_GROUP, PluginManager, get_plugin_manager

if TYPE_CHECKING:
    from .rules import Report, Rule, RuleSet

__all__ = [
    "PLANTED",
    "assert_conformant",
    "assert_example_year",
    "assert_rule_explained",
    "assert_rules_in_readme",
    "assert_rules_listed",
    "assert_shown",
    "check_year_text",
    "described_fields",
    "edit",
    "findings",
    "planted_findings",
    "plugin_manager_with",
    "plugin_models",
    "plugin_rules",
    "run_cli",
    "timing",
    "unsourced_facts",
    "walk_strings",
]

#: A `# planted: CODE[, CODE…]` comment in an example year: the findings its line is meant to give.
PLANTED = re.compile(r"#\s*planted:\s*([A-Z]{2,4}[0-9]{3}(?:\s*,\s*[A-Z]{2,4}[0-9]{3})*)")
_DIGITS = "0123456789"


# ---------------------------------------------------------------- one plugin on its own


def _entry_point(plugin: ModuleType) -> EntryPoint | None:
    """The installed entry point (group "kommunemodel") that loads this module, if any."""
    for point in entry_points(group=ENTRY_POINT_GROUP):
        if point.module == plugin.__name__ and not point.attr:
            return point
    return None


def plugin_manager_with(plugin: ModuleType) -> PluginManager:
    """A fresh plugin manager with the core and only this plugin, under its entry-point name where it is installed."""
    manager = get_plugin_manager(load_entry_points=False)
    point = _entry_point(plugin)
    name = point.name if point is not None else plugin.__name__
    manager.register(plugin, name=name)
    if point is not None and point.dist is not None:
        manager.distributions[name] = (point.dist.name, point.dist.version)
    manager.check_pending()  # a misspelled hook fails here, as it does when the plugin is loaded for real
    return manager


def _isolated(plugin: ModuleType) -> tuple[PluginManager, RuleSet]:
    """The plugin's own manager and every rule it collects, failing if the plugin's rules hook fails."""
    from .plugins import collect_rules

    manager = plugin_manager_with(plugin)
    rules = collect_rules(manager)
    assert not rules.errors, "; ".join(map(str, rules.errors))
    return manager, rules


def plugin_models(plugin: ModuleType) -> list[SteeringModel]:
    """The models a plugin module returns from `kommunemodel_models`, through a fresh plugin manager."""
    manager = plugin_manager_with(plugin)
    called = manager.call("kommunemodel_models")
    assert not called.failures, "; ".join(map(str, called.failures))
    models = [model for _name, result in called.results for model in result or ()]
    return models


def plugin_rules(plugin: ModuleType) -> RuleSet:
    """The rules a check runs with only the core and this plugin installed; fails on any plugin error."""
    return _isolated(plugin)[1]


def _own_rules(plugin: ModuleType) -> tuple[str, list[Rule]]:
    """The name the plugin is registered under, and the rules it registers itself, in code order."""
    manager, rules = _isolated(plugin)
    name = manager.get_name(plugin)
    assert name is not None, f"{plugin.__name__} is not registered"
    return name, [rule for rule in rules if rules.origin[rule.code] == name]


# ---------------------------------------------------------------- models


def unsourced_facts(model: SteeringModel) -> list[str]:
    """The paths of every fact that carries no source."""
    return [format_path(path) for path, fact in facts(model) if getattr(fact, "source", None) is None]


def assert_conformant(plugin: ModuleType) -> list[SteeringModel]:
    """Fail unless every model of the plugin is coherent, fully cited and survives TOML and JSON round trips."""
    models = plugin_models(plugin)
    assert models, f"{plugin.__name__} provides no model"
    for model in models:
        assert problems(model) == [], f"{model.id}: integrity problems {problems(model)}"
        missing = unsourced_facts(model)
        assert missing == [], f"{model.id}: facts without a source: {', '.join(missing)}"
        assert loads_model(dumps_toml(model)) == model, f"{model.id}: TOML round trip changed the model"
        from_json = make_converter().structure(json.loads(dumps_json(model)), SteeringModel)
        assert from_json == model, f"{model.id}: JSON round trip changed the model"
    return models


def walk_strings(value: Any) -> Iterator[str]:
    """Every string inside a model object, for checks such as "no named persons"."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk_strings(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from walk_strings(getattr(value, field.name))


def timing(value: object) -> Timing:
    """The timing itself, failing where the model says `not_described` or nothing."""
    assert isinstance(value, Timing), value
    return value


def described_fields(value: Any) -> list[str]:
    """The fields of a model object that may say `not_described` but say something else: [] invents nothing."""
    return [
        field.name
        for field in attrs.fields(type(value))
        if field.default is NOT_DESCRIBED and getattr(value, field.name) is not NOT_DESCRIBED
    ]


# ---------------------------------------------------------------- year files and findings


def edit(text: str, old: str, new: str) -> str:
    """`text` with its one occurrence of `old` replaced; fails unless `old` occurs exactly once."""
    assert text.count(old) == 1, f"expected exactly one {old!r}, found {text.count(old)}"
    return text.replace(old, new)


def check_year_text(plugin: ModuleType, text: str, select: str = "") -> Report:
    """Check a year file's text against the plugin's model it names; `select` as `--select` ("" runs every rule)."""
    from .rules import Selection, check_year
    from .year import read_year

    _manager, rules = _isolated(plugin)
    year, source = read_year(text, "year.toml")
    models = {model.id: model for model in plugin_models(plugin)}
    assert year.model in models, f"the year names model {year.model!r}; {plugin.__name__} provides {sorted(models)}"
    selection = Selection.parse([select] if select else [], [], rules)
    report = check_year(year, models[year.model], rules, source, selection)
    assert report.crashes == (), "; ".join(map(str, report.crashes))
    return report


def findings(report: Report) -> list[tuple[str, str, str]]:
    """(code, severity, TOML path) of each finding, in the report's order."""
    return [(finding.code, finding.severity.value, finding.location) for finding in report.findings]


# ---------------------------------------------------------------- the example year


def planted_findings(text: str) -> list[tuple[str, int]]:
    """(code, line) of each finding the file's `# planted: CODE[, CODE…]` comments announce, sorted."""
    return sorted(
        (code.strip(), number)
        for number, line in enumerate(text.splitlines(), start=1)
        for match in PLANTED.finditer(line)
        for code in match[1].split(",")
    )


def _difference(reported: list[tuple[str, int]], planted: list[tuple[str, int]]) -> str:
    """What a report gives beyond the planted findings, and what it lacks of them."""
    extra, missing = Counter(reported) - Counter(planted), Counter(planted) - Counter(reported)
    return f"not planted: {sorted(extra.elements())}; planted but not reported: {sorted(missing.elements())}"


def assert_example_year(plugin: ModuleType, path: str | os.PathLike[str] | Traversable) -> Report:
    """Fail unless the year file gives exactly its planted (code, line) findings, alone and via the command line."""
    from .api import Checker
    from .cli import FINDINGS, OK
    from .rules import Severity

    file = Path(str(path))
    planted = planted_findings(file.read_text(encoding="utf-8"))
    manager, rules = _isolated(plugin)
    report = Checker(manager, rules=rules).check(file)
    assert report.crashes == (), "; ".join(map(str, report.crashes))
    reported = sorted((finding.code, finding.line or 0) for finding in report.findings)
    assert reported == planted, f"{file.name}: {_difference(reported, planted)}"
    # What a user runs, with every installed plugin, must agree: findings, waivers and exit status.
    status, out, err = run_cli("check", "--format", "json", str(file))
    assert err == "", err
    output = json.loads(out)
    shown = sorted((finding["code"], finding["line"] or 0) for finding in output["findings"])
    assert shown == planted, f"kommunemodel check {file.name}: {_difference(shown, planted)}"
    waived = sorted((finding.code, finding.location) for finding, _waiver in report.waived)
    assert sorted((entry["code"], entry["path"]) for entry in output["waived"]) == waived
    assert status == (FINDINGS if report.at_least(Severity.ERROR) else OK)
    return report


# ---------------------------------------------------------------- the command line and the docs


def run_cli(*argv: str) -> tuple[int, str, str]:
    """Run `kommunemodel *argv` in-process: (exit status, stdout, stderr)."""
    from .cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def assert_shown(model_id: str, *names: str) -> str:
    """Fail unless `kommunemodel show ID` succeeds, writes nothing to stderr and names each of `names`."""
    status, out, err = run_cli("show", model_id)
    assert (status, err) == (0, ""), (status, err)
    missing = [name for name in names if name not in out]
    assert missing == [], f"`kommunemodel show {model_id}` does not name {missing}"
    return out


def assert_rules_listed(plugin: ModuleType, prefix: str) -> list[str]:
    """Fail unless `kommunemodel rules` lists the plugin's rules in code order, as `prefix` + digits, for its models."""
    name, own = _own_rules(plugin)
    codes = [rule.code for rule in own]
    assert codes, f"{plugin.__name__} registers no rules"
    assert [code for code in codes if code.rstrip(_DIGITS) != prefix] == [], f"{codes} are not all {prefix}…"
    model_ids = {model.id for model in plugin_models(plugin)}
    for rule in own:
        assert rule.models and rule.models <= model_ids, f"{rule.code} runs for {rule.models}, not only {model_ids}"
    status, out, err = run_cli("rules", "--format", "json")
    assert (status, err) == (0, ""), (status, err)
    listed = json.loads(out)
    assert [entry["code"] for entry in listed if entry["plugin"] == name] == codes, f"{name}'s rules as listed"
    assert [entry["models"] for entry in listed if entry["plugin"] == name] == [sorted(r.models or ()) for r in own]
    others = [entry["code"] for entry in listed if entry["plugin"] != name and entry["code"].rstrip(_DIGITS) == prefix]
    assert others == [], f"the prefix {prefix} is also used by {others}"
    status, out, err = run_cli("rules")
    assert (status, err) == (0, ""), (status, err)
    in_table = [
        line.split()[0] for line in out.splitlines() if line.split() and line.split()[0].rstrip(_DIGITS) == prefix
    ]
    assert in_table == codes, f"`kommunemodel rules` lists {in_table}"
    return codes


def assert_rule_explained(code: str, *, citing: str) -> str:
    """Fail unless `kommunemodel rule CODE` gives the rule's four sections, its *Why it matters* citing `citing`."""
    from .rules import SECTIONS

    status, out, err = run_cli("rule", code.lower())
    assert (status, err) == (0, ""), (status, err)
    assert out.startswith(f"# {code} "), out.splitlines()[:1]
    assert re.findall(r"^## (.+)$", out, flags=re.MULTILINE) == list(SECTIONS)
    why = " ".join(out.split("## Why it matters", 1)[1].split("## Example", 1)[0].split())
    assert citing in why, f"{code}: 'Why it matters' does not cite {citing!r}: {why}"
    return out


def assert_rules_in_readme(plugin: ModuleType, readme: str) -> None:
    """Fail unless the README's rule table has a row `| CODE | `slug` | severity |` for each of the plugin's rules."""
    missing = [
        rule.code
        for rule in _own_rules(plugin)[1]
        if not re.search(
            rf"^\| {rule.code} \| `{re.escape(rule.slug)}` \| {rule.severity.value}(?: \([^|\n]*\))? \|",
            readme,
            flags=re.MULTILINE,
        )
    ]
    assert missing == [], f"the README has no row `| CODE | `slug` | severity |` for {missing}"


# ---------------------------------------------------------------- fixtures


@pytest.fixture
def plugin_manager() -> PluginManager:
    """A fresh plugin manager with only the built-in plugins; register test plugins on it inline."""
    return get_plugin_manager(load_entry_points=False)
