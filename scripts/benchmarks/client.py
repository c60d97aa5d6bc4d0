"""Result decoding: ours beside pysynthbio 4.2.4's own transformer, same bytes, same process.

Workload: a bulk result of 100 samples x 44,592 genes (20 samples with ``--quick``) as the
hosted API writes it (``json.dumps`` with default separators): Poisson counts around a
log-normal expression profile scaled to ``total_count`` 10,000,000 (about 16% zeros, values up
to ~10^6), echoed metadata, and latents of 1,024 / 32 / 512 floats per sample (the latent sizes
are not documented; large ones make the comparison harder for us, since both sides parse them
with ``json``).

Both sides start from the same ``bytes`` (the body of the download) and end with the three
DataFrames: pysynthbio as ``transform_standard_model_output(json.loads(body))`` (what its
``predict_query`` runs after ``requests``' ``.json()``), ours as ``decode_json(body)``. The
frames are checked equal before timing.

Metrics:

* ``decode_speedup_vs_pysynthbio``: baseline seconds / our seconds (best of 3).
* ``decode_seconds``: the two times.
* ``decode_peak_mem_ratio``: our peak / baseline peak of Python-traced allocations
  (``tracemalloc``, which sees numpy buffers too) during one decode, lower is better.
* ``decode_peak_mb``: the two peaks in MB.

pysynthbio is a dev/bench extra only (``pip install pysynthbio==4.2.4``); without it the
baseline columns are empty.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

GENES = 44_592
SAMPLES = 100
QUICK_SAMPLES = 20
LATENT_SIZES = {"biological": 1024, "technical": 32, "perturbation": 512}


def build_payload(samples: int, seed: int = 0) -> bytes:
    import numpy as np

    rng = np.random.default_rng(seed)
    gene_order = [f"ENSG{i:011d}" for i in range(GENES)]
    profile = rng.lognormal(0.0, 2.5, GENES)
    profile *= 10_000_000 / profile.sum()
    outputs = []
    for i in range(samples):
        counts = rng.poisson(profile * rng.uniform(0.8, 1.2, GENES))
        outputs.append(
            {
                "counts": counts.tolist(),
                "metadata": {
                    "tissue_ontology_id": "UBERON:0000945",
                    "disease_ontology_id": "MONDO:0011719",
                    "sex": "female" if i % 2 else "male",
                    "age_years": str(30 + i % 40),
                    "sample_type": "primary tissue",
                },
                "latents": {
                    name: rng.normal(size=size).round(6).tolist()
                    for name, size in LATENT_SIZES.items()
                },
            }
        )
    return json.dumps({"outputs": outputs, "gene_order": gene_order, "model_version": 2}).encode()


def _best_seconds(fn: Callable[[], Any], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _peak_bytes(fn: Callable[[], Any]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()  # kept alive until the peak is read: the frames are part of the cost
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        tracemalloc.stop()
    return peak


def run(quick: bool = False) -> dict[str, dict[str, float | None]]:
    import pandas as pd

    from synthquery.results import decode_json

    body = build_payload(QUICK_SAMPLES if quick else SAMPLES)
    repeats = 1 if quick else 3

    def ours() -> Any:
        return decode_json(body).to_dict()

    try:
        from pysynthbio.output_transformers import transform_standard_model_output
    except ImportError:
        baseline = None
    else:

        def baseline() -> Any:
            return transform_standard_model_output(json.loads(body))

    ours_s = _best_seconds(ours, repeats)
    ours_peak = _peak_bytes(ours)
    base_s = base_peak = None
    if baseline is not None:
        mine, theirs = ours(), baseline()
        pd.testing.assert_frame_equal(mine["expression"], theirs["expression"])
        pd.testing.assert_frame_equal(mine["latents"], theirs["latents"])
        del mine, theirs
        base_s = _best_seconds(baseline, repeats)
        base_peak = _peak_bytes(baseline)
    mb = 1024 * 1024
    return {
        "decode_speedup_vs_pysynthbio": {
            "ours": round(base_s / ours_s, 2) if base_s else None,
            "baseline": 1.0 if base_s else None,
        },
        "decode_seconds": {"ours": ours_s, "baseline": base_s},
        "decode_peak_mem_ratio": {
            "ours": round(ours_peak / base_peak, 3) if base_peak else None,
            "baseline": 1.0 if base_peak else None,
        },
        "decode_peak_mb": {
            "ours": round(ours_peak / mb, 1),
            "baseline": round(base_peak / mb, 1) if base_peak else None,
        },
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
