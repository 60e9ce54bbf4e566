"""Reading model files: bytes → TOML → domain objects, with every problem located in one pass."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path as FilePath
from typing import Any, TypeVar

import tomli
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from ..errors import InputError, ModelFileError, Problem
from ..model.integrity import format_path
from ..model.integrity import problems as integrity_problems
from ..model.steering_model import SCHEMA, SteeringModel
from .converter import make_converter
from .locate import Path, SourceText, key_lines, line_of

T = TypeVar("T")


def read_toml(data: bytes, file: str, error: type[InputError] = ModelFileError) -> tuple[dict[str, Any], str]:
    """Decode UTF-8 and parse TOML; raise `error` with line and column when either fails."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as failure:
        before = data[: failure.start]
        line = before.count(b"\n") + 1
        column = failure.start - (before.rfind(b"\n") + 1) + 1
        raise error(
            file, [Problem(f"not UTF-8: byte 0x{data[failure.start]:02x} cannot be decoded", "", line, column)]
        ) from None
    try:
        return tomli.loads(text), text
    except tomli.TOMLDecodeError as failure:
        message = failure.msg if hasattr(failure, "msg") else str(failure).split(" (at ")[0]
        where = (getattr(failure, "lineno", None), getattr(failure, "colno", None))
        raise error(file, [Problem(f"not valid TOML: {message}", "", *where)]) from None


def structure(data: dict[str, Any], kind: type[T], text: str) -> tuple[T | None, list[Problem]]:
    """Structure `data` into `kind`; on failure return every problem with its path and line."""
    try:
        return make_converter(detailed=False).structure(data, kind), []
    except Exception:  # noqa: BLE001 - any failure: structure again, collecting every problem
        pass
    try:
        return make_converter().structure(data, kind), []
    except (ClassValidationError, IterableValidationError) as failure:
        lines = key_lines(text)
        return None, [Problem(message, format_path(path), line_of(lines, path)) for path, message in _walk(failure, ())]


def _walk(failure: BaseException, path: Path) -> Iterator[tuple[Path, str]]:
    """Flatten cattrs' exception groups into (path, message) pairs."""
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
        for key in sorted(failure.extra_fields):
            yield (*path, key), f"unknown key {key!r}"
    elif isinstance(failure, KeyError):
        yield path, f"required key {failure.args[0]!r} is missing"
    else:
        yield path, str(failure)


def check_schema(table: dict[str, Any], text: str, file: str, schema: str, error: type[InputError]) -> None:
    """Raise `error` unless the file's `schema` key names `schema`."""
    found = table.get("schema")
    if found == schema:
        return
    message = (
        f'required key "schema" is missing: the first line should read schema = "{schema}"'
        if found is None
        else f"this file is {found!r}; kommunemodel reads {schema!r} here"
    )
    raise error(file, [Problem(message, "schema", line_of(key_lines(text), ("schema",)) or 1)])


def model_from_table(table: dict[str, Any], text: str, file: str) -> SteeringModel:
    """Structure a parsed model file, leaving ids and references to the caller (the rules report them).

    When structuring fails, the integrity problems are reported with the type errors, so one pass shows all.
    """
    check_schema(table, text, file, SCHEMA, ModelFileError)
    model, problems = structure(table, SteeringModel, text)
    if model is None:
        lines = key_lines(text)
        problems += [
            Problem(message, format_path(path), line_of(lines, path)) for path, message in integrity_problems(table)
        ]
        raise ModelFileError(file, sorted(problems, key=lambda problem: problem.line or 0))
    return model


def read_model(data: bytes | str, file: str = "<model>") -> tuple[SteeringModel, SourceText]:
    """Read a model for checking: structured, with its text for locating findings; ids and references unchecked."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    table, text = read_toml(raw, file)
    return model_from_table(table, text, file), SourceText(file, text)


def loads_model(data: bytes | str, file: str = "<model>") -> SteeringModel:
    """Read a `kommunemodel/1` model from bytes or text; raise ModelFileError listing every problem."""
    model, source = read_model(data, file)
    # Ids and references are checked on the model's own paths, which are the file's paths.
    problems = [Problem(message, format_path(path), source.line(path)) for path, message in integrity_problems(model)]
    if problems:
        raise ModelFileError(file, sorted(problems, key=lambda problem: problem.line or 0))
    return model


def read_file(path: str | FilePath, error: type[InputError] = ModelFileError) -> bytes:
    """The bytes of a file; one that cannot be opened is an `error` naming the file."""
    try:
        return FilePath(path).read_bytes()
    except OSError as failure:
        raise error(str(path), [Problem(f"cannot read file: {failure.strerror or failure}")]) from None


def load_model_file(path: str | FilePath) -> SteeringModel:
    """Read a model file from disk; a file that cannot be opened is a ModelFileError too."""
    return loads_model(read_file(path), str(path))
