"""Benchmarks: our figures beside a naive baseline measured in the same run.

    python scripts/bench.py            # human table
    python scripts/bench.py --json     # {"metric": {"ours": x, "baseline": y}, ...}
    python scripts/bench.py --only vocab,lint

Each area lives in ``scripts/benchmarks/<area>.py`` and exposes ``run(quick: bool) -> dict``
mapping a metric name to ``{"ours": number, "baseline": number | None}`` (or, for per-vocabulary
metrics such as ``first_lookup_ms``, to a dict of those).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

AREAS = ["vocab", "grounding", "lint", "client"]

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _rows(metrics: dict) -> list[tuple[str, object, object]]:
    rows = []
    for name, value in metrics.items():
        if isinstance(value, dict) and "ours" in value:
            rows.append((name, value["ours"], value.get("baseline")))
        elif isinstance(value, dict):
            for sub, inner in value.items():
                rows.append((f"{name}[{sub}]", inner.get("ours"), inner.get("baseline")))
    return rows


def _fmt(x: object) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:,.3f}" if abs(x) < 100 else f"{x:,.0f}"
    return str(x)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--only", help="comma-separated areas: " + ",".join(AREAS))
    parser.add_argument("--quick", action="store_true", help="smaller workloads (smoke test)")
    args = parser.parse_args(argv)
    areas = args.only.split(",") if args.only else AREAS
    metrics: dict = {}
    for area in areas:
        try:
            module = importlib.import_module(f"benchmarks.{area}")
        except ModuleNotFoundError as exc:
            print(f"# skipping {area}: {exc}", file=sys.stderr)
            continue
        metrics.update(module.run(quick=args.quick))
    if args.json:
        print(json.dumps(metrics, indent=2))
        return 0
    print(f"{'metric':42} {'ours':>14} {'baseline':>14} {'ours/baseline':>14}")
    for name, ours, base in _rows(metrics):
        ratio = "-"
        if isinstance(ours, (int, float)) and isinstance(base, (int, float)) and base:
            ratio = f"{ours / base:.3g}x"
        print(f"{name:42} {_fmt(ours):>14} {_fmt(base):>14} {ratio:>14}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
