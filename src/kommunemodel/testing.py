"""The conformance kit every municipality plugin runs: a base class of standard checks, and plain helpers.

A plugin's tests subclass ``PluginConformance`` with the plugin module and its rule prefix; pytest then runs the
standard checks (models, citations, ids, rule codes and docs, each rule's *Example* and *Use instead*, the example
years' planted findings, the README, the command line). The helpers (``check_year_text``, ``findings``, ``edit``…)
serve the plugin's own tests of its rules and facts. Each isolates the plugin: a fresh plugin manager holds the
core and that plugin only, whatever else is installed; those that run the command line see every installed
plugin, as a user does.

As a pytest plugin (the ``plugin_manager`` fixture) it is opt-in: ``-p kommunemodel.testing`` on the command line
or in ``addopts``, so an unrelated pytest run in the same environment never imports kommunemodel.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.metadata import EntryPoint, entry_points
from importlib.resources.abc import Traversable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

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
    "PluginConformance",
    "assert_conformant",
    "assert_example_year",
    "assert_rule_explained",
    "assert_rules_in_readme",
    "assert_rules_listed",
    "assert_shown",
    "check_model_text",
    "check_year_text",
    "described_fields",
    "edit",
    "findings",
    "merge_fragment",
    "model_fixture",
    "packaged_model_text",
    "planted_findings",
    "plugin_manager_with",
    "plugin_models",
    "plugin_rules",
    "rule_fragments",
    "rules_fixture",
    "run_cli",
    "timing",
    "unsourced_facts",
    "walk_strings",
    "year_checker",
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


def _seen_by_the_command_line(plugin: ModuleType) -> bool:
    """Whether `kommunemodel` as a user runs it sees this plugin: installed, or its models provided by one that is."""
    from .api import catalogue

    if _entry_point(plugin) is not None:
        return True
    installed = set(catalogue(get_plugin_manager()).ids())
    return all(model.id in installed for model in plugin_models(plugin))


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


def packaged_model_text(plugin: ModuleType, resource: str = "model.toml") -> str:
    """The text of the model file a plugin ships in its package; fails if there is none."""
    from .io.resources import packaged_text

    found = packaged_text(plugin.__name__, resource)
    assert found is not None, f"{plugin.__name__} ships no {resource}"
    return found[1]


def check_model_text(plugin: ModuleType, text: str, select: str = "") -> Report:
    """Check a model file's text with the core's rules and the plugin's; `select` as `--select` ("" runs all)."""
    from .io.load import read_model
    from .rules import Selection, check_model

    _manager, rules = _isolated(plugin)
    model, source = read_model(text, "model.toml")
    report = check_model(model, rules, source, Selection.parse([select] if select else [], [], rules))
    assert report.crashes == (), "; ".join(map(str, report.crashes))
    return report


def year_checker(plugin: ModuleType) -> Callable[..., Report]:
    """`check(text, select="")`: `check_year_text` for one plugin, so a test module writes `check = year_checker(…)`."""

    def check(text: str, select: str = "") -> Report:
        return check_year_text(plugin, text, select)

    return check


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
    """Fail unless the year file gives exactly its planted (code, line) findings, alone and via the command line.

    The command line is asked only where the plugin is installed (it cannot see one that is not).
    """
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
    if not _seen_by_the_command_line(plugin):
        return report  # not installed: the command line cannot see it (the kit's command-line check says so)
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


# ---------------------------------------------------------------- the base class


#: A fenced TOML block in a rule's *Example* or *Use instead*.
_TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.DOTALL)
_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def rule_fragments(rule: Rule, section: str) -> list[str]:
    """The TOML blocks of one section of a rule's explanation, dedented."""
    import textwrap

    return [textwrap.dedent(block) for block in _TOML_BLOCK.findall(rule.section(section))]


def merge_fragment(base: str, fragment: str, at: str = "") -> str:
    """The file `base` with the TOML `fragment` written into it: at the top level, or into the table `at`.

    Each key of the fragment replaces the key of the same name (a list of tables as a whole): an *Example* is
    read as "the clean file, but with this". `at` is a TOML path such as `agreements[0]`.
    """
    import tomli
    import tomli_w

    table = tomli.loads(base)
    target: Any = table
    for step in filter(None, at.split(".")):
        match = _STEP.fullmatch(step)
        assert match is not None, f"not a TOML path: {at!r}"
        target = target[match[1]]
        if match[2] is not None:
            target = target[int(match[2])]
    target.update(tomli.loads(fragment))
    return tomli_w.dumps(table)


