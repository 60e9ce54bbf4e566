"""KM3xx: budget rules — fractions of the annual budget, and the repayment threshold against the deficit cap."""

from __future__ import annotations

from collections.abc import Iterator

from ...model import CarryOver
from ..base import Finding, Rule, Severity, rule
from ..subject import Subject
from .words import percent


@rule("KM301", "fraction-out-of-range", Severity.ERROR)
def fraction_out_of_range(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A budget cap or threshold is not a fraction between 0 and 1.

    ## What it checks
    `carry_over.surplus_cap`, `carry_over.deficit_cap`, `carry_over.repayment_plan_above` and each threshold's
    `above` are fractions of the annual budget: numbers from 0 to 1 (`0.05` is 5%). `"unlimited"` and
    `"not_described"` are allowed where the field takes them.

    ## Why it matters
    Skanderborg caps the deficit a unit carries into the next year at 5% of its annual budget, and watches
    closely an expected overspend above 3% (Skanderborg Kommune, Ledelse og styring 2018, §6.2). Written as
    `5` instead of `0.05`, the cap would allow a deficit of five times the budget, and every year file would
    pass.

    ## Example
    ```toml
    [budget.carry_over]
    deficit_cap = 5          # meant 5%
    ```

    ## Use instead
    ```toml
    [budget.carry_over]
    deficit_cap = 0.05
    ```
    """
    carry = subject.model.budget.carry_over
    if isinstance(carry, CarryOver):
        for name in ("surplus_cap", "deficit_cap", "repayment_plan_above"):
            value = getattr(carry, name)
            if isinstance(value, float) and not 0 <= value <= 1:
                yield self.finding(
                    ("budget", "carry_over", name),
                    f"{name} is {value:g}, not a fraction of the annual budget between 0 and 1",
                    f"write percentages as fractions: 5% is {name} = 0.05",
                )
    thresholds = subject.model.budget.thresholds
    for index, threshold in enumerate(thresholds if isinstance(thresholds, tuple) else ()):
        if not 0 <= threshold.above <= 1:
            yield self.finding(
                ("budget", "thresholds", index, "above"),
                f"threshold {threshold.id!r} is above {threshold.above:g}, not a fraction between 0 and 1",
                "write percentages as fractions: 3% is above = 0.03",
            )


@rule("KM302", "repayment-below-cap", Severity.ERROR)
def repayment_below_cap(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A repayment plan is required from a deficit below the deficit carry-over cap.

    ## What it checks
    `carry_over.repayment_plan_above` is not below `carry_over.deficit_cap`, where both are numbers.

    ## Why it matters
    A repayment plan is what a unit owes for a deficit beyond what it may carry freely: in Skanderborg a
    deficit up to 5% is carried, and above that a formal repayment plan is required (Skanderborg Kommune,
    Ledelse og styring 2018, §6; §6.2). A plan required from below the cap contradicts the cap: a deficit the
    unit may carry would still need paying back on a plan.

    ## Example
    ```toml
    [budget.carry_over]
    deficit_cap = 0.05
    repayment_plan_above = 0.03
    ```

    ## Use instead
    ```toml
    [budget.carry_over]
    deficit_cap = 0.05
    repayment_plan_above = 0.05
    ```
    """
    carry = subject.model.budget.carry_over
    if not isinstance(carry, CarryOver):
        return
    cap, plan = carry.deficit_cap, carry.repayment_plan_above
    if isinstance(cap, float) and isinstance(plan, float) and plan < cap:
        yield self.finding(
            ("budget", "carry_over", "repayment_plan_above"),
            f"a repayment plan is required above a deficit of {percent(plan)}, below the deficit cap of {percent(cap)}",
            "require the plan from the cap upwards (repayment_plan_above >= deficit_cap)",
        )
