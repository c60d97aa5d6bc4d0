"""``synthquery vocab import|list``: a model's real per-field vocabularies, downloaded by users."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HELP = "Import a model's downloaded per-field vocabulary, or list what is imported."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
    imp = verbs.add_parser(
        "import",
        help="store a JSON list of valid values for one model and field",
        description="From then on, values outside the list are flagged for that model.",
    )
    imp.add_argument("file", help="JSON file: a list of values (or objects with an 'id')")
    imp.add_argument("--model", required=True, help="model id, e.g. gem-1-bulk")
    imp.add_argument("--field", required=True, help="metadata key or alias, e.g. tissue")
    lst = verbs.add_parser("list", help="list the imported vocabularies")
    lst.add_argument("--model", help="only this model")
    lst.add_argument("--json", action="store_true", help="print JSON")


def _store_root() -> Path:
    from synthquery._paths import data_dir

    return data_dir() / "vocabularies"


def _read_record(path: Path) -> dict[str, Any] | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return (
            record if isinstance(record, dict) and isinstance(record.get("values"), list) else None
        )
    except (OSError, ValueError):
        return None


def _import(args: argparse.Namespace) -> int:
    from synthquery.profiles import get_profile, import_vocabulary

    profile = get_profile(args.model)
    spec = profile.field(args.field)
    key = spec.key if spec is not None else args.field
    target = import_vocabulary(args.file, profile.model_id, key)
    record = _read_record(target) or {"values": []}
    print(f"imported {len(record['values'])} values for {profile.model_id} {key} into {target}")
    return 0


def _list(args: argparse.Namespace) -> int:
    root = _store_root()
    rows: list[dict[str, Any]] = []
    for path in sorted(root.glob("*/*.json")) if root.is_dir() else []:
        model, key = path.parent.name, path.stem
        if args.model and model != args.model.strip().lower():
            continue
        record = _read_record(path)
        rows.append(
            {
                "model": model,
                "key": key,
                "values": len(record["values"]) if record else None,
                "source": (record or {}).get("source", ""),
                "imported": (record or {}).get("imported", ""),
                "path": str(path),
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print("no imported vocabularies (add one with `synthquery vocab import`)", file=sys.stderr)
        return 0
    for row in rows:
        count = "damaged" if row["values"] is None else f"{row['values']} values"
        print(f"{row['model']}  {row['key']}  {count}  from {row['source']} ({row['imported']})")
    return 0


def run(args: argparse.Namespace) -> int:
    return _import(args) if args.verb == "import" else _list(args)
