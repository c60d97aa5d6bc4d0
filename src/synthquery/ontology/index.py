"""The compiled vocabulary index: the snapshots turned into one SQLite file in the cache dir.

File ``vocab-<key>.sqlite`` where ``key`` hashes the index format and the manifest's per-file
sha256s, so a new snapshot gets a new index and a stale one is never read. Builders write a
private temp file and publish it with ``os.replace`` while holding a lock file, so concurrent
first uses cannot corrupt it. A file that is truncated, not SQLite, lacks tables or carries
another key is rebuilt.

Tables: ``terms`` (one row per term; ``body`` is the snapshot's JSON line when it says more
than id and label), ``names`` (case-folded label/synonym key -> term and synonym position; the
text itself stays in ``terms``), ``edges`` (direct parents, keyed child->parent and indexed
parent->child, as pronto symmetrises lineage), ``xrefs`` and ``taxon_bits`` (every NCBI
Taxonomy id as a bitmap in 64k-id chunks: ~0.5 MB for 2.6M ids).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from synthquery._errors import IndexCorruptError, SnapshotError
from synthquery.ontology._lock import file_lock
from synthquery.ontology._terms import fold
from synthquery.ontology.snapshot import (
    Manifest,
    VocabularyInfo,
    extra_file,
    iter_records,
    load_manifest,
    read_taxon_ids,
)

__all__ = ["IndexHandle", "build_index", "current_handle", "index_info"]

INDEX_FORMAT = 2
TAXON = "NCBITAXON"
CHUNK_BITS = 16  # taxon bitmap chunk: 65,536 ids, 8 KiB
_TABLES = frozenset({"meta", "vocabularies", "terms", "names", "edges", "xrefs", "taxon_bits"})
_REL = {"is_a": 1, "part_of": 2, "parents": 0}

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE vocabularies(vid INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    n_terms INTEGER, n_obsolete INTEGER, n_names INTEGER, n_edges INTEGER, n_ids INTEGER);
CREATE TABLE terms(tid INTEGER PRIMARY KEY, vid INTEGER NOT NULL, id TEXT NOT NULL,
    label TEXT NOT NULL, obsolete INTEGER NOT NULL, body TEXT);
CREATE TABLE names(vid INTEGER NOT NULL, key TEXT NOT NULL, tid INTEGER NOT NULL,
    idx INTEGER NOT NULL, PRIMARY KEY (vid, key, tid, idx)) WITHOUT ROWID;
CREATE TABLE edges(vid INTEGER NOT NULL, child TEXT NOT NULL, parent TEXT NOT NULL,
    rel INTEGER NOT NULL, PRIMARY KEY (vid, child, parent, rel)) WITHOUT ROWID;
CREATE TABLE xrefs(xref TEXT NOT NULL, tid INTEGER NOT NULL);
CREATE TABLE taxon_bits(chunk INTEGER PRIMARY KEY, bits BLOB NOT NULL);
"""
# created after the bulk load: sorting once is much faster than growing b-trees row by row
_INDEXES = """
CREATE UNIQUE INDEX terms_id ON terms(vid, id);
CREATE INDEX edges_down ON edges(vid, parent, child, rel);
CREATE INDEX xrefs_xref ON xrefs(xref);
"""


def index_key(manifest: Manifest) -> str:
    """Hash of the index format and every snapshot file's checksum."""
    h = hashlib.sha256(f"synthquery vocabulary index {INDEX_FORMAT}\n".encode())
    for name in sorted(manifest.vocabularies):
        info = manifest.vocabularies[name]
        h.update(f"{name}\t{info.file}\t{info.sha256}\n".encode())
        for key in sorted(info.extra_files):
            named = extra_file(info, key)
            assert named is not None
            file, sha = named
            if sha is None:  # no checksum in the manifest: the size still catches most changes
                try:
                    sha = f"size={manifest.path(file).stat().st_size}"
                except OSError:
                    sha = "missing"
            h.update(f"\t{key}\t{file}\t{sha}\n".encode())
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# opening and checking


def _connect_ro(path: Path) -> sqlite3.Connection:
    # immutable: the file is never written after publication (rebuilds replace it), so SQLite
    # may skip locking; this also works on read-only media
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _check(conn: sqlite3.Connection, path: Path, key: str) -> str | None:
    """None if the index is complete and current, else why not."""
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        page_count = conn.execute("PRAGMA page_count").fetchone()[0]
        if page_size * page_count != path.stat().st_size:
            return "file size does not match its page count (truncated?)"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not _TABLES <= tables:
            return f"missing tables: {', '.join(sorted(_TABLES - tables))}"
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except (sqlite3.Error, OSError) as exc:
        return f"unreadable ({exc})"
    if meta.get("format") != str(INDEX_FORMAT):
        return f"index format {meta.get('format')} != {INDEX_FORMAT}"
    if meta.get("key") != key:
        return "built from other snapshots (stale)"
    if meta.get("complete") != "1":
        return "incomplete build"
    return None


