"""I: ontology ids (form, vocabulary, existence, obsolescence, branch, labels in id fields).

Every rule here reads one memoised ``ctx.validate_id(key, value)`` verdict, so a value is
validated once per lint however many rules and inputs look at it. The constraint order follows
cellxgene-schema: form, vocabulary, existence/obsolescence, forbidden, allowed branch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from synthquery.lint.context import LintContext
from synthquery.lint.diagnostic import Diagnostic, Fix, Severity
from synthquery.lint.rule import ValueRule
from synthquery.lint.rules._util import show

if TYPE_CHECKING:
    from synthquery.ontology import IdValidation
    from synthquery.profiles import FieldSpec
    from synthquery.resolve import LookupResult

__all__ = ["RULES"]

_GROUPS = ("all", "ids")
_ONTOLOGY = frozenset({"ontology"})
# looks like an attempt at an accession rather than a name: "UBERON 2048", "CVCL-0023", "9606x"
_ID_LIKE = re.compile(r"\s*(?:[A-Za-z]{2,12}[\s:_\-.#]*\d[\w.:\-]*|\d[\d\s.:\-]*)\s*")


def _text(value: Any, text: str | None) -> str | None:
    """The id text to validate: only real strings (K002 handles other types), non-blank."""
    if not isinstance(value, str) or not value.strip():
        return None
    return text


def _perturbation_type(metadata: Mapping[str, Any]) -> str | None:
    value = metadata.get("perturbation_type")
    return value.strip().lower() if isinstance(value, str) and value.strip() else None


def _labelled(ctx: LintContext, vocabulary: str | None, ids: Iterable[str]) -> list[str]:
    out = []
    for term_id in ids:
        term = ctx.term(vocabulary, term_id) if vocabulary else None
        out.append(f"{term_id} ({term.label})" if term is not None and term.label else term_id)
    return out


#: candidates scoring below this are noise ("healthy" -> "mental disorder, score 0.14"): not shown
SUGGEST_MIN_SCORE = 0.3


def _candidates(result: LookupResult | None, n: int = 5) -> list[str]:
    if result is None:
        return []
    shown = [c for c in result.candidates[:n] if c.score >= SUGGEST_MIN_SCORE]
    return [f"{c.id} ({c.label}, score {c.score:.2f})" for c in shown]


def _confident(result: LookupResult | None) -> str | None:
    """The resolved id when grounding is confident and unambiguous, else None.

    "Ambiguous" is the grounder's verdict (close rivals, or several terms sharing the text).
    """
    if result is None or result.ambiguous or not result.candidates:
        return None
    best = result.candidates[0]
    return best.id if best.trusted else None


def _field_for_kind(ctx: LintContext, kind: str) -> str | None:
    for key, spec in ctx.fields.items():
        if spec.kind == "ontology" and kind in spec.vocabularies:
            return key
    return None


class MalformedId(ValueRule):
    """An id not in the API's wire form.

    Forms that read unambiguously as an id (``UBERON_0000945``, ``uberon:0000945``,
    ``NCBITaxon:9606``, ``ENSG00000156127.5``, ``cvcl_0023``) are fixed to the wire form
    (``UBERON:0000945``, ``9606``, ``ENSG00000156127``, ``CVCL_0023``); other id-like text is an
    error.

    **Anti-pattern**

    ::

        "metadata": {"tissue_ontology_id": "UBERON_0000945"}

    **Best practice**

    ::

        "metadata": {"tissue_ontology_id": "UBERON:0000945"}
    """

    code = "I001"
    name = "ids.malformed"
    summary = "The id is not in the API's wire form."
    groups = _GROUPS
    fixable = True
    kinds = _ONTOLOGY
    depends_on = ("perturbation_type",)

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        text = _text(value, text)
        if text is None:
            return
        from synthquery.ontology import IdStatus

        result = ctx.validate_id(spec.key, text)
        if result.status in (IdStatus.VALID, IdStatus.UNVERIFIABLE) and result.changes:
            wire = result.wire_id
            yield self.diagnostic(
                spec.key,
                f"write {show(text)} as {wire} ({'; '.join(result.changes)})",
                fix=Fix.replace(spec.key, wire, f"set it to {show(wire)}"),
            )
        elif result.status is IdStatus.MALFORMED and _ID_LIKE.fullmatch(text):
            grounded = ctx.lookup(spec.key, text, _perturbation_type(metadata))
            if _confident(grounded) is None:  # a confident name is I008's case
                yield self.diagnostic(
                    spec.key,
                    f"{show(text)} is not a valid id for `{spec.key}` (takes "
                    + ", ".join(spec.vocabularies)
                    + " ids)",
                    suggestions=_candidates(grounded),
                )


class WrongVocabulary(ValueRule):
    """A well-formed id from a vocabulary the field does not take.

    ``tissue_ontology_id`` takes UBERON, ``cell_type_ontology_id`` CL, ``disease_ontology_id``
    MONDO, ``cell_line_ontology_id`` Cellosaurus, ``perturbation_ontology_id`` Ensembl genes,
    ChEBI/ChEMBL compounds or NCBI Taxonomy ids.

    **Anti-pattern**

    A Cell Ontology id as the tissue::

        "metadata": {"tissue_ontology_id": "CL:0000236"}

    **Best practice**

    ::

        "metadata": {"cell_type_ontology_id": "CL:0000236"}
    """

    code = "I002"
    name = "ids.wrong_vocabulary"
    summary = "The id belongs to a vocabulary this field does not take."
    groups = _GROUPS
    kinds = _ONTOLOGY

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        text = _text(value, text)
        if text is None:
            return
        from synthquery.ontology import IdStatus

        result = ctx.validate_id(spec.key, text)
        if result.status is not IdStatus.WRONG_VOCABULARY or result.vocabulary is None:
            return
        home = _field_for_kind(ctx, result.vocabulary)
        hints = [f"move it to `{home}`"] if home and home != spec.key else []
        yield self.diagnostic(
            spec.key,
            f"{result.wire_id} is a {result.vocabulary} id; `{spec.key}` takes "
            + ", ".join(spec.vocabularies)
            + " ids",
            suggestions=hints,
        )


class UnknownId(ValueRule):
    """A well-formed id that is not in the vocabulary.

    Checked against the offline snapshot. When not offline, an id missing from the snapshot but
    known to EBI OLS (a term newer than the snapshot) is downgraded to a warning.

    **Anti-pattern**

    ::

        "metadata": {"tissue_ontology_id": "UBERON:9999999"}

    **Best practice**

    An id that exists (``synthquery term UBERON:0002048``, ``synthquery lookup lung``)::

        "metadata": {"tissue_ontology_id": "UBERON:0002048"}
    """

    code = "I003"
    name = "ids.unknown"
    summary = "The id does not exist in its vocabulary."
    groups = _GROUPS
    kinds = _ONTOLOGY

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        text = _text(value, text)
        if text is None:
            return
        from synthquery.ontology import IdStatus

        result = ctx.validate_id(spec.key, text)
        if result.status is not IdStatus.UNKNOWN or result.wire_id is None:
            return
        hit = ctx.ols_term(result.wire_id)
        if hit is not None:
            label = getattr(hit, "label", "") or "?"
            yield self.diagnostic(
                spec.key,
                f"{result.wire_id} is not in the offline {result.vocabulary} snapshot, but EBI "
                f"OLS knows it ({label})",
                severity=Severity.WARNING,
            )
            return
        yield self.diagnostic(spec.key, f"{result.wire_id} is not a known {result.vocabulary} term")


class ObsoleteId(ValueRule):
    """An obsolete id.

    When the vocabulary names exactly one replacement (chains followed to a live term) it is
    the fix; otherwise the replacements and "consider" terms are suggestions.

    **Anti-pattern**

    ::

        "metadata": {"tissue_ontology_id": "UBERON:0000208"}  # obsolete cellular lens

    **Best practice**

    The live term that replaced it (``synthquery term ID`` shows it)::

        "metadata": {"tissue_ontology_id": "UBERON:0000965"}  # lens of camera-type eye
    """

    code = "I004"
    name = "ids.obsolete"
    summary = "The id is obsolete."
    groups = _GROUPS
    fixable = True
    kinds = _ONTOLOGY

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        text = _text(value, text)
        if text is None:
            return
        from synthquery.ontology import IdStatus

        result = ctx.validate_id(spec.key, text)
        if result.status is not IdStatus.OBSOLETE:
            return
        vocabulary = result.vocabulary
        label = f" ({result.term.label})" if result.term is not None and result.term.label else ""
        fix = None
        if len(result.replacements) == 1:
            new = result.replacements[0]
            fix = Fix.replace(
                spec.key, new, f"replace it with {_labelled(ctx, vocabulary, [new])[0]}"
            )
        hints = _labelled(ctx, vocabulary, [*result.replacements, *result.consider])
        advice = "replaced by" if result.replacements else "consider"
        tail = f"; {advice} {', '.join(hints)}" if hints else "; no replacement is recorded"
        yield self.diagnostic(
            spec.key,
            f"{result.wire_id}{label} is obsolete{tail}",
            suggestions=list(dict.fromkeys(hints)),
            fix=fix,
        )


def _valid_term(
    ctx: LintContext, spec: FieldSpec, value: Any, text: str | None
) -> IdValidation | None:
    text = _text(value, text)
    if text is None:
        return None
    from synthquery.ontology import IdStatus

    result = ctx.validate_id(spec.key, text)
    if result.status is not IdStatus.VALID or result.term is None:
        return None
    return result


def _same_vocabulary(term_id: str, ancestor: str) -> str | None:
    from synthquery.ontology import id_kind

    kind = id_kind(term_id)
    return kind if kind is not None and kind == id_kind(ancestor) else None


class OutsideBranch(ValueRule):
    """An id outside the branch the field allows.

    ``tissue_ontology_id`` takes anatomical entities (under ``UBERON:0001062``),
    ``cell_type_ontology_id`` cells (``CL:0000000``) and ``disease_ontology_id`` diseases
    (``MONDO:0000001``). UBERON also holds life-cycle stages and processes, and MONDO
    susceptibilities and other non-disease terms; those are rejected.

    **Anti-pattern**

    A developmental stage as the tissue::

        "metadata": {"tissue_ontology_id": "UBERON:0000068"}  # embryo stage

    **Best practice**

    A descendant of the field's root, e.g. lung::

        "metadata": {"tissue_ontology_id": "UBERON:0002048"}
    """

    code = "I005"
    name = "ids.outside_branch"
    summary = "The id is outside the branch the field allows."
    groups = _GROUPS
    kinds = _ONTOLOGY

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        result = _valid_term(ctx, spec, value, text)
        if result is None or not spec.allowed_ancestors:
            return
        term_id = result.term.id  # type: ignore[union-attr]
        pairs = [(a, _same_vocabulary(term_id, a.id)) for a in spec.allowed_ancestors]
        # a root missing from the snapshot (a trimmed one) cannot be judged against
        roots = [(a, k) for a, k in pairs if k is not None and ctx.term(k, a.id) is not None]
        if not roots or any(ctx.is_descendant(kind, term_id, a.id) for a, kind in roots):
            return
        names = ", ".join(f"{a.id} ({a.label})" if a.label else a.id for a, _ in roots)
        yield self.diagnostic(
            spec.key,
            f"{term_id} ({result.term.label}) is not under {names}",  # type: ignore[union-attr]
        )


class ForbiddenId(ValueRule):
    """An id the field forbids (a listed term, or a descendant of a forbidden branch).

    Profiles can forbid terms the models were never trained on or that are nonsensical for
    the field.

    **Anti-pattern**

    A term listed under the profile's ``forbidden_terms`` or ``forbidden_ancestors``.

    **Best practice**

    A more specific term from the allowed branch (``synthquery lookup`` ranks candidates).
    """

    code = "I006"
    name = "ids.forbidden"
    summary = "The id is forbidden for this field."
    groups = _GROUPS
    kinds = _ONTOLOGY

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if not spec.forbidden_terms and not spec.forbidden_ancestors:
            return
        result = _valid_term(ctx, spec, value, text)
        if result is None:
            return
        term_id = result.term.id  # type: ignore[union-attr]
        if any(t.id == term_id for t in spec.forbidden_terms):
            yield self.diagnostic(spec.key, f"{term_id} is forbidden for `{spec.key}`")
            return
        for ancestor in spec.forbidden_ancestors:
            kind = _same_vocabulary(term_id, ancestor.id)
            if kind is not None and ctx.is_descendant(kind, term_id, ancestor.id):
                name = f"{ancestor.id} ({ancestor.label})" if ancestor.label else ancestor.id
                yield self.diagnostic(
                    spec.key, f"{term_id} is under {name}, which `{spec.key}` forbids"
                )
                return


class DiscouragedId(ValueRule):
    """A valid but uninformative id, such as a vocabulary's root (warning).

    ``CL:0000000`` (cell), ``UBERON:0001062`` (anatomical entity) and ``MONDO:0000001``
    (disease) tell the model nothing; use a specific term or leave the key out.

    **Anti-pattern**

    ::

        "metadata": {"cell_type_ontology_id": "CL:0000000"}

    **Best practice**

    ::

        "metadata": {"cell_type_ontology_id": "CL:0000236"}
    """

    code = "I007"
    name = "ids.discouraged"
    summary = "The id is too general to be informative."
    groups = _GROUPS
    severity = Severity.WARNING
    kinds = _ONTOLOGY

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        if not spec.discouraged_terms:
            return
        result = _valid_term(ctx, spec, value, text)
        if result is None:
            return
        term_id = result.term.id  # type: ignore[union-attr]
        for term in spec.discouraged_terms:
            if term.id == term_id:
                yield self.diagnostic(
                    spec.key,
                    f"{term_id} ({term.label or result.term.label}) is too general; use a "  # type: ignore[union-attr]
                    "specific term or omit the key",
                )


class LabelNotId(ValueRule):
    """A name where an id belongs.

    The id fields take accessions, not labels. The name is grounded offline; when one candidate
    is confident (score >= 0.9) and unambiguous, it is the fix. Otherwise the candidates are
    suggestions. For ``perturbation_ontology_id`` the ``perturbation_type`` routes the search
    (a gene for ``crispr``, a compound for ``compound``).

    **Anti-pattern**

    ::

        "metadata": {"tissue_ontology_id": "lung", "cell_line_ontology_id": "HeLa"}

    **Best practice**

    ::

        "metadata": {"tissue_ontology_id": "UBERON:0002048", "cell_line_ontology_id": "CVCL_0030"}

    A word that means "none" for the field (``"healthy"`` or ``"normal"`` as the disease) is
    fixed by removing the key.
    """

    code = "I008"
    name = "ids.label_not_id"
    summary = "A label was given where an id belongs."
    groups = _GROUPS
    fixable = True
    kinds = _ONTOLOGY
    depends_on = ("perturbation_type",)

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        text = _text(value, text)
        if text is None:
            return
        from synthquery.ontology import IdStatus

        result = ctx.validate_id(spec.key, text)
        if result.status is not IdStatus.MALFORMED:
            return
        if spec.means_none(text):
            # "healthy" as a disease: the sample has none, so the key goes
            yield self.diagnostic(
                spec.key,
                f"{show(text)} means no value; leave `{spec.key}` out",
                fix=Fix.delete(spec.key, f"remove `{spec.key}`"),
            )
            return
        grounded = ctx.lookup(spec.key, text, _perturbation_type(metadata))
        resolved = _confident(grounded)
        if resolved is None and _ID_LIKE.fullmatch(text):
            return  # an id-like slip: I001's case
        fix = None
        if resolved is not None:
            best = grounded.candidates[0]  # type: ignore[union-attr]
            fix = Fix.replace(spec.key, resolved, f"set it to {resolved} ({best.label})")
        extra = ""
        if grounded is not None and (grounded.dose or grounded.time):
            parts = [p for p in (grounded.dose, grounded.time) if p]
            extra = f" (it also states {' and '.join(parts)}: use perturbation_dose/_time)"
        yield self.diagnostic(
            spec.key,
            f"{show(text)} is a name, not an id{extra}",
            suggestions=_candidates(grounded),
            fix=fix,
        )


class UnverifiableId(ValueRule):
    """A well-formed id that cannot be checked offline (info).

    Most ChEMBL ids are not in the offline ChEMBL-to-ChEBI table. They may well be valid; the
    API will decide. Using the ChEBI id of the compound makes the query checkable.

    **Anti-pattern**

    ::

        "metadata": {"perturbation_ontology_id": "CHEMBL99999999"}

    **Best practice**

    ::

        "metadata": {"perturbation_ontology_id": "CHEBI:45783"}
    """

    code = "I009"
    name = "ids.unverifiable"
    summary = "The id is well-formed but cannot be verified offline."
    groups = _GROUPS
    severity = Severity.INFO
    kinds = _ONTOLOGY

    def check(
        self,
        ctx: LintContext,
        spec: FieldSpec,
        value: Any,
        text: str | None,
        metadata: Mapping[str, Any],
    ) -> Iterable[Diagnostic]:
        text = _text(value, text)
        if text is None:
            return
        from synthquery.ontology import IdStatus

        result = ctx.validate_id(spec.key, text)
        if result.status is IdStatus.UNVERIFIABLE:
            yield self.diagnostic(spec.key, f"{result.wire_id} cannot be verified offline")


RULES = (
    MalformedId,
    WrongVocabulary,
    UnknownId,
    ObsoleteId,
    OutsideBranch,
    ForbiddenId,
    DiscouragedId,
    LabelNotId,
    UnverifiableId,
)
