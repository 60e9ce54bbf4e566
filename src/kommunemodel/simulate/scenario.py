"""The parameters of a budget simulation: sizes, the spending distribution, behaviour, and rule overrides."""

from __future__ import annotations

import math
from typing import Any, Final

import attrs
from attrs import field, frozen


def _at_least(low: float) -> Any:
    """attrs validator: the value is >= `low`."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
        """Refuse a value below `low`."""
        if not value >= low:  # also refuses NaN
            raise ValueError(f"'{attribute.name}' must be >= {low:g} (got {value!r})")

    return check


def _between(low: float, high: float, *, open_high: bool = False) -> Any:
    """attrs validator: low <= value <= high (or < high)."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
        """Refuse a value outside the interval."""
        inside = low <= value < high if open_high else low <= value <= high
        if not inside:
            bracket = ")" if open_high else "]"
            raise ValueError(f"'{attribute.name}' must lie in [{low:g}, {high:g}{bracket} (got {value!r})")

    return check


def _optional_cap(_instance: object, attribute: attrs.Attribute[Any], value: float | None) -> None:
    """attrs validator: None (the model's rule), a fraction >= 0, or infinity (unlimited)."""
    if value is not None and not value >= 0:
        raise ValueError(f"'{attribute.name}' must be >= 0 or 'unlimited' (got {value!r})")


def _finite(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """attrs validator: the value is a finite number."""
    if not math.isfinite(value):
        raise ValueError(f"'{attribute.name}' must be a finite number (got {value!r})")


DISTRIBUTIONS: Final = ("normal", "lognormal")


@frozen(kw_only=True)
class Scenario:
    """What is simulated: how many units, years and runs, how units spend, and which rules are overridden.

    Every amount is a fraction of a unit's annual budget. The rule overrides (`surplus_cap` …) are None when the
    model's own rule applies; a number replaces it for this run (a counterfactual, printed as such).
    """

    units: int = field(default=60, validator=_at_least(1))
    years: int = field(default=4, validator=_at_least(1))
    runs: int = field(default=10_000, validator=_at_least(2))
    spend_mean: float = field(default=1.0, converter=float, validator=[_finite, _at_least(0.0)])
    spend_sd: float = field(default=0.04, converter=float, validator=[_finite, _at_least(0.0)])
    distribution: str = field(default="normal")
    year_correlation: float = field(default=0.0, converter=float, validator=_between(0.0, 1.0, open_high=True))
    cap_response: float = field(default=0.0, converter=float, validator=_between(0.0, 1.0))
    surplus_response: float = field(default=0.0, converter=float, validator=_between(0.0, 1.0))
    repayment_years: int = field(default=3, validator=_at_least(1))
    demand_growth: float = field(default=0.0, converter=float, validator=[_finite, _between(-0.5, 0.5)])
    initial_balance: float = field(default=0.0, converter=float, validator=[_finite, _between(-1.0, 1.0)])
    surplus_cap: float | None = field(default=None, validator=_optional_cap)
    deficit_cap: float | None = field(default=None, validator=_optional_cap)
    repayment_plan_above: float | None = field(default=None, validator=_optional_cap)
    close_monitoring_above: float | None = field(default=None, validator=_optional_cap)

    @distribution.validator
    def _distribution(self, attribute: attrs.Attribute[Any], value: str) -> None:
        """The distribution is one the simulation draws from."""
        if value not in DISTRIBUTIONS:
            raise ValueError(f"'distribution' must be one of {', '.join(DISTRIBUTIONS)} (got {value!r})")

    @spend_sd.validator
    def _lognormal_mean(self, attribute: attrs.Attribute[Any], value: float) -> None:
        """A lognormal needs a positive mean."""
        if self.distribution == "lognormal" and self.spend_mean <= 0:
            raise ValueError(f"'spend_mean' must be > 0 for a lognormal distribution (got {self.spend_mean!r})")

    def replace(self, **changes: Any) -> Scenario:
        """A copy with some parameters changed (validated like a new scenario)."""
        return attrs.evolve(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """The parameters as plain values: infinity as "unlimited", the unset overrides left out."""
        values: dict[str, Any] = {}
        for name, value in attrs.asdict(self).items():
            if value is None:
                continue
            values[name] = "unlimited" if isinstance(value, float) and math.isinf(value) else value
        return values


#: The rule overrides, by name: what each replaces in the model.
RULE_OVERRIDES: Final = {
    "surplus_cap": "budget.carry_over.surplus_cap",
    "deficit_cap": "budget.carry_over.deficit_cap",
    "repayment_plan_above": "budget.carry_over.repayment_plan_above",
    "close_monitoring_above": "budget.thresholds (expected_overspend)",
}

#: One line on each parameter, for --help, the README and the printed results.
PARAMETERS: Final = {
    "units": "budget holders (units) simulated side by side",
    "years": "budget years simulated, one year end each",
    "runs": "Monte Carlo runs; the confidence intervals are across runs",
    "spend_mean": "mean spending as a share of the unit's spending frame (1.0: on budget)",
    "spend_sd": "standard deviation of that share",
    "distribution": "normal, or lognormal with the same mean and standard deviation",
    "year_correlation": "correlation of a unit's spending deviation with its own previous year (AR(1))",
    "cap_response": "share of an expected deficit beyond the cap that a unit cuts before the year end",
    "surplus_response": "share of an expected surplus beyond the surplus cap that a unit spends before it lapses",
    "repayment_years": "years over which a repayment plan pays back its debt, in equal instalments",
    "demand_growth": "yearly growth in what the unit's tasks cost (children, elderly); 0 leaves demography out",
    "initial_balance": "every unit's carried balance before the first year",
    "surplus_cap": "override of the model's surplus cap",
    "deficit_cap": "override of the model's deficit cap",
    "repayment_plan_above": "override of the model's repayment-plan line",
    "close_monitoring_above": "override of the model's close-monitoring line (expected overspend)",
}

#: Parameters whose values are whole numbers.
INTEGER_PARAMETERS: Final = frozenset({"units", "years", "runs", "repayment_years"})


def parse_value(name: str, text: str) -> Any:
    """One parameter's value from the command line: ints, floats, "unlimited" for a cap, a distribution's name."""
    key = name.replace("-", "_")
    if key not in PARAMETERS:
        raise ValueError(f"unknown parameter {name!r} (known: {', '.join(sorted(PARAMETERS))})")
    text = text.strip()
    if key == "distribution":
        return text
    if key in RULE_OVERRIDES and text == "unlimited":
        return math.inf
    try:
        if key in INTEGER_PARAMETERS:
            return int(text)
        return float(text)
    except ValueError:
        kind = "a whole number" if key in INTEGER_PARAMETERS else "a number"
        raise ValueError(f"{name} must be {kind} (got {text!r})") from None
