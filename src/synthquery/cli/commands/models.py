"""``synthquery models``: the models the prediction API offers."""

from __future__ import annotations

import argparse
import json

HELP = "List the models the prediction API offers (needs SYNTHESIZE_API_KEY)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the server's list as JSON")


def run(args: argparse.Namespace) -> int:
    from synthquery.client import Client

    with Client() as client:
        models = client.list_models()
    if args.json:
        print(json.dumps(models, indent=2))
    else:
        for model in models:
            print(model.get("model_id") or json.dumps(model))
    return 0
