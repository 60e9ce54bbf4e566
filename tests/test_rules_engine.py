"""The engine: rules as data, the code table plugins register into, selection, waivers, lines, fault isolation."""

from __future__ import annotations

import re
import types
from collections.abc import Iterator

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from kommunemodel import hookimpl
from kommunemodel.errors import PluginLoadError, RuleCodeError, RuleCrashError, UnknownRuleError
from kommunemodel.io.load import read_model
from kommunemodel.model import Waiver
from kommunemodel.plugins import PluginManager, collect_rules
from kommunemodel.rules import (
    Finding,
    Rule,
    RuleSet,
    Selection,
    Severity,
    Subject,
    SubjectKind,
    check_model,
    rule,
)
from kommunemodel.rules.core import RULES
from kommunemodel.rules.waivers import covers

from .checks import DATA, MODEL, check_model_text, core_rules, edit, found
from .strategies import steering_models

SECTIONS = "## What it checks\nx\n\n## Why it matters\nx\n\n## Example\nx\n\n## Use instead\nx"


def make_rule(code: str, *, models: set[str] | None = None, flag: str = "bodies") -> Rule:
    @rule(code, "test-rule", Severity.WARNING, models=models)
    def check(self: Rule, subject: Subject) -> Iterator[Finding]:
        """A test rule that flags the first item of a collection.

        ## What it checks
        Nothing real.

        ## Why it matters
        It is a test.

        ## Example
        Any model.

        ## Use instead
        Nothing.
        """
        yield self.finding((flag, 0), f"{code} flags {flag}[0]")

    return check


def inline_plugin(name: str, rules: object) -> types.ModuleType:
    module = types.ModuleType(name)
    module.kommunemodel_rules = hookimpl(lambda: rules)  # type: ignore[attr-defined]
    return module


def test_every_core_code_matches_the_pattern_and_sits_in_its_range() -> None:
    ranges = {"0": None, "1": SubjectKind.MODEL, "2": SubjectKind.MODEL, "3": SubjectKind.MODEL, "4": SubjectKind.YEAR}
    codes = [item.code for item in RULES]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    for item in RULES:
        assert re.fullmatch(r"KM[0-4][0-9]{2}", item.code)
        assert item.subject is ranges[item.code[2]], item.code
        assert item.summary.endswith(".") and "\n" not in item.summary


def test_core_rules_register_through_the_hook(plugin_manager: PluginManager) -> None:
    rules = collect_rules(plugin_manager)
    assert rules.codes() == [item.code for item in RULES]
    assert set(rules.origin.values()) == {"kommunemodel.rules.core"}
    assert rules.errors == ()


@pytest.mark.parametrize("code", ["km101", "K101", "KMXYZ1", "KM1011", "ABCDE001"])
def test_a_code_off_the_pattern_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match="must match"):
        Rule(code, "test-rule", Severity.ERROR, "A test.", SECTIONS)


def test_a_rule_without_its_sections_is_refused() -> None:
    with pytest.raises(ValueError, match="must have the sections"):
        Rule("TST001", "test-rule", Severity.ERROR, "A test.", "## What it checks\nx\n\n## Example\nx")
    with pytest.raises(ValueError, match="lower-case words"):
        Rule("TST001", "Test_Rule", Severity.ERROR, "A test.", SECTIONS)


def test_a_plugin_rule_runs_on_its_models_only(plugin_manager: PluginManager) -> None:
    plugin_manager.register(
        inline_plugin("mine", [make_rule("TST001", models={"testby"}), make_rule("TST002", models={"other"})])
    )
    rules = collect_rules(plugin_manager)
    model, source = read_model(MODEL, "model.toml")
    report = check_model(model, rules, source, Selection.parse(["TST"], [], rules))
    assert found(report) == [("TST001", "warning", "bodies[0]")]
    assert rules.origin["TST001"] == "mine"


