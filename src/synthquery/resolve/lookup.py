"""``lookup(text, field)``: validate, route, strip dose/time, ground offline, ask OLS if weak."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path

from synthquery._errors import UsageError
from synthquery.resolve.fields import (
    FIELD_VOCABULARY,
    KNOWN_PERTURBATION_TYPES,
    canonical_field,
    route_perturbation,
)
from synthquery.resolve.grounder import Grounder, Scored
from synthquery.resolve.index import VocabIndex, ensure_file, open_index
from synthquery.resolve.lexicon import METADATA_KEY, split_marker_runs, trait_value
from synthquery.resolve.result import Candidate, LookupResult
from synthquery.resolve.score import calibrate, rule_penalty

__all__ = [
    "AMBIGUITY_MARGIN",
    "MAX_TEXT_LENGTH",
    "ONLINE_BELOW",
    "build_index",
    "default_grounder",
    "forget_open_indexes",
    "index_files",
    "lookup",
    "warm_indexes",
]

#: texts longer than this are not grounded (a warning says so)
MAX_TEXT_LENGTH = 500
#: top two candidates closer than this (raw score) are reported as ambiguous
AMBIGUITY_MARGIN = 0.012
#: with ``online=None``, OLS is asked when the best local score is below this
ONLINE_BELOW = 0.6
#: a second or third guess of the perturbation router costs this much raw score per step
ROUTE_PENALTY = 0.03
_MAX_LIMIT = 100

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]+")
# a minus sign or a typeset hyphen is the ASCII hyphen names are written with ("(−)-epicatechin")
_MINUSES = {"\u2212": "-", "\u2010": "-", "\u2011": "-"}
# ... and digits and signs written small ("NiCl₂", "Ca²⁺"), read as ordinary ones by every
# stage, the formula reader and the dose parser included
_SMALL = dict(zip("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹₊₋⁺⁻", "0123456789" * 2 + "+-+-", strict=True))
_ORDINARY = str.maketrans({**_MINUSES, **_SMALL})
# "migraine w/o aura", "diabetes w/ complications": the clinical shorthand for without and
# with, read before any rule takes the slash for a list (w/o would become "with")
_WITH_SLASH = re.compile(r"\bw/(o\b)?(?=[\s,;)]|$)", re.IGNORECASE)

_lock = threading.Lock()
_default: Grounder | None = None


_indexes: dict[tuple[str, str | None, str | None], VocabIndex] = {}


def _index_for(vocabulary: str) -> VocabIndex:
    # resolving the cache dir probes the file system: do it once per environment
    key = _env_key(vocabulary)
    index = _indexes.get(key)
    if index is None or not index.path.exists():
        from synthquery._paths import cache_dir
        from synthquery.ontology import vocab

        index = open_index(vocab(vocabulary), cache_dir())
        _indexes[key] = index
    return index


def _built_index(vocabulary: str) -> VocabIndex | None:
    """The grounding index of ``vocabulary`` if this process has it open or its file is
    already built; never builds one."""
    index = _indexes.get(_env_key(vocabulary))
    if index is not None and index.path.exists():
        return index
    from synthquery._paths import cache_dir
    from synthquery.ontology import vocab
    from synthquery.resolve.index import existing_file

    if existing_file(vocab(vocabulary), cache_dir()) is None:
        return None
    return _index_for(vocabulary)


def _env_key(vocabulary: str) -> tuple[str, str | None, str | None]:
    return (
        vocabulary,
        os.environ.get("SYNTHQUERY_CACHE_DIR"),
        os.environ.get("SYNTHQUERY_ONTOLOGIES_DIR"),
    )


def index_files(field: str) -> dict[str, Path]:
    """Vocabulary -> grounding index file for every vocabulary ``field`` may search (built
    first if needed); a batch parent hands these to its worker processes."""
    canonical = canonical_field(field)
    fields = ("gene", "compound", "organism") if canonical == "perturbation" else (canonical,)
    return {FIELD_VOCABULARY[f]: _index_for(FIELD_VOCABULARY[f]).path for f in fields}


def forget_open_indexes(
    files: dict[str, Path] | None = None, *, mapped: bool | None = None
) -> None:
    """Drop this process's open index handles (a forked worker must open its own) and, when
    given, open ``files`` (vocabulary -> index file) without asking the vocabulary layer.
    ``mapped=True`` has the new connections map the index files (a batch worker's choice:
    fewer copies per page read, more resident memory).

    An index already open on the same file is kept with what it has read (name arrays,
    memos: shared copy-on-write with the parent) and only its SQLite connection is dropped.
    """
    global _default
    from synthquery.resolve import index as index_module

    kept = {index.path: index for index in _indexes.values()}
    _indexes.clear()
    index_module.forget_open(mapped=mapped)
    _default = None
    for vocabulary, path in (files or {}).items():
        index = kept.get(path)
        if index is None:
            index = VocabIndex(path)
        else:
            index.drop_connection()
        _indexes[_env_key(vocabulary)] = index


def warm_indexes(files: dict[str, Path]) -> None:
    """Read what every lookup needs from the index ``files`` (name arrays), so that worker
    processes forked afterwards share it instead of each reading it again."""
    for vocabulary in files:
        _index_for(vocabulary).warm()


def default_grounder() -> Grounder:
    """The process-wide grounder over the shipped snapshots (indexes open lazily)."""
    global _default
    with _lock:
        if _default is None:
            _default = Grounder(_index_for)
        return _default


def build_index(force: bool = False, vocabularies: Iterable[str] | None = None) -> dict[str, Path]:
    """Build (or check) the grounding index of every vocabulary a field uses.

    Returns vocabulary name -> index file. ``force`` rebuilds even valid files.
    """
    from synthquery._paths import cache_dir
    from synthquery.ontology import vocab

    names = (
        list(vocabularies) if vocabularies is not None else sorted(set(FIELD_VOCABULARY.values()))
    )
    out: dict[str, Path] = {}
    for name in names:
        v = vocab(name)
        out[v.name] = ensure_file(v, cache_dir(), force=force)
    return out


def _clean_text(text: object) -> str:
    if not isinstance(text, str):
        raise UsageError(f"lookup text must be a string, got {type(text).__name__}")
    text = _CONTROL.sub(" ", text).translate(_ORDINARY)
    if "/" in text:
        text = _WITH_SLASH.sub(lambda m: "without" if m[1] else "with", text)
    return text.strip()


def _without_quantities(text: str) -> tuple[str, str | None, str | None]:
    """(``text`` without its dose and time phrases, the dose, the time): "imatinib 10 uM
    24h" -> ("imatinib", "10 um", "24 hours")."""
    from synthquery.units import extract_quantities

    dose = time = None
    rest = text
    for _ in range(4):  # several quantities: "100 mM H2O2 and 1 uM brassinolide"
        rest, d, t = extract_quantities(rest)
        if d is None and t is None:
            break
        dose = dose or (d.text if d else None)
        time = time or (t.text if t else None)
    return rest, dose, time


