"""``synthquery predict QUERY --model M --out DIR``: lint, submit, wait, save the result."""

from __future__ import annotations

import argparse
import math
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

HELP = "Lint a query, run it on the prediction API and save the result (needs an API key)."

EXIT_INTERRUPTED = 130


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0, got {text!r}")
    return value


def add_polling_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", required=True, metavar="DIR", help="directory for the result files"
    )
    parser.add_argument(
        "--format", choices=("csv", "parquet"), default="csv", help="file format (default csv)"
    )
    parser.add_argument(
        "--poll-interval",
        type=_seconds,
        default=2.0,
        metavar="S",
        help="seconds between polls",
    )
    parser.add_argument(
        "--timeout", type=_seconds, default=900.0, metavar="S", help="give up polling after S s"
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


def read_query_text(path: str) -> tuple[str, dict[str, Any]]:
    """The query's text and document from a file or stdin; unreadable input (missing file, not
    UTF-8, not a JSON object, absurdly nested) is a usage error (exit 2)."""
    from synthquery._errors import UsageError
    from synthquery.lint._source import load_text
    from synthquery.lint.config import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH

    try:
        if path == "-":
            stream = getattr(sys.stdin, "buffer", sys.stdin)  # tests swap in a StringIO
            raw: str | bytes = stream.read(DEFAULT_MAX_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                raw = handle.read(DEFAULT_MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read query {path!r}: {exc.strerror or exc}") from None
    # the linter's reader: BOM, NaN, 1e400 and deep nesting are handled without a traceback
    loaded = load_text(raw, max_bytes=DEFAULT_MAX_BYTES, max_depth=DEFAULT_MAX_DEPTH)
    problem = loaded.problem
    if problem is not None:
        where = f" (line {problem.line} column {problem.column})" if problem.line else ""
        raise UsageError(f"query {path!r} is not usable JSON{where}: {problem.message}")
    document = loaded.doc
    if not isinstance(document, dict):
        raise UsageError(f"query {path!r} must be a JSON object, not {type(document).__name__}")
    return loaded.text or "", document


def read_query(path: str) -> dict[str, Any]:
    """The query document from a file or stdin (see :func:`read_query_text`)."""
    return read_query_text(path)[1]


def check_out_dir(directory: str, fmt: str = "csv") -> None:
    """Fail before anything is submitted if the results could not be written there (or, for
    parquet, without pyarrow).

    Nothing is created: the nearest existing directory on the way is tried for writing.
    """
    from synthquery._errors import UsageError

    if fmt == "parquet":
        from synthquery.results import _require_pyarrow

        _require_pyarrow("--format parquet")

    out = Path(directory)
    probe = out
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        raise UsageError(f"--out {directory!r}: {str(probe)!r} exists and is not a directory")
    try:
        # os.access is not enough: root passes it, read-only mounts fail only on write
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write to --out {directory!r}: {exc.strerror or exc}") from None


def resume_command(job_id: str, args: argparse.Namespace) -> str:
    words = ["synthquery", "result", job_id, "--out", args.out]
    if getattr(args, "model", None):
        words += ["--model", args.model]
    if args.format != "csv":
        words += ["--format", args.format]
    return " ".join(shlex.quote(w) for w in words)


def fetch_and_save(client: Any, job_id: str, args: argparse.Namespace, query: Any) -> int:
    """Wait for ``job_id`` and save its result; Ctrl-C or a timeout say how to resume."""
    from synthquery.client import PredictionTimeout, ResponseError

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
    except ResponseError as exc:  # an unusable download (truncated...): the job itself is fine
        print(
            f"error: {exc}\nfetch it again with:\n  {resume_command(job_id, args)}", file=sys.stderr
        )
        return 1
    try:
        save(result, args)
    except OSError as exc:  # the job is done and paid for: say how to fetch it again
        print(
            f"error: cannot save the result to {args.out!r}: {exc.strerror or exc}\n"
            f"the result stays on the server for a while; fetch it again with:\n"
            f"  {resume_command(job_id, args)}",
            file=sys.stderr,
        )
        return 1
    return 0


def save(result: Any, args: argparse.Namespace) -> None:
    result.save(args.out, format=args.format)
    samples, genes = result.expression.shape
    print(f"wrote {samples} samples x {genes} genes to {args.out} ({args.format})")


def _refused(exc: Any, text: str, args: argparse.Namespace) -> int:
    """Show lint errors the way `synthquery lint` does, not as one long exception line."""
    from synthquery.lint import lint, render

    label = "<stdin>" if args.query == "-" else args.query
    report = lint(text, exc.report.model)  # the same findings, with line and column in the file
    sys.stderr.write(render([(label, report)], "text"))
    print(
        "error: not submitted: the query has lint errors "
        "(`synthquery lint --fix` repairs the fixable ones; --no-lint sends it anyway)",
        file=sys.stderr,
    )
    return 1


def run(args: argparse.Namespace) -> int:
    from synthquery._errors import QueryLintError
    from synthquery.client import Client

    text, document = read_query_text(args.query)
    check_out_dir(args.out, args.format)
    with Client() as client:
        try:
            if client.self_hosted:  # answered synchronously: nothing to resume
                save(client.predict(document, args.model, lint=not args.no_lint), args)
                return 0
            job_id = client.submit(document, args.model, lint=not args.no_lint)
        except QueryLintError as exc:
            return _refused(exc, text, args)
        print(f"submitted job {job_id}", file=sys.stderr)
        return fetch_and_save(client, job_id, args, document)
