"""JSON paths as diagnostics spell them: ``inputs[1].metadata.tissue_ontology_id``.

Keys that are not plain identifiers are quoted (``metadata["cell type"]``) so every path parses
back to exactly the keys and indexes it was built from.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["PathError", "get_at", "input_index", "join", "parse", "rebase"]

Part = str | int

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_TOKEN = re.compile(r'\.([A-Za-z_][A-Za-z0-9_\-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')
_FIRST = re.compile(r'([A-Za-z_][A-Za-z0-9_\-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


class PathError(ValueError):
    """A path string that this module did not produce."""


def _part(part: Part) -> str:
    if isinstance(part, int):
        return f"[{part}]"
    if _PLAIN.fullmatch(part):
        return "." + part
    return "[" + json.dumps(part, ensure_ascii=False) + "]"


def join(prefix: str, *parts: Part) -> str:
    """``join("inputs[0]", "metadata", "sex")`` -> ``inputs[0].metadata.sex``."""
    out = prefix + "".join(_part(p) for p in parts)
    return out[1:] if not prefix and out.startswith(".") else out


def rebase(prefix: str, relative: str) -> str:
    """Put a path relative to some object under ``prefix`` (``"" -> prefix``)."""
    if not relative:
        return prefix
    if not prefix or relative[0] == "[":
        return prefix + relative
    return prefix + "." + relative


def parse(path: str) -> list[Part]:
    """The keys and indexes of ``path`` (the inverse of :func:`join`)."""
    parts: list[Part] = []
    pos = 0
    regex = _FIRST
    while pos < len(path):
        match = regex.match(path, pos)
        if match is None:
            raise PathError(f"cannot parse JSON path {path!r} at {pos}")
        name, index, quoted = match.groups()
        if name is not None:
            parts.append(name)
        elif index is not None:
            parts.append(int(index))
        else:
            parts.append(json.loads(quoted))
        pos = match.end()
        regex = _TOKEN
    return parts


def input_index(path: str) -> int:
    """The input a path points into (``inputs[3]...`` -> 3), or -1 for the query level."""
    start = path.find("inputs[")
    if start < 0 or (start > 0 and path[start - 1] != "."):
        return -1
    end = path.find("]", start)
    digits = path[start + 7 : end]
    return int(digits) if digits.isdigit() else -1


_MISSING = object()


def get_at(doc: Any, parts: list[Part], default: Any = _MISSING) -> Any:
    """The value at ``parts`` in ``doc``; ``default`` (or KeyError) when absent."""
    node = doc
    for part in parts:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            if default is _MISSING:
                raise KeyError(part)
            return default
    return node
