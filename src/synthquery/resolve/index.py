"""The grounding index: one SQLite file per vocabulary, derived from ``synthquery.ontology``.

Layout (all read-only after the build)::

    meta(k, v)                      vocabulary, version, checksum, normaliser version
    term(tid, id, label, obsolete, target, prior, usage)
                                    target: tid of the live replacement of an obsolete term
    kind(kid, kind, scope, source)  how a name belongs to its term (label, synonym scope)
    name(nid, tid, text, norm, kid) every label and synonym with its normalised text
    key(h, nid)                     64-bit hash of a normalised, word-order or compact key
                                    -> names (callers re-check the key on the name's norm)
    tok(tokid, t, df, post, real)   word -> names containing it (uint32 array, shortest name
                                    first: ordered by idf mass, then id); real = 0 for a
                                    pseudo-word (a short name's words run together)
    gram(g, post)                   character trigram -> words containing it (uint32 array)
    array(name, data)               per-name arrays for the fuzzy stage (word count, idf mass)
    parent(tid, ptid)               direct parents (is_a, part_of or unspecified)

The file lives in the cache dir, is named after the vocabulary checksum and the normaliser
version, is built on first use under a lock into a temporary file and renamed into place, so
concurrent first users either wait for the builder or find the finished file.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from synthquery._errors import IndexCorruptError
from synthquery.resolve.normalize import (
    IDENTIFIER_VOCABULARIES,
    NORMALIZER_VERSION,
    compact_key,
    normalize,
    rotation_sign,
    sorted_key,
    tokens,
)
from synthquery.resolve.score import SCOPE_WEIGHT

__all__ = [
    "FORMAT_VERSION",
    "BoundedCache",
    "NameRow",
    "VocabIndex",
    "build_file",
    "ensure_file",
    "forget_open",
    "index_path",
    "key_hash",
    "open_index",
]

#: says when a first use builds an index (the CLI shows it on a terminal)
logger = logging.getLogger("synthquery.index")

#: bump when the schema or the build changes
FORMAT_VERSION = 13

_OBSOLETE_PREFIX = re.compile(r"^obsolete[:\s_]+", re.IGNORECASE)
_BRACKET_SUFFIX = re.compile(r"\s*\[[^\]]*\]\s*$")
_TAXON_QUALIFIER = re.compile(
    r"^(?:tetrapod|mammalian|vertebrate|amniote|gnathostome|craniate|chordate|insect|arthropod)"
    r"\s+"
    r"|,\s*(?:vertebrate|invertebrate)$",
    re.IGNORECASE,
)
_STAGED = re.compile(r"(?:adult|larval|embryonic|pupal|prepupal|juvenile|nymphal)\b", re.IGNORECASE)
# name rows buffered before they are written during a build
_FLUSH_ROWS = 20000
# postings kept in memory per vocabulary (the most recently used words)
_WORD_CACHE_BYTES = 8 << 20
_MISSING = object()
# vocabularies without the trigram index of words: hundreds of thousands of one-off Latin
# names (taxa) or symbols where a near miss is another gene, not a typo
_NO_TYPO_INDEX = frozenset({"NCBITAXON", "ENSEMBL"})
#: synonym sources whose names are reached through their keys only, not by word overlap: a
#: GTEx site name ("Muscle - Skeletal": gastrocnemius medialis) is an identifier of a sampling
#: site, not a description, and must not turn up as a fuzzy match for "skeletal muscle organ"
#: (the grounder also asks for the name's "Organ - site" shape before a key match counts);
#: a cell bank's catalog number one digit off is another line
SITE_SOURCE = "gtex"
KEY_ONLY_SOURCES = frozenset({SITE_SOURCE, "cell-bank"})
#: snapshot subsets whose terms count as "in use" (see ``Term.subsets``): the scorer prefers
#: them among near-equal matches
USAGE_SUBSETS = frozenset({"efo"})
# compact pseudo-words let "hl6o" reach "HL-60" through the trigram index
_MAX_COMPACT_WORD = 24
_MAX_WORDS_FOR_COMPACT = 4
# per-index memos of read-only rows (names, key postings, parents): the same common names and
# terms come back query after query; each memo is simply emptied when it reaches this size
_MEMO_ENTRIES = 1 << 15
#: values bound per ``IN (...)`` statement (SQLite caps bound parameters)
_IN_CHUNK = 500
#: bytes of an index file SQLite maps instead of reading page by page, once :func:`forget_open`
#: is asked to (batch workers: a fresh connection's reads then cost no copy; the mapped pages
#: are the OS's shared file cache, but count in the process's resident memory, so a library
#: user's process reads pages as usual)
_MAP_BYTES = 1 << 30
_mapped = False


@functools.lru_cache(maxsize=_IN_CHUNK + 1)
def _marks(n: int) -> str:
    return ",".join("?" * n)


class VocabularyLike(Protocol):
    name: str
    version: str
    checksum: str

    def iter_terms(self) -> Iterator[Any]: ...

    def current(self, term_id: str) -> Any: ...


class BoundedCache:
    """A small LRU map bounded by the byte size its caller reports for each value."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._data: dict[Any, tuple[Any, int]] = {}
        self._used = 0
        self._lock = threading.Lock()

    def get(self, key: Any, default: Any = None) -> Any:
        found = self._data.get(key)
        if found is None:
            return default
        with self._lock:
            if key in self._data:
                self._data[key] = self._data.pop(key)  # most recently used last
        return found[0]

    def get_or_compute(
        self, key: Any, compute: Callable[[], Any], size_of: Callable[[Any], int]
    ) -> Any:
        """The value under ``key``, computed and kept (at ``size_of(value)`` bytes) when
        missing; None is a value like any other."""
        found = self.get(key, _MISSING)
        if found is _MISSING:
            found = compute()
            self.put(key, found, size_of(found))
        return found

    def put(self, key: Any, value: Any, size: int) -> None:
        if size > self.budget // 16:
            return
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._used -= old[1]
            self._data[key] = (value, size)
            self._used += size
            while self._used > self.budget and self._data:
                _, freed = self._data.pop(next(iter(self._data)))  # least recently used
                self._used -= freed


