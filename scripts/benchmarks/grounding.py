"""Grounding benchmark: our lookup beside a naive rapidfuzz scan, measured in the same run.

* ``fuzzy_p95_ms_chebi`` / ``fuzzy_p95_ms_cellosaurus``: 95th percentile latency of one lookup
  of a typo'd real label (typos made deterministically: one deletion, transposition,
  substitution or insertion per label). The baseline is
  ``rapidfuzz.process.extract(q, all_labels, scorer=WRatio, limit=5)`` over every label of the
  vocabulary, on the same queries.
* ``fuzzy_top1_chebi`` / ``fuzzy_top1_cellosaurus``: share of those queries whose top answer is
  the term the label came from (ours vs the naive scan).
* ``batch_queries_per_s``: the development set's texts through the CLI batch mode
  (``synthquery lookup --field F --input FILE`` per field, in one fresh process whose indexes
  are open, output discarded; best of two). The baseline is the naive scan over the field's
  labels on a sample of the same texts.
* ``first_lookup_ms``: from before ``import synthquery`` to the first answer, in a fresh
  process, per field (the grounding index already built).
* ``rss_mb_all_fields``: peak RSS of a process that has looked up text in every field.

The development set is read from ``SYNTHQUERY_DEV_TSV`` or ``../shared/eval/dev/
grounding_dev.tsv`` next to the repository; without it the batch metric is skipped.
"""

from __future__ import annotations

import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FIELD_OF = {"CHEBI": "compound", "CVCL": "cell_line"}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _typo(label: str, rng: random.Random) -> str:
    """One deterministic edit inside the label (never the first character)."""
    if len(label) < 5:
        return label + rng.choice(_LETTERS)
    i = rng.randrange(1, len(label) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return label[:i] + label[i + 1 :]
    if kind == 1:
        return label[:i] + label[i + 1] + label[i] + label[i + 2 :]
    if kind == 2:
        return label[:i] + rng.choice(_LETTERS) + label[i + 1 :]
    return label[:i] + rng.choice(_LETTERS) + label[i:]


def _labels(vocabulary: str) -> list[tuple[str, str]]:
    from synthquery.ontology import vocab

    return [(t.id, t.label) for t in vocab(vocabulary).iter_terms() if t.label and not t.obsolete]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2)


def _fuzzy(vocabulary: str, n_ours: int, n_base: int) -> dict[str, dict[str, float]]:
    from rapidfuzz import fuzz, process

    from synthquery.resolve import lookup

    labels = _labels(vocabulary)
    rng = random.Random(20240611)
    # plain names people type: not too long, some letters, no IUPAC punctuation soup
    pool = [
        (i, label)
        for i, label in labels
        if 6 <= len(label) <= 30 and sum(c.isalpha() for c in label) >= 5
    ]
    picks = rng.sample(pool, n_ours)
    queries = [(term_id, _typo(label, rng)) for term_id, label in picks]
    field = FIELD_OF[vocabulary]
    lookup(queries[0][1], field, online=False)  # open the index outside the timing
    ours_ms, ours_hits = [], 0
    for term_id, q in queries:
        started = time.perf_counter()
        result = lookup(q, field, online=False)
        ours_ms.append((time.perf_counter() - started) * 1000)
        ours_hits += bool(result.best) and result.best.id == term_id  # type: ignore[union-attr]
    choices = [label for _, label in labels]
    ids = [term_id for term_id, _ in labels]
    base_ms, base_hits = [], 0
    for term_id, q in queries[:n_base]:
        started = time.perf_counter()
        found = process.extract(q, choices, scorer=fuzz.WRatio, limit=5)
        base_ms.append((time.perf_counter() - started) * 1000)
        base_hits += bool(found) and ids[found[0][2]] == term_id
    name = "chebi" if vocabulary == "CHEBI" else "cellosaurus"
    return {
        f"fuzzy_p95_ms_{name}": {"ours": _p95(ours_ms), "baseline": _p95(base_ms)},
        f"fuzzy_top1_{name}": {
            "ours": round(ours_hits / len(queries), 3),
            "baseline": round(base_hits / n_base, 3),
        },
    }


