"""KM01x–KM03x: load findings, what is wrong with a file before any rule looks at it, documented as rules are.

They have no check function: loading (`kommunemodel.io`) finds them, in the same pass that builds what can be
built of the file, and the engine reports them with the rules' findings, selectable and explained alike.
"""

from __future__ import annotations

from ..io import codes
from .base import Rule, Severity


def _load(code: str, slug: str, summary: str, checks: str, why: str, example: str, instead: str) -> Rule:
    explanation = (
        f"## What it checks\n{checks}\n\n## Why it matters\n{why}\n\n## Example\n{example}\n\n## Use instead\n{instead}"
    )
    return Rule(code, slug, Severity.ERROR, summary, explanation, subject=None)


_NOTHING_CHECKED = (
    "Nothing in the file can be checked until it is fixed, so this finding stands alone and `check` exits 2; the "
    "other files given are still checked."
)

invalid_syntax = _load(
    codes.SYNTAX,
    "invalid-syntax",
    "The file is not valid TOML.",
    "The file parses as TOML 1.0. The finding is the first place the parser stops, with its line and column, "
    "as ruff reports `invalid-syntax`.",
    _NOTHING_CHECKED,
    '```toml\n[municipality\nid = "testby"\n```',
    '```toml\n[municipality]\nid = "testby"\n```',
)
invalid_encoding = _load(
    codes.ENCODING,
    "invalid-encoding",
    "The file is not UTF-8.",
    "The file's bytes are UTF-8, as TOML requires; the finding names the first byte that is not, with its line "
    "and column. The rest of the file is still checked, each such byte read as U+FFFD. A UTF-8 byte-order "
    "mark, as some Windows editors write, is accepted.",
    "Danish names (Helsingør, Ishøj) saved as Latin-1 or Windows-1252 come out as other letters in every table "
    "and report.",
    'A file saved by an editor set to Windows-1252: `name = "Helsingør Kommune"` with `ø` as the byte 0xf8.',
    "Save the file as UTF-8 (in most editors: *Save with encoding*, *UTF-8*).",
)
input_limit = _load(
    codes.INPUT_LIMIT,
    "input-limit",
    "The file is larger, or nested deeper, than kommunemodel reads.",
    "A file is at most 64 MB, and its arrays, tables and dotted keys nest no deeper than the parser can follow "
    "(about 400 levels for arrays and inline tables).",
    "A model or a year file of a municipality is a few megabytes and a few levels deep; a file far beyond that "
    "is not one, and reading it anyway could take minutes or exhaust memory. " + _NOTHING_CHECKED,
    "```toml\nnote = [[[[[[[[[[ ... ]]]]]]]]]]   # hundreds of levels\n```",
    "Split the data over several files, and flatten deep structures into arrays of tables.",
)
unreadable_file = _load(
    codes.UNREADABLE,
    "unreadable-file",
    "The file cannot be opened.",
    "Each file named on the command line exists, is a file (not a directory) and can be read.",
    "A misspelt path or a directory given in place of its files would otherwise check nothing at all in CI. "
    + _NOTHING_CHECKED,
    "`kommunemodel check years/` (a directory) or `kommunemodel check year-2042.toml` (no such file).",
    "`kommunemodel check years/*.toml`, naming the files.",
)
wrong_schema = _load(
    codes.SCHEMA,
    "wrong-schema",
    "The file's `schema` key is missing or names another kind of file.",
    'A model file says `schema = "kommunemodel/1"`, a year file `schema = "kommunemodel-year/1"`, by convention '
    "on its first line. Where the key is missing, the file is read as a model file (or as a year file when it "
    "has `year` and `model` keys) and checked all the same; a file of another kind is not checked.",
    "The schema names the version of the format the file is written in, so that a later version of kommunemodel "
    "can read it correctly or say that it cannot.",
    '```toml\n[municipality]\nid = "testby"\n```',
    '```toml\nschema = "kommunemodel/1"\n\n[municipality]\nid = "testby"\n```',
)
unknown_key = _load(
    codes.UNKNOWN_KEY,
    "unknown-key",
    "A key the format does not have.",
    "Every key is one the format documents for that table (the README's reference for model files, "
    "docs/checking.md for year files). The finding suggests the closest key where one is close. The key is "
    "ignored and the rest of the file is checked.",
    "A misspelt key is a fact the file meant to state and does not: `horizn_years = 1` leaves the horizon "
    "undescribed, silently, unless it is reported.",
    '```toml\n[[documents]]\nid = "decentral_aftale"\nhorizn_years = 1\n```',
    '```toml\n[[documents]]\nid = "decentral_aftale"\nhorizon_years = 1\n```',
)
missing_key = _load(
    codes.MISSING_KEY,
    "missing-key",
    "A required key is missing.",
    "Every table has the keys its kind requires (a level its `id`, `name` and `kind`). An item without one is "
    "left out of the checks, and the findings that would only follow from its absence are not reported.",
    "Without its required keys a thing cannot be told apart from the others or placed in the model.",
    '```toml\n[[levels]]\nid = "center"\nname = "Center"\n```',
    '```toml\n[[levels]]\nid = "center"\nname = "Center"\nkind = "centre"\n```',
)
wrong_type = _load(
    codes.WRONG_TYPE,
    "wrong-type",
    "A value has the wrong TOML type.",
    "Each value has the type its key takes: a number, a string, a table, an array, a date. The finding names the "
    'type expected and the one found. The value is read as not given (`"not_described"` where that is the '
    "default); where the key is required, its item is left out of the checks.",
    'A count written as a string (`times_per_year = "6"`) is text, not a number: no rule can count with it.',
    '```toml\ncadence = { times_per_year = "6" }\n```',
    "```toml\ncadence = { times_per_year = 6 }\n```",
)
invalid_value = _load(
    codes.INVALID_VALUE,
    "invalid-value",
    "A value is of the right type but not allowed.",
    "A value is one its key allows: a `kind` from its list (with the closest one suggested), a quarter 1–4, a "
    'month day that exists (`"02-30"` does not), a range whose low end is not above its high end, an id written '
    "as a slug. It is read as not given, or its item is left out where the key is required.",
    "A value outside its domain cannot mean what the source said: there is no fifth quarter, and an unknown kind "
    "of level is not placed in the hierarchy.",
    '```toml\n[[levels]]\nid = "direktion"\nkind = "exec"\n```',
    '```toml\n[[levels]]\nid = "direktion"\nkind = "executive"\n```',
)
year_model = _load(
    codes.YEAR_MODEL,
    "year-model-unreadable",
    "A year file's model cannot be found or read.",
    "The model a year file names in `model` (an installed model's id, or a model file's path relative to the "
    "year file), or the one given with `--model`, exists and loads without problems. The finding is located at "
    "the year file's `model` key and names the model file's problems.",
    "A year is checked against its model: with no model, none of the year rules can run. "
    + _NOTHING_CHECKED.split(", so")[0]
    + ".",
    '```toml\nschema = "kommunemodel-year/1"\nmodel = "roskilde"   # no such model installed\nyear = 2024\n```',
    'Name an installed model (`kommunemodel list`) or the model file: `model = "../model.toml"`.',
)

#: The load findings' rules, in code order.
LOAD_RULES: tuple[Rule, ...] = (
    invalid_syntax,
    invalid_encoding,
    input_limit,
    unreadable_file,
    wrong_schema,
    unknown_key,
    missing_key,
    wrong_type,
    invalid_value,
    year_model,
)