def _open_checked(path: Path, key: str) -> tuple[sqlite3.Connection | None, str | None]:
    if not path.is_file():
        return None, "not built"
    try:
        conn = _connect_ro(path)
    except sqlite3.Error as exc:
        return None, f"cannot open ({exc})"
    problem = _check(conn, path, key)
    if problem is not None:
        conn.close()
        return None, problem
    return conn, None


# ---------------------------------------------------------------------------------------------
# building


def _not_a_list(info: VocabularyInfo, term_id: str, key: str) -> SnapshotError:
    return SnapshotError(f"{info.file}: {term_id}: {key!r} must be a list")


def _insert_vocabulary(
    conn: sqlite3.Connection, vid: int, manifest: Manifest, info: VocabularyInfo, first_tid: int
) -> int:
    """Load one vocabulary; returns the next free term id."""
    terms: list[tuple[int, int, str, str, int, str | None]] = []
    names: list[tuple[int, str, int, int]] = []
    edges: list[tuple[int, str, str, int]] = []
    xrefs: list[tuple[str, int]] = []
    seen: set[str] = set()
    n_obsolete = 0
    tid = first_tid
    for line, record in iter_records(manifest, info):
        term_id = record["id"]
        if term_id in seen:
            raise SnapshotError(f"{manifest.path(info.file)}: duplicate id {term_id!r}")
        seen.add(term_id)
        label = record.get("label") or ""
        obsolete = 1 if record.get("obsolete") else 0
        n_obsolete += obsolete
        # the raw line is the body when it says more than id/label/obsolete (no re-encoding)
        extra = len(record) - 1 - ("label" in record) - ("obsolete" in record)
        terms.append((tid, vid, term_id, label, obsolete, line if extra else None))
        if label:
            names.append((vid, fold(label), tid, -1))
        synonyms = record.get("synonyms")
        if synonyms:
            if type(synonyms) is not list:
                raise _not_a_list(info, term_id, "synonyms")
            for idx, synonym in enumerate(synonyms):
                if type(synonym) is not list or not synonym or type(synonym[0]) is not str:
                    raise SnapshotError(f"{info.file}: {term_id}: malformed synonym {synonym!r}")
                key = fold(synonym[0])
                if key:
                    names.append((vid, key, tid, idx))
        for rel_key, rel in _REL.items():
            parents = record.get(rel_key)
            if parents:
                if type(parents) is not list:
                    raise _not_a_list(info, term_id, rel_key)
                edges.extend((vid, term_id, str(parent), rel) for parent in parents)
        refs = record.get("xrefs")
        if refs:
            if type(refs) is not list:
                raise _not_a_list(info, term_id, "xrefs")
            xrefs.extend((str(xref), tid) for xref in refs)
        tid += 1
    conn.executemany("INSERT INTO terms VALUES (?,?,?,?,?,?)", terms)
    # stage, then copy in key order: SQLite sorts in C, and ordered inserts pack b-tree pages
    conn.execute("DELETE FROM stage_names")
    conn.executemany("INSERT INTO stage_names VALUES (?,?,?,?)", names)
    conn.execute("INSERT INTO names SELECT * FROM stage_names ORDER BY 1, 2, 3, 4")
    conn.execute("DELETE FROM stage_edges")
    conn.executemany("INSERT INTO stage_edges VALUES (?,?,?,?)", edges)
    conn.execute("INSERT OR IGNORE INTO edges SELECT * FROM stage_edges ORDER BY 1, 2, 3, 4")
    conn.executemany("INSERT INTO xrefs VALUES (?,?)", xrefs)
    n_ids = None
    if info.name == TAXON:
        n_ids = _insert_taxon_bits(conn, manifest, info, seen)
    n_edges = conn.execute("SELECT count(*) FROM edges WHERE vid = ?", (vid,)).fetchone()[0]
    conn.execute(
        "INSERT INTO vocabularies VALUES (?,?,?,?,?,?,?)",
        (vid, info.name, len(terms), n_obsolete, len(names), n_edges, n_ids),
    )
    return tid


