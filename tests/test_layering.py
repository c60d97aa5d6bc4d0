"""Import layering: data flows snapshot -> index -> resolver -> builder/linter -> client.

Lower layers never import higher ones (import-linter's idea, checked with the ast module so it
needs no extra dependency). Lazy imports inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "synthquery"

BASE = {"_errors", "_paths", "_offline", "units"}
# layer -> the synthquery layers it may import (besides itself and BASE)
ALLOWED: dict[str, set[str]] = {
    "units": set(),
    "_errors": set(),
    "_paths": set(),
    "_offline": set(),
    "ontology": set(),
    "profiles": set(),
    "ols": set(),
    "resolve": {"ontology", "ols"},
    # Query.lint() and Query.predict() are conveniences that reach up, lazily
    "query": {"ontology", "resolve", "profiles", "lint", "client"},
    "lint": {"ontology", "resolve", "profiles", "query", "ols"},
    "client": {"lint", "query", "results", "_http", "_api_errors", "profiles"}
    | {"_client", "_dropin"},  # client.py is a facade over these private modules
    "results": {"_api_errors", "client"},
}


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def _imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "synthquery" and len(parts) > 1:
                out.add(parts[1])
    return out


FILES = sorted(p for p in SRC.rglob("*.py") if _layer(p) in ALLOWED)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_layering(path: Path) -> None:
    layer = _layer(path)
    allowed = ALLOWED[layer] | BASE | {layer}
    bad = sorted(_imported_layers(path) - allowed)
    assert not bad, f"{path.relative_to(SRC)} ({layer}) imports higher layers: {bad}"
