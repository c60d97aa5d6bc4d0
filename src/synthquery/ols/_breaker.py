"""A per-process circuit breaker per host, so one dead OLS costs one timeout per process."""

from __future__ import annotations

import threading
import time

__all__ = ["BREAKER", "CircuitBreaker"]


class CircuitBreaker:
    """Remembers hosts that just timed out or refused a connection.

    While a host is open (within its cool-down), callers skip the network and answer from the
    cache. After the cool-down the next call probes the host again.
    """

    def __init__(self) -> None:
        self._open_until: dict[str, float] = {}
        self._reasons: dict[str, str] = {}
        self._lock = threading.Lock()

    def remaining(self, host: str) -> float:
        """Seconds left in ``host``'s cool-down; 0 when calls may go out."""
        with self._lock:
            left = self._open_until.get(host, 0.0) - time.monotonic()
            if left <= 0:
                self._open_until.pop(host, None)
                self._reasons.pop(host, None)
                return 0.0
            return left

    def reason(self, host: str) -> str:
        with self._lock:
            return self._reasons.get(host, "")

    def trip(self, host: str, cooldown: float, reason: str) -> None:
        with self._lock:
            self._open_until[host] = time.monotonic() + max(cooldown, 0.0)
            self._reasons[host] = reason

    def reset(self, host: str | None = None) -> None:
        with self._lock:
            if host is None:
                self._open_until.clear()
                self._reasons.clear()
            else:
                self._open_until.pop(host, None)
                self._reasons.pop(host, None)


#: shared by every client in the process: the host is dead for all of them
BREAKER = CircuitBreaker()
