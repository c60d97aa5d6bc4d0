"""Lint throughput on a 10,000-input query, ours beside a naive validator in the same run.

Workload: a bulk query whose inputs draw tissue, disease, cell line and perturbation ids from the
offline snapshot (live terms), ages 0-95, both sexes, a third of them perturbed; about 3% of the
inputs carry a mistake (``"Male"``, ``UBERON_...``, ``"10uM"``, an unknown key), so the linter
also builds diagnostics. Nearly every input's metadata is distinct, so the per-metadata memo
does not trivialise the run; only the per-value memo (one validation per distinct id) helps.

Metrics (inputs per second, higher is better):

* ``lint_inputs_per_s``: ``lint(query_dict)`` with all 49 rules (a fresh per-run memo each
  time). Baseline ("naive per-input validation"): a loop that calls ``validate_id`` for every id
  of every input with no memo of its own (the vocabulary layer's in-process term cache is warm
  for both, as in any long-running process) and checks enum and "number unit" values; it
  covers perhaps a fifth of what the linter checks and produces no locations or fixes.
* ``lint_text_inputs_per_s``: ``lint(json_text)``, i.e. parsing plus line/column for every
  diagnostic. Baseline: the same naive validator after ``json.loads``.
"""

from __future__ import annotations

import itertools
import json
import random
import time
from typing import Any

SIZE = 10_000
QUICK_SIZE = 2_000


def _pool(name: str, n: int, root: str | None = None) -> list[str]:
    """``n`` live ids of a vocabulary (under ``root`` when given), in snapshot order."""
    from synthquery.ontology import vocab

    vocabulary = vocab(name)
    if root is not None and root in vocabulary:
        live = (i for i in vocabulary.descendants(root) if not vocabulary.term(i).obsolete)
        return sorted(itertools.islice(live, n))
    terms = (t for t in vocabulary.iter_terms() if not t.obsolete)
    return [t.id for t in itertools.islice(terms, n)]


def build_query(size: int, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    tissues = _pool("UBERON", 400, "UBERON:0000062")  # organs and their parts
    diseases = _pool("MONDO", 400, "MONDO:0000001")
    cell_lines = _pool("CVCL", 200)
    compounds = _pool("CHEBI", 200)
    genes = _pool("ENSEMBL", 200)
    inputs = []
    for i in range(size):
        meta: dict[str, Any] = {
            "age_years": str(rng.randint(0, 95)),
            "sex": rng.choice(("male", "female")),
        }
        if i % 3 == 0:
            meta["cell_line_ontology_id"] = rng.choice(cell_lines)
            meta["sample_type"] = "cell line"
            if rng.random() < 0.5:
                meta["perturbation_type"] = "compound"
                meta["perturbation_ontology_id"] = rng.choice(compounds)
                meta["perturbation_dose"] = f"{rng.choice((1, 5, 10, 50))} um"
            else:
                meta["perturbation_type"] = "crispr"
                meta["perturbation_ontology_id"] = rng.choice(genes)
            meta["perturbation_time"] = f"{rng.choice((6, 24, 48, 96))} hours"
        else:
            meta["tissue_ontology_id"] = rng.choice(tissues)
            meta["disease_ontology_id"] = rng.choice(diseases)
            meta["sample_type"] = "primary tissue"
        roll = rng.random()
        if roll < 0.01:
            meta["sex"] = "Male"
        elif roll < 0.02 and "tissue_ontology_id" in meta:
            meta["tissue_ontology_id"] = meta["tissue_ontology_id"].replace(":", "_")
        elif roll < 0.025 and "perturbation_dose" in meta:
            meta["perturbation_dose"] = meta["perturbation_dose"].replace(" um", "uM")
        elif roll < 0.03:
            meta["tissue"] = "lung"
        inputs.append({"metadata": meta, "num_samples": rng.randint(1, 3)})
    return {"sampling_strategy": "sample generation", "seed": 1, "inputs": inputs}


def naive_validate(query: dict[str, Any]) -> int:
    """The baseline: per-input checks with a fresh ``validate_id`` call for every id."""
    from synthquery.ontology import validate_id
    from synthquery.profiles import get_profile
    from synthquery.units import parse_dose, parse_time

    fields = get_profile("gem-1-bulk").fields
    problems = 0
    for item in query["inputs"]:
        for key, value in item["metadata"].items():
            spec = fields.get(key)
            if spec is None:
                problems += 1
            elif spec.kind == "ontology":
                problems += not validate_id(value, key).ok
            elif spec.kind == "enum":
                problems += value not in spec.values
            elif spec.kind == "number_unit":
                parse = parse_dose if spec.unit_kind == "dose" else parse_time
                quantity = parse(value)
                problems += quantity is None or quantity.text != value
    return problems


def _rate(fn: Any, n: int, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return n / best


def run(quick: bool = False) -> dict[str, dict[str, float | None]]:
    from synthquery.lint import lint

    size = QUICK_SIZE if quick else SIZE
    query = build_query(size)
    text = json.dumps(query, indent=2)
    lint(query)  # warm the vocabulary index and imports; every timed run starts a fresh memo
    naive_validate({"inputs": query["inputs"][:50]})
    ours = _rate(lambda: lint(query), size)
    ours_text = _rate(lambda: lint(text), size)
    # the baseline is slow: time it on a slice and report the same per-input rate
    part = {"inputs": query["inputs"][: max(size // 10, 200)]}
    base = _rate(lambda: naive_validate(part), len(part["inputs"]), repeat=1)
    base_text = _rate(lambda: naive_validate(json.loads(json.dumps(part))), len(part["inputs"]), 1)
    return {
        "lint_inputs_per_s": {"ours": round(ours), "baseline": round(base)},
        "lint_text_inputs_per_s": {"ours": round(ours_text), "baseline": round(base_text)},
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
