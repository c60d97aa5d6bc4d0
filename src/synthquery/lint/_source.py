"""Reading query text: bounded JSON parsing and a JSON-path -> line/column map.

``json.loads`` does the parsing (fast, C). Two bounded pre/post passes use a regex tokenizer so
nothing recurses in Python and memory stays linear:

* a nesting-depth check before parsing, because the C decoder recurses and a few hundred
  thousand ``[`` exhaust the stack;
* a position scanner, run only when diagnostics need locations, that records where each wanted
  path's key and value start and stops as soon as all are found.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from synthquery.lint._paths import join

__all__ = ["Loaded", "PositionMap", "load_text", "scan_depth"]

# one JSON token: a string, a structural character, or a run of anything else (numbers, literals)
# one JSON token for the position scanner: a key with its colon, a string, a bracket, or a run
# of anything else (numbers, literals); commas and colons are skipped, values are counted
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(?:\s*:)?|[{}\[\]]|[^\s{}\[\],:"]+', re.S)
# everything up to the next bracket outside a string (always matches, possibly empty)
_TO_BRACKET = re.compile(r'(?:[^\[\]{}"]+|"[^"\\]*(?:\\.[^"\\]*)*")*', re.S)
_OPENERS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why the text is not a lintable document (maps to S001/S002)."""

    kind: str  # "invalid" | "too_large" | "too_deep"
    message: str
    line: int | None = None
    column: int | None = None


@dataclass
class Loaded:
    text: str | None
    doc: Any = None
    problem: Problem | None = None
    # objects (by id) that had repeated keys while parsing -> those keys
    duplicate_keys: dict[int, list[str]] = field(default_factory=dict)


def scan_depth(text: str, limit: int) -> int | None:
    """Offset of the first bracket nested deeper than ``limit``, or None."""
    depth = 0
    for match in _OPENERS.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


def _walk(doc: Any, limit: int) -> tuple[bool, int]:
    """(nests deeper than ``limit``, number of object members) in one level-by-level pass."""
    level = [doc] if isinstance(doc, (dict, list)) else []
    depth = 1
    members = 0
    while level:
        if depth > limit:
            return True, members
        below = []
        for node in level:
            if node.__class__ is dict:
                members += len(node)
                children: Iterable[Any] = node.values()
            else:
                children = node
            for child in children:
                if child.__class__ is dict or child.__class__ is list:
                    below.append(child)
        level = below
        depth += 1
    return False, members


# a key's closing quote, whitespace, then the colon (the spacing ``'":'`` does not count)
_KEY_END_SPACED = re.compile(r'"[ \t\r\n]+:')


def _may_repeat_keys(text: str, members: int) -> bool:
    """False when the text certainly has no repeated object key.

    Every member written in the text ends its key with ``"``, optional whitespace, ``:``; the
    count of that pattern bounds the members written from above (a string value may add to it,
    never take away), while parsing keeps one member per distinct key. Equal counts: nothing was
    merged. This spares a Python hook call per object on the common path.
    """
    written = text.count('":') + sum(1 for _ in _KEY_END_SPACED.finditer(text))
    return written != members


def _too_deep(text: str, limit: int) -> Loaded:
    offset = scan_depth(text, limit)
    line, col = _line_col(text, offset) if offset is not None else (None, None)
    return Loaded(
        text, problem=Problem("too_deep", f"nesting deeper than {limit} levels", line, col)
    )


class _NonFinite(ValueError):
    """NaN/Infinity, or a number too large for a double: JSON that cannot be written back."""

    def __init__(self, literal: str, message: str) -> None:
        self.literal = literal
        super().__init__(message)


def _reject_constant(name: str) -> Any:
    # NaN/Infinity are Python extensions; the API's JSON parser rejects them
    raise _NonFinite(name, f"{name} is not valid JSON")


def _finite_float(literal: str) -> float:
    # 1e400 would become inf, which json.dumps writes back as the invalid token Infinity
    value = float(literal)
    if math.isinf(value):
        raise _NonFinite(literal, f"number {literal} is too large")
    return value


