"""The words on the figures and the report page, in Danish and English (`--lang da|en`)."""

from __future__ import annotations

from typing import Final, Literal

Lang = Literal["da", "en"]
LANGS: Final = ("da", "en")

MONTHS: Final[dict[str, tuple[str, ...]]] = {
    "da": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}

_WORDS: Final[dict[str, dict[str, str]]] = {
    "wheel_title": {"da": "Årshjul {year}: {name}", "en": "Annual cycle {year}: {name}"},
    "undated": {"da": "Ikke dateret (ikke placeret)", "en": "Undated (not placed)"},
    "none_undated": {"da": "Alle begivenheder er dateret", "en": "Every event is dated"},
    "events": {"da": "Begivenhed", "en": "Event"},
    "deadline": {"da": "Frist", "en": "Deadline"},
    "meetings": {"da": "Møder (ring pr. organ)", "en": "Meetings (one ring per body)"},
    "documents": {"da": "Dokument: forberedelse → vedtagelse", "en": "Document: preparation → adoption"},
    "frame": {"da": "national ramme (lov)", "en": "national frame (law)"},
    "approximate": {"da": "≈ omtrentlig placering", "en": "≈ rough placement"},
    "hierarchy_title": {"da": "Hierarki: {name}", "en": "Hierarchy: {name}"},
    "chain_title": {"da": "Dokumentkæde: {name}", "en": "Document chain: {name}"},
    "count": {"da": "antal", "en": "count"},
    "units": {"da": "enheder", "en": "units"},
    "persons": {"da": "personer", "en": "persons"},
    "employees": {"da": "ansatte", "en": "employees"},
    "not_described": {"da": "ikke beskrevet", "en": "not described"},
    "bodies": {"da": "Organer", "en": "Bodies"},
    "decides": {"da": "beslutter", "en": "decides"},
    "owner": {"da": "ejer", "en": "owner"},
    "approver": {"da": "godkender", "en": "approver"},
    "horizon": {"da": "horisont", "en": "horizon"},
    "years": {"da": "år", "en": "years"},
    "one_year": {"da": "år", "en": "year"},
    "outside_chain": {
        "da": "Uden for kæden (ingen over- eller underliggende dokumenter)",
        "en": "Outside the chain (no parent or child document)",
    },
    "election_term": {"da": "valgperioden", "en": "the election term"},
    "long_term": {"da": "langsigtet", "en": "long term"},
    "announced": {"da": "varslet", "en": "announced"},
    "no_levels": {"da": "Kilden beskriver ingen niveauer", "en": "The source describes no levels"},
    "no_documents": {"da": "Kilden beskriver ingen dokumenter", "en": "The source describes no documents"},
    "fan_title": {"da": "Budgetsimulering: {name}", "en": "Budget simulation: {name}"},
    "balance": {"da": "Akkumuleret resultat (andel af årsbudget)", "en": "Carried balance (share of annual budget)"},
    "median": {"da": "median", "en": "median"},
    "band": {"da": "{low}.–{high}. percentil", "en": "{low}th–{high}th percentile"},
    "repayment_share": {"da": "Andel enheder med genopretningsplan", "en": "Share of units with a repayment plan"},
    "ci": {"da": "{level}% konfidensinterval", "en": "{level}% confidence interval"},
    "year": {"da": "År", "en": "Year"},
    "no_repayment_rule": {
        "da": "Modellen har ingen regel om genopretningsplan",
        "en": "The model has no repayment-plan rule",
    },
    "fan_note": {
        "da": "{runs} kørsler, seed {seed}; antagelserne står ved figuren",
        "en": "{runs} runs, seed {seed}; the assumptions are printed with the figure",
    },
    "compare_title": {"da": "Sammenligning af nøgletal", "en": "Metrics side by side"},
    "no_numeric_metrics": {
        "da": "Ingen af nøgletallene er tal for disse modeller",
        "en": "No metric is a number for these models",
    },
    "unknown_value": {"da": "ikke beskrevet", "en": "not described"},
    # The report page.
    "page_title": {"da": "Styringsmodeller: {names}", "en": "Steering models: {names}"},
    "page_intro": {
        "da": "Hver oplysning er kodet fra en offentlig kilde og henviser til den; "
        "hvad kilden ikke siger, står som ikke beskrevet.",
        "en": "Every fact is encoded from a public source and cites it; "
        "what the source does not say is shown as not described.",
    },
    "contents": {"da": "Indhold", "en": "Contents"},
    "comparison": {"da": "Sammenligning", "en": "Comparison"},
    "comparison_missing": {
        "da": "Sammenligningen er ikke tilgængelig: {reason}",
        "en": "The comparison is not available: {reason}",
    },
    "notes": {"da": "Kilder", "en": "Citations"},
    "summary": {"da": "Sammenfatning", "en": "Summary"},
    "facts": {"da": "Nøgleoplysninger", "en": "Key facts"},
    "fact": {"da": "Oplysning", "en": "Fact"},
    "value": {"da": "Værdi", "en": "Value"},
    "source": {"da": "Kilde", "en": "Source"},
    "sources": {"da": "Kilder", "en": "Sources"},
    "philosophy": {"da": "Styringsfilosofi", "en": "Steering philosophy"},
    "from_frame": {"da": "national ramme", "en": "national frame"},
    "levels": {"da": "Niveauer", "en": "Levels"},
    "bodies_count": {"da": "Organer", "en": "Bodies"},
    "roles": {"da": "Roller", "en": "Roles"},
    "documents_count": {"da": "Styringsdokumenter", "en": "Steering documents"},
    "events_count": {"da": "Begivenheder i årshjulet", "en": "Events of the annual cycle"},
    "allocation": {"da": "Bevillingsvej", "en": "Allocation"},
    "carry_over": {"da": "Overførselsadgang", "en": "Carry-over"},
    "thresholds": {"da": "Tærskler", "en": "Thresholds"},
    "adoption_deadline": {"da": "Frist for budgetvedtagelse", "en": "Budget adoption deadline"},
    "figures": {"da": "Figurer", "en": "Figures"},
    "wheel": {"da": "Årshjul", "en": "Annual cycle"},
    "hierarchy": {"da": "Hierarki", "en": "Hierarchy"},
    "chain": {"da": "Dokumentkæde", "en": "Document chain"},
    "budget": {"da": "Budgetsimulering", "en": "Budget simulation"},
    "figure_missing": {"da": "Ikke tegnet: {reason}", "en": "Not drawn: {reason}"},
    "budget_missing": {"da": "Ikke simuleret: {reason}", "en": "Not simulated: {reason}"},
    "rules_applied": {"da": "Regler i simuleringen", "en": "Rules simulated"},
    "rule": {"da": "Regel", "en": "Rule"},
    "origin": {"da": "Oprindelse", "en": "Origin"},
    "assumptions": {"da": "Antagelser", "en": "Assumptions"},
    "gaps": {"da": "Hvad kilden ikke beskriver", "en": "What the source leaves undescribed"},
    "gaps_intro": {
        "da": "{count} oplysninger står som ikke beskrevet i modellen; stien er stedet i modelfilen.",
        "en": "{count} facts are marked not described in the model; the path is their place in the model file.",
    },
    "no_gaps": {
        "da": "Modellen har ingen ikke-beskrevne oplysninger.",
        "en": "The model marks no fact as not described.",
    },
    "item": {"da": "Hvad", "en": "What"},
    "undescribed_fields": {"da": "Ikke beskrevet", "en": "Not described"},
    "path": {"da": "Sti i modelfilen", "en": "Path in the model file"},
    "item_cited": {"da": "Emnet er beskrevet i", "en": "The item is described in"},
    "text_summary": {"da": "Hele sammenfatningen (kommunemodel show)", "en": "The whole summary (kommunemodel show)"},
    "made_with": {"da": "Lavet med kommunemodel {version}.", "en": "Made with kommunemodel {version}."},
}


def word(key: str, lang: Lang, **values: object) -> str:
    """The phrase `key` in `lang`, with `{placeholders}` filled from `values`."""
    return _WORDS[key][lang].format(**values)


def month(number: int, lang: Lang) -> str:
    """The short name of month `number` (1–12)."""
    return MONTHS[lang][number - 1]


def check_lang(lang: str) -> Lang:
    """`lang` if it is one the figures speak (ValueError naming the choices otherwise)."""
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)} (got {lang!r})")
    return lang  # type: ignore[return-value]
