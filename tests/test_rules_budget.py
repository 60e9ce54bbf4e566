"""KM3xx, the budget rules of a model: each rule broken by an edit of the clean model, and its near misses kept."""

from __future__ import annotations

import pytest

from .checks import MODEL, check_model_text, edit, found

CARRY = (
    'carry_over = { surplus_cap = "unlimited", deficit_cap = 0.05, repayment_plan_above = 0.05, source = "notat §6" }'
)


def carry_over(fields: str) -> str:
    return edit(MODEL, CARRY, f'carry_over = {{ {fields}, source = "notat §6" }}')


def test_the_clean_budget_has_no_findings() -> None:
    assert found(check_model_text(MODEL, "KM3")) == []


def test_km301_percentages_written_as_whole_numbers() -> None:
    text = edit(
        carry_over("surplus_cap = 1.5, deficit_cap = 5, repayment_plan_above = 0.05"), "above = 0.03", "above = -0.03"
    )
    report = check_model_text(text, "KM301")
    assert found(report) == [
        ("KM301", "error", "budget.carry_over.deficit_cap"),
        ("KM301", "error", "budget.carry_over.surplus_cap"),
        ("KM301", "error", "budget.thresholds[0].above"),
    ]
    assert "deficit_cap is 5, not a fraction" in report.findings[0].message


@pytest.mark.parametrize(
    "fields", ["surplus_cap = 0, deficit_cap = 1", 'surplus_cap = "not_described", deficit_cap = "unlimited"']
)
def test_km301_fractions_at_the_ends_and_words_are_fine(fields: str) -> None:
    assert found(check_model_text(carry_over(fields), "KM301")) == []


def test_km302_a_repayment_plan_required_below_the_deficit_cap() -> None:
    report = check_model_text(carry_over("deficit_cap = 0.05, repayment_plan_above = 0.03"), "KM302")
    assert found(report) == [("KM302", "error", "budget.carry_over.repayment_plan_above")]
    assert "above a deficit of 3%, below the deficit cap of 5%" in report.findings[0].message


@pytest.mark.parametrize(
    "fields",
    ["deficit_cap = 0.05, repayment_plan_above = 0.08", 'deficit_cap = "unlimited", repayment_plan_above = 0.02'],
)
def test_km302_a_repayment_plan_from_the_cap_upwards(fields: str) -> None:
    assert found(check_model_text(carry_over(fields), "KM302")) == []


def test_budget_rules_left_wholly_undescribed_are_not_checked() -> None:
    text = edit(MODEL, CARRY, 'carry_over = "not_described"')
    text = edit(
        text,
        text[text.index("thresholds = [") : text.index("]\nsource", text.index("thresholds = [")) + 1],
        'thresholds = "not_described"',
    )
    assert found(check_model_text(text, "KM3")) == []
