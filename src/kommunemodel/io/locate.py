"""Where each key and array item of a TOML document starts: TOML path → line, for located errors."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable
from typing import Any

import tomli

from ..model.integrity import Path

# Tokens of a TOML document, matched where the scanner stands; the text is valid TOML, so no error handling.
_BLANK = re.compile(r"(?:[ \t\r]+|#[^\n]*)*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
_BASIC_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL)
_LITERAL_STRING = re.compile(r"'([^']*)'")
_SCALAR = re.compile(r"[^,\]}\n#]*")
_NEWLINE = re.compile("\n")
# Fast paths for the common shapes, each taken in one match: a line `key = "value"` or `key = 42` (with at most
# a comment after it), and a flat inline table `{ key = "value", other = 42 }`. Anything else is walked token
# by token.
_SIMPLE_VALUE = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'\[{#,\]}][^\n#,\]}]*)"""
_PAIR = rf"[ \t]*([A-Za-z0-9_-]+)[ \t]*=[ \t]*{_SIMPLE_VALUE}[ \t]*"
_FLAT_INLINE_TABLE = re.compile(rf"\{{(?:{_PAIR}(?:,{_PAIR})*)?[ \t]*\}}")
_PAIR_KEY = re.compile(_PAIR + ",?")
# What may stand between the items of an array: blanks, newlines, comments and one comma.
_BETWEEN_ITEMS = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*,?(?:[ \t\r\n]+|#[^\n]*)*")
_LINE = re.compile(
    r"[ \t]*(?:"
    r"\[(?P<array>\[)?[ \t]*(?P<keys>[A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+)*)[ \t]*\](?(array)\])"
    rf"|(?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*{_SIMPLE_VALUE}"
    r")?[ \t\r]*(?:#[^\n]*)?(?:\n|\Z)"
)


class _Scanner:
    """Walks text that tomli has already accepted, so it may assume valid TOML.

    Most lines (a header, `key = scalar`, a comment) are taken whole by one regular expression; the rest is
    walked token by token, and a line number is worked out only where one is recorded. On the benchmark's
    files that costs about one and a half times tomli's parse.
    """

    def __init__(self, text: str, wanted: Collection[Path] = ()) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [match.start() for match in _NEWLINE.finditer(text)]
        # A key missing from the top level is reported at the start of the file.
        self.lines: dict[Path, int] = {(): 1}
        self.table: Path = ()
        self.array_tables: dict[Path, int] = {}
        # The paths a caller needs; the scan stops once every one has its line (none: scan everything).
        self.wanted = {path for path in wanted if path} if wanted else None

    @property
    def line(self) -> int:
        return bisect_left(self.newlines, self.pos) + 1

    def peek(self) -> str:
        return self.text[self.pos : self.pos + 1]

    def skip(self, pattern: re.Pattern[str]) -> None:
        self.pos = pattern.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def string(self) -> str:
        quote = self.text[self.pos]
        if self.text.startswith(quote * 3, self.pos):
            end = self.text.find(quote * 3, self.pos + 3)
            # A multi-line string may end with up to two extra quotes before the closing three.
            while self.text.startswith(quote, end + 3):
                end += 1
            content = self.text[self.pos + 3 : end]
            self.pos = end + 3
            return content
        match = (_BASIC_STRING if quote == '"' else _LITERAL_STRING).match(self.text, self.pos)
        assert match is not None
        self.pos = match.end()
        return match[1]

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip(_BLANK)
            if self.peek() in ('"', "'"):
                quote = self.peek()
                raw = self.string()
                parts.append(_basic_key(raw) if quote == '"' and "\\" in raw else raw)
            else:
                match = _BARE_KEY.match(self.text, self.pos)
                assert match is not None
                parts.append(match[0])
                self.pos = match.end()
            self.skip(_BLANK)
            if self.peek() != ".":
                return tuple(parts)
            self.pos += 1

    def resolve(self, keys: tuple[str, ...]) -> Path:
        """A header's keys as a path, stepping into the current item of every array of tables."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_tables:
                path = (*path, self.array_tables[path])
        return path

    def value(self, path: Path) -> None:
        self.skip(_BLANK)
        char = self.peek()
        if char in ('"', "'"):
            self.string()
        elif char == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip(_BLANK_LINES)
                if self.peek() == "]":
                    self.pos += 1
                    return
                self.lines.setdefault((*path, index), self.line)
                self.value((*path, index))
                self.skip(_BLANK_LINES)
                if self.peek() == ",":
                    self.pos += 1
                    index += 1
        elif char == "{":
            flat = _FLAT_INLINE_TABLE.match(self.text, self.pos)
            if flat is not None:
                line = self.line
                for pair in _PAIR_KEY.finditer(self.text, self.pos + 1, flat.end() - 1):
                    self.lines.setdefault((*path, pair[1]), line)
                self.pos = flat.end()
                return
            self.pos += 1
            while True:
                self.skip(_BLANK)
                if self.peek() == "}":
                    self.pos += 1
                    return
                line = self.line
                keys = self.key()
                self.lines.setdefault((*path, *keys), line)
                self.pos += 1  # the '='
                self.value((*path, *keys))
                self.skip(_BLANK)
                if self.peek() == ",":
                    self.pos += 1
        else:
            self.skip(_SCALAR)

    def header(self, line: int) -> None:
        """A `[table]` or `[[array.of.tables]]` header at `pos`: the current table changes."""
        if self.text.startswith("[[", self.pos):
            self.pos += 2
            keys = self.key()
            self.pos += 2
            parent = self.resolve(keys[:-1])
            array = (*parent, keys[-1])
            self.array_tables[array] = self.array_tables.get(array, -1) + 1
            self.table = (*array, self.array_tables[array])
            self.lines.setdefault(array, line)
            self.lines.setdefault(self.table, line)
        else:
            self.pos += 1
            keys = self.key()
            self.pos += 1
            self.table = self.resolve(keys)
            self.lines.setdefault(self.table, line)

    def document(self) -> dict[Path, int]:
        # One match per line for the common lines; a line the match refuses is walked token by token.
        text, lines, match, wanted = self.text, self.lines, _LINE.match, self.wanted
        line, end, pos, headers = 1, len(text), 0, 0
        while pos < end:
            found = match(text, pos)
            if found is None:
                if wanted is not None and lines.keys() >= wanted:
                    break
                self.pos = pos
                self.statement(line)
                pos = self.pos
                line = bisect_left(self.newlines, pos) + 1
                continue
            pos = found.end()
            array, keys, key = found.group(1, 2, 3)
            if key is not None:
                lines.setdefault((*self.table, key), line)
            elif keys is not None:
                # Checked at every 32nd header only: a set difference on every line would cost more than it saves.
                headers += 1
                if wanted is not None and not headers % 32 and lines.keys() >= wanted:
                    break
                self.header_keys(tuple(part.strip(" \t") for part in keys.split(".")), array is not None, line)
            line += 1
        return lines

    def statement(self, line: int) -> None:
        """A header or `key = value` the line pattern refused (quoted keys, values over several lines …)."""
        self.skip(_BLANK)
        if self.peek() == "[":
            self.header(line)
        else:
            keys = self.key()
            self.lines.setdefault((*self.table, *keys), line)
            self.pos += 1  # the '='
            self.value((*self.table, *keys))
        self.skip(_BLANK_LINES)

    def header_keys(self, keys: tuple[str, ...], array: bool, line: int) -> None:
        """A header whose keys are already split: the current table changes."""
        if array:
            parent = self.resolve(keys[:-1])
            path = (*parent, keys[-1])
            self.array_tables[path] = self.array_tables.get(path, -1) + 1
            self.table = (*path, self.array_tables[path])
            self.lines.setdefault(path, line)
            self.lines.setdefault(self.table, line)
        else:
            self.table = self.resolve(keys)
            self.lines.setdefault(self.table, line)


def _basic_key(raw: str) -> str:
    r"""A quoted key's text with its escapes decoded by TOML's own rules (`"C:\\x"` is the key `C:\x`)."""
    try:
        return str(tomli.loads(f'k = "{raw}"')["k"])
    except tomli.TOMLDecodeError:  # cannot happen for text tomli accepted; keep the raw text rather than fail
        return raw


def key_lines(text: str, wanted: Collection[Path] = ()) -> dict[Path, int]:
    """The line on which each key, table and array item of a valid TOML document starts.

    With `wanted`, the scan may stop as soon as each of those paths has its line (the rest is then missing).
    """
    return _Scanner(text, wanted).document()


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one (a key missing from a table)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _walk(table: Any, path: Path) -> tuple[int, Any]:
    """How many parts of `path` the parsed document holds from the top, and the value the last of them holds."""
    value = table
    for end, part in enumerate(path):
        if isinstance(part, int):
            if not isinstance(value, list) or not 0 <= part < len(value):
                return end, value
        elif not isinstance(value, dict) or part not in value:
            return end, value
        value = value[part]
    return len(path), value


def written(table: Any, path: Path) -> bool:
    """Whether the parsed document holds `path` itself (a key given, an array item present)."""
    return _walk(table, path)[0] == len(path)


def deepest_written(table: Any, path: Path) -> Path:
    """The longest prefix of `path` the parsed document holds: the part of it a line can be found for."""
    return path[: _walk(table, path)[0]]


def value_at(table: Any, path: Path) -> Any:
    """The parsed value at `path`, or None where the document holds nothing there."""
    held, value = _walk(table, path)
    return value if held == len(path) else None


class SourceText:
    """A file's name, text and parsed table; lines are found only for the paths a finding asks about.

    Without the parsed table (a caller that has only the text), the first question scans the whole text once.
    """

    __slots__ = ("_known", "_lines", "_scanned", "_spans", "_starts", "file", "table", "text")

    def __init__(self, file: str, text: str | None, table: dict[str, Any] | None = None) -> None:
        self.file = file
        self.text = text
        self.table = table
        self._lines: dict[Path, int] = {}
        self._scanned = False
        self._starts: dict[str, list[int] | None] = {}
        self._spans: dict[str, list[tuple[int, int]] | None] = {}
        self._known: list[tuple[int, int]] = []

    def lines(self, paths: Iterable[Path]) -> dict[Path, int | None]:
        """The line of each path (or of its nearest ancestor), reading as little of the text as it can.

        An item of an array of tables (`agreements[17].signed`) is found by its `[[agreements]]` header, counted
        in one regular-expression search of the text, and only that item's text is scanned; anything else is
        found by one scan from the top that stops once every path asked for has its line.
        """
        wanted = list(dict.fromkeys(paths))
        if not wanted:
            return {}
        self._parse()
        if self.text is None:
            return dict.fromkeys(wanted)
        targets = [self._target(path) for path in wanted]
        missing = [target for target in dict.fromkeys(targets) if target not in self._lines]
        if missing and not self._scanned:
            if self.table is None:
                self._lines, self._scanned = key_lines(self.text), True
            else:
                rest = [target for target in missing if not (self._in_item(target) or self._in_inline(target))]
                if rest:
                    # A fresh scan from the top, stopping once every target so far asked for is found.
                    asked = {target for target in rest if target} | set(self._lines)
                    self._lines.update(key_lines(self.text, asked))
                    # A scan that left a target unfound went to the end of the text: it is complete.
                    self._scanned = bool(asked.difference(self._lines))
        return {path: line_of(self._lines, target) for path, target in zip(wanted, targets, strict=True)}

    def _in_item(self, target: Path) -> bool:
        """Find the line of a path inside an item of a top-level array of tables; False if it cannot be so found."""
        if len(target) < 2 or not isinstance(target[0], str) or not isinstance(target[1], int):
            return False
        array, index = target[0], target[1]
        starts = self._headers(array)
        if starts is None or self.text is None:
            return False
        text, start = self.text, starts[index]
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        scanner = _Scanner(text[start:end], [target])
        scanner.array_tables[(array,)] = index - 1  # the region's header is then item `index`
        offset = self._line_at(start) - 1
        for path, line in scanner.document().items():
            if path[:2] == (array, index):
                self._lines.setdefault(path, line + offset)
        return target in self._lines

    def _in_inline(self, target: Path) -> bool:
        """Find the line of a path inside an item of a top-level array of flat inline tables, one per line."""
        if len(target) < 2 or not isinstance(target[0], str) or not isinstance(target[1], int) or self.text is None:
            return False
        spans = self._inline_items(target[0])
        if spans is None:
            return False
        start, end = spans[target[1]]
        line = self._line_at(start)
        self._lines.setdefault(target[:2], line)
        if len(target) > 2 and "\n" not in self.text[start:end]:
            self._lines.setdefault(target, line)
        return target in self._lines

    def _inline_items(self, array: str) -> list[tuple[int, int]] | None:
        """Where each item of `array = [{ … }, { … }]` is, or None unless each is a flat inline table."""
        key = f"={array}"
        if key not in self._spans:
            items = self.table.get(array) if self.table is not None else None
            found: list[tuple[int, int]] | None = None
            if isinstance(items, list) and items and _BARE_KEY.fullmatch(array) and self.text is not None:
                opening = re.compile(rf"^[ \t]*{re.escape(array)}[ \t]*=[ \t]*\[", re.MULTILINE)
                starts = list(opening.finditer(self.text))
                if len(starts) == 1:
                    found, pos = [], starts[0].end()
                    for _item in items:
                        between = _BETWEEN_ITEMS.match(self.text, pos)
                        assert between is not None
                        table = _FLAT_INLINE_TABLE.match(self.text, between.end())
                        if table is None:
                            found = None
                            break
                        found.append((table.start(), table.end()))
                        pos = table.end()
            self._spans[key] = found
        return self._spans[key]

    def _line_at(self, pos: int) -> int:
        """The line of a position in the text, counted from the nearest position already known below it."""
        index = bisect_left(self._known, (pos, 0))
        below, line = self._known[index - 1] if index else (0, 1)
        assert self.text is not None
        line += self.text.count("\n", below, pos)
        self._known.insert(index, (pos, line))
        return line

    def _headers(self, array: str) -> list[int] | None:
        """Where each `[[array]]` header starts, or None unless there is exactly one per item of the array."""
        if array not in self._starts:
            items = self.table.get(array) if self.table is not None else None
            found = None
            if (
                isinstance(items, list)
                and _BARE_KEY.fullmatch(array)
                and self.text is not None
                and f"[[{array}]]" in self.text  # a quick test before the regular expression
            ):
                header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(array)}[ \t]*\]\]", re.MULTILINE)
                starts = [match.start() for match in header.finditer(self.text)]
                # A header-like line inside a multi-line string, or a quoted header, makes the count differ.
                found = starts if len(starts) == len(items) else None
            self._starts[array] = found
        return self._starts[array]

    def _parse(self) -> None:
        """Parse the text when only the text was given: the table tells which paths are written, cheaply."""
        if self.table is None and self.text is not None and not self._scanned:
            try:
                self.table = tomli.loads(self.text)
            except (tomli.TOMLDecodeError, RecursionError):
                # The scanner assumes valid TOML: text that is not has no lines to give (its finding has its own).
                self.text = None

    def _target(self, path: Path) -> Path:
        return deepest_written(self.table, path) if self.table is not None else path

    def line(self, path: Path) -> int | None:
        """The line of `path` (or of its nearest ancestor) in the text; None when there is no text."""
        return self.lines([path])[path]

    def has(self, path: Path) -> bool:
        """Whether the text spells out `path` itself, not only one of its ancestors."""
        self._parse()
        if self.table is not None:
            return written(self.table, path)
        if self.text is None:
            return False
        if not self._scanned:
            self._lines, self._scanned = key_lines(self.text), True
        return path in self._lines

    def __repr__(self) -> str:
        return f"SourceText({self.file!r})"
