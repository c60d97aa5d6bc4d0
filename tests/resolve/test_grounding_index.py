"""The derived grounding index: build, keys, obsolete targets, cache naming, concurrency."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from _resolve_fixtures import Syn, T, TinyVocab, tiny_uberon

from synthquery.resolve.grounder import CONTRADICTION_PENALTY, Grounder
from synthquery.resolve.index import ensure_file, index_path, open_index
from synthquery.resolve.normalize import NORMALIZER_VERSION, normalize
from synthquery.resolve.ranking import (
    BROADER_PENALTY,
    COMMON_PENALTY,
    KIN_BONUS,
    MAX_BROADER,
    NAMED_MIN_WORDS,
    NAMED_PENALTY,
)
from synthquery.resolve.score import SHARED_INEXACT_PENALTY, USAGE_WEIGHT


def _grounder(vocab: TinyVocab, tmp_path: Path) -> Grounder:
    """A grounder over one tiny vocabulary's index (whatever vocabulary a field asks for)."""
    index = open_index(vocab, tmp_path)
    return Grounder(lambda name: index)


def _raw_of(grounder: Grounder, text: str, field: str, term_id: str) -> float:
    """The raw score ``term_id`` gets for ``text``."""
    return next(s.raw for s in grounder.ground(text, field) if s.term_id == term_id)


def test_keys_find_names(tiny: TinyVocab, tmp_path: Path) -> None:
    index = open_index(tiny, tmp_path)
    rows = index.by_keys([normalize("Kidney cortex"), "cortex kidney"])
    assert {r.term_id for r in rows} == {"UBERON:0001225"}
    rows = index.by_keys(["gallbladder"])  # compact key
    assert [r.term_id for r in rows] == ["UBERON:0002110"]


@pytest.mark.parametrize(
    ("letters", "expected"),
    [
        ("cok", {"UBERON:0001225"}),  # cortex of kidney
        ("rc", {"UBERON:0001225"}),  # renal cortex, its synonym
        ("gb", {"UBERON:0002110"}),  # gall bladder
        ("ck", set()),  # the letters of every word, in turn
        ("l", set()),  # one word is no abbreviation
        ("g%", set()),  # nor is anything but letters
    ],
)
def test_names_by_initials(
    tiny: TinyVocab, tmp_path: Path, letters: str, expected: set[str]
) -> None:
    index = open_index(tiny, tmp_path)
    assert {r.term_id for r in index.by_initials(letters)} == expected


def test_initials_may_leave_the_head_word_unsaid(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "CL",
        [
            T("CL:0000001", "inner cell mass cell"),
            T("CL:0000002", "immature cell"),  # "ic" + its head: never "i"
            T("CL:0000003", "inner cell mass"),
        ],
    )
    index = open_index(vocab, tmp_path)
    assert {r.term_id for r in index.by_initials("icm")} == {"CL:0000003"}
    assert {r.term_id for r in index.by_initials("icm", "cell")} == {"CL:0000001", "CL:0000003"}
    # a two-word name keeps its head: "cell" alone is no abbreviation's reading
    assert {r.term_id for r in index.by_initials("i", "cell")} == set()
    grounder = _grounder(vocab, tmp_path)
    # the name every letter spells goes first, by more than any prior
    ranked = grounder.ground("ICM", "cell_type")
    assert [s.term_id for s in ranked[:2]] == ["CL:0000003", "CL:0000001"]
    assert "initials" in ranked[1].match.rules
    # "X cells": the letters before the head word the field's names end in
    ranked = grounder.ground("ICM cells", "cell_type")
    assert {s.term_id for s in ranked[:2]} == {"CL:0000001", "CL:0000003"}