class NameRow(NamedTuple):
    """One indexed name joined with its term: what the scorer needs to know about a hit.

    A named tuple: rows are built by the thousand per second, five times faster than a
    frozen dataclass."""

    nid: int
    tid: int
    text: str
    norm: str
    kind: str  # "label" | "synonym"
    scope: str
    source: str
    term_id: str
    label: str
    obsolete: bool
    target: int | None
    prior: float
    usage: float  # 1.0 for a term in a usage subset (see ``USAGE_SUBSETS``), else 0.0


class _TermRow(NamedTuple):
    term_id: str
    label: str
    prior: float
    usage: float
    obsolete: int


class AncestorName(NamedTuple):
    """The label of an ancestor (see ``VocabIndex.ancestor_names``)."""

    term_id: str
    label: str
    prior: float
    usage: float
    skey: str  # word-order key of the label


def index_path(vocabulary: str, checksum: str, directory: Path) -> Path:
    tag = re.sub(r"[^0-9a-zA-Z]", "", checksum)[:16] or "nochecksum"
    return (
        directory
        / f"ground-{vocabulary.lower()}-{tag}-f{FORMAT_VERSION}n{NORMALIZER_VERSION}.sqlite"
    )


def _term_prior(vocabulary: str, term_id: str, n_names: int, n_children: int) -> float:
    """A small preference among otherwise equal matches, in [0, 1].

    Cellosaurus gives its oldest, most used lines all-digit accessions (CVCL_0030 HeLa);
    elsewhere a term with many synonyms and many sub-terms is a central concept, the one
    people usually mean ("bladder": urinary bladder rather than bladder organ).
    """
    if vocabulary == "CVCL":
        return 1.0 if re.fullmatch(r"CVCL_\d{4}", term_id) else 0.0
    return min(1.0, math.log1p(n_names + n_children) / math.log(60))


def _name_variants(vocabulary: str, text: str, obsolete: bool) -> list[str]:
    """The name itself plus name-side variants that should reach it."""
    out = [text]
    if obsolete:
        stripped = _OBSOLETE_PREFIX.sub("", text)
        if stripped != text:
            out = [stripped]
    if vocabulary == "CVCL" and "[" in text:
        base = _BRACKET_SUFFIX.sub("", out[0])
        if base and base != out[0]:
            out.append(base)
    if vocabulary == "UBERON":
        # "tetrapod frontal bone", "skeletal muscle organ, vertebrate", "insect proboscis": the
        # taxon word tells homologous classes apart; people name the structure without it
        bare = _TAXON_QUALIFIER.sub("", out[0])
        # ... but "insect adult head" is the fly's: "adult head" names any animal's head
        if bare and bare != out[0] and not _STAGED.match(bare):
            out.append(bare)
    return out