def lookup(
    text: str,
    field: str,
    *,
    limit: int = 5,
    online: bool | None = None,
    perturbation_type: str | None = None,
) -> LookupResult:
    """Ground free ``text`` to ontology ids for ``field``.

    ``field`` is one of :data:`FIELDS` or a metadata key (``tissue_ontology_id``); anything else
    raises :class:`~synthquery.UnknownFieldError`. Candidates come best first, at most
    ``limit``, with calibrated scores. Compound text loses its dose and time phrases, which come
    back parsed in ``dose`` and ``time``. ``online=True`` always asks EBI OLS as well,
    ``False`` never, ``None`` only when the local answer is missing or weak and the process is
    not offline (``SYNTHQUERY_OFFLINE=1``).

    >>> lookup("lung", "tissue").best.id  # doctest: +SKIP
    'UBERON:0002048'
    """
    canonical = canonical_field(field)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise UsageError(f"limit must be a positive integer, got {limit!r}")
    limit = min(limit, _MAX_LIMIT)
    query = text
    cleaned = _clean_text(text)
    if not cleaned or not any(ch.isalnum() for ch in cleaned):
        return LookupResult(query, canonical, (), warnings=("nothing to look up in the text",))
    if len(cleaned) > MAX_TEXT_LENGTH:
        return LookupResult(
            query,
            canonical,
            (),
            warnings=(
                f"text is {len(cleaned)} characters long; only texts up to "
                f"{MAX_TEXT_LENGTH} are looked up",
            ),
        )
    grounder = default_grounder()
    # "tissue: liver" as exported metadata writes it: the key repeats the field
    body = METADATA_KEY.sub("", cleaned, count=1) or cleaned
    if canonical == "disease":
        body = trait_value(body) or body  # UK Biobank's field names are keys too
    elif canonical == "cell_type":
        body = split_marker_runs(body)
    dose = time = None
    if canonical in ("compound", "perturbation"):
        # "TNF-alpha 10 ng/ml", "TP53 siRNA 50 nM": any perturbation may carry a dose or time
        body, dose, time = _without_quantities(body)
        if not any(ch.isalpha() for ch in body):
            # "10 uM", "24 h": a quantity alone names nothing to look up
            what = "a dose or time" if dose or time else "numbers"
            return LookupResult(
                query,
                canonical,
                (),
                dose=dose,
                time=time,
                warnings=(f"the text is only {what}: it names no compound or gene",),
            )
    warnings: list[str] = []
    if canonical == "perturbation":
        fields = route_perturbation(body, perturbation_type, dose)
        kind = (perturbation_type or "").strip().lower()
        if kind and kind not in KNOWN_PERTURBATION_TYPES:
            warnings.append(
                f"unknown perturbation_type {perturbation_type!r}: searched by the text's shape "
                f"(known: {', '.join(sorted(KNOWN_PERTURBATION_TYPES))})"
            )
    else:
        fields = (canonical,)
    scored: list[Scored] = []
    for rank, sub in enumerate(fields):
        found = grounder.ground(body, sub)
        if rank:
            found = [_demote(s, ROUTE_PENALTY * rank) for s in found]
        scored += found
    scored.sort(key=lambda s: (-s.raw, -s.match.prior, s.term_id))
    deduped = _dedupe(scored)
    ranked = deduped
    if len(fields) > 1:
        # vocabularies calibrate differently: across them, the estimated precision ranks
        ranked = sorted(deduped, key=lambda s: -calibrate(s.raw, vocabulary=s.vocabulary))
    candidates = [_candidate(s) for s in ranked[:limit]]
    ambiguous = _ambiguous(ranked)
    if ambiguous:
        a, b = ranked[0], ranked[1]
        warnings.append(
            f"ambiguous: {a.term_id} ({a.label}) and {b.term_id} ({b.label}) match about "
            "equally well"
        )
    candidates, online_warnings = _maybe_online(body, fields, candidates, online, limit)
    warnings += online_warnings
    if not candidates or candidates[0].score < OTHER_FIELD_BELOW:
        hint = _other_field_hint(grounder, body, canonical)
        if hint is not None:
            warnings.append(hint)
    return LookupResult(
        query=query,
        field=canonical,
        candidates=tuple(candidates[:limit]),
        ambiguous=ambiguous,
        dose=dose,
        time=time,
        warnings=tuple(warnings),
    )