def test_initials_after_a_side_read_the_sided_name_first(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "internal jugular vein"),
            T("UBERON:0000002", "left internal jugular vein", parents=("UBERON:0000001",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    assert [s.term_id for s in grounder.ground("Left IJV", "tissue")[:2]] == [
        "UBERON:0000002",
        "UBERON:0000001",
    ]
    # no right one: the vein the side is of
    assert grounder.ground("Rt IJV", "tissue")[0].term_id == "UBERON:0000001"


def test_obsolete_names_point_to_replacement(tiny: TinyVocab, tmp_path: Path) -> None:
    index = open_index(tiny, tmp_path)
    rows = index.by_keys([normalize("lungs")])  # "obsolete " prefix is stripped
    (row,) = [r for r in rows if r.obsolete]
    assert row.term_id == "UBERON:0009999"
    assert index.term_by_tid(row.target)[0] == "UBERON:0002048"
    (dead,) = index.by_keys([normalize("spleen thing")])
    assert dead.target is None


def test_file_named_by_checksum_and_normalizer(tiny: TinyVocab, tmp_path: Path) -> None:
    path = ensure_file(tiny, tmp_path)
    assert path == index_path("UBERON", tiny.checksum, tmp_path)
    assert f"n{NORMALIZER_VERSION}" in path.name
    assert not list(tmp_path.glob("*.tmp"))


def test_built_once_then_reused(tiny: TinyVocab, tmp_path: Path) -> None:
    ensure_file(tiny, tmp_path)
    ensure_file(tiny, tmp_path)
    assert len(tiny.builds) == 1


def test_new_checksum_rebuilds_and_drops_stale(tiny: TinyVocab, tmp_path: Path) -> None:
    old = ensure_file(tiny, tmp_path)
    tiny.checksum = "ffffffffffffffff0000"
    new = ensure_file(tiny, tmp_path)
    assert new != old and new.exists() and not old.exists()


def test_corrupt_file_is_rebuilt(tiny: TinyVocab, tmp_path: Path) -> None:
    path = ensure_file(tiny, tmp_path)
    path.write_bytes(b"this is not a database" * 100)
    again = ensure_file(tiny, tmp_path)
    assert again == path
    assert sqlite3.connect(path).execute("SELECT count(*) FROM term").fetchone()[0] == 8


def _build_in_child(directory: str) -> str:
    return str(ensure_file(tiny_uberon(), Path(directory)))


def test_concurrent_first_use(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(3) as pool:
        paths = pool.map(_build_in_child, [str(tmp_path)] * 3)
    assert len(set(paths)) == 1
    con = sqlite3.connect(paths[0])
    assert con.execute("SELECT v FROM meta WHERE k = 'complete'").fetchone()[0] == "1"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite") == [
        Path(paths[0]).name
    ]


def test_grounder_on_tiny_vocabulary(tiny: TinyVocab, tmp_path: Path) -> None:
    grounder = _grounder(tiny, tmp_path)
    assert grounder.ground("Lung", "tissue")[0].term_id == "UBERON:0002048"
    assert grounder.ground("renal cortex", "tissue")[0].how == "synonym:EXACT"
    assert grounder.ground("kidney cortex", "tissue")[0].term_id == "UBERON:0001225"
    best = grounder.ground("lungs", "tissue")[0]
    assert best.term_id == "UBERON:0002048"
    replaced = [s for s in grounder.ground("obsolete lungs", "tissue") if "replacement" in s.how]
    assert all(s.term_id == "UBERON:0002048" for s in replaced)
    assert all(s.term_id != "UBERON:0009998" for s in grounder.ground("spleen thing", "tissue"))
    typo = grounder.ground("kidny", "tissue")
    assert typo and typo[0].term_id == "UBERON:0002113" and typo[0].match.relation == "fuzzy"
    assert grounder.ground("UBERON_0000947", "tissue")[0].how == "id"


def _tiny_mondo() -> TinyVocab:
    return TinyVocab(
        "MONDO",
        [
            T("MONDO:0000001", "disease"),
            T("MONDO:0000002", "stomach cancer", parents=("MONDO:0000001",)),
            T(
                "MONDO:0000003",
                "gastric carcinoma",
                (Syn("stomach cancer", "RELATED"),),
                ("MONDO:0000001",),
                subsets=("efo",),
            ),
            T("MONDO:0000004", "fundic gland polyp disease", parents=("MONDO:0000005",)),
            T("MONDO:0000005", "gastric polyp", parents=("MONDO:0000001",), subsets=("efo",)),
            T("MONDO:0000006", "stomach polyp syndrome", parents=("MONDO:0000001",)),
        ],
    )


def test_usage_subset_decides_between_near_equal_names(tmp_path: Path) -> None:
    grounder = _grounder(_tiny_mondo(), tmp_path)
    ranked = grounder.ground("stomach cancer", "disease")
    # the exact label of a term nobody files data under loses to the established concept
    assert [s.term_id for s in ranked[:2]] == ["MONDO:0000003", "MONDO:0000002"]
    assert ranked[0].match.usage == 1.0 and ranked[1].match.usage == 0.0
    # a parent in use is offered closer below its child than a parent not in use would be
    child = grounder.ground("fundic gland polyp disease", "disease")
    by_id = {s.term_id: s for s in child}
    parent = by_id["MONDO:0000005"]
    assert parent.how.startswith("broader than")
    # ("gastric polyp" also shares "polyp" with its child's label: see the kin test below)
    gap = BROADER_PENALTY - USAGE_WEIGHT["MONDO"] - KIN_BONUS
    assert child[0].raw - parent.raw == pytest.approx(gap)


def test_cancer_is_also_read_as_carcinoma_beside_an_exact_label(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "MONDO",
        [
            T("MONDO:0000001", "disease"),
            T("MONDO:0000002", "gastric cancer", parents=("MONDO:0000001",)),
            T("MONDO:0000003", "gastric carcinoma", parents=("MONDO:0000002",), subsets=("efo",)),
            T("MONDO:0000004", "lung cancer", parents=("MONDO:0000001",), subsets=("efo",)),
            T("MONDO:0000005", "lung carcinoma", parents=("MONDO:0000004",)),
            T(
                "MONDO:0000006",
                "gastric neoplasm",
                (Syn("gastric cancer", "RELATED"),),
                ("MONDO:0000001",),
                subsets=("efo",),
            ),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    # the exact label is a term nobody files data under; the carcinoma, one rewrite away, is
    ranked = grounder.ground("gastric cancer", "disease")
    assert ranked[0].term_id == "MONDO:0000003"
    assert ranked[0].how == "label after cancer_to_carcinoma"
    # the term the text spells comes right after it, above a synonym in use that scores more
    assert [s.term_id for s in ranked[1:3]] == ["MONDO:0000002", "MONDO:0000006"]
    assert ranked[1].raw <= ranked[0].raw
    # where the exact label is the one in use, it stays first
    ranked = grounder.ground("lung cancer", "disease")
    assert [s.term_id for s in ranked[:2]] == ["MONDO:0000004", "MONDO:0000005"]


def test_key_only_sources_are_not_fuzzy_matches(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "organ"),
            T(
                "UBERON:0011907",
                "gastrocnemius medialis",
                (Syn("Muscle - Skeletal", "EXACT", "gtex"),),
                ("UBERON:0000001",),
            ),
            T("UBERON:0001134", "skeletal muscle tissue", parents=("UBERON:0000001",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    # the site name as GTEx writes it, "Organ - site", reaches the term, in any case
    assert grounder.ground("Muscle - Skeletal", "tissue")[0].term_id == "UBERON:0011907"
    assert grounder.ground("muscle - skeletal", "tissue")[0].term_id == "UBERON:0011907"
    # ... the same words written otherwise say no more than skeletal muscle
    for text in ("muscle skeletal", "Muscle (Skeletal)"):
        assert "UBERON:0011907" not in {s.term_id for s in grounder.ground(text, "tissue")}
    # ... and a description sharing its words never does
    described = grounder.ground("skeletal muscle organ", "tissue")
    assert "UBERON:0011907" not in {s.term_id for s in described}


def test_shared_synonym_is_decided_by_prior_not_scope(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "CL",
        [
            T("CL:0000001", "cell"),
            # the central concept: more names, and children
            T(
                "CL:0000169",
                "type B pancreatic cell",
                (Syn("beta cell", "BROAD"), Syn("pancreatic beta cell"), Syn("B cell of islet")),
                ("CL:0000001",),
            ),
            T("CL:0000170", "glucose-responsive beta cell", parents=("CL:0000169",)),
            T("CL:0000171", "mature beta cell", parents=("CL:0000169",)),
            T("CL:0000639", "basophil of pars distalis", (Syn("beta cell", "RELATED"),)),
        ],
    )
    ranked = _grounder(vocab, tmp_path).ground("beta cell", "cell_type")
    assert ranked[0].term_id == "CL:0000169"
    # the match still tells the truth about the scope it came from
    assert ranked[0].how == "synonym:BROAD(test)"
    assert {s.term_id for s in ranked[:2]} == {"CL:0000169", "CL:0000639"}


def _tiny_amygdala(child_label: str) -> TinyVocab:
    shared = Syn("amygdala central nucleus", "RELATED")
    return TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "anatomical structure"),
            # the central concept: more names, and children
            T(
                "UBERON:0001876",
                "amygdala",
                (shared, Syn("amygdaloid body"), Syn("corpus amygdaloideum")),
                ("UBERON:0000001",),
            ),
            T("UBERON:0002883", child_label, (shared,), ("UBERON:0001876",)),
            T("UBERON:0002884", "lateral amygdaloid nucleus", parents=("UBERON:0001876",)),
        ],
    )


def test_a_shared_name_means_the_descendant_whose_own_label_the_text_spells(
    tmp_path: Path,
) -> None:
    grounder = _grounder(_tiny_amygdala("central amygdaloid nucleus"), tmp_path)
    ranked = grounder.ground("amygdala central nucleus", "tissue")
    # "amygdaloid" is amygdala's adjective: every word of the child's label is in the text
    assert [s.term_id for s in ranked[:2]] == ["UBERON:0002883", "UBERON:0001876"]
    assert ranked[0].how.endswith("its own label spelt")


def test_a_shared_name_keeps_the_prior_when_the_text_leaves_out_a_label_word(
    tmp_path: Path,
) -> None:
    grounder = _grounder(_tiny_amygdala("central medial amygdaloid nucleus"), tmp_path)
    ranked = grounder.ground("amygdala central nucleus", "tissue")
    assert [s.term_id for s in ranked[:2]] == ["UBERON:0001876", "UBERON:0002883"]


def test_shared_synonym_listed_as_exact_goes_first(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "CL",
        [
            T("CL:0000001", "cell"),
            T("CL:0000232", "erythrocyte", (Syn("red blood cell"),), ("CL:0000001",)),
            # the subtype is the more central concept here (two children) ...
            T(
                "CL:0000595",
                "enucleate erythrocyte",
                (Syn("red blood cell", "BROAD"), Syn("RBC", "BROAD"), Syn("red cell", "BROAD")),
                ("CL:0000232",),
            ),
            T("CL:0000596", "reticulocyte x", parents=("CL:0000595",)),
            T("CL:0000597", "mature enucleate erythrocyte", parents=("CL:0000595",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    ranked = grounder.ground("red blood cell", "cell_type")
    # ... but only the parent calls the name EXACT
    assert [s.term_id for s in ranked[:2]] == ["CL:0000232", "CL:0000595"]
    # by a hair: both are scored as EXACT synonyms
    assert 0 < ranked[0].raw - ranked[1].raw <= SHARED_INEXACT_PENALTY
    assert ranked[1].how == "synonym:BROAD(test)"


def test_a_synonym_is_shared_only_as_written_not_by_its_normal_form(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "organ"),
            T("UBERON:0009773", "renal tubule", (), ("UBERON:0000001",)),
            T("UBERON:0001231", "nephron tubule", (Syn("renal tubule"),), ("UBERON:0000001",)),
            # "renal tubules" only RELATED here: the EXACT "renal tubule" above is another
            # name, the plural spelt out, not the same synonym given a stronger scope
            T(
                "UBERON:0000083",
                "mesonephric tubule",
                (Syn("renal tubules", "RELATED"),),
                ("UBERON:0000001",),
            ),
        ],
    )
    ranked = _grounder(vocab, tmp_path).ground("renal tubules", "tissue")
    assert ranked[0].term_id == "UBERON:0009773"
    related = next(s for s in ranked if s.term_id == "UBERON:0000083")
    assert ranked[0].raw - related.raw > SHARED_INEXACT_PENALTY


def test_a_name_with_the_opposite_word_loses(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "MONDO",
        [
            T("MONDO:0000001", "disease"),
            T(
                "MONDO:0000010",
                "chronic myelitis",
                (Syn("myelitis of the cord"),),
                ("MONDO:0000001",),
            ),
            T("MONDO:0000011", "acute myelitis", parents=("MONDO:0000001",)),
            T("MONDO:0000012", "myelitis", parents=("MONDO:0000001",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)

    def raw_of(text: str, term_id: str) -> float:
        return _raw_of(grounder, text, "disease", term_id)

    # "chronic" and "acute" are both dropped to reach the synonym (by the same rewrite, at
    # the same cost); only "acute" contradicts "chronic"
    chronic = raw_of("chronic myelitis of the cord", "MONDO:0000010")
    acute = raw_of("acute myelitis of the cord", "MONDO:0000010")
    assert acute == pytest.approx(chronic - CONTRADICTION_PENALTY, abs=1e-6)
    # and the acute term is not touched by it
    assert raw_of("acute myelitis", "MONDO:0000011") > raw_of("acute myelitis", "MONDO:0000010")


def test_contradiction_needs_the_opposite_without_the_word() -> None:
    from synthquery.resolve.grounder import _contradicts, _polar_words

    polar = _polar_words("acute lymphoblastic leukemia left")
    assert polar == {"acute", "left"}
    assert _contradicts(polar, "chronic lymphoblastic leukemia", "")
    assert _contradicts(frozenset({"left"}), "right kidney", "right kidney")
    # a name carrying both words is no contradiction
    assert not _contradicts(polar, "acute on chronic leukemia", "")
    assert not _contradicts(frozenset(), "chronic anything", "")


def test_a_name_placing_it_in_another_organ_contradicts() -> None:
    from synthquery.resolve.grounder import ORGAN, _contradicts, _polar_words

    polar = _polar_words("liver resident memory t cell")
    assert polar == {ORGAN + "liver"}
    assert _contradicts(polar, "lung resident memory t cell", "lung resident memory T cell")
    # the organ's adjective is the organ; a name with no organ places it nowhere
    assert not _contradicts(polar, "hepatic memory t cell", "")
    assert not _contradicts(polar, "memory t cell", "memory T cell")
    # a text naming two organs denies neither
    both = _polar_words("lung and liver metastasis")
    assert not _contradicts(both, "lung metastasis", "")
    assert _contradicts(both, "brain metastasis", "")
    assert not _contradicts(frozenset(), "lung metastasis", "")


def test_a_negated_word_contradicts_names_that_say_it_without_non() -> None:
    from synthquery.resolve.grounder import NEGATED, ORGAN, _contradicts, _polar_words

    polar = _polar_words("non hodgkin lymphoma of skin")
    assert polar == {NEGATED + "hodgkin", ORGAN + "skin"}
    assert _contradicts(polar, "hodgkin lymphoma of skin", "Hodgkin lymphoma of skin")
    assert not _contradicts(polar, "non hodgkin lymphoma", "non-Hodgkin lymphoma")
    assert not _contradicts(polar, "lymphoma", "lymphoma")


def test_a_word_run_into_non_is_negated_too() -> None:
    from synthquery.resolve.grounder import NEGATED, _contradicts, _polar_words

    polar = _polar_words("nontoxic multinodular goiter")
    assert NEGATED + "toxic" in polar
    assert _contradicts(polar, "toxic multinodular goiter", "toxic multinodular goiter")
    assert not _contradicts(polar, "nontoxic goiter", "nontoxic goiter")
    assert not _contradicts(polar, "multinodular goiter", "multinodular goiter")
    assert not any(w.startswith(NEGATED) for w in _polar_words("nonane"))  # too short a rest


def test_a_negated_word_does_not_explain_its_own_negation() -> None:
    from synthquery.resolve.ranking import _names_word

    assert _names_word({"periprostatic"}, "prostatic")
    assert not _names_word({"senile"}, "nonsenile")
    assert not _names_word({"nonsenile"}, "senile")


def test_negated_modifier_dropped_to_name_the_class(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "MONDO",
        [
            T("MONDO:0000001", "carcinoma"),
            T("MONDO:0000002", "lung carcinoma", parents=("MONDO:0000001",)),
            T("MONDO:0000003", "squamous cell lung carcinoma", parents=("MONDO:0000002",)),
        ],
    )
    ranked = _grounder(vocab, tmp_path).ground("non squamous cell lung carcinoma", "disease")
    # the class the text narrows, never the subtype it excludes
    assert ranked[0].term_id == "MONDO:0000002"
    assert ranked[0].how == "label after drop_negated"
    by_id = {s.term_id: s for s in ranked}
    assert "MONDO:0000003" not in by_id or by_id["MONDO:0000003"].raw < ranked[0].raw - 0.1


def test_taxon_qualified_labels_answer_to_the_bare_name(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "organ"),
            T("UBERON:0000209", "tetrapod frontal bone", parents=("UBERON:0000001",)),
            T("UBERON:0014892", "skeletal muscle organ, vertebrate", parents=("UBERON:0000001",)),
            T("UBERON:6004535", "insect proboscis", parents=("UBERON:0000001",)),
            T("UBERON:0000033", "head", parents=("UBERON:0000001",)),
            T("UBERON:6003007", "insect adult head", parents=("UBERON:0000033",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    frontal = grounder.ground("frontal bone", "tissue")[0]
    assert (frontal.term_id, frontal.match.kind) == ("UBERON:0000209", "label")
    assert grounder.ground("skeletal muscle organ", "tissue")[0].term_id == "UBERON:0014892"
    assert grounder.ground("proboscis", "tissue")[0].term_id == "UBERON:6004535"
    # ... but a stage after the taxon word stays the fly's: "adult head" names no insect
    assert "UBERON:6003007" not in {s.term_id for s in grounder.ground("adult head", "tissue")[:1]}


def _tiny_named(name: str, prefix: str) -> TinyVocab:
    """structure <- side structure <- left eye; structure <- eye <- camera-type eye <- left
    eye: "eye" is two hops up, "side structure" a direct parent the text does not name."""
    return TinyVocab(
        name,
        [
            T(f"{prefix}:0000001", "structure"),
            T(f"{prefix}:0000002", "eye", parents=(f"{prefix}:0000001",)),
            T(f"{prefix}:0000003", "camera type eye", parents=(f"{prefix}:0000002",)),
            T(f"{prefix}:0000004", "side structure", parents=(f"{prefix}:0000001",)),
            T(
                f"{prefix}:0000005",
                "left eye",
                parents=(f"{prefix}:0000003", f"{prefix}:0000004"),
            ),
            T(f"{prefix}:0000006", "left", parents=(f"{prefix}:0000001",)),
        ],
    )


def test_ancestor_named_in_the_text_is_offered_first(tmp_path: Path) -> None:
    ranked = _grounder(_tiny_named("UBERON", "UBERON"), tmp_path).ground("left eye", "tissue")
    ids = [s.term_id for s in ranked]
    assert ids[:2] == ["UBERON:0000005", "UBERON:0000002"]
    eye = ranked[1]
    assert eye.how == "named in the text, broader than UBERON:0000005"
    assert ranked[0].raw - eye.raw == pytest.approx(NAMED_PENALTY)
    # the direct parents are still offered, below; "left" names a term that is no ancestor
    assert ids.index("UBERON:0000003") > 1 and ids.index("UBERON:0000004") > 1
    assert "UBERON:0000006" not in ids or not ranked[ids.index("UBERON:0000006")].how.startswith(
        "named"
    )
    # "structure" names no kind on its own and is never offered as named
    assert all(not (s.term_id == "UBERON:0000001" and s.how.startswith("named")) for s in ranked)


def test_a_parent_named_with_a_word_of_its_child_is_offered_first(tmp_path: Path) -> None:
    # the whole the part is named in comes last by id, past the parents offered
    parents = ("UBERON:0000002", "UBERON:0000003", "UBERON:0000004", "UBERON:0000005")
    assert len(parents) > MAX_BROADER
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "anatomical structure"),
            T("UBERON:0000002", "cerebral hemisphere", parents=("UBERON:0000001",)),
            T("UBERON:0000003", "nucleus of brain", parents=("UBERON:0000001",)),
            T("UBERON:0000004", "striatum", parents=("UBERON:0000001",)),
            T("UBERON:0000005", "caudate-putamen", parents=("UBERON:0000001",)),
            T("UBERON:0000006", "putamen", parents=parents),
        ],
    )
    ranked = _grounder(vocab, tmp_path).ground("putamen", "tissue")
    assert [s.term_id for s in ranked[:2]] == ["UBERON:0000006", "UBERON:0000005"]
    assert ranked[1].how == "broader than UBERON:0000006"
    others = [s for s in ranked if s.how.startswith("broader") and s.term_id != parents[-1]]
    assert len(others) == MAX_BROADER - 1
    assert ranked[2] in others and ranked[1].raw - ranked[2].raw == pytest.approx(KIN_BONUS)


def test_named_ancestor_from_words_out_of_order(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "CL",
        [
            T("CL:0000000", "cell"),
            T("CL:0000084", "T cell", parents=("CL:0000000",)),
            T("CL:0002419", "mature T cell", parents=("CL:0000084",)),
            T("CL:0000911", "effector T cell", parents=("CL:0002419",)),
        ],
    )
    ranked = _grounder(vocab, tmp_path).ground("T effector cell", "cell_type")
    assert [s.term_id for s in ranked[:3]] == ["CL:0000911", "CL:0000084", "CL:0002419"]
    assert ranked[1].how == "named in the text, broader than CL:0000911"
    assert ranked[2].how == "broader than CL:0000911"
    # "cell" is a bare head: named by the text, but never offered for it
    assert all(s.term_id != "CL:0000000" or not s.how.startswith("named") for s in ranked)


def test_named_ancestors_need_enough_words_per_vocabulary(tmp_path: Path) -> None:
    assert NAMED_MIN_WORDS["MONDO"] >= 2 and "CHEBI" not in NAMED_MIN_WORDS
    ranked = _grounder(_tiny_named("MONDO", "MONDO"), tmp_path).ground("left eye", "disease")
    assert ranked[0].term_id == "MONDO:0000005"
    assert not any(s.how.startswith("named") for s in ranked)


def test_all_words_in_another_order_beat_dropping_one(tmp_path: Path) -> None:
    # "eye left" names left eye with its words reordered; dropping "left" to reach eye costs
    # more than the reordering
    ranked = _grounder(_tiny_named("UBERON", "UBERON"), tmp_path).ground("eye left", "tissue")
    assert [s.term_id for s in ranked[:2]] == ["UBERON:0000005", "UBERON:0000002"]
    assert ranked[0].how == "word order label"


def _tiny_cells() -> TinyVocab:
    return TinyVocab(
        "CL",
        [
            T("CL:0000000", "cell"),
            T("CL:0000786", "plasma cell", parents=("CL:0000000",)),
            T("CL:0002092", "bone marrow cell", parents=("CL:0000000",)),
            T("CL:0000236", "B cell", parents=("CL:0000000",)),
        ],
    )


def test_head_phrase_names_the_cell_when_nothing_matches_the_whole_text(tmp_path: Path) -> None:
    grounder = _grounder(_tiny_cells(), tmp_path)
    ranked = grounder.ground("B220- CD138+ bone marrow plasma cells", "cell_type")
    assert ranked[0].term_id == "CL:0000786"
    assert "after head_phrase" in ranked[0].how
    assert ranked[0].raw < 0.9  # words were dropped: never as sure as a whole-text match
    # "from ..." says where the cells came from
    ranked = grounder.ground("CD27+ CLL B cells from peripheral blood", "cell_type")
    assert ranked[0].term_id == "CL:0000236"
    assert "after head_phrase" in ranked[0].how
    # a whole-text match needs no head phrase; a bare "cell" is never the head
    assert "head_phrase" not in grounder.ground("bone marrow cells", "cell_type")[0].how
    assert all(
        "head_phrase" not in s.how for s in grounder.ground("xyzzy frobnicated cell", "cell_type")
    )


def test_head_phrase_only_for_fields_that_end_with_their_head(tmp_path: Path) -> None:
    vocab = TinyVocab("CHEBI", [T("CHEBI:1", "sodium chloride"), T("CHEBI:2", "water")])
    ranked = _grounder(vocab, tmp_path).ground("qqq rrr sodium chloride", "compound")
    assert all("head_phrase" not in s.how for s in ranked)
    # a disease text is a noun phrase too: "other nonmalignant X disorders" is about X disorder
    mondo = _grounder(
        TinyVocab("MONDO", [T("MONDO:0000001", "breast disorder"), T("MONDO:0000002", "other")]),
        tmp_path,
    )
    ranked = mondo.ground("qqq rrr sss ttt uuu breast disorder", "disease")
    assert ranked[0].term_id == "MONDO:0000001" and "head_phrase" in ranked[0].how


def test_lead_phrase_when_no_phrase_ending_the_text_names_a_term(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "MONDO",
        [
            T("MONDO:0000001", "disease"),
            T("MONDO:0021178", "injury"),
            T("MONDO:3", "tendon disorder"),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    ranked = grounder.ground("Injury of qqq and rrr at sss level", "disease")
    assert ranked[0].term_id == "MONDO:0021178" and "lead_phrase" in ranked[0].match.rules
    # a phrase ending the text wins over one starting it: English puts the head last
    ranked = grounder.ground("injury qqq rrr tendon disorder", "disease")
    assert ranked[0].term_id == "MONDO:3" and "head_phrase" in ranked[0].match.rules
    # and compounds have no head: neither is tried
    chebi = _grounder(TinyVocab("CHEBI", [T("CHEBI:1", "water")]), tmp_path / "c")
    assert all("lead_phrase" not in s.how for s in chebi.ground("water qqq rrr", "compound"))


def _tiny_ducts(medullary_parent: str, vocabulary: str = "UBERON") -> TinyVocab:
    p = "MONDO" if vocabulary == "MONDO" else "UBERON"
    return TinyVocab(
        vocabulary,
        [
            T(f"{p}:0000001", "anatomical structure"),
            T(f"{p}:0000002", "duct", parents=(f"{p}:0000001",)),
            T(f"{p}:0000003", "medulla", parents=(f"{p}:0000001",)),
            T(
                f"{p}:0000004",
                "collecting duct of renal tubule",
                (Syn("collecting duct"),),
                (f"{p}:0000002",),
            ),
            T(f"{p}:0000005", "renal medulla tubule", parents=(f"{p}:0000003",)),
            # not "medullary collecting duct": "Medulla Collecting Duct" would reach that by key
            T(
                f"{p}:0000006",
                "medullary part of collecting duct",
                parents=(medullary_parent.replace("UBERON", p),),
            ),
        ],
    )


def test_descendant_naming_the_detail_the_answer_dropped_comes_first(tmp_path: Path) -> None:
    grounder = _grounder(_tiny_ducts("UBERON:0000004"), tmp_path)
    ranked = grounder.ground("Collecting Duct (Medulla)", "tissue")
    # the answer explains "collecting duct" only by dropping "(Medulla)"; its child also
    # explains "medulla" (as "medullary")
    assert [s.term_id for s in ranked[:2]] == ["UBERON:0000006", "UBERON:0000004"]
    assert ranked[0].how.endswith(", narrower than UBERON:0000004")
    assert ranked[0].raw >= ranked[1].raw >= ranked[2].raw
    # a text the answer explains fully moves nothing
    plain = grounder.ground("collecting duct", "tissue")
    assert all("narrower than" not in s.how for s in plain)


def test_outside_anatomy_such_a_descendant_comes_second(tmp_path: Path) -> None:
    grounder = _grounder(_tiny_ducts("MONDO:0000004", "MONDO"), tmp_path)
    ranked = grounder.ground("Collecting Duct (Medulla)", "disease")
    assert [s.term_id for s in ranked[:2]] == ["MONDO:0000004", "MONDO:0000006"]
    assert ranked[1].how.endswith(", narrower than MONDO:0000004")
    assert ranked[0].raw >= ranked[1].raw >= ranked[2].raw


def test_a_lookalike_outside_the_answers_branch_stays_where_it_is(tmp_path: Path) -> None:
    grounder = _grounder(_tiny_ducts("UBERON:0000003"), tmp_path)
    ranked = grounder.ground("Collecting Duct (Medulla)", "tissue")
    assert ranked[0].term_id == "UBERON:0000004"
    assert all("narrower than" not in s.how for s in ranked)


def test_a_capital_opening_the_text_still_spells_the_name_exactly(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "anatomical structure"),
            T("UBERON:0002420", "basal ganglion", parents=("UBERON:0000001",)),
            T(
                "UBERON:0010011",
                "collection of basal ganglia",
                (Syn("basal ganglia"),),
                ("UBERON:0000001",),
            ),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    # "basal ganglia" is a synonym spelt as written; the label only matches it as a plural
    for text in ("basal ganglia", "Basal ganglia"):
        assert grounder.ground(text, "tissue")[0].term_id == "UBERON:0010011", text
    # a capital inside the word is no sentence's style
    assert _raw_of(grounder, "basal Ganglia", "tissue", "UBERON:0010011") < _raw_of(
        grounder, "Basal ganglia", "tissue", "UBERON:0010011"
    )


def test_title_case_is_style_and_agrees_with_a_name_in_lower_case(tmp_path: Path) -> None:
    from synthquery.resolve.grounder import _unstyled

    assert _unstyled("Hepatic Flexure") == _unstyled("hepatic flexure") == "hepatic flexure"
    assert _unstyled("basal Ganglia") == "basal Ganglia"  # not title case: an odd capital
    assert _unstyled("HeLa") != _unstyled("Hela")  # a capital inside a word is the name's
    # MeSH writes its entry terms in title case: a title-case text no longer prefers them
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:1", "ascending colon", (Syn("Hepatic Flexure", "RELATED"),)),
            T("UBERON:2", "hepatic flexure of colon", (Syn("hepatic flexure", "EXACT"),)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    assert grounder.ground("Hepatic Flexure", "tissue")[0].term_id == "UBERON:2"


def _tiny_fibroblasts() -> TinyVocab:
    return TinyVocab(
        "CL",
        [
            T("CL:0000001", "cell"),
            T("CL:0000057", "fibroblast", parents=("CL:0000001",)),
            T("CL:0002554", "fibroblast of lymphatic vessel", parents=("CL:0000057",)),
            T("CL:0002553", "fibroblast of lung", parents=("CL:0000057",)),
            T("CL:0000009", "lymphatic vessel cell", parents=("CL:0000001",)),
        ],
    )


def test_a_tail_refining_the_head_beats_the_head_alone(tmp_path: Path) -> None:
    grounder = _grounder(_tiny_fibroblasts(), tmp_path)
    ranked = grounder.ground("Fibroblast - Lymphatic", "cell_type")
    # the head's own term was reached by leaving "Lymphatic" out; its child explains it
    assert [s.term_id for s in ranked[:2]] == ["CL:0002554", "CL:0000057"]
    # a tail no answer under the head explains leaves the head first
    other = grounder.ground("Fibroblast - Cardiac", "cell_type")
    assert other[0].term_id == "CL:0000057"


@pytest.mark.parametrize(
    ("words", "word", "named"),
    [
        ({"prostatic"}, "periprostatic", True),
        ({"cortex"}, "cortex", True),
        ({"cortex"}, "cortexin", True),
        ({"gland"}, "glands", False),  # short words must be equal
        ({"prostate"}, "prostatic", False),  # adjectives are read as nouns before this test
    ],
)
def test_names_word(words: set[str], word: str, named: bool) -> None:
    from synthquery.resolve.ranking import _names_word

    assert _names_word(words, word) is named


def _leukemias() -> TinyVocab:
    return TinyVocab(
        "MONDO",
        [
            T("MONDO:0000001", "disease"),
            T(
                "MONDO:0004967",
                "acute lymphoblastic leukemia",
                (Syn("acute lymphocytic leukemia"), Syn("acute lymphoid leukemia", "RELATED")),
                ("MONDO:0000001",),
            ),
            T("MONDO:0004947", "T-cell acute lymphoblastic leukemia", parents=("MONDO:0004967",)),
        ],
    )


def test_an_exact_synonym_ending_the_text_is_swapped_for_its_label(tmp_path: Path) -> None:
    grounder = _grounder(_leukemias(), tmp_path)
    best = grounder.ground("T-cell acute lymphocytic leukemia", "disease")[0]
    assert best.term_id == "MONDO:0004947"
    assert "synonym_swap" in best.match.rules
    # a swap costs: the same text written with the label scores higher
    direct = grounder.ground("T-cell acute lymphoblastic leukemia", "disease")[0]
    assert direct.term_id == best.term_id and direct.raw > best.raw


def test_related_synonyms_are_not_swapped(tmp_path: Path) -> None:
    # RELATED says "near", not "the same": B-cell + a relative of ALL is not B-ALL
    found = _grounder(_leukemias(), tmp_path).ground("T-cell acute lymphoid leukemia", "disease")
    assert all("synonym_swap" not in s.match.rules for s in found)


def test_a_chemical_class_parent_comes_after_near_miss_compounds(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "CHEBI",
        [
            T("CHEBI:1", "alpha-amino acid"),
            T("CHEBI:15356", "cysteine", parents=("CHEBI:1",)),
            T("CHEBI:17561", "L-cysteine", parents=("CHEBI:15356",)),
        ],
    )
    ranked = _grounder(vocab, tmp_path).ground("cysteine", "compound")
    assert [s.term_id for s in ranked[:3]] == ["CHEBI:15356", "CHEBI:17561", "CHEBI:1"]
    # a tissue's parent still comes right after the answer
    anatomy = _grounder(tiny_uberon(), tmp_path / "u").ground("kidney", "tissue")
    assert [s.term_id for s in anatomy[:2]] == ["UBERON:0002113", "UBERON:0000001"]


_KINDS = "acral amelanotic balloon desmoplastic lentiginous mucosal nodular ocular spitzoid uveal"
_KINDS += " vulvar anal choroidal conjunctival iris meningeal oral nasal penile rectal"
_KINDS = _KINDS.split()


def _tiny_melanomas() -> TinyVocab:
    # other melanomas as many as the search returns, listed first (ties go to them)
    names = [f"{kind} melanoma" for kind in _KINDS]
    names += ["melanoma", "hemangioma of subcutaneous tissue", "cutaneous melanoma"]
    return TinyVocab("MONDO", [T(f"MONDO:{i:07d}", name) for i, name in enumerate(names, 1)])


def test_a_prefixed_word_also_reaches_names_with_its_remainder(tmp_path: Path) -> None:
    from synthquery.resolve.fuzzy import fuzzy_search

    index = open_index(_tiny_melanomas(), tmp_path)
    found = [h.row.label for h in fuzzy_search(index, "subcutaneous melanoma")]
    assert "cutaneous melanoma" in found
    # only the full (typo) pass looks beyond the words as written
    quick = [h.row.label for h in fuzzy_search(index, "subcutaneous melanoma", typos=False)]
    assert "hemangioma of subcutaneous tissue" in quick


@pytest.mark.parametrize(
    ("word", "remainder"),
    [
        ("subcutaneous", "cutaneous"),
        ("periprostatic", "prostatic"),
        ("extrahepatic", "hepatic"),
        ("preadipocyte", None),  # a stage before, not a place: another kind of cell
        ("postnasal", None),
        ("subnodal", None),  # "nodal" is no word of this vocabulary
        ("subarea", None),  # remainder too short to tell
    ],
)
def test_prefixes_taken_off(tmp_path: Path, word: str, remainder: str | None) -> None:
    from synthquery.resolve.fuzzy import PREFIXED_WEIGHT, _unprefixed_words

    words = ["cutaneous", "prostatic", "hepatic", "adipocyte", "nasal", "area"]
    vocab = TinyVocab("UBERON", [T(f"UBERON:{i:07d}", w) for i, w in enumerate(words, 1)])
    index = open_index(vocab, tmp_path)
    found = _unprefixed_words(index, word)
    if remainder is None:
        assert found == []
    else:
        hit = index.word(remainder)
        assert hit is not None and found == [(PREFIXED_WEIGHT, hit[2], hit[1])]


def _tiny_body() -> TinyVocab:
    """structure <- organ <- {nervous organ <- CNS <- {brain, spinal cord}, gut <- {colon,
    rectum}}; "far part" hangs four hops below organ."""
    return TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "structure"),
            T("UBERON:0000002", "organ", parents=("UBERON:0000001",)),
            T("UBERON:0000003", "nervous organ", parents=("UBERON:0000002",)),
            T("UBERON:0000004", "central nervous system", parents=("UBERON:0000003",)),
            T("UBERON:0000005", "brain", parents=("UBERON:0000004",)),
            T("UBERON:0000006", "spinal cord", parents=("UBERON:0000004",)),
            T("UBERON:0000007", "gut", parents=("UBERON:0000002",)),
            T("UBERON:0000008", "colon", parents=("UBERON:0000007",)),
            T("UBERON:0000009", "rectum", parents=("UBERON:0000007",)),
            T("UBERON:0000010", "gut region", parents=("UBERON:0000007",)),
            T("UBERON:0000011", "gut part", parents=("UBERON:0000010",)),
            T("UBERON:0000012", "far part", parents=("UBERON:0000011",)),
        ],
    )


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("brain and spinal cord", "UBERON:0000004"),  # not organ: that lies above it
        ("colon & rectum", "UBERON:0000007"),
        ("brain, colon and rectum", "UBERON:0000002"),
        ("colon/rectum", "UBERON:0000007"),  # a portal's "Esophagus/Stomach" lineage
    ],
)
def test_names_joined_in_one_text_get_the_term_they_share(
    tmp_path: Path, text: str, shared: str
) -> None:
    ranked = _grounder(_tiny_body(), tmp_path).ground(text, "tissue")
    ids = [s.term_id for s in ranked]
    assert ids[0] != shared  # the first name named leads
    common = ranked[ids.index(shared)]
    assert common.how.startswith("common to ")
    assert ranked[0].raw - common.raw == pytest.approx(COMMON_PENALTY)


@pytest.mark.parametrize(
    "text",
    [
        "brain and central nervous system",  # one names the whole: nothing to add
        "brain and far part",  # organ is four hops above far part
        "brain and nonsense",  # a name that is no term
    ],
)
def test_no_shared_term_offered_without_one_near_every_name(tmp_path: Path, text: str) -> None:
    ranked = _grounder(_tiny_body(), tmp_path).ground(text, "tissue")
    assert not any(s.how.startswith("common to") for s in ranked)


def test_a_fuzzy_name_swapping_a_code_of_the_query_loses(tmp_path: Path) -> None:
    from synthquery.resolve.grounder import OTHER_CODE_PENALTY, _codes

    vocab = TinyVocab(
        "CL",
        [
            T("CL:0000000", "cell"),
            T("CL:0000010", "CD5-positive regulatory T cell", parents=("CL:0000000",)),
            T("CL:0000011", "plasma cell", parents=("CL:0000000",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)

    def raw_of(text: str) -> float:
        return _raw_of(grounder, text, "cell_type", "CL:0000010")

    assert _codes("cd4 positive cd25 positive treg") == {"cd4", "cd25"}
    assert not _codes("type 2 diabetes")  # a bare number is no code
    # the same fuzzy fit ("cd4" and "cdx" are both unknown words one letter from "cd5"), but
    # only CD4 is a code the name replaces with another
    swapped, plain = raw_of("CD4 suppressor T cell"), raw_of("CDX suppressor T cell")
    assert swapped == pytest.approx(plain - OTHER_CODE_PENALTY, abs=1e-6)


def test_of_two_names_of_a_term_with_one_key_the_stronger_scope_is_kept(tmp_path: Path) -> None:
    # the RELATED plural comes first in the source, the curated EXACT singular after it
    vocab = TinyVocab(
        "UBERON",
        [
            T(
                "UBERON:1",
                "uterine spiral artery",
                (Syn("spiral arteries", "RELATED"), Syn("spiral artery", "EXACT")),
            )
        ],
    )
    best = _grounder(vocab, tmp_path).ground("Spiral Artery", "tissue")[0]
    assert best.term_id == "UBERON:1"
    assert best.match.scope == "EXACT"


def test_a_short_code_one_character_off_is_another_code_not_a_typo(tmp_path: Path) -> None:
    from synthquery.resolve.grounder import OTHER_CODE_PENALTY, _short_code

    vocab = TinyVocab(
        "CHEBI",
        [
            T("CHEBI:1", "triclosan", (Syn("TCS", "ABBREVIATION"),)),
            T("CHEBI:2", "exendin-4", (Syn("Ex-4", "ABBREVIATION"),)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    assert [_short_code(t) for t in ("TCS", "Ex-4", "3-BP", "sCJD")] == [True] * 4
    assert not any(_short_code(t) for t in ("lung", "triclosan", "Tcs", "T", "TCS-resistant"))
    # the same fuzzy fit to "TCS": only a code in capitals is another code ("Tcsq" a typo)
    code, typo = (
        _raw_of(grounder, "TCSQ", "compound", "CHEBI:1"),
        _raw_of(grounder, "tcsq", "compound", "CHEBI:1"),
    )
    assert code == pytest.approx(typo - OTHER_CODE_PENALTY, abs=1e-6)
    # a code the query names among its words is that code ("Ex-4 100 nM" reads Ex-4)
    assert grounder.ground("Ex 4 treated", "compound")[0].term_id == "CHEBI:2"


def test_only_a_word_written_like_an_abbreviation_is_swapped_inside_a_phrase(
    tmp_path: Path,
) -> None:
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:1", "lymph node", (Syn("LN", "ABBREVIATION"), Syn("node", "EXACT"))),
            T("UBERON:2", "cervical lymph node", parents=("UBERON:1",)),
            T("UBERON:3", "cervical lymph node capsule", parents=("UBERON:2",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    best = grounder.ground("cervical LN capsule", "tissue")[0]
    assert best.term_id == "UBERON:3" and "synonym_swap" in best.match.rules
    # a lower-case word inside the phrase is not read as an abbreviation of anything
    found = grounder.ground("cervical node capsule", "tissue")
    assert all("synonym_swap" not in s.match.rules for s in found)


def test_an_acronym_of_one_term_is_swapped_whatever_its_scope(tmp_path: Path) -> None:
    vocab = TinyVocab(
        "UBERON",
        [
            T("UBERON:1", "dorsal root ganglion", (Syn("DRG", "RELATED"),)),
            T("UBERON:2", "lumbar dorsal root ganglion", parents=("UBERON:1",)),
            # "PG" is held by two terms: which one it abbreviates is anyone's guess
            T("UBERON:3", "pineal gland", (Syn("PG", "RELATED"),)),
            T("UBERON:4", "prostate gland", (Syn("PG", "RELATED"),)),
            T("UBERON:5", "lumbar pineal gland", parents=("UBERON:3",)),
        ],
    )
    grounder = _grounder(vocab, tmp_path)
    best = grounder.ground("lumbar DRG", "tissue")[0]
    assert best.term_id == "UBERON:2" and "synonym_swap" in best.match.rules
    found = grounder.ground("lumbar PG", "tissue")
    assert all("synonym_swap" not in s.match.rules for s in found)


def test_a_replacement_by_the_root_is_no_target(tmp_path: Path) -> None:
    # "organ" is the tiny vocabulary's root (no parents): an obsolete term replaced by it
    # names nothing, while one replaced by a real term still leads there
    vocab = tiny_uberon()
    vocab.terms.append(
        T("UBERON:0009997", "obsolete lung thing", obsolete=True, replaced_by=("UBERON:0000001",))
    )
    grounder = _grounder(vocab, tmp_path)
    found = grounder.ground("lung thing", "tissue")
    assert found and not any(s.match.replaced for s in found), found
    assert grounder.ground("lungs", "tissue")[0].term_id == "UBERON:0002048"


def test_parents_past_the_first_two_go_below_the_other_readings() -> None:
    from synthquery.resolve.ranking import MAX_BROADER_AHEAD, Scored, _few_broader
    from synthquery.resolve.score import Match

    def s(term_id: str, raw: float, how: str) -> Scored:
        return Scored(term_id, term_id, raw, Match("fuzzy"), how, "CL", "1")

    ranked = [
        s("top", 0.9, "fuzzy label"),
        *(s(f"p{i}", 0.7, "broader than top") for i in range(MAX_BROADER_AHEAD + 1)),
        s("named", 0.69, "named in the text, broader than top"),
        s("other", 0.68, "fuzzy label"),
    ]
    out = _few_broader(ranked)
    assert [x.term_id for x in out] == ["top", "p0", "p1", "named", "other", "p2"]
    assert [x.raw for x in out] == sorted((x.raw for x in out), reverse=True)
    assert _few_broader(ranked[:3]) == ranked[:3]  # nothing to move
