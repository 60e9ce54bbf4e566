"""The conformance kit: the base class and each helper pass on what a plugin gets right, fail on what it gets wrong."""

from __future__ import annotations

import importlib
import subprocess
import sys
import types
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files
from pathlib import Path

import pluggy
import pytest
import tomli

import kommunemodel_hvidovre
from kommunemodel import hookimpl
from kommunemodel.errors import UnknownRuleError
from kommunemodel.io import loads_model
from kommunemodel.model import NOT_DESCRIBED, BudgetRules, SteeringModel, Timing
from kommunemodel.plugins import DEFAULT_PLUGINS
from kommunemodel.rules import Finding, Rule, Severity, Subject, SubjectKind
from kommunemodel.rules.base import Check
from kommunemodel.scaffold import new_plugin
from kommunemodel.testing import (
    PluginConformance,
    assert_conformant,
    assert_example_year,
    assert_rule_explained,
    assert_rules_in_readme,
    assert_rules_listed,
    assert_shown,
    check_year_text,
    described_fields,
    edit,
    findings,
    merge_fragment,
    planted_findings,
    plugin_manager_with,
    plugin_models,
    plugin_rules,
    run_cli,
    timing,
    year_checker,
)
from kommunemodel_hvidovre.rules import RULES as HVIDOVRE_RULES

from .checks import MODEL, YEAR

TESTBY = loads_model(MODEL)
#: The clean year of the rule tests, naming Testby by id as a plugin's year does.
TESTBY_YEAR = edit(YEAR, 'model = "model.toml"', 'model = "testby"')
HVIDOVRE_EXAMPLE = files("kommunemodel_hvidovre") / "examples" / "year-2018.toml"
HVIDOVRE_README = Path(kommunemodel_hvidovre.__file__).parents[2] / "README.md"
EXPLANATION = """\
## What it checks
No meeting has `note = "cancelled"`.

## Why it matters
A cancelled meeting was not held (Testby Kommunes styringsmodel §2).

## Example
`{ body = "h_med", date = 2024-12-12, note = "cancelled" }`

## Use instead
Leave the meeting out."""


def cancelled_meetings(self: Rule, subject: Subject) -> Iterator[Finding]:
    assert subject.year is not None
    for index, meeting in enumerate(subject.year.meetings):
        if meeting.note == "cancelled":
            yield self.finding(("meetings", index, "note"), f"{meeting.held!r} on {meeting.date} was cancelled")


def cancelled_meeting_rule(
    code: str = "TST001", models: Iterable[str] | None = ("testby",), check: Check = cancelled_meetings
) -> Rule:
    """A year rule of Testby's: a meeting the file records as cancelled is an error."""
    return Rule(
        code=code,
        slug="cancelled-meeting",
        severity=Severity.ERROR,
        summary="A meeting the file records as cancelled.",
        explanation=EXPLANATION,
        subject=SubjectKind.YEAR,
        check=check,
        models=None if models is None else frozenset(models),
    )


def inline_plugin(
    name: str = "kommunemodel_testby",
    models: Iterable[SteeringModel] = (TESTBY,),
    rules: Iterable[Rule] = (cancelled_meeting_rule(),),
) -> types.ModuleType:
    """A plugin module defined here, installed nowhere."""
    module = types.ModuleType(name)
    module.kommunemodel_models = hookimpl(lambda: list(models))  # type: ignore[attr-defined]
    module.kommunemodel_rules = hookimpl(lambda: list(rules))  # type: ignore[attr-defined]
    return module


def cancel(text: str, date: str) -> str:
    """The year with the h_med meeting of `date` recorded as cancelled."""
    return edit(
        text, f'{{ body = "h_med", date = {date} }}', f'{{ body = "h_med", date = {date}, note = "cancelled" }}'
    )


# ---------------------------------------------------------------- one plugin on its own