def test_a_code_two_plugins_claim_is_refused_for_the_second_and_the_rest_goes_on(plugin_manager: PluginManager) -> None:
    plugin_manager.register(inline_plugin("aaa", [make_rule("TST001")]))
    plugin_manager.register(inline_plugin("bbb", [make_rule("TST002"), make_rule("TST001")]))
    plugin_manager.register(inline_plugin("ccc", [make_rule("TST003")]))
    rules = collect_rules(plugin_manager)
    assert "TST001" in rules and "TST003" in rules
    assert "TST002" not in rules  # the clashing plugin is left out whole
    assert [str(error) for error in rules.errors] == [
        "plugin bbb failed in kommunemodel_rules: RuleCodeError: rule code 'TST001' is already claimed by aaa"
    ]
    assert isinstance(rules.errors[0], PluginLoadError)
    assert isinstance(rules.errors[0].original, RuleCodeError)


def test_a_plugin_cannot_take_a_core_code_even_if_it_sorts_first(plugin_manager: PluginManager) -> None:
    plugin_manager.register(inline_plugin("aaa", [make_rule("KM101")]))
    plugin_manager.register(inline_plugin("abc", [make_rule("KM999")]))
    rules = collect_rules(plugin_manager)
    assert rules.origin["KM101"] == "kommunemodel.rules.core"
    assert "KM999" not in rules
    assert [error.original.reason for error in rules.errors] == [  # type: ignore[attr-defined]
        "is already claimed by kommunemodel.rules.core",
        "uses the prefix KM, which is the core's",
    ]


def test_a_plugin_returning_junk_or_raising_is_named_and_left_out(plugin_manager: PluginManager) -> None:
    def broken() -> list[Rule]:
        raise RuntimeError("boom")

    plugin_manager.register(inline_plugin("junk", ["KM101"]))
    module = types.ModuleType("raiser")
    module.kommunemodel_rules = hookimpl(broken)  # type: ignore[attr-defined]
    plugin_manager.register(module)
    rules = collect_rules(plugin_manager)
    assert len(rules) == len(RULES)
    assert sorted(str(error) for error in rules.errors) == [
        "plugin junk failed in kommunemodel_rules: TypeError: returned str, not a Rule",
        "plugin raiser failed in kommunemodel_rules: RuntimeError: boom",
    ]


def test_a_rule_that_crashes_is_reported_and_the_others_still_run(plugin_manager: PluginManager) -> None:
    plugin_manager.register(inline_plugin("mine", [make_rule("TST001", flag="no_such_collection")]))
    crashing = attrs.evolve(make_rule("TST002"), check=lambda self, subject: iter([1 / 0]))
    plugin_manager.register(inline_plugin("other", [crashing]))
    rules = collect_rules(plugin_manager)
    model, source = read_model(MODEL, "model.toml")
    report = check_model(model, rules, source)
    assert [crash.code for crash in report.crashes] == ["TST002"]
    assert isinstance(report.crashes[0], RuleCrashError) and "ZeroDivisionError" in str(report.crashes[0])
    assert ("TST001", "warning", "no_such_collection[0]") in found(report)


def test_selection_by_prefix() -> None:
    rules = core_rules()
    selection = Selection.parse(["KM1,km2"], ["KM10", "KM205"], rules)
    assert selection.select == ("KM1", "KM2") and selection.ignore == ("KM10", "KM205")
    wanted = [code for code in rules.codes() if selection.wants(code)]
    assert wanted == ["KM201", "KM202", "KM203", "KM204"]
    with pytest.raises(UnknownRuleError, match="'KM9'"):
        Selection.parse(["KM9"], [], rules)


