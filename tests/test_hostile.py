"""Hostile inputs: the bundled model and year files mutated every way a file can go wrong, never a traceback.

Every mutant must give a report whose findings are all located, an exit status that says what happened
(2 when the file could not be read, 1 for error findings, else 0), output in every format, and the input
left as it was. The number of mutants is the hypothesis profile's (`nightly`: 10,000; see conftest.py); with
KOMMUNEMODEL_FUZZ_LOG set, each one tried is recorded there (kind, file, size, exit status).
"""

from __future__ import annotations

import json
import os
import re
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunemodel.api import Checker
from kommunemodel.io.load import MAX_BYTES
from kommunemodel.rules import Report, Severity, render

BUNDLED = ("helsingoer", "hvidovre", "ishoej", "skanderborg")


def _bundled_files() -> list[tuple[str, bytes]]:
    found = []
    for name in BUNDLED:
        package = files(f"kommunemodel_{name}")
        found.append(("model.toml", package.joinpath("model.toml").read_bytes()))
        for example in sorted(package.joinpath("examples").iterdir(), key=lambda item: item.name):
            if example.name.endswith(".toml"):
                found.append((example.name, example.read_bytes()))
    return found


FILES = _bundled_files()
CHECKER = Checker()
#: A file to append one line per mutant to (KOMMUNEMODEL_FUZZ_LOG), for the count of a long run.
LOG = os.environ.get("KOMMUNEMODEL_FUZZ_LOG", "")

_STRING_VALUE = re.compile(rb'^([A-Za-z_]+ = )"[^"\n]*"', re.MULTILINE)
_NUMBER_VALUE = re.compile(rb"^([A-Za-z_]+ = )-?[0-9][0-9_.]*\s*$", re.MULTILINE)
_REFERENCE = re.compile(rb'^((?:parent|level|owner|approver|actor|body|unit|document|first|then) = )"[a-z_0-9]+"', re.M)
_KEY = re.compile(rb"^([a-z_]{3,}) = ", re.MULTILINE)
_PARENTS = re.compile(rb"^(parents = )\[[^\]\n]*\]", re.MULTILINE)

toml_scalars = st.sampled_from(
    [
        *(b"42", b"-1", b"3.5", b"true", b"false", b"[]", b"[1, 2]", b'["a", 1]', b"{}", b"{ x = 1 }"),
        *(b"2024-02-30", b"1979-05-27T07:32:00Z", b"inf", b"nan", b'"not_described"', b"''", b'""""""'),
    ]
)


def _replace_one(data: bytes, pattern: re.Pattern[bytes], draw: st.DrawFn, replacement: bytes) -> bytes:
    matches = list(pattern.finditer(data))
    if not matches:  # the file has no such line: the value goes under a key of its own at the end
        return data + b"\nmutated = " + replacement + b"\n"
    match = draw(st.sampled_from(matches))
    return data[: match.start()] + match.group(1) + replacement + data[match.end() :]


