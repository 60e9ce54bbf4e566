"""Invariants across an object's fields: plain functions returning every breach, enforced when it is built.

A class with such invariants calls `refuse(self, its_breaches(self))` in `__attrs_post_init__`, so an invalid
object cannot be made in Python, and one ValueError lists everything wrong. A loader calls `breaches` on an
object it built field by field and reports each breach as its own finding; nothing is switched off.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Breach, InvariantError

__all__ = ["Breach", "InvariantError", "breaches", "refuse"]


def refuse(instance: object, found: Iterable[Breach]) -> None:
    """Raise InvariantError listing every breach found for `instance`; nothing when there is none."""
    listed = tuple(found)
    if listed:
        raise InvariantError(type(instance).__name__, listed)


def breaches(instance: object) -> tuple[Breach, ...]:
    """Every cross-field invariant `instance` breaks, as its class's `__attrs_post_init__` checks them."""
    check = getattr(type(instance), "__attrs_post_init__", None)
    if check is None:
        return ()
    try:
        check(instance)
    except InvariantError as error:
        return error.breaches
    return ()
