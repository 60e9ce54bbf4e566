"""Every problem in one pass: load findings and rule findings together, in every output format, with codes."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import pytest

from kommunemodel.api import Checker
from kommunemodel.cli import main
from kommunemodel.io.load import read_model_file
from kommunemodel.rules import Report

from .checks import DATA, MODEL, edit

ONE_PASS = DATA / "one_pass.toml"
TEXT = ONE_PASS.read_text(encoding="utf-8")
#: (code, line) of each `# expect: CODE` comment: ten mistakes of ten kinds.
PLANTED = {
    (code, number)
    for number, line in enumerate(TEXT.splitlines(), 1)
    for code in re.findall(r"# expect: (KM\d{3})", line)
}
#: What follows, truthfully, from the planted mistakes: 'h_med' has no cadence once its misspelt key is ignored
#: (KM203), and a deficit cap of 150% is above the repayment threshold (KM302).
CONSEQUENCES = {"KM203", "KM302"}


def run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


def found(fmt: str, out: str) -> set[tuple[str, int]]:
    """(code, line) of every finding in one output format."""
    if fmt == "text":
        return {(code, int(line)) for line, code in re.findall(r"^[^\n]*?:(\d+): (\w+\d{3}) ", out, re.MULTILINE)}
    if fmt == "json":
        return {(item["code"], item["line"]) for item in json.loads(out)["findings"]}
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        return {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results}
    return {(title, int(line)) for line, title in re.findall(r"line=(\d+),title=(\w+\d{3}) ", out)}


def test_ten_kinds_of_mistake() -> None:
    assert len(PLANTED) == 10 and len({code for code, _line in PLANTED}) == 10


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_all_ten_mistakes_come_out_of_the_first_run(fmt: str) -> None:
    status, out, err = run("check", str(ONE_PASS), "--format", fmt)
    assert (status, err) == (1, "")
    findings = found(fmt, out)
    assert PLANTED <= findings
    assert {code for code, _line in findings - PLANTED} <= CONSEQUENCES


def test_a_misspelt_key_hides_no_rule_finding() -> None:
    text = edit(MODEL, "horizon_years = 2", "horizn_years = 2")
    text = edit(text, 'parents = ["vision"]', 'parents = ["vision", "decentral_aftale"]')
    report = check_text(text)
    assert [finding.code for finding in report.findings] == ["KM104", "KM021"]
    assert report.findings[1].message == "unknown key 'horizn_years'; did you mean 'horizon_years'?"


def check_text(text: str) -> Report:
    """The report of `check` on a model file holding `text`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.toml"
        path.write_text(text, encoding="utf-8")
        return Checker().check(path)


def test_no_knock_on_finding_for_an_item_left_out() -> None:
    # A role without its name is left out; the references to it are not reported as dangling.
    text = edit(MODEL, 'id = "centerchef"\nname = "Centerchef"\n', 'id = "centerchef"\n')
    report = check_text(text)
    assert [(finding.code, finding.location) for finding in report.findings] == [("KM022", "roles[1].name")]
    assert report.findings[0].hint == "roles[1] is left out of the checks"


def test_findings_after_an_item_left_out_keep_their_place_in_the_file() -> None:
    # levels[1] cannot be built; a finding on the level after it still points at levels[3], not levels[2].
    text = edit(MODEL, 'kind = "executive"', 'kind = "exec"')
    text = edit(
        text,
        'id = "enhed"\nname = "Enhed"\nkind = "unit"\nparent = "center"',
        'id = "enhed"\nname = "Enhed"\nkind = "unit"\nparent = "centre"',
    )
    report = check_text(text)
    located = [(finding.code, finding.location) for finding in report.findings]
    assert ("KM024", "levels[1].kind") in located
    assert ("KM102", "levels[3].parent") in located


def test_the_same_mistake_gets_the_same_code_whatever_else_is_wrong() -> None:
    alone = read_model_file(edit(MODEL, "horizon_years = 2", "horizn_years = 2"))
    with_others = read_model_file(
        edit(edit(MODEL, "horizon_years = 2", "horizn_years = 2"), 'kind = "political"', "kind = 3")
    )
    codes_alone = {(issue.code, issue.path) for issue in alone.issues}
    assert codes_alone <= {(issue.code, issue.path) for issue in with_others.issues}


def test_select_and_ignore_act_on_load_findings() -> None:
    status, out, _ = run("check", str(ONE_PASS), "--select", "KM02")
    assert status == 1 and {code for code, _line in found("text", out)} == {"KM021", "KM022", "KM023", "KM024"}
    status, out, _ = run("check", str(ONE_PASS), "--ignore", "KM0")
    assert not any(code.startswith("KM0") for code, _line in found("text", out))


