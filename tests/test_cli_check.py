"""The command line of the rules engine: check, rules, rule — exit codes, formats, and never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from kommunemodel import hookimpl
from kommunemodel.api import Checker
from kommunemodel.cli import main
from kommunemodel.io import loads_model
from kommunemodel.plugins import PluginManager
from kommunemodel.rules import render

from .checks import DATA, MODEL, YEAR, core_rules, edit

MODEL_FILE = str(DATA / "model.toml")
YEAR_FILE = str(DATA / "year.toml")
TEN = str(DATA / "ten_mistakes.toml")


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def test_a_clean_model_and_year_exit_0() -> None:
    assert run("check", MODEL_FILE, YEAR_FILE) == (0, "no findings in 2 files.\n", "")


def test_findings_at_the_fail_level_exit_1() -> None:
    status, out, err = run("check", TEN)
    assert status == 1 and err == ""
    assert out.splitlines()[0] == f"{TEN}:17: KM101 duplicate id 'notat': already used at sources[0].id"
    assert out.count(f"{TEN}:") == 10


def test_warnings_fail_only_with_fail_on_warning(tmp_path: Path) -> None:
    text = edit(MODEL, 'level = "enhed"\nreports_to = "centerchef"', 'reports_to = "centerchef"')  # KM106, a warning
    (tmp_path / "model.toml").write_text(text, encoding="utf-8")
    assert run("check", str(tmp_path / "model.toml"))[0] == 0
    assert run("check", "--fail-on", "warning", str(tmp_path / "model.toml"))[0] == 1
    assert run("check", "--fail-on", "warning", "--ignore", "KM106", str(tmp_path / "model.toml"))[0] == 0


def test_select_and_ignore_take_comma_separated_prefixes() -> None:
    status, out, _ = run("check", TEN, "--select", "KM1,KM3", "--ignore", "KM109")
    codes = sorted({line.split(": ")[1].split()[0] for line in out.splitlines() if line.startswith(TEN)})
    assert (status, codes) == (1, ["KM101", "KM102", "KM106", "KM107", "KM108", "KM301"])


def test_a_year_file_against_another_model(tmp_path: Path) -> None:
    other = edit(MODEL, "cadence = { times_per_year = 8 }", "cadence = { times_per_year = 10 }")
    (tmp_path / "other.toml").write_text(other, encoding="utf-8")
    status, out, _ = run("check", YEAR_FILE, "--model", str(tmp_path / "other.toml"))
    assert status == 1
    assert "KM410 'h_med' met 8 times in 2024; its cadence gives 10 a year" in out


def test_unreadable_input_exits_2_with_the_reason_and_the_rest_is_still_checked(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = "kommunemodel/1"\n[municipality\n', encoding="utf-8")
    status, out, err = run("check", str(broken), TEN)
    assert status == 2
    assert f"{broken}:2:" in err and "not valid TOML" in err and "Traceback" not in err
    assert out.count(f"{TEN}:") == 10


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("check", "no_such_file.toml"), "cannot read file"),
        (("check", "no_such_model"), "no model or file called 'no_such_model'"),
        (("check", "--select", "KM9", MODEL_FILE), "no rule has the code 'KM9'"),
        (("rule", "KM999"), "no rule has the code 'KM999'"),
    ],
)
def test_what_cannot_be_read_or_found_exits_2(argv: tuple[str, ...], words: str) -> None:
    status, out, err = run(*argv)
    assert (status, out) == (2, "") and words in err and "Traceback" not in err


def test_a_year_naming_a_model_that_is_not_installed(tmp_path: Path) -> None:
    (tmp_path / "year.toml").write_text(edit(YEAR, 'model = "model.toml"', 'model = "roskilde"'), encoding="utf-8")
    status, _out, err = run("check", str(tmp_path / "year.toml"))
    assert status == 2 and "no model or file called 'roskilde'" in err


def test_a_year_whose_model_file_is_broken(tmp_path: Path) -> None:
    (tmp_path / "model.toml").write_text(edit(MODEL, 'owner = "centerchef"', 'owner = "nobody"'), encoding="utf-8")
    (tmp_path / "year.toml").write_text(YEAR, encoding="utf-8")
    status, _out, err = run("check", str(tmp_path / "year.toml"))
    assert status == 2 and "'nobody' is not the id of any level, body or role" in err


def test_a_file_of_another_kind(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text('schema = "kommunemodel-report/1"\n', encoding="utf-8")
    status, _out, err = run("check", str(tmp_path / "x.toml"))
    assert (
        status == 2 and "kommunemodel checks 'kommunemodel/1' model files and 'kommunemodel-year/1' year files" in err
    )


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_are_json(fmt: str) -> None:
    status, out, _ = run("check", TEN, YEAR_FILE, "--format", fmt)
    assert status == 1
    document = json.loads(out)
    results = document["findings"] if fmt == "json" else document["runs"][0]["results"]
    assert len(results) == 10


def test_github_format() -> None:
    status, out, _ = run("check", TEN, "--format", "github")
    assert status == 1 and len(out.splitlines()) == 10
    assert all(line.startswith(("::error file=", "::warning file=")) for line in out.splitlines())


def test_rules_lists_every_code() -> None:
    status, out, _ = run("rules")
    assert status == 0
    # The installed municipality plugins add their own codes; the core's are listed in full, in order.
    listed_codes = [line.split()[0] for line in out.splitlines()[2:]]
    assert [code for code in listed_codes if code.startswith("KM")] == core_rules().codes()
    listed = json.loads(run("rules", "--format", "json")[1])
    core = [entry for entry in listed if entry["plugin"] == "kommunemodel.rules.core"]
    assert [entry["code"] for entry in core] == core_rules().codes()
    # The others are every installed plugin's, as the plugin manager collects them: a fifth plugin breaks nothing.
    from kommunemodel.plugins import collect_rules, get_plugin_manager

    installed = collect_rules(get_plugin_manager())
    assert [(entry["code"], entry["plugin"]) for entry in listed if entry not in core] == [
        (code, installed.origin[code]) for code in installed.codes() if not code.startswith("KM")
    ]


def test_rule_prints_exactly_the_rules_sections() -> None:
    status, out, _ = run("rule", "km412")
    rule = core_rules().get("KM412")
    assert status == 0 and out == render.explain(rule)
    assert out.startswith("# KM412 repayment-plan-missing (error, checks year)\n\n")
    assert out.endswith(rule.explanation + "\n")
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## What it checks",
        "## Why it matters",
        "## Example",
        "## Use instead",
    ]


def test_a_plugins_packaged_model_is_checked_with_the_lines_of_its_file(tmp_path: Path) -> None:
    package = tmp_path / "kommunemodel_testby"
    package.mkdir()
    broken = edit(MODEL, 'level = "enhed"\nreports_to = "centerchef"', 'reports_to = "centerchef"')  # KM106
    (package / "model.toml").write_text(broken, encoding="utf-8")
    (package / "__init__.py").write_text(
        "from kommunemodel import hookimpl, load_packaged_model\n\n"
        "@hookimpl\ndef kommunemodel_models():\n    return [load_packaged_model(__name__)]\n",
        encoding="utf-8",
    )
    sys.path.insert(0, str(tmp_path))
    try:
        import kommunemodel_testby  # type: ignore[import-not-found]

        checker = Checker(_manager_with(kommunemodel_testby))
        report = checker.check("testby")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("kommunemodel_testby", None)
    assert report.file.endswith("kommunemodel_testby/model.toml")
    assert [(f.code, f.line) for f in report.findings] == [("KM106", broken.splitlines().index('id = "enhed"'))]


def test_a_model_built_in_python_is_checked_without_lines(plugin_manager: PluginManager) -> None:
    module = types.ModuleType("inline_testby")
    model = loads_model(edit(MODEL, 'level = "enhed"\nreports_to = "centerchef"', 'reports_to = "centerchef"'))
    module.kommunemodel_models = hookimpl(lambda: [model])  # type: ignore[attr-defined]
    plugin_manager.register(module)
    report = Checker(plugin_manager).check("testby")
    assert report.file == "testby"
    assert [(f.code, f.line, f.location) for f in report.findings] == [("KM106", None, "levels[3]")]


def _manager_with(module: types.ModuleType) -> PluginManager:
    from kommunemodel.plugins import get_plugin_manager

    manager = get_plugin_manager(load_entry_points=False)
    manager.register(module, name=module.__name__)
    return manager


def test_the_command_line_starts_without_the_rules_engine_or_numpy() -> None:
    code = "import sys, kommunemodel.cli; print(sorted(m for m in sys.modules if 'rules' in m or m == 'numpy'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_bundled_models_check_with_only_the_findings_the_readme_explains() -> None:
    from collections import Counter

    status, out, _ = run("check", "helsingoer", "hvidovre", "ishoej", "skanderborg", "--format", "json")
    report = json.loads(out)
    assert status == 0
    assert report["summary"] == {"error": 0, "warning": 0, "info": 37, "waived": 2}
    assert Counter(finding["code"] for finding in report["findings"]) == {"KM107": 20, "KM203": 15, "KM105": 2}
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "**37 findings, all info, 2 waived**" in readme
    for code, count in (("KM107", 20), ("KM203", 15), ("KM105", 2)):
        assert f"- {code} ({count}" in readme
