"""Score grounding on a labelled TSV: top-1, top-5 and hierarchy-aware hits per field and source.

    python scripts/eval_grounding.py ../shared/eval/dev/grounding_dev.tsv
    python scripts/eval_grounding.py DEV.tsv --errors 40 --field compound
    python scripts/eval_grounding.py DEV.tsv --calibrate     # fit the score calibration knots
    python scripts/eval_grounding.py DEV.tsv --json
    python scripts/eval_grounding.py DEV.tsv --typos 3        # answers kept under typos

The TSV has the columns ``field``, ``text``, ``gold_ids`` (``|``-separated, any counts) and
``sources`` (``|``-separated; a row counts towards each of its sources). Beside our figures the
table shows the exact-match floor: a case-insensitive exact label or synonym lookup.
"Hierarchy-aware" also accepts a prediction that is a parent or child (1 hop) of a gold id.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from synthquery.resolve.fields import FIELD_VOCABULARY as FIELD_VOCAB


@dataclass
class Row:
    field: str
    text: str
    gold: list[str]
    sources: list[str]


@dataclass
class Outcome:
    row: Row
    predicted: list[dict[str, Any]]
    top1: bool
    top5: bool
    hier: bool
    exact: bool


@dataclass
class Tally:
    n: int = 0
    top1: int = 0
    top5: int = 0
    hier: int = 0
    exact: int = 0
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, o: Outcome) -> None:
        self.n += 1
        self.top1 += o.top1
        self.top5 += o.top5
        self.hier += o.hier
        self.exact += o.exact
        self.outcomes.append(o)

    def pct(self, k: int) -> float:
        return round(100.0 * k / self.n, 1) if self.n else 0.0


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return [
            Row(
                r["field"],
                r["text"],
                [g for g in r["gold_ids"].split("|") if g],
                [s for s in r["sources"].split("|") if s],
            )
            for r in reader
        ]


def _neighbours(vocab_name: str, term_id: str, cache: dict[tuple[str, str], set[str]]) -> set[str]:
    key = (vocab_name, term_id)
    if key not in cache:
        from synthquery.ontology import vocab

        v = vocab(vocab_name)
        try:
            near = set(v.ancestors(term_id, distance=1)) | set(v.descendants(term_id, distance=1))
        except KeyError:
            near = set()
        cache[key] = near | {term_id}
    return cache[key]


def _exact_floor(vocab_name: str, text: str, gold: list[str]) -> bool:
    from synthquery.ontology import vocab

    hits = vocab(vocab_name).find_exact(text)
    return bool(hits) and hits[0].term.id in gold


def evaluate(rows: list[Row], limit: int = 5) -> tuple[list[Outcome], float]:
    from synthquery.resolve import lookup

    near_cache: dict[tuple[str, str], set[str]] = {}
    outcomes = []
    started = time.perf_counter()
    results = [lookup(r.text, r.field, limit=limit, online=False) for r in rows]
    elapsed = time.perf_counter() - started
    for row, result in zip(rows, results, strict=True):
        ids = [c.id for c in result.candidates]
        vocab_name = FIELD_VOCAB[row.field]
        top1 = bool(ids) and ids[0] in row.gold
        hier = top1
        if ids and not top1:
            hier = any(ids[0] in _neighbours(vocab_name, g, near_cache) for g in row.gold)
        outcomes.append(
            Outcome(
                row,
                [c.to_dict() for c in result.candidates],
                top1,
                any(i in row.gold for i in ids[:5]),
                hier,
                _exact_floor(vocab_name, row.text, row.gold),
            )
        )
    return outcomes, elapsed


def tables(outcomes: list[Outcome]) -> tuple[dict[str, Tally], dict[tuple[str, str], Tally]]:
    per_field: dict[str, Tally] = defaultdict(Tally)
    per_source: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for o in outcomes:
        per_field[o.row.field].add(o)
        for source in o.row.sources:
            per_source[(o.row.field, source)].add(o)
    return dict(per_field), dict(per_source)


#: the accuracy targets of the grounding issue: (group, field, source prefixes, top-1 target %);
#: a row counts once towards a group when any of its sources starts with one of the prefixes
TARGETS: tuple[tuple[str, str, tuple[str, ...], float | None], ...] = (
    ("tissue / Expression Atlas", "tissue", ("expression_atlas",), 95),
    ("tissue / HRA", "tissue", ("hra_",), 95),
    (
        "tissue / Open Targets (GTEx, DepMap)",
        "tissue",
        ("opentargets_gtex", "opentargets_depmap"),
        80,
    ),
    ("cell_type / Expression Atlas", "cell_type", ("expression_atlas",), 85),
    ("cell_type / HRA", "cell_type", ("hra_",), 80),
    ("cell_type / Tabula Muris (hier reported)", "cell_type", ("tabula_muris",), None),
    ("disease / Expression Atlas", "disease", ("expression_atlas",), 90),
    (
        "disease / trait strings (UKB, OT)",
        "disease",
        ("ebispot_ukbiobank", "opentargets_manual"),
        65,
    ),
    ("compound / Expression Atlas", "compound", ("expression_atlas",), 88),
    ("cell_line / BioSample", "cell_line", ("dbcls_biosample",), 95),
)


def target_tables(outcomes: list[Outcome]) -> dict[str, Tally]:
    groups: dict[str, Tally] = {name: Tally() for name, *_ in TARGETS}
    for o in outcomes:
        for name, field_name, prefixes, _target in TARGETS:
            if o.row.field == field_name and any(
                s.startswith(p) for s in o.row.sources for p in prefixes
            ):
                groups[name].add(o)
    return {k: v for k, v in groups.items() if v.n}


def _columns(name: str, width: int, t: Tally | None = None) -> str:
    """One row of a table: the name, then n / top1 / top5 / hier / exact (a header without
    ``t``)."""
    if t is None:
        return f"{name:{width}} {'n':>5} {'top1':>6} {'top5':>6} {'hier':>6} {'exact':>6}"
    return (
        f"{name:{width}} {t.n:>5} {t.pct(t.top1):>6} {t.pct(t.top5):>6} {t.pct(t.hier):>6} "
        f"{t.pct(t.exact):>6}"
    )


def _print_targets(groups: dict[str, Tally]) -> None:
    print("\ntargets (top-1 %; top-5 target 97 on the sample-metadata sources)")
    print(_columns("group", 44) + f" {'target':>7}")
    goal = {name: target for name, _, _, target in TARGETS}
    for name, t in groups.items():
        target = goal[name]
        mark = (
            "-" if target is None else f"{target:g} " + ("ok" if t.pct(t.top1) >= target else "no")
        )
        print(_columns(name, 44, t) + f" {mark:>7}")


def _print_table(title: str, groups: dict[Any, Tally]) -> None:
    print(f"\n{title}")
    print(_columns("group", 58))
    for key in sorted(groups, key=str):
        name = key if isinstance(key, str) else " / ".join(key)
        print(_columns(name, 58, groups[key]))


def _print_reliability(outcomes: list[Outcome]) -> None:
    """Calibration check: share of right top answers per score band, overall and per field."""
    bands = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]
    print("\nreliability of the top score (share right / count) per band")
    fields = sorted({o.row.field for o in outcomes})
    print(f"{'band':12} {'all':>12} " + " ".join(f"{f:>12}" for f in fields))
    for lo, hi in itertools.pairwise(bands):
        cells = []
        for group in [None, *fields]:
            sel = [
                o.top1
                for o in outcomes
                if o.predicted
                and lo <= o.predicted[0]["score"] < hi
                and (group is None or o.row.field == group)
            ]
            cells.append(f"{sum(sel) / len(sel):.2f}/{len(sel):<4}" if sel else "-")
        print(f"[{lo:.2f},{min(hi, 1):.2f}) " + " ".join(f"{c:>12}" for c in cells))


#: typos are made in words at least this long, never in their first or last letter
TYPO_WORD = 7


def make_typo(text: str, rng: random.Random) -> str | None:
    """``text`` with one typing error in one of its long words: a letter dropped, replaced or
    swapped with the one before it (None when it has no word long enough)."""
    words = text.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= TYPO_WORD and w.isalpha()]
    if not long:
        return None
    i = rng.choice(long)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    kind = rng.choice("dsw")
    if kind == "d":
        typo = word[:j] + word[j + 1 :]
    elif kind == "s":
        letter = rng.choice([c for c in "aeiourstnl" if c != word[j].lower()])
        typo = word[:j] + letter + word[j + 1 :]
    else:
        typo = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    if typo == word:
        return None  # a swap of two equal letters
    return " ".join([*words[:i], typo, *words[i + 1 :]])


def typo_retention(outcomes: list[Outcome], seeds: int) -> dict[str, Tally]:
    """Per field: of the rows answered right, how many still are with one typo (per seed)."""
    from synthquery.resolve import lookup

    kept: dict[str, Tally] = defaultdict(Tally)
    right = [o for o in outcomes if o.top1]
    for seed in range(seeds):
        rng = random.Random(seed)
        for o in right:
            typo = make_typo(o.row.text, rng)
            if typo is None:
                continue
            ids = [c.id for c in lookup(typo, o.row.field, limit=5, online=False).candidates]
            t = kept[o.row.field]
            t.n += 1
            t.top1 += bool(ids) and ids[0] in o.row.gold
            t.top5 += any(i in o.row.gold for i in ids)
    return kept


def _print_typos(kept: dict[str, Tally], seeds: int) -> None:
    print(f"\nanswers kept under one typo (rows right at top-1, {seeds} seed(s); % of rows)")
    print(f"{'field':20} {'n':>6} {'top1':>6} {'top5':>6}")
    for name, t in sorted(kept.items()):
        print(f"{name:20} {t.n:6d} {t.pct(t.top1):6.1f} {t.pct(t.top5):6.1f}")


def _label(vocab_name: str, term_id: str) -> str:
    from synthquery.ontology import vocab

    term = vocab(vocab_name).get(term_id)
    return term.label if term is not None else "?"


def _print_errors(outcomes: list[Outcome], n: int, seed: int) -> None:
    misses = [o for o in outcomes if not o.top1]
    random.Random(seed).shuffle(misses)
    print(f"\nerror analysis: {min(n, len(misses))} of {len(misses)} top-1 misses")
    for o in misses[:n]:
        vocab_name = FIELD_VOCAB[o.row.field]
        gold = ", ".join(f"{g} {_label(vocab_name, g)}" for g in o.row.gold)
        print(f"- [{o.row.field}] {o.row.text!r}\n    gold: {gold}")
        for c in o.predicted[:3]:
            mark = "*" if c["id"] in o.row.gold else " "
            print(f"   {mark} {c['score']:.3f} {c['id']} {c['label']} ({c['match']})")


def fit_calibration(pairs: list[tuple[float, bool]], knots: int = 12) -> list[tuple[float, float]]:
    """Isotonic (pool-adjacent-violators) fit of correctness on raw score, thinned to knots."""
    pairs = sorted(pairs)
    blocks: list[list[float]] = []  # [sum, count, min_x, max_x]
    for x, y in pairs:
        blocks.append([float(y), 1.0, x, x])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, c, _lo, hi = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][3] = hi
    points = [((b[2] + b[3]) / 2, b[0] / b[1]) for b in blocks]
    if len(points) > knots:
        step = len(points) / knots
        points = [points[int(i * step)] for i in range(knots)] + [points[-1]]
    return [(round(x, 3), round(y, 3)) for x, y in points]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", type=Path)
    parser.add_argument("--field", help="only rows of this field")
    parser.add_argument("--errors", type=int, default=25, help="misses to print (0: none)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the tables as JSON")
    parser.add_argument(
        "--typos", type=int, default=0, metavar="SEEDS", help="also score texts with one typo"
    )
    parser.add_argument(
        "--calibrate", action="store_true", help="print calibration knots fitted on raw scores"
    )
    args = parser.parse_args(argv)
    rows = read_rows(args.tsv)
    if args.field:
        rows = [r for r in rows if r.field == args.field]
    if args.calibrate:
        import importlib

        # the package re-exports the function lookup() under the module's name: go by module
        lookup_module = importlib.import_module("synthquery.resolve.lookup")
        lookup_module.calibrate = lambda raw, knots=None, vocabulary=None: raw  # type: ignore[attr-defined]
    outcomes, elapsed = evaluate(rows)
    per_field, per_source = tables(outcomes)
    if args.calibrate:
        pairs = [(o.predicted[0]["score"], o.top1) for o in outcomes if o.predicted]
        print(json.dumps(fit_calibration(pairs)))
        return 0
    if args.json:
        out = {
            "per_field": {k: vars(v) | {"outcomes": None} for k, v in per_field.items()},
            "per_source": {
                "/".join(k): vars(v) | {"outcomes": None} for k, v in per_source.items()
            },
            "queries_per_s": len(rows) / elapsed if elapsed else None,
        }
        print(json.dumps(out, indent=2, default=str))
        return 0
    _print_table("per field (% of rows)", per_field)
    _print_table("per field / source (% of rows)", per_source)
    _print_targets(target_tables(outcomes))
    _print_reliability(outcomes)
    print(f"\n{len(rows)} lookups in {elapsed:.2f} s ({len(rows) / elapsed:,.0f} per s)")
    if args.typos:
        _print_typos(typo_retention(outcomes, args.typos), args.typos)
    if args.errors:
        _print_errors(outcomes, args.errors, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
