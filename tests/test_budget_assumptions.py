"""Assumption profiles: the shipped ones parse and document every value; bad profile files are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from kommunemodel.errors import ProfileFileError, UnknownProfileError
from kommunemodel.simulate.assumptions import PROFILE_RULES, load_profile, parse_profile, profile_names

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_shipped_profiles() -> None:
    assert profile_names() == ["annual-lapse", "full-carry-over", "symmetric-5pct"]


@pytest.mark.parametrize("name", profile_names())
def test_every_shipped_profile_fills_every_rule_with_a_reason_and_is_in_the_readme(name: str) -> None:
    profile = load_profile(name)
    assert profile.name == name
    assert {value.rule for value in profile.values} == set(PROFILE_RULES)
    assert all(value.reason.startswith("Assumed") for value in profile.values)  # never a source fact
    assert f"`{name}`" in README


def test_a_profile_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'schema = "kommunemodel-assumptions/1"\nname = "mine"\ntitle = "t"\ndescription = "d"\n'
        '[rules.deficit_cap]\nvalue = 0.1\nreason = "we say so"\n',
        encoding="utf-8",
    )
    profile = load_profile(str(path))
    assert profile.get("deficit_cap") is not None and profile.get("surplus_cap") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema = 1", "schema must be"),
        ('schema = "kommunemodel-assumptions/1"\nname = "x"\ntitle = "t"\ndescription = "d"\n', "[rules.NAME]"),
        (
            'schema = "kommunemodel-assumptions/1"\nname = "x"\ntitle = "t"\ndescription = "d"\n'
            "[rules.deficit_cap]\nvalue = 0.1\n",
            "exactly 'value' and 'reason'",
        ),
        (
            'schema = "kommunemodel-assumptions/1"\nname = "x"\ntitle = "t"\ndescription = "d"\n'
            '[rules.deficit_cap]\nvalue = 3\nreason = "r"\n',
            "rules.deficit_cap.value must be",
        ),
        (
            'schema = "kommunemodel-assumptions/1"\nname = "x"\ntitle = "t"\ndescription = "d"\n'
            '[rules.deficit_capp]\nvalue = 0.1\nreason = "r"\n',
            "unknown rule",
        ),
        ("schema = [", "not valid TOML"),
    ],
)
def test_bad_profiles_name_their_problem(text: str, message: str) -> None:
    with pytest.raises(ProfileFileError, match=message.replace("[", r"\[").replace(".", r"\.")):
        parse_profile(text, "bad.toml")


def test_an_unknown_profile_lists_the_shipped_ones() -> None:
    with pytest.raises(UnknownProfileError, match="symmetric-5pct"):
        load_profile("generous")
    with pytest.raises(ProfileFileError, match=r"missing\.toml"):
        load_profile("missing.toml")