def _insert_taxon_bits(
    conn: sqlite3.Connection, manifest: Manifest, info: VocabularyInfo, named: Iterable[str]
) -> int:
    """Store every taxon id (id file plus named ids) as bitmap chunks; returns how many."""
    import numpy as np  # build time only: vectorised bit packing, ~10x faster than a loop

    ids = read_taxon_ids(manifest, info) or []
    extra = [int(t) for t in named if t.isascii() and t.isdigit() and len(t) < 19]
    ordered = np.sort(np.asarray([*ids, *extra], dtype=np.int64))
    if ordered.size == 0:
        return 0
    unique = ordered[np.concatenate(([True], np.diff(ordered) != 0))]
    mask = (1 << CHUNK_BITS) - 1
    bounds = np.flatnonzero(np.diff(unique >> CHUNK_BITS)) + 1
    rows = []
    for part in np.split(unique, bounds):
        bits = np.zeros(1 << CHUNK_BITS, dtype=bool)
        bits[part & mask] = True
        rows.append((int(part[0] >> CHUNK_BITS), np.packbits(bits, bitorder="little").tobytes()))
    conn.executemany("INSERT INTO taxon_bits VALUES (?,?)", rows)
    return int(unique.size)


def _compile(manifest: Manifest, target: Path, key: str) -> None:
    started = time.perf_counter()
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        for pragma in (
            "journal_mode=OFF",  # a crash leaves only a temp file, which is never published
            "synchronous=OFF",
            "locking_mode=EXCLUSIVE",
            "temp_store=MEMORY",
            "cache_size=-131072",
        ):
            conn.execute(f"PRAGMA {pragma}")
        conn.executescript(_SCHEMA)
        conn.execute("CREATE TEMP TABLE stage_names(vid, key, tid, idx)")
        conn.execute("CREATE TEMP TABLE stage_edges(vid, child, parent, rel)")
        conn.execute("BEGIN")
        tid = 1
        for vid, name in enumerate(sorted(manifest.vocabularies), 1):
            tid = _insert_vocabulary(conn, vid, manifest, manifest.vocabularies[name], tid)
        for statement in filter(None, (s.strip() for s in _INDEXES.split(";"))):
            conn.execute(statement)
        meta = {
            "format": str(INDEX_FORMAT),
            "key": key,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "build_seconds": f"{time.perf_counter() - started:.2f}",
            "built_by_pid": str(os.getpid()),
            "snapshot_dir": str(manifest.directory.resolve()),
            "snapshot_built": manifest.built,
            "complete": "1",  # last row written: its presence marks a finished build
        }
        conn.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        conn.execute("COMMIT")
    finally:
        conn.close()


def _remove_stale(directory: Path, keep: Path, snapshot_dir: Path) -> None:
    """Delete older indexes built from the same snapshot directory (other dirs keep theirs)."""
    mine = str(snapshot_dir.resolve())
    for other in directory.glob("vocab-*.sqlite"):
        if other == keep:
            continue
        try:
            conn = _connect_ro(other)
            try:
                row = conn.execute("SELECT value FROM meta WHERE key='snapshot_dir'").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            row = None
        if row is not None and row[0] == mine:
            try:
                other.unlink()
            except OSError:
                pass  # in use on Windows, or already gone


# a per-process record of builds, so callers and tests can tell whether this process built
last_build: dict[str, Any] = {}


