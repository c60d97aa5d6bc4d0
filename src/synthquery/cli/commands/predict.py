"""``synthquery predict QUERY --model M --out DIR``: lint, submit, wait, save the result."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path
from typing import Any

HELP = "Lint a query, run it on the prediction API and save the result (needs an API key)."

EXIT_INTERRUPTED = 130


def add_polling_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", required=True, metavar="DIR", help="directory for the result files"
    )
    parser.add_argument(
        "--format", choices=("csv", "parquet"), default="csv", help="file format (default csv)"
    )
    parser.add_argument(
        "--poll-interval", type=float, default=2.0, metavar="S", help="seconds between polls"
    )
    parser.add_argument(
        "--timeout", type=float, default=900.0, metavar="S", help="give up polling after S s"
    )
    progress = parser.add_mutually_exclusive_group()
    progress.add_argument(
        "--progress",
        dest="progress",
        action="store_true",
        default=None,
        help="show the job's progress on stderr (default: when stderr is a terminal)",
    )
    progress.add_argument("--no-progress", dest="progress", action="store_false")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="query JSON file ('-' reads stdin)")
    parser.add_argument("--model", required=True, help="model id, e.g. gem-1-bulk")
    parser.add_argument(
        "--no-lint", action="store_true", help="send the query without linting it first"
    )
    add_polling_arguments(parser)


def read_query(path: str) -> dict[str, Any]:
    """The query document from a file or stdin; unreadable input is a usage error (exit 2)."""
    from synthquery._errors import UsageError

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read query {path!r}: {exc}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(
            f"query {path!r} is not JSON (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None
    if not isinstance(document, dict):
        raise UsageError(f"query {path!r} must be a JSON object, not {type(document).__name__}")
    return document


def resume_command(job_id: str, args: argparse.Namespace) -> str:
    words = ["synthquery", "result", job_id, "--out", args.out]
    if getattr(args, "model", None):
        words += ["--model", args.model]
    if args.format != "csv":
        words += ["--format", args.format]
    return " ".join(shlex.quote(w) for w in words)


def fetch_and_save(client: Any, job_id: str, args: argparse.Namespace, query: Any) -> int:
    """Wait for ``job_id`` and save its result; Ctrl-C or a timeout say how to resume."""
    from synthquery.client import PredictionTimeout

    try:
        result = client.result(
            job_id,
            query=query,
            model_id=getattr(args, "model", None),
            poll_interval_seconds=args.poll_interval,
            poll_timeout_seconds=args.timeout,
            progress=args.progress,
        )
    except KeyboardInterrupt:
        print(
            f"\ninterrupted: job {job_id} keeps running on the server; resume with:\n"
            f"  {resume_command(job_id, args)}",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except PredictionTimeout as exc:
        print(f"error: {exc}\nresume with:\n  {resume_command(job_id, args)}", file=sys.stderr)
        return 1
    save(result, args)
    return 0


def save(result: Any, args: argparse.Namespace) -> None:
    result.save(args.out, format=args.format)
    samples, genes = result.expression.shape
    print(f"wrote {samples} samples x {genes} genes to {args.out} ({args.format})")


def run(args: argparse.Namespace) -> int:
    from synthquery.client import Client

    document = read_query(args.query)
    with Client() as client:
        if client.self_hosted:  # answered synchronously: nothing to resume
            save(client.predict(document, args.model, lint=not args.no_lint), args)
            return 0
        job_id = client.submit(document, args.model, lint=not args.no_lint)
        print(f"submitted job {job_id}", file=sys.stderr)
        return fetch_and_save(client, job_id, args, document)
