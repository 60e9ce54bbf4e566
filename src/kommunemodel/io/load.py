"""Reading model files: bytes → TOML → domain objects, building what can be built and locating every problem."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from pathlib import Path as FilePath
from typing import Any, Generic, TypeVar

import attrs
import tomli
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ..errors import InputError, ModelFileError
from ..model.integrity import duplicate_ids, format_path, unresolved
from ..model.steering_model import SCHEMA, SteeringModel
from . import codes
from .converter import make_converter
from .issues import NOTHING_CUT, Cut, Issue
from .locate import Path, SourceText, deepest_written, value_at, written

T = TypeVar("T")

#: The largest file read (bytes); a bigger one is a KM012 finding, not a parse that takes minutes.
MAX_BYTES = 64 * 1024 * 1024
#: How many times a file that does not structure is pruned and structured again before giving up.
_ROUNDS = 8


class Loaded(Generic[T]):
    """A file as read: what could be built of it (None if nothing), its problems, and its text for lines."""

    __slots__ = ("cut", "issues", "readable", "source", "value")

    def __init__(
        self, value: T | None, issues: list[Issue], source: SourceText, cut: Cut = NOTHING_CUT, readable: bool = True
    ) -> None:
        self.value = value
        self.issues = issues
        self.source = source
        self.cut = cut
        # False when the file could not even be parsed (or is of another kind): nothing in it was checked.
        self.readable = readable

    def located(self) -> list[Issue]:
        """The problems, each with its line (looked up now, for all at once), in file order."""
        lines = self.source.lines([issue.path for issue in self.issues if issue.line is None])
        found = [
            issue if issue.line is not None else attrs.evolve(issue, line=lines[issue.path]) for issue in self.issues
        ]
        return sorted(found, key=lambda issue: (issue.line or 0, issue.column or 0, issue.code))

    def raise_for(self, error: type[InputError]) -> T:
        """The value when the file had no problem at all; else `error` listing every problem."""
        if self.issues or self.value is None:
            raise error(self.source.file, [issue.problem() for issue in self.located()])
        return self.value


def read_bytes(data: bytes, file: str) -> tuple[dict[str, Any] | None, str | None, list[Issue]]:
    """Decode UTF-8 (a byte-order mark accepted) and parse TOML: the table and text, or the problem that stopped it."""
    if len(data) > MAX_BYTES:
        size = f"{len(data) / 1024 / 1024:.0f} MB"
        message = f"the file is {size}; kommunemodel reads files up to {MAX_BYTES // 1024 // 1024} MB"
        return None, None, [Issue(codes.INPUT_LIMIT, (), message, "split the file", 1)]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark, as some Windows editors write; TOML is UTF-8 anyway
    found: list[Issue] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as failure:
        before = data[: failure.start]
        line = before.count(b"\n") + 1
        column = failure.start - (before.rfind(b"\n") + 1) + 1
        message = f"not UTF-8: byte 0x{data[failure.start]:02x} cannot be decoded"
        hint = "save the file as UTF-8; the file is checked with each such byte read as U+FFFD"
        found.append(Issue(codes.ENCODING, (), message, hint, line, column))
        # The rest of the file is still checked: a Latin-1 'ø' in a name hides nothing else.
        text = data.decode("utf-8", errors="replace")
    try:
        return tomli.loads(text), text, found
    except tomli.TOMLDecodeError as failure:
        message = failure.msg if hasattr(failure, "msg") else str(failure).split(" (at ")[0]
        where = getattr(failure, "lineno", None), getattr(failure, "colno", None)
        return None, text, [*found, Issue(codes.SYNTAX, (), f"not valid TOML: {message}", "", *where)]
    except RecursionError:
        return None, text, [*found, too_deep(text)]


def too_deep(text: str) -> Issue:
    """The KM012 finding for a file nested deeper than Python's stack lets the parser (or a later step) follow."""
    depth, line = _deepest(text)
    message = f"nested too deeply to be read: {depth} levels of arrays, tables or dotted keys"
    return Issue(codes.INPUT_LIMIT, (), message, "flatten the structure", line)


_NESTING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}.\n]')


def _deepest(text: str) -> tuple[int, int]:
    """How deep brackets and dotted keys nest at the most, and the first line that deep."""
    depth, dots, line, deepest, deepest_line = 0, 0, 1, 0, 1
    for token in _NESTING.finditer(text):
        char = token[0]
        if char == "\n":
            line, dots = line + 1, 0
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == ".":
            dots += 1
        if depth + dots > deepest:
            deepest, deepest_line = depth + dots, line
    return deepest, deepest_line


