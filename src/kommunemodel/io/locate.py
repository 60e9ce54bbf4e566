"""Where each key and array item of a TOML document starts: TOML path → line, for located errors."""

from __future__ import annotations

import re
from bisect import bisect_left

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

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [match.start() for match in _NEWLINE.finditer(text)]
        # A key missing from the top level is reported at the start of the file.
        self.lines: dict[Path, int] = {(): 1}
        self.table: Path = ()
        self.array_tables: dict[Path, int] = {}

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
                raw = self.string()
                parts.append(raw.encode().decode("unicode_escape") if "\\" in raw else raw)
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
        text, lines, match = self.text, self.lines, _LINE.match
        line, end, pos = 1, len(text), 0
        while pos < end:
            found = match(text, pos)
            if found is None:
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


def key_lines(text: str) -> dict[Path, int]:
    """The line on which each key, table and array item of a valid TOML document starts."""
    return _Scanner(text).document()


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one (a key missing from a table)."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


class SourceText:
    """A file's name and text; the line of each TOML path is worked out once, when a finding first asks."""

    __slots__ = ("_lines", "file", "text")

    def __init__(self, file: str, text: str | None) -> None:
        self.file = file
        self.text = text
        self._lines: dict[Path, int] | None = None

    def _key_lines(self) -> dict[Path, int]:
        if self._lines is None:
            self._lines = key_lines(self.text) if self.text is not None else {}
        return self._lines

    def line(self, path: Path) -> int | None:
        """The line of `path` (or of its nearest ancestor) in the text; None when there is no text."""
        return line_of(self._key_lines(), path)

    def has(self, path: Path) -> bool:
        """Whether the text spells out `path` itself, not only one of its ancestors."""
        return path in self._key_lines()

    def __repr__(self) -> str:
        return f"SourceText({self.file!r})"
