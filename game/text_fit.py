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
        self.space = self.font.size(" ")[0]

    def lines(self, text: str, width: int) -> int:
        """How many lines ``text`` takes at ``width`` px, wrapped exactly as the game wraps it.

        The game draws text with pygame-ce's own wrapping (``Font.render`` with a wrap
        length), so we ask the same call rather than imitate it.
        """
        surface = self.font.render(text.strip(), True, (0, 0, 0), None, width)
        return max(round(surface.get_height() / self.line_height), 1)

    def box(self, kind: str, count: int) -> metrics.Box:
        if kind == "situation":
            return metrics.situation_box(self.window, self.scale)
        return metrics.choice_box(self.window, self.scale, max(count, 1))

    def __call__(self, text: str, kind: str, count: int = 1) -> str | None:
        """None when ``text`` fits, else how many lines it needs and how many there is room for.

        Rendering with wrapping grows with the text (4,000 characters: 50 ms); measuring one
        unwrapped line takes under a millisecond. Wrapping drops only the spaces it breaks at,
        so the glyphs' width over the box's width is a lower bound on the lines: a text far too
        long is told at once ("at least N lines"), and only texts near fitting are rendered.
        """
        box = self.box(kind, count)
        room = max(box.h // self.line_height, 0)
        glyphs = self.font.size(text)[0] - text.count(" ") * self.space
        at_least = int(0.95 * glyphs / max(box.w, 1))  # 5% for kerning between lines
        if at_least > room:
            need = f"at least {at_least}"
        else:
            lines = self.lines(text, box.w)
            if lines <= room:
                return None
            need = str(lines)
        w, h = self.window
        return (
            f"at {w}x{h} with text size {self.scale:g}: it needs {need} lines, "
            f"the {kind} box has room for {room}"
        )