def _literal_offset(text: str, literal: str) -> int | None:
    """Offset of the first ``literal`` outside a string (None if only inside strings)."""
    for match in _TOKEN.finditer(text):
        if match.group() == literal:
            return match.start()
    return None


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def load_text(raw: str | bytes | bytearray, *, max_bytes: int, max_depth: int) -> Loaded:
    """Parse ``raw`` within the size and depth bounds; never raises for bad input."""
    size = len(raw)
    if size > max_bytes:
        return Loaded(
            None,
            problem=Problem("too_large", f"document is larger than the {max_bytes:,}-byte limit"),
        )
    line: int | None  # no position when a literal is found only inside strings
    col: int | None
    if isinstance(raw, (bytes, bytearray)):
        try:
            text = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            prefix = bytes(raw[: exc.start]).decode("utf-8", errors="replace")
            line, col = _line_col(prefix, len(prefix))
            return Loaded(None, problem=Problem("invalid", "not UTF-8 text", line, col))
    else:
        text = raw.removeprefix("\ufeff")
    duplicates: dict[int, list[str]] = {}

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            repeated = []
            for key, _ in pairs:
                if key in seen and key not in repeated:
                    repeated.append(key)
                seen.add(key)
            duplicates[id(obj)] = repeated
        return obj

    try:
        # objects built in C first; the hook that records repeated keys only runs (on a
        # second parse) when the text may hold some
        doc = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
        too_deep, members = _walk(doc, max_depth)
        if not too_deep and _may_repeat_keys(text, members):
            doc = json.loads(
                text,
                object_pairs_hook=pairs_hook,
                parse_constant=_reject_constant,
                parse_float=_finite_float,
            )
    except json.JSONDecodeError as exc:
        return Loaded(text, problem=Problem("invalid", exc.msg, exc.lineno, exc.colno))
    except _NonFinite as exc:  # NaN / Infinity / overflow: point at the first such literal
        offset = _literal_offset(text, exc.literal)
        line, col = _line_col(text, offset) if offset is not None else (None, None)
        return Loaded(text, problem=Problem("invalid", str(exc), line, col))
    except RecursionError:  # the C decoder guards its recursion; locate the culprit
        return _too_deep(text, max_depth)
    if too_deep:
        return _too_deep(text, max_depth)
    broken = _lone_surrogate(text, doc)
    if broken is not None:
        line, col = _line_col(text, broken)
        message = "a string holds a lone UTF-16 surrogate (\\ud800-\\udfff): not valid Unicode"
        return Loaded(text, problem=Problem("invalid", message, line, col))
    return Loaded(text, doc, duplicate_keys=duplicates)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _lone_surrogate(text: str, doc: Any) -> int | None:
    """Offset of a lone surrogate (``"\\ud800"``), which cannot be encoded for the wire or
    printed; None when there is none. Paired escapes (emoji) are fine."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # raw surrogates in str input
        return exc.start
    first = _SURROGATE_ESCAPE.search(text)
    if first is None:
        return None
    # escapes can pair up; only the decoded strings tell whether one stayed alone
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return first.start()
    return None


class PositionMap:
    """Line/column (1-based) of each JSON path's value and, for object members, its key."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._values: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        self._lines: dict[int, tuple[int, int]] = {}

    def _line_col(self, offset: int) -> tuple[int, int]:
        found = self._lines.get(offset)
        if found is None:
            found = self._lines[offset] = _line_col(self._text, offset)
        return found

    def _index_lines(self) -> None:
        """Line/column of every recorded offset in one left-to-right pass (C-speed counts)."""
        text = self._text
        line, last, start = 1, 0, 0
        for offset in sorted({*self._values.values(), *self._keys.values()} - self._lines.keys()):
            line += text.count("\n", last, offset)
            # search back only to the previous offset: a one-line file stays linear
            newline = text.rfind("\n", last, offset)
            if newline >= 0:
                start = newline + 1
            self._lines[offset] = (line, offset - start + 1)
            last = offset

    def locate(self, paths: set[str]) -> None:
        """Record the offsets of ``paths`` (one pass over the text, stops early)."""
        wanted = {p for p in paths if p not in self._values}
        if wanted:
            self._scan(wanted)
            self._index_lines()

    def value(self, path: str) -> tuple[int, int] | None:
        offset = self._values.get(path)
        return None if offset is None else self._line_col(offset)

    def key(self, path: str) -> tuple[int, int] | None:
        offset = self._keys.get(path)
        return self.value(path) if offset is None else self._line_col(offset)

    def _scan(self, wanted: set[str]) -> None:
        # containers whose path prefixes no wanted path are skipped by bracket counting only
        prefixes = {""}
        for path in wanted:
            for i, char in enumerate(path):
                if char in ".[" and i:
                    prefixes.add(path[:i])
        # array path -> indexes of the elements a wanted path goes through (descending, so the
        # next one is popped off the end); the elements in between are stepped over in C
        needed: dict[str, list[int]] = {}
        for path in wanted | prefixes:
            if path.endswith("]"):
                bracket = path.rindex("[")
                index = path[bracket + 1 : -1]
                if index.isdigit():
                    needed.setdefault(path[:bracket], []).append(int(index))
        for indexes in needed.values():
            indexes.sort(reverse=True)
        # frames: [container_path, is_object, next_index, current_member_path, needed_indexes]
        stack: list[list[Any]] = []
        values, keys = self._values, self._keys
        remaining = len(wanted - values.keys())
        parts: dict[str, str] = {}  # raw key token -> path suffix (".key" or '["k y"]')
        text = self._text
        search = _TOKEN.search
        pos = 0
        while remaining > 0:
            if stack and not stack[-1][1]:
                frame = stack[-1]
                todo = frame[4]
                while todo and todo[-1] < frame[2]:
                    todo.pop()
                if not todo or todo[-1] > frame[2]:
                    pos, frame[2] = _skip_elements(text, pos, frame[2], todo[-1] if todo else -1)
            match = search(text, pos)
            if match is None:
                break
            token = match.group()
            pos = match.end()
            char = token[0]
            if char == "]" or char == "}":
                if stack:
                    stack.pop()
                continue
            if char == '"' and token[-1] == ":" and stack and stack[-1][1]:
                frame = stack[-1]
                part = parts.get(token)
                if part is None:
                    part = parts[token] = _suffix(token[: token.rindex('"') + 1])
                base = frame[0]
                path = base + part if base else (part[1:] if part[0] == "." else part)
                frame[3] = path
                if path in wanted and path not in keys:
                    keys[path] = match.start()
                continue
            # a value starts here
            if stack:
                frame = stack[-1]
                if frame[1]:
                    path = frame[3]
                else:
                    path = f"{frame[0]}[{frame[2]}]"
                    frame[2] += 1
            else:
                path = ""
            if path in wanted and path not in values:
                values[path] = match.start()
                remaining -= 1
            if char == "[" or char == "{":
                if path in prefixes:
                    stack.append([path, char == "{", 0, "", needed.get(path, [])])
                else:  # nothing wanted inside: jump to the matching bracket
                    pos = _skip_container(text, pos)


