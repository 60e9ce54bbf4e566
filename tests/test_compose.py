"""Counterfactuals: compose() gives a new model, the baseline untouched, donor citations kept, dangling
references reported by check; composed ids work in load_model, show, check and compare."""

from __future__ import annotations

import functools
from copy import deepcopy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kommunemodel import Checker, load_model, loads_model
from kommunemodel.compare.compose import COLLECTIONS, PARTS, ComposedModel, compose, parse
from kommunemodel.errors import ComposeError
from kommunemodel.io import dumps_toml
from kommunemodel.model import SteeringModel
from kommunemodel.plugins import get_plugin_manager
from kommunemodel.rules import Severity
from kommunemodel.testing import run_cli


@pytest.fixture(scope="module")
def helsingoer() -> SteeringModel:
    return load_model("helsingoer")


@pytest.fixture(scope="module")
def skanderborg() -> SteeringModel:
    return load_model("skanderborg")


def test_the_budget_swap_is_a_new_model_with_a_telling_id(
    helsingoer: SteeringModel, skanderborg: SteeringModel
) -> None:
    before = dumps_toml(helsingoer)
    model = compose(helsingoer, {"budget": skanderborg})
    assert isinstance(model, ComposedModel) and model.id == "helsingoer+budget=skanderborg"
    assert model.municipality.id == "helsingoer_budget_skanderborg"
    assert "Skanderborg" in model.name
    assert model.budget.carry_over.deficit_cap == 0.05
    assert model.documents == helsingoer.documents and model.events == helsingoer.events
    assert dumps_toml(helsingoer) == before, "the baseline is untouched"


def test_every_swapped_fact_keeps_its_donors_citation_and_source(
    helsingoer: SteeringModel, skanderborg: SteeringModel
) -> None:
    model = compose(helsingoer, {"budget": skanderborg})
    assert str(model.budget.carry_over.source) == "skanderborg_haandbog §3.5; §6; §6.2; §7 Januar kvartal"
    assert [str(t.source) for t in model.budget.thresholds] == ["skanderborg_haandbog §6.2"]
    carried = {source.id: source for source in model.sources}
    assert carried["skanderborg_haandbog"].title == skanderborg.sources[0].title
    assert "styringsmodel" in carried, "the base's own sources stay"
    # Every citation names a source of the composed model.
    for _path, fact in model.facts():
        source = getattr(fact, "source", None)
        if source is not None:
            assert source.source in carried, (_path, source)


def test_check_reports_the_actors_the_base_does_not_have(helsingoer: SteeringModel, skanderborg: SteeringModel) -> None:
    report = Checker().check("helsingoer+budget=skanderborg")
    dangling = {(f.code, f.path) for f in report.findings if f.code == "KM102"}
    assert ("KM102", ("budget", "allocation", "recipient")) in {(c, tuple(p)) for c, p in dangling}
    assert any("kontraktholder" in f.message for f in report.findings if f.code == "KM102")
    assert report.at_least(Severity.ERROR) and not Checker().check("helsingoer").at_least(Severity.ERROR)


def test_the_cli_check_of_a_composed_model_fails_on_its_dangling_references() -> None:
    status, output, error = run_cli("check", "helsingoer+budget=skanderborg")
    assert status == 1 and error == ""
    assert "helsingoer+budget=skanderborg: KM102 'kontraktholder'" in output


@pytest.mark.parametrize("part", PARTS)
def test_each_part_carries_exactly_its_collections(
    part: str, helsingoer: SteeringModel, skanderborg: SteeringModel
) -> None:
    model = compose(helsingoer, {part: skanderborg})
    swapped = {
        "budget": ("budget",),
        "cycle": ("events", "constraints"),
        "documents": ("documents",),
        "organisation": ("levels", "bodies", "roles"),
    }[part]
    for name in ("levels", "bodies", "roles", "documents", "events", "constraints"):
        mine = getattr(model, name)
        donor = skanderborg if name in swapped else helsingoer
        assert [item.id if hasattr(item, "id") else item.first for item in mine] == [
            item.id if hasattr(item, "id") else item.first for item in getattr(donor, name)
        ], name
    with_document = {r.object for r in model.responsibilities if r.document is not None}
    expected = skanderborg if part == "documents" else helsingoer
    assert with_document == {r.object for r in expected.responsibilities if r.document is not None}


