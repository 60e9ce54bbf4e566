"""The pre-commit hook a municipality's repository uses: its command checks a file with a mistake and a clean one."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from .checks import DATA, MODEL, edit

HOOKS = (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")


def hook(key: str) -> str:
    """One key of the one hook, read as pre-commit reads the YAML (plain scalars only here)."""
    match = re.search(rf"^\s+{key}: (.+)$", HOOKS, re.MULTILINE)
    assert match is not None, key
    return match[1].strip()


def run_hook(*files: Path) -> subprocess.CompletedProcess[str]:
    """The hook's entry with the file names appended, as pre-commit runs it, on the PATH of this Python."""
    environment = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [*shlex.split(hook("entry")), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


def test_the_hook_is_the_check_command_on_toml_files() -> None:
    assert re.search(r"^- id: kommunemodel-check$", HOOKS, re.MULTILINE)
    assert hook("entry") == "kommunemodel check" and hook("language") == "python" and hook("types") == "[toml]"
    assert re.search(hook("exclude"), "pyproject.toml") and not re.search(hook("exclude"), "model.toml")


def test_the_hook_fails_on_a_mistake_and_passes_a_clean_file(tmp_path: Path) -> None:
    clean = DATA / "model.toml"
    broken = tmp_path / "model.toml"
    broken.write_text(edit(MODEL, "horizon_years = 2", "horizn_years = 2"), encoding="utf-8")
    passed = run_hook(clean)
    assert (passed.returncode, passed.stderr) == (0, "") and "no findings in 1 file" in passed.stdout
    failed = run_hook(clean, broken)
    line = MODEL.splitlines().index("horizon_years = 2") + 1
    assert failed.returncode == 1
    assert f"{broken}:{line}: KM021 unknown key 'horizn_years'; did you mean 'horizon_years'?" in failed.stdout
