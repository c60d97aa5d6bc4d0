"""``synthquery build``: build a query from words on the command line or a sample sheet.

Metadata options fill the current input; ``--add`` starts the next one::

    synthquery build --model gem-1-bulk --tissue lung --disease "lung adenocarcinoma" \\
        --sex female --n 5 --add --cell-line HeLa --perturbation imatinib --dose 10uM --n 3

Every metadata key is an option in kebab case (``--tissue-ontology-id``), as are the profile's
aliases (``--tissue``). Resolution warnings go to stderr; the JSON goes to stdout (or --output).
The result is linted: findings go to stderr, and lint errors (e.g. a perturbation agent without
``--perturbation-type``) make the exit status 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

HELP = "Build a query from words (--tissue lung --n 5 --add ...) or a sample sheet; print JSON."


def _field_options() -> dict[str, str]:
    """Option name (snake case) -> help, read from the profile files without pydantic."""
    spec = importlib.util.find_spec("synthquery.profiles")  # imports only the parent package
    locations = list(spec.submodule_search_locations or []) if spec else []
    out: dict[str, str] = {}
    aliases: dict[str, str] = {}
    ontology: set[str] = set()
    for location in locations:
        for path in sorted((Path(location) / "data").glob("*.json")):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for key in doc.get("metadata_keys", ()):
                out.setdefault(key, "")
            for key, field in doc.get("fields", {}).items():
                if field.get("description"):
                    out[key] = field["description"]
                if field.get("kind") == "ontology":
                    ontology.add(key)
                for alias in field.get("aliases", ()):
                    aliases.setdefault(alias, key)
    for alias, key in aliases.items():
        words = "; words or ids" if key in ontology else ""
        out.setdefault(alias, f"alias of --{key.replace('_', '-')}{words}")
    return out


class _InputValue(argparse.Action):
    """Store ``--KEY VALUE`` into the current input (the last dict in ``namespace.inputs``)."""

    def __init__(self, option_strings: list[str], dest: str, key: str = "", **kw: Any) -> None:
        self.key = key
        super().__init__(option_strings, dest, **kw)

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        inputs = getattr(namespace, self.dest, None) or [{}]
        current = inputs[-1]
        if self.key in current:
            parser.error(
                f"{option} given twice for input {len(inputs) - 1}; use --add to start a new input"
            )
        current[self.key] = values
        setattr(namespace, self.dest, inputs)


class _NewInput(argparse.Action):
    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        inputs = getattr(namespace, self.dest, None) or [{}]
        if inputs[-1]:  # "--add" before any value just opens the first input
            inputs.append({})
        setattr(namespace, self.dest, inputs)


def _whole_number(text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_integer():
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    return int(value)


def _extra(text: str) -> tuple[str, Any]:
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(raw)
    except ValueError:
        return key, raw


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default="gem-1-bulk", help="model id (default gem-1-bulk)")
    parser.add_argument("--from-table", metavar="FILE", help="one input per row (csv, tsv, xlsx)")
    parser.add_argument("--sheet", help="sheet name of an .xlsx table")
    top = parser.add_argument_group("query settings")
    top.add_argument("--sampling", metavar="STRATEGY", help="sampling_strategy (model default)")
    top.add_argument("--seed", type=int, help="random seed")
    top.add_argument("--total-count", type=_whole_number, metavar="N", help="library size")
    top.add_argument(
        "--deterministic-latents",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="use the mean latent instead of sampling",
    )
    top.add_argument(
        "--extra",
        type=_extra,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="pass-through top-level key (VALUE read as JSON when it parses)",
    )
    inputs = parser.add_argument_group(
        "inputs", "metadata of the current input; words or ids for ontology fields"
    )
    inputs.add_argument(
        "--add", action=_NewInput, nargs=0, dest="inputs", help="start the next input"
    )
    inputs.add_argument(
        "--n",
        "--num-samples",
        action=_InputValue,
        dest="inputs",
        key="n",
        metavar="N",
        help="samples for the current input (default 1)",
    )
    for name, text in _field_options().items():
        inputs.add_argument(
            f"--{name.replace('_', '-')}",
            action=_InputValue,
            dest="inputs",
            key=name,
            metavar="VALUE",
            help=text.replace("%", "%%"),
        )
    out = parser.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="FILE", help="write the JSON to FILE")
    out.add_argument("--strict", action="store_true", help="fail on ambiguous words")
    out.add_argument(
        "--review", action="store_true", help="print what every word resolved to (stderr)"
    )
    net = out.add_mutually_exclusive_group()
    net.add_argument(
        "--online",
        dest="online",
        action="store_true",
        default=None,
        help="ask EBI OLS when the local answer is weak",
    )
    net.add_argument("--offline", dest="online", action="store_false", help="never use the network")


def _report(query: Any, review: bool) -> None:
    if review:
        print(query.review(), file=sys.stderr)
        return
    for res in query.uncertain:
        if res.is_guess:
            print(f"warning: {res.path}: {res.message}", file=sys.stderr)
        for note in res.warnings:
            print(f"warning: {res.path}: {note}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from synthquery._errors import UsageError
    from synthquery.query import Query

    rows = [row for row in (args.inputs or []) if row]
    if not rows and not args.from_table:
        raise UsageError(
            "nothing to build: give metadata options (e.g. --tissue lung) or --from-table"
        )
    if args.from_table:
        query = Query.from_table(
            args.from_table, args.model, sheet=args.sheet, strict=args.strict, online=args.online
        )
    else:
        query = Query(args.model, strict=args.strict, online=args.online)
    if rows:
        query = query.add_many(rows, source="command line")
    if args.sampling is not None:
        query = query.sampling(args.sampling)
    if args.seed is not None:
        query = query.seed(args.seed)
    if args.total_count is not None:
        query = query.total_count(args.total_count)
    if args.deterministic_latents is not None:
        query = query.deterministic_latents(args.deterministic_latents)
    if args.extra:
        query = query.extra(**dict(args.extra))
    _report(query, args.review)
    from synthquery.cli.commands.example import emit_json

    doc = query.to_dict()
    emit_json(doc, args.output)
    return _check(doc, query.model, query)


def _check(doc: dict[str, Any], model: str, query: Any) -> int:
    """Lint what was built: a query the linter rejects is not returned as if it were valid.

    The JSON is still written (so it can be edited); lint findings go to stderr and errors
    make the exit status 1. Paths the builder already warned about are not repeated.
    """
    from synthquery.lint import lint, render

    report = lint(doc, model)
    warned = {res.path for res in query.uncertain}
    report.diagnostics[:] = [
        d
        for d in report.diagnostics
        if d.severity.value == "error" or not any(d.path.startswith(p) for p in warned)
    ]
    if report.diagnostics:
        sys.stderr.write(render([("<built>", report)], "text"))
    if report.has_errors:
        print(
            "error: the built query has lint errors (see above); fix the options and rebuild",
            file=sys.stderr,
        )
        return 1
    return 0
