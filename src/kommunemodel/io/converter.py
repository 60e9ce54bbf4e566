"""The one cattrs Converter that turns model-file data into domain objects and back."""

from __future__ import annotations

import datetime
import difflib
import enum
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_mapping_structure_fn

from ..errors import Breach, InvariantError
from ..model.invariants import breaches
from ..model.source import NOT_DESCRIBED, NOT_DESCRIBED_TEXT, Citation, Span, Unknown

TYPE_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    Span: "an integer, [low, high] or { about = … }",
    Citation: "a citation",
    datetime.date: "a date like 2024-03-01",
}


#: How a value read from TOML is named in an error message.
TOML_KINDS = {
    bool: "boolean",
    int: "integer",
    float: "number",
    str: "string",
    list: "array",
    dict: "table",
    datetime.date: "date",
    datetime.datetime: "date-time",
    datetime.time: "time",
}


def _describe(value: Any) -> str:
    if isinstance(value, dict | list):
        return TOML_KINDS[type(value)]
    shown = value.isoformat() if isinstance(value, datetime.date | datetime.time) else repr(value)
    return f"{TOML_KINDS.get(type(value), type(value).__name__)} {shown}"


def _strict(expected: type) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _type: Any) -> Any:
        ok = isinstance(value, expected) and not (expected is not bool and isinstance(value, bool))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not ok:
            raise TypeError(f"expected {TYPE_NAMES[expected]}, got {_describe(value)}")
        return value

    return structure


def _enum(value: Any, kind: type[enum.Enum]) -> Any:
    members = kind._value2member_map_
    if not isinstance(value, str) or value not in members:
        close = difflib.get_close_matches(value, list(members), n=1) if isinstance(value, str) else []
        suggestion = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"expected one of {', '.join(members)}; got {_describe(value)}{suggestion}")
    return members[value]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _span(value: Any, _type: Any) -> Span:
    # A hedged number ("ca. 650", "næsten 1000") is a table with one key: { about = 650 } or { about = [l, h] }.
    approximate = isinstance(value, dict) and list(value) == ["about"]
    number = value["about"] if approximate else value
    if _is_int(number):
        return Span(number, number, approximate=approximate)
    if isinstance(number, list) and len(number) == 2 and all(_is_int(item) for item in number):
        return Span(number[0], number[1], approximate=approximate)
    raise TypeError(f"expected {TYPE_NAMES[Span]}, got {_describe(value)}")


def _unstructure_span(span: Span) -> Any:
    number = span.low if span.is_exact else [span.low, span.high]
    return {"about": number} if span.approximate else number


def _citation(value: Any, _type: Any) -> Citation:
    if not isinstance(value, str) or not value.strip():
        raise TypeError(f'expected a citation like "styringsmodel §4.4", got {_describe(value)}')
    return Citation.parse(value)


def _date(value: Any, _type: Any) -> datetime.date:
    # A TOML local date; a date-time is refused rather than silently cut to its day.
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    raise TypeError(f"expected a date like 2024-03-01, got {_describe(value)}")


def _unknown(value: Any, _type: Any) -> Unknown:
    if value != NOT_DESCRIBED_TEXT:
        raise ValueError(f"expected {NOT_DESCRIBED_TEXT!r}, got {_describe(value)}")
    return NOT_DESCRIBED