@st.composite
def mutants(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(kind of mutation, file name, mutated bytes) of one bundled file."""
    name, data = draw(st.sampled_from(FILES))
    kind = draw(
        st.sampled_from(
            [
                "wrong-type",
                "dangling-reference",
                "cycle",
                "unicode",
                "huge-number",
                "deep-nesting",
                "bom",
                "crlf",
                "nul",
                "not-utf8",
                "empty",
                "misspelt-key",
                "bytes",
                "truncated",
            ]
        )
    )
    position = draw(st.integers(0, len(data)))
    if kind == "wrong-type":
        data = _replace_one(data, draw(st.sampled_from([_STRING_VALUE, _NUMBER_VALUE])), draw, draw(toml_scalars))
    elif kind == "dangling-reference":
        target = draw(st.from_regex(rb"[a-z][a-z_0-9]{0,12}", fullmatch=True))
        data = _replace_one(data, _REFERENCE, draw, b'"' + target + b'"')
    elif kind == "cycle":
        # A document that is its own parent, or a level its own.
        ids = re.findall(rb'^id = "([a-z_0-9]+)"', data, re.MULTILINE) or [b"x"]
        data = _replace_one(data, _PARENTS, draw, b'["' + draw(st.sampled_from(ids)) + b'"]')
    elif kind == "unicode":
        text = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)).encode("utf-8")
        data = data[:position] + text + data[position:]
    elif kind == "huge-number":
        huge = draw(st.sampled_from([b"1" + b"0" * 400, b"-9" * 30, b"1e308", b"1e999", b"0x7fffffffffffffffff"]))
        data = _replace_one(data, _NUMBER_VALUE, draw, huge)
    elif kind == "deep-nesting":
        depth = draw(st.integers(50, 3000))
        opening, closing = draw(st.sampled_from([(b"[", b"]"), (b"{ a = ", b" }")]))
        data = data + b"\ndeep = " + opening * depth + b"1" + closing * depth + b"\n"
    elif kind == "bom":
        data = b"\xef\xbb\xbf" + data
    elif kind == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif kind == "nul":
        data = data[:position] + b"\x00" + data[position:]
    elif kind == "not-utf8":
        data = (
            data[:position] + draw(st.sampled_from([b"\xf8", b"\xff\xfe", b"\xc3", b"\xe6\xf8\xe5"])) + data[position:]
        )
    elif kind == "empty":
        data = b""
    elif kind == "misspelt-key":
        matches = list(_KEY.finditer(data))
        if matches:
            match = draw(st.sampled_from(matches))
            key = match.group(1)
            cut = draw(st.integers(0, len(key) - 1))
            data = data[: match.start()] + key[:cut] + key[cut + 1 :] + b" = " + data[match.end() :]
    elif kind == "bytes":
        inserted = draw(st.binary(max_size=8) | st.sampled_from([b"[", b"]]", b"=", b'"', b"\n[[x]]\n", b"'''"]))
        data = data[:position] + inserted + data[position + draw(st.integers(0, 30)) :]
    else:
        data = data[:position]
    return kind, name, data


def assert_well_reported(report: Report) -> None:
    """Every finding located; every output format renders; the status agrees with the findings."""
    for finding in report.findings:
        assert finding.message, finding
        assert finding.line is not None or finding.code in ("KM013", "KM012") or not report.readable, finding
        assert re.fullmatch(r"[A-Z]{2,4}\d{3}", finding.code), finding
    rules = CHECKER.rules
    assert render.text([report])
    document = json.loads(render.to_json([report], rules))
    assert len(document["findings"]) == len(report.findings)
    assert all(result["ruleId"] for result in json.loads(render.sarif([report], rules, "0"))["runs"][0]["results"])
    assert len(render.github([report], rules).splitlines()) == len(report.findings)


def status_of(report: Report) -> int:
    """The exit status `kommunemodel check` gives for this report."""
    return 2 if not report.readable else (1 if report.at_least(Severity.ERROR) else 0)


@given(mutants())
def test_mutated_bundled_files_give_located_findings_never_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, mutant: tuple[str, str, bytes]
) -> None:
    kind, name, data = mutant
    path = tmp_path_factory.mktemp("mutant") / name
    path.write_bytes(data)
    report = CHECKER.check(path)
    if LOG:  # a long run (the nightly profile) records each mutant tried, so that its count is known as it goes
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(f"{kind}\t{name}\t{len(data)}\t{status_of(report)}\n")
    assert_well_reported(report)
    assert path.read_bytes() == data  # nothing ever writes to an input
    if kind in ("empty", "not-utf8", "deep-nesting") and status_of(report) != 2:
        assert any(finding.code.startswith("KM0") for finding in report.findings) or kind == "deep-nesting"
    if kind in ("bom", "crlf"):
        assert not any(finding.code in ("KM010", "KM011") for finding in report.findings)


def test_a_gigantic_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as out:
        out.truncate(MAX_BYTES + 1)  # a sparse file: nothing is written, yet it is that big
    report = CHECKER.check(big)
    assert not report.readable
    ((code, message),) = [(finding.code, finding.message) for finding in report.findings]
    assert code == "KM012" and "kommunemodel reads files up to 64 MB" in message


def test_a_data_file_never_runs_code(tmp_path: Path) -> None:
    # Strings that would run code if anything evaluated them, as values and as keys.
    canary = tmp_path / "canary"
    payload = f"__import__('pathlib').Path({str(canary)!r}).write_text('ran')"
    text = FILES[0][1].decode("utf-8").replace('name = "', f'name = "{payload}', 1)
    text += f'\n"{payload}" = 1\n[budget.x]\n"{{{{7*7}}}}" = "${{{payload}}}"\n'
    path = tmp_path / "model.toml"
    path.write_text(text, encoding="utf-8")
    assert_well_reported(CHECKER.check(path))
    assert not canary.exists()