def read_toml(data: bytes, file: str, error: type[InputError] = ModelFileError) -> tuple[dict[str, Any], str]:
    """Decode UTF-8 and parse TOML; raise `error` with line and column when either fails."""
    table, text, issues = read_bytes(data, file)
    if table is None or text is None or issues:
        raise error(file, [issue.problem() for issue in issues])
    return table, text


def _suggest(word: str, choices: list[str]) -> str:
    """`; did you mean 'cadence'?` for the closest choice, or nothing when none is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _walk(failure: BaseException, path: Path) -> Iterator[tuple[Path, str, str, str]]:
    """Flatten cattrs' exception groups into (path, code, message, hint)."""
    if isinstance(failure, ClassValidationError):
        with_notes, without = failure.group_exceptions()
        for error, note in with_notes:
            yield from _walk(error, (*path, note.name))
        for error in without:
            yield from _walk(error, path)
    elif isinstance(failure, IterableValidationError):
        items, rest = failure.group_exceptions()
        for error, item in items:
            yield from _walk(error, (*path, item.index))
        for error in rest:
            yield from _walk(error, path)
    elif isinstance(failure, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(failure.cl)] if attrs.has(failure.cl) else []
        for key in sorted(failure.extra_fields):
            yield (*path, key), codes.UNKNOWN_KEY, f"unknown key {key!r}{_suggest(key, known)}", ""
    elif isinstance(failure, KeyError):
        yield path, codes.MISSING_KEY, f"required key {failure.args[0]!r} is missing", ""
    elif isinstance(failure, TypeError):
        yield path, codes.WRONG_TYPE, str(failure), ""
    else:
        yield path, codes.INVALID_VALUE, str(failure), ""


def _copy(value: Any) -> Any:
    """A copy of a parsed document deep enough to prune (tables and arrays copied; scalars shared)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _order(path: Path) -> tuple[tuple[int, int | str], ...]:
    return tuple((1, part) if isinstance(part, int) else (0, part) for part in path)


class _Pruner:
    """A working copy of a document, pruned where it cannot be structured, remembering what it left out."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.table = _copy(table)
        self.indexes: dict[Path, list[int]] = {}
        self.paths: set[Path] = set()
        self.ids: set[str] = set()

    def file_path(self, path: Path) -> Path:
        found: Path = ()
        for part in path:
            if isinstance(part, int) and found in self.indexes:
                kept = self.indexes[found]
                part = kept[part] if 0 <= part < len(kept) else part
            found = (*found, part)
        return found

    def remove(self, path: Path) -> bool:
        """Leave out what is at `path`, or the nearest thing above it that the document holds: a key (its field
        then takes its default) or an array item (left out of its array). False when nothing above it can go."""
        for end in range(len(path), 0, -1):
            part, parent = path[end - 1], value_at(self.table, path[: end - 1])
            if isinstance(part, int) and isinstance(parent, list) and 0 <= part < len(parent):
                self._drop(path[:end], parent, part)
                return True
            if isinstance(part, str) and isinstance(parent, dict) and part in parent:
                del parent[part]
                self.paths.add(self.file_path(path[:end]))
                return True
        return False

    def _drop(self, path: Path, parent: list[Any], index: int) -> None:
        item = parent.pop(index)
        array = self.file_path(path[:-1])
        kept = self.indexes.setdefault(array, list(range(len(parent) + 1)))
        self.paths.add((*array, kept.pop(index)))
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            self.ids.add(item["id"])

    def cut(self) -> Cut:
        return Cut(
            {key: tuple(value) for key, value in self.indexes.items()}, frozenset(self.paths), frozenset(self.ids)
        )


