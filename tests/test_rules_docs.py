"""docs/checking.md and the rules in step: every code documented, the rule table as the rules give it."""

from __future__ import annotations

import re
from pathlib import Path

from kommunemodel.rules import render

from .checks import core_rules

DOCS = (Path(__file__).parent.parent / "docs" / "checking.md").read_text(encoding="utf-8")


def test_every_rule_code_appears_in_the_docs() -> None:
    missing = [code for code in core_rules().codes() if not re.search(rf"\b{code}\b", DOCS)]
    assert missing == []


def test_the_rule_table_is_the_one_the_rules_give() -> None:
    table = DOCS[DOCS.index("<!-- rules:begin") : DOCS.index("<!-- rules:end -->")].split("\n", 1)[1]
    assert table == render.rules_table_markdown(core_rules()), (
        "regenerate the table between the markers from: kommunemodel rules --format markdown"
    )


def test_the_rules_hook_and_every_output_format_are_documented() -> None:
    assert "`kommunemodel_rules()`" in DOCS
    for option in ("--select", "--ignore", "--fail-on", "--model", "--format text|json|sarif|github"):
        assert option in DOCS.replace("\\|", "|"), option
