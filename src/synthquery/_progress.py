"""A one-line progress display for polling a prediction job (stderr only)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

__all__ = ["ProgressCallback", "make_progress"]

# called with (job_id, status, elapsed seconds) after every poll
ProgressCallback = Callable[[str, str, float], None]


class _Display:
    """Rewrites one line in place on a terminal; elsewhere prints a line per status change."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._live = bool(getattr(stream, "isatty", lambda: False)())
        self._last_status: str | None = None
        self._width = 0

    def __call__(self, job_id: str, status: str, elapsed: float) -> None:
        line = f"synthquery: job {job_id}: {status} ({_clock(elapsed)})"
        if self._live:
            self._stream.write("\r" + line.ljust(self._width))
            self._width = len(line)
        elif status != self._last_status:
            self._stream.write(line + "\n")
        self._last_status = status
        self._stream.flush()

    def close(self) -> None:
        if self._live and self._width:
            self._stream.write("\n")
            self._stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


def make_progress(progress: Any, stream: TextIO | None = None) -> tuple[ProgressCallback, Any]:
    """``(callback, close)`` for ``progress``: True, False, None (auto: on for a terminal) or a
    callable ``(job_id, status, elapsed)``."""
    stream = stream if stream is not None else sys.stderr
    if callable(progress):
        return progress, lambda: None
    if progress is None:
        progress = bool(getattr(stream, "isatty", lambda: False)())
    if not progress:
        return (lambda job_id, status, elapsed: None), lambda: None
    display = _Display(stream)
    return display, display.close
