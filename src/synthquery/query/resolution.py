"""What each value given to the builder became, how, and how sure we are.

Ontology values are ids or words. Ids are normalised and checked against the shipped snapshots
(:func:`synthquery.ontology.validate_id`); words go through :func:`synthquery.resolve.lookup`.

Ambiguity policy: a word whose best candidate scores at least ``resolve.CONFIDENT`` and is not
ambiguous is used as resolved. Otherwise the best candidate is still used (so the query can be
printed and reviewed) but the resolution is marked ``ambiguous`` or ``low-confidence``: it shows
in :meth:`Query.review`, in :meth:`Query.lint` as a warning, and :meth:`Query.predict` refuses
such guesses unless told ``allow_uncertain=True``. A builder made with ``strict=True`` raises
instead. Words with no candidate scoring at least :data:`UNRESOLVED_BELOW` are errors.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict

from synthquery.query._problems import input_path
from synthquery.query.values import ValueIssue

__all__ = [
    "GUESS_STATUSES",
    "UNRESOLVED_BELOW",
    "Alternative",
    "OntologyValue",
    "Resolution",
    "format_review",
    "resolve_ontology",
]

#: below this score a word counts as unresolved (an error) rather than a low-confidence guess.
#: On the dev set a top answer scoring 0.45-0.6 is right about half the time (a typo such as
#: "stomac", or a fully matching but less specific phrase such as "CD4+ T cells"): worth
#: keeping as a reviewable guess; below 0.3 it is right one time in five.
UNRESOLVED_BELOW = 0.45
#: statuses that mean "a word was mapped to an id we are not sure about"
GUESS_STATUSES = frozenset({"ambiguous", "low-confidence"})


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another candidate the resolver considered."""

    id: str
    label: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Resolution:
    """What the value given for one metadata key of one input became.

    ``status`` says how: ``given`` (used as typed), ``normalised`` (rewritten, e.g. ``"Male"`` ->
    ``"male"``, ``"10uM"`` -> ``"10 um"``, ``UBERON_0002048`` -> ``UBERON:0002048``), ``replaced``
    (obsolete id -> its replacement), ``from-text`` (dose/time taken from the perturbation text),
    ``resolved`` (word -> id, confident), ``ambiguous`` / ``low-confidence`` (word -> best id,
    needs a human), ``omitted`` (a word meaning "none", e.g. a ``healthy`` disease: key left
    out). ``warnings`` hold anything else worth a look (value outside the model's known range,
    id not verifiable offline, key unused by the model).
    """

    index: int
    key: str
    text: str
    value: str
    status: str
    id: str | None = None
    label: str = ""
    score: float | None = None
    match: str = ""
    ambiguous: bool = False
    vocabulary: str = ""
    alternatives: tuple[Alternative, ...] = ()
    message: str = ""
    warnings: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return input_path(self.index, self.key)

    @property
    def is_guess(self) -> bool:
        """A word mapped to an id without enough confidence: review before predicting."""
        return self.status in GUESS_STATUSES

    @property
    def needs_review(self) -> bool:
        return self.is_guess or bool(self.warnings)

    def at(self, index: int) -> Resolution:
        return replace(self, index=index)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "key": self.key,
            "text": self.text,
            "value": self.value,
            "status": self.status,
        }
        if self.id is not None:
            out.update(id=self.id, label=self.label, score=self.score, match=self.match)
            out["ambiguous"] = self.ambiguous
        if self.alternatives:
            out["alternatives"] = [
                {"id": a.id, "label": a.label, "score": a.score} for a in self.alternatives
            ]
        if self.message:
            out["message"] = self.message
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


@dataclass(frozen=True, slots=True)
class OntologyValue:
    """The outcome of resolving one ontology value (plus dose/time found in compound text)."""

    resolution: Resolution
    dose: str | None = None
    time: str | None = None


def _status_name(status: Any) -> str:
    return str(getattr(status, "name", status)).upper()


class _Common(TypedDict):
    """The :class:`Resolution` fields shared by every outcome of :func:`_from_id`."""

    index: int
    key: str
    text: str
    score: float
    match: str
    vocabulary: str


def _from_id(index: int, key: str, text: str) -> Resolution:
    from synthquery.ontology import validate_id

    check = validate_id(text, key)
    status = _status_name(check.status)
    term = check.term
    common: _Common = {
        "index": index,
        "key": key,
        "text": text,
        "score": 1.0,
        "match": "id",
        "vocabulary": check.vocabulary or "",
    }
    if status == "VALID":
        wire = check.wire_id or text
        return Resolution(
            value=wire,
            status="normalised" if wire != text else "given",
            id=wire,
            label=term.label if term else "",
            message="; ".join(check.changes),
            **common,
        )
    if status == "OBSOLETE" and len(check.replacements) == 1:
        new = check.replacements[0]
        target = validate_id(new, key).term
        return Resolution(
            value=new,
            status="replaced",
            id=new,
            label=target.label if target else "",
            message=f"{check.wire_id} is obsolete; replaced by {new}",
            **common,
        )
    if status in ("OBSOLETE", "UNVERIFIABLE"):
        wire = check.wire_id or text
        others = (*check.replacements, *check.consider)
        return Resolution(
            value=wire,
            status="given",
            id=wire,
            label=term.label if term else "",
            alternatives=tuple(Alternative(i, "") for i in others),
            warnings=(check.message,),
            **common,
        )
    raise ValueIssue(check.message or f"{text!r} is not a valid id for {key}")


