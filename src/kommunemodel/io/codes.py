"""The codes of load findings: what can be wrong with a file before any rule looks at it (KM01x–KM03x).

The codes are stable, like the rules' (a misspelt key is KM021 whatever else is wrong in the file); their
documentation, as `kommunemodel rule CODE` prints it, lives with the rules in `rules/load.py`.
"""

from __future__ import annotations

#: The TOML parser stopped: one finding at its line and column, as ruff reports `invalid-syntax`.
SYNTAX = "KM010"
#: The bytes are not UTF-8.
ENCODING = "KM011"
#: The file is bigger, or nested deeper, than kommunemodel reads.
INPUT_LIMIT = "KM012"
#: The file cannot be opened: missing, a directory, no permission.
UNREADABLE = "KM013"
#: The `schema` key is missing or names another kind of file.
SCHEMA = "KM020"
#: A key the format does not have (a misspelling, as often as not).
UNKNOWN_KEY = "KM021"
#: A required key is missing.
MISSING_KEY = "KM022"
#: A value of the wrong TOML type (a string where a number belongs).
WRONG_TYPE = "KM023"
#: A value of the right type that is not allowed (an unknown kind, a quarter 5, max below min).
INVALID_VALUE = "KM024"
#: A year file's model cannot be found or read.
YEAR_MODEL = "KM030"

#: Every load-finding code, in order.
ALL = (
    SYNTAX,
    ENCODING,
    INPUT_LIMIT,
    UNREADABLE,
    SCHEMA,
    UNKNOWN_KEY,
    MISSING_KEY,
    WRONG_TYPE,
    INVALID_VALUE,
    YEAR_MODEL,
)
