"""What loading a file found and what it left out: load findings before they become findings, and the cut.

Kept apart from `load` so that the rules engine can take them without importing cattrs.
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import frozen

from ..errors import Problem
from ..model.integrity import format_path
from .locate import Path, value_at


@frozen
class Issue:
    """A problem found while reading a file: its load-finding code, TOML path, message, hint, line and column."""

    code: str
    path: Path
    message: str
    hint: str = ""
    line: int | None = None
    column: int | None = None

    def problem(self) -> Problem:
        """As a Problem of an InputError."""
        return Problem(self.message, format_path(self.path), self.line, self.column, self.code, self.hint)


@frozen
class Cut:
    """What loading left out of a file to build the rest: so that rules do not report knock-on findings.

    `indexes` maps an array's path in the file to the file positions of the items that were kept; `paths` are
    the parts left out (a field that takes its default, an item dropped); `ids` the ids of items dropped.
    """

    indexes: dict[Path, tuple[int, ...]] = attrs.Factory(dict)
    paths: frozenset[Path] = frozenset()
    ids: frozenset[str] = frozenset()

    def file_path(self, path: Path) -> Path:
        """A path in the structured object as the path in the file (items after a dropped one move up)."""
        if not self.indexes:
            return path
        found: Path = ()
        for part in path:
            if isinstance(part, int) and found in self.indexes:
                kept = self.indexes[found]
                part = kept[part] if 0 <= part < len(kept) else part
            found = (*found, part)
        return found

    def knock_on(self, path: Path, table: dict[str, Any] | None) -> bool:
        """Whether a finding at this file path follows only from what was left out (at or below it, or its id)."""
        if any(path[: len(cut)] == cut for cut in self.paths):
            return True
        value = value_at(table, path) if self.ids and table is not None else None
        return isinstance(value, str) and value in self.ids


NOTHING_CUT = Cut()