def test_a_plugin_manager_with_the_core_and_the_plugin_only() -> None:
    plugin = inline_plugin()
    manager = plugin_manager_with(plugin)
    assert {name for name, _plugin in manager.list_name_plugin()} == {*DEFAULT_PLUGINS, "kommunemodel_testby"}
    assert manager.get_plugin("kommunemodel_testby") is plugin
    assert manager.get_plugin("hvidovre") is None  # installed, and still left out


def test_an_installed_plugin_is_registered_under_its_entry_point_name() -> None:
    manager = plugin_manager_with(kommunemodel_hvidovre)
    assert manager.get_name(kommunemodel_hvidovre) == "hvidovre"
    assert manager.describe("hvidovre") == "kommunemodel-hvidovre[hvidovre]"
    assert plugin_rules(kommunemodel_hvidovre).origin["HVI002"] == "hvidovre"  # as `kommunemodel rules` says


def test_a_misspelled_hook_fails_as_it_does_when_loaded() -> None:
    misspelt = types.ModuleType("kommunemodel_misspelt")
    misspelt.kommunemodel_modles = hookimpl(lambda: [])  # type: ignore[attr-defined]
    with pytest.raises(pluggy.PluginValidationError, match="kommunemodel_modles"):
        plugin_manager_with(misspelt)


def test_plugin_models_and_a_failing_models_hook() -> None:
    assert plugin_models(inline_plugin()) == [TESTBY]
    broken = types.ModuleType("kommunemodel_broken")
    broken.kommunemodel_models = hookimpl(lambda: 1 / 0)  # type: ignore[attr-defined]
    with pytest.raises(AssertionError, match=r"kommunemodel_broken.*ZeroDivisionError"):
        plugin_models(broken)


def test_plugin_rules_are_the_cores_and_the_plugins() -> None:
    rules = plugin_rules(inline_plugin())
    assert rules.origin["TST001"] == "kommunemodel_testby"
    assert "KM101" in rules and "KM410" in rules
    assert "HVI002" not in rules  # installed, and still left out


def test_plugin_rules_fail_on_a_rule_the_plugin_cannot_register() -> None:
    with pytest.raises(AssertionError, match=r"KM901.*prefix KM, which is the core's"):
        plugin_rules(inline_plugin(rules=[cancelled_meeting_rule("KM901")]))


def test_assert_conformant_returns_the_models_and_fails_without_one() -> None:
    assert assert_conformant(inline_plugin()) == [TESTBY]
    with pytest.raises(AssertionError, match="kommunemodel_empty provides no model"):
        assert_conformant(inline_plugin("kommunemodel_empty", models=()))


# ---------------------------------------------------------------- year files and findings


def test_check_year_text_runs_the_cores_rules_and_the_plugins() -> None:
    plugin = inline_plugin()
    assert findings(check_year_text(plugin, TESTBY_YEAR)) == []
    cancelled = cancel(TESTBY_YEAR, "2024-03-28")
    report = check_year_text(plugin, cancelled)
    assert findings(report) == [("TST001", "error", "meetings[7].note")]
    assert (
        report.findings[0].line
        == cancelled.splitlines().index('  { body = "h_med", date = 2024-03-28, note = "cancelled" },') + 1
    )
    # KM410 counts the h_med meetings: a cancelled meeting, recorded, still counts; taking one out is seen.
    one_short = edit(TESTBY_YEAR, '  { body = "h_med", date = 2024-12-12 },\n', "")
    assert [code for code, _severity, _path in findings(check_year_text(plugin, one_short))] == ["KM410"]


def test_check_year_text_selects_as_the_command_line_does() -> None:
    plugin, cancelled = inline_plugin(), cancel(TESTBY_YEAR, "2024-03-28")
    assert findings(check_year_text(plugin, cancelled, "KM")) == []
    assert findings(check_year_text(plugin, cancelled, "KM4,TST")) == [("TST001", "error", "meetings[7].note")]
    with pytest.raises(UnknownRuleError):
        check_year_text(plugin, cancelled, "TTS")