def _build(manifest: Manifest, path: Path, key: str, *, force: bool) -> bool:
    """Build the index at ``path`` unless a good one is there; True if this call built it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexCorruptError(f"cannot create the index directory {path.parent}: {exc}") from None
    with file_lock(path.with_suffix(".lock")) as locked:
        if not force:  # another process may have finished it while we waited for the lock
            conn, _ = _open_checked(path, key)
            if conn is not None:
                conn.close()
                return False
        if locked:  # builders of this key hold the lock, so any temp file is a dead one's
            for leftover in path.parent.glob(f".{path.stem}.*.tmp"):
                try:
                    leftover.unlink()
                except OSError:
                    pass
        tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp")
        started = time.perf_counter()
        try:
            _compile(manifest, tmp, key)
            os.replace(tmp, path)
        except sqlite3.Error as exc:
            raise IndexCorruptError(f"cannot write the vocabulary index {path}: {exc}") from None
        except OSError as exc:
            raise IndexCorruptError(f"cannot write the vocabulary index {path}: {exc}") from None
        finally:
            if tmp.exists():
                try:
                    tmp.unlink()
                except OSError:
                    pass
        last_build.update(path=str(path), seconds=time.perf_counter() - started, pid=os.getpid())
        _remove_stale(path.parent, path, manifest.directory)
    return True


# ---------------------------------------------------------------------------------------------
# the per-process handle


class IndexHandle:
    """Lazily opened, shared read-only connection to the index of one snapshot directory."""

    def __init__(self, snapshot_dir: Path) -> None:
        self.snapshot_dir = snapshot_dir
        self._manifest: Manifest | None = None
        self._key: str | None = None
        self._path: Path | None = None
        self._conn: sqlite3.Connection | None = None
        self._pid = 0
        self._lock = threading.RLock()

    @property
    def manifest(self) -> Manifest:
        if self._manifest is None:
            self._manifest = load_manifest(self.snapshot_dir)
        return self._manifest

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = index_key(self.manifest)
        return self._key

    @property
    def path(self) -> Path:
        if self._path is None:
            from synthquery._paths import cache_dir

            self._path = cache_dir() / f"vocab-{self.key[:24]}.sqlite"
        return self._path

    def connection(self) -> sqlite3.Connection:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                return self._conn
            self._conn = None  # after a fork the parent's connection must not be used
            conn, _problem = _open_checked(self.path, self.key)
            if conn is None:
                _build(self.manifest, self.path, self.key, force=False)
                conn, problem = _open_checked(self.path, self.key)
                if conn is None:
                    raise IndexCorruptError(
                        f"vocabulary index {self.path} is unusable after a rebuild: {problem}"
                    )
            self._conn, self._pid = conn, os.getpid()
            return conn

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        with self._lock:
            conn = self.connection()
            try:
                return conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.DatabaseError as exc:
                raise IndexCorruptError(
                    f"vocabulary index {self.path} is damaged ({exc}); "
                    "run `synthquery index build --force`"
                ) from None

    def build(self, *, force: bool) -> bool:
        with self._lock:
            built = _build(self.manifest, self.path, self.key, force=force)
            if built and self._conn is not None:
                self._conn.close()  # reopen the new file on next use
                self._conn = None
            return built

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and self._pid == os.getpid():
                self._conn.close()
            self._conn = None


_handles: dict[tuple[str, str], IndexHandle] = {}
_handles_lock = threading.Lock()


def current_handle() -> IndexHandle:
    """The handle for the current snapshot and cache dirs (both may change via the environment)."""
    from synthquery._paths import snapshot_dir

    directory = snapshot_dir()
    slot = (str(directory), os.environ.get("SYNTHQUERY_CACHE_DIR", ""))
    handle = _handles.get(slot)
    if handle is None:
        with _handles_lock:
            handle = _handles.setdefault(slot, IndexHandle(directory))
    return handle


def build_index(force: bool = False) -> Path:
    """Compile the snapshots into the index now (a no-op if a current index exists).

    ``force`` rebuilds even a good index. Returns the index path.
    """
    handle = current_handle()
    handle.build(force=force)
    return handle.path


def _iter_meta(conn: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    yield from conn.execute("SELECT key, value FROM meta")


def index_info(check: bool = False) -> dict[str, Any]:
    """Describe the snapshots and the index without building it.

    ``check`` also runs SQLite's ``quick_check`` over the whole file (slow on big indexes).
    """
    handle = current_handle()
    manifest = handle.manifest
    path = handle.path
    conn, problem = _open_checked(path, handle.key)
    info: dict[str, Any] = {
        "snapshot_dir": str(manifest.directory),
        "snapshot_built": manifest.built,
        "index_path": str(path),
        "cache_dir": str(path.parent),
        "key": handle.key,
        "built": conn is not None,
        "problem": problem,
        "size_bytes": path.stat().st_size if conn is not None else None,
        "vocabularies": {},
    }
    indexed: dict[str, dict[str, Any]] = {}
    if conn is not None:
        try:
            meta = dict(_iter_meta(conn))
            info["built_at"] = meta.get("built_at")
            info["build_seconds"] = float(meta.get("build_seconds") or 0)
            for row in conn.execute(
                "SELECT name, n_terms, n_obsolete, n_names, n_edges, n_ids FROM vocabularies"
            ):
                indexed[row[0]] = dict(
                    zip(("terms", "obsolete", "names", "edges", "ids"), row[1:], strict=True)
                )
            if check:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
                info["quick_check"] = result
        finally:
            conn.close()
    for name, v in manifest.vocabularies.items():
        info["vocabularies"][name] = {
            "version": v.version,
            "date": v.date,
            "source": v.source,
            "licence": v.licence,
            "file": v.file,
            "counts": v.counts,
            "indexed": indexed.get(name),
        }
    return info
