"""``synthquery lookup TEXT --field F``: ground free text to ontology ids (one text or a batch)."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from dataclasses import dataclass, replace
from typing import IO, Any

HELP = "Ground free text to ontology ids: 'lung' -> UBERON:0002048 (one text, or a batch file)."

_FORMATS = ("table", "json", "jsonl")
#: batch input is read and answered in blocks of this many lines (output streams per block)
_BLOCK = 4096
#: a block this long is shared out among worker processes ...
_PARALLEL_FROM = 200
#: ... in chunks of this many lines
_CHUNK = 48


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", help="the text to ground (omit with --input)")
    parser.add_argument(
        "--field",
        required=True,
        help="tissue, cell_type, disease, cell_line, compound, gene, organism, perturbation "
        "(or a metadata key such as tissue_ontology_id)",
    )
    parser.add_argument("--limit", type=int, default=5, help="candidates per text (default 5)")
    online = parser.add_mutually_exclusive_group()
    online.add_argument(
        "--online",
        dest="online",
        action="store_const",
        const=True,
        default=None,
        help="also ask EBI OLS",
    )
    online.add_argument(
        "--offline",
        dest="online",
        action="store_const",
        const=False,
        help="never ask EBI OLS (default: only when the local answer is weak)",
    )
    parser.add_argument(
        "--perturbation-type",
        help="for --field perturbation: crispr, shrna, sirna, overexpression, compound, ...",
    )
    parser.add_argument(
        "--input", metavar="FILE", help="one text per line ('-' for stdin): batch mode"
    )
    parser.add_argument(
        "--format",
        choices=_FORMATS,
        help="table (default for one text), json, jsonl (default with --input)",
    )
    parser.add_argument("--json", action="store_true", help="same as --format json")
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="batch mode: worker processes (default: one per CPU, at most 4; 1 = none)",
    )


def _format(args: argparse.Namespace) -> str:
    if args.json:
        return "json"
    if args.format:
        return str(args.format)
    return "jsonl" if args.input else "table"


def _print_table(result: Any, out: IO[str]) -> None:
    if not result.candidates:
        shown = result.query if len(result.query) <= 80 else result.query[:77] + "..."
        print(f"no match for {shown!r} ({result.field})", file=out)
    else:
        rows = [("id", "label", "score", "match")]
        rows += [(c.id, c.label, f"{c.score:.2f}", c.match) for c in result.candidates]
        width = [min(max(len(r[i]) for r in rows), 60) for i in range(3)]
        for row in rows:
            label = row[1] if len(row[1]) <= 60 else row[1][:57] + "..."
            print(
                f"{row[0]:<{width[0]}}  {label:<{width[1]}}  {row[2]:>{width[2]}}  {row[3]}",
                file=out,
            )
    if result.dose or result.time:
        parsed = ", ".join(
            f"{k} {v}" for k, v in (("dose", result.dose), ("time", result.time)) if v
        )
        print(f"parsed: {parsed}", file=out)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _means_none(text: str, field: str) -> str | None:
    """A note when the models' profiles read ``text`` as "none" for the field ("healthy" for a
    disease): no term is wanted then, whatever the candidates."""
    from synthquery.profiles import profile_names, saying_none

    saying = saying_none(field, text)
    if not saying:
        return None
    who = (
        "the GEM-1 models"
        if len(saying) == len(profile_names())
        else ", ".join(m for m, _ in saying)
    )
    return (
        f"{text.strip()!r} means no {field} to {who}: leave {saying[0][1]} out of the "
        "query (synthquery build does)"
    )


def _one(args: argparse.Namespace) -> int:
    from synthquery._errors import UsageError
    from synthquery.resolve import lookup

    if args.text is None:
        raise UsageError("give a TEXT to look up, or --input FILE for a batch")
    result = lookup(
        args.text,
        args.field,
        limit=args.limit,
        online=args.online,
        perturbation_type=args.perturbation_type,
    )
    note = _means_none(args.text, result.field)
    if note:
        result = replace(result, warnings=(note, *result.warnings))
    fmt = _format(args)
    if fmt == "table":
        _print_table(result, sys.stdout)
    else:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2 if fmt == "json" else None))
    return 0 if result.candidates else 1


@dataclass(frozen=True)
class _Options:
    field: str
    limit: int
    online: bool | None
    perturbation_type: str | None
    table: bool


_options: _Options | None = None  # set in each batch worker
_memo: dict[tuple[Any, bytes], str] = {}  # repeated lines are answered once (per process)


def _record(raw: bytes, number: int, opts: _Options) -> str:
    """The output line for one input line (never raises for bad input)."""
    from synthquery._errors import SynthqueryError
    from synthquery.resolve import lookup

    cached = _memo.get((opts, raw))
    if cached is not None:
        return cached
    record: dict[str, Any]
    try:
        # a byte-order mark (Windows editors put one before the first line) is no text
        text = raw.decode("utf-8").rstrip("\r\n").removeprefix("\ufeff")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace").rstrip("\r\n")
        record = {
            "query": text,
            "line": number,
            "error": "line is not valid UTF-8",
            "candidates": [],
        }
    else:
        try:
            result = lookup(
                text,
                opts.field,
                limit=opts.limit,
                online=opts.online,
                perturbation_type=opts.perturbation_type,
            )
            note = _means_none(text, result.field)
            if note:  # as the one-text mode says it
                result = replace(result, warnings=(note, *result.warnings))
            record = result.to_dict()
            if not text.strip():
                record["error"] = "empty line"
        except SynthqueryError as exc:
            record = {"query": text, "line": number, "error": str(exc), "candidates": []}
    if opts.table:
        line = f"{record['query']}\t" + "\t".join(
            f"{c['id']} {c['score']:.2f}" for c in record["candidates"]
        )
    else:
        line = json.dumps(record, ensure_ascii=False)
    if len(_memo) < 100_000 and "error" not in record:
        _memo[(opts, raw)] = line
    return line


def _init_worker(opts: _Options, files: dict[str, Any]) -> None:
    global _options
    from synthquery.resolve.lookup import forget_open_indexes

    _options = opts
    # SQLite handles must not cross a fork: reconnect, mapping the files (each worker's new
    # connection would otherwise copy every page it reads once more)
    forget_open_indexes(files, mapped=True)


def _work(block: tuple[int, list[bytes]]) -> list[str]:
    start, lines = block
    assert _options is not None
    return [_record(raw, start + i, _options) for i, raw in enumerate(lines)]


def _pool(jobs: int, opts: _Options) -> Any:
    """A fork-based worker pool, or None when one would not pay off or is unavailable."""
    import multiprocessing

    from synthquery.resolve.lookup import index_files, warm_indexes

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    files = index_files(opts.field)  # built here, once, before any worker starts
    warm_indexes(files)  # read once here, shared by the workers
    try:
        return multiprocessing.get_context("fork").Pool(jobs, _init_worker, (opts, files))
    except OSError:
        return None


#: worker processes a batch may ask for: each holds its own caches, so more than a few per
#: CPU only costs memory
MAX_JOBS = 64


def _jobs(requested: int | None) -> int:
    from synthquery._errors import UsageError

    if requested is None:
        return max(1, min(os.cpu_count() or 1, 4))
    if not 1 <= requested <= MAX_JOBS:
        raise UsageError(f"--jobs must be between 1 and {MAX_JOBS}, got {requested}")
    return requested


def _batch(args: argparse.Namespace) -> int:
    from synthquery._errors import UsageError
    from synthquery.profiles import absent_words
    from synthquery.resolve.fields import canonical_field

    if args.text is not None:
        raise UsageError("give either a TEXT or --input FILE, not both")
    # a bad field is a usage error before any input is read; the profiles' words for "none"
    # are read once here (absent_words keeps them), before any worker is forked
    absent_words(canonical_field(args.field))
    if args.limit < 1:
        raise UsageError(f"--limit must be a positive integer, got {args.limit}")
    jobs = _jobs(args.jobs)
    handle: IO[bytes]
    try:
        handle = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")
    except OSError as exc:
        raise UsageError(f"cannot read {args.input}: {exc.strerror or exc}") from exc
    opts = _Options(
        args.field, args.limit, args.online, args.perturbation_type, _format(args) == "table"
    )
    pool = None
    out = sys.stdout
    number = 1
    try:
        while True:
            block = list(itertools.islice(handle, _BLOCK))
            if not block:
                break
            if pool is None and jobs > 1 and len(block) >= _PARALLEL_FROM:
                pool = _pool(jobs, opts)
                jobs = jobs if pool is not None else 1
            if pool is not None:
                chunks = [(number + i, block[i : i + _CHUNK]) for i in range(0, len(block), _CHUNK)]
                lines = [line for part in pool.imap(_work, chunks) for line in part]
            else:
                lines = [_record(raw, number + i, opts) for i, raw in enumerate(block)]
            out.write("".join(line + "\n" for line in lines))
            number += len(block)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if handle is not sys.stdin.buffer:
            handle.close()
    out.flush()
    return 0


def run(args: argparse.Namespace) -> int:
    if args.input is not None:
        return _batch(args)
    return _one(args)