def test_check_year_text_fails_on_a_model_the_plugin_lacks_and_on_a_crash() -> None:
    with pytest.raises(AssertionError, match=r"names model 'model.toml'; kommunemodel_testby provides \['testby'\]"):
        check_year_text(inline_plugin(), YEAR)

    def crash(self: Rule, subject: Subject) -> Iterator[Finding]:
        raise RuntimeError("a bug in the rule")

    crashing = inline_plugin(rules=[cancelled_meeting_rule("TST002", check=crash)])
    with pytest.raises(AssertionError, match=r"TST002.*a bug in the rule"):
        check_year_text(crashing, TESTBY_YEAR)


def test_year_checker_is_check_year_text_for_one_plugin() -> None:
    check = year_checker(inline_plugin())
    cancelled = cancel(TESTBY_YEAR, "2024-03-28")
    assert findings(check(cancelled)) == findings(check_year_text(inline_plugin(), cancelled))
    assert findings(check(cancelled, "KM")) == []


def test_edit_replaces_the_one_occurrence_and_fails_otherwise() -> None:
    assert edit("a = 1\nb = 2\n", "b = 2", "b = 3") == "a = 1\nb = 3\n"
    with pytest.raises(AssertionError, match="expected exactly one 'c = 3', found 0"):
        edit("a = 1\nb = 2\n", "c = 3", "")
    with pytest.raises(AssertionError, match="found 2"):
        edit("a = 1\na = 1\n", "a = 1", "")


# ---------------------------------------------------------------- the example year


def test_planted_comments_are_read_with_several_codes() -> None:
    assert planted_findings("a = 1  # planted: HEL001, HEL002 moved\n# planted: nothing\nb = 2 # planted: KM406\n") == [
        ("HEL001", 1),
        ("HEL002", 1),
        ("KM406", 3),
    ]


