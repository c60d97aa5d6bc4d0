"""Snapshot reading: the fixture is current, and every kind of damage is a SnapshotError."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from ontology.paths import FIXTURE
from synthquery import SnapshotError
from synthquery.ontology import build_index, vocab, vocabularies
from synthquery.ontology.snapshot import iter_records, load_manifest, read_taxon_ids


def _load_fixture_builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_fixture", FIXTURE / "make_fixture.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_fixture_matches_its_builder() -> None:
    for name, data in _load_fixture_builder().build().items():
        assert (FIXTURE / name).read_bytes() == data, f"re-run make_fixture.py ({name} differs)"


def test_manifest_and_records() -> None:
    manifest = load_manifest(FIXTURE)
    assert set(manifest.vocabularies) == {
        "UBERON", "CL", "MONDO", "CHEBI", "CVCL", "ENSEMBL", "NCBITAXON",
    }  # fmt: skip
    uberon = manifest.vocabularies["UBERON"]
    records = [record for _, record in iter_records(manifest, uberon)]
    assert len(records) == uberon.counts["terms"]
    assert {"id": "UBERON:0000027", "label": "", "obsolete": True}.items() <= {
        k: v for k, v in records[8].items() if k != "replaced_by"
    }.items()
    ids = read_taxon_ids(manifest, manifest.vocabularies["NCBITAXON"])
    assert ids is not None and ids[:3] == [1, 2, 562] and 2697049 in ids


def _rewrite(directory: Path, file: str, text: str, *, fix_sha: bool = True) -> None:
    data = gzip.compress(text.encode(), mtime=0)
    (directory / file).write_bytes(data)
    if fix_sha:
        manifest = json.loads((directory / "manifest.json").read_text())
        for entry in manifest["vocabularies"].values():
            if entry["file"] == file:
                entry["sha256"] = hashlib.sha256(data).hexdigest()
        (directory / "manifest.json").write_text(json.dumps(manifest))


def test_missing_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(SnapshotError, match=r"manifest\.json does not exist"):
        vocabularies()


def test_manifest_not_json(snapshot_copy: Path) -> None:
    (snapshot_copy / "manifest.json").write_text("{not json")
    with pytest.raises(SnapshotError, match="cannot read"):
        vocab("UBERON")


def test_manifest_without_vocabularies(snapshot_copy: Path) -> None:
    (snapshot_copy / "manifest.json").write_text('{"format": 1}')
    with pytest.raises(SnapshotError, match="not a snapshot manifest"):
        load_manifest(snapshot_copy)


def test_checksum_mismatch(snapshot_copy: Path) -> None:
    _rewrite(snapshot_copy, "cl.jsonl.gz", '{"id": "CL:0000000", "label": "cell"}\n', fix_sha=False)
    with pytest.raises(SnapshotError, match=r"cl\.jsonl\.gz is corrupt: sha256"):
        vocab("UBERON").term("UBERON:0002048")


def test_missing_file(snapshot_copy: Path) -> None:
    (snapshot_copy / "mondo.jsonl.gz").unlink()
    with pytest.raises(SnapshotError, match=r"mondo\.jsonl\.gz is missing"):
        build_index()


def test_bad_json_line_names_file_and_line(snapshot_copy: Path) -> None:
    _rewrite(snapshot_copy, "cl.jsonl.gz", '{"id": "CL:0000000", "label": "cell"}\n{oops\n')
    with pytest.raises(SnapshotError, match=r"cl\.jsonl\.gz, line 2: not valid JSON"):
        build_index()


def test_record_without_id(snapshot_copy: Path) -> None:
    _rewrite(snapshot_copy, "cl.jsonl.gz", '{"label": "cell"}\n')
    with pytest.raises(SnapshotError, match="line 1: not a term record"):
        build_index()


def test_not_gzip(snapshot_copy: Path) -> None:
    data = b"plain text"
    (snapshot_copy / "cl.jsonl.gz").write_bytes(data)
    manifest = json.loads((snapshot_copy / "manifest.json").read_text())
    manifest["vocabularies"]["CL"]["sha256"] = hashlib.sha256(data).hexdigest()
    (snapshot_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="not valid gzip"):
        build_index()


def test_duplicate_id(snapshot_copy: Path) -> None:
    line = '{"id": "CL:0000000", "label": "cell"}\n'
    _rewrite(snapshot_copy, "cl.jsonl.gz", line + line)
    with pytest.raises(SnapshotError, match="duplicate id 'CL:0000000'"):
        build_index()


def _write_taxon_ids(directory: Path, text: bytes, *, fix_sha: bool = True) -> None:
    data = gzip.compress(text, mtime=0)
    (directory / "ncbitaxon-ids.txt.gz").write_bytes(data)
    if fix_sha:
        manifest = json.loads((directory / "manifest.json").read_text())
        manifest["vocabularies"]["NCBITAXON"]["extra_sha256"]["ids"] = hashlib.sha256(
            data
        ).hexdigest()
        (directory / "manifest.json").write_text(json.dumps(manifest))


def test_taxon_ids_not_ascending(snapshot_copy: Path) -> None:
    _write_taxon_ids(snapshot_copy, b"5\n3\n0\n")
    with pytest.raises(SnapshotError, match="strictly ascending"):
        build_index()


def test_taxon_ids_not_numbers(snapshot_copy: Path) -> None:
    _write_taxon_ids(snapshot_copy, b"5\nthree\n")
    with pytest.raises(SnapshotError, match="one decimal number per line"):
        build_index()


def test_taxon_ids_checksum(snapshot_copy: Path) -> None:
    _write_taxon_ids(snapshot_copy, b"1\n1\n", fix_sha=False)
    with pytest.raises(SnapshotError, match=r"ncbitaxon-ids\.txt\.gz is corrupt"):
        build_index()


def test_failed_build_leaves_no_index_or_temp_file(snapshot_copy: Path, tmp_path: Path) -> None:
    (snapshot_copy / "mondo.jsonl.gz").unlink()
    with pytest.raises(SnapshotError):
        build_index()
    leftovers = [p.name for p in (tmp_path / "cache").iterdir() if not p.name.endswith(".lock")]
    assert leftovers == []


@pytest.mark.parametrize("key", ["synonyms", "is_a", "parents", "xrefs"])
def test_list_fields_must_be_lists(snapshot_copy: Path, key: str) -> None:
    _rewrite(snapshot_copy, "cl.jsonl.gz", json.dumps({"id": "CL:0000000", key: "oops"}) + "\n")
    with pytest.raises(SnapshotError, match=f"'{key}' must be a list"):
        build_index()


def test_malformed_synonym(snapshot_copy: Path) -> None:
    _rewrite(snapshot_copy, "cl.jsonl.gz", '{"id": "CL:0000000", "synonyms": [[]]}\n')
    with pytest.raises(SnapshotError, match="malformed synonym"):
        build_index()
