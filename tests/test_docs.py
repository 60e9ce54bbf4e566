"""Docs and code in step: the README documents every key of the model file and every hook; CI runs its test command."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from kommunemodel import hookspecs, model

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
REFERENCE = README[README.index("### Reference") : README.index("## Adding a municipality")]

# Every table of the model file: the attrs classes of the vocabulary, less those written as plain values.
WRITTEN_AS_VALUES = (model.Citation, model.Span)
DOCUMENTED = [kind for kind in vars(model).values() if attrs.has(kind) and kind not in WRITTEN_AS_VALUES]


@pytest.mark.parametrize("kind", DOCUMENTED, ids=lambda kind: kind.__name__)
def test_every_key_of_the_model_file_is_in_the_reference(kind: type) -> None:
    missing = [
        field.name for field in attrs.fields(kind) if not re.search(rf"(?<![\w-]){field.name}(?![\w-])", REFERENCE)
    ]
    assert missing == [], f"{kind.__name__}: keys not documented in the README reference: {missing}"


def test_every_enum_value_is_in_the_reference() -> None:
    from enum import StrEnum

    # Raci is derived from verbs, never written in a file.
    enums = [
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not model.Raci
    ]
    missing = [
        f"{kind.__name__}.{member.value}"
        for kind in enums
        for member in kind
        if not re.search(rf"[`\"]{member.value}[`\"]", REFERENCE)
    ]
    assert missing == []


def test_every_hook_is_documented() -> None:
    hooks = [name for name in vars(hookspecs) if name.startswith("kommunemodel_")]
    assert hooks
    for name in hooks:
        assert f"`{name}(" in README, name


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"^(python3 -m venv .*)$", README, flags=re.MULTILINE)
    assert len(commands) == 2, "the README has exactly two set-up commands"
    test_command = commands[1]
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
