"""The class's discussion timer: counts down while running; at zero it stops and signals."""

from __future__ import annotations

import math

DISCUSSION_SECONDS = 180
SIGNAL_SECONDS = 4.0  # how long the "time is up" pulse shows


class DiscussionTimer:
    """Counts down while running; at zero it stops and signals (a chime and a pulse)."""

    def __init__(self, seconds: int = DISCUSSION_SECONDS) -> None:
        self.length = seconds
        self.remaining = float(seconds)
        self.running = False
        self.signal = 0.0  # seconds of the end signal left to show
        self.rang = 0  # how many times the end signal went off

    def toggle(self) -> None:
        if self.remaining <= 0:
            self.reset()
        self.running = not self.running

    def reset(self) -> None:
        self.remaining, self.running, self.signal = float(self.length), False, 0.0

    def add_minute(self) -> None:
        self.length += 60
        self.remaining += 60
        self.signal = 0.0

    def update(self, dt: float) -> bool:
        """Advance; True on the frame the time runs out."""
        self.signal = max(0.0, self.signal - dt)
        if not self.running:
            return False
        self.remaining -= dt
        if self.remaining > 0:
            return False
        self.remaining, self.running, self.signal = 0.0, False, SIGNAL_SECONDS
        self.rang += 1
        return True

    @property
    def label(self) -> str:
        left = math.ceil(self.remaining)
        return f"{left // 60:02d}:{left % 60:02d}"
