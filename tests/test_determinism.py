"""Same input, same bytes: every output format is identical across runs and across PYTHONHASHSEED values.

Each run is a fresh interpreter (a subprocess), since hash randomisation is fixed when Python starts: set and
dict order of strings, and anything that leaks it into output, differs only between processes.
"""

from __future__ import annotations

import os
import subprocess
import sys

from .checks import DATA

# Every output format of the commands that write one, in one process per seed, to keep the test quick.
COMMANDS = [
    ["check", str(DATA / "one_pass.toml"), str(DATA / "ten_mistakes.toml"), str(DATA / "year.toml"), "--format", fmt]
    for fmt in ("text", "json", "sarif", "github")
] + [
    ["check", "helsingoer", "hvidovre", "ishoej", "skanderborg", "--format", "json"],
    ["show", "skanderborg", "--format", "toml"],
    ["show", "helsingoer", "--format", "json"],
    ["show", "hvidovre"],
    ["list", "--format", "json"],
    ["rules", "--format", "json"],
]

SCRIPT = """
import io, sys
from kommunemodel.cli import main
for argv in COMMANDS:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out, err)
    sys.stdout.write(f"$ {' '.join(argv)} -> {status}\\n{out.getvalue()}{err.getvalue()}")
"""


def outputs(seed: str) -> bytes:
    """Every command's output, as one run of Python with this hash seed writes it."""
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    program = f"COMMANDS = {COMMANDS!r}\n{SCRIPT}"
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, env=environment, check=True)
    return done.stdout


def test_every_output_is_byte_identical_across_hash_seeds() -> None:
    # Two runs, two seeds: a difference of run or of seed would show.
    first, second = outputs("0"), outputs("4242")
    assert b"-> 1" in first and b'"schema": "kommunemodel-findings/1"' in first and b"[[documents]]" in first
    assert first == second
