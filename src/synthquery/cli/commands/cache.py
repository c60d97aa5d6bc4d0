"""``synthquery cache info|clear``: cached OLS answers (the ontology index shares the dir)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HELP = "Show or clear the cache of EBI OLS answers (and, with --all, the compiled index)."

# files synthquery itself names in the cache dir: OLS cache, compiled index, their locks/temps
_OWN_FILES = ("ols-*", "vocab-*", ".vocab-*")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    info = verbs.add_parser("info", help="cache path, size, entries, their age and expiry")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    clear = verbs.add_parser(
        "clear", help="delete cached OLS answers (the ontology index is kept unless --all)"
    )
    clear.add_argument("--ols", action="store_true", help="all OLS answers (the default)")
    clear.add_argument("--expired", action="store_true", help="only OLS answers past expiry")
    clear.add_argument(
        "--ontology", metavar="NAME", help="only OLS answers about one ontology (e.g. uberon)"
    )
    clear.add_argument(
        "--all",
        action="store_true",
        help="every synthquery file in the cache dir, the compiled ontology index included",
    )
    clear.add_argument("--json", action="store_true", help="print one JSON object")


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def _ago(stamp: str | None) -> str:
    if not stamp:
        return "-"
    seconds = (datetime.now(timezone.utc) - datetime.fromisoformat(stamp)).total_seconds()
    when = "ago" if seconds >= 0 else "from now"
    seconds = abs(seconds)
    for unit, scale in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= scale:
            count = int(seconds // scale)
            return f"{count} {unit}{'s' if count != 1 else ''} {when}"
    return f"{int(seconds)} s {when}"


def _other_files(directory: Path, ols_path: Path) -> list[dict[str, Any]]:
    files = []
    if directory.is_dir():
        for path in sorted(directory.iterdir()):
            if path.is_file() and not path.name.startswith(ols_path.name):
                files.append({"name": path.name, "size_bytes": path.stat().st_size})
    return files


def _info(args: argparse.Namespace) -> int:
    from synthquery._paths import cache_dir
    from synthquery.ols._admin import cache_info
    from synthquery.ols._client import DEFAULT_EXPIRE_AFTER_DAYS, _env_float

    directory = cache_dir()
    info = cache_info(directory)
    days = _env_float("SYNTHQUERY_OLS_CACHE_DAYS", DEFAULT_EXPIRE_AFTER_DAYS)
    result: dict[str, Any] = {
        "cache_dir": str(directory),
        "ols": {**info, "expire_after_days": days},
        "other_files": _other_files(directory, Path(info["path"])),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"cache dir: {directory}")
    if not info["exists"]:
        print(f"OLS cache: {info['path']} (not created yet)")
    else:
        print(f"OLS cache: {info['path']} ({_size(info['size_bytes'])})")
        print(
            f"  entries: {info['entries']} ({info['fresh']} fresh, {info['expired']} expired); "
            f"answers are reused for {days:g} days, then refreshed (kept for offline use)"
        )
        if info["entries"]:
            print(f"  oldest: {_ago(info['oldest'])}; newest: {_ago(info['newest'])}")
            if info["next_expiry"]:
                print(f"  next expiry: {_ago(info['next_expiry'])}")
            parts = ", ".join(f"{name} {count}" for name, count in info["by_ontology"].items())
            print(f"  by ontology: {parts}")
        if info.get("problem"):
            print(f"  problem: {info['problem']}")
    for other in result["other_files"]:
        print(f"other: {other['name']} ({_size(other['size_bytes'])})")
    return 0


def _clear(args: argparse.Namespace) -> int:
    from synthquery._errors import UsageError
    from synthquery._paths import cache_dir
    from synthquery.ols._admin import clear_cache, remove_files

    if args.all and (args.expired or args.ontology):
        raise UsageError(
            "--all removes everything; it cannot be combined with --expired/--ontology"
        )
    if args.ontology is not None:
        from synthquery.ols import ontology_name

        ontology = ontology_name(args.ontology)
    else:
        ontology = None
    directory = cache_dir()
    removed_entries = clear_cache(directory, expired_only=args.expired, ontology=ontology)
    removed_files = [p.name for p in remove_files(directory, _OWN_FILES)] if args.all else []
    if args.all:
        from synthquery.ols import reset_default_client

        reset_default_client()  # its connection pointed at a file that is gone
    if args.json:
        print(json.dumps({"removed_entries": removed_entries, "removed_files": removed_files}))
        return 0
    what = "expired " if args.expired else ""
    scope = f" about {ontology}" if ontology else ""
    noun = "entry" if removed_entries == 1 else "entries"
    print(f"removed {removed_entries} {what}OLS cache {noun}{scope}")
    for name in removed_files:
        print(f"removed {directory / name}")
    if not args.all:
        print("(the compiled ontology index was kept; use --all to remove it)", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    return _info(args) if args.verb == "info" else _clear(args)
