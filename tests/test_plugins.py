"""The plugin layer: entry points, built-ins, calls through pluggy, failures returned, rules, retired codes."""

from __future__ import annotations

import io
import subprocess
import sys
import types
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path

import pluggy
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kommunemodel.plugins
from kommunemodel import hookimpl
from kommunemodel.api import catalogue
from kommunemodel.cli import main
from kommunemodel.errors import UnknownRuleError
from kommunemodel.io import load_model_file
from kommunemodel.io.load import read_model
from kommunemodel.plugins import PluginManager, collect_rules, get_plugin_manager
from kommunemodel.rules import Finding, RetiredRule, Rule, RuleSet, Severity, Subject, rule

DATA = Path(__file__).parent / "data"


def inline_plugin(name: str, **hooks: object) -> types.ModuleType:
    module = types.ModuleType(name)
    for hook_name, function in hooks.items():
        setattr(module, hook_name, hookimpl(function))
    return module


def test_inline_plugin_contributes_a_model(plugin_manager: PluginManager) -> None:
    model = load_model_file(DATA / "minimal.toml")
    plugin_manager.register(inline_plugin("mine", kommunemodel_models=lambda: [model]), name="mine")
    assert catalogue(plugin_manager).get("helsingoer").model is model


def test_plugin_raising_in_hook_is_named_and_skipped(plugin_manager: PluginManager) -> None:
    model = load_model_file(DATA / "minimal.toml")

    def broken() -> list[object]:
        raise RuntimeError("model.toml went missing")

    plugin_manager.register(inline_plugin("good", kommunemodel_models=lambda: [model]), name="good")
    plugin_manager.register(inline_plugin("bad", kommunemodel_models=broken), name="bad")
    found = catalogue(plugin_manager)
    assert found.ids() == ["helsingoer"]
    (error,) = found.errors
    assert (error.plugin, error.hook) == ("bad", "kommunemodel_models")
    assert "model.toml went missing" in str(error)


def test_plugin_returning_junk_is_named(plugin_manager: PluginManager) -> None:
    plugin_manager.register(inline_plugin("junk", kommunemodel_models=lambda: ["not a model"]), name="junk")
    found = catalogue(plugin_manager)
    assert found.ids() == []
    assert "returned str, not a SteeringModel" in str(found.errors[0])


def test_two_plugins_with_one_model_id(plugin_manager: PluginManager) -> None:
    model = load_model_file(DATA / "minimal.toml")
    plugin_manager.register(inline_plugin("first", kommunemodel_models=lambda: [model]), name="first")
    plugin_manager.register(inline_plugin("second", kommunemodel_models=lambda: [model]), name="second")
    found = catalogue(plugin_manager)
    assert found.get("helsingoer").plugin == "first"
    assert "already provided by first" in str(found.errors[0])