def test_rule_explains_a_load_finding() -> None:
    status, out, _ = run("rule", "KM021")
    assert status == 0 and out.startswith("# KM021 unknown-key (error, checks any file)")
    assert "## What it checks" in out and "## Use instead" in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_a_syntax_error_is_a_finding_in_machine_formats(tmp_path: Path, fmt: str) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('schema = "kommunemodel/1"\n[municipality\n', encoding="utf-8")
    status, out, _ = run("check", str(broken), "--format", fmt)
    assert status == 2
    if fmt == "json":
        (finding,) = json.loads(out)["findings"]
        assert (finding["code"], finding["line"], finding["column"]) == ("KM010", 2, 14)
    elif fmt == "sarif":
        (result,) = json.loads(out)["runs"][0]["results"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (result["ruleId"], region) == ("KM010", {"startLine": 2, "startColumn": 14})
    else:
        assert out.startswith(f"::error file={broken},line=2,col=14,title=KM010 invalid-syntax::not valid TOML")


def test_a_byte_order_mark_is_accepted() -> None:
    assert read_model_file(b"\xef\xbb\xbf" + MODEL.encode("utf-8")).issues == []


def test_deep_nesting_is_a_located_finding_not_a_crash(tmp_path: Path) -> None:
    deep = tmp_path / "deep.toml"
    deep.write_text(MODEL + "\nnote = " + "[" * 1500 + "]" * 1500 + "\n", encoding="utf-8")
    status, out, err = run("check", str(deep))
    line = MODEL.count("\n") + 2
    assert status == 2 and "Traceback" not in err and "internal error" not in err
    assert f"deep.toml:{line}: KM012 nested too deeply to be read: 1500 levels" in out


def test_a_quoted_key_with_a_backslash_is_located(tmp_path: Path) -> None:
    # Valid TOML; the line locator used to decode the key as a Python escape and raise UnicodeDecodeError.
    odd = tmp_path / "odd.toml"
    text = MODEL.replace("[municipality]\n", "[municipality]\n'C:\\x' = 1\n\"a\\\\b\" = 2\n", 1)
    odd.write_text(text, encoding="utf-8")
    status, out, err = run("check", str(odd))
    line = text.splitlines().index("'C:\\x' = 1") + 1
    assert status == 1 and err == ""
    assert f"odd.toml:{line}: KM021 unknown key 'C:\\\\x'" in out
    assert f"odd.toml:{line + 1}: KM021 unknown key 'a\\\\b'" in out


def test_load_findings_validate_against_the_shipped_schemas(tmp_path: Path) -> None:
    from importlib.resources import files

    import jsonschema

    from kommunemodel.rules import render

    broken = tmp_path / "broken.toml"
    broken.write_text('schema = "kommunemodel/1"\n[municipality\n', encoding="utf-8")
    checker = Checker()
    reports = [checker.check(ONE_PASS), checker.check(broken), checker.check(tmp_path / "absent.toml")]
    schemas = files("kommunemodel.rules") / "schemas"
    findings = json.loads(schemas.joinpath("findings.schema.json").read_text(encoding="utf-8"))
    sarif = json.loads(schemas.joinpath("sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    document = json.loads(render.to_json(reports, checker.rules))
    jsonschema.Draft202012Validator(findings).validate(document)
    assert [entry["model"] for entry in document["files"]] == ["testby", "", ""]
    log = json.loads(render.sarif(reports, checker.rules, "0"))
    jsonschema.Draft7Validator(sarif, format_checker=jsonschema.FormatChecker()).validate(log)
    assert all(result["ruleId"] and "ruleIndex" in result for result in log["runs"][0]["results"])


def test_a_latin1_letter_hides_no_other_finding(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.toml"
    text = edit(MODEL, 'parents = ["vision"]', 'parents = ["vision", "decentral_aftale"]')
    # One letter saved as Latin-1 in an otherwise UTF-8 file, as an editor set to Windows-1252 writes it.
    latin.write_bytes(text.encode("utf-8").replace('name = "Byråd"'.encode(), b'name = "Byr\xe5d"'))
    status, out, _ = run("check", str(latin))
    line = text.splitlines().index('name = "Byråd"') + 1
    assert status == 1
    assert f"latin1.toml:{line}:12: KM011 not UTF-8: byte 0xe5 cannot be decoded" in out and "KM104" in out
