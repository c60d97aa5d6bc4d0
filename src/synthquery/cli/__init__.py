"""The ``synthquery`` command line: ``main(argv) -> exit code``.

Each subcommand lives in ``synthquery.cli.commands.<name>`` and provides ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Command modules import their heavy
dependencies inside ``run`` so ``synthquery --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

__all__ = ["main"]

# subcommand -> module; the order here is the order of ``synthquery --help``
COMMANDS: dict[str, str] = {
    "term": "synthquery.cli.commands.term",
    "index": "synthquery.cli.commands.index",
    "lookup": "synthquery.cli.commands.lookup",
    "example": "synthquery.cli.commands.example",
    "build": "synthquery.cli.commands.build",
    "schema": "synthquery.cli.commands.schema",
    "vocab": "synthquery.cli.commands.vocab",
    "lint": "synthquery.cli.commands.lint",
    "rule": "synthquery.cli.commands.rule",
    "cache": "synthquery.cli.commands.cache",
    "models": "synthquery.cli.commands.models",
    "predict": "synthquery.cli.commands.predict",
    "result": "synthquery.cli.commands.result",
}

EXIT_OK = 0
EXIT_FAILURE = 1  # domain failure: lint errors, unknown term, API error
EXIT_USAGE = 2  # bad arguments or unreadable input
EXIT_INTERNAL = 3  # a bug in synthquery
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _load(name: str) -> ModuleType | None:
    module_name = COMMANDS[name]
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:  # command not installed in this build
            return None
        raise


def build_parser() -> argparse.ArgumentParser:
    from synthquery import __version__

    parser = _Parser(
        prog="synthquery",
        description="Ground words to ontology ids, build and lint GEM-1 queries, predict.",
    )
    parser.add_argument("--version", action="version", version=f"synthquery {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = _load(name)
        if module is None:
            continue
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def _show_progress() -> None:
    """On a terminal, say when a first use builds a grounding index (that takes seconds to
    a minute and would look like a hang); piped output stays clean."""
    import logging

    logger = logging.getLogger("synthquery.index")
    isatty = getattr(sys.stderr, "isatty", None)
    wanted = bool(isatty and isatty())
    for handler in list(logger.handlers):
        if getattr(handler, "_synthquery_cli", False):
            logger.removeHandler(handler)  # main() may run again, with another stderr
    if not wanted:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("synthquery: %(message)s"))
    handler._synthquery_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting (``__main__`` exits)."""
    from synthquery._errors import SynthqueryError, UsageError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version or a usage error
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_USAGE
    if getattr(args, "_run", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    _show_progress()
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SynthqueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: say so briefly; the traceback only on request
        if os.environ.get("SYNTHQUERY_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "(set SYNTHQUERY_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