def _tuple_factory(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """Tuples are written as TOML arrays; a string is not an array of its letters."""

    def factory(kind: Any) -> Callable[[Any, Any], Any]:
        item_type = typing.get_args(kind)[0]

        def structure(value: Any, _type: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError(f"expected an array, got {_describe(value)}")
            return tuple(converter.structure(value, list[item_type]))  # type: ignore[valid-type]

        return structure

    return factory


def _mapping_factory(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """Mappings are written as TOML tables; a problem in one value is reported at its key."""

    def factory(kind: Any) -> Callable[[Any, Any], Any]:
        generated = make_mapping_structure_fn(kind, converter)

        def structure(value: Any, _type: Any) -> dict[Any, Any]:
            if not isinstance(value, dict):
                raise TypeError(f"expected a table, got {_describe(value)}")
            return generated(value, kind)

        return structure

    return factory


def _is_union(kind: Any) -> bool:
    return typing.get_origin(kind) in (typing.Union, types.UnionType)


def _union_factory(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """Unions are chosen by the value's TOML type, so the error names what was expected."""

    def factory(kind: Any) -> Callable[[Any, Any], Any]:
        members = [member for member in typing.get_args(kind) if member is not type(None)]
        unknown_allowed = Unknown in members
        # Which member a value's TOML type selects depends on its Python type only: decide once per type.
        chosen: dict[type, Any] = {}

        def structure(value: Any, _type: Any) -> Any:
            if unknown_allowed and value == NOT_DESCRIBED_TEXT:
                return NOT_DESCRIBED
            value_type = type(value)
            if value_type not in chosen:
                chosen[value_type] = next(
                    (member for member in members if member is not Unknown and _accepts(member, value)), None
                )
            member = chosen[value_type]
            if member is None:
                raise TypeError(f"expected {_expected(members)}, got {_describe(value)}")
            return converter.structure(value, member)

        return structure

    return factory


def _accepts(member: Any, value: Any) -> bool:
    """Whether the value's TOML type is the one this union member is written as."""
    if member is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if member is int:
        return isinstance(value, int)
    if member is float:
        return isinstance(value, int | float)
    if member is Span:
        # By type alone, since the union caches its choice per type: a table is `{ about = … }` or an error.
        return isinstance(value, int | list | dict)
    if member is Citation:
        return isinstance(value, str)
    if typing.get_origin(member) is tuple:
        return isinstance(value, list)
    if member is datetime.date:
        return isinstance(value, datetime.date)
    if member is str:
        return isinstance(value, str)
    if isinstance(member, type) and issubclass(member, enum.Enum):
        return isinstance(value, str)
    return isinstance(value, dict)


def _expected(members: list[Any]) -> str:
    words = []
    for member in members:
        if member is Unknown:
            words.append(f'"{NOT_DESCRIBED_TEXT}"')
        elif isinstance(member, type) and issubclass(member, enum.Enum):
            words.append(" or ".join(f'"{item.value}"' for item in member))
        elif typing.get_origin(member) is tuple:
            words.append("an array")
        elif member in TYPE_NAMES:
            words.append(TYPE_NAMES[member])
        else:
            words.append(f"a table ({member.__name__})")
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]


def _attrs_factory(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(kind: type) -> Callable[[Any, Any], Any]:
        generated: Callable[[Any, Any], Any] = make_dict_structure_fn(kind, converter)

        def structure(value: Any, _type: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected a table ({kind.__name__}), got {_describe(value)}")
            try:
                return generated(value, kind)
            except ClassValidationError as failure:
                with_notes, without_notes = failure.group_exceptions()
                # Every field structured and the class's own validators refused: report all of them.
                if with_notes or not _constructor_errors(without_notes):
                    raise
                first = without_notes[0]
                if isinstance(first, InvariantError):
                    # Every field passed its own validator; the invariants between them listed all they found.
                    raise _breach_errors(kind, first.breaches) from None
                raise _validator_errors(kind, value, converter, first) from None

        return structure

    return factory


def _constructor_errors(errors: list[Exception]) -> bool:
    """True when the errors came from the class's own validators rather than from its keys."""
    return bool(errors) and all(
        isinstance(error, ValueError | TypeError) and not isinstance(error, ForbiddenExtraKeysError) for error in errors
    )


def _noted(error: Exception, attribute: Any) -> Exception:
    """`error` marked as found at `attribute`, as cattrs marks a field's error, so it is reported at its key."""
    error.__notes__ = [AttributeValidationNote(f"Validating {attribute.name}", attribute.name, attribute.type)]
    return error


def _breach_errors(kind: type, breaches: tuple[Breach, ...]) -> ClassValidationError:
    """One error per broken invariant, each at the field it is reported at."""
    fields = attrs.fields_dict(kind)
    return ClassValidationError(
        f"While structuring {kind.__name__}",
        [_noted(ValueError(breach.message), fields[breach.at]) for breach in breaches],
        kind,
    )


def _validator_errors(kind: type, value: dict[str, Any], converter: cattrs.Converter, first: Exception) -> Exception:
    """Run every attrs validator of `kind`, then its cross-field invariants, so that all problems are reported.

    The instance they see is built here, field by field, without calling `__init__`; nothing is switched off for
    the process, so structuring in other threads keeps its validators. The invariants see a field that failed
    its own validator as not given, and one that reads such a field is left out: it is a knock-on of that
    field's finding (a month of 13 lies in no quarter).
    """
    attrs.resolve_types(kind)
    instance: Any = object.__new__(kind)
    for attribute in attrs.fields(kind):
        name = attribute.alias or attribute.name
        try:
            field_value = (
                converter.structure(value[name], attribute.type) if name in value else _default(attribute, instance)
            )
            if field_value is attrs.NOTHING:
                return first
            if attribute.converter is not None:
                field_value = attribute.converter(field_value)
        except Exception:  # noqa: BLE001 - structuring worked a moment ago; keep the first error
            return first
        object.__setattr__(instance, attribute.name, field_value)
    errors: list[Exception] = []
    failed: set[str] = set()
    for attribute in attrs.fields(kind):
        if attribute.validator is None:
            continue
        try:
            attribute.validator(instance, attribute, getattr(instance, attribute.name))
        except (ValueError, TypeError) as error:
            errors.append(_noted(error, attribute))
            failed.add(attribute.name)
    fields = attrs.fields_dict(kind)
    for name in sorted(failed):
        # A field that failed is read as not given, as the loader goes on to read it: reset to its default.
        default = _default(fields[name], instance)
        if default is not attrs.NOTHING:
            object.__setattr__(instance, name, default)
    for breach in breaches(instance):
        if not failed.intersection(breach.reads):
            errors.append(_noted(ValueError(breach.message), fields[breach.at]))
    return ClassValidationError(f"While structuring {kind.__name__}", errors or [first], kind)


def _default(attribute: Any, instance: object) -> Any:
    """The value a field takes when the file does not give it; attrs.NOTHING for a required field."""
    if isinstance(attribute.default, attrs.Factory):  # type: ignore[arg-type]
        factory = attribute.default.factory
        return factory(instance) if attribute.default.takes_self else factory()
    return attribute.default


def _unstructure_attrs(converter: cattrs.Converter, kind: type) -> Callable[[Any], dict[str, Any]]:
    """Fields left at their default are left out, except an explicit unknown, which the file should show."""
    fields = attrs.fields(kind)

    def unstructure(instance: Any) -> dict[str, Any]:
        table: dict[str, Any] = {}
        for attribute in fields:
            value = getattr(instance, attribute.name)
            if value is None or (
                attribute.default is not attrs.NOTHING and value == attribute.default and value is not NOT_DESCRIBED
            ):
                continue
            table[attribute.name] = converter.unstructure(value)
        return table

    return unstructure


@functools.cache
def make_converter(detailed: bool = True) -> cattrs.Converter:
    """The converter for model files: strict types, no extra keys; `detailed` collects every error with its path.

    The plain one stops at the first error and is about twice as fast: good files go through it, and a file
    it refuses is structured again with the detailed one to report everything.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    for primitive in (str, int, float, bool):
        converter.register_structure_hook(primitive, _strict(primitive))
    # StrEnum comes before str in a StrEnum's MRO, so this hook, not the str one, structures them.
    converter.register_structure_hook(enum.StrEnum, _enum)
    converter.register_structure_hook(Span, _span)
    converter.register_structure_hook(Citation, _citation)
    converter.register_structure_hook(Unknown, _unknown)
    converter.register_structure_hook(datetime.date, _date)
    converter.register_structure_hook_factory(lambda kind: typing.get_origin(kind) is tuple, _tuple_factory(converter))
    converter.register_structure_hook_factory(lambda kind: typing.get_origin(kind) is dict, _mapping_factory(converter))
    converter.register_structure_hook_factory(_is_union, _union_factory(converter))
    converter.register_structure_hook_factory(attrs.has, _attrs_factory(converter))

    converter.register_unstructure_hook(Span, _unstructure_span)
    converter.register_unstructure_hook(Citation, str)
    converter.register_unstructure_hook(Unknown, lambda _unknown: NOT_DESCRIBED_TEXT)
    converter.register_unstructure_hook(tuple, lambda items: [converter.unstructure(item) for item in items])
    converter.register_unstructure_hook_factory(attrs.has, lambda kind: _unstructure_attrs(converter, kind))
    return converter
