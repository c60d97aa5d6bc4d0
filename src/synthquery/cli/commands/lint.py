"""``synthquery lint``: check query files before submission; optionally write a fixed query.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or unreadable input.
With ``--fix`` the corrected query goes to stdout (the report then goes to stderr) or to
``--output``; the report lists what is left.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

HELP = "Lint query JSON files (exit 1 on errors); --fix writes a corrected query."

_FORMATS = ("text", "json", "sarif")  # synthquery.lint.render.FORMATS, without importing it


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="query JSON files; - for stdin")
    parser.add_argument("--model", "-m", help="model id (default: from the query, else gem-1-bulk)")
    parser.add_argument("--format", choices=_FORMATS, default="text", help="output format")
    parser.add_argument(
        "--select", action="append", metavar="CODES",
        help="only these rules: codes, names, groups, prefixes or globs (comma-separated)",
    )  # fmt: skip
    parser.add_argument(
        "--ignore", action="append", metavar="CODES", help="skip these rules (same syntax)"
    )
    parser.add_argument(
        "--warn", action="append", metavar="CODES", help="report these rules' errors as warnings"
    )
    parser.add_argument(
        "--fix", action="store_true", help="write the query with safe fixes applied"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="with --fix: write it here")
    parser.add_argument(
        "--quota", type=int, metavar="N", help="samples per query before X009 warns"
    )
    parser.add_argument("--offline", action="store_true", help="never ask EBI OLS")
    parser.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto",
        help="colour text output (auto: only on a terminal)",
    )  # fmt: skip


def _use_color(choice: str, stream: Any) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _read(name: str, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a file or stdin (S002 reports anything longer)."""
    if name == "-":
        return sys.stdin.buffer.read(limit + 1)
    with open(name, "rb") as handle:
        return handle.read(limit + 1)


def _dump(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    from synthquery._errors import UsageError
    from synthquery.lint import LintConfig, lint, render

    if args.output and not args.fix:
        raise UsageError("--output only makes sense with --fix")
    if args.fix and len(args.files) != 1:
        raise UsageError("--fix takes exactly one FILE (the fixed query is written as one JSON)")
    if args.files.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    config = LintConfig.coerce(
        {
            "quota": args.quota,
            "online": False if args.offline else None,
            "warnings": tuple(args.warn or ()),
        }
    )
    options: dict[str, Any] = {"select": args.select, "ignore": args.ignore, "config": config}
    results = []
    unreadable = False
    fixed_doc: Any = None
    for name in args.files:
        label = "<stdin>" if name == "-" else name
        try:
            data = _read(name, config.max_bytes)
        except OSError as exc:
            print(f"error: cannot read {label}: {exc.strerror or exc}", file=sys.stderr)
            unreadable = True
            continue
        report = lint(data, args.model, **options)
        if args.fix and report.document is not None:
            fixed_doc = report.apply_fixes()
            # lint the text as written, so line/column point into the output
            report = lint(_dump(fixed_doc), report.model, **options)
            label = args.output or "<fixed>"

        results.append((label, report))

    report_stream = sys.stdout
    if args.fix and fixed_doc is not None:
        text = _dump(fixed_doc)
        if args.output:
            try:
                with open(args.output, "w", encoding="utf-8") as handle:
                    handle.write(text)
            except OSError as exc:
                raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        else:
            sys.stdout.write(text)
            report_stream = sys.stderr  # keep stdout a clean JSON document
    if results:
        color = args.format == "text" and _use_color(args.color, report_stream)
        report_stream.write(render(results, args.format, color=color))
    if unreadable:
        return 2
    return 1 if any(report.has_errors for _, report in results) else 0
