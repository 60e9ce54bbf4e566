"""KM1xx, the structure of a model: each rule broken by an edit of the clean model, and its near misses kept."""

from __future__ import annotations

from kommunemodel.io.load import read_model
from kommunemodel.model import NOT_DESCRIBED
from kommunemodel.rules import check_model

from .checks import MODEL, check_model_text, core_rules, edit, found

VISION = 'id = "vision"\nname = "Vision"\nkind = "vision"\nowner = "byraad"\napprover = "byraad"\n'


def test_the_clean_model_has_no_findings() -> None:
    assert found(check_model_text(MODEL)) == []


def test_km101_a_second_thing_with_an_id_already_used() -> None:
    text = edit(MODEL, 'id = "c_med"', 'id = "center"')
    report = check_model_text(text, "KM101")
    assert found(report) == [("KM101", "error", "bodies[1].id")]
    assert report.findings[0].line == MODEL.splitlines().index('id = "c_med"') + 1
    assert "already used at levels[2].id" in report.findings[0].message


def test_km102_a_reference_to_no_such_role_and_a_citation_of_no_such_source() -> None:
    text = edit(MODEL, 'owner = "decentral_leder"', 'owner = "decentral_leeder"')
    text = edit(text, 'source = "notat §4.1"', 'source = "memo §4.1"')
    assert found(check_model_text(text, "KM102")) == [
        ("KM102", "error", "documents[0].source"),
        ("KM102", "error", "documents[2].owner"),
    ]


def test_km102_a_reference_to_the_wrong_kind_of_thing() -> None:
    text = edit(MODEL, 'parents = ["vision"]', 'parents = ["byraad"]')
    report = check_model_text(text, "KM102")
    assert found(report) == [("KM102", "error", "documents[1].parents[0]")]
    assert "is a level, not a document" in report.findings[0].message


def test_km103_levels_that_are_their_own_ancestors() -> None:
    text = edit(MODEL, 'kind = "executive"\nparent = "byraad"', 'kind = "executive"\nparent = "enhed"')
    report = check_model_text(text, "KM103")
    assert found(report) == [("KM103", "error", "levels[1].parent")]
    assert "'direktion', 'center', 'enhed'" in report.findings[0].message


def test_km103_roles_that_report_to_each_other() -> None:
    text = edit(
        MODEL,
        'level = "direktion"\nsource = "notat §3"',
        'level = "direktion"\nreports_to = "centerchef"\nsource = "notat §3"',
    )
    assert found(check_model_text(text, "KM103")) == [("KM103", "error", "roles[0].reports_to")]


def test_km103_a_role_reporting_to_a_body_is_no_cycle() -> None:
    text = edit(
        MODEL,
        'level = "direktion"\nsource = "notat §3"',
        'level = "direktion"\nreports_to = "h_med"\nsource = "notat §3"',
    )
    assert found(check_model_text(text, "KM103")) == []


def test_km104_documents_that_are_their_own_parents() -> None:
    text = edit(MODEL, 'horizon_years = "long_term"', 'horizon_years = "long_term"\nparents = ["decentral_aftale"]')
    report = check_model_text(text, "KM104")
    assert found(report) == [("KM104", "error", "documents[0].parents")]
    assert "'vision', 'strategikort', 'decentral_aftale'" in report.findings[0].message


def test_km105_a_chain_that_stops_below_the_council() -> None:
    text = edit(MODEL, 'parents = ["vision"]\n', "")
    report = check_model_text(text, "KM105")
    # The strategy map now tops its own chain, and the agreement under it inherits the break.
    assert found(report) == [("KM105", "warning", "documents[1]"), ("KM105", "warning", "documents[2]")]
    assert "ends at itself, owned and approved below the council" in report.findings[0].message


def test_km105_is_info_where_the_top_document_has_no_owner_or_approver_described() -> None:
    text = edit(MODEL, VISION, VISION.replace('"byraad"', '"not_described"'))
    assert found(check_model_text(text, "KM105")) == [
        ("KM105", "info", "documents[0]"),
        ("KM105", "info", "documents[1]"),
        ("KM105", "info", "documents[2]"),
    ]


