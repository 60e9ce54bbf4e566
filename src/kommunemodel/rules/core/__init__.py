"""The core rules, registered as a built-in plugin through the same hook an outside plugin uses.

KM00x waivers · KM01x–KM03x load findings (rules/load.py) · KM1xx model structure · KM2xx annual cycle ·
KM3xx budget rules · KM4xx a year's data.
"""

from __future__ import annotations

from ...hookspecs import hookimpl
from ..base import Rule
from ..load import LOAD_RULES
from ..waivers import unused_waiver, waiver_without_reason
from .budget import fraction_out_of_range, repayment_below_cap
from .cycle import (
    constraint_cycle,
    constraint_never_scheduled,
    lag_exceeds_period,
    lag_ill_formed,
    timing_inconsistent,
)
from .structure import (
    approver_below_owner,
    document_cycle,
    document_without_owner,
    duplicate_id,
    fact_without_source,
    level_without_responsible,
    no_political_root,
    organisation_cycle,
    unresolved_reference,
)
from .year_budget import carry_over_cap, carry_over_exceeds_result, repayment_plan_missing, threshold_crossed
from .year_documents import (
    document_missing,
    economic_frame_missing,
    second_agreement,
    signed_after_deadline,
    signed_off_cadence,
    wrong_approver,
    wrong_parties,
)
from .year_goals import goal_count, goal_criteria, goal_fields
from .year_meetings import meeting_count
from .year_references import outside_year, year_reference

#: The core's rules in code order: the table their codes are read from.
RULES: tuple[Rule, ...] = (
    waiver_without_reason,
    unused_waiver,
    *LOAD_RULES,
    duplicate_id,
    unresolved_reference,
    organisation_cycle,
    document_cycle,
    no_political_root,
    level_without_responsible,
    document_without_owner,
    approver_below_owner,
    fact_without_source,
    timing_inconsistent,
    lag_ill_formed,
    constraint_never_scheduled,
    lag_exceeds_period,
    constraint_cycle,
    fraction_out_of_range,
    repayment_below_cap,
    year_reference,
    outside_year,
    document_missing,
    wrong_parties,
    signed_after_deadline,
    goal_count,
    goal_fields,
    goal_criteria,
    economic_frame_missing,
    meeting_count,
    carry_over_cap,
    repayment_plan_missing,
    threshold_crossed,
    carry_over_exceeds_result,
    signed_off_cadence,
    second_agreement,
    wrong_approver,
)


@hookimpl
def kommunemodel_rules() -> tuple[Rule, ...]:
    """The core rules, for every model."""
    return RULES
