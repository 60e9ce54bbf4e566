"""The year-end settlement a budget simulation applies: the model's rules, filled or overridden, with their origin."""

from __future__ import annotations

import math
from typing import Final

from attrs import frozen

from ..errors import BudgetRuleMissingError
from ..model import SteeringModel
from ..model.budget import BudgetRules, CarryOver, Limit, Measure, TechnicalBudget
from ..model.source import Unknown
from .assumptions import Assumption, AssumptionProfile, profile_names
from .scenario import Scenario

#: Where each rule the simulation reads lives in the model file.
RULE_PATHS: Final = {
    "surplus_cap": "budget.carry_over.surplus_cap",
    "deficit_cap": "budget.carry_over.deficit_cap",
    "repayment_plan_above": "budget.carry_over.repayment_plan_above",
    "close_monitoring_above": "budget.thresholds",
    "demography_adjusted": "budget.technical_budget.demography_adjusted",
}


@frozen
class Line:
    """A threshold the simulation counts crossings of: what is measured, and above which fraction of the budget."""

    id: str
    measure: Measure
    above: float


@frozen
class AppliedRule:
    """A rule the simulation applies, its value as printed, and where it comes from (a citation, or why)."""

    name: str
    value: str
    origin: str
    source: str


@frozen
class Settlement:
    """What happens to a unit's balance at each year end; caps are fractions of the annual budget, inf unlimited.

    `repayment_plan_above` is None when there is no repayment plan: then a deficit beyond the cap is not carried.
    """

    surplus_cap: float
    deficit_cap: float
    repayment_plan_above: float | None
    lines: tuple[Line, ...]
    demography_adjusted: bool
    rules: tuple[AppliedRule, ...]
    assumptions: tuple[Assumption, ...]

    @property
    def close_monitoring(self) -> tuple[Line, ...]:
        """The lines on expected overspend: crossing one means closer follow-up."""
        return tuple(line for line in self.lines if line.measure is Measure.EXPECTED_OVERSPEND)

    @property
    def plan_base(self) -> float:
        """Where a repayment plan brings the carried debt back to: the lower of the cap and the plan's line."""
        assert self.repayment_plan_above is not None
        return min(self.deficit_cap, self.repayment_plan_above)


def fraction(value: float | None) -> str:
    """A fraction of the budget as people write it: 5%, unlimited, none."""
    if value is None:
        return "none"
    if math.isinf(value):
        return "unlimited"
    return f"{value * 100:g}%"


class _Resolver:
    """Looks each rule up in the override, the model, then the profile; remembers what was missing."""

    def __init__(self, model: SteeringModel, scenario: Scenario, profile: AssumptionProfile | None) -> None:
        """Start with nothing found and nothing missing."""
        self.model = model
        self.scenario = scenario
        self.profile = profile
        self.rules: list[AppliedRule] = []
        self.assumptions: list[Assumption] = []
        self.missing: list[str] = []

    def from_profile(self, rule: str) -> float | bool | str | None:
        """The profile's value for a rule (recorded as an assumption), or None."""
        entry = self.profile.get(rule) if self.profile is not None else None
        if entry is None:
            self.missing.append(RULE_PATHS[rule])
            return None
        assert self.profile is not None
        shown = entry.value if isinstance(entry.value, str) else _shown(entry.value)
        self.assumptions.append(
            Assumption(rule, str(shown), f"{entry.reason} (profile {self.profile.name})", "profile")
        )
        return entry.value

    def override(self, rule: str, value: float, why: str = "") -> None:
        """Record a rule the user replaced."""
        reason = why or f"set for this run, replacing the model's {RULE_PATHS[rule]}"
        self.assumptions.append(Assumption(rule, fraction(value), reason, "override"))

    def cited(self, rule: str, value: str, citation: object) -> None:
        """Record a rule taken from the model, with its citation."""
        source = str(citation) if citation is not None else "the model file (no citation)"
        self.rules.append(AppliedRule(rule, value, "model", source))


