"""Applying fixes to a document: copy-on-write along each fix's path, conflicts skipped.

Two fixes conflict when one's path is a prefix of (or equal to) the other's: editing a key and
its parent in the same round could lose one edit, so the later one waits for the next round
(``Report.apply_fixes`` re-lints and repeats until nothing changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from synthquery.lint._paths import Part, PathError, parse
from synthquery.lint.diagnostic import Fix, FixKind

__all__ = ["apply_fixes_once"]


class _Editor:
    """Edits a document without mutating it: containers on an edited path are copied once."""

    def __init__(self, doc: Any) -> None:
        self.root = doc
        self._owned: set[int] = set()

    def _own(self, node: Any) -> Any:
        if id(node) in self._owned:
            return node
        copy = dict(node) if isinstance(node, dict) else list(node)
        self._owned.add(id(copy))
        return copy

    def parent(self, parts: list[Part]) -> Any:
        """The container holding ``parts[-1]``, made writable; None if the path is absent."""
        if not isinstance(self.root, (dict, list)):
            return None
        self.root = self._own(self.root)
        node = self.root
        for part in parts[:-1]:
            if not _has(node, part):
                return None
            child = node[part]
            if not isinstance(child, (dict, list)):
                return None
            owned = self._own(child)
            node[part] = owned
            node = owned
        return node

    def get(self, parts: list[Part]) -> tuple[bool, Any]:
        node = self.root
        for part in parts:
            if not _has(node, part):
                return False, None
            node = node[part]
        return True, node


def _has(node: Any, part: Part) -> bool:
    if isinstance(part, int):
        return isinstance(node, list) and 0 <= part < len(node)
    return isinstance(node, dict) and part in node


def _overlaps(a: tuple[Part, ...], b: tuple[Part, ...]) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _apply(editor: _Editor, fix: Fix, parts: list[Part]) -> bool:
    if fix.kind is FixKind.UNWRAP:
        found, value = editor.get(parts)
        if not found:
            return False
        editor.root = value
        return True
    if not parts:
        return False
    parent = editor.parent(parts)
    if parent is None:
        return False
    last = parts[-1]
    if fix.kind is FixKind.REPLACE:
        if isinstance(last, int):
            if not _has(parent, last):
                return False
        elif not isinstance(parent, dict):
            return False
        parent[last] = fix.value
        return True
    if not _has(parent, last):
        return False
    if fix.kind is FixKind.DELETE:
        del parent[last]
        return True
    if fix.kind is FixKind.RENAME_KEY:
        new_key = fix.new_key
        if not isinstance(parent, dict) or new_key is None or new_key in parent:
            return False
        # rebuild to keep the key where it was
        items = [(new_key if k == last else k, v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
        return True
    return False


def apply_fixes_once(doc: Any, fixes: Iterable[Fix]) -> tuple[Any, list[Fix]]:
    """Apply the non-conflicting ``fixes`` (in order) to a copy of ``doc``."""
    editor = _Editor(doc)
    claimed: list[tuple[Part, ...]] = []
    applied: list[Fix] = []
    for fix in fixes:
        try:
            parts = parse(fix.path)
        except PathError:
            continue
        key = tuple(parts)
        touched = [key]
        if fix.kind is FixKind.RENAME_KEY and fix.new_key is not None and parts:
            touched.append((*key[:-1], fix.new_key))
        if fix.kind is FixKind.DELETE and parts and isinstance(parts[-1], int):
            touched = [key[:-1]]  # deleting an element shifts its siblings' indexes
        if any(_overlaps(t, c) for t in touched for c in claimed):
            continue
        if _apply(editor, fix, parts):
            claimed.extend(touched)
            applied.append(fix)
    return editor.root, applied
