"""Waivers: findings a file accepts with a written reason; KM001 and KM002 are the rules about waivers themselves."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..model import Waiver
from .base import Finding, Rule, Severity, rule
from .subject import Subject


@rule("KM001", "waiver-without-reason", Severity.ERROR, subject=None)
def waiver_without_reason(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A waiver gives no reason.

    ## What it checks
    Every `[[waivers]]` entry, in a model file or a year file, has a non-empty `reason`. The waiver still
    waives its findings; this finding takes their place.

    ## Why it matters
    A waiver is a decision to accept a finding, and the reason is the record of that decision: who agreed,
    when, and why the model or the year departs from the rule. Without it the next reader cannot tell an
    accepted exception from a silenced mistake.

    ## Example
    ```toml
    [[waivers]]
    code = "KM410"
    path = "meetings"
    ```

    ## Use instead
    ```toml
    [[waivers]]
    code = "KM410"
    path = "meetings"
    reason = "Two H-MED meetings cancelled during the 2024 restructuring, agreed in H-MED 2024-03-14"
    ```
    """
    for index, waiver in enumerate(waivers_of(subject)):
        if not waiver.reason.strip():
            yield self.finding(
                ("waivers", index, "reason"),
                f"the waiver of {waiver.code}" + (f" at {waiver.path}" if waiver.path else "") + " gives no reason",
                "write why the finding is accepted, and who agreed",
            )


@rule("KM002", "unused-waiver", Severity.WARNING, subject=None)
def unused_waiver(self: Rule, subject: Subject) -> Iterator[Finding]:
    """A waiver waives nothing.

    ## What it checks
    Every `[[waivers]]` entry matches at least one finding: its `code` is a rule that runs on this file, and
    its `path` (left out, the whole file) is the path of a finding of that rule or an ancestor of it. Waivers
    of rules left out with `--select`/`--ignore` are not judged. This rule is reported by the engine, which
    alone sees every finding; it has no check of its own.

    ## Why it matters
    A waiver that no longer matches is stale: the finding was fixed, the path moved, or the code was misspelt
    and the finding it was meant for is still reported. Left in place, it would silently waive a new finding
    at the same path years later.

    ## Example
    ```toml
    [[waivers]]
    code = "KM107"
    path = "documents[2].owner"      # the owner was added long ago
    reason = "Owner not given in the 2018 handbook"
    ```

    ## Use instead
    Remove the waiver.
    """
    return iter(())


def waivers_of(subject: Subject) -> Sequence[Waiver]:
    """The waivers of the file a subject came from: the year file's for year data, else the model file's."""
    return subject.year.waivers if subject.year is not None else subject.model.waivers


def covers(waiver: Waiver, finding: Finding) -> bool:
    """Whether a waiver waives a finding: same code, and its path is the finding's path or an ancestor of it."""
    if waiver.code.upper() != finding.code:
        return False
    if not waiver.path:
        return True
    location = finding.location
    return location == waiver.path or (location.startswith(waiver.path) and location[len(waiver.path)] in ".[")