def key_hash(key: str) -> int:
    """Stable signed 64-bit hash of a key (Python's ``hash`` is salted per process)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _grams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def letters_key(word: str) -> str:
    """The key of the words spelt with ``word``'s letters in any order, kept beside the
    trigrams: two letters swapped in a short word ("kindey") share few trigrams with it."""
    return "#" + "".join(sorted(word))


def _pack(values: list[int]) -> bytes:
    """uint32 array bytes; callers pass ids without repeats."""
    return array("I", values).tobytes()


_SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID;
CREATE TABLE term(tid INTEGER PRIMARY KEY, id TEXT NOT NULL, label TEXT NOT NULL,
                  obsolete INTEGER NOT NULL, target INTEGER, prior REAL NOT NULL,
                  usage REAL NOT NULL);
CREATE TABLE kind(kid INTEGER PRIMARY KEY, kind TEXT, scope TEXT, source TEXT);
CREATE TABLE name(nid INTEGER PRIMARY KEY, tid INTEGER NOT NULL, text TEXT NOT NULL,
                  norm TEXT NOT NULL, kid INTEGER NOT NULL);
CREATE TABLE key(h INTEGER NOT NULL, nid INTEGER NOT NULL);
CREATE TABLE tok(tokid INTEGER PRIMARY KEY, t TEXT NOT NULL, df INTEGER NOT NULL,
                 post BLOB NOT NULL, real INTEGER NOT NULL);
CREATE TABLE gram(g TEXT PRIMARY KEY, post BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE array(name TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE parent(tid INTEGER NOT NULL, ptid INTEGER NOT NULL, PRIMARY KEY(tid, ptid))
    WITHOUT ROWID;
"""


def build_file(vocab: VocabularyLike, path: Path) -> None:
    """Write the index of ``vocab`` to ``path`` (which must not exist)."""
    con = sqlite3.connect(path)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        _fill(con, vocab)
        con.commit()
    finally:
        con.close()


