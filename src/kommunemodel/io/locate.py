"""Where each key and array item of a TOML document starts: TOML path → line, for located errors."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable
from typing import Any

import tomli

#: A TOML path: the keys and array indexes from the document's root (`("documents", 3, "parents")`).
Path = tuple[str | int, ...]

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
        line, end, pos = 1, len(text), 0
        while pos < end:
            found = match(text, pos)
            if found is None:
                if wanted is not None and not wanted.difference(lines):
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
                # Checked at headers only: a set difference on every line would cost more than it saves.
                if wanted is not None and not wanted.difference(lines):
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


def written(table: Any, path: Path) -> bool:
    """Whether the parsed document holds `path` itself (a key given, an array item present)."""
    value = table
    for part in path:
        if isinstance(part, int):
            if not isinstance(value, list) or not 0 <= part < len(value):
                return False
        elif not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def deepest_written(table: Any, path: Path) -> Path:
    """The longest prefix of `path` the parsed document holds: the part of it a line can be found for."""
    value = table
    for end, part in enumerate(path):
        if isinstance(part, int):
            if not isinstance(value, list) or not 0 <= part < len(value):
                return path[:end]
        elif not isinstance(value, dict) or part not in value:
            return path[:end]
        value = value[part]
    return path


def value_at(table: Any, path: Path) -> Any:
    """The parsed value at `path`, or None where the document holds nothing there."""
    value = table
    for part in path:
        if isinstance(part, int):
            if not isinstance(value, list) or not 0 <= part < len(value):
                return None
        elif not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


class SourceText:
    """A file's name, text and parsed table; lines are found only for the paths a finding asks about.

    Without the parsed table (a caller that has only the text), the first question scans the whole text once.
    """

    __slots__ = ("_lines", "_scanned", "file", "table", "text")

    def __init__(self, file: str, text: str | None, table: dict[str, Any] | None = None) -> None:
        self.file = file
        self.text = text
        self.table = table
        self._lines: dict[Path, int] = {}
        self._scanned = False

    def lines(self, paths: Iterable[Path]) -> dict[Path, int | None]:
        """The line of each path (or of its nearest ancestor), scanning the text at most once more."""
        wanted = list(dict.fromkeys(paths))
        if self.text is None:
            return dict.fromkeys(wanted)
        targets = [self._target(path) for path in wanted]
        if not self._scanned and any(target not in self._lines for target in targets):
            if self.table is None:
                self._lines, self._scanned = key_lines(self.text), True
            else:
                # A fresh scan from the top, stopping once every target so far asked for is found.
                asked = {target for target in targets if target} | set(self._lines)
                self._lines = key_lines(self.text, asked)
                # A scan that left a target unfound went to the end of the text: it is complete.
                self._scanned = bool(asked.difference(self._lines))
        return {path: line_of(self._lines, target) for path, target in zip(wanted, targets, strict=True)}

    def _target(self, path: Path) -> Path:
        return deepest_written(self.table, path) if self.table is not None else path

    def line(self, path: Path) -> int | None:
        """The line of `path` (or of its nearest ancestor) in the text; None when there is no text."""
        return self.lines([path])[path]

    def has(self, path: Path) -> bool:
        """Whether the text spells out `path` itself, not only one of its ancestors."""
        if self.table is not None:
            return written(self.table, path)
        if self.text is None:
            return False
        if not self._scanned:
            self._lines, self._scanned = key_lines(self.text), True
        return path in self._lines

    def __repr__(self) -> str:
        return f"SourceText({self.file!r})"