class PluginConformance:
    """The standard checks of a municipality plugin: subclass it in the plugin's tests as ``TestConformance``.

    Set ``plugin`` (the module the entry point loads) and ``prefix`` (its rule codes' prefix, ``"HEL"``); the rest
    has defaults. Each ``test_…`` method is one check pytest runs for the subclass.
    """

    #: The plugin module, as the entry point loads it.
    plugin: ModuleType
    #: The prefix of the plugin's rule codes: two to four capitals.
    prefix: str
    #: What checking each packaged model gives, as {model id: {code: count}}; a model not named checks clean.
    model_findings: ClassVar[Mapping[str, Mapping[str, int]]] = {}
    #: The example year files; None: every ``examples/*.toml`` the package ships.
    examples: ClassVar[Sequence[str | os.PathLike[str] | Traversable] | None] = None
    #: A year file's text that no rule of the plugin reports on: the base a year rule's *Example* and *Use
    #: instead* are written into. None: the first example year without planted findings.
    clean_year: ClassVar[str | None] = None
    #: Where a rule's example goes in the base file, by code (``{"HEL004": "agreements[0]"}``); else the top level.
    example_paths: ClassVar[Mapping[str, str]] = {}
    #: Rules whose *Example* cannot be checked by writing it into the base file, with why (``{"XYZ001": "…"}``).
    examples_not_checked: ClassVar[Mapping[str, str]] = {}
    #: Text each rule's *Why it matters* must hold; None: the title of one of the model's sources.
    citing: ClassVar[str | None] = None
    #: The plugin's README; None: ``README.md`` of the distribution's folder, where the package is under ``src/``.
    readme: ClassVar[str | os.PathLike[str] | None] = None

    # -- what the checks read

    def _models(self) -> list[SteeringModel]:
        return plugin_models(self.plugin)

    def _own_rules(self) -> list[Rule]:
        return _own_rules(self.plugin)[1]

    def _example_files(self) -> list[Path]:
        if self.examples is not None:
            return [Path(str(example)) for example in self.examples]
        from importlib.resources import files

        folder = files(self.plugin.__name__) / "examples"
        if not folder.is_dir():
            return []
        return sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith(".toml"))

    def _readme(self) -> Path | None:
        if self.readme is not None:
            return Path(self.readme)
        package = Path(str(self.plugin.__file__)).parent
        candidate = package.parents[1] / "README.md" if package.parent.name == "src" else None
        return candidate if candidate is not None and candidate.is_file() else None

    def _base_year(self) -> str:
        if self.clean_year is not None:
            return self.clean_year
        for file in self._example_files():
            text = file.read_text(encoding="utf-8")
            if not planted_findings(text) and "kommunemodel-year/1" in text:
                return text
        raise AssertionError("set clean_year: a year file no rule of the plugin reports on, for the rules' examples")

    # -- the models

    def test_models_load_from_the_packaged_file(self) -> None:
        """The plugin's model is the one its packaged model.toml describes, read as a user's file would be."""
        models = self._models()
        assert models, f"{self.plugin.__name__} provides no model"
        packaged = loads_model(packaged_model_text(self.plugin))
        assert packaged in models, f"no model of {self.plugin.__name__} is the one its model.toml describes"

    def test_models_are_coherent_and_round_trip(self) -> None:
        """Every reference resolves, every fact has a source, and TOML and JSON round trips change nothing."""
        assert_conformant(self.plugin)

    def test_models_check_clean_or_with_the_declared_findings(self) -> None:
        """`kommunemodel check ID` gives exactly the findings `model_findings` declares (none by default)."""
        from .api import Checker

        manager, rules = _isolated(self.plugin)
        checker = Checker(manager, rules=rules)
        for model in self._models():
            report = checker.check(model.id)
            assert report.crashes == (), "; ".join(map(str, report.crashes))
            found = dict(Counter(finding.code for finding in report.findings))
            declared = self.model_findings.get(model.id, {})
            assert found == declared, f"checking {model.id} gives {found}, declared {declared}: " + "; ".join(
                f"{f.code} {f.location}: {f.message}" for f in report.findings
            )

    def test_every_fact_is_cited_to_a_declared_source(self) -> None:
        """Each citation names a `[[sources]]` entry of its model."""
        for model in self._models():
            declared = {source.id for source in model.sources}
            assert declared, f"{model.id} declares no [[sources]]"
            wrong = [
                f"{format_path(path)} cites {fact.source.source!r}"
                for path, fact in facts(model)
                if fact.source is not None and fact.source.source not in declared
            ]
            assert wrong == [], f"{model.id}: citations of undeclared sources: {wrong}"

    def test_ids_are_unique(self) -> None:
        """Sources, levels, bodies, roles, documents, events… share one namespace of ids within a model."""
        from .model.integrity import IDENTIFIED

        for model in self._models():
            ids = [item.id for collection in IDENTIFIED for item in getattr(model, collection)]
            repeated = sorted(item for item, count in Counter(ids).items() if count > 1)
            assert repeated == [], f"{model.id}: ids used more than once: {repeated}"

    # -- the rules

    def test_rule_codes_carry_the_prefix(self) -> None:
        """Every rule and retired code is the prefix and three digits, and no other installed plugin uses it."""
        from .plugins import collect_rules

        assert re.fullmatch(r"[A-Z]{2,4}", self.prefix) and self.prefix != "KM", self.prefix
        name, own = _own_rules(self.plugin)
        manager = plugin_manager_with(self.plugin)
        retired = [code for code, origin in collect_rules(manager).retired_origin.items() if origin == name]
        wrong = [code for code in [rule.code for rule in own] + retired if code.rstrip(_DIGITS) != self.prefix]
        assert wrong == [], f"{wrong} do not carry the prefix {self.prefix}"
        everyone = collect_rules(get_plugin_manager())
        others = sorted(
            code
            for table in (everyone.origin, everyone.retired_origin)
            for code, origin in table.items()
            if origin != name and code.rstrip(_DIGITS) == self.prefix
        )
        assert others == [], f"the prefix {self.prefix} is also used by {others}"

    def test_rules_document_themselves(self) -> None:
        """Each rule has a summary and the four sections, *Why it matters* citing the source, as `rule CODE` prints."""
        citing = (
            [self.citing] if self.citing else [source.title for model in self._models() for source in model.sources]
        )
        for rule in self._own_rules():
            assert rule.summary.endswith("."), f"{rule.code}: the summary is one sentence ending in '.'"
            for section in ("What it checks", "Example", "Use instead"):
                assert rule.section(section), f"{rule.code}: '{section}' is empty"
            why = " ".join(rule.section("Why it matters").split())
            assert any(text in why for text in citing), f"{rule.code}: 'Why it matters' cites none of {citing}"
            if _entry_point(self.plugin) is not None:  # what `kommunemodel rule CODE` prints, once installed
                assert_rule_explained(rule.code, citing=next(text for text in citing if text in why))

    def test_rules_run_for_the_plugins_own_models(self) -> None:
        """A rule that names no models runs for the plugin's; one that names models names only the plugin's."""
        own_models = {model.id for model in self._models()}
        for rule in self._own_rules():
            assert rule.models is not None and rule.models <= own_models, (
                f"{rule.code} runs for {sorted(rule.models or ['every model'])}, not only {sorted(own_models)}"
            )

    def test_each_rule_example_triggers_it_and_use_instead_does_not(self) -> None:
        """Each rule's *Example*, written into a clean file, gives its finding; its *Use instead* does not."""
        from .rules import SubjectKind

        problems_found = []
        for rule in self._own_rules():
            if rule.code in self.examples_not_checked:
                continue
            at = self.example_paths.get(rule.code, "")
            year = rule.subject is SubjectKind.YEAR
            base = self._base_year() if year else packaged_model_text(self.plugin)
            check = (
                (lambda text, code: check_year_text(self.plugin, text, code))
                if year
                else (lambda text, code: check_model_text(self.plugin, text, code))
            )
            for section, wanted in (("Example", True), ("Use instead", False)):
                blocks = rule_fragments(rule, section)
                if not blocks:
                    problems_found.append(f"{rule.code}: '{section}' has no ```toml block to check")
                    continue
                for block in blocks:
                    report = check(merge_fragment(base, block, at), rule.code)
                    fired = any(finding.code == rule.code for finding in report.findings)
                    if fired != wanted:
                        verb = "does not give" if wanted else "gives"
                        problems_found.append(f"{rule.code}: its '{section}' {verb} a {rule.code} finding")
        assert problems_found == [], "\n".join(problems_found)

    # -- the example years, the README and the command line

    def test_example_years_give_exactly_their_planted_findings(self) -> None:
        """Each example year reports exactly its `# planted: CODE` lines, alone and through `kommunemodel check`."""
        for file in self._example_files():
            text = file.read_text(encoding="utf-8")
            assert text.startswith("# INVENTED EXAMPLE DATA."), f"{file.name} does not say it is invented data"
            assert_example_year(self.plugin, file)

    def test_the_readme_lists_every_rule_and_retired_code(self) -> None:
        """The README has a row `| CODE | `slug` | severity |` for each rule, and names each retired code."""
        readme = self._readme()
        if readme is None:
            pytest.skip("no README.md beside the package's src/ folder; set `readme`")
        text = readme.read_text(encoding="utf-8")
        assert_rules_in_readme(self.plugin, text)
        from .plugins import collect_rules

        name = _own_rules(self.plugin)[0]
        table = collect_rules(plugin_manager_with(self.plugin))
        missing = [code for code, origin in table.retired_origin.items() if origin == name and code not in text]
        assert missing == [], f"the README does not name the retired {missing}"

    def test_the_readmes_table_of_planted_findings_is_the_example_years(self) -> None:
        """Where the README lists planted findings as rows `| LINE | CODE |`, they are the example years' own."""
        readme = self._readme()
        text = readme.read_text(encoding="utf-8") if readme is not None else ""
        listed = re.findall(r"^\| (\d+) \| ([A-Z]{2,4}[0-9]{3}) \|", text, flags=re.MULTILINE)
        if not listed:
            pytest.skip("the README has no table of planted findings")
        planted = sorted(
            found for file in self._example_files() for found in planted_findings(file.read_text(encoding="utf-8"))
        )
        assert sorted((code, int(line)) for line, code in listed) == planted, "the README's planted findings"

    def test_the_command_line_lists_and_shows_it(self) -> None:
        """`list`, `show`, `rules`, `plugins` and `compare` find the installed plugin, with nothing on stderr."""
        point = _entry_point(self.plugin)
        assert point is not None, f"{self.plugin.__name__} is not installed: pip install -e the plugin's folder"
        status, out, err = run_cli("list", "--format", "json")
        assert (status, err) == (0, ""), (status, err)
        listed = {row["id"] for row in json.loads(out)}
        models = self._models()
        assert {model.id for model in models} <= listed
        for model in models:
            assert_shown(model.id, model.name)
        if self._own_rules():
            assert_rules_listed(self.plugin, self.prefix)
        status, out, err = run_cli("plugins", "--format", "json")
        assert (status, err) == (0, ""), (status, err)
        (entry,) = [item for item in json.loads(out)["plugins"] if item["name"] == point.name]
        assert entry["status"] == "ok", entry["failures"]
        assert entry["models"] == sorted(model.id for model in models)
        from .cli import COMMAND_MODULES

        if "compare" in COMMAND_MODULES:  # the comparison takes the plugin's models like any other
            status, out, err = run_cli("compare", *(model.id for model in models), "--format", "json")
            assert (status, err) == (0, ""), (status, err)


# ---------------------------------------------------------------- fixtures


def model_fixture(plugin: ModuleType) -> Any:
    """A module-scoped fixture `model`: the plugin's one model; `model = model_fixture(plugin)` in a test module."""

    def model() -> SteeringModel:
        (only,) = plugin_models(plugin)
        return only

    return pytest.fixture(scope="module", name="model")(model)


def rules_fixture(plugin: ModuleType) -> Any:
    """A module-scoped fixture `rules`: the core's rules and the plugin's; `rules = rules_fixture(plugin)`."""

    def rules() -> RuleSet:
        return plugin_rules(plugin)

    return pytest.fixture(scope="module", name="rules")(rules)


@pytest.fixture
def plugin_manager() -> PluginManager:
    """A fresh plugin manager with only the built-in plugins; register test plugins on it inline."""
    return get_plugin_manager(load_entry_points=False)
