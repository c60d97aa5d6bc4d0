"""Vocabulary-layer benchmark: the compiled index against loading the snapshot into dicts.

Baselines, measured in the same run on the same machine:

* ``import_ms``: ``python -c pass`` (bare interpreter start-up); ours is
  ``python -c "import synthquery"``, both wall-clock, median of several fresh processes.
* ``first_lookup_ms``, ``rss_mb_all``, ``index_build_s``: the naive approach, i.e. read our own
  ``<vocabulary>.jsonl.gz`` snapshot files with ``json`` into ``{id: record}`` dicts (plus a
  case-folded name -> ids dict where names are looked up). Timed in-process from before the
  first import to after the first answer, in a fresh process each time.
* ``exact_lookups_per_s``: a warm case-folded ``dict.get`` over the same names; ours is
  ``Vocabulary.find_exact`` (SQLite behind a small in-process cache). ``..._cold`` is the first
  pass over distinct names, i.e. every lookup goes to SQLite.

The index is built into a temporary cache dir (``SYNTHQUERY_CACHE_DIR``) so that the build is
timed from scratch and the user's cache is untouched. Subprocesses may write bytecode (into a
temporary ``PYTHONPYCACHEPREFIX``) even if ``PYTHONDONTWRITEBYTECODE`` is set, as an installed
package would have it; a warm-up run compiles everything before anything is timed.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

PROBES = {
    "UBERON": ("UBERON:0002048", "lung"),
    "CL": ("CL:0000236", "B cell"),
    "MONDO": ("MONDO:0005061", "lung adenocarcinoma"),
    "CHEBI": ("CHEBI:45783", "imatinib"),
    "CVCL": ("CVCL_0030", "HeLa"),
    "ENSEMBL": ("ENSG00000156127", "BATF"),
    "NCBITAXON": ("9606", "Homo sapiens"),
}
FIELD_PROBES = {
    "tissue": "lung",
    "cell_type": "B cell",
    "disease": "lung adenocarcinoma",
    "cell_line": "HeLa",
    "compound": "imatinib 10 uM",
    "gene": "BATF",
    "organism": "human",
}

_RSS = """
import json, resource, sys
def rss_mib():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes there, KiB here
"""
_NAIVE_LOAD = """
import gzip, json
from pathlib import Path
def fold(text):
    return " ".join(text.split()).casefold()
