"""`kommunemodel compare`: every installed model by default, formats, --metrics, --explain, --swap, --lang,
clear one-line errors; and the metrics hook: ids unique across plugins, a clash named as a PluginLoadError."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import types

import pytest

from kommunemodel import hookimpl
from kommunemodel.compare.metric import Metric, MetricValue
from kommunemodel.compare.registry import collect_metrics
from kommunemodel.plugins import PluginManager
from kommunemodel.testing import run_cli


def test_compare_defaults_to_every_installed_model() -> None:
    status, output, error = run_cli("compare")
    assert status == 0 and error == ""
    header = output.splitlines()[0].split()
    assert header[-4:] == ["helsingoer", "hvidovre", "ishoej", "skanderborg"]
    assert "Deficit cap" in output and "not described" in output


def test_compare_named_models_and_metrics_in_the_order_given() -> None:
    status, output, _error = run_cli(
        "compare", "skanderborg", "helsingoer", "--metrics", "deficit_cap,tiers", "--format", "csv"
    )
    rows = list(csv.reader(io.StringIO(output)))
    assert status == 0
    assert rows == [
        ["metric", "label", "unit", "skanderborg", "helsingoer"],
        ["deficit_cap", "Deficit cap", "share", "0.05", "not described"],
        ["tiers", "Tiers from council to unit", "tiers", "3", "4"],
    ]


def test_compare_in_danish() -> None:
    status, output, _error = run_cli("compare", "ishoej", "--metrics", "surplus_cap", "--lang", "da")
    assert status == 0 and "Loft over overført overskud" in output and "ikke beskrevet" in output


@pytest.mark.parametrize("form", ["text", "markdown", "latex", "csv", "json", "html", "qca"])
def test_every_format_runs(form: str) -> None:
    status, output, error = run_cli("compare", "--format", form)
    assert status == 0 and error == "" and output.strip()
    if form == "json":
        assert json.loads(output)["schema"] == "kommunemodel-comparison/1"


def test_explain_prints_each_fact_with_its_path_and_citation() -> None:
    status, output, _error = run_cli("compare", "skanderborg", "hvidovre", "--explain", "deficit_cap")
    assert status == 0
    assert "budget.carry_over.deficit_cap = 0.05  [haandbog §3.5; §6; §6.2; §7 Januar kvartal]" in output
    assert "hvidovre: not described" in output and "why: the budget's carry-over rules" in output


def test_swap_puts_each_model_next_to_its_counterfactual() -> None:
    status, output, error = run_cli(
        "compare", "helsingoer", "--swap", "budget=skanderborg", "--metrics", "deficit_cap", "--format", "json"
    )
    assert status == 0 and error == ""
    document = json.loads(output)
    assert [model["id"] for model in document["models"]] == ["helsingoer", "helsingoer+budget=skanderborg"]
    cells = document["metrics"][0]["cells"]
    assert cells[0]["unknown"] and cells[1]["value"] == 0.05
    assert cells[1]["sources"][0]["citation"].startswith("skanderborg_haandbog §3.5")


def test_a_composed_id_is_compared_like_any_model() -> None:
    status, output, _error = run_cli("compare", "ishoej+budget=skanderborg", "--metrics", "budget_route")
    assert status == 0 and "direct from the council" in output


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("compare", "--metrics", "nonsense"), "no metric has the id 'nonsense'"),
        (("compare", "--explain", "nonsense"), "no metric has the id 'nonsense'"),
        (("compare", "nowhere"), "no model or file called 'nowhere'"),
        (("compare", "helsingoer+budgt=skanderborg"), "'budgt' is not a part"),
    ],
)
def test_bad_input_is_a_one_line_error_with_exit_2(argv: tuple[str, ...], message: str) -> None:
    status, output, error = run_cli(*argv)
    assert status == 2 and output == "" and message in error and len(error.splitlines()) == 1


def test_a_malformed_swap_is_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli("compare", "--swap", "budget")
    assert exit_info.value.code == 2
    assert "write PART=ID with PART one of budget, cycle, documents, organisation" in capsys.readouterr().err


def test_compare_of_the_model_metrics_imports_neither_numpy_nor_matplotlib() -> None:
    # Only a metric that runs the budget simulation imports numpy, when it is computed.
    code = (
        "import io, sys\nfrom kommunemodel.cli import main\n"
        "main(['compare', '--format', 'json', '--metrics', 'tiers,cascade_latency'], stdout=io.StringIO())\n"
        "print(sorted(name for name in ('numpy', 'matplotlib') if name in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- the metrics hook


def _plugin(name: str, *metrics: Metric) -> types.ModuleType:
    module = types.ModuleType(name)
    module.kommunemodel_metrics = hookimpl(lambda: list(metrics))  # type: ignore[attr-defined]
    return module


def _metric(metric_id: str) -> Metric:
    return Metric(metric_id, "da", "en", "count", "a test metric", lambda _model: MetricValue(1.0))


def test_a_plugins_metric_joins_the_core_metrics(plugin_manager: PluginManager) -> None:
    plugin_manager.register(_plugin("extra", _metric("meetings_with_citizens")), name="extra")
    metrics = collect_metrics(plugin_manager)
    assert metrics.ids()[-1] == "meetings_with_citizens" and metrics.origin["meetings_with_citizens"] == "extra"
    assert metrics.ids()[0] == "tiers" and metrics.origin["tiers"] == "kommunemodel.compare.metrics"


def test_a_metric_id_already_claimed_is_a_plugin_load_error(plugin_manager: PluginManager) -> None:
    plugin_manager.register(_plugin("aaa_clash", _metric("tiers"), _metric("own")), name="aaa_clash")
    metrics = collect_metrics(plugin_manager)
    assert "own" not in metrics, "a clashing plugin's metrics are left out, all of them"
    assert metrics.origin["tiers"] == "kommunemodel.compare.metrics", "the core keeps its id"
    (error,) = metrics.errors
    assert error.plugin == "aaa_clash" and error.hook == "kommunemodel_metrics"
    assert "metric id 'tiers' is already claimed by kommunemodel.compare.metrics" in str(error)


def test_a_plugin_returning_junk_metrics_is_named(plugin_manager: PluginManager) -> None:
    module = types.ModuleType("junk")
    module.kommunemodel_metrics = hookimpl(lambda: ["not a metric"])  # type: ignore[attr-defined]
    plugin_manager.register(module, name="junk")
    metrics = collect_metrics(plugin_manager)
    assert "returned str, not a Metric" in str(metrics.errors[0])


def test_a_metric_id_must_be_a_slug() -> None:
    with pytest.raises(ValueError, match="'id' must be an ASCII slug"):
        _metric("Tiers-2")


# ---------------------------------------------------------------- the README in step


def _readme_section() -> str:
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Comparing the models") : readme.index("## Using it")]


def test_the_readme_shows_what_compare_prints() -> None:
    section = _readme_section()
    _status, output, _error = run_cli("compare")
    assert "```text\n" + output + "```" in section


def test_the_readme_shows_the_counterfactual_as_compare_prints_it() -> None:
    section = _readme_section()
    command = next(line for line in section.splitlines() if line.startswith("$ kommunemodel compare"))
    _status, output, _error = run_cli(*command.split()[2:])
    assert command + "\n" + output in section


def test_the_readme_documents_every_core_metric_and_condition() -> None:
    from kommunemodel.compare.metrics import METRICS

    section = _readme_section()
    for metric in METRICS:
        assert f"`{metric.id}`" in section, metric.id
        if metric.condition is not None:
            assert f"| `{metric.condition.name}` |" in section, metric.condition.name


def test_a_metric_that_raises_is_an_unknown_naming_the_failure(plugin_manager: PluginManager) -> None:
    from kommunemodel import load_model
    from kommunemodel.compare.table import compare

    def broken(_model: object) -> MetricValue:
        raise ZeroDivisionError("no units")

    metric = Metric("fragile", "da", "en", "count", "a broken metric", broken)
    comparison = compare([load_model("ishoej")], [metric])
    cell = comparison.cell("fragile", "ishoej")
    assert cell.is_unknown and cell.reason == "the metric failed: ZeroDivisionError: no units"
    assert comparison.failures == (("fragile", "ishoej", "ZeroDivisionError: no units"),)


def test_the_compare_package_names_the_functions_not_their_modules() -> None:
    code = (
        "import kommunemodel.compare.compose, kommunemodel.compare.table\n"
        "from kommunemodel.compare import compare, compose\n"
        "import kommunemodel\n"
        "print(callable(compare), callable(compose))\n"
        "print(callable(kommunemodel.compose), callable(kommunemodel.compare_models))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True"] * 4