def _shown(value: float | bool) -> str:
    """A profile's value as printed: a fraction, or yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return fraction(value)


def _cap(value: float | Limit | Unknown) -> float | Unknown:
    """A model cap as a number: `unlimited` is infinity; the unknown stays unknown."""
    if isinstance(value, Limit):
        return math.inf
    return value


def settle(model: SteeringModel, scenario: Scenario, profile: AssumptionProfile | None = None) -> Settlement:
    """The settlement for a model: its rules, the scenario's overrides, and the profile where the model is silent.

    Raises BudgetRuleMissingError naming every rule the simulation needs that nobody gives.
    """
    resolve = _Resolver(model, scenario, profile)
    rules: BudgetRules = model.budget
    carry = rules.carry_over if isinstance(rules.carry_over, CarryOver) else None
    citation = carry.source if carry is not None else None

    def cap(rule: str, model_value: float | Unknown) -> float:
        """A cap from the override, the model (cited) or the profile, in that order."""
        override = getattr(scenario, rule)
        if override is not None:
            resolve.override(rule, override)
            return float(override)
        if not isinstance(model_value, Unknown):
            resolve.cited(rule, fraction(model_value), citation)
            return float(model_value)
        found = resolve.from_profile(rule)
        return math.inf if found == "unlimited" else float(found) if isinstance(found, float) else 0.0

    unknown = Unknown()
    surplus_cap = cap("surplus_cap", _cap(carry.surplus_cap) if carry else unknown)
    deficit_cap = cap("deficit_cap", _cap(carry.deficit_cap) if carry else unknown)

    plan: float | None
    model_plan = carry.repayment_plan_above if carry else unknown
    if scenario.repayment_plan_above is not None:
        plan = scenario.repayment_plan_above
        resolve.override("repayment_plan_above", plan)
    elif (
        scenario.deficit_cap is not None
        and carry is not None
        and isinstance(model_plan, float)
        and isinstance(carry.deficit_cap, float)
        and model_plan == carry.deficit_cap
    ):
        # The model makes the plan the consequence of passing the cap; a stricter cap moves the line with it.
        plan = scenario.deficit_cap
        resolve.override(
            "repayment_plan_above",
            plan,
            f"follows the overridden deficit cap: the model sets both at {fraction(model_plan)} ({citation})",
        )
    elif isinstance(model_plan, float):
        plan = model_plan
        resolve.cited("repayment_plan_above", fraction(plan), citation)
    elif model_plan is None:
        plan = None
        resolve.cited("repayment_plan_above", "none (the model has no repayment plan)", citation)
    else:
        found = resolve.from_profile("repayment_plan_above")
        plan = found if isinstance(found, float) else None

    lines = _lines(resolve, rules, scenario)
    demography = _demography(resolve, rules.technical_budget, scenario)

    if resolve.missing:
        raise BudgetRuleMissingError(model.id, _grouped(resolve.missing, carry is None), profile_names())
    resolve.assumptions.extend(modelling_assumptions(scenario, deficit_cap, plan, surplus_cap, demography))
    return Settlement(
        surplus_cap, deficit_cap, plan, lines, demography, tuple(resolve.rules), tuple(resolve.assumptions)
    )


def _lines(resolve: _Resolver, rules: BudgetRules, scenario: Scenario) -> tuple[Line, ...]:
    """The thresholds counted: the model's, with the close-monitoring line overridden or filled where asked."""
    model_lines: list[Line] = []
    if not isinstance(rules.thresholds, Unknown):
        for threshold in rules.thresholds:
            model_lines.append(Line(threshold.id, threshold.measure, threshold.above))
            resolve.cited(
                f"threshold {threshold.id}",
                f"{threshold.measure.value} above {fraction(threshold.above)}: {threshold.consequence}",
                threshold.source,
            )
    if scenario.close_monitoring_above is not None:
        resolve.override("close_monitoring_above", scenario.close_monitoring_above)
        kept = [line for line in model_lines if line.measure is not Measure.EXPECTED_OVERSPEND]
        overspend = [line for line in model_lines if line.measure is Measure.EXPECTED_OVERSPEND]
        name = overspend[0].id if overspend else "close_monitoring"
        return (Line(name, Measure.EXPECTED_OVERSPEND, scenario.close_monitoring_above), *kept)
    if isinstance(rules.thresholds, Unknown):
        found = resolve.from_profile("close_monitoring_above")
        if isinstance(found, float):
            return (Line("close_monitoring", Measure.EXPECTED_OVERSPEND, found),)
        return ()
    return tuple(model_lines)