def test_planted_comments_are_read_however_spaced_and_sorted() -> None:
    text = 'x = 1  #planted:KM410\n# "planted:" comments name codes\ny = 2  # planted: ISH001  # planted: KM410\n'
    assert planted_findings(text) == [("ISH001", 3), ("KM410", 1), ("KM410", 3)]
    assert planted_findings("# planted: km410 in lower case is not a code\n") == []


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of Hvidovre's example year, to edit."""
    copy = tmp_path / "year-2018.toml"
    copy.write_text(HVIDOVRE_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


def test_assert_example_year_returns_the_report_of_the_planted_findings(example: Path) -> None:
    report = assert_example_year(kommunemodel_hvidovre, example)
    planted = planted_findings(example.read_text(encoding="utf-8"))
    assert len(planted) == 7
    assert sorted((finding.code, finding.line) for finding in report.findings) == planted


def test_assert_example_year_fails_on_a_finding_not_planted(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_text(edit(text, "  # planted: HVI004 approved before the dialogue meetings of April and May", ""))
    with pytest.raises(AssertionError, match=r"not planted: \[\('HVI004', 133\)\]; planted but not reported: \[\]"):
        assert_example_year(kommunemodel_hvidovre, example)


def test_assert_example_year_fails_on_a_planted_finding_not_reported(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_text(edit(text, "year = 2018\n", "year = 2018  # planted: HVI003\n"), encoding="utf-8")
    line = text.splitlines().index("year = 2018") + 1
    with pytest.raises(AssertionError, match=rf"not planted: \[\]; planted but not reported: \[\('HVI003', {line}\)\]"):
        assert_example_year(kommunemodel_hvidovre, example)


def test_assert_example_year_fails_when_the_command_line_disagrees(example: Path) -> None:
    # Alone, a plugin without HVI004 gives the planted findings less HVI004's; installed, Hvidovre reports it too.
    without_hvi004 = inline_plugin(
        "kommunemodel_hvidovre_in_part",
        models=plugin_models(kommunemodel_hvidovre),
        rules=[item for item in HVIDOVRE_RULES if item.code != "HVI004"],
    )
    text = example.read_text(encoding="utf-8")
    example.write_text(edit(text, "  # planted: HVI004 approved before the dialogue meetings of April and May", ""))
    with pytest.raises(AssertionError, match=r"kommunemodel check year-2018.toml: not planted: \[\('HVI004', 133\)\]"):
        assert_example_year(without_hvi004, example)


# ---------------------------------------------------------------- the command line and the docs


def test_run_cli_gives_status_stdout_and_stderr() -> None:
    status, out, err = run_cli("rule", "km412")
    assert (status, out.splitlines()[0], err) == (0, "# KM412 repayment-plan-missing (error, checks year)", "")
    assert run_cli("rule", "xx999") == (
        2,
        "",
        "kommunemodel: no rule has the code 'xx999' (see `kommunemodel rules`)\n",
    )


def test_assert_shown_fails_on_a_name_the_summary_lacks_or_an_unknown_model() -> None:
    assert "Hvidovre Kommune" in assert_shown("hvidovre", "Hvidovre Kommune")
    with pytest.raises(AssertionError, match=r"does not name \['Helsingør Kommune'\]"):
        assert_shown("hvidovre", "Hvidovre Kommune", "Helsingør Kommune")
    with pytest.raises(AssertionError, match="no model"):
        assert_shown("nowhere")


def test_assert_rules_listed_returns_the_codes_of_an_installed_plugin() -> None:
    assert assert_rules_listed(kommunemodel_hvidovre, "HVI") == ["HVI002", "HVI003", "HVI004"]
    with pytest.raises(AssertionError, match="are not all HV…"):
        assert_rules_listed(kommunemodel_hvidovre, "HV")


def test_assert_rules_listed_fails_on_mixed_prefixes_or_a_rule_for_every_model() -> None:
    with pytest.raises(AssertionError, match=r"\['TST001', 'TSX002'\] are not all TST…"):
        assert_rules_listed(inline_plugin(rules=[cancelled_meeting_rule(), cancelled_meeting_rule("TSX002")]), "TST")
    with pytest.raises(AssertionError, match=r"TST001 runs for .*'other'.*, not only \{'testby'\}"):
        assert_rules_listed(inline_plugin(rules=[cancelled_meeting_rule(models=("testby", "other"))]), "TST")
    with pytest.raises(AssertionError, match="kommunemodel_testby registers no rules"):
        assert_rules_listed(inline_plugin(rules=[]), "TST")


def test_assert_rules_listed_fails_for_a_plugin_the_command_line_does_not_list() -> None:
    with pytest.raises(AssertionError, match="kommunemodel_testby's rules as listed"):
        assert_rules_listed(inline_plugin(), "TST")


def test_assert_rule_explained_looks_for_the_citation_in_why_it_matters() -> None:
    text = assert_rule_explained("HVI003", citing="Hvidovre Kommune, Dialogbaseret styringsmodel 2018–2021")
    assert text.startswith("# HVI003 goal-status-missing")
    # KM407 is named under "What it checks", not as the source of the rule.
    with pytest.raises(AssertionError, match="HVI003: 'Why it matters' does not cite 'KM407'"):
        assert_rule_explained("HVI003", citing="KM407")


def test_assert_rules_in_readme_wants_a_row_with_slug_and_severity() -> None:
    plugin = inline_plugin()
    assert_rules_in_readme(plugin, "| code | slug |\n| TST001 | `cancelled-meeting` | error | a meeting was held |\n")
    assert_rules_in_readme(plugin, "| TST001 | `cancelled-meeting` | error (a warning in July) | held |\n")
    for readme in (
        "| TST001 | `cancelled-meeting` | warning | held |\n",
        "| TST001 | `cancelled` | error | held |\n",
        "TST001 reports a cancelled meeting, | TST001 | `cancelled-meeting` | error |\n",
    ):
        with pytest.raises(AssertionError, match=r"no row .* for \['TST001'\]"):
            assert_rules_in_readme(plugin, readme)
    assert_rules_in_readme(kommunemodel_hvidovre, HVIDOVRE_README.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- models


def test_timing_fails_where_the_model_says_not_described() -> None:
    every_year = Timing(every_years=1)
    assert timing(every_year) is every_year
    with pytest.raises(AssertionError):
        timing(NOT_DESCRIBED)
    with pytest.raises(AssertionError):
        timing(None)


def test_described_fields_names_what_may_be_unknown_and_is_not() -> None:
    assert described_fields(BudgetRules()) == []
    assert described_fields(BudgetRules(adoption_deadline="10-15", description="text")) == ["adoption_deadline"]
    assert described_fields(TESTBY.budget) == ["carry_over", "thresholds"]


# ---------------------------------------------------------------- the base class


@pytest.fixture
def scaffolded(tmp_path: Path) -> Iterator[Callable[..., tuple[types.ModuleType, Path]]]:
    """Make a plugin with `kommunemodel new`, edit its files, and import it (not installed) under a fresh name."""
    made: list[str] = []

    def make(edits: dict[str, tuple[str, str]] | None = None) -> tuple[types.ModuleType, Path]:
        plugin_id = f"kit{len(made)}"
        scaffold = new_plugin(plugin_id, "Kitby Kommune", tmp_path, prefix="KIT", source_title="Kitby styringsmodel")
        for file, (old, new) in (edits or {}).items():
            path = scaffold.root / file.replace("PACKAGE", f"kommunemodel_{plugin_id}")
            path.write_text(edit(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
        sys.path.insert(0, str(scaffold.root / "src"))
        made.append(f"kommunemodel_{plugin_id}")
        return importlib.import_module(f"kommunemodel_{plugin_id}"), scaffold.root

    yield make
    for name in made:
        for module in [key for key in sys.modules if key == name or key.startswith(name + ".")]:
            del sys.modules[module]
    sys.path[:] = [entry for entry in sys.path if not entry.startswith(str(tmp_path))]


def conformance(plugin: types.ModuleType, **settings: object) -> PluginConformance:
    """An instance of a subclass of the kit's base class, as a plugin's test module declares one."""
    attributes = {"plugin": plugin, "prefix": "KIT", "model_findings": {plugin.__name__[13:]: {"KIT001": 1}}}
    return type("TestConformance", (PluginConformance,), {**attributes, **settings})()


#: The standard checks that need no installed plugin (the command-line one does).
OFFLINE = [
    name
    for name in dir(PluginConformance)
    if name.startswith("test_") and name != "test_the_command_line_lists_and_shows_it"
]


def test_the_base_class_passes_a_freshly_scaffolded_plugin(
    scaffolded: Callable[..., tuple[types.ModuleType, Path]],
) -> None:
    plugin, _root = scaffolded()
    kit = conformance(plugin)
    assert len(OFFLINE) == 12
    for name in OFFLINE:
        if name == "test_the_readmes_table_of_planted_findings_is_the_example_years":
            with pytest.raises(pytest.skip.Exception):  # the scaffold's README has no such table
                getattr(kit, name)()
            continue
        getattr(kit, name)()


def test_the_command_line_check_wants_the_plugin_installed(
    scaffolded: Callable[..., tuple[types.ModuleType, Path]],
) -> None:
    plugin, _root = scaffolded()
    with pytest.raises(AssertionError, match=r"kommunemodel_kit0 is not installed: pip install -e"):
        conformance(plugin).test_the_command_line_lists_and_shows_it()


@pytest.mark.parametrize(
    ("edits", "settings", "check", "message"),
    [
        (
            {},
            {"model_findings": {}},
            "test_models_check_clean_or_with_the_declared_findings",
            r"gives \{'KIT001': 1\}, declared \{\}",
        ),
        (
            {
                "src/PACKAGE/model.toml": (
                    'carry_over = "not_described"\nsource = "styringsmodel"',
                    'carry_over = "not_described"\nsource = "vedtaegt §2"',
                )
            },
            {},
            "test_every_fact_is_cited_to_a_declared_source",
            r"cites source 'vedtaegt', which is not listed under \[\[sources\]\] @ budget.source",
        ),
        ({}, {"prefix": "KAT"}, "test_rule_codes_carry_the_prefix", r"\['KIT001'\] do not carry the prefix KAT"),
        ({}, {"prefix": "HVI"}, "test_rule_codes_carry_the_prefix", r"do not carry the prefix HVI"),
        ({}, {"citing": "Kitby vedtægt"}, "test_rules_document_themselves", r"KIT001: 'Why it matters' cites none of"),
        (
            {
                "src/PACKAGE/rules.py": (
                    '    title = "Kitby styringsmodel"\n    ```\n\n    ## Use',
                    '    title = "Kitby styringsmodel"\n    edition = "1"\n    ```\n\n    ## Use',
                )
            },
            {},
            "test_each_rule_example_triggers_it_and_use_instead_does_not",
            r"KIT001: its 'Example' does not give a KIT001 finding",
        ),
        (
            {"src/PACKAGE/rules.py": ('    date = "2019-06-24"\n', '    note = "undated"\n')},
            {},
            "test_each_rule_example_triggers_it_and_use_instead_does_not",
            r"KIT001: its 'Use instead' gives a KIT001 finding",
        ),
        (
            {
                "src/PACKAGE/rules.py": (
                    '@rule("KIT001", "source-undated", Severity.WARNING, subject=SubjectKind.MODEL)',
                    '@rule("KIT001", "source-undated", Severity.WARNING, subject=SubjectKind.MODEL, '
                    'models={"kit0", "helsingoer"})',
                )
            },
            {},
            "test_rules_run_for_the_plugins_own_models",
            r"KIT001 runs for \['helsingoer', 'kit0'\], not only \['kit0'\]",
        ),
        (
            {"README.md": ("| KIT001 | `source-undated` | warning |", "| KIT001 | `source-undated` | error |")},
            {},
            "test_the_readme_lists_every_rule_and_retired_code",
            r"no row .* for \['KIT001'\]",
        ),
        (
            {"src/PACKAGE/examples/year-2026.toml": ("# INVENTED EXAMPLE DATA.", "# Example data.")},
            {},
            "test_example_years_give_exactly_their_planted_findings",
            r"year-2026.toml does not say it is invented data",
        ),
        (
            {
                "src/PACKAGE/examples/year-2026.toml": (
                    "year = 2026\n",
                    'year = 2026\nunits = [{ id = "skolen", name = "Skolen", level = "enhed" }]\n',
                )
            },
            {},
            "test_example_years_give_exactly_their_planted_findings",
            r"not planted: \[\('KM401', \d+\)\]",
        ),
    ],
)
def test_the_base_class_fails_on_what_a_plugin_gets_wrong(
    scaffolded: Callable[..., tuple[types.ModuleType, Path]],
    edits: dict[str, tuple[str, str]],
    settings: dict[str, object],
    check: str,
    message: str,
) -> None:
    plugin, _root = scaffolded(edits)
    with pytest.raises(AssertionError, match=message):
        getattr(conformance(plugin, **settings), check)()


def test_merge_fragment_replaces_keys_at_the_top_level_or_in_a_table() -> None:
    base = 'year = 2024\nmeetings = [{ body = "a", date = 2024-01-02 }]\n\n[[agreements]]\nunit = "x"\ngoals = []\n'
    merged = tomli.loads(merge_fragment(base, 'meetings = [{ body = "b", date = 2024-02-03 }]'))
    assert [meeting["body"] for meeting in merged["meetings"]] == ["b"] and merged["year"] == 2024
    inside = tomli.loads(merge_fragment(base, 'goals = [{ title = "t" }]', "agreements[0]"))
    assert inside["agreements"] == [{"unit": "x", "goals": [{"title": "t"}]}]


def test_an_unrelated_pytest_run_does_not_import_kommunemodel(tmp_path: Path) -> None:
    # The kit's pytest plugin is opt-in (no pytest11 entry point): other projects' tests never load the project.
    (tmp_path / "test_other.py").write_text(
        "import sys\n\n\ndef test_nothing_of_kommunemodel():\n    assert 'kommunemodel' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout
    with_kit = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "kommunemodel.testing", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert with_kit.returncode == 1 and "1 failed" in with_kit.stdout  # opted in, the kit (and so the project) loads
