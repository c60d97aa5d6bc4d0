"""Rules that need set-up: an imported vocabulary (M003), custom profile constraints (I005,
I006), EBI OLS for ids newer than the snapshot (I003 online), and configuration knobs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ols.server import FakeOLS, ols_env, ols_server, term_doc  # noqa: F401 (fixtures)
from synthquery.lint import Severity, lint
from synthquery.profiles import TermRef, get_profile, import_vocabulary


def query(meta: dict[str, Any], **settings: Any) -> dict[str, Any]:
    return {
        "sampling_strategy": "sample generation",
        **settings,
        "inputs": [{"metadata": meta, "num_samples": 1}],
    }


def _found(report: Any, code: str, path: str) -> list[Any]:
    return [d for d in report.diagnostics if d.code == code and d.path == path]


def _custom(**tissue: Any) -> Any:
    profile = get_profile("gem-1-bulk")
    fields = dict(profile.fields)
    fields["tissue_ontology_id"] = fields["tissue_ontology_id"].model_copy(update=tissue)
    return profile.model_copy(update={"fields": fields})


def test_imported_vocabulary(tmp_path: Path) -> None:
    path = "inputs[0].metadata.tissue_ontology_id"
    source = tmp_path / "tissues.json"
    source.write_text(json.dumps(["UBERON:0000945"]), encoding="utf-8")
    # nothing imported yet: no opinion
    assert not _found(lint(query({"tissue_ontology_id": "UBERON:0002048"})), "M003", path)
    import_vocabulary(source, "gem-1-bulk", "tissue_ontology_id")
    assert _found(lint(query({"tissue_ontology_id": "UBERON:0002048"})), "M003", path)
    assert not _found(lint(query({"tissue_ontology_id": "UBERON:0000945"})), "M003", path)
    # compared in wire form: the malformed spelling is I001's business, not M003's
    report = lint(query({"tissue_ontology_id": "UBERON_0000945"}))
    assert not _found(report, "M003", path)
    assert _found(report, "I001", path)
    # another model is unaffected
    sc = lint(
        {**query({"tissue_ontology_id": "UBERON:0002048"}), "sampling_strategy": "mean estimation"},
        "gem-1-sc",
    )
    assert not _found(sc, "M003", path)


def test_forbidden_terms_and_branches() -> None:
    path = "inputs[0].metadata.tissue_ontology_id"
    profile = _custom(
        forbidden_terms=(TermRef(id="UBERON:0000945", label="stomach"),),
        forbidden_ancestors=(TermRef(id="UBERON:0000171", label="respiration organ"),),
    )
    assert _found(lint(query({"tissue_ontology_id": "UBERON:0000945"}), profile), "I006", path)
    assert _found(lint(query({"tissue_ontology_id": "UBERON:0002048"}), profile), "I006", path)
    assert not _found(lint(query({"tissue_ontology_id": "UBERON:0002113"}), profile), "I006", path)
    # the shipped profile forbids nothing
    assert not _found(lint(query({"tissue_ontology_id": "UBERON:0000945"})), "I006", path)


def test_allowed_branch_from_profile() -> None:
    path = "inputs[0].metadata.tissue_ontology_id"
    profile = _custom(allowed_ancestors=(TermRef(id="UBERON:0000171", label="respiration organ"),))
    assert _found(lint(query({"tissue_ontology_id": "UBERON:0000945"}), profile), "I005", path)
    assert not _found(lint(query({"tissue_ontology_id": "UBERON:0002048"}), profile), "I005", path)
    # a root missing from a trimmed snapshot is not held against the value
    trimmed = _custom(allowed_ancestors=(TermRef(id="UBERON:7777777"),))
    assert not _found(lint(query({"tissue_ontology_id": "UBERON:0002048"}), trimmed), "I005", path)


def test_unknown_id_known_to_ols_is_a_warning(ols_env: FakeOLS) -> None:  # noqa: F811
    ols_env.terms.append(term_doc("UBERON:0009998", "brand-new organ"))
    path = "inputs[0].metadata.tissue_ontology_id"
    report = lint(query({"tissue_ontology_id": "UBERON:0009998"}))
    (finding,) = _found(report, "I003", path)
    assert finding.severity is Severity.WARNING
    # unknown to OLS too: still an error
    (finding,) = _found(lint(query({"tissue_ontology_id": "UBERON:0009997"})), "I003", path)
    assert finding.severity is Severity.ERROR
    # config can keep the linter offline even when the process is not
    report = lint(query({"tissue_ontology_id": "UBERON:0009998"}), config={"online": False})
    (finding,) = _found(report, "I003", path)
    assert finding.severity is Severity.ERROR


def test_unknown_id_offline_is_an_error() -> None:
    path = "inputs[0].metadata.tissue_ontology_id"
    (finding,) = _found(lint(query({"tissue_ontology_id": "UBERON:0009998"})), "I003", path)
    assert finding.severity is Severity.ERROR


def test_quota_default_comes_from_the_profile() -> None:
    many = {"sampling_strategy": "sample generation", "inputs": [
        {"metadata": {"sex": "male", "age_years": str(i)}, "num_samples": 10} for i in range(11)
    ]}  # fmt: skip
    assert any(d.code == "X009" for d in lint(many).diagnostics)  # 110 > 100 (bulk default)
    assert not any(d.code == "X009" for d in lint(many, config={"quota": 0}).diagnostics)
    assert not any(d.code == "X009" for d in lint(many, config={"quota": 500}).diagnostics)


def test_warnings_config_downgrades_errors() -> None:
    doc = query({"sex": "Male"})
    (finding,) = [d for d in lint(doc).diagnostics if d.code == "K004"]
    assert finding.severity is Severity.ERROR
    report = lint(doc, config={"warnings": ["metadata.enum_value"]})
    (finding,) = [d for d in report.diagnostics if d.code == "K004"]
    assert finding.severity is Severity.WARNING
    assert not report.has_errors


def test_label_grounding_can_be_turned_off() -> None:
    path = "inputs[0].metadata.tissue_ontology_id"
    (finding,) = _found(lint(query({"tissue_ontology_id": "lung"})), "I008", path)
    assert finding.fix is not None
    report = lint(query({"tissue_ontology_id": "lung"}), config={"resolve_labels": False})
    (finding,) = _found(report, "I008", path)
    assert finding.fix is None


@pytest.mark.parametrize(
    ("config", "ok"),
    [({"quota": -1}, False), ({"max_depth": 0}, False), ({"nope": 1}, False), ({"quota": 3}, True)],
)
def test_config_validation(config: dict[str, Any], ok: bool) -> None:
    from synthquery import UsageError

    if ok:
        lint(query({"sex": "male"}), config=config)
    else:
        with pytest.raises(UsageError):
            lint(query({"sex": "male"}), config=config)


def test_organs_named_by_cell_type_labels() -> None:
    from synthquery.lint.rules.cross import MAJOR_ORGANS, organs_named

    assert organs_named("kidney epithelial cell") == ("UBERON:0002113",)
    assert organs_named("epithelial cell of lung") == ("UBERON:0002048",)
    assert organs_named("smooth muscle cell of bladder") == ("UBERON:0001255",)
    assert organs_named("hepatocyte") == ()
    assert organs_named("cardiac muscle cell") == ()  # adjectives are not used: too loose
    assert all(i.startswith("UBERON:") and words for i, words in MAJOR_ORGANS.items())


def test_cell_type_tissue_is_conservative() -> None:
    def x007(cell: str, tissue: str) -> bool:
        meta = {"cell_type_ontology_id": cell, "tissue_ontology_id": tissue}
        return any(d.code == "X007" for d in lint(query(meta)).diagnostics)

    assert x007("CL:0002518", "UBERON:0002048")  # kidney epithelial cell, lung
    assert x007("CL:0000082", "UBERON:0002107")  # epithelial cell of lung, liver
    assert not x007("CL:0002518", "UBERON:0001225")  # cortex of kidney is part of the kidney
    assert not x007("CL:0000182", "UBERON:0002048")  # hepatocyte names no organ
    assert not x007("CL:0002518", "UBERON:0001004")  # respiratory system is no listed organ


@pytest.mark.parametrize("word", ["healthy", "Normal", " healthy  control "])
def test_a_word_meaning_none_is_removed(word: str) -> None:
    path = "inputs[0].metadata.disease_ontology_id"
    doc = query({"tissue_ontology_id": "UBERON:0002048", "disease_ontology_id": word})
    (finding,) = _found(lint(doc), "I008", path)
    assert "leave `disease_ontology_id` out" in finding.message
    assert finding.fix is not None and finding.fix.kind == "delete"
    assert not finding.suggestions  # no "did you mean mental disorder"


def test_none_words_are_field_specific() -> None:
    # "normal" is no tissue: there it is an ordinary name to ground
    doc = query({"tissue_ontology_id": "normal"})
    (finding,) = _found(lint(doc), "I008", "inputs[0].metadata.tissue_ontology_id")
    assert "means no value" not in finding.message