def test_km105_one_political_top_is_enough_and_lone_documents_are_not_in_the_chain() -> None:
    # The strategy map hangs under the vision and under a management charter; a handbook hangs under nothing.
    extra = (
        '[[documents]]\nid = "charter"\nname = "Ledelsesgrundlag"\nkind = "charter"\nowner = "direktoer"\n'
        'source = "notat §4"\n\n[[documents]]\nid = "haandbog"\nname = "Ledelseshåndbog"\nkind = "standard"\n'
        'owner = "direktoer"\nsource = "notat §4"\n\n[[documents]]\nid = "vision"'
    )
    text = edit(MODEL, '[[documents]]\nid = "vision"', extra)
    text = edit(text, 'parents = ["vision"]', 'parents = ["vision", "charter"]')
    # Only the charter, a top of the chain owned below the council, is reported.
    assert found(check_model_text(text, "KM105")) == [("KM105", "warning", "documents[0]")]


def test_km106_a_level_without_anyone_on_it() -> None:
    text = edit(MODEL, 'level = "enhed"\nreports_to = "centerchef"', 'reports_to = "centerchef"')
    report = check_model_text(text, "KM106")
    assert found(report) == [("KM106", "warning", "levels[3]")]


def test_km106_citizens_and_employees_need_no_one_responsible() -> None:
    levels = (
        '[[levels]]\nid = "borgere"\nname = "Borgere"\nkind = "citizen"\nsource = "notat §2"\n\n'
        '[[levels]]\nid = "medarbejdere"\nname = "Medarbejdere"\nkind = "employee"\nparent = "enhed"\n'
        'source = "notat §2"\n\n[[bodies]]\nid = "h_med"'
    )
    assert found(check_model_text(edit(MODEL, '[[bodies]]\nid = "h_med"', levels), "KM106")) == []


def test_km107_an_owner_left_out_is_a_warning_and_one_not_described_is_info() -> None:
    text = edit(MODEL, 'owner = "centerchef"\napprover = "direktoer"\n', 'approver = "not_described"\n')
    assert found(check_model_text(text, "KM107")) == [
        ("KM107", "warning", "documents[1].owner"),
        ("KM107", "info", "documents[1].approver"),
    ]


def test_km107_documents_that_are_not_mandatory_need_no_owner() -> None:
    text = edit(MODEL, 'owner = "centerchef"\napprover = "direktoer"\n', "mandatory = false\n")
    assert found(check_model_text(text, "KM107")) == []


def test_km107_without_the_file_text_an_unknown_owner_is_info() -> None:
    model, _source = read_model(edit(MODEL, 'owner = "centerchef"\n', ""), "model.toml")
    report = check_model(model, core_rules())
    assert [(f.code, f.severity.value) for f in report.findings if f.code == "KM107"] == [("KM107", "info")]
    assert model.documents[1].owner is NOT_DESCRIBED
    assert report.file == "testby" and report.findings[0].line is None


def test_km108_an_approver_below_the_owner() -> None:
    text = edit(
        MODEL,
        'owner = "decentral_leder"\napprover = "centerchef"',
        'owner = "centerchef"\napprover = "decentral_leder"',
    )
    report = check_model_text(text, "KM108")
    assert found(report) == [("KM108", "error", "documents[2].approver")]
    assert "(level 'enhed'), below its owner 'centerchef' (level 'center')" in report.findings[0].message


def test_km108_an_approver_on_the_same_level_or_another_branch_is_fine() -> None:
    text = edit(
        MODEL, 'owner = "decentral_leder"\napprover = "centerchef"', 'owner = "decentral_leder"\napprover = "enhed"'
    )
    assert found(check_model_text(text, "KM108")) == []


def test_km109_facts_without_a_source() -> None:
    text = edit(MODEL, 'cadence = { times_per_year = 8 }\nsource = "notat §5"\n', "cadence = { times_per_year = 8 }\n")
    text = edit(
        text,
        'status_scale = ["red", "yellow", "green"]\nsource = "notat §4.3"\n',
        'status_scale = ["red", "yellow", "green"]\n',
    )
    assert found(check_model_text(text, "KM109")) == [
        ("KM109", "warning", "bodies[0]"),
        ("KM109", "warning", "documents[2].requirements"),
    ]