def structure(data: dict[str, Any], kind: type[T]) -> tuple[T | None, list[Issue], Cut]:
    """Structure `data` into `kind`, leaving out what cannot be structured; every problem with its path.

    A field with a problem is left out (it takes its default, as if unwritten); an item that cannot be built
    without it is left out of its array. What was left out is returned, so rules skip their knock-on findings.
    None when even that leaves nothing to build.
    """
    try:
        return make_converter(detailed=False).structure(data, kind), [], NOTHING_CUT
    except Exception:  # noqa: BLE001 - any failure: structure again, collecting every problem
        pass
    converter = make_converter()
    pruner = _Pruner(data)
    issues: list[Issue] = []
    reported: set[tuple[str, Path]] = set()
    said: set[tuple[str, Path, str]] = set()
    for round_ in range(_ROUNDS):
        try:
            return converter.structure(pruner.table, kind), issues, pruner.cut()
        except (ClassValidationError, IterableValidationError) as failure:
            found = list(_walk(failure, ()))
        except (ValueError, TypeError, KeyError) as failure:
            issues.append(Issue(codes.INVALID_VALUE, (), f"cannot be read: {failure}"))
            return None, issues, pruner.cut()
        removals: list[Path] = []
        for path, code, message, hint in found:
            original = pruner.file_path(path)
            # A key found missing is the table's problem: it goes, or the item it is in (a required field).
            removals.append(path[:-1] if code == codes.MISSING_KEY else path)
            if any(original[: len(cut)] == cut for cut in pruner.paths):
                # What is missing was left out in an earlier round: a consequence, not a mistake; but the field
                # was required, so its item goes too, and the finding that left it out says so.
                if code == codes.MISSING_KEY and (codes.MISSING_KEY, original) not in reported:
                    for position, issue in enumerate(issues):
                        if issue.path == original:
                            issues[position] = attrs.evolve(issue, hint=_left_out(original, codes.MISSING_KEY))
                continue
            # After a round of pruning, a table that lost a field may break an invariant across its fields, which
            # cattrs reports on a field the file does not write: a consequence, left out quietly. A field it does
            # write had its own validator held back by the other problems of its table, and is reported now.
            if round_ > 0 and not written(data, original) and any(_related(original, cut) for cut in pruner.paths):
                continue
            # Two invariants of one table may break at one key (a timing's `years`): each is its own finding.
            if (code, original, message) not in said:
                said.add((code, original, message))
                reported.add((code, original))
                # An invariant is reported at a key the file may not write (a timing's `years`); what is then left
                # out is the nearest part the file does write (the whole timing), and the hint names that.
                cut = original if code == codes.MISSING_KEY else deepest_written(data, original) or original
                issues.append(Issue(code, original, message, hint or _left_out(cut, code)))
        progress = False
        # Deepest and last first, so that leaving out an item does not move the ones still to go.
        for path in sorted(set(removals), key=_order, reverse=True):
            progress = pruner.remove(path) or progress
        if not progress:
            return None, issues, pruner.cut()
    return None, issues, pruner.cut()


def _related(path: Path, cut: Path) -> bool:
    """Whether `path` is in the table a cut key was in, or above it."""
    return path[: len(cut) - 1] == cut[:-1] or cut[: len(path)] == path


def _left_out(path: Path, code: str) -> str:
    """What the check does without the part: a missing key leaves its item out, a bad value is ignored."""
    if code == codes.UNKNOWN_KEY:
        return "the key is ignored"
    if code != codes.MISSING_KEY and path and isinstance(path[-1], str):
        return f"{path[-1]!r} is read as not given"
    for end in range(len(path), 0, -1):
        if isinstance(path[end - 1], int):
            return f"{format_path(path[:end])} is left out of the checks"
    return ""


def check_schema(table: dict[str, Any], schema: str) -> list[Issue]:
    """A KM020 issue unless the file's `schema` key names `schema`."""
    found = table.get("schema")
    if found == schema:
        return []
    message = (
        f'required key "schema" is missing: the first line should read schema = "{schema}"'
        if found is None
        else f"this file is {found!r}; kommunemodel reads {schema!r} here"
    )
    return [Issue(codes.SCHEMA, ("schema",), message, "", None if found is not None else 1)]


def structure_file(table: dict[str, Any], kind: type[T], schema: str, source: SourceText) -> Loaded[T]:
    """Check the schema, then structure what can be structured; a missing or wrong schema does not stop it."""
    issues = check_schema(table, schema)
    if issues:
        table = {**table, "schema": schema}
    try:
        value, problems, cut = structure(table, kind)
    except RecursionError:
        return Loaded(None, [too_deep(source.text or "")], source, readable=False)
    return Loaded(value, issues + problems, source, cut)


def model_from_table(table: dict[str, Any], text: str, file: str) -> SteeringModel:
    """Structure a parsed model file, leaving ids and references to the caller (the rules report them)."""
    return model_file(table, text, file).raise_for(ModelFileError)


def model_file(table: dict[str, Any], text: str | None, file: str) -> Loaded[SteeringModel]:
    """A parsed model file, structured as far as it can be, with its problems (ids and references unchecked)."""
    return structure_file(table, SteeringModel, SCHEMA, SourceText(file, text, table))