@pytest.mark.parametrize(
    ("path", "location", "waived"),
    [
        ("", "documents[2].owner", True),
        ("documents[2]", "documents[2].owner", True),
        ("documents[2].owner", "documents[2].owner", True),
        ("documents[2]", "documents[22].owner", False),
        ("documents", "documents[2].owner", True),
        ("documents[2].own", "documents[2].owner", False),
    ],
)
def test_a_waiver_covers_its_path_and_everything_below(path: str, location: str, waived: bool) -> None:
    finding = Finding("KM107", Severity.WARNING, "x", tuple(_parse(location)))
    assert covers(Waiver("KM107", path, "r"), finding) is waived
    assert covers(Waiver("KM108", path, "r"), finding) is False


def _parse(location: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in re.findall(r"[a-z_]+|\d+", location)]


WAIVERS = """
[[waivers]]
code = "KM106"
path = "levels[3]"
reason = "The unit level is filled by the units' own agreements (notat §2)"

[[waivers]]
code = "KM107"
path = "documents[1]"

[[waivers]]
code = "KM109"
path = "bodies[2]"
reason = "Stale: the body has a source now"

[[waivers]]
code = "KM999"
reason = "A code no rule has"

[[waivers]]
code = "KM401"
reason = "A year rule, which never runs on a model file"
"""


def waived_model() -> str:
    text = edit(MODEL, 'level = "enhed"\nreports_to = "centerchef"', 'reports_to = "centerchef"')  # KM106 at levels[3]
    text = edit(text, 'owner = "centerchef"\napprover = "direktoer"\n', "")  # KM107 twice at documents[1]
    return text + WAIVERS


def test_waivers_waive_and_waivers_are_checked_themselves() -> None:
    report = check_model_text(waived_model())
    assert found(report) == [
        ("KM001", "error", "waivers[1].reason"),
        ("KM002", "warning", "waivers[2]"),
        ("KM002", "warning", "waivers[3]"),
        ("KM002", "warning", "waivers[4]"),
    ]
    assert [(finding.code, finding.location, waiver.code) for finding, waiver in report.waived] == [
        ("KM106", "levels[3]", "KM106"),
        ("KM107", "documents[1].owner", "KM107"),
        ("KM107", "documents[1].approver", "KM107"),
    ]
    messages = [finding.message for finding in report.findings[1:]]
    assert messages == [
        "the waiver of KM109 waives nothing: no KM109 finding at bodies[2]",
        "the waiver of KM999 waives nothing: no rule has the code 'KM999'",
        "the waiver of KM401 waives nothing: KM401 does not run on this file",
    ]
    lines = waived_model().splitlines()
    assert report.findings[0].line == lines.index('code = "KM107"')  # the waiver's table starts a line earlier


def test_waivers_of_rules_left_out_by_the_selection_are_not_judged() -> None:
    report = check_model_text(waived_model(), "KM0")
    assert found(report) == [
        ("KM001", "error", "waivers[1].reason"),
        ("KM002", "warning", "waivers[3]"),
        ("KM002", "warning", "waivers[4]"),
    ]


def test_findings_carry_the_line_of_their_path() -> None:
    text = (DATA / "ten_mistakes.toml").read_text(encoding="utf-8")
    expected = sorted(
        (int(number) + 1, code)
        for number, line in enumerate(text.splitlines())
        for code in re.findall(r"# expect: ([A-Z]{2,4}[0-9]{3})", line)
    )
    report = check_model_text(text)
    assert len(expected) == 10
    assert sorted((finding.line, finding.code) for finding in report.findings) == expected


def test_a_ruleset_lookup_is_case_insensitive_and_names_a_missing_code() -> None:
    rules = core_rules()
    assert rules.get("km101").slug == "duplicate-id"
    with pytest.raises(UnknownRuleError, match="'KM100'"):
        rules.get("KM100")
    empty = RuleSet()
    assert len(empty) == 0 and list(empty) == []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steering_models())
def test_the_core_rules_never_crash_on_any_model(model: object) -> None:
    # Generated models have hierarchies with cycles, unknowns everywhere and every kind of timing.
    report = check_model(model, core_rules())  # type: ignore[arg-type]
    assert report.crashes == ()
    assert all(finding.code in core_rules() and finding.message for finding in report.findings)