def _dev_rows() -> list[dict[str, str]] | None:
    path = Path(
        os.environ.get("SYNTHQUERY_DEV_TSV", REPO.parent / "shared/eval/dev/grounding_dev.tsv")
    )
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _batch(rows: list[dict[str, str]], n_base: int) -> dict[str, float]:
    from rapidfuzz import fuzz, process

    from synthquery.ontology import vocab
    from synthquery.resolve.fields import FIELD_VOCABULARY

    by_field: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_field[row["field"]].append(row["text"])
    with tempfile.TemporaryDirectory(prefix="sq-bench-") as tmp:
        files = {}
        for field, texts in by_field.items():
            files[field] = str(Path(tmp) / f"{field}.txt")
            Path(files[field]).write_text("\n".join(texts) + "\n", encoding="utf-8")
        # a fresh process, as a user's `synthquery lookup --input` is; indexes opened first
        code = f"""
            import contextlib, io, json, time
            from synthquery.cli import main
            from synthquery.resolve import lookup
            files = {files!r}
            for field in files:
                lookup("x", field, online=False)
            started = time.perf_counter()
            for field, path in files.items():
                with contextlib.redirect_stdout(io.StringIO()):
                    main(["lookup", "--field", field, "--input", path, "--offline"])
            print(json.dumps({len(rows)} / (time.perf_counter() - started)))
        """
        _fresh(code)  # warm-up
        ours = max(_fresh(code) for _ in range(2))
    # the naive scan is far too slow for every row: time a sample, per field's labels
    rng = random.Random(7)
    sample = rng.sample(rows, min(n_base, len(rows)))
    names: dict[str, list[str]] = {}
    spent = 0.0
    for row in sample:
        name = FIELD_VOCABULARY[row["field"]]
        if name not in names:
            names[name] = [t.label for t in vocab(name).iter_terms() if t.label]
        started = time.perf_counter()
        process.extract(row["text"], names[name], scorer=fuzz.WRatio, limit=5)
        spent += time.perf_counter() - started
    return {"ours": round(ours, 1), "baseline": round(len(sample) / spent, 1)}


def _fresh(code: str) -> Any:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, SYNTHQUERY_OFFLINE="1"),
    )
    if out.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


_PROBES = {
    "tissue": "lung",
    "cell_type": "CD4+ T cells",
    "disease": "NSCLC",
    "compound": "rifampicin 14 micromolar",
    "cell_line": "HL60",
    "gene": "BATF",
    "organism": "human",
}


def _first_lookup_ms(runs: int) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for field, text in _PROBES.items():
        code = f"""
            import json, time
            t0 = time.perf_counter()
            import synthquery
            result = synthquery.lookup({text!r}, {field!r}, online=False)
            assert result.best is not None
            print(json.dumps((time.perf_counter() - t0) * 1000))
        """
        _fresh(code)  # warm-up: bytecode, file system cache, index built
        values = [_fresh(code) for _ in range(runs)]
        out[field] = {"ours": round(statistics.median(values), 1), "baseline": None}
    return out


def _rss_mb() -> dict[str, float | None]:
    code = f"""
        import json, resource, sys
        import synthquery
        for field, text in {_PROBES!r}.items():
            synthquery.lookup(text, field, online=False)
            synthquery.lookup(text + "x", field, online=False)
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps(kib / 1024 if sys.platform != "darwin" else kib / 2**20))
    """
    return {"ours": round(_fresh(code), 1), "baseline": None}


def run(quick: bool = False) -> dict[str, Any]:
    from synthquery.resolve import build_index

    build_index()  # timed elsewhere (vocab benchmark); here the index just has to exist
    metrics: dict[str, Any] = {}
    n_ours, n_base = (40, 5) if quick else (300, 25)
    for vocabulary in ("CHEBI", "CVCL"):
        metrics.update(_fuzzy(vocabulary, n_ours, n_base))
    rows = _dev_rows()
    if rows is not None:
        metrics["batch_queries_per_s"] = _batch(rows, 10 if quick else 40)
    else:
        print("# grounding: no development set; batch_queries_per_s skipped", file=sys.stderr)
    metrics["first_lookup_ms"] = _first_lookup_ms(1 if quick else 5)
    metrics["rss_mb_all_fields"] = _rss_mb()
    return metrics


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
