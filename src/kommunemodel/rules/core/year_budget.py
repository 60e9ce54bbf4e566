"""KM411–KM414: the units' budget results against the model's carry-over caps and thresholds."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import CarryOver, Measure
from ...year.data import BudgetResult
from ..base import Finding, Rule, Severity, SubjectKind, rule
from ..subject import Subject
from .words import kroner, percent

#: Amounts are kroner; a difference below this is rounding.
ROUNDING = 0.5


def _carry_over(subject: Subject) -> CarryOver | None:
    carry = subject.model.budget.carry_over
    return carry if isinstance(carry, CarryOver) else None


def _plan_required(carry: CarryOver, result: BudgetResult) -> bool:
    above = carry.repayment_plan_above
    return isinstance(above, float) and result.deficit_carried > above


@rule("KM411", "carry-over-cap", Severity.ERROR, subject=SubjectKind.YEAR)
def carry_over_cap(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit carries more surplus or deficit into next year than the model's caps allow.

    ## What it checks
    Each budget result's `carried_out`, as a fraction of its `budget`, is within `carry_over.surplus_cap` (a
    surplus) or `carry_over.deficit_cap` (a deficit). A deficit above `repayment_plan_above` is left to
    KM412: there the model allows a larger deficit with a repayment plan.

    ## Why it matters
    Carry-over is the unit's freedom across years, and its cap is the municipality's protection: in
    Skanderborg a deficit of up to 5% of the annual budget may be carried, a surplus without limit
    (Skanderborg Kommune, Ledelse og styring 2018, §6.2).

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000     # 7.5% of the budget
    ```

    ## Use instead
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000
    repayment_plan = true        # where the model requires a plan above the cap
    ```
    """
    carry = _carry_over(subject)
    if carry is None:
        return
    for index, result in subject.results():
        for share, cap, what in (
            (result.surplus_carried, carry.surplus_cap, "surplus"),
            (result.deficit_carried, carry.deficit_cap, "deficit"),
        ):
            if not isinstance(cap, float) or share <= cap or (what == "deficit" and _plan_required(carry, result)):
                continue
            yield self.finding(
                ("budget_results", index, "carried_out"),
                f"unit {result.unit!r} carries a {what} of {kroner(abs(result.carried_out))}, "
                f"{percent(share)} of its budget, above the cap of {percent(cap)}",
                f"carry at most {kroner(cap * result.budget)}",
            )


@rule("KM412", "repayment-plan-missing", Severity.ERROR, subject=SubjectKind.YEAR)
def repayment_plan_missing(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit carries a deficit that requires a repayment plan, and has none.

    ## What it checks
    Each budget result whose deficit carried into next year, as a fraction of its budget, is above
    `carry_over.repayment_plan_above` has `repayment_plan = true`.

    ## Why it matters
    Above 5% of the annual budget, a deficit in Skanderborg requires a formal repayment plan (Skanderborg
    Kommune, Ledelse og styring 2018, §6; §6.2): without one, the deficit is carried with no path back.

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000
    ```

    ## Use instead
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 43_000_000
    carried_out = -3_000_000
    repayment_plan = true
    ```
    """
    carry = _carry_over(subject)
    if carry is None:
        return
    above = carry.repayment_plan_above
    if not isinstance(above, float):
        return
    for index, result in subject.results():
        if result.deficit_carried > above and not result.repayment_plan:
            yield self.finding(
                ("budget_results", index),
                f"unit {result.unit!r} carries a deficit of {percent(result.deficit_carried)} of its budget, "
                f"above {percent(above)}, without a repayment plan",
                "agree a repayment plan and set repayment_plan = true",
            )


@rule("KM413", "threshold-crossed", Severity.WARNING, subject=SubjectKind.YEAR)
def threshold_crossed(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit's budget result crosses one of the model's thresholds.

    ## What it checks
    For each threshold in `budget.thresholds`, each budget result whose measure — `expected_overspend`
    (the overspend forecast during the year), the `deficit` or the `surplus` carried out, each as a fraction of
    the budget — is above `above`. The finding names the threshold's consequence.

    ## Why it matters
    Thresholds are the model's early warnings: in Skanderborg an expected overspend above 3% of the annual
    budget makes Økonomistaben follow the unit closely (Skanderborg Kommune, Ledelse og styring 2018, §6.2).
    The finding is the flag; the consequence is for the people named in the threshold.

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 40_500_000
    expected_overspend = 1_600_000     # 4% of the budget
    ```

    ## Use instead
    ```toml
    # A flag, not a fault: follow the consequence, and record it if the file should check clean
    [[waivers]]
    code = "KM413"
    path = "budget_results[0]"
    reason = "Close follow-up by Økonomistaben from May 2024"
    ```
    """
    thresholds = subject.model.budget.thresholds
    if not isinstance(thresholds, tuple) or not thresholds:
        return
    for index, result in subject.results():
        measures = {
            Measure.EXPECTED_OVERSPEND: (
                None if result.expected_overspend is None else result.expected_overspend / result.budget,
                "expected_overspend",
            ),
            Measure.DEFICIT: (result.deficit_carried, "carried_out"),
            Measure.SURPLUS: (result.surplus_carried, "carried_out"),
        }
        for threshold in thresholds:
            share, field_name = measures[threshold.measure]
            if share is not None and share > threshold.above:
                yield self.finding(
                    ("budget_results", index, field_name),
                    f"unit {result.unit!r}: {threshold.measure.value.replace('_', ' ')} of {percent(share)} of the "
                    f"budget is above {percent(threshold.above)} ({threshold.id}): {threshold.consequence}",
                    "follow the consequence the model names; waive the finding with the reason once it is handled",
                )


@rule("KM414", "carry-over-exceeds-result", Severity.WARNING, subject=SubjectKind.YEAR)
def carry_over_exceeds_result(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A unit carries out more than the year left it.

    ## What it checks
    Each budget result's `carried_out` is at most its result: `budget + carried_in - spent`. A surplus carried
    cannot be larger than the surplus made, and a deficit carried cannot be smaller than the deficit made.

    ## Why it matters
    Carry-over moves the year's result into the next year (Skanderborg Kommune, Ledelse og styring 2018, §6.2);
    it cannot create money. A carry-over larger than the result is usually a sign error or a forgotten
    `carried_in`, and every cap and threshold check after it would be computed on the wrong amount.

    ## Example
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 41_000_000
    carried_out = 1_000_000      # the year left a deficit of 1,000,000
    ```

    ## Use instead
    ```toml
    [[budget_results]]
    unit = "nordskolen"
    budget = 40_000_000
    spent = 41_000_000
    carried_out = -1_000_000
    ```
    """
    for index, result in subject.results():
        if result.carried_out > result.result + ROUNDING:
            yield self.finding(
                ("budget_results", index, "carried_out"),
                f"unit {result.unit!r} carries out {kroner(result.carried_out)}, but its result is "
                f"{kroner(result.result)} (budget + carried_in - spent)",
                "check the sign of carried_out (a deficit is negative) and carried_in",
            )
