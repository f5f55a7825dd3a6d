"""Token buckets: a phone (or an address) may act ``rate`` times a second, ``burst`` at once.

Used only from the server's event loop thread, so no lock. The map is bounded: when full, the
bucket idle longest is dropped (a dropped bucket comes back full, which only forgives).
"""

from __future__ import annotations

import time
from collections import OrderedDict


class Buckets:
    """One token bucket per key (a device token or a remote address)."""

    def __init__(self, rate: float, burst: float, max_keys: int = 4096) -> None:
        self.rate = rate
        self.burst = burst
        self.max_keys = max_keys
        self._state: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take one token for ``key``; False when its bucket is empty."""
        now = time.monotonic() if now is None else now
        tokens, last = self._state.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self._state[key] = (tokens, now)
        if len(self._state) > self.max_keys:
            self._state.popitem(last=False)
        return allowed

    def retry_after(self) -> float:
        """Seconds until one token is back, for the Retry-After header."""
        return 1.0 / self.rate
