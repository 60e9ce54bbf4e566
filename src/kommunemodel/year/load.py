"""The year file's loader, kept importable here for code written before it moved to `io.year`."""

from ..io.year import load_year_file, loads_year, read_year, read_year_file, year_from_table

__all__ = ["load_year_file", "loads_year", "read_year", "read_year_file", "year_from_table"]
