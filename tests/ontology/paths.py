"""Where the test snapshots live."""

from __future__ import annotations

from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "snapshots"
REAL = Path(__file__).resolve().parents[2] / "ontologies"
