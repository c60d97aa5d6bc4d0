"""Renderers: text (ruff-like), json and sarif, all fed by ``Report.records()``.

``RENDERERS`` maps a format name to a function ``(results, color) -> str`` where ``results``
is a list of ``(filename, Report)``; adding a format is adding an entry, not a branch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from synthquery.lint._paths import input_index

if TYPE_CHECKING:
    from synthquery.lint.report import Report

__all__ = ["FORMATS", "RENDERERS", "render"]

Results = list[tuple[str, "Report"]]

_ANSI = {
    "error": "\033[1;31m",
    "warning": "\033[1;33m",
    "info": "\033[1;34m",
    "bold": "\033[1m",
    "dim": "\033[2m",
    "fix": "\033[36m",
    "reset": "\033[0m",
}
_MAX_SUGGESTIONS = 5


def _paint(text: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{text}{_ANSI['reset']}" if color else text


def _fix_text(fix: dict[str, Any]) -> str:
    if fix.get("description"):
        return str(fix["description"])
    kind = fix["kind"]
    if kind == "replace":
        return f"set {fix['path']} to {json.dumps(fix.get('value'), ensure_ascii=False)}"
    if kind == "rename_key":
        return f"rename {fix['path']} to {fix.get('new_key')!r}"
    if kind == "delete":
        return f"delete {fix['path']}"
    return f"replace the document with {fix['path']}"


# suggestions are values to try ("crispr") or actions ("delete `mode`"): phrase them apart
_ACTIONS = frozenset({"delete", "move", "split", "merge", "use", "set", "rename", "omit", "remove"})


def _help_text(suggestions: list[str]) -> str:
    actions = [s for s in suggestions if s.split(" ", 1)[0] in _ACTIONS and " " in s]
    values = [s for s in suggestions if s not in actions]
    shown = values[:_MAX_SUGGESTIONS]
    more = len(values) - len(shown)
    parts = list(actions)
    if shown:
        parts.append("try " + " | ".join(shown) + (f" (+{more} more)" if more > 0 else ""))
    return "; or ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _group_title(index: int) -> str:
    return "query" if index < 0 else f"inputs[{index}]"


def render_text(results: Results, color: bool = False) -> str:
    lines: list[str] = []
    errors = warnings = infos = fixable = 0
    for filename, report in results:
        group: int | None = None
        records = report.records()
        # in a terminal, reading order: by input, then line and column
        records.sort(key=lambda r: (input_index(r["path"]), r["line"] or 0, r["column"] or 0))
        for rec in records:
            index = input_index(rec["path"])
            if index != group:
                if lines:
                    lines.append("")
                lines.append(_paint(f"{filename} · {_group_title(index)}", "bold", color))
                group = index
            severity = rec["severity"]
            errors += severity == "error"
            warnings += severity == "warning"
            infos += severity == "info"
            fixable += rec["fix"] is not None
            if rec["line"] is not None:
                where = f"{filename}:{rec['line']}:{rec['column']}"
            else:
                where = f"{filename}:{rec['path'] or '$'}"
            mark = _paint("[*] ", "fix", color) if rec["fix"] is not None else ""
            code = _paint(rec["code"], severity, color)
            tag = "" if severity == "error" else f"({severity}) "
            lines.append(f"{where}: {code} {mark}{tag}{rec['message']}")
            if rec["line"] is not None and rec["path"]:
                lines.append(_paint(f"  at {rec['path']}", "dim", color))
            if rec["suggestions"]:
                lines.append(f"  help: {_help_text(rec['suggestions'])}")
            if rec["fix"] is not None:
                lines.append(_paint(f"  fix: {_fix_text(rec['fix'])}", "fix", color))
    if lines:
        lines.append("")
    files = _plural(len(results), "file")
    if errors or warnings or infos:
        parts = [_plural(errors, "error"), _plural(warnings, "warning")]
        if infos:
            parts.append(_plural(infos, "note"))
        summary = f"Found {', '.join(parts)} in {files}."
        if fixable:
            summary += f" [*] {fixable} fixable with `synthquery lint --fix`."
        lines.append(_paint(summary, "bold", color))
    else:
        lines.append(_paint(f"All checks passed ({files}).", "bold", color))
    return "\n".join(lines) + "\n"


def _summary(results: Results) -> dict[str, Any]:
    total: dict[str, Any] = {"files": len(results), "errors": 0, "warnings": 0, "info": 0}
    total["fixable"] = 0
    total["inputs"] = 0
    for _, report in results:
        s = report.summary
        for key in ("errors", "warnings", "info", "fixable", "inputs"):
            total[key] += s[key]
    models = sorted({report.model for _, report in results})
    if len(models) == 1:
        total["model"] = models[0]
    else:
        total["models"] = models
    return total


def render_json(results: Results, color: bool = False) -> str:
    diagnostics = [
        {"file": filename, **rec} for filename, report in results for rec in report.records()
    ]
    return (
        json.dumps(
            {"diagnostics": diagnostics, "summary": _summary(results)}, indent=2, ensure_ascii=False
        )
        + "\n"
    )


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(filename: str) -> str:
    # SARIF wants a URI reference: "a b.json" and "<stdin>" must be percent-encoded
    from urllib.parse import quote

    return quote(filename.replace("\\", "/"))


def render_sarif(results: Results, color: bool = False) -> str:
    from synthquery import __version__
    from synthquery.lint.registry import get_registry

    rules = list(get_registry())
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {
        "name": "synthquery",
        "version": __version__,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.documentation()},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity.value]},
                "properties": {"groups": list(rule.groups), "fixable": rule.fixable},
            }
            for rule in rules
        ],
    }
    sarif_results = []
    for filename, report in results:
        for rec in report.records():
            location: dict[str, Any] = {
                "physicalLocation": {"artifactLocation": {"uri": _uri(filename)}},
                "logicalLocations": [{"fullyQualifiedName": rec["path"] or "$", "kind": "member"}],
            }
            if rec["line"] is not None:
                location["physicalLocation"]["region"] = {
                    "startLine": rec["line"],
                    "startColumn": rec["column"],
                }
            result: dict[str, Any] = {
                "ruleId": rec["code"],
                "level": _SARIF_LEVEL[rec["severity"]],
                "message": {"text": rec["message"]},
                "locations": [location],
                "properties": {"path": rec["path"], "suggestions": rec["suggestions"]},
            }
            if rec["code"] in index:
                result["ruleIndex"] = index[rec["code"]]
            if rec["fix"] is not None:
                result["properties"]["fix"] = rec["fix"]
            sarif_results.append(result)
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": sarif_results}],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Results, bool], str]] = {
    "text": render_text,
    "json": render_json,
    "sarif": render_sarif,
}
FORMATS = tuple(RENDERERS)


def render(results: Results, fmt: str = "text", *, color: bool = False) -> str:
    """Render ``[(filename, report), ...]`` in ``fmt`` (one of :data:`FORMATS`)."""
    from synthquery._errors import UsageError

    renderer = RENDERERS.get(fmt)
    if renderer is None:
        raise UsageError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return renderer(results, color)
