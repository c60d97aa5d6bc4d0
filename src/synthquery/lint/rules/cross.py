"""X: consistency between fields of one input, and across inputs (duplicates, quota)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from synthquery._errors import SynthqueryError
from synthquery.lint.context import LintContext
from synthquery.lint.diagnostic import Diagnostic, Severity
from synthquery.lint.rule import DocumentRule, MetadataRule
from synthquery.lint.rules._util import is_blank, norm_token, show

__all__ = ["RULES"]

_GROUPS = ("all", "cross-field")
AGENT = "perturbation_ontology_id"
PERTURBATION_FIELDS = (AGENT, "perturbation_dose", "perturbation_time")
PRIMARY_SAMPLE_TYPES = ("primary tissue", "primary cells")


def canonical_enum(ctx: LintContext, key: str, value: Any) -> str | None:
    """The allowed value ``value`` means (exact, or case/separator variant), else None."""
    spec = ctx.fields.get(key)
    if spec is None or not isinstance(value, str):
        return None
    if value in spec.values:
        return value
    wanted = norm_token(value)
    matches = [v for v in spec.values if norm_token(v) == wanted]
    return matches[0] if len(matches) == 1 else None


def agent_kind(ctx: LintContext, value: Any) -> str | None:
    """The id kind of a perturbation agent (``ENSEMBL``, ``CHEBI``, ...), if it reads as an id."""
    if not isinstance(value, str) or not value.strip():
        return None
    result = ctx.validate_id(AGENT, value)
    return result.vocabulary if result.wire_id is not None else None


def fitting_types(ctx: LintContext, kind: str | None) -> list[str]:
    if kind is None:
        return []
    kinds = ctx.profile.perturbation_kinds
    return [t for t, allowed in kinds.items() if kind in allowed and t != "other"]


class PerturbationWithoutType(MetadataRule):
    """A perturbation agent, dose or time without ``perturbation_type``.

    The model conditions on the kind of perturbation; an agent alone is ambiguous (a gene can
    be knocked out, knocked down or overexpressed). Suggestions list the types that fit the
    agent's id kind.

    **Anti-pattern**

    ::

        "metadata": {"perturbation_ontology_id": "ENSG00000156127", "perturbation_time": "96 hours"}

    **Best practice**

    ::

        "metadata": {"perturbation_ontology_id": "ENSG00000156127", "perturbation_type": "crispr",
                     "perturbation_time": "96 hours"}
    """

    code = "X001"
    name = "cross.perturbation_without_type"
    summary = "Perturbation fields are set but `perturbation_type` is not."
    groups = _GROUPS
    keys = frozenset(PERTURBATION_FIELDS)
    reads = ("perturbation_type", *PERTURBATION_FIELDS)

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        if not is_blank(metadata.get("perturbation_type")):
            return
        present = [k for k in PERTURBATION_FIELDS if not is_blank(metadata.get(k))]
        if not present:
            return
        yield self.diagnostic(
            "perturbation_type",
            f"{', '.join(f'`{k}`' for k in present)} set without `perturbation_type`",
            suggestions=fitting_types(ctx, agent_kind(ctx, metadata.get(AGENT))),
        )


class ControlWithAgent(MetadataRule):
    """``perturbation_type: control`` together with a perturbation agent.

    A control sample has no agent; with one, either the type or the agent is wrong.

    **Anti-pattern**

    ::

        "metadata": {"perturbation_type": "control", "perturbation_ontology_id": "CHEBI:45783"}

    **Best practice**

    ::

        "metadata": {"perturbation_type": "control"}
    """

    code = "X002"
    name = "cross.control_with_agent"
    summary = "A control sample must not name a perturbation agent."
    groups = _GROUPS
    keys = frozenset({AGENT})
    reads = (AGENT, "perturbation_type")

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        if is_blank(metadata.get(AGENT)):
            return
        if canonical_enum(ctx, "perturbation_type", metadata.get("perturbation_type")) != "control":
            return
        hints = [f"delete `{AGENT}`", *fitting_types(ctx, agent_kind(ctx, metadata.get(AGENT)))]
        yield self.diagnostic(
            AGENT, "`perturbation_type` is control but an agent is given", suggestions=hints
        )


class PerturbationKind(MetadataRule):
    """The agent's id kind does not fit ``perturbation_type``.

    Per the model profile: ``crispr``, ``shrna``, ``sirna``, ``overexpression`` and ``genetic``
    take Ensembl genes; ``compound`` ChEBI/ChEMBL compounds; ``infection`` NCBI Taxonomy ids;
    ``coculture`` taxa or cell lines; ``peptide or biologic`` compounds or genes; ``other``
    anything.

    **Anti-pattern**

    ::

        "metadata": {"perturbation_type": "crispr", "perturbation_ontology_id": "CHEBI:45783"}

    **Best practice**

    ::

        "metadata": {"perturbation_type": "compound", "perturbation_ontology_id": "CHEBI:45783"}
    """

    code = "X003"
    name = "cross.perturbation_kind"
    summary = "The perturbation agent's kind does not fit `perturbation_type`."
    groups = _GROUPS
    keys = frozenset({AGENT})
    reads = (AGENT, "perturbation_type")

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        agent = metadata.get(AGENT)
        if is_blank(agent):
            return
        ptype = canonical_enum(ctx, "perturbation_type", metadata.get("perturbation_type"))
        allowed = ctx.profile.perturbation_kinds.get(ptype or "")
        if not allowed:
            return  # unknown type (K004) or control (X002)
        kind = agent_kind(ctx, agent)
        if kind is None or kind in allowed:
            return
        yield self.diagnostic(
            AGENT,
            f"a {kind} id does not fit perturbation_type {show(ptype)} "
            f"(it takes {', '.join(allowed)})",
            suggestions=fitting_types(ctx, kind),
        )


class PerturbationWithoutAgent(MetadataRule):
    """A ``perturbation_type`` (other than control/other) without an agent (warning).

    "compound" without saying which compound gives the model little to condition on.

    **Anti-pattern**

    ::

        "metadata": {"perturbation_type": "compound", "perturbation_dose": "10 um"}

    **Best practice**

    ::

        "metadata": {"perturbation_type": "compound", "perturbation_ontology_id": "CHEBI:45783",
                     "perturbation_dose": "10 um"}
    """

    code = "X004"
    name = "cross.perturbation_without_agent"
    summary = "`perturbation_type` is set but no perturbation agent is named."
    groups = _GROUPS
    keys = frozenset({"perturbation_type"})
    reads = (AGENT, "perturbation_type")
    severity = Severity.WARNING

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        if not is_blank(metadata.get(AGENT)):
            return
        ptype = canonical_enum(ctx, "perturbation_type", metadata.get("perturbation_type"))
        if ptype is None or ptype in ("control", "other"):
            return
        yield self.diagnostic(AGENT, f"perturbation_type {show(ptype)} without `{AGENT}`")


class CellLineMissing(MetadataRule):
    """``sample_type: cell line`` without ``cell_line_ontology_id`` (warning).

    **Anti-pattern**

    ::

        "metadata": {"sample_type": "cell line", "disease_ontology_id": "MONDO:0005061"}

    **Best practice**

    ::

        "metadata": {"sample_type": "cell line", "cell_line_ontology_id": "CVCL_0023"}
    """

    code = "X005"
    name = "cross.cell_line_missing"
    summary = '`sample_type` is "cell line" but no cell line is given.'
    groups = _GROUPS
    keys = frozenset({"sample_type"})
    reads = ("cell_line_ontology_id", "sample_type")
    severity = Severity.WARNING

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        if not is_blank(metadata.get("cell_line_ontology_id")):
            return
        if canonical_enum(ctx, "sample_type", metadata.get("sample_type")) == "cell line":
            yield self.diagnostic(
                "cell_line_ontology_id", 'sample_type is "cell line" but no cell line is given'
            )


class CellLineSampleType(MetadataRule):
    """A cell line with ``sample_type`` "primary tissue" or "primary cells".

    Cell lines are by definition not primary samples.

    **Anti-pattern**

    ::

        "metadata": {"cell_line_ontology_id": "CVCL_0030", "sample_type": "primary tissue"}

    **Best practice**

    ::

        "metadata": {"cell_line_ontology_id": "CVCL_0030", "sample_type": "cell line"}
    """

    code = "X006"
    name = "cross.cell_line_sample_type"
    summary = "A cell line cannot be a primary sample."
    groups = _GROUPS
    keys = frozenset({"cell_line_ontology_id"})
    reads = ("cell_line_ontology_id", "sample_type")

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        if is_blank(metadata.get("cell_line_ontology_id")):
            return
        sample_type = canonical_enum(ctx, "sample_type", metadata.get("sample_type"))
        if sample_type in PRIMARY_SAMPLE_TYPES:
            yield self.diagnostic(
                "sample_type",
                f"a cell line is given but sample_type is {show(sample_type)}",
                suggestions=["cell line"],
            )


_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: whole organs a cell type's label may name (UBERON id -> the words that name it). Curated
#: because the offline snapshot does not say which parents are ``is_a`` and which ``part_of``,
#: so "an organ" cannot be told apart from "a part of an organ" or "a kind of organ".
MAJOR_ORGANS: dict[str, tuple[str, ...]] = {
    "UBERON:0000955": ("brain",),
    "UBERON:0000948": ("heart",),
    "UBERON:0002048": ("lung",),
    "UBERON:0002107": ("liver",),
    "UBERON:0002113": ("kidney",),
    "UBERON:0001264": ("pancreas",),
    "UBERON:0000945": ("stomach",),
    "UBERON:0002106": ("spleen",),
    "UBERON:0002370": ("thymus",),
    "UBERON:0001155": ("colon",),
    "UBERON:0002108": ("small intestine",),
    "UBERON:0001043": ("esophagus",),
    "UBERON:0001255": ("urinary bladder", "bladder"),
    "UBERON:0002367": ("prostate gland", "prostate"),
    "UBERON:0000473": ("testis",),
    "UBERON:0000992": ("ovary",),
    "UBERON:0000995": ("uterus",),
    "UBERON:0002046": ("thyroid gland", "thyroid"),
    "UBERON:0002369": ("adrenal gland", "adrenal"),
    "UBERON:0000970": ("eye",),
    "UBERON:0002097": ("skin of body", "skin"),
    "UBERON:0001911": ("mammary gland",),
    "UBERON:0001987": ("placenta",),
    "UBERON:0000029": ("lymph node",),
    "UBERON:0002371": ("bone marrow",),
    "UBERON:0002372": ("tonsil",),
    "UBERON:0002110": ("gallbladder",),
    "UBERON:0003126": ("trachea",),
}
_ORGAN_WORDS = {word: organ for organ, words in MAJOR_ORGANS.items() for word in words}


def organs_named(label: str) -> tuple[str, ...]:
    """The major organs a cell-type label names as a whole phrase ("kidney epithelial cell")."""
    words = _WORD.findall(label.lower())
    found: dict[str, None] = {}
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            organ = _ORGAN_WORDS.get(" ".join(words[start : start + size]))
            if organ is not None:
                found[organ] = None
    return tuple(found)


class CellTypeTissue(MetadataRule):
    """The cell type belongs to an organ that excludes the tissue (warning; conservative).

    The offline Cell Ontology snapshot has no cross-ontology ``part_of`` links ("hepatocyte
    part of liver"), so the only signal used is the cell type's own label: when it names one of
    a curated list of whole organs as a phrase ("kidney epithelial cell", "epithelial cell of
    lung", "skin fibroblast") and the tissue lies within a listed organ (itself or one of its
    UBERON ancestors, e.g. "cortex of kidney" -> kidney), the two organs must be the same or one
    within the other. Tissues outside every listed organ (blood, breast, adipose tissue) and
    cell types that name no organ ("hepatocyte", "B cell") are never flagged: many real
    inconsistencies go unreported, and none of the reported ones rests on a guess.

    **Anti-pattern**

    A kidney epithelial cell sampled from lung::

        "metadata": {"cell_type_ontology_id": "CL:0002518", "tissue_ontology_id": "UBERON:0002048"}

    **Best practice**

    ::

        "metadata": {"cell_type_ontology_id": "CL:0002518", "tissue_ontology_id": "UBERON:0002113"}
    """

    code = "X007"
    name = "cross.cell_type_tissue"
    summary = "The cell type's organ and the tissue's organ differ."
    groups = _GROUPS
    keys = frozenset({"cell_type_ontology_id"})
    reads = ("cell_type_ontology_id", "tissue_ontology_id")
    severity = Severity.WARNING

    def __init__(self) -> None:
        self._pairs: dict[tuple[str, str], str | None] = {}

    def _tissue_organs(self, ctx: LintContext, tissue_id: str) -> list[str]:
        try:
            lineage = ctx.vocab("UBERON").ancestors(tissue_id, with_self=True)
        except SynthqueryError:
            return []
        return [organ for organ in lineage if organ in MAJOR_ORGANS]

    def _conflict(self, ctx: LintContext, cell: Any, tissue_id: str) -> str | None:
        memo = (cell.id, tissue_id)
        if memo in self._pairs:
            return self._pairs[memo]
        conflict = None
        named = organs_named(cell.label or "")
        if named:
            tissue_organs = self._tissue_organs(ctx, tissue_id)
            if tissue_organs and not any(
                organ == t
                or ctx.is_descendant("UBERON", organ, t)
                or ctx.is_descendant("UBERON", t, organ)
                for organ in named
                for t in tissue_organs
            ):
                conflict = named[0]
        self._pairs[memo] = conflict
        return conflict

    def check(self, ctx: LintContext, metadata: Mapping[str, Any]) -> Iterable[Diagnostic]:
        cell_value = metadata.get("cell_type_ontology_id")
        tissue_value = metadata.get("tissue_ontology_id")
        if not isinstance(cell_value, str) or not isinstance(tissue_value, str):
            return
        cell = ctx.validate_id("cell_type_ontology_id", cell_value)
        tissue = ctx.validate_id("tissue_ontology_id", tissue_value)
        if cell.term is None or tissue.term is None or not cell.ok or not tissue.ok:
            return
        organ = self._conflict(ctx, cell.term, tissue.term.id)
        if organ is None:
            return
        organ_label = MAJOR_ORGANS[organ][0]
        yield self.diagnostic(
            "cell_type_ontology_id",
            f"{cell.term.id} ({cell.term.label}) is a cell of the {organ_label}, but the tissue "
            f"is {tissue.term.id} ({tissue.term.label})",
            suggestions=[f"tissue_ontology_id {organ} ({organ_label})"],
        )


class DuplicateInput(DocumentRule):
    """Two inputs with identical metadata (warning).

    They describe the same samples; one input with the summed ``num_samples`` says the same
    thing more clearly. Not fixed automatically: merging changes how outputs are grouped.

    **Anti-pattern**

    ::

        "inputs": [{"metadata": {"sex": "male"}, "num_samples": 2},
                   {"metadata": {"sex": "male"}, "num_samples": 3}]

    **Best practice**

    ::

        "inputs": [{"metadata": {"sex": "male"}, "num_samples": 5}]
    """

    code = "X008"
    name = "cross.duplicate_input"
    summary = "Two inputs have identical metadata."
    groups = _GROUPS
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        first: dict[Any, int] = {}
        inputs_path = ctx.path("inputs")
        for index, signature in ctx.signatures:
            seen = first.setdefault(signature, index)
            if seen == index:
                continue
            a, b = ctx.inputs[seen], ctx.inputs[index]
            na, nb = a.get("num_samples"), b.get("num_samples")
            hints = [f"merge into inputs[{seen}]"]
            if na.__class__ is int and nb.__class__ is int:
                hints = [f"merge into inputs[{seen}] with num_samples {na + nb}"]
            yield self.diagnostic(
                f"{inputs_path}[{index}].metadata",
                f"same metadata as inputs[{seen}]",
                suggestions=hints,
            )


class Quota(DocumentRule):
    """The query asks for more samples than the configured quota (warning).

    Free usage is quota-limited (a withdrawn doc said 100 samples a week for bulk, 1000 cells
    for single-cell). The default comes from the model profile; set ``--quota N`` (or
    ``config={"quota": N}``, 0 to disable) to match your plan.

    **Anti-pattern**

    Ten inputs of ``"num_samples": 50`` on a 100-sample plan.

    **Best practice**

    Fewer samples per input, or split the work over several queries.
    """

    code = "X009"
    name = "cross.quota"
    summary = "The total number of samples exceeds the configured quota."
    groups = _GROUPS
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        quota = ctx.config.quota if ctx.config.quota is not None else ctx.profile.quota_samples
        if not quota or ctx.total_samples <= quota:
            return
        yield self.diagnostic(
            ctx.path("inputs"),
            f"the query asks for {ctx.total_samples} samples; the quota is {quota}",
            suggestions=[f"split into {-(-ctx.total_samples // quota)} queries"],
        )


RULES = (
    PerturbationWithoutType,
    ControlWithAgent,
    PerturbationKind,
    PerturbationWithoutAgent,
    CellLineMissing,
    CellLineSampleType,
    CellTypeTissue,
    DuplicateInput,
    Quota,
)