def _fill(con: sqlite3.Connection, vocab: VocabularyLike) -> None:
    """One streaming pass over the vocabulary, rows flushed in batches: the build of the
    largest vocabulary (half a million taxa) stays within a few hundred MB."""
    name_u = vocab.name.upper()
    identifier = name_u in IDENTIFIER_VOCABULARIES
    kinds: dict[tuple[str, str, str], int] = {}
    tid_of: dict[str, int] = {}
    parent_refs: list[tuple[int, str]] = []
    targets: list[tuple[int, str]] = []  # obsolete tid -> id of its live replacement
    n_names: array[int] = array("I", [0])  # per tid
    term_rows: list[tuple[Any, ...]] = []
    name_rows: list[tuple[Any, ...]] = []
    key_rows: list[tuple[int, int]] = []
    postings: dict[str, array[int]] = {}
    real_words: set[str] = set()
    ntok = array("B")
    nid = tid = 0

    def flush(final: bool = False) -> None:
        if final or len(name_rows) >= _FLUSH_ROWS:
            con.executemany("INSERT INTO term VALUES (?,?,?,?,?,?,?)", term_rows)
            con.executemany("INSERT INTO name VALUES (?,?,?,?,?)", name_rows)
            con.executemany("INSERT INTO key VALUES (?,?)", key_rows)
            term_rows.clear()
            name_rows.clear()
            key_rows.clear()

    for term in vocab.iter_terms():
        tid += 1
        tid_of[term.id] = tid
        parents = (
            set(term.parents) | set(getattr(term, "is_a", ())) | set(getattr(term, "part_of", ()))
        )
        parent_refs.extend((tid, p) for p in parents)
        if term.obsolete:
            current = vocab.current(term.id)
            # a replacement by the root ("obsolete rare hypercholesterolemia": disease) names
            # nothing the text said: such a term is no answer at all
            if (
                current is not None
                and not current.obsolete
                and current.id != term.id
                and current.parents
            ):
                targets.append((tid, current.id))
        entries = [("label", "", "", term.label)] if term.label else []
        # two names of one term may share a key ("spiral arteries" RELATED, "spiral artery"
        # EXACT): the one kept is the one naming the term most strongly
        entries += sorted(
            (("synonym", s.scope, s.source, s.text) for s in term.synonyms),
            key=lambda e: -SCOPE_WEIGHT.get(e[1], SCOPE_WEIGHT[""]),
        )
        # one name per key, but for a sign of rotation the key leaves out
        seen: set[tuple[str, str]] = set()
        for kind, scope, source, text in entries:
            for variant in _name_variants(name_u, text, term.obsolete):
                norm = normalize(variant, identifier=identifier)
                key = (norm, rotation_sign(variant))
                if not norm or key in seen:
                    continue
                seen.add(key)
                kid = kinds.setdefault((kind, scope, source), len(kinds) + 1)
                nid += 1
                name_rows.append((nid, tid, variant, norm, kid))
                words = list(dict.fromkeys(tokens(norm)))
                compact = compact_key(norm, identifier=identifier)
                keys = {norm, compact, sorted_key(norm)} if len(words) > 1 else {norm, compact}
                key_rows.extend((key_hash(k), nid) for k in keys)
                if source in KEY_ONLY_SOURCES:
                    ntok.append(min(len(words), 255))
                    continue  # reached by its keys only, never by word overlap
                bag = set(words)
                real_words.update(bag)
                if 1 < len(words) <= _MAX_WORDS_FOR_COMPACT and len(compact) <= _MAX_COMPACT_WORD:
                    bag.add(compact)
                for w in bag:
                    posting = postings.get(w)
                    if posting is None:
                        posting = postings[w] = array("I")
                    posting.append(nid)
                ntok.append(min(len(words), 255))
        n_names.append(len(seen))
        usage = 1.0 if USAGE_SUBSETS.intersection(getattr(term, "subsets", ())) else 0.0
        term_rows.append(
            (tid, term.id, term.label or term.id, int(term.obsolete), None, 0.0, usage)
        )
        flush()
    flush(final=True)
    n_terms = tid

    # hierarchy: parents, replacement targets and the term prior (names + children)
    n_children = array("I", bytes(4 * (n_terms + 1)))
    parent_rows: set[tuple[int, int]] = set()
    for child, parent in parent_refs:
        ptid = tid_of.get(parent)
        if ptid is not None and ptid != child:
            parent_rows.add((child, ptid))
            n_children[ptid] += 1
    del parent_refs
    con.executemany("INSERT INTO parent VALUES (?,?)", sorted(parent_rows))
    del parent_rows
    con.executemany(
        "UPDATE term SET target = ? WHERE tid = ?",
        [(tid_of[cur], t) for t, cur in targets if cur in tid_of],
    )
    con.executemany(
        "UPDATE term SET prior = ? WHERE tid = ?",
        (
            (_term_prior(name_u, term_id, n_names[t], n_children[t]), t)
            for t, term_id in con.execute("SELECT tid, id FROM term").fetchall()
        ),
    )
    del tid_of
    con.executemany(
        "INSERT INTO kind VALUES (?,?,?,?)", [(v, *k) for k, v in sorted(kinds.items())]
    )
    con.execute("CREATE INDEX key_h ON key(h)")
    con.execute("CREATE INDEX term_id ON term(id)")

    # per-name idf mass (for the coverage of the name), then the word postings, shortest first
    total = max(nid, 1)
    idf = {w: math.log(1 + total / len(v)) for w, v in postings.items()}
    mass = array("f", bytes(4 * nid))
    for n, norm in con.execute("SELECT nid, norm FROM name ORDER BY nid"):
        mass[n - 1] = sum(idf.get(w, 0.0) for w in dict.fromkeys(tokens(norm)))
    del idf
    grams: dict[str, array[int]] = {}
    typo_index = name_u not in _NO_TYPO_INDEX
    n_words = 0

    def tok_rows() -> Iterator[tuple[Any, ...]]:
        nonlocal n_words
        for tokid, (word, nids) in enumerate(postings.items(), start=1):
            n_words = tokid
            real = word in real_words
            ordered = sorted(nids, key=lambda n: (mass[n - 1], n))
            yield (tokid, word, len(nids), _pack(ordered), int(real))
            # prose: a typo'd word must meet words, not other names run together
            if typo_index and not word.isdigit() and (real or identifier):
                for g in (*_grams(word), letters_key(word)):
                    found = grams.get(g)
                    if found is None:
                        found = grams[g] = array("I")
                    found.append(tokid)

    con.executemany("INSERT INTO tok VALUES (?,?,?,?,?)", tok_rows())
    postings.clear()
    con.execute("CREATE UNIQUE INDEX tok_t ON tok(t)")
    con.executemany("INSERT INTO gram VALUES (?,?)", ((g, v.tobytes()) for g, v in grams.items()))
    grams.clear()
    con.execute("INSERT INTO array VALUES ('ntok', ?)", (ntok.tobytes(),))
    con.execute("INSERT INTO array VALUES ('mass', ?)", (mass.tobytes(),))
    meta = {
        "vocabulary": name_u,
        "version": str(vocab.version),
        "checksum": str(vocab.checksum),
        "normalizer": str(NORMALIZER_VERSION),
        "format": str(FORMAT_VERSION),
        "names": str(nid),
        "words": str(n_words),
        "terms": str(n_terms),
        "complete": "1",
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock (POSIX); elsewhere the atomic rename alone keeps it safe."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _valid(path: Path, checksum: str) -> bool:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False
    return (
        meta.get("complete") == "1"
        and meta.get("checksum") == str(checksum)
        and meta.get("normalizer") == str(NORMALIZER_VERSION)
        and meta.get("format") == str(FORMAT_VERSION)
    )


def existing_file(vocab: VocabularyLike, directory: Path) -> Path | None:
    """The path of a valid, already built index for ``vocab`` in ``directory``, or None."""
    path = index_path(vocab.name, vocab.checksum, directory)
    return path if path.exists() and _valid(path, vocab.checksum) else None


def ensure_file(vocab: VocabularyLike, directory: Path, *, force: bool = False) -> Path:
    """The path of a valid index for ``vocab``, building it first if needed."""
    directory.mkdir(parents=True, exist_ok=True)
    if not force and (found := existing_file(vocab, directory)) is not None:
        return found
    path = index_path(vocab.name, vocab.checksum, directory)
    with _file_lock(path.with_name(path.name + ".lock")):
        # another process may have finished the build while this one waited for the lock
        if not force and path.exists() and _valid(path, vocab.checksum):
            return path
        fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=directory)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()
        started = time.perf_counter()
        logger.info(
            "building the grounding index of %s (first use of this version; kept in %s)",
            vocab.name,
            directory,
        )
        try:
            build_file(vocab, tmp)
            os.replace(tmp, path)
        except sqlite3.Error as exc:
            raise IndexCorruptError(f"could not build the grounding index {path}: {exc}") from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        logger.info("built it in %.1f s", time.perf_counter() - started)
        _remove_stale(path)
    return path