#: below this score of the best candidate, the sample fields that are often confused are
#: asked whether the text is one of their names ("HeLa" looked up as a cell type)
OTHER_FIELD_BELOW = 0.6
#: ... and a name counts when its key match scores this (raw): the name itself, or after a
#: cheap rewrite ("K562 cells" -> K562)
OTHER_FIELD_MIN_RAW = 0.95
#: field -> the fields whose names users put there by mistake, most likely first
_CONFUSED_WITH: dict[str, tuple[str, ...]] = {
    "cell_type": ("cell_line", "tissue"),
    "tissue": ("cell_type", "cell_line", "disease"),  # "tumour" is no place in the body
    "compound": ("gene",),  # "IL-6", "IFN-gamma": proteins, named for their genes
    "cell_line": ("cell_type", "tissue"),
}


def _other_field_hint(grounder: Grounder, text: str, field: str) -> str | None:
    """A warning naming the field whose vocabulary has ``text`` as a name, if any does."""
    for other in _CONFUSED_WITH.get(field, ()):
        index = _built_index(FIELD_VOCABULARY[other])
        if index is None:
            continue  # a hint is not worth building another vocabulary's index
        hit = grounder.key_match(index, text, other)
        if hit is not None and not _names_part(hit, other) and hit.raw >= OTHER_FIELD_MIN_RAW:
            what = other.replace("_", " ")
            return f"{text!r} names a {what}: {hit.term_id} ({hit.label}); look it up as {other!r}"
    return None


#: rewrites that keep only part of the text: "CAR T cells" names no CAR cell line, and
#: "F4/80+ macrophages" no F4/80 line
_PARTIAL_RULES = frozenset({"lead_name", "drop_experiment"})


