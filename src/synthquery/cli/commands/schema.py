"""``synthquery schema --model M``: the JSON Schema of a model's query (for editors)."""

from __future__ import annotations

import argparse

HELP = "Print the JSON Schema of a model's query (enums and id patterns from its profile)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="gem-1-bulk", help="model id (default gem-1-bulk)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def run(args: argparse.Namespace) -> int:
    from synthquery.cli.commands.example import emit_json
    from synthquery.query import json_schema

    emit_json(json_schema(args.model), args.output)
    return 0
