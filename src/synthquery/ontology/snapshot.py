"""Reading the shipped snapshots: ``manifest.json`` and one JSON-lines file per vocabulary.

The index builder is the only consumer; at run time a built index answers everything, so the
snapshot files are read (and their sha256 checked) once per snapshot version.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

from synthquery._errors import SnapshotError

__all__ = ["Manifest", "VocabularyInfo", "iter_records", "load_manifest", "read_taxon_ids"]

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class VocabularyInfo:
    """One vocabulary's entry in the manifest."""

    name: str
    file: str
    sha256: str
    version: str = ""
    date: str = ""
    source: str = ""
    licence: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    extra_files: dict[str, Any] = field(default_factory=dict)
    extra_sha256: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Manifest:
    directory: Path
    format: int
    built: str
    vocabularies: dict[str, VocabularyInfo]
    raw: dict[str, Any]

    def path(self, file: str) -> Path:
        return self.directory / file


def load_manifest(directory: Path) -> Manifest:
    """Parse ``directory/manifest.json``; :class:`SnapshotError` if missing or malformed."""
    path = directory / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(
            f"no ontology snapshots: {path} does not exist "
            "(reinstall synthquery, or point SYNTHQUERY_ONTOLOGIES_DIR at a snapshot directory)"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SnapshotError(f"cannot read {path}: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("vocabularies"), dict):
        raise SnapshotError(f"{path} is not a snapshot manifest (no 'vocabularies' object)")
    vocabularies: dict[str, VocabularyInfo] = {}
    for name, entry in raw["vocabularies"].items():
        if not isinstance(entry, dict) or not entry.get("file") or not entry.get("sha256"):
            raise SnapshotError(f"{path}: vocabulary {name!r} lacks 'file' or 'sha256'")
        vocabularies[name.upper()] = VocabularyInfo(
            name=name.upper(),
            file=str(entry["file"]),
            sha256=str(entry["sha256"]).lower(),
            version=str(entry.get("version") or ""),
            date=str(entry.get("date") or ""),
            source=str(entry.get("source") or ""),
            licence=str(entry.get("licence") or entry.get("license") or ""),
            counts={k: v for k, v in (entry.get("counts") or {}).items() if isinstance(v, int)},
            extra_files=dict(entry.get("extra_files") or {}),
            extra_sha256={
                str(k): str(v).lower() for k, v in (entry.get("extra_sha256") or {}).items()
            },
        )
    return Manifest(
        directory=directory,
        format=int(raw.get("format") or 1),
        built=str(raw.get("built") or ""),
        vocabularies=vocabularies,
        raw=raw,
    )


def extra_file(info: VocabularyInfo, key: str) -> tuple[str, str | None] | None:
    """``(file name, sha256 or None)`` of an extra file (the manifest gives a name or an object)."""
    entry = info.extra_files.get(key)
    if entry is None:
        return None
    if isinstance(entry, str):  # checksum, if any, in the sibling "extra_sha256" object
        return entry, info.extra_sha256.get(key)
    if isinstance(entry, dict) and entry.get("file"):
        sha = entry.get("sha256")
        return str(entry["file"]), str(sha).lower() if sha else None
    raise SnapshotError(f"manifest: {info.name} extra file {key!r} is malformed: {entry!r}")


def _read_checked(path: Path, sha256: str | None) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SnapshotError(f"snapshot file {path} is missing") from None
    except OSError as exc:
        raise SnapshotError(f"cannot read snapshot file {path}: {exc}") from None
    if sha256 is not None:
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise SnapshotError(
                f"snapshot file {path} is corrupt: sha256 {actual[:12]}... "
                f"does not match the manifest's {sha256[:12]}..."
            )
    return data


def _gunzip(path: Path, data: bytes) -> bytes:
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise SnapshotError(f"snapshot file {path} is not valid gzip: {exc}") from None


def iter_records(manifest: Manifest, info: VocabularyInfo) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(line, record)`` for each term of a vocabulary, after checking the file's sha256."""
    path = manifest.path(info.file)
    try:
        text = _gunzip(path, _read_checked(path, info.sha256)).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SnapshotError(f"{path} is not UTF-8 text: {exc}") from None
    loads = json.loads
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line or line.isspace():
            continue
        try:
            record = loads(line)
        except ValueError as exc:
            raise SnapshotError(f"{path}, line {lineno}: not valid JSON ({exc})") from None
        if (
            type(record) is not dict
            or type(record.get("id")) is not str
            or type(record.get("label", "")) is not str
        ):
            raise SnapshotError(f"{path}, line {lineno}: not a term record (needs an 'id' string)")
        yield line, record


def read_taxon_ids(manifest: Manifest, info: VocabularyInfo) -> list[int] | None:
    """All taxon ids from the delta-encoded extra file, or None if the manifest names none."""
    named = extra_file(info, "ids")
    if named is None:
        return None
    path = manifest.path(named[0])
    text = _gunzip(path, _read_checked(path, named[1]))
    try:
        deltas = list(map(int, text.split()))
    except ValueError:
        raise SnapshotError(f"{path}: expected one decimal number per line") from None
    if min(deltas, default=1) <= 0:  # first id and every delta: ids positive, strictly ascending
        raise SnapshotError(f"{path}: ids must be positive and strictly ascending")
    return list(accumulate(deltas))
