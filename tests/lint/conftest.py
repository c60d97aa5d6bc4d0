"""Lint tests run against a small deterministic snapshot: the shared fixture plus a few terms.

The extra terms give the hierarchy rules something to bite on (an UBERON root, a processual
entity outside it, organs, and cell types whose labels name organs). Files are written
deterministically, so the compiled index (keyed by the manifest checksum) is built once.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "snapshots"
REAL = Path(__file__).resolve().parents[2] / "ontologies"

EXTRA: dict[str, list[dict[str, Any]]] = {
    "UBERON": [
        {"id": "UBERON:0001062", "label": "anatomical entity"},
        {"id": "UBERON:0000000", "label": "processual entity"},
        {"id": "UBERON:0002113", "label": "kidney", "is_a": ["UBERON:0000062"]},
        {"id": "UBERON:0001225", "label": "cortex of kidney", "part_of": ["UBERON:0002113"]},
        {"id": "UBERON:0002107", "label": "liver", "is_a": ["UBERON:0000062"]},
    ],
    "CL": [
        {"id": "CL:0002518", "label": "kidney epithelial cell", "is_a": ["CL:0000000"]},
        {"id": "CL:0000082", "label": "epithelial cell of lung", "is_a": ["CL:0000000"]},
        {"id": "CL:0000182", "label": "hepatocyte", "is_a": ["CL:0000000"]},
    ],
}
# existing terms that gain a parent
REPARENT = {"UBERON:0000061": ["UBERON:0001062"], "UBERON:0000062": ["UBERON:0000061"]}


def _gzip(lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as handle:
        handle.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()


def _build(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((FIXTURE / "manifest.json").read_text(encoding="utf-8"))
    for name, entry in manifest["vocabularies"].items():
        source = FIXTURE / entry["file"]
        for extra_key in ("ids",):
            extra = entry.get("extra_files", {}).get(extra_key)
            if isinstance(extra, str):
                shutil.copy(FIXTURE / extra, target / extra)
            elif isinstance(extra, dict):
                shutil.copy(FIXTURE / extra["file"], target / extra["file"])
        if name not in EXTRA:
            shutil.copy(source, target / entry["file"])
            continue
        records = [json.loads(x) for x in gzip.decompress(source.read_bytes()).splitlines() if x]
        for record in records:
            if record["id"] in REPARENT:
                record["is_a"] = REPARENT[record["id"]]
        records += EXTRA[name]
        data = _gzip([json.dumps(r, sort_keys=True) for r in records])
        (target / entry["file"]).write_bytes(data)
        entry["sha256"] = hashlib.sha256(data).hexdigest()
        entry["counts"]["terms"] = len(records)
        entry["counts"]["live"] = sum(1 for r in records if not r.get("obsolete"))
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def lint_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("lint-snapshot"))


@pytest.fixture(autouse=True)
def _use_lint_snapshot(lint_snapshot: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(lint_snapshot))


@pytest.fixture
def real_snapshot(monkeypatch: pytest.MonkeyPatch) -> Path:
    if not (REAL / "manifest.json").is_file():
        pytest.skip("the real snapshots (ontologies/manifest.json) are not built")
    monkeypatch.setenv("SYNTHQUERY_ONTOLOGIES_DIR", str(REAL))
    return REAL
