"""``synthquery index build|info``: the compiled vocabulary index."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

HELP = "Build or describe the compiled vocabulary index (built automatically on first use)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    build = verbs.add_parser("build", help="compile the snapshots into the index now")
    build.add_argument("--force", action="store_true", help="rebuild even a current index")
    build.add_argument("--json", action="store_true", help="print one JSON object")
    info = verbs.add_parser("info", help="snapshot versions, counts, index path and size")
    info.add_argument("--check", action="store_true", help="also run an integrity check")
    info.add_argument("--json", action="store_true", help="print one JSON object")


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    return f"{n / 1e6:.1f} MB"


def _build(args: argparse.Namespace) -> int:
    from synthquery.ontology import index as index_module

    started = time.perf_counter()
    handle = index_module.current_handle()
    built = handle.build(force=args.force)
    derived: list[str] = []
    try:  # the grounding layer keeps its own index derived from this one
        from synthquery import resolve

        resolve_build = resolve.build_index
    except (ImportError, AttributeError):
        resolve_build = None
    if resolve_build is not None:
        made = resolve_build(force=args.force)
        if isinstance(made, dict):
            derived.extend(f"{name}: {made_path}" for name, made_path in made.items())
        elif made is not None:
            derived.append(str(made))
    seconds = time.perf_counter() - started
    path = handle.path
    result: dict[str, Any] = {
        "index_path": str(path),
        "built": built,
        "seconds": round(seconds, 2),
        "size_bytes": path.stat().st_size,
        "derived": derived,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    verb = "built" if built else "already current:"
    print(f"{verb} {path} ({_size(result['size_bytes'])}, {seconds:.1f} s)")
    for item in derived:
        print(f"grounding index {item}")
    return 0


def _info(args: argparse.Namespace) -> int:
    from synthquery.ontology import index_info

    info: dict[str, Any] = index_info(check=args.check)
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    print(f"snapshots   {info['snapshot_dir']} (built {info['snapshot_built'] or '?'})")
    state = "built" if info["built"] else f"not built ({info['problem']})"
    print(f"index       {info['index_path']}")
    print(f"            {state}, {_size(info['size_bytes'])}")
    if info.get("quick_check") is not None:
        print(f"check       {info['quick_check']}")
    print(f"{'vocabulary':<11} {'terms':>9} {'obsolete':>9} {'synonyms':>9}  version")
    for name, v in info["vocabularies"].items():
        counts = v["counts"]
        extra = f" ({counts['ids']:,} ids)" if "ids" in counts else ""
        print(
            f"{name:<11} {counts.get('terms', 0):>9,} {counts.get('obsolete', 0):>9,} "
            f"{counts.get('synonyms', 0):>9,}  {v['version']}{extra}"
        )
    if not info["built"]:
        print("run `synthquery index build` (or any lookup) to build it", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    return _build(args) if args.verb == "build" else _info(args)