def _looks_like_id(text: str, key: str) -> bool:
    from synthquery.ontology import normalize_id

    norm = normalize_id(text, key)
    if norm.wire_id is None:
        return False
    # plain digits read as a taxon only make sense for perturbations ("22" is no tissue id)
    return not (norm.vocabulary == "NCBITAXON" and key != "perturbation_ontology_id")


def _from_word(
    index: int,
    key: str,
    text: str,
    *,
    perturbation_type: str | None,
    online: bool | None,
    cache: MutableMapping[tuple[Any, ...], Any] | None,
) -> OntologyValue:
    from synthquery import resolve

    cache_key = (text, key, perturbation_type, online)
    result = cache.get(cache_key) if cache is not None else None
    if result is None:
        result = resolve.lookup(text, key, perturbation_type=perturbation_type, online=online)
        if cache is not None:
            cache[cache_key] = result
    candidates = tuple(result.candidates)
    others = tuple(Alternative(c.id, c.label, c.score) for c in candidates[1:4])
    if not candidates or candidates[0].score < UNRESOLVED_BELOW:
        hints = tuple(f"{c.label} ({c.id})" for c in candidates[:3])
        notes = "; ".join(result.warnings)
        raise ValueIssue(
            f"could not resolve {text!r} to a term" + (f" ({notes})" if notes else ""), hints
        )
    best = candidates[0]
    confident = best.trusted and not result.ambiguous
    status = "resolved" if confident else ("ambiguous" if result.ambiguous else "low-confidence")
    message = ""
    if not confident:
        why = (
            "is ambiguous"
            if result.ambiguous
            else f"matched with low confidence ({best.score:.2f})"
        )
        alts = ", ".join(f"{a.id} {a.label!r}" for a in others)
        message = (
            f"{text!r} {why}: best match {best.id} {best.label!r}"
            + (f"; other candidates: {alts}" if alts else "")
            + "; give the id to choose"
        )
        if result.warnings:
            # "'HeLa' names a cell line: ...": what the guess may really be
            message += "; " + "; ".join(result.warnings)
    resolution = Resolution(
        index=index,
        key=key,
        text=text,
        value=best.id,
        status=status,
        id=best.id,
        label=best.label,
        score=best.score,
        match=best.match,
        ambiguous=bool(result.ambiguous),
        vocabulary=best.vocabulary,
        alternatives=others,
        # for a guess the message already says what is uncertain; other notes (OLS offline...)
        message=message,
        warnings=tuple(result.warnings) if confident else (),
    )
    return OntologyValue(resolution, result.dose, result.time)


def resolve_ontology(
    index: int,
    key: str,
    value: Any,
    *,
    perturbation_type: str | None = None,
    online: bool | None = None,
    cache: MutableMapping[tuple[Any, ...], Any] | None = None,
) -> OntologyValue:
    """Resolve an id or a word for ontology ``key``; :class:`ValueIssue` when impossible."""
    if isinstance(value, int) and not isinstance(value, bool) and key == "perturbation_ontology_id":
        value = str(value)  # a taxon id typed as a number
    if not isinstance(value, str):
        raise ValueIssue(f"must be an id or a word, got {value!r}")
    text = value.strip()
    if _looks_like_id(text, key):
        return OntologyValue(_from_id(index, key, text))
    return _from_word(
        index, key, text, perturbation_type=perturbation_type, online=online, cache=cache
    )


def format_review(resolutions: list[dict[str, Resolution]]) -> str:
    """A plain-text table of every resolution: what was given and what it became."""
    rows = [("input", "key", "given", "value", "label", "score", "status")]
    notes: list[str] = []
    for per_input in resolutions:
        for res in per_input.values():
            score = "" if res.score is None else f"{res.score:.2f}"
            flag = "!" if res.needs_review else ""
            rows.append(
                (str(res.index), res.key, res.text, res.value, res.label, score, res.status + flag)
            )
            if res.is_guess and res.message:
                notes.append(f"{res.path}: {res.message}")
            notes.extend(f"{res.path}: {w}" for w in res.warnings)
    if len(rows) == 1:
        return "(nothing was resolved: the inputs were read as given)"
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell[:40].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    if notes:
        lines += ["", "needs review (!):", *(f"  {n}" for n in notes)]
    return "\n".join(lines)