# the C decoder, used to step over a whole value at C speed (the text already parsed once)
# (set per instance in ``__init__``, so typeshed does not declare it)
_SCAN_ONCE: Callable[[str, int], tuple[Any, int]] = cast(Any, json.JSONDecoder()).scan_once


def _skip_elements(text: str, pos: int, index: int, target: int) -> tuple[int, int]:
    """Step over array elements from ``index`` until element ``target`` (-1: the array's end).

    Returns where the token scanner resumes and the index of the element found there; stops
    early (leaving the rest to the scanner) at anything the C decoder does not accept.
    """
    end = len(text)
    separator = _SEPARATOR.match
    while True:
        pos = separator(text, pos).end()  # type: ignore[union-attr]
        if pos >= end or index == target or text[pos] == "]":
            return pos, index
        try:
            pos = _SCAN_ONCE(text, pos)[1]
        except (StopIteration, ValueError, RecursionError):
            return pos, index
        index += 1


_SEPARATOR = re.compile(r"[ \t\r\n,]*")


def _skip_container(text: str, pos: int) -> int:
    """The offset just after the bracket closing the container opened before ``pos``."""
    try:
        return _SCAN_ONCE(text, pos - 1)[1]
    except (StopIteration, ValueError, RecursionError):
        pass  # text that does not parse (only ancestors of a problem are wanted): count brackets
    depth = 1
    end = len(text)
    while depth:
        pos = _TO_BRACKET.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= end:
            return end
        depth += 1 if text[pos] in "[{" else -1
        pos += 1
    return pos


def _suffix(token: str) -> str:
    """The path suffix of a raw JSON key token (``"sex"`` -> ``.sex``)."""
    if "\\" in token:
        try:
            key = json.loads(token)
        except ValueError:
            key = token[1:-1]
    else:
        key = token[1:-1]
    return join("x", key)[1:]  # ".sex", or '["a key"]' when it needs quoting
