"""The installed plugins' entry points, read without importing `importlib.metadata` (tens of ms at every start-up).

`entry_points(group)` gives what `importlib.metadata.entry_points(group=group)` gives for the plain case, every
distribution found as a `*.dist-info` or `*.egg-info` folder in a folder on `sys.path`, the first of each
normalised name kept, as `importlib.metadata` keeps it. Anything it does not read itself (a zip file or an egg on
`sys.path`, a finder other than the standard one that finds distributions) makes it hand over to
`importlib.metadata`, so the answer is the standard library's in every case.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterator
from typing import Any

#: A distribution's metadata folders, by suffix.
INFO_SUFFIXES = (".dist-info", ".egg-info")
#: `module:attr [extras]`, the value of an entry point (the pattern of `importlib.metadata.EntryPoint`).
VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class Distribution:
    """The name and version of an installed distribution, read from its metadata folder when first asked."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._headers: dict[str, str] | None = None

    def _header(self, key: str) -> str:
        """A field of the METADATA (or PKG-INFO) file's header, "" when it has none."""
        if self._headers is None:
            self._headers = {}
            for file in ("METADATA", "PKG-INFO"):
                try:
                    with open(os.path.join(self.folder, file), encoding="utf-8") as metadata:
                        for line in metadata:
                            if not line.strip():
                                break  # the header ends at the first empty line
                            field, sep, value = line.partition(":")
                            if sep and not line[0].isspace():
                                self._headers.setdefault(field.strip(), value.strip())
                    break
                except OSError:
                    continue
        return self._headers.get(key, "")

    @property
    def name(self) -> str:
        """The distribution's name as its metadata spells it."""
        return self._header("Name")

    @property
    def version(self) -> str:
        """The distribution's version."""
        return self._header("Version")


class EntryPoint:
    """One entry point: its name, value (`module:attr`), group and distribution; `load()` imports what it names."""

    def __init__(self, name: str, value: str, group: str, dist: Distribution | None) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> Any:
        """The object the entry point names, imported (ValueError for a value that names none)."""
        match = VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point {self.name!r} has an unreadable value {self.value!r}")
        found: Any = importlib.import_module(match["module"])
        for attribute in (match["attr"] or "").split(".") if match["attr"] else ():
            found = getattr(found, attribute)
        return found

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def entry_points(group: str) -> list[Any]:
    """The entry points of `group` of every installed distribution, as `importlib.metadata` lists them."""
    found = _scan(group)
    if found is None:
        from importlib.metadata import entry_points as standard

        return list(standard(group=group))
    return found


def _normalised(name: str) -> str:
    """A distribution name as `importlib.metadata` compares names (PEP 503, with underscores)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _folders() -> Iterator[str] | None:
    """The metadata folders and files on sys.path in the standard finder's order; None where it cannot follow it."""
    if any(hasattr(finder, "find_distributions") and finder.__name__ != "PathFinder" for finder in _finders()):
        return None
    found: list[str] = []
    for entry in sys.path:
        folder = entry or "."
        if not os.path.isdir(folder):
            if os.path.exists(folder):
                return None  # a zip file or an egg: importlib.metadata reads those
            continue
        try:
            children = os.listdir(folder)
        except OSError:
            continue
        by_name: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith(".egg"):
                return None
            if low.endswith(INFO_SUFFIXES):
                stem = os.path.splitext(child)[0]
                by_name.setdefault(_normalised(stem.partition("-")[0]), []).append(os.path.join(folder, child))
        for paths in by_name.values():
            found.extend(paths)
    return iter(found)


def _finders() -> list[Any]:
    """The finders on sys.meta_path, as classes or objects."""
    return [finder if isinstance(finder, type) else type(finder) for finder in sys.meta_path]


def _scan(group: str) -> list[Any] | None:
    """Every entry point of `group`, the first distribution of each name only; None to defer to importlib."""
    folders = _folders()
    if folders is None:
        return None
    seen: set[str] = set()
    points: list[Any] = []
    for path in folders:
        name = _normalised(os.path.splitext(os.path.basename(path))[0].partition("-")[0])
        if name in seen:
            continue
        seen.add(name)
        try:
            with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as file:
                text = file.read()
        except OSError:
            continue  # no entry points (or a metadata file, not a folder)
        dist = Distribution(path)
        points.extend(EntryPoint(key, value, group, dist) for key, value in _section(text, group))
    return points


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The `name = value` lines of one `[group]` of an entry_points.txt, as importlib.metadata reads them."""
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            continue
        if current == group:
            name, _sep, value = line.partition("=")
            yield name.strip(), value.strip()