def _demography(resolve: _Resolver, technical: TechnicalBudget | Unknown, scenario: Scenario) -> bool:
    """Whether budgets follow demand; only asked for when demand grows, since otherwise it changes nothing."""
    known = technical.demography_adjusted if isinstance(technical, TechnicalBudget) else Unknown()
    if scenario.demand_growth == 0:
        return known if isinstance(known, bool) else False
    if isinstance(known, bool):
        assert isinstance(technical, TechnicalBudget)
        resolve.cited("demography_adjusted", "yes" if known else "no", technical.source)
        return known
    found = resolve.from_profile("demography_adjusted")
    return bool(found)


def _grouped(missing: list[str], no_carry_over: bool) -> list[str]:
    """The missing rules as the model file names them; all of carry_over at once when the whole table is missing."""
    carried = [path for path in missing if path.startswith("budget.carry_over.")]
    if no_carry_over and carried:
        return ["budget.carry_over", *[path for path in missing if path not in carried]]
    return missing


def modelling_assumptions(
    scenario: Scenario, deficit_cap: float, plan: float | None, surplus_cap: float, demography: bool
) -> list[Assumption]:
    """The choices of the simulation that no source states, as printed with every result."""
    found = [
        Assumption(
            "spending",
            f"{scenario.distribution}(mean {scenario.spend_mean:g}, sd {scenario.spend_sd:g})",
            "each unit-year's spending is drawn as a share of the unit's spending frame (its appropriation less any "
            "repayment instalment), independently across units and runs and of the balance the unit carries",
            "modelling",
        ),
        Assumption(
            "expected_overspend",
            "the year's spending beyond the year's frame",
            "the close-monitoring line is tested on that year's overspend as a fraction of the annual budget, as if "
            "the monthly forecast were exact; balances carried in from earlier years do not count toward it",
            "modelling",
        ),
        Assumption(
            "initial_balance",
            fraction(scenario.initial_balance) if scenario.initial_balance else "0",
            "every unit starts the first year with this carried balance",
            "parameter",
        ),
    ]
    if plan is not None:
        found.append(
            Assumption(
                "repayment_plan",
                f"the debt beyond {fraction(min(deficit_cap, plan))}, over {scenario.repayment_years} years",
                "a deficit beyond the cap is carried, not written off; when the debt passes the repayment line a plan "
                "takes over the part beyond the lower of the cap and the line, and repays it in equal yearly "
                "instalments that lower the unit's spending frame; a new plan for a unit with one running re-spreads "
                "what is left over a fresh period",
                "modelling",
            )
        )
        found.append(
            Assumption(
                "repayment_years",
                str(scenario.repayment_years),
                "no source in the project says over how many years a repayment plan runs",
                "parameter",
            )
        )
    elif math.isfinite(deficit_cap):
        found.append(
            Assumption(
                "deficit_beyond_cap",
                "not carried",
                "with no repayment plan, the cap is read literally: a deficit beyond it leaves the unit's balance "
                "(the municipality as a whole absorbs it) and is counted as lapsed",
                "modelling",
            )
        )
    if math.isfinite(surplus_cap):
        found.append(
            Assumption(
                "surplus_beyond_cap",
                "lapses",
                "a surplus beyond the cap is not carried and is counted as lapsed",
                "modelling",
            )
        )
    if scenario.year_correlation:
        found.append(
            Assumption(
                "year_correlation",
                f"{scenario.year_correlation:g}",
                "a unit's spending deviation follows an AR(1) process across its years with this correlation",
                "parameter",
            )
        )
    if scenario.cap_response:
        found.append(
            Assumption(
                "cap_response",
                f"{scenario.cap_response:g}",
                "a unit expecting to end beyond the deficit cap cuts this share of the excess before the year end "
                "(after the close-monitoring line is tested)",
                "parameter",
            )
        )
    if scenario.surplus_response:
        found.append(
            Assumption(
                "surplus_response",
                f"{scenario.surplus_response:g}",
                "a unit expecting a surplus beyond the surplus cap spends this share of the excess before it lapses",
                "parameter",
            )
        )
    if scenario.demand_growth:
        found.append(
            Assumption(
                "demand_growth",
                f"{scenario.demand_growth:+g} a year",
                "what the unit's tasks cost grows by this much each year; a demography-adjusted budget grows with "
                + ("it (this model's)" if demography else "it, this one stays flat")
                + "; amounts are fractions of the first year's budget",
                "parameter",
            )
        )
    return found
