"""Reading year files: bytes → TOML → YearData, through the model files' converter, every problem located."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any

from ..errors import YearFileError
from ..io.load import check_schema, read_file, read_toml, structure
from ..io.locate import SourceText
from .data import YEAR_SCHEMA, YearData


def year_from_table(table: dict[str, Any], text: str, file: str) -> YearData:
    """Structure a parsed year file; raise YearFileError listing every problem with its path and line."""
    check_schema(table, text, file, YEAR_SCHEMA, YearFileError)
    year, problems = structure(table, YearData, text)
    if year is None:
        raise YearFileError(file, sorted(problems, key=lambda problem: problem.line or 0))
    return year


def read_year(data: bytes | str, file: str = "<year>") -> tuple[YearData, SourceText]:
    """Read a year file with its text, for locating findings."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    table, text = read_toml(raw, file, YearFileError)
    return year_from_table(table, text, file), SourceText(file, text)


def loads_year(data: bytes | str, file: str = "<year>") -> YearData:
    """Read a `kommunemodel-year/1` file from bytes or text; raise YearFileError listing every problem."""
    return read_year(data, file)[0]


def load_year_file(path: str | FilePath) -> YearData:
    """Read a year file from disk; a file that cannot be opened is a YearFileError too."""
    return loads_year(read_file(path, YearFileError), str(path))
