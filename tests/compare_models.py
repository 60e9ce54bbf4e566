"""A small invented model for the comparison tests, and ways to vary it: every value below is known by hand."""

from __future__ import annotations

from kommunemodel import loads_model
from kommunemodel.model import SteeringModel

LILLE = """
schema = "kommunemodel/1"

[municipality]
id = "lille"
name = "Lille Kommune"
election_term_years = 4
source = "note §1"

[[sources]]
id = "note"
title = "An invented note for tests"

[[levels]]
id = "raad"
name = "Byråd"
kind = "political"
source = "note §1"

[[levels]]
id = "direktionsniveau"
name = "Direktion"
kind = "executive"
parent = "raad"
COUNT_EXECUTIVE
source = "note §2"

[[levels]]
id = "center"
name = "Center"
kind = "centre"
parent = "direktionsniveau"
COUNT_CENTRE
source = "note §2"

[[levels]]
id = "enhed"
name = "Enhed"
kind = "unit"
parent = "center"
COUNT_UNIT
source = "note §2"

[[bodies]]
id = "udvalg"
name = "Fagudvalg"
kind = "committee"
level = "raad"
count = 2
source = "note §3"

[[bodies]]
id = "aeldreraad"
name = "Ældrerådet"
kind = "council"
source = "note §3"

[[bodies]]
id = "direktion"
name = "Direktionen"
kind = "executive_board"
level = "direktionsniveau"
cadence = { times_per_year = 20 }
source = "note §3"

[[bodies]]
id = "ledelse"
name = "Ledelsen"
kind = "management"
level = "direktionsniveau"
cadence = { every_days = 14 }
source = "note §3"

[[bodies]]
id = "temamoede"
name = "Temamøder"
kind = "management"
level = "direktionsniveau"
cadence = { as_needed = true }
source = "note §3"

[[roles]]
id = "chef"
name = "Centerchef"
level = "center"
source = "note §2"

[[roles]]
id = "leder"
name = "Leder"
level = "enhed"
source = "note §2"

[[responsibilities]]
actor = "raad"
verb = "decides"
object = "vision"
document = "vision"
source = "note §4"

[[responsibilities]]
actor = "leder"
verb = "decides"
object = "local goals"
source = "note §4"

[[responsibilities]]
actor = "chef"
verb = "approves"
object = "agreement"
document = "aftale"
source = "note §4"

[[responsibilities]]
actor = "leder"
verb = "signs"
object = "agreement"
document = "aftale"
source = "note §4"

[[responsibilities]]
actor = "leder"
verb = "executes"
object = "the agreement"
document = "aftale"
source = "note §4"

[[documents]]
id = "vision"
name = "Vision"
kind = "vision"
owner = "raad"
approver = "raad"
source = "note §5"

[[documents]]
id = "strategi"
name = "Strategi"
kind = "strategy"
owner = "center"
parents = ["vision"]
mandatory = "not_described"
source = "note §5"

[[documents]]
id = "aftale"
name = "Aftale"
kind = "agreement"
owner = "leder"
approver = "chef"
parents = ["strategi"]
per = "enhed"
horizon_years = 2
source = "note §5"

[[documents]]
id = "referat"
name = "Referat"
kind = "minutes"
source = "note §5"

[[events]]
id = "dialog"
name = "Dialog"
when = { quarter = 1 }
action = "evaluate"
actors = ["chef", "leder"]
source = "note §6"

[[events]]
id = "opfoelgning"
name = "Opfølgning"
when = { times_per_year = 2 }
action = "follow_up"
actors = ["center", "enhed"]
source = "note §6"

[[events]]
id = "besoeg"
name = "Udvalgsbesøg"
when = { quarter = 2, years = "term_year_2" }
action = "meet"
actors = ["udvalg", "enhed"]
source = "note §6"

[[events]]
id = "medarbejdersamtale"
name = "Medarbejdersamtale"
when = { quarter = 4 }
action = "evaluate"
actors = ["leder"]
source = "note §6"

[budget]
source = "note §7"

[budget.allocation]
route = "cascaded"
source = "note §7"

[budget.appropriation_level]
holders = ["leder"]
transfers = "with_approval"
source = "note §7"

[budget.carry_over]
surplus_cap = 0.1
deficit_cap = 0.02
repayment_plan_above = 0.03
source = "note §7"

[[budget.thresholds]]
id = "taet_opfoelgning"
measure = "expected_overspend"
above = 0.04
consequence = "followed more closely"
source = "note §7"
"""

#: How the vocabulary writes the units on a tier (not its persons or employees).
UNITS_KEY = "units"


def lille_text(**replace: str) -> str:
    """The small model's text, each `old=new` pair replaced once."""
    text = (
        LILLE.replace("COUNT_EXECUTIVE", f"{UNITS_KEY} = 1")
        .replace("COUNT_CENTRE", f"{UNITS_KEY} = 3")
        .replace("COUNT_UNIT", f"{UNITS_KEY} = 12")
    )
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def lille(*edits: tuple[str, str]) -> SteeringModel:
    """The small model, with each (old, new) edit applied once."""
    text = lille_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return loads_model(text)