def _names_part(hit: Scored, other: str) -> bool:
    """Whether ``hit`` (in field ``other``) names only part of what the text does; a cell
    of a structure ("dermal papilla cell") is no tissue either."""
    rules = set(hit.match.rules)
    return bool(rules & _PARTIAL_RULES) or (other == "tissue" and "strip_cell_suffix" in rules)


def _demote(s: Scored, amount: float) -> Scored:
    return s._replace(raw=max(0.0, s.raw - amount))


def _dedupe(scored: list[Scored]) -> list[Scored]:
    seen: set[str] = set()
    out = []
    for s in scored:
        if s.term_id not in seen:
            seen.add(s.term_id)
            out.append(s)
    return out


def _ambiguous(ranked: list[Scored]) -> bool:
    """The first two candidates (as listed: no repeats) score about alike. Within one
    vocabulary raw scores compare; across vocabularies only the calibrated ones do."""
    if len(ranked) < 2:
        return False
    a, b = ranked[0], ranked[1]
    b_calibrated = calibrate(b.raw, vocabulary=b.vocabulary)
    if a.vocabulary == b.vocabulary:
        gap = a.raw - b.raw
    else:
        gap = calibrate(a.raw, vocabulary=a.vocabulary) - b_calibrated
    return gap < AMBIGUITY_MARGIN and b_calibrated >= 0.3


def _candidate(s: Scored) -> Candidate:
    m = s.match
    exact = (
        not m.replaced
        and (m.relation == "id" or (m.relation == "exact" and m.kind == "label"))
        and rule_penalty(m.rules) == 0.0  # no rewrite beyond taking out a dose or time
    )
    return Candidate(
        id=s.term_id,
        label=s.label,
        score=calibrate(s.raw, vocabulary=s.vocabulary),
        match=s.how,
        vocabulary=s.vocabulary,
        version=s.version,
        exact=exact,
    )


# -- online fallback ---------------------------------------------------------------------------

#: calibrated score of an OLS hit: exact label/synonym hits, then ranked search hits
OLS_EXACT_SCORE = 0.8
OLS_SEARCH_SCORE = 0.45


def _maybe_online(
    text: str,
    fields: tuple[str, ...],
    candidates: list[Candidate],
    online: bool | None,
    limit: int,
) -> tuple[list[Candidate], list[str]]:
    if online is False:
        return candidates, []
    try:
        from synthquery.ols import ONTOLOGY_FOR_VOCABULARY, default_client, env_offline
    except ImportError:  # the OLS layer is optional
        return candidates, []
    best = candidates[0].score if candidates else 0.0
    if online is None and (best >= ONLINE_BELOW or env_offline()):
        return candidates, []
    ontologies = [
        ONTOLOGY_FOR_VOCABULARY[FIELD_VOCABULARY[f]]
        for f in fields
        if FIELD_VOCABULARY[f] in ONTOLOGY_FOR_VOCABULARY
    ]
    if not ontologies:
        return candidates, []
    client = default_client()
    # OLS evidence replaces a weaker local candidate for the same id (e.g. a fuzzy snapshot hit)
    by_id = {c.id: c for c in candidates}
    from_ols: set[str] = set()
    warnings: list[str] = []
    for ontology in ontologies:
        vocabulary = next(v for v, o in ONTOLOGY_FOR_VOCABULARY.items() if o == ontology)
        result = client.search_exact(text, ontology)
        warnings += list(result.warnings)
        score = OLS_EXACT_SCORE
        hits = result.hits
        if not hits and result.source != "error":  # a dead host: one warning is enough
            result = client.search(text, ontology, rows=max(limit, 5))
            warnings += list(result.warnings)
            hits, score = result.hits, OLS_SEARCH_SCORE
        source = "ols" if result.source == "network" else "ols-cache"
        for rank, hit in enumerate(hits):
            wire = hit.wire_id
            if hit.obsolete or wire in from_ols:
                continue
            online_candidate = Candidate(
                id=wire,
                label=hit.label,
                score=round(max(0.05, score - 0.05 * rank), 4),
                match="ols exact" if score == OLS_EXACT_SCORE else "ols search",
                vocabulary=vocabulary,
                version="ols",
                source=source,
            )
            local = by_id.get(wire)
            if local is not None and local.score >= online_candidate.score:
                continue
            from_ols.add(wire)
            by_id[wire] = online_candidate
    merged = sorted(by_id.values(), key=lambda c: -c.score)
    return merged, list(dict.fromkeys(warnings))
