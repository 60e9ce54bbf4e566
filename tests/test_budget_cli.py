"""`kommunemodel simulate budget` and `simulate sweep` as a user runs them: outputs, refusals, files, processes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kommunemodel import load_model
from kommunemodel.cli import main
from kommunemodel.simulate.budget import CHUNK_RUNS, simulate_budget
from kommunemodel.simulate.budget_output import to_json
from kommunemodel.simulate.scenario import Scenario

SMALL = ("--units", "6", "--years", "2", "--runs", "80")


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def test_skanderborg_in_text_prints_rules_assumptions_and_years() -> None:
    status, out, err = run("simulate", "budget", "skanderborg", *SMALL, "--seed", "1")
    assert status == 0 and err == ""  # no progress bar when stderr is not a terminal
    assert "Skanderborg Kommune" in out and "haandbog §3.5" in out and "repayment_years = 3" in out
    assert out.count("\n     1  ") >= 1


def test_json_is_what_the_api_gives() -> None:
    status, out, _ = run("simulate", "budget", "skanderborg", *SMALL, "--seed", "4", "--format", "json")
    assert status == 0
    expected = simulate_budget(load_model("skanderborg"), Scenario(units=6, years=2, runs=80), seed=4)
    assert out == to_json(expected)


def test_the_issues_command_line() -> None:
    status, out, _ = run(
        "simulate",
        "budget",
        "skanderborg",
        "--units",
        "60",
        "--years",
        "4",
        "--runs",
        "500",
        "--seed",
        "1",
        "--spend-mean",
        "1.0",
        "--spend-sd",
        "0.04",
        "--format",
        "csv",
    )
    assert status == 0 and out.startswith("# Rules applied")


def test_a_model_without_budget_rules_is_refused_in_one_line() -> None:
    status, out, err = run("simulate", "budget", "helsingoer", *SMALL)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "budget.carry_over" in err and "--assume" in err and "Traceback" not in err


def test_an_assumption_profile_makes_it_run_and_is_printed() -> None:
    status, out, _ = run("simulate", "budget", "helsingoer", *SMALL, "--assume", "symmetric-5pct")
    assert status == 0
    assert "assumption profile symmetric-5pct" in out and "(profile symmetric-5pct)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--assume", "generous"), "no assumption profile called 'generous'"),
        (("--units", "0"), "'units' must be >= 1"),
        (("--rule", "deficit_cap=lots"), "deficit_cap must be a number"),
        (("--rule", "cap=0.1"), "--rule wants NAME=VALUE"),
        (("--assume", "nowhere/profile.toml"), "nowhere/profile.toml"),
        (("--output", "/nonexistent-folder/result.json"), "cannot write /nonexistent-folder/result.json"),
    ],
)
def test_bad_input_is_a_one_line_error_with_status_2(argv: tuple[str, ...], message: str) -> None:
    status, _, err = run("simulate", "budget", "skanderborg", *SMALL, *argv)
    assert status == 2 and message in err and "Traceback" not in err


def test_an_unknown_model_is_status_2() -> None:
    status, _, err = run("simulate", "budget", "nowhere", *SMALL)
    assert status == 2 and "no model or file called 'nowhere'" in err


def test_a_stricter_cap_by_rule_override() -> None:
    status, out, _ = run("simulate", "budget", "skanderborg", *SMALL, "--rule", "deficit_cap=0.03", "--format", "json")
    data = json.loads(out)
    assert status == 0
    overrides = {item["name"] for item in data["assumptions"] if item["kind"] == "override"}
    assert overrides == {"deficit_cap", "repayment_plan_above"}


def test_output_goes_to_a_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    status, out, _ = run("simulate", "budget", "skanderborg", *SMALL, "--format", "json", "--output", str(target))
    assert status == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "kommunemodel-budget/1"
    assert [path.name for path in tmp_path.iterdir()] == ["result.json"]  # no temp file left behind


def _subprocess_output(*argv: str) -> bytes:
    probe = "import sys; from kommunemodel.cli import entry; sys.argv = ['kommunemodel', *sys.argv[1:]]; entry()"
    return subprocess.run([sys.executable, "-c", probe, *argv], capture_output=True, check=True).stdout


def test_the_same_bytes_from_separate_processes_and_any_number_of_workers() -> None:
    argv = (
        "simulate",
        "budget",
        "skanderborg",
        "--units",
        "4",
        "--years",
        "2",
        "--runs",
        str(CHUNK_RUNS + 50),
        "--seed",
        "3",
        "--format",
        "json",
    )
    one = _subprocess_output(*argv, "--workers", "1")
    assert _subprocess_output(*argv, "--workers", "2") == one
    assert json.loads(one)["parameters"]["runs"] == CHUNK_RUNS + 50
    other = _subprocess_output(*argv[:-4], "--seed", "4", "--format", "json")
    assert other != one


def test_the_budget_command_keeps_numpy_out_of_the_other_commands() -> None:
    probe = (
        "import io, sys\n"
        "from kommunemodel.cli import build_parser\n"
        "build_parser()\n"
        "print(sorted(name for name in ('numpy', 'tqdm', 'distributed') if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_sweep_on_the_command_line_with_one_and_two_workers() -> None:
    argv = (
        "simulate",
        "sweep",
        "skanderborg",
        *SMALL,
        "--param",
        "deficit_cap=0.03:0.05:0.01",
        "--param",
        "spend-sd=0.02,0.04",
        "--format",
        "json",
    )
    status, out, err = run(*argv, "--workers", "1")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert len(data["points"]) == 6
    assert run(*argv, "--workers", "2")[1] == out


def test_sweep_text_and_a_bad_param() -> None:
    status, out, _ = run("simulate", "sweep", "skanderborg", *SMALL, "--param", "spend_sd=0.02,0.04", "--workers", "1")
    assert status == 0 and "spend_sd=0.02" in out
    status, _, err = run("simulate", "sweep", "skanderborg", *SMALL, "--param", "spend_sd=0.04:0.02:0.01")
    assert status == 2 and "a <= b" in err


def test_sweep_refuses_an_undescribed_model_before_it_starts() -> None:
    status, _, err = run("simulate", "sweep", "ishoej", *SMALL, "--param", "spend_sd=0.02,0.04")
    assert status == 2 and "budget.carry_over" in err


def _section() -> str:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Simulating the budget rules") : readme.index("## Checking a model")]


def test_the_readme_documents_every_option_of_both_commands() -> None:
    import argparse

    from kommunemodel.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    simulations = next(a for a in commands.choices["simulate"]._actions if isinstance(a, argparse._SubParsersAction))
    section = _section()
    for name in ("budget", "sweep"):
        for action in simulations.choices[name]._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in section or f"{option} " in section, f"{name} {option}"


def test_the_readme_example_is_what_the_command_prints() -> None:
    section = _section()
    shown = section[section.index("$ kommunemodel simulate budget skanderborg") :]
    shown = shown[shown.index("\n") + 1 : shown.index("```")]
    status, out, _ = run(
        "simulate", "budget", "skanderborg", "--units", "60", "--years", "4", "--runs", "10000", "--seed", "1"
    )
    assert status == 0 and out == shown


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_progress_bar_shows_on_a_terminal_only() -> None:
    argv = ["simulate", "sweep", "skanderborg", *SMALL, "--param", "spend_sd=0.02,0.04", "--workers", "1"]
    terminal = Terminal()
    assert main(argv, stdout=io.StringIO(), stderr=terminal) == 0
    assert "0/2" in terminal.getvalue() and "points/s" in terminal.getvalue()
    piped = io.StringIO()
    assert main(argv, stdout=io.StringIO(), stderr=piped) == 0
    assert piped.getvalue() == ""


def test_the_readme_helsingoer_example_is_what_the_command_prints() -> None:
    section = _section()
    shown = section[section.index("$ kommunemodel simulate budget helsingoer --assume symmetric-5pct --seed 1") :]
    shown = shown[: shown.index("```")]
    status, out, _ = run("simulate", "budget", "helsingoer", "--assume", "symmetric-5pct", "--seed", "1")
    assert status == 0
    kept = [line for line in shown.splitlines()[1:] if not line.startswith("  …")]
    lines = out.splitlines()
    assert all(line in lines for line in kept)
    tail = shown[shown.index("Shares are of units") :]
    assert out.endswith(tail)


def test_swap_gives_the_model_another_models_budget_rules() -> None:
    argv = ("--units", "6", "--years", "2", "--runs", "80", "--format", "json")
    status, swapped, _ = run("simulate", "budget", "helsingoer", "--swap", "budget=skanderborg", *argv)
    assert status == 0
    assert run("simulate", "budget", "helsingoer+budget=skanderborg", *argv)[1] == swapped
    data = json.loads(swapped)
    assert data["model"]["id"] == "helsingoer+budget=skanderborg"
    assert json.loads(run("simulate", "budget", "skanderborg", *argv)[1])["years"] == data["years"]
    assert all("haandbog" in rule["source"] for rule in data["rules"])
    status, out, _ = run(
        "simulate",
        "sweep",
        "hvidovre",
        "--swap",
        "budget=skanderborg",
        *SMALL,
        "--param",
        "spend_sd=0.02,0.04",
        "--workers",
        "1",
    )
    assert status == 0 and "hvidovre+budget=skanderborg" in out