@pytest.fixture
def broken_entry_points(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Installed plugins plus one that cannot be imported and one that misspells a hook."""
    (tmp_path / "kommunemodel_misspelt.py").write_text(
        "from kommunemodel import hookimpl\n\n@hookimpl\ndef kommunemodel_modles():\n    return []\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    real = kommunemodel.plugins.entry_points

    def fake(group: str) -> list[EntryPoint]:
        return [
            *real(group=group),
            EntryPoint("broken", "kommunemodel_no_such_module", group),
            EntryPoint("misspelt", "kommunemodel_misspelt", group),
        ]

    monkeypatch.setattr(kommunemodel.plugins, "entry_points", fake)
    yield
    sys.modules.pop("kommunemodel_misspelt", None)


@pytest.mark.usefixtures("broken_entry_points")
def test_broken_entry_point_plugins_are_named_and_the_rest_load() -> None:
    manager = get_plugin_manager()
    names = sorted(str(error.plugin) for error in manager.load_errors)
    assert names == ["?[broken]", "?[misspelt]"]
    assert "No module named 'kommunemodel_no_such_module'" in str(manager.load_errors[0])
    assert "unknown hook 'kommunemodel_modles'" in str(manager.load_errors[1])
    assert manager.get_plugin("misspelt") is None
    assert "helsingoer" in catalogue(manager).ids()


@pytest.mark.usefixtures("broken_entry_points")
def test_list_still_works_beside_a_broken_plugin() -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["list"], stdout=stdout, stderr=stderr) == 0
    assert "helsingoer" in stdout.getvalue()
    assert "kommunemodel-helsingoer" in stdout.getvalue()
    assert "warning: plugin ?[broken] failed: ModuleNotFoundError" in stderr.getvalue()


# ---------------------------------------------------------------- calls through pluggy's hook callers


class Extra:
    """A hookspec module for the tests: one hook with arguments, one firstresult hook."""

    hookspec = pluggy.HookspecMarker("kommunemodel")

    @staticmethod
    @hookspec
    def kommunemodel_test_greetings(name: str, language: str) -> list[str]:  # type: ignore[empty-body]
        """Return greetings."""

    @staticmethod
    @hookspec(firstresult=True)
    def kommunemodel_test_first(name: str) -> str | None:  # type: ignore[empty-body]
        """Return one answer."""


def with_extra(manager: PluginManager) -> PluginManager:
    manager.add_hookspecs(Extra)
    return manager


def test_an_implementation_may_take_fewer_arguments_than_its_spec(plugin_manager: PluginManager) -> None:
    with_extra(plugin_manager)
    plugin_manager.register(inline_plugin("short", kommunemodel_test_greetings=lambda name: f"hej {name}"), "short")
    plugin_manager.register(
        inline_plugin("long", kommunemodel_test_greetings=lambda name, language: f"{language}: {name}"), "long"
    )
    called = plugin_manager.call("kommunemodel_test_greetings", name="Ishøj", language="da")
    assert called.results == (("long", "da: Ishøj"), ("short", "hej Ishøj"))
    assert called.failures == ()


def test_a_failure_is_returned_with_the_call_and_the_others_still_answer(plugin_manager: PluginManager) -> None:
    def broken(name: str) -> str:
        raise RuntimeError(f"no greeting for {name}")

    with_extra(plugin_manager)
    plugin_manager.register(inline_plugin("aaa", kommunemodel_test_greetings=broken), "aaa")
    plugin_manager.register(inline_plugin("bbb", kommunemodel_test_greetings=lambda name: name), "bbb")
    called = plugin_manager.call("kommunemodel_test_greetings", name="x", language="da")
    assert called.results == (("bbb", "x"),)
    (failure,) = called.failures
    assert str(failure) == "plugin aaa failed in kommunemodel_test_greetings: RuntimeError: no greeting for x"
    assert not hasattr(plugin_manager, "errors")  # nothing piles up on the manager


def test_firstresult_and_none_results(plugin_manager: PluginManager) -> None:
    with_extra(plugin_manager)
    plugin_manager.register(inline_plugin("aaa", kommunemodel_test_first=lambda name: None), "aaa")
    plugin_manager.register(inline_plugin("bbb", kommunemodel_test_first=lambda name: name.upper()), "bbb")
    # Each plugin is asked on its own; a None answer is no answer, as pluggy has it.
    assert plugin_manager.call("kommunemodel_test_first", name="hej").results == (("bbb", "HEJ"),)


def test_a_wrapper_sees_each_plugins_call(plugin_manager: PluginManager) -> None:
    seen: list[object] = []

    def wrap(name: str, language: str) -> Iterator[None]:
        result = yield
        seen.append(result)
        return [item + "!" for item in result]

    with_extra(plugin_manager)
    wrapper = types.ModuleType("wrapper")
    wrapper.kommunemodel_test_greetings = hookimpl(wrapper=True)(wrap)  # type: ignore[attr-defined]
    plugin_manager.register(wrapper, "wrapper")
    plugin_manager.register(inline_plugin("aaa", kommunemodel_test_greetings=lambda name: "a"), "aaa")
    plugin_manager.register(inline_plugin("bbb", kommunemodel_test_greetings=lambda name: "b"), "bbb")
    called = plugin_manager.call("kommunemodel_test_greetings", name="x", language="da")
    assert called.results == (("aaa", "a!"), ("bbb", "b!"))
    assert seen == [["a"], ["b"]]


def test_an_optional_hook_is_honoured_and_a_misspelt_one_is_not(plugin_manager: PluginManager) -> None:
    from kommunemodel.plugins import check_hooks

    optional = types.ModuleType("optional")
    optional.kommunemodel_future_hook = hookimpl(optionalhook=True)(lambda: 1)  # type: ignore[attr-defined]
    plugin_manager.register(optional, "optional")
    check_hooks(plugin_manager, "optional")
    plugin_manager.check_pending()
    misspelt = inline_plugin("misspelt", kommunemodel_modles=lambda: [])
    plugin_manager.register(misspelt, "misspelt")
    with pytest.raises(pluggy.PluginValidationError, match="unknown hook 'kommunemodel_modles'"):
        check_hooks(plugin_manager, "misspelt")


def test_hooks_without_arguments_are_called_once_per_manager(plugin_manager: PluginManager) -> None:
    calls: list[int] = []
    model = load_model_file(DATA / "minimal.toml")

    def models() -> list[object]:
        calls.append(1)
        return [model]

    plugin_manager.register(inline_plugin("mine", kommunemodel_models=models), "mine")
    catalogue(plugin_manager)
    catalogue(plugin_manager)
    assert calls == [1]
    plugin_manager.register(inline_plugin("other", kommunemodel_models=lambda: []), "other")
    catalogue(plugin_manager)  # a plugin registered later is seen: the calls are made afresh
    assert calls == [1, 1]


def test_the_rules_engine_does_not_import_the_plugin_manager() -> None:
    code = (
        "import sys, kommunemodel.rules, kommunemodel.rules.engine, kommunemodel.rules.registry; "
        "print('kommunemodel.plugins' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# ---------------------------------------------------------------- rules default to their plugin's models


def any_rule(code: str, models: set[str] | None = None) -> Rule:
    @rule(code, "test-rule", Severity.WARNING, models=models)
    def check(self: Rule, subject: Subject) -> Iterator[Finding]:
        """A test rule.

        ## What it checks
        x

        ## Why it matters
        x

        ## Example
        x

        ## Use instead
        x
        """
        yield self.finding(("municipality",), "found")

    return check


def test_a_plugins_rule_without_models_runs_for_its_own_models_only(plugin_manager: PluginManager) -> None:
    model = load_model_file(DATA / "minimal.toml")  # id helsingoer
    plugin_manager.register(
        inline_plugin("mine", kommunemodel_models=lambda: [model], kommunemodel_rules=lambda: [any_rule("TST001")]),
        "mine",
    )
    plugin_manager.register(inline_plugin("generic", kommunemodel_rules=lambda: [any_rule("GEN001")]), "generic")
    rules = collect_rules(plugin_manager)
    assert rules.get("TST001").models == frozenset({"helsingoer"})
    assert rules.get("GEN001").models is None  # a plugin without models of its own: every model
    assert all(rules.get(code).models is None for code in rules.codes() if code.startswith("KM"))


# ---------------------------------------------------------------- failures named after the work


def test_check_names_a_plugin_whose_models_hook_raises(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Once, `check` of a file exited 0 with nothing on stderr while a plugin's models hook raised.
    (tmp_path / "kommunemodel_raising.py").write_text(
        "from kommunemodel import hookimpl\n\n@hookimpl\ndef kommunemodel_models():\n"
        "    raise RuntimeError('model.toml went missing')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    real = kommunemodel.plugins.entry_points
    monkeypatch.setattr(
        kommunemodel.plugins,
        "entry_points",
        lambda group: [*real(group=group), EntryPoint("raising", "kommunemodel_raising", group)],
    )
    try:
        for argv in (["check", str(DATA / "minimal.toml")], ["check", "helsingoer"], ["rules"], ["show", "hvidovre"]):
            stdout, stderr = io.StringIO(), io.StringIO()
            main(argv, stdout=stdout, stderr=stderr)
            assert stderr.getvalue().splitlines()[-1:] == [
                "warning: plugin ?[raising] failed in kommunemodel_models: RuntimeError: model.toml went missing"
            ], argv
            assert stdout.getvalue(), argv  # the work was done, and the warning comes after it
    finally:
        sys.modules.pop("kommunemodel_raising", None)


# ---------------------------------------------------------------- retired codes


def retiring(plugin_manager: PluginManager, *entries: RetiredRule, rules: tuple[Rule, ...] = ()) -> RuleSet:
    plugin_manager.register(
        inline_plugin("mine", kommunemodel_retired_rules=lambda: list(entries), kommunemodel_rules=lambda: rules),
        "mine",
    )
    return collect_rules(plugin_manager)


def test_a_retired_code_says_where_it_went(plugin_manager: PluginManager) -> None:
    rules = retiring(plugin_manager, RetiredRule("TST003", "old-rule", "The core reports it now.", "KM416"))
    assert "TST003" not in rules and rules.retired["TST003"].replaced_by == "KM416"
    with pytest.raises(UnknownRuleError, match=r"TST003 was retired in favour of KM416 \(see"):
        rules.get("TST003")
    text = rules.retired["TST003"].explain(rules)
    assert text.startswith("# TST003 old-rule (retired)\n")
    assert "in favour of KM416 `second-agreement`: run `kommunemodel rule KM416`" in text
    assert "The core reports it now." in text


def test_a_retired_code_cannot_be_reused(plugin_manager: PluginManager) -> None:
    rules = retiring(plugin_manager, RetiredRule("TST003", "old-rule", "Gone."), rules=(any_rule("TST003"),))
    assert "TST003" not in rules
    assert [str(error.original) for error in rules.errors] == [
        "rule code 'TST003' was retired by mine and is never to be reused"
    ]


def test_a_waiver_of_a_retired_code_says_so(plugin_manager: PluginManager) -> None:
    from kommunemodel.rules import check_model

    rules = retiring(plugin_manager, RetiredRule("TST003", "old-rule", "Gone.", "KM416"))
    text = (DATA / "minimal.toml").read_text(encoding="utf-8")
    text += '\n[[waivers]]\ncode = "TST003"\nreason = "an old exception"\n'
    model, source = read_model(text, "model.toml")
    report = check_model(model, rules, source)
    (unused,) = [finding for finding in report.findings if finding.code == "KM002"]
    assert unused.message == "the waiver of TST003 waives nothing: TST003 was retired in favour of KM416"


@pytest.mark.parametrize(("code", "target"), [("HEL003", "KM416"), ("skb004", "KM416"), ("ISH002", "KM410")])
def test_kommunemodel_rule_of_a_bundled_retired_code(code: str, target: str) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["rule", code], stdout=stdout, stderr=stderr) == 0
    assert stdout.getvalue().startswith(f"# {code.upper()} ")
    assert f"in favour of {target}" in stdout.getvalue()
    assert stderr.getvalue() == ""


def test_select_of_a_retired_code_says_where_it_went() -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    assert main(["check", "helsingoer", "--select", "HEL003"], stdout=stdout, stderr=stderr) == 2
    assert "HEL003 was retired in favour of KM416" in stderr.getvalue()


@given(
    st.dictionaries(
        st.text(alphabet="abcdefghij", min_size=1, max_size=6),
        st.sampled_from(["answers", "raises", "none"]),
        max_size=8,
    )
)
def test_every_plugin_is_in_the_results_or_the_failures_in_plugin_order(behaviour: dict[str, str]) -> None:
    manager = get_plugin_manager(load_entry_points=False)
    with_extra(manager)

    def make(name: str, how: str) -> object:
        def greet(name: str) -> str | None:
            if how == "raises":
                raise RuntimeError(name)
            return None if how == "none" else name

        return greet

    for plugin_name, how in behaviour.items():
        manager.register(inline_plugin(plugin_name, kommunemodel_test_greetings=make(plugin_name, how)), plugin_name)
    called = manager.call("kommunemodel_test_greetings", name="x", language="da")
    assert [name for name, _value in called.results] == sorted(n for n, how in behaviour.items() if how == "answers")
    assert [failure.plugin for failure in called.failures] == sorted(
        n for n, how in behaviour.items() if how == "raises"
    )
