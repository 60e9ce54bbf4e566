"""Reading year files: bytes → TOML → YearData, through the model files' converter, built as far as it can be."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any

from ..errors import YearFileError
from ..model.year import YEAR_SCHEMA, YearData
from .load import Loaded, read_file, read_structured, structure_file
from .locate import SourceText


def year_file(table: dict[str, Any], text: str | None, file: str) -> Loaded[YearData]:
    """A parsed year file, structured as far as it can be, with its problems."""
    return structure_file(table, YearData, YEAR_SCHEMA, SourceText(file, text, table))


def year_from_table(table: dict[str, Any], text: str, file: str) -> YearData:
    """Structure a parsed year file; raise YearFileError listing every problem with its path and line."""
    return year_file(table, text, file).raise_for(YearFileError)


def read_year_file(data: bytes | str, file: str = "<year>") -> Loaded[YearData]:
    """A year file read as far as it can be: what could be built, and every problem in it, in one pass."""
    return read_structured(data, file, year_file)


def read_year(data: bytes | str, file: str = "<year>") -> tuple[YearData, SourceText]:
    """Read a year file with its text, for locating findings; YearFileError when it has any problem."""
    loaded = read_year_file(data, file)
    return loaded.raise_for(YearFileError), loaded.source


def loads_year(data: bytes | str, file: str = "<year>") -> YearData:
    """Read a `kommunemodel-year/1` file from bytes or text; raise YearFileError listing every problem."""
    return read_year(data, file)[0]


def load_year_file(path: str | FilePath) -> YearData:
    """Read a year file from disk; a file that cannot be opened is a YearFileError too."""
    return loads_year(read_file(path, YearFileError), str(path))
