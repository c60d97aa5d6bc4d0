"""The committed snapshot files agree with their manifest and hold the expected terms."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ONTOLOGIES = Path(__file__).resolve().parents[2] / "ontologies"
VOCABULARIES = ("UBERON", "CL", "MONDO", "CHEBI", "CVCL", "ENSEMBL", "NCBITAXON")
WIRE = {
    "UBERON": r"UBERON:\d{7,8}",
    "CL": r"CL:\d{7}",
    "MONDO": r"MONDO:\d{7}",
    "CHEBI": r"CHEBI:\d+",
    "CVCL": r"CVCL_[A-Z0-9]{4}",
    "ENSEMBL": r"ENSG\d{11}",
    "NCBITAXON": r"\d+",
}
SCOPES = {"EXACT", "RELATED", "NARROW", "BROAD", "PREVIOUS", "ABBREVIATION"}
KEYS = ["id", "label", "synonyms", "is_a", "part_of", "parents", "obsolete"]
KEYS += ["replaced_by", "consider", "xrefs", "subsets", "extra"]


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return json.loads((ONTOLOGIES / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def snapshots(manifest) -> dict[str, dict[str, dict[str, Any]]]:
    out = {}
    for name, entry in manifest["vocabularies"].items():
        with gzip.open(ONTOLOGIES / entry["file"], "rt", encoding="utf-8") as fh:
            out[name] = {rec["id"]: rec for rec in map(json.loads, fh)}
    return out


def test_manifest_lists_every_vocabulary(manifest):
    assert manifest["format"] == 1
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", manifest["built"])
    assert tuple(manifest["vocabularies"]) == VOCABULARIES
    for entry in manifest["vocabularies"].values():
        for key in ("file", "source", "version", "date", "licence", "sha256", "counts"):
            assert entry[key], key


@pytest.mark.parametrize("name", VOCABULARIES)
def test_sha256_matches_files(manifest, name):
    entry = manifest["vocabularies"][name]
    digest = hashlib.sha256((ONTOLOGIES / entry["file"]).read_bytes()).hexdigest()
    assert digest == entry["sha256"]
    for key, file in entry.get("extra_files", {}).items():
        digest = hashlib.sha256((ONTOLOGIES / file).read_bytes()).hexdigest()
        assert digest == entry["extra_sha256"][key]


@pytest.mark.parametrize("name", VOCABULARIES)
def test_counts_match_records(manifest, snapshots, name):
    counts = manifest["vocabularies"][name]["counts"]
    records = snapshots[name]
    by_source: Counter[str] = Counter()
    by_scope: Counter[str] = Counter()
    for rec in records.values():
        for _, scope, source in rec.get("synonyms", ()):
            by_source[source] += 1
            by_scope[scope] += 1
    obsolete = sum(1 for r in records.values() if r.get("obsolete"))
    assert counts["terms"] == len(records)
    assert counts["obsolete"] == obsolete
    assert counts["live"] + counts["obsolete"] == counts["terms"]
    assert counts["synonyms"] == sum(by_source.values())
    assert counts["synonyms_by_source"] == dict(by_source)
    assert counts["synonyms_by_scope"] == dict(by_scope)
    subsets = Counter(s for rec in records.values() for s in rec.get("subsets", ()))
    assert counts.get("subsets", {}) == dict(subsets)


@pytest.mark.parametrize("name", VOCABULARIES)
def test_records_follow_the_format(snapshots, name):
    pattern = re.compile(WIRE[name])
    for term_id, rec in snapshots[name].items():
        assert pattern.fullmatch(term_id), term_id
        assert list(rec) == [k for k in KEYS if k in rec]  # fixed key order, no unknown keys
        assert isinstance(rec["label"], str)
        for text, scope, source in rec.get("synonyms", ()):
            assert text and text == text.strip() and scope in SCOPES and source
        for key in ("is_a", "part_of", "parents", "replaced_by", "consider", "xrefs", "subsets"):
            values = rec.get(key)
            assert values is None or (values and all(isinstance(v, str) for v in values))
        if not rec["label"]:
            assert rec.get("obsolete"), term_id  # only retired ids may lack a label
        if rec.get("subsets"):
            assert not rec.get("obsolete"), term_id  # usage subsets hold live terms only


def test_taxon_ids_file(manifest, snapshots):
    entry = manifest["vocabularies"]["NCBITAXON"]
    text = gzip.decompress((ONTOLOGIES / entry["extra_files"]["ids"]).read_bytes()).decode()
    lines = text.split()
    ids = [int(lines[0])]
    for delta in lines[1:]:
        assert int(delta) > 0
        ids.append(ids[-1] + int(delta))
    assert len(ids) == entry["counts"]["ids"]
    known = set(ids)
    assert {9606, 10090, 562, 2697049} <= known
    assert all(int(t) in known for t in snapshots["NCBITAXON"])


def test_total_size_within_budget():
    total = sum(p.stat().st_size for p in ONTOLOGIES.iterdir() if p.is_file())
    assert total <= 40 * 1024 * 1024


def test_notice_names_the_licences():
    notice = (ONTOLOGIES / "NOTICE").read_text(encoding="utf-8")
    for phrase in ("CC BY 3.0", "CC BY 4.0", "CC0", "MeSH", "NCBI Taxonomy", "Cellosaurus"):
        assert phrase in notice


def test_spot_values(snapshots):
    lung = snapshots["UBERON"]["UBERON:0002048"]
    assert lung["label"] == "lung"
    assert "UBERON:0000171" in lung["parents"]  # respiration organ
    old = snapshots["MONDO"]["MONDO:0000002"]
    assert old["obsolete"] is True and old["replaced_by"] == ["MONDO:0009299"]
    assert snapshots["CVCL"]["CVCL_0030"]["label"] == "HeLa"
    batf = snapshots["ENSEMBL"]["ENSG00000156127"]
    assert batf["label"] == "BATF"
    assert ["B-ATF", "RELATED", "hgnc"] in batf["synonyms"]
    human = snapshots["NCBITAXON"]["9606"]
    assert human["label"] == "Homo sapiens"
    assert ["human", "EXACT", "ncbitaxon"] in human["synonyms"]
    assert snapshots["NCBITAXON"]["2697049"]["label"].startswith("Severe acute respiratory")
    aspirin = snapshots["CHEBI"]["CHEBI:15365"]
    assert "CHEMBL25" in aspirin["xrefs"]
    assert ["Aspirin", "EXACT", "mesh"] in aspirin["synonyms"]


def test_efo_usage_subset_holds_the_established_disease_concepts(snapshots):
    mondo = snapshots["MONDO"]
    marked = [t for t, rec in mondo.items() if "efo" in rec.get("subsets", ())]
    # a minority of MONDO: the concepts the EBI resources annotate with
    assert 1000 < len(marked) < len(mondo) // 4
    assert "efo" in mondo["MONDO:0004989"]["subsets"]  # breast carcinoma
    assert "efo" in snapshots["UBERON"]["UBERON:0002048"].get("subsets", ())  # lung


def test_english_word_list_matches_its_manifest_entry(manifest):
    entry = manifest["resources"]["english_words"]
    data = (ONTOLOGIES / entry["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    words = gzip.decompress(data).decode("utf-8").split("\n")
    assert words[-1] == "" and words[:-1] == sorted(set(words[:-1]))  # sorted, one per line
    assert len(words) - 1 == entry["counts"]["words"]
    assert all(len(w) >= entry["min_length"] and w.isalpha() and w.islower() for w in words[:-1])
    assert entry["licence"] and entry["source"].startswith("pyspellchecker==")
    # common words are in; typos and words of the vocabularies' own jargon need not be
    assert {"started", "wearing", "glasses"} <= set(words)
    assert "firboblast" not in words
