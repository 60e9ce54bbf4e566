"""The command line as a user runs it: list, show, exit statuses, errors on stderr, a light start."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kommunemodel import __version__, load_model
from kommunemodel.api import catalogue
from kommunemodel.cli import FAST_COMMANDS, build_parser, main
from kommunemodel.cli.models import columns
from kommunemodel.io import loads_model
from kommunemodel.plugins import get_plugin_manager

#: The models of every installed plugin, from the plugin manager: a fifth plugin installed beside the four is listed
#: and shown like them, and breaks nothing here.
INSTALLED = catalogue(get_plugin_manager())
BUNDLED = INSTALLED.ids()


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def test_list_shows_every_bundled_model_with_its_distribution() -> None:
    status, out, err = run("list", "--format", "json")
    assert status == 0 and err == ""
    rows = json.loads(out)
    assert [row["id"] for row in rows] == BUNDLED
    assert {"helsingoer", "hvidovre", "ishoej", "skanderborg"} <= set(BUNDLED)
    assert [row["distribution"] for row in rows] == [entry.distribution for entry in INSTALLED.entries]
    assert all(row["distribution"].startswith("kommunemodel-") and row["version"] for row in rows)


def test_list_text_is_a_table() -> None:
    status, out, _err = run("list")
    assert status == 0
    assert out.splitlines()[0].split() == ["id", "name", "distribution", "version"]
    assert "Skanderborg Kommune" in out


@pytest.mark.parametrize("model_id", BUNDLED)
def test_show_json_is_the_whole_model(model_id: str) -> None:
    status, out, _err = run("show", model_id, "--format", "json")
    assert status == 0
    table = json.loads(out)
    model = load_model(model_id)
    assert table["schema"] == "kommunemodel/1"
    assert len(table.get("levels", [])) == len(model.levels)
    assert len(table.get("responsibilities", [])) == len(model.responsibilities)


@pytest.mark.parametrize("model_id", BUNDLED)
def test_show_toml_loads_back_unchanged(model_id: str, tmp_path: Path) -> None:
    status, out, _err = run("show", model_id, "--format", "toml")
    assert status == 0
    assert loads_model(out) == load_model(model_id)
    copy = tmp_path / "mine.toml"
    copy.write_text(out, encoding="utf-8")
    assert run("show", str(copy))[0] == 0


def test_show_text_summary_has_its_sections() -> None:
    status, out, _err = run("show", "helsingoer")
    assert status == 0
    for heading in ("Levels", "Documents (chain from the top)", "The year by quarter", "Budget rules"):
        assert f"\n{heading}\n" in out
    assert "└─" in out  # levels and documents are drawn as trees


def test_unknown_model_exits_2_with_the_reason() -> None:
    status, out, err = run("show", "roskilde")
    assert (status, out) == (2, "")
    assert "no model or file called 'roskilde'" in err
    assert "helsingoer" in err  # the available ids are named


def test_broken_file_exits_2_with_located_problems(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = "kommunemodel/1"\n[municipality]\nid = "x"\nname = 3\nhorizon = 1\n', encoding="utf-8")
    status, out, err = run("show", str(broken))
    assert (status, out) == (2, "")
    assert f"{broken}:4: KM023 expected a string, got integer 3 @ municipality.name" in err
    assert f"{broken}:5: KM021 unknown key 'horizon' @ municipality.horizon" in err
    assert "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path) -> None:
    status, _out, err = run("show", str(tmp_path / "absent.toml"))
    assert status == 2 and "cannot read file" in err


def test_version() -> None:
    with pytest.raises(SystemExit) as stop:
        run("--version")
    assert stop.value.code == 0
    assert __version__ != "0+unknown"


@pytest.mark.parametrize("command", ["list", "show", "check", "rules", "rule"])
def test_help_on_every_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    assert "usage: kommunemodel" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["list"], ["show", "helsingoer"], ["show", "skanderborg", "--format", "toml"]])
def test_heavy_libraries_are_not_loaded(argv: list[str]) -> None:
    probe = (
        "import io, sys\n"
        "from kommunemodel.cli import main\n"
        f"assert main({argv!r}, stdout=io.StringIO(), stderr=io.StringIO()) == 0\n"
        "print(sorted(name for name in ('numpy', 'matplotlib', 'pandas', 'scipy') if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("argv", [["list"], ["show", "helsingoer"]])
def test_list_and_show_load_neither_the_rules_nor_the_metrics(argv: list[str]) -> None:
    probe = (
        "import io, sys\n"
        "from kommunemodel.cli import main\n"
        f"assert main({argv!r}, stdout=io.StringIO(), stderr=io.StringIO()) == 0\n"
        "heavy = ('kommunemodel.rules', 'kommunemodel.compare.metrics', 'cattrs', 'tomli_w')\n"
        "plugin_rules = [m for m in sys.modules if m.startswith('kommunemodel_') and m.endswith('.rules')]\n"
        "print(sorted(name for name in sys.modules if name.startswith(heavy)) + plugin_rules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_list_reads_no_installed_metadata_through_importlib() -> None:
    probe = (
        "import io, sys\n"
        "from kommunemodel.cli import main\n"
        "assert main(['list'], stdout=io.StringIO(), stderr=io.StringIO()) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('importlib.metadata', 'tabulate', 'email'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@settings(max_examples=30)
@given(
    st.lists(
        st.fixed_dictionaries({"id": st.text("abcø-", min_size=1), "version": st.text("0123456789.", min_size=1)}),
        min_size=1,
        max_size=4,
    )
)
def test_the_list_table_is_tabulates_simple_format(rows: list[dict[str, str]]) -> None:
    from tabulate import tabulate

    assert columns(rows) == tabulate(rows, headers="keys", disable_numparse=True)


@pytest.mark.parametrize("command", sorted(FAST_COMMANDS))
def test_a_fast_command_parses_as_with_every_command(command: str) -> None:
    alone, every = build_parser((FAST_COMMANDS[command],)), build_parser()
    assert alone.parse_args([command, "helsingoer"] if command != "list" else [command]) == every.parse_args(
        [command, "helsingoer"] if command != "list" else [command]
    )
    helps = []
    for parser in (alone, every):
        with pytest.raises(SystemExit):
            out = io.StringIO()
            sys.stdout, saved = out, sys.stdout
            try:
                parser.parse_args([command, "--help"])
            finally:
                sys.stdout = saved
        helps.append(out.getvalue())
    assert helps[0] == helps[1] and f"usage: kommunemodel {command}" in helps[0]


def test_the_version_alone_builds_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"kommunemodel {__version__}\n"


def test_console_script_runs() -> None:
    script = Path(sys.executable).parent / "kommunemodel"
    result = subprocess.run([str(script), "show", "nowhere.toml"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_a_bug_is_reported_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import kommunemodel.report.summary

    def broken(_model: object) -> str:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(kommunemodel.report.summary, "summary", broken)
    status, out, err = run("show", "helsingoer")
    assert (status, out) == (2, "")
    assert "internal error: ZeroDivisionError: division by zero" in err
    assert "KOMMUNEMODEL_DEBUG=1" in err
    monkeypatch.setenv("KOMMUNEMODEL_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        run("show", "helsingoer")
