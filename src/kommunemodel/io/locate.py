"""Where each key and array item of a TOML document starts: TOML path → line, for located errors."""

from __future__ import annotations

Path = tuple[str | int, ...]

BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    """Walks text that tomli has already accepted, so it may assume valid TOML."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        # A key missing from the top level is reported at the start of the file.
        self.lines: dict[Path, int] = {(): 1}
        self.table: Path = ()
        self.array_tables: dict[Path, int] = {}

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self.peek() == "\n":
                self.line += 1
            self.pos += 1

    def skip_blank(self, newlines: bool) -> None:
        while self.pos < len(self.text):
            char = self.peek()
            if char in " \t\r" or (newlines and char == "\n"):
                self.advance()
            elif char == "#":
                while self.pos < len(self.text) and self.peek() != "\n":
                    self.advance()
            else:
                return

    def string(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.pos):
            self.advance(3)
            end = self.text.find(quote * 3, self.pos)
            # A multi-line string may end with up to two extra quotes before the closing three.
            while self.text.startswith(quote, end + 3):
                end += 1
            content = self.text[self.pos : end]
            self.advance(end + 3 - self.pos)
            return content
        self.advance()
        start = self.pos
        while self.peek() != quote:
            if quote == '"' and self.peek() == "\\":
                self.advance()
            self.advance()
        content = self.text[start : self.pos]
        self.advance()
        return content

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_blank(newlines=False)
            if self.peek() in "\"'":
                raw = self.string()
                parts.append(raw.encode().decode("unicode_escape") if "\\" in raw else raw)
            else:
                start = self.pos
                while self.peek() in BARE and self.peek():
                    self.advance()
                parts.append(self.text[start : self.pos])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    def resolve(self, keys: tuple[str, ...]) -> Path:
        """A header's keys as a path, stepping into the current item of every array of tables."""
        path: Path = ()
        for key in keys:
            path = (*path, key)
            if path in self.array_tables:
                path = (*path, self.array_tables[path])
        return path

    def value(self, path: Path) -> None:
        self.skip_blank(newlines=False)
        char = self.peek()
        if char in "\"'":
            self.string()
        elif char == "[":
            self.advance()
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() == "]":
                    self.advance()
                    return
                self.lines.setdefault((*path, index), self.line)
                self.value((*path, index))
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.advance()
                    index += 1
        elif char == "{":
            self.advance()
            while True:
                self.skip_blank(newlines=False)
                if self.peek() == "}":
                    self.advance()
                    return
                line = self.line
                keys = self.key()
                self.lines.setdefault((*path, *keys), line)
                self.advance()  # the '='
                self.value((*path, *keys))
                self.skip_blank(newlines=False)
                if self.peek() == ",":
                    self.advance()
        else:
            while self.peek() and self.peek() not in ",]}\n#":
                self.advance()

    def document(self) -> dict[Path, int]:
        while True:
            self.skip_blank(newlines=True)
            if self.pos >= len(self.text):
                return self.lines
            line = self.line
            if self.text.startswith("[[", self.pos):
                self.advance(2)
                keys = self.key()
                self.advance(2)
                parent = self.resolve(keys[:-1])
                array = (*parent, keys[-1])
                self.array_tables[array] = self.array_tables.get(array, -1) + 1
                self.table = (*array, self.array_tables[array])
                self.lines.setdefault(array, line)
                self.lines.setdefault(self.table, line)
            elif self.peek() == "[":
                self.advance()
                keys = self.key()
                self.advance()
                self.table = self.resolve(keys)
                self.lines.setdefault(self.table, line)
            else:
                keys = self.key()
                self.lines.setdefault((*self.table, *keys), line)
                self.advance()  # the '='
                self.value((*self.table, *keys))


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