def test_swaps_chain_and_the_id_names_them_in_a_fixed_order(
    helsingoer: SteeringModel, skanderborg: SteeringModel
) -> None:
    ishoej = load_model("ishoej")
    model = compose(helsingoer, {"cycle": ishoej, "budget": skanderborg})
    assert model.id == "helsingoer+budget=skanderborg+cycle=ishoej"
    assert {"skanderborg_haandbog", "ishoej_arbejdsgrundlag"} <= {source.id for source in model.sources}
    assert load_model("helsingoer+cycle=ishoej+budget=skanderborg") == model


def test_a_composed_model_is_written_as_a_model_file_that_loads_back(helsingoer: SteeringModel) -> None:
    model = compose(helsingoer, {"budget": load_model("hvidovre")})
    again = loads_model(dumps_toml(model))
    assert again.id == "helsingoer_budget_hvidovre"
    assert again.budget == model.budget and again.sources == model.sources


def test_the_written_file_of_a_counterfactual_is_checked_like_the_composed_id(
    tmp_path: Path, helsingoer: SteeringModel, skanderborg: SteeringModel
) -> None:
    path = tmp_path / "counterfactual.toml"
    path.write_text(dumps_toml(compose(helsingoer, {"budget": skanderborg})), encoding="utf-8")
    from_file = {(f.code, f.path) for f in Checker().check(path).findings}
    from_id = {(f.code, f.path) for f in Checker().check("helsingoer+budget=skanderborg").findings}
    assert from_file == from_id and ("KM102", ("budget", "allocation", "recipient")) in from_file


def test_show_takes_a_composed_id() -> None:
    status, output, error = run_cli("show", "helsingoer+budget=skanderborg")
    assert status == 0 and error == ""
    assert "Skanderborg" in output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("helsingoer+budgt=skanderborg", "'budgt' is not a part"),
        ("helsingoer+budget", "write each swap as"),
        ("helsingoer+budget=skanderborg+budget=ishoej", "swapped twice"),
    ],
)
def test_a_badly_written_composed_id_is_a_one_line_error(name: str, message: str) -> None:
    with pytest.raises(ComposeError, match=message):
        parse(name)
    status, output, error = run_cli("show", name)
    assert status == 2 and output == "" and message in error and len(error.splitlines()) == 1


def test_an_unknown_donor_is_an_unknown_model() -> None:
    status, _output, error = run_cli("show", "helsingoer+budget=nowhere")
    assert status == 2 and "no model or file called 'nowhere'" in error


def test_compose_refuses_a_part_that_does_not_exist(helsingoer: SteeringModel) -> None:
    with pytest.raises(ComposeError):
        compose(helsingoer, {"principles": helsingoer})


BUNDLED = ("helsingoer", "hvidovre", "ishoej", "skanderborg")


@functools.cache
def bundled(copy: int) -> dict[str, SteeringModel]:
    """The four bundled models (copy 0), or a deep copy of them made before any composition (copy 1)."""
    if copy:
        return deepcopy(bundled(0))
    manager = get_plugin_manager()
    return {name: load_model(name, manager) for name in BUNDLED}


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(BUNDLED),
    st.dictionaries(st.sampled_from(PARTS), st.sampled_from(BUNDLED), min_size=1),
)
def test_any_composition_leaves_its_models_alone_and_every_citation_resolves(
    base_id: str, swaps: dict[str, str]
) -> None:
    untouched, models = bundled(1), bundled(0)
    assert untouched["helsingoer"] is not models["helsingoer"]
    composed = compose(models[base_id], {part: models[donor] for part, donor in swaps.items()})
    assert models == untouched
    assert parse(composed.id) == (base_id, swaps)
    sources = {source.id for source in composed.sources}
    assert len(sources) == len(composed.sources), "carried sources never clash"
    for _path, fact in composed.facts():
        citation = getattr(fact, "source", None)
        if citation is not None:
            assert citation.source in sources
    for part, donor in swaps.items():
        for collection in COLLECTIONS[part]:
            if collection != "budget":
                assert len(getattr(composed, collection)) == len(getattr(models[donor], collection))
