"""`kommunemodel plot` and `kommunemodel report`: files written, one-line errors, and a start-up without matplotlib."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from kommunemodel.cli import main

from .svgread import texts


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_plot_writes_an_svg_that_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "chain.svg"
    status, out, err = run("plot", "chain", "hvidovre", "--out", str(target), "--lang", "da")
    assert (status, err) == (0, "")
    assert out == f"wrote {target}\n"
    assert "Dokumentkæde: Hvidovre Kommune" in texts(target.read_text(encoding="utf-8"))


def test_plot_writes_a_png(tmp_path: Path) -> None:
    target = tmp_path / "hierarchy.png"
    assert run("plot", "hierarchy", "ishoej", "--out", str(target))[0] == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_figure_from_a_model_file(tmp_path: Path, data_dir: Path) -> None:
    target = tmp_path / "h.svg"
    assert run("plot", "hierarchy", str(data_dir / "minimal.toml"), "--out", str(target))[0] == 0
    assert "Byråd" in texts(target.read_text(encoding="utf-8"))


def test_bad_requests_get_one_line_and_exit_2(tmp_path: Path) -> None:
    cases = [
        ("plot", "chain", "hvidovre", "--out", str(tmp_path / "chain.pdf")),
        ("plot", "chain", "hvidovre", "--out", str(tmp_path / "missing" / "chain.svg")),
        ("plot", "chain", "nowhere", "--out", str(tmp_path / "chain.svg")),
        ("plot", "chain", "hvidovre", "ishoej", "--out", str(tmp_path / "chain.svg")),
    ]
    for argv in cases:
        status, out, err = run(*argv)
        assert status == 2, argv
        assert out == "" and err.count("\n") == 1 and "Traceback" not in err, (argv, err)
    status, out, err = run("plot", "chain", str(tmp_path / "absent.toml"), "--out", str(tmp_path / "chain.svg"))
    assert status == 2 and "absent.toml: cannot read file" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_report_writes_the_page_of_the_models_named(tmp_path: Path) -> None:
    out = tmp_path / "report"
    status, stdout, err = run("report", "hvidovre", "ishoej", "--out", str(out), "--lang", "en", "--year", "2025")
    assert (status, err) == (0, "")
    assert stdout == f"wrote {out / 'index.html'}\n"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="hvidovre"' in page and 'id="ishoej"' in page and 'id="helsingoer"' not in page


def test_report_refuses_a_directory_that_holds_an_input(tmp_path: Path, data_dir: Path) -> None:
    model = tmp_path / "my-kommune.toml"
    model.write_text((data_dir / "minimal.toml").read_text(encoding="utf-8"), encoding="utf-8")
    status, out, err = run("report", str(model), "--out", str(tmp_path))
    assert status == 2 and out == ""
    assert "holds an input" in err and err.count("\n") == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["my-kommune.toml"]


def test_listing_models_imports_no_matplotlib_or_jinja2() -> None:
    code = (
        "import sys, io\n"
        "from kommunemodel.cli import main\n"
        "main(['list'], io.StringIO(), io.StringIO())\n"
        "print(sorted(m for m in ('matplotlib', 'jinja2', 'numpy') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_plot_budget_needs_the_rules_or_a_named_assumption(tmp_path: Path) -> None:
    target = tmp_path / "fan.svg"
    status, out, err = run("plot", "budget", "helsingoer", "--runs", "100", "--out", str(target))
    assert status == 2 and out == "" and "--assume" in err and not target.exists()
    argv = ("plot", "budget", "helsingoer", "--runs", "100", "--assume", "symmetric-5pct", "--out", str(target))
    assert run(*argv)[0] == 0
    assert "Budget simulation: Helsingør Kommune" in texts(target.read_text(encoding="utf-8"))


def test_plot_compare_draws_the_models_side_by_side(tmp_path: Path) -> None:
    target = tmp_path / "metrics.svg"
    assert run("plot", "compare", "hvidovre", "skanderborg", "--out", str(target))[0] == 0
    svg = target.read_text(encoding="utf-8")
    assert "Metrics side by side" in texts(svg)
    assert any(label == "skanderborg" for label in texts(svg))
