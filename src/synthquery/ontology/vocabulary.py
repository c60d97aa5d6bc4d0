"""``Vocabulary``: terms, names and hierarchy of one vocabulary, read from the compiled index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from synthquery._errors import IndexCorruptError, TermNotFoundError, UnknownVocabularyError
from synthquery.ontology._terms import ExactHit, Term, fold, term_from_record
from synthquery.ontology.ids import normalize_id
from synthquery.ontology.index import CHUNK_BITS, TAXON, IndexHandle, current_handle
from synthquery.ontology.snapshot import VocabularyInfo

__all__ = ["Vocabulary", "vocab", "vocabularies"]

ORDER = ("UBERON", "CL", "MONDO", "CHEBI", "CVCL", "ENSEMBL", "NCBITAXON")
_ALIASES = {
    "CELLOSAURUS": "CVCL",
    "GENE": "ENSEMBL",
    "GENES": "ENSEMBL",
    "HGNC": "ENSEMBL",
    "ENSG": "ENSEMBL",
    "TAXON": "NCBITAXON",
    "TAXONOMY": "NCBITAXON",
}
_SCOPE_RANK = {"EXACT": 0, "PREVIOUS": 1, "RELATED": 2, "ABBREVIATION": 3, "NARROW": 4, "BROAD": 5}
_CACHE_LIMIT = 100_000  # entries per in-process cache; cleared when full (cheap, bounded memory)
_BATCH = 500  # ids per IN (...) query
_EMPTY: dict[str, Any] = {}


class Vocabulary:
    """One vocabulary (``vocab("UBERON")``). All methods accept any normalisable id form."""

    def __init__(self, info: VocabularyInfo, handle: IndexHandle) -> None:
        self.name = info.name
        self.version = info.version
        self.checksum = info.sha256
        self.info = info
        self._handle = handle
        self._vid: int | None = None
        self._size: int | None = None
        self._terms: dict[str, Term | None] = {}
        self._exact: dict[str, tuple[ExactHit, ...]] = {}
        self._up: dict[str, tuple[str, ...]] = {}
        self._down: dict[str, tuple[str, ...]] = {}
        self._ancestor_sets: dict[str, frozenset[str]] = {}
        self._taxon_chunks: dict[int, bytes | None] = {}

    def __repr__(self) -> str:
        return f"<Vocabulary {self.name} {self.version}>"

    # -- plumbing -------------------------------------------------------------------------------

    def _q(self, sql: str, *params: Any) -> list[Any]:
        return self._handle.query(sql, (self.vid, *params))

    @property
    def vid(self) -> int:
        if self._vid is None:
            self._load_counts()
        assert self._vid is not None
        return self._vid

    def _load_counts(self) -> None:
        rows = self._handle.query(
            "SELECT vid, n_terms, n_ids FROM vocabularies WHERE name = ?", (self.name,)
        )
        if not rows:  # the index key covers the manifest, so this means a damaged index
            raise IndexCorruptError(f"the vocabulary index has no rows for {self.name}")
        self._vid, n_terms, n_ids = rows[0]
        self._size = n_ids if n_ids is not None else n_terms

    def _wire(self, term_id: Any) -> str | None:
        n = normalize_id(term_id)
        if n.wire_id is None or n.vocabulary != self.name:
            return None
        return n.wire_id

    def _remember(self, cache: dict[str, Any], key: str, value: Any) -> None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = value

    def _make_term(self, term_id: str, label: str, obsolete: int, body: str | None) -> Term:
        record = json.loads(body) if body else _EMPTY
        return term_from_record(term_id, label, self.name, bool(obsolete), record)

    def _taxon_known(self, wire: str) -> bool:
        if len(wire) > 18:  # beyond SQLite integers; no such taxon
            return False
        taxon = int(wire)
        chunk_no = taxon >> CHUNK_BITS
        if chunk_no not in self._taxon_chunks:
            rows = self._handle.query("SELECT bits FROM taxon_bits WHERE chunk = ?", (chunk_no,))
            self._taxon_chunks[chunk_no] = rows[0][0] if rows else None
        chunk = self._taxon_chunks[chunk_no]
        offset = taxon & ((1 << CHUNK_BITS) - 1)
        return chunk is not None and bool(chunk[offset >> 3] & (1 << (offset & 7)))

    # -- terms ----------------------------------------------------------------------------------

    def get(self, term_id: Any) -> Term | None:
        """The term, or None if the id is not (a normalisable form of) an id of this vocabulary."""
        if isinstance(term_id, str):
            try:
                return self._terms[term_id]
            except KeyError:
                pass
        wire = self._wire(term_id)
        if wire is None:
            return None
        if wire in self._terms:
            return self._terms[wire]
        rows = self._q("SELECT label, obsolete, body FROM terms WHERE vid = ? AND id = ?", wire)
        term: Term | None
        if rows:
            term = self._make_term(wire, *rows[0])
        elif self.name == TAXON and self._taxon_known(wire):
            term = Term(wire, "", self.name)  # a real taxon outside the shipped names subset
        else:
            term = None
        self._remember(self._terms, wire, term)
        return term

    def term(self, term_id: Any) -> Term:
        """The term; :class:`TermNotFoundError` (a ``KeyError``) if absent."""
        term = self.get(term_id)
        if term is None:
            raise TermNotFoundError(str(term_id), self.name)
        return term

    def __contains__(self, term_id: object) -> bool:
        return self.get(term_id) is not None

    def __len__(self) -> int:
        """Number of ids (for NCBITAXON: every known taxon id, not only the named subset)."""
        if self._size is None:
            self._load_counts()
        assert self._size is not None
        return self._size

    def current(self, term_id: Any) -> Term | None:
        """The live term for ``term_id``, following ``replaced_by`` chains; None if there is none.

        A live term is its own current term.
        """
        term = self.get(term_id)
        seen: set[str] = set()
        while term is not None and term.obsolete:
            if term.id in seen or not term.replaced_by:
                return None
            seen.add(term.id)
            term = self.get(term.replaced_by[0])
        return term

    def by_xref(self, xref: str) -> list[Term]:
        """Terms listing ``xref`` (e.g. the ChEBI terms a ChEMBL id maps to)."""
        rows = self._handle.query(
            "SELECT t.id, t.label, t.obsolete, t.body FROM xrefs x JOIN terms t ON t.tid = x.tid "
            "WHERE x.xref = ? AND t.vid = ? ORDER BY t.obsolete, t.id",
            (xref, self.vid),
        )
        return [self._terms.get(r[0]) or self._make_term(*r) for r in rows]

    def iter_terms(self) -> Iterator[Term]:
        """Every term in snapshot order, obsolete ones included (NCBITAXON: the named subset)."""
        last = 0
        while True:
            rows = self._q(
                "SELECT tid, id, label, obsolete, body FROM terms WHERE vid = ? AND tid > ? "
                "ORDER BY tid LIMIT 5000",
                last,
            )
            if not rows:
                return
            for row in rows:
                yield self._make_term(*row[1:])
            last = rows[-1][0]

    def iter_names(self) -> Iterator[tuple[str, str, str, str, str]]:
        """``(term_id, name, kind, scope, source)`` for every label and synonym, obsolete too.

        ``kind`` is ``"label"`` (scope and source ``""``) or ``"synonym"``.
        """
        for term in self.iter_terms():
            if term.label:
                yield term.id, term.label, "label", "", ""
            for synonym in term.synonyms:
                yield term.id, synonym.text, "synonym", synonym.scope, synonym.source

    # -- names ----------------------------------------------------------------------------------

    def find_exact(self, text: str) -> list[ExactHit]:
        """Terms whose label or a synonym equals ``text``, ignoring case and extra whitespace.

        Live terms first, then labels before synonyms, then by synonym scope.
        """
        if not isinstance(text, str):
            return []
        hits = self._exact.get(text)
        if hits is None:
            key = fold(text)
            hits = self._exact.get(key)
            if hits is None:
                hits = self._lookup_exact(key) if key else ()
                self._remember(self._exact, key, hits)
            self._remember(self._exact, text, hits)
        return list(hits)

    def _lookup_exact(self, key: str) -> tuple[ExactHit, ...]:
        rows = self._q(
            "SELECT t.id, t.label, t.obsolete, t.body, n.idx FROM names n "
            "JOIN terms t ON t.tid = n.tid WHERE n.vid = ? AND n.key = ?",
            key,
        )
        hits: list[ExactHit] = []
        for term_id, label, obsolete, body, idx in rows:
            term = self._terms.get(term_id)
            if term is None:
                term = self._make_term(term_id, label, obsolete, body)
                self._remember(self._terms, term_id, term)
            if idx < 0:
                hits.append(ExactHit(term, "label", "", ""))
            elif idx < len(term.synonyms):
                synonym = term.synonyms[idx]
                hits.append(ExactHit(term, "synonym", synonym.scope, synonym.source))
        hits = list({(h.term.id, h.kind, h.scope, h.source): h for h in hits}.values())
        hits.sort(
            key=lambda h: (
                h.term.obsolete,
                h.kind != "label",
                _SCOPE_RANK.get(h.scope, 9),
                h.term.id,
                h.source,
            )
        )
        return tuple(hits)

    # -- hierarchy ------------------------------------------------------------------------------

    def _neighbours(self, ids: list[str], up: bool) -> dict[str, tuple[str, ...]]:
        cache = self._up if up else self._down
        missing = [i for i in ids if i not in cache]
        mine, other = ("child", "parent") if up else ("parent", "child")
        for start in range(0, len(missing), _BATCH):
            batch = missing[start : start + _BATCH]
            marks = ",".join("?" * len(batch))
            found: dict[str, list[str]] = {i: [] for i in batch}
            for a, b in self._q(
                f"SELECT {mine}, {other} FROM edges WHERE vid = ? AND {mine} IN ({marks})",
                *batch,
            ):
                found[a].append(b)
            for a, bs in found.items():
                self._remember(cache, a, tuple(dict.fromkeys(bs)))
        return {i: cache.get(i) or () for i in ids}

    def _walk(self, term_id: Any, up: bool, distance: int | None, with_self: bool) -> list[str]:
        wire = self._wire(term_id)
        if wire is None or wire not in self:
            raise TermNotFoundError(str(term_id), self.name)
        seen = {wire}
        out = [wire] if with_self else []
        frontier = [wire]
        depth = 0
        while frontier and (distance is None or depth < distance):
            depth += 1
            links = self._neighbours(frontier, up)
            level = sorted({n for f in frontier for n in links[f]} - seen)
            seen.update(level)
            out.extend(level)
            frontier = level
        return out

    def ancestors(
        self, term_id: Any, *, distance: int | None = None, with_self: bool = False
    ) -> list[str]:
        """Ancestor ids over all parent relations, nearest first (breadth-first, sorted per level).

        ``distance`` limits the number of steps (1: direct parents only).
        """
        return self._walk(term_id, True, distance, with_self)

    def descendants(
        self, term_id: Any, *, distance: int | None = None, with_self: bool = False
    ) -> list[str]:
        """Descendant ids, nearest first (breadth-first, sorted per level)."""
        return self._walk(term_id, False, distance, with_self)

    def children(self, term_id: Any) -> list[str]:
        return self._walk(term_id, False, 1, False)

    def is_descendant(self, term_id: Any, ancestor_id: Any, *, with_self: bool = True) -> bool:
        """Whether ``term_id`` lies below ``ancestor_id``; False if either id is unknown."""
        wire = self._wire(term_id)
        anc = self._wire(ancestor_id)
        if wire is None or anc is None or wire not in self:
            return False
        if wire == anc:
            return with_self
        ancestors = self._ancestor_sets.get(wire)
        if ancestors is None:
            ancestors = frozenset(self._walk(wire, True, None, False))
            self._remember(self._ancestor_sets, wire, ancestors)
        return anc in ancestors


_vocabs: dict[tuple[IndexHandle, str], Vocabulary] = {}


def _canonical(name: str, known: list[str]) -> str:
    upper = name.strip().upper() if isinstance(name, str) else ""
    upper = _ALIASES.get(upper, upper)
    if upper not in known:
        raise UnknownVocabularyError(str(name), known)
    return upper


def vocabularies() -> list[str]:
    """Names of the vocabularies in the snapshots (``UBERON``, ``CL``, ...)."""
    names = list(current_handle().manifest.vocabularies)
    return sorted(names, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def vocab(name: str) -> Vocabulary:
    """The vocabulary called ``name`` (case-insensitive; ``CELLOSAURUS``, ``GENE``/``HGNC``,
    ``TAXON``/``NCBITaxon`` are aliases). :class:`UnknownVocabularyError` if there is none."""
    handle = current_handle()
    found = _vocabs.get((handle, name))
    if found is not None:
        return found
    canonical = _canonical(name, vocabularies())
    found = _vocabs.get((handle, canonical))
    if found is None:
        info = handle.manifest.vocabularies[canonical]
        found = _vocabs.setdefault((handle, canonical), Vocabulary(info, handle))
    _vocabs[(handle, name)] = found
    return found
