"""`kommunemodel new`: a complete, installable plugin that is listed, checks and passes its own tests."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from kommunemodel.cli import main
from kommunemodel.io import loads_model
from kommunemodel.scaffold import ScaffoldError, default_prefix, new_plugin

FILES = [
    "README.md",
    "pyproject.toml",
    "src/kommunemodel_varde/__init__.py",
    "src/kommunemodel_varde/examples/year-2026.toml",
    "src/kommunemodel_varde/model.toml",
    "src/kommunemodel_varde/py.typed",
    "src/kommunemodel_varde/rules.py",
    "tests/test_rules.py",
    "tests/test_varde.py",
]
#: Every section of the model file, each of which the scaffold's model.toml names with a comment.
SECTIONS = [
    "municipality",
    "sources",
    "principles",
    "scope",
    "levels",
    "bodies",
    "roles",
    "responsibilities",
    "documents",
    "events",
    "constraints",
    "budget",
    "waivers",
]


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=stdout, stderr=stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def test_new_writes_a_complete_distribution(tmp_path: Path) -> None:
    made = new_plugin("varde", "Varde Kommune", tmp_path, source_title="Varde Kommunes styringsmodel", year=2026)
    assert made.root == tmp_path / "varde" and made.prefix == "VAR"
    assert list(made.files) == FILES
    assert sorted(str(p.relative_to(made.root)) for p in made.root.rglob("*") if p.is_file()) == FILES
    pyproject = (made.root / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.kommunemodel]\nvarde = "kommunemodel_varde"' in pyproject
    assert 'name = "kommunemodel-varde"' in pyproject
    text = (made.root / "src/kommunemodel_varde/model.toml").read_text(encoding="utf-8")
    model = loads_model(text)
    assert (model.id, model.name, model.sources[0].title) == ("varde", "Varde Kommune", "Varde Kommunes styringsmodel")
    for section in SECTIONS:
        assert f"[{section}]" in text or f"[[{section}]]" in text, section
    assert text.count('"not_described"') >= 4  # nothing is invented: what the source says is to be filled in
    assert oct((made.root).stat().st_mode & 0o777) != oct(0o700)  # an ordinary folder, not mkdtemp's private one


def test_the_prefix_comes_from_the_id_or_the_option(tmp_path: Path) -> None:
    assert (
        default_prefix("helsingoer") == "HEL" and default_prefix("ishoej") == "ISH" and default_prefix("aa_1") == "AA"
    )
    made = new_plugin("varde", "Varde Kommune", tmp_path, prefix="VRD")
    assert made.prefix == "VRD"
    assert '@rule("VRD001"' in (made.root / "src/kommunemodel_varde/rules.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("plugin_id", "options", "message"),
    [
        ("Varde", {}, "'Varde' is not a plugin id"),
        ("var-de", {}, "is not a plugin id"),
        ("1varde", {}, "is not a plugin id"),
        ("varde", {"taken_ids": {"varde"}}, "a model or plugin called 'varde' is already installed"),
        ("varde", {"prefix": "KM"}, "is not a rule prefix"),
        ("varde", {"prefix": "var"}, "is not a rule prefix"),
        ("varde", {"taken_prefixes": {"VAR"}}, "the rule prefix VAR is already used"),
        ("varde", {"source_title": 'Varde "styringsmodel"'}, "holds a quote"),
    ],
)
def test_new_refuses(tmp_path: Path, plugin_id: str, options: dict[str, object], message: str) -> None:
    with pytest.raises(ScaffoldError, match=message):
        new_plugin(plugin_id, "Varde Kommune", tmp_path, **options)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_new_never_overwrites_a_file(tmp_path: Path) -> None:
    mine = tmp_path / "zz_scaffold_test" / "model.toml"
    mine.parent.mkdir()
    mine.write_text("my own work\n", encoding="utf-8")
    status, out, err = run("new", "zz_scaffold_test", "--name", "Varde Kommune", "--dir", str(tmp_path))
    assert (status, out) == (2, "")
    folder = tmp_path / "zz_scaffold_test"
    assert err == f"kommunemodel new: {folder} already exists and is not empty: nothing was written\n"
    assert mine.read_text(encoding="utf-8") == "my own work\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["zz_scaffold_test"]  # no temporary folder left


def test_new_refuses_an_installed_id_and_prefix(tmp_path: Path) -> None:
    assert run("new", "helsingoer", "--name", "Helsingør Kommune", "--dir", str(tmp_path))[2] == (
        "kommunemodel new: a model or plugin called 'helsingoer' is already installed (see `kommunemodel plugins`)\n"
    )
    status, _out, err = run("new", "hels", "--name", "Hels", "--dir", str(tmp_path))
    assert status == 2 and "the rule prefix HEL is already used by an installed plugin" in err


def test_a_failure_half_way_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kommunemodel.scaffold as scaffold

    calls = []
    real = scaffold.Template.substitute

    def fail_on_third(self: object, *args: object, **kwargs: object) -> str:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scaffold.Template, "substitute", fail_on_third)
    with pytest.raises(OSError, match="disk full"):
        new_plugin("varde", "Varde Kommune", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_new_prints_what_it_wrote_and_what_to_do_next(tmp_path: Path) -> None:
    argv = ["new", "zz_scaffold_test", "--name", "Varde Kommune", "--dir", str(tmp_path), "--source-date", "2019"]
    status, out, err = run(*argv, "--prefix", "ZZS")
    assert (status, err) == (0, "")
    folder = tmp_path / "zz_scaffold_test"
    assert out.startswith(f"wrote {folder}/ (distribution kommunemodel-zz-scaffold-test, rule prefix ZZS):\n")
    assert f"  pip install -e {folder}\n" in out
    model = (folder / "src/kommunemodel_zz_scaffold_test/model.toml").read_text(encoding="utf-8")
    assert 'date = "2019"' in model


def _python_in_a_fresh_venv(folder: Path) -> Path:
    """A fresh virtual environment that sees this test environment's packages, without copying them."""
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(folder)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # addsitedir also reads that folder's .pth files: the editable installs of the core and the bundled plugins.
    here = sysconfig.get_paths()["purelib"]
    Path(purelib, "_kommunemodel_test_env.pth").write_text(f"import site; site.addsitedir({here!r})\n")
    return python