def read_structured(
    data: bytes | str, file: str, structure: Callable[[dict[str, Any], str | None, str], Loaded[T]]
) -> Loaded[T]:
    """A file parsed, then structured by `structure` as far as it can be, with the parse's problems first."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    table, text, issues = read_bytes(raw, file)
    if table is None:
        return Loaded(None, issues, SourceText(file, text), readable=False)
    loaded = structure(table, text, file)
    loaded.issues = issues + loaded.issues
    return loaded


def read_model_file(data: bytes | str, file: str = "<model>") -> Loaded[SteeringModel]:
    """A model file read as far as it can be: what could be built, and every problem in it, in one pass."""
    return read_structured(data, file, model_file)


def read_model(data: bytes | str, file: str = "<model>") -> tuple[SteeringModel, SourceText]:
    """Read a model for checking: structured, with its text for locating findings; ids and references unchecked."""
    loaded = read_model_file(data, file)
    return loaded.raise_for(ModelFileError), loaded.source


def dropped_integrity(loaded: Loaded[Any]) -> list[Issue]:
    """Duplicate ids and unresolved references inside the items loading left out, read from the file's table.

    The rules never see those items, yet their references are mistakes of the file all the same.
    """
    dropped = [path for path in loaded.cut.paths if path and isinstance(path[-1], int)]
    table = loaded.source.table
    if not dropped or table is None or not isinstance(loaded.value, SteeringModel):
        return []
    found = []
    view: Any = TableView(table)  # the file as written, read by attribute as a model is
    for code, problems in (("KM101", duplicate_ids(view)), ("KM102", unresolved(view))):
        for path, message in problems:
            if any(path[: len(item)] == item for item in dropped):
                found.append(Issue(code, path, message))
    return found


class TableView:
    """A parsed TOML table read by attribute, as the model's integrity checks read model objects."""

    __slots__ = ("_table",)

    def __init__(self, table: dict[str, Any]) -> None:
        self._table = table

    def __getattr__(self, name: str) -> Any:
        return _view(self._table.get(name))


def _view(value: Any) -> Any:
    if isinstance(value, dict):
        return TableView(value)
    if isinstance(value, list):
        return tuple(_view(item) for item in value)
    return value


def integrity_issues(loaded: Loaded[SteeringModel]) -> list[Issue]:
    """Duplicate ids and references that do not resolve, at their paths in the file, knock-ons left out."""
    if loaded.value is None:
        return []
    found = dropped_integrity(loaded)
    for code, problems in (("KM101", duplicate_ids(loaded.value)), ("KM102", unresolved(loaded.value))):
        for path, message in problems:
            in_file = loaded.cut.file_path(path)
            if not loaded.cut.knock_on(in_file, loaded.source.table):
                found.append(Issue(code, in_file, message))
    return found


def loads_model(data: bytes | str, file: str = "<model>") -> SteeringModel:
    """Read a `kommunemodel/1` model from bytes or text; raise ModelFileError listing every problem."""
    loaded = read_model_file(data, file)
    loaded.issues = loaded.issues + integrity_issues(loaded)
    return loaded.raise_for(ModelFileError)


def read_file(path: str | FilePath, error: type[InputError] = ModelFileError) -> bytes:
    """The bytes of a file; one that cannot be opened is an `error` naming the file."""
    issue = file_problem(path)
    if issue is not None:
        raise error(str(path), [issue.problem()])
    try:
        return FilePath(path).read_bytes()
    except OSError as failure:
        raise error(str(path), [Issue(codes.UNREADABLE, (), _os_message(failure)).problem()]) from None


def file_problem(path: str | FilePath) -> Issue | None:
    """Why a path cannot be read as a file (missing, a directory, too big), or None."""
    location = FilePath(path)
    try:
        if location.is_dir():
            return Issue(codes.UNREADABLE, (), "is a directory, not a file", "name the .toml files in it")
        if not location.exists():
            return Issue(codes.UNREADABLE, (), "cannot read file: No such file or directory")
        size = location.stat().st_size
    except OSError as failure:
        return Issue(codes.UNREADABLE, (), _os_message(failure))
    if size > MAX_BYTES:
        message = f"the file is {size / 1024 / 1024:.0f} MB; kommunemodel reads files up to {MAX_BYTES >> 20} MB"
        return Issue(codes.INPUT_LIMIT, (), message, "split the file")
    return None


def _os_message(failure: OSError) -> str:
    return f"cannot read file: {failure.strerror or failure}"


def load_model_file(path: str | FilePath) -> SteeringModel:
    """Read a model file from disk; a file that cannot be opened is a ModelFileError too."""
    return loads_model(read_file(path), str(path))
