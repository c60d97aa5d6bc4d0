"""``synthquery term ID``: show one term from the offline snapshots."""

from __future__ import annotations

import argparse
import json
from typing import Any

HELP = "Show an ontology term (any id form: UBERON_0002048, RRID:CVCL_0030, NCBITaxon:9606, ...)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", help="a term id; IRIs, lower case, '_' for ':' and versions are fine")
    parser.add_argument("--ancestors", action="store_true", help="also list every ancestor")
    parser.add_argument("--children", action="store_true", help="also list direct children")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def _label(vocabulary: Any, term_id: str) -> str:
    term = vocabulary.get(term_id)
    return term.label if term is not None else ""


def _relations(term: Any, parent: str) -> str:
    rels = [name for name, ids in (("is_a", term.is_a), ("part_of", term.part_of)) if parent in ids]
    return ", ".join(rels)


def _resolve(value: str) -> tuple[Any, Any, Any, list[str]]:
    """(normalisation, vocabulary, term, notes); raises the CLI's typed errors."""
    from synthquery._errors import TermNotFoundError, UsageError
    from synthquery.ontology import normalize_id, vocab

    norm = normalize_id(value)
    if norm.wire_id is None or norm.vocabulary is None:
        raise UsageError(
            f"{value!r} is not an ontology id (expected e.g. UBERON:0002048, CL:0000236, "
            "MONDO:0011719, CVCL_0030, ENSG00000156127, CHEBI:45783, CHEMBL25 or 9606); "
            "to search by name use `synthquery lookup`"
        )
    notes: list[str] = []
    if norm.vocabulary == "CHEMBL":
        chebi = vocab("CHEBI")
        mapped = chebi.by_xref(norm.wire_id)
        if not mapped:
            raise TermNotFoundError(norm.wire_id, "the offline ChEMBL-to-ChEBI table")
        notes.append(f"{norm.wire_id} maps to " + ", ".join(t.id for t in mapped))
        return norm, chebi, mapped[0], notes
    vocabulary = vocab(norm.vocabulary)
    return norm, vocabulary, vocabulary.term(norm.wire_id), notes


def run(args: argparse.Namespace) -> int:
    norm, vocabulary, term, notes = _resolve(args.id)
    replacements = [t for t in (vocabulary.current(r) for r in term.replaced_by) if t is not None]
    ancestors = vocabulary.ancestors(term.id) if args.ancestors else []
    children = vocabulary.children(term.id) if args.children else []
    if args.json:
        labels = {i: _label(vocabulary, i) for i in (*term.parents, *ancestors, *children)}
        labels.update({i: _label(vocabulary, i) for i in (*term.replaced_by, *term.consider)})
        out: dict[str, Any] = {
            "query": args.id,
            "wire_id": norm.wire_id,
            "changes": list(norm.changes),
            "notes": notes,
            "vocabulary": vocabulary.name,
            "version": vocabulary.version,
            "term": term.to_dict(),
            "current": [t.id for t in replacements],
            "labels": labels,
        }
        if args.ancestors:
            out["ancestors"] = ancestors
        if args.children:
            out["children"] = children
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if norm.changes:
        print(f"note: read {args.id!r} as {norm.wire_id} ({'; '.join(norm.changes)})")
    for note in notes:
        print(f"note: {note}")
    label = term.label or "(no name in the offline snapshot)"
    print(f"{term.id}  {label}")
    print(f"  vocabulary  {vocabulary.name} {vocabulary.version}")
    if term.obsolete:
        if replacements:
            advice = "replaced by " + ", ".join(f"{t.id} ({t.label})" for t in replacements)
        elif term.consider:
            advice = "consider " + ", ".join(
                f"{i} ({_label(vocabulary, i)})" if _label(vocabulary, i) else i
                for i in term.consider
            )
        else:
            advice = "no replacement recorded"
        print(f"  status      OBSOLETE; {advice}")
    if term.synonyms:
        shown = [
            f"{s.text} ({', '.join(filter(None, (s.scope, s.source)))})" for s in term.synonyms
        ]
        print("  synonyms    " + "\n              ".join(shown))
    for title, ids in (("parents", term.parents), ("ancestors", ancestors), ("children", children)):
        for n, other in enumerate(ids):
            rel = _relations(term, other) if title == "parents" else ""
            suffix = f"  [{rel}]" if rel else ""
            head = f"  {title:<10}  " if n == 0 else " " * 14
            print(f"{head}{other}  {_label(vocabulary, other)}{suffix}".rstrip())
    if term.xrefs:
        more = f" (+{len(term.xrefs) - 10} more)" if len(term.xrefs) > 10 else ""
        print("  xrefs       " + ", ".join(term.xrefs[:10]) + more)
    return 0
