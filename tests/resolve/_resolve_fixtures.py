"""A tiny in-memory vocabulary for the grounding tests, the snapshot guard, and the check of
the first answer for a text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from synthquery._paths import snapshot_dir


@dataclass(frozen=True)
class Syn:
    text: str
    scope: str = "EXACT"
    source: str = "test"


@dataclass(frozen=True)
class T:
    id: str
    label: str
    synonyms: tuple[Syn, ...] = ()
    parents: tuple[str, ...] = ()
    obsolete: bool = False
    replaced_by: tuple[str, ...] = ()
    is_a: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    subsets: tuple[str, ...] = ()


@dataclass
class TinyVocab:
    """Just the surface of ``synthquery.ontology.Vocabulary`` the index builder reads."""

    name: str
    terms: list[T]
    version: str = "test-1"
    checksum: str = "0123456789abcdef0123"
    builds: list[int] = field(default_factory=list)

    def iter_terms(self) -> Iterator[T]:
        self.builds.append(1)
        return iter(self.terms)

    def current(self, term_id: str) -> T | None:
        by_id = {t.id: t for t in self.terms}
        term = by_id.get(term_id)
        seen: set[str] = set()
        while term is not None and term.obsolete:
            if term.id in seen or not term.replaced_by:
                return None
            seen.add(term.id)
            term = by_id.get(term.replaced_by[0])
        return term


def tiny_uberon() -> TinyVocab:
    return TinyVocab(
        "UBERON",
        [
            T("UBERON:0000001", "organ"),
            T("UBERON:0002048", "lung", (Syn("pulmo"),), parents=("UBERON:0000001",)),
            T(
                "UBERON:0002113",
                "kidney",
                (Syn("nephros", "RELATED", "mesh"),),
                ("UBERON:0000001",),
            ),
            T("UBERON:0001225", "cortex of kidney", (Syn("renal cortex"),), ("UBERON:0002113",)),
            T("UBERON:0002110", "gall bladder", parents=("UBERON:0000001",)),
            T("UBERON:0000947", "aorta", parents=("UBERON:0000001",)),
            T("UBERON:0009999", "obsolete lungs", obsolete=True, replaced_by=("UBERON:0002048",)),
            T("UBERON:0009998", "obsolete spleen thing", obsolete=True),
        ],
    )


requires_snapshots = pytest.mark.skipif(
    not (snapshot_dir() / "manifest.json").is_file(),
    reason="the ontology snapshots (ontologies/) are not built",
)


def answer(text: str, field: str, expected: str, rule: str | None = None) -> Any:
    """The first candidate for ``text``, checked to be ``expected`` (reached by ``rule``, when
    given)."""
    from synthquery.resolve import lookup

    result = lookup(text, field, online=False)
    assert result.best is not None and result.best.id == expected, result.candidates[:3]
    assert rule is None or rule in result.best.match, result.best.match
    return result.best
