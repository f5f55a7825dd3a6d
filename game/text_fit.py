"""Does a text fit its box on the smallest window at the largest text size? Asked by lint.

Measured with the game's real font and the layout numbers in :mod:`game.metrics`, so what
lint calls too long is what a projector in class would cut off. Kept apart from
``engine/`` because it needs pygame; lint receives an instance as a plain callable.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from game import metrics


class TextFit:
    """A callable ``(text, kind, count) -> None | why``; kind is 'situation' or 'choice'."""

    def __init__(
        self,
        window: tuple[int, int] = metrics.MIN_WINDOW,
        scale: float = max(metrics.TEXT_SCALES),
    ) -> None:
        pygame.font.init()
        self.window, self.scale = window, scale
        self.font = pygame.font.Font(str(metrics.FONT_REGULAR), metrics.body_px(window, scale))
        self.line_height = self.font.get_linesize()

    def wrap(self, text: str, width: int) -> list[str]:
        """Greedy word wrap; a word wider than the box is broken between characters."""
        lines: list[str] = []
        for paragraph in text.strip().split("\n"):
            line = ""
            for word in paragraph.split():
                candidate = f"{line} {word}" if line else word
                if self.font.size(candidate)[0] <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = word
                while self.font.size(line)[0] > width and len(line) > 1:
                    cut = self._fitting_prefix(line, width)
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    def _fitting_prefix(self, word: str, width: int) -> int:
        """How many leading characters of ``word`` fit in ``width`` (at least one)."""
        for n in range(len(word) - 1, 1, -1):
            if self.font.size(word[:n])[0] <= width:
                return n
        return 1

    def box(self, kind: str, count: int) -> metrics.Box:
        if kind == "situation":
            return metrics.situation_box(self.window, self.scale)
        return metrics.choice_box(self.window, self.scale, max(count, 1))

    def __call__(self, text: str, kind: str, count: int = 1) -> str | None:
        """None when ``text`` fits, else how many lines it needs and how many there is room for."""
        box = self.box(kind, count)
        lines = len(self.wrap(text, box.w))
        room = max(box.h // self.line_height, 0)
        if lines <= room:
            return None
        return f"it needs {lines} lines, the {kind} box has room for {room}"
