"""Spellings of the two modalities (``modality`` key) -> the profile's modality."""

from __future__ import annotations

__all__ = ["MODALITY_ALIASES"]

MODALITY_ALIASES: dict[str, str] = {
    "bulk": "bulk",
    "bulk rna-seq": "bulk",
    "single-cell": "single-cell",
    "single cell": "single-cell",
    "single_cell": "single-cell",
    "singlecell": "single-cell",
    "sc": "single-cell",
    "scrna-seq": "single-cell",
}
