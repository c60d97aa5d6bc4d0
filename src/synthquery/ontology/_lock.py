"""An advisory inter-process lock around index builds.

The lock only saves duplicate work: builders write to private temp files and publish with an
atomic ``os.replace``, so the index stays correct even where no lock is available.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["file_lock"]


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        try:
            import msvcrt
        except ImportError:
            return True  # no locking primitive: rely on atomic replace alone
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError:  # e.g. a file system without flock support
        return True


def _unlock(fd: int) -> None:
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
    except ImportError:
        try:
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        except (ImportError, OSError):
            pass
    except OSError:
        pass


@contextmanager
def file_lock(path: Path, timeout: float = 300.0) -> Iterator[bool]:
    """Hold an exclusive lock on ``path``; yields whether the lock was actually obtained.

    Waits up to ``timeout`` seconds (a builder that hangs must not block others forever),
    then proceeds without the lock.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False
        return
    try:
        deadline = time.monotonic() + timeout
        locked = _try_lock(fd)
        while not locked and time.monotonic() < deadline:
            time.sleep(0.05)
            locked = _try_lock(fd)
        try:
            yield locked
        finally:
            if locked:
                _unlock(fd)
    finally:
        os.close(fd)
