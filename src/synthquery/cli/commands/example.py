"""``synthquery example [MODEL]``: print a model's example query (offline unless --online)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

HELP = "Print a model's example query, as the API's example-query endpoint returns it."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", nargs="?", default="gem-1-bulk", help="model id (gem-1-bulk)")
    parser.add_argument(
        "--online", action="store_true", help="ask the API instead of the shipped profile"
    )
    parser.add_argument(
        "--unwrap",
        action="store_true",
        help="print the query itself, without the {'example_query': ...} wrapper",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def emit_json(doc: Any, output: str | None) -> None:
    """Print ``doc`` as indented JSON, or write it to ``output`` (a path)."""
    from synthquery._errors import UsageError

    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    print(f"wrote {output}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from synthquery.query import get_example_query

    doc = get_example_query(args.model, online=args.online)
    emit_json(doc["example_query"] if args.unwrap else doc, args.output)
    return 0