def load(directory, name, with_names):
    manifest = json.loads((Path(directory) / "manifest.json").read_text())
    entry = manifest["vocabularies"][name]
    terms, names = {}, {}
    with gzip.open(Path(directory) / entry["file"], "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            terms[record["id"]] = record
            if with_names:
                texts = [record.get("label") or ""] + [s[0] for s in record.get("synonyms", [])]
                for text in texts:
                    names.setdefault(fold(text), []).append(record["id"])
    return terms, names
"""


# the grounding layer's own derived indexes, so that RSS measures lookups rather than a build
_BUILD_DERIVED = """
try:
    from synthquery.resolve import build_index
except ImportError:
    pass
else:
    build_index()
"""


def _python(code: str, env: dict[str, str]) -> tuple[float, str]:
    """Run code in a fresh interpreter; (wall seconds, stdout)."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    if out.returncode != 0:
        raise RuntimeError(f"benchmark subprocess failed:\n{out.stderr}")
    return wall, out.stdout


def _json(code: str, env: dict[str, str]) -> Any:
    return json.loads(_python(code, env)[1].strip().splitlines()[-1])


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def _import_ms(env: dict[str, str], runs: int) -> dict[str, float]:
    _python("import synthquery", env)  # warm the file system cache and bytecode
    ours: list[float] = []
    base: list[float] = []
    for _ in range(runs):  # interleaved, so drifting machine load hits both alike
        ours.append(_python("import synthquery", env)[0] * 1000)
        base.append(_python("pass", env)[0] * 1000)
    return {"ours": _median(ours), "baseline": _median(base)}


def _first_lookup_ms(env: dict[str, str], snapshots: str, names: list[str], runs: int) -> dict:
    out: dict[str, dict[str, float]] = {}
    for name in names:
        term_id, _label = PROBES.get(name, (None, None))
        if term_id is None:
            continue
        ours_code = textwrap.dedent(f"""
            import time, json
            t0 = time.perf_counter()
            import synthquery
            term = synthquery.vocab({name!r}).term({term_id!r})
            t1 = time.perf_counter()
            assert term.id == {term_id!r}, term
            print(json.dumps((t1 - t0) * 1000))
        """)
        base_code = (
            "import time\nt0 = time.perf_counter()\n"
            + _NAIVE_LOAD
            + textwrap.dedent(f"""
            terms, _ = load({snapshots!r}, {name!r}, False)
            record = terms.get({term_id!r})
            t1 = time.perf_counter()
            print(json.dumps((t1 - t0) * 1000))
        """)
        )
        _json(ours_code, env)  # warm-up: bytecode, file system cache
        ours = [_json(ours_code, env) for _ in range(runs)]
        base = [_json(base_code, env) for _ in range(max(1, runs // 2))]
        out[name] = {"ours": _median(ours), "baseline": _median(base)}
    return out


def _exact_rates(env: dict[str, str], snapshots: str, quick: bool) -> dict[str, dict[str, float]]:
    n = 5_000 if quick else 20_000
    code = _NAIVE_LOAD + textwrap.dedent(f"""
        import itertools, json, random, time
        import synthquery
        queries = []
        for name in ("UBERON", "MONDO", "CHEBI", "CVCL"):
            v = synthquery.vocab(name)
            queries += [t for _, t, *_ in itertools.islice(v.iter_names(), {n} // 4)]
        random.Random(0).shuffle(queries)
        queries += [q + " x" for q in queries[: len(queries) // 10]]  # some misses
        vocabs = [synthquery.vocab(n) for n in ("UBERON", "MONDO", "CHEBI", "CVCL")]
        def ours():
            for v in vocabs:
                for q in queries:
                    v.find_exact(q)
        t = time.perf_counter(); ours(); cold = len(queries) * 4 / (time.perf_counter() - t)
        t = time.perf_counter()
        for _ in range(3):
            ours()
        warm = 3 * len(queries) * 4 / (time.perf_counter() - t)
        dicts = [load({snapshots!r}, n, True)[1] for n in ("UBERON", "MONDO", "CHEBI", "CVCL")]
        def base():
            for d in dicts:
                for q in queries:
                    list(d.get(fold(q), ()))
        t = time.perf_counter()
        for _ in range(3):
            base()
        dict_rate = 3 * len(queries) * 4 / (time.perf_counter() - t)
        print(json.dumps([warm, cold, dict_rate]))
    """)
    warm, cold, dict_rate = _json(code, env)
    return {
        "exact_lookups_per_s": {"ours": round(warm), "baseline": round(dict_rate)},
        "exact_lookups_per_s_cold": {"ours": round(cold), "baseline": round(dict_rate)},
    }


def _rss(env: dict[str, str], snapshots: str, names: list[str]) -> dict[str, dict[str, Any]]:
    probes = {n: PROBES[n] for n in names if n in PROBES}
    ours_code = _RSS + textwrap.dedent(f"""
        import synthquery
        for name, (term_id, label) in {probes!r}.items():
            v = synthquery.vocab(name)
            v.term(term_id)
            v.find_exact(label)
        vocab_only = rss_mib()
        try:
            from synthquery.resolve import lookup
        except ImportError:
            lookup = None
        if lookup is not None:
            for field, text in {FIELD_PROBES!r}.items():
                lookup(text, field, online=False)
        print(json.dumps([vocab_only, rss_mib(), lookup is not None]))
    """)
    base_code = (
        _RSS
        + _NAIVE_LOAD
        + textwrap.dedent(f"""
        loaded = [load({snapshots!r}, n, True) for n in {list(probes)!r}]
        print(json.dumps(rss_mib()))
    """)
    )
    vocab_only, full, with_lookup = _json(ours_code, env)
    base = _json(base_code, env)
    out = {"rss_mb_all": {"ours": round(full, 1), "baseline": round(base, 1)}}
    if with_lookup:
        out["rss_mb_vocab_only"] = {"ours": round(vocab_only, 1), "baseline": round(base, 1)}
    return out


def _build_s(env: dict[str, str], snapshots: str, names: list[str]) -> dict[str, float]:
    ours_code = textwrap.dedent("""
        import json, time
        from synthquery.ontology import build_index
        t = time.perf_counter(); build_index(force=True); print(json.dumps(time.perf_counter() - t))
    """)
    base_code = (
        "import time\nt = time.perf_counter()\n"
        + _NAIVE_LOAD
        + textwrap.dedent(f"""
        loaded = [load({snapshots!r}, n, True) for n in {names!r}]
        print(json.dumps(time.perf_counter() - t))
    """)
    )
    return {"ours": round(_json(ours_code, env), 2), "baseline": round(_json(base_code, env), 2)}


def run(quick: bool = False) -> dict[str, Any]:
    from synthquery._paths import snapshot_dir
    from synthquery.ontology.snapshot import load_manifest

    snapshots = str(snapshot_dir())
    names = list(load_manifest(Path(snapshots)).vocabularies)
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="sq-bench-") as cache:
        env = {**os.environ, "SYNTHQUERY_CACHE_DIR": cache, "SYNTHQUERY_OFFLINE": "1"}
        env["SYNTHQUERY_ONTOLOGIES_DIR"] = snapshots
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(cache) / "pycache")
        metrics: dict[str, Any] = {"index_build_s": _build_s(env, snapshots, names)}
        _python(_BUILD_DERIVED, env)
        metrics["import_ms"] = _import_ms(env, runs)
        metrics["first_lookup_ms"] = _first_lookup_ms(env, snapshots, names, runs)
        metrics.update(_exact_rates(env, snapshots, quick))
        _python(_BUILD_DERIVED, env)  # again: code or data may have changed during the run
        metrics.update(_rss(env, snapshots, names))
    return metrics


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