@pytest.mark.venv
def test_a_scaffolded_plugin_installs_and_is_listed_checked_and_passes_its_tests(tmp_path: Path) -> None:
    made = new_plugin("varde", "Varde Kommune", tmp_path / "plugins", source_title="Varde Kommunes styringsmodel")
    python = _python_in_a_fresh_venv(tmp_path / "venv")
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "KOMMUNEMODEL"))}

    def call(*argv: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(python), *argv], capture_output=True, text=True, cwd=cwd, env=environment)

    # Offline and fast: no index, no build isolation (setuptools comes from the test environment).
    installed = call(
        "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index", "-e", str(made.root)
    )
    assert installed.returncode == 0, installed.stderr

    def cli(*argv: str) -> subprocess.CompletedProcess[str]:
        return call("-c", "from kommunemodel.cli import entry; entry()", *argv)

    listed = cli("list", "--format", "json")
    assert (listed.returncode, listed.stderr) == (0, "")
    (row,) = [row for row in json.loads(listed.stdout) if row["id"] == "varde"]
    assert (row["name"], row["distribution"], row["version"]) == ("Varde Kommune", "kommunemodel-varde", "0.1.0")
    plugins = cli("plugins", "--format", "json")
    (entry,) = [plugin for plugin in json.loads(plugins.stdout)["plugins"] if plugin["name"] == "varde"]
    assert (entry["status"], entry["prefixes"], entry["rules"], entry["models"]) == (
        "ok",
        ["VAR"],
        ["VAR001"],
        ["varde"],
    )
    assert entry["hooks"] == ["kommunemodel_models", "kommunemodel_retired_rules", "kommunemodel_rules"]
    checked = cli("check", "varde", "--format", "json")
    assert (checked.returncode, checked.stderr) == (0, "")  # a warning only: the source has no date yet
    assert [finding["code"] for finding in json.loads(checked.stdout)["findings"]] == ["VAR001"]
    shown = cli("show", "varde")
    assert shown.returncode == 0 and "Varde Kommune (varde)" in shown.stdout
    assert cli("rule", "VAR001").stdout.startswith("# VAR001 source-undated (warning, checks model (varde))")
    if cli("compare", "--help").returncode == 0:  # once the comparison exists, the plugin is compared too
        compared = cli("compare", "varde", "helsingoer")
        assert compared.returncode == 0, compared.stderr

    tests = call("-m", "pytest", "-q", "-p", "no:randomly", cwd=made.root)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert " passed" in tests.stdout and "failed" not in tests.stdout
    linted = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."], capture_output=True, text=True, cwd=made.root
    )
    assert linted.returncode == 0, linted.stdout