def _remove_stale(current: Path) -> None:
    """Drop older index files of the same vocabulary (other checksums or versions)."""
    prefix = current.name.split("-")[0] + "-" + current.name.split("-")[1] + "-"
    for other in current.parent.glob(prefix + "*.sqlite"):
        if other != current:
            with contextlib.suppress(OSError):
                other.unlink()
                Path(str(other) + ".lock").unlink(missing_ok=True)


class VocabIndex:
    """Read access to one vocabulary's grounding index (thread-safe: one connection per thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        con = self._con()
        meta = dict(con.execute("SELECT k, v FROM meta").fetchall())
        self.vocabulary: str = meta["vocabulary"]
        self.version: str = meta["version"]
        self.checksum: str = meta["checksum"]
        self.n_names = int(meta["names"])
        self.n_words = int(meta["words"])
        self._arrays: dict[str, Any] = {}
        self._words = BoundedCache(_WORD_CACHE_BYTES)
        #: for the fuzzy stage: word -> its typo and derived neighbours
        self.neighbours = BoundedCache(_WORD_CACHE_BYTES // 2)
        self._kinds = {
            kid: (kind, scope or "", source or "")
            for kid, kind, scope, source in con.execute("SELECT * FROM kind")
        }
        # the file is immutable while open, so these memos never go stale
        self._name_rows: dict[int, NameRow] = {}
        self._key_nids: dict[int, tuple[int, ...]] = {}
        self._ancestors: dict[tuple[str, int], frozenset[str]] = {}
        self._ancestor_names: dict[tuple[str, int], tuple[AncestorName, ...]] = {}
        self._term_memo: dict[int, _TermRow] = {}
        self._label_keys: dict[str, str] = {}
        self._tid_of: dict[str, int] = {}
        self._parent_tids: dict[int, tuple[int, ...]] = {}

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(
                    f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise IndexCorruptError(f"cannot open grounding index {self.path}: {exc}") from exc
            if _mapped:
                con.execute(f"PRAGMA mmap_size = {_MAP_BYTES}")
            self._local.con = con
        return con

    def _select_in(self, sql: str, values: Sequence[Any]) -> Iterable[tuple[Any, ...]]:
        """Rows of ``sql`` (with ``{marks}`` where its ``IN (...)`` list goes) for ``values``,
        queried in chunks within SQLite's limit on bound parameters."""
        if not values:
            return ()  # nothing asked: no statement
        con = self._con()
        if len(values) <= _IN_CHUNK:  # the usual case: one statement, its cursor as it is
            return con.execute(sql.format(marks=_marks(len(values))), values)
        return itertools.chain.from_iterable(
            con.execute(sql.format(marks=_marks(len(chunk))), chunk)
            for chunk in (values[i : i + _IN_CHUNK] for i in range(0, len(values), _IN_CHUNK))
        )

    # -- exact keys -------------------------------------------------------------------------
    _ROW_SQL = (
        "SELECT n.nid, n.tid, n.text, n.norm, n.kid, t.id, t.label, t.obsolete, t.target, "
        "t.prior, t.usage FROM name n JOIN term t ON t.tid = n.tid "
    )

    def _rows(self, cursor: Iterable[tuple[Any, ...]]) -> list[NameRow]:
        out = []
        for nid, tid, text, norm, kid, term_id, label, obsolete, target, prior, usage in cursor:
            kind, scope, source = self._kinds[kid]
            out.append(
                NameRow(
                    nid,
                    tid,
                    text,
                    norm,
                    kind,
                    scope,
                    source,
                    term_id,
                    label,
                    bool(obsolete),
                    target,
                    prior,
                    usage,
                )
            )
        return out

    def by_keys(self, keys: Iterable[str]) -> list[NameRow]:
        """Names having any of ``keys`` as a normalised, word-order or compact key."""
        hashes = {key_hash(k) for k in keys if k}
        if not hashes:
            return []
        memo = self._key_nids
        # get(), not `in` then []: another thread may empty the memo in between
        known = {h: v for h in hashes if (v := memo.get(h)) is not None}
        missing = sorted(hashes.difference(known))
        if missing:
            # one statement fetches the keys' names with their rows (memoised as by_nids does)
            found: dict[int, list[int]] = {h: [] for h in missing}
            rows: list[tuple[Any, ...]] = []
            for row in self._select_in(
                "SELECT k.h, n.nid, n.tid, n.text, n.norm, n.kid, t.id, t.label, t.obsolete, "
                "t.target, t.prior, t.usage FROM key k JOIN name n ON n.nid = k.nid "
                "JOIN term t ON t.tid = n.tid WHERE k.h IN ({marks})",
                missing,
            ):
                found[row[0]].append(row[1])
                rows.append(row[1:])
            if len(memo) + len(found) > _MEMO_ENTRIES:
                memo.clear()
            for h, nids in found.items():
                known[h] = memo[h] = tuple(nids)
            names = self._name_rows
            if len(names) + len(rows) > _MEMO_ENTRIES:
                names.clear()
            for name in self._rows(r for r in rows if r[0] not in names):
                names[name.nid] = name
        return self.by_nids(n for nids in known.values() for n in nids)

    def by_initials(self, letters: str, unspoken: str = "") -> list[NameRow]:
        """Names of two or more words whose words start with ``letters`` in turn ("umn":
        upper motor neuron), for an abbreviation no name spells; a scan, so only for that.
        A last word ``unspoken`` may go without a letter ("ICM": inner cell mass cell)."""
        if len(letters) < 2 or not letters.isalpha():
            return []
        letters = letters.lower()
        pattern = "% ".join(letters) + "%"
        rows = self._rows(
            self._con().execute(self._ROW_SQL + "WHERE n.norm LIKE ? LIMIT 2000", (pattern,))
        )
        out = []
        for row in rows:
            initials = "".join(w[0] for w in row.norm.split())
            if initials == letters or (
                unspoken and initials[:-1] == letters and row.norm.endswith(" " + unspoken)
            ):
                out.append(row)
        return out

    def by_nids(self, nids: Iterable[int]) -> list[NameRow]:
        """The names with these ids, in id order (rows are memoised per index)."""
        wanted = sorted(set(int(n) for n in nids))
        if not wanted:
            return []
        memo = self._name_rows
        rows = {n: r for n in wanted if (r := memo.get(n)) is not None}
        if len(rows) < len(wanted):
            missing = [n for n in wanted if n not in rows]
            fetched = self._rows(
                self._select_in(self._ROW_SQL + "WHERE n.nid IN ({marks})", missing)
            )
            if len(memo) + len(fetched) > _MEMO_ENTRIES:
                memo.clear()
            for row in fetched:
                rows[row.nid] = memo[row.nid] = row
        return [rows[n] for n in wanted if n in rows]

    def term_by_id(self, term_id: str) -> tuple[int, str, str, bool, int | None] | None:
        row = (
            self._con()
            .execute("SELECT tid, id, label, obsolete, target FROM term WHERE id = ?", (term_id,))
            .fetchone()
        )
        if row is None:
            return None
        return int(row[0]), row[1], row[2], bool(row[3]), row[4]

    def parents(self, term_id: str) -> list[tuple[str, str, float, float]]:
        """``(id, label, prior, usage)`` of the live direct parents of ``term_id``."""
        rows = self._term_rows(self._ancestor_tids(term_id, 1))
        return sorted((r.term_id, r.label, r.prior, r.usage) for r in rows if not r.obsolete)

    def ancestors(self, term_id: str, *, distance: int = 3) -> set[str]:
        """Ids of the ancestors of ``term_id`` up to ``distance`` hops (not the term itself)."""
        key = (term_id, distance)
        found = self._ancestors.get(key)
        if found is None:
            found = frozenset(self._find_ancestors(term_id, distance))
            if len(self._ancestors) >= _MEMO_ENTRIES:
                self._ancestors.clear()
            self._ancestors[key] = found
        return set(found)

    def _find_ancestors(self, term_id: str, distance: int) -> set[str]:
        return {r.term_id for r in self._term_rows(self._ancestor_tids(term_id, distance))}

    def _ancestor_tids(self, term_id: str, distance: int) -> set[int]:
        start = self._tid_of.get(term_id)
        if start is None:
            row = self._con().execute("SELECT tid FROM term WHERE id = ?", (term_id,)).fetchone()
            if row is None:
                return set()
            if len(self._tid_of) >= _MEMO_ENTRIES:
                self._tid_of.clear()
            start = self._tid_of[term_id] = row[0]
        # parent lists are memoised per term: the walks of different answers soon meet
        memo = self._parent_tids
        seen: set[int] = set()
        frontier = [start]
        for _ in range(distance):
            if not frontier:
                break
            missing = [t for t in frontier if t not in memo]
            if missing:
                if len(memo) + len(missing) > _MEMO_ENTRIES:
                    memo.clear()
                    missing = frontier
                got: dict[int, list[int]] = {t: [] for t in missing}
                for tid, ptid in self._select_in(
                    "SELECT tid, ptid FROM parent WHERE tid IN ({marks})", missing
                ):
                    got[tid].append(ptid)
                for tid, ptids in got.items():
                    memo[tid] = tuple(ptids)
            found = {p for t in frontier for p in memo.get(t, ())}
            frontier = sorted(found - seen)
            seen |= found
        return seen

    def ancestor_names(self, term_id: str, *, distance: int) -> tuple[AncestorName, ...]:
        """The labels of the live ancestors of ``term_id`` (up to ``distance`` hops), each
        with its word-order key."""
        key = (term_id, distance)
        found = self._ancestor_names.get(key)
        if found is None:
            keys = self._label_keys
            if len(keys) >= _MEMO_ENTRIES:
                keys.clear()
            named = []
            for row in self._term_rows(self._ancestor_tids(term_id, distance)):
                if row.obsolete:
                    continue
                skey = keys.get(row.term_id)
                if skey is None:
                    skey = keys[row.term_id] = sorted_key(normalize(row.label))
                named.append(AncestorName(row.term_id, row.label, row.prior, row.usage, skey))
            found = tuple(named)
            if len(self._ancestor_names) >= _MEMO_ENTRIES:
                self._ancestor_names.clear()
            self._ancestor_names[key] = found
        return found

    def _term_rows(self, tids: set[int]) -> list[_TermRow]:
        """The term rows of ``tids``, in tid order (memoised: the same few high terms, such as
        T cell, leukocyte or organ, sit above most answers)."""
        memo = self._term_memo
        missing = sorted(t for t in tids if t not in memo)
        if missing:
            if len(memo) + len(missing) > _MEMO_ENTRIES:
                memo.clear()
                missing = sorted(tids)
            for tid, *rest in self._select_in(
                "SELECT tid, id, label, prior, usage, obsolete FROM term WHERE tid IN ({marks})",
                missing,
            ):
                memo[tid] = _TermRow(*rest)
        return [row for t in sorted(tids) if (row := memo.get(t)) is not None]

    def term_by_tid(self, tid: int) -> tuple[str, str]:
        rows = self._term_rows({tid})
        if not rows:
            raise IndexCorruptError(f"grounding index {self.path} lacks term {tid}")
        return rows[0].term_id, rows[0].label

    # -- fuzzy stage ------------------------------------------------------------------------
    def word(self, word: str) -> tuple[int, int, bytes] | None:
        """``(tokid, document frequency, posting blob)`` of one indexed word.

        Recently used words are kept in a small cache (bounded in bytes): the same words come
        back query after query ("cell", "carcinoma", "acid").
        """
        found = self._words.get(word, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        row = self._con().execute("SELECT tokid, df, post FROM tok WHERE t = ?", (word,)).fetchone()
        found = None if row is None else (row[0], row[1], row[2])
        self._words.put(word, found, 64 + (len(found[2]) if found is not None else 0))
        return found

    def typo_postings(self, word: str) -> tuple[list[bytes], list[int]]:
        """In one read, the posting of each trigram of ``word`` found, and the tokids of the
        words spelt with its letters (see :func:`letters_key`)."""
        same = letters_key(word)
        posts, letters = [], array("I")
        for g, post in self._select_in(
            "SELECT g, post FROM gram WHERE g IN ({marks})", sorted({*_grams(word), same})
        ):
            if g == same:
                letters.frombytes(post)
            else:
                posts.append(post)
        return posts, letters.tolist()

    def words_with_prefix(self, prefix: str, limit: int = 40) -> list[tuple[int, str, int]]:
        """``(tokid, word, df)`` of real indexed words starting with ``prefix`` (a-z0-9)."""
        upper = prefix + "{"  # "{" sorts right after "z" and every digit
        return list(
            self._con().execute(
                "SELECT tokid, t, df FROM tok WHERE t >= ? AND t < ? AND real = 1 LIMIT ?",
                (prefix, upper, limit),
            )
        )

    def word_texts(self, tokids: Iterable[int]) -> list[tuple[int, str]]:
        wanted = sorted(set(int(t) for t in tokids))
        return list(self._select_in("SELECT tokid, t FROM tok WHERE tokid IN ({marks})", wanted))

    def words_by_id(self, tokids: Iterable[int]) -> list[tuple[int, str, int, bytes]]:
        wanted = sorted(set(int(t) for t in tokids))
        return list(
            self._select_in("SELECT tokid, t, df, post FROM tok WHERE tokid IN ({marks})", wanted)
        )

    def name_values(self, name: str) -> array:
        """The same per-name values as :meth:`name_array` as a plain ``array`` (no numpy)."""
        key = "py:" + name
        out = self._arrays.get(key)
        if out is None:
            row = self._con().execute("SELECT data FROM array WHERE name = ?", (name,)).fetchone()
            if row is None:
                raise IndexCorruptError(f"grounding index {self.path} lacks array {name}")
            out = array("B" if name == "ntok" else "f", [0])
            out.frombytes(row[0])
            self._arrays[key] = out
        return out

    def name_array(self, name: str) -> Any:
        """A per-name numpy array indexed by nid: ``ntok`` (content words, uint8) or ``mass``
        (summed idf of the name's words, float32)."""
        out = self._arrays.get(name)
        if out is None:
            import numpy as np

            dtype = np.uint8 if name == "ntok" else np.float32
            row = self._con().execute("SELECT data FROM array WHERE name = ?", (name,)).fetchone()
            if row is None:
                raise IndexCorruptError(f"grounding index {self.path} lacks array {name}")
            out = np.concatenate([np.zeros(1, dtype=dtype), np.frombuffer(row[0], dtype=dtype)])
            self._arrays[name] = out
        return out

    def scratch(self) -> tuple[Any, Any, Any]:
        """Three work arrays (numpy, one slot per name id) for this thread: two whose contents
        are left over from earlier use (callers read only slots they have just written) and
        a boolean mask that callers leave all False again."""
        found = getattr(self._local, "scratch", None)
        if found is None:
            import numpy as np

            size = self.n_names + 1
            found = (np.zeros(size, np.int32), np.zeros(size, np.int32), np.zeros(size, np.bool_))
            self._local.scratch = found
        return found  # type: ignore[no-any-return]

    def warm(self) -> None:
        """Load the name arrays the fuzzy stage reads (otherwise loaded on first use)."""
        self.name_array("ntok")
        self.name_array("mass")
        self.name_values("mass")

    def drop_connection(self) -> None:
        """Forget this thread's connection and scratch arrays without closing them: after a
        fork they are the parent's. The memos and name arrays are kept."""
        self._local = threading.local()

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


_OPEN: dict[tuple[str, str], VocabIndex] = {}
_OPEN_LOCK = threading.Lock()


def forget_open(*, mapped: bool | None = None) -> None:
    """Forget every open index without closing it (after a fork the handles are the parent's).

    ``mapped``: whether connections opened from now on in this process map the index file
    (see :data:`_MAP_BYTES`); None leaves that as it is."""
    global _mapped
    with _OPEN_LOCK:
        _OPEN.clear()
        if mapped is not None:
            _mapped = mapped


def open_index(vocab: VocabularyLike, directory: Path) -> VocabIndex:
    """The (cached per process) index of ``vocab``, built on first use."""
    key = (vocab.name.upper(), str(vocab.checksum))
    with _OPEN_LOCK:
        index = _OPEN.get(key)
        if index is not None and index.path.parent == directory and index.path.exists():
            return index
        path = ensure_file(vocab, directory)
        try:
            index = VocabIndex(path)
        except (sqlite3.DatabaseError, KeyError):
            path = ensure_file(vocab, directory, force=True)
            try:
                index = VocabIndex(path)
            except (sqlite3.DatabaseError, KeyError) as exc:
                raise IndexCorruptError(f"grounding index {path} is unreadable: {exc}") from exc
        _OPEN[key] = index
        return index
