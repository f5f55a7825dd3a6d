"""Text is the expensive part of a frame: render each wrapped block once and keep the surface.

A block is re-rendered only when its text, font size, style, colour or wrap width changes.
``renders`` counts real renders so tests and the benchmark can show a steady frame renders none.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game import metrics

STYLES = {"regular": metrics.FONT_REGULAR, "bold": metrics.FONT_BOLD, "italic": metrics.FONT_ITALIC}
MAX_ENTRIES = 800


class TextCache:
    """Fonts by (style, size) and rendered blocks by everything that changes their pixels."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._blocks: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self.renders = 0
        self.frame_texts: list[str] = []

    def font(self, size: int, style: str = "regular") -> pygame.font.Font:
        key = (style, size)
        font = self._fonts.get(key)
        if font is None:
            font = pygame.font.Font(STYLES[style], size)
            self._fonts[key] = font
        return font

    def render(
        self,
        text: str,
        size: int,
        color: tuple[int, int, int],
        width: int = 0,
        style: str = "regular",
        align: int = pygame.FONT_LEFT,
    ) -> pygame.Surface:
        """``text`` wrapped at ``width`` px (0: one line), from the cache when possible."""
        self.frame_texts.append(text)
        key = (text, size, color, max(width, 0), style, align)
        block = self._blocks.get(key)
        if block is not None:
            self._blocks.move_to_end(key)
            return block
        font = self.font(size, style)
        font.align = align
        block = font.render(text, True, color, None, max(width, 0))
        self.renders += 1
        self._blocks[key] = block
        if len(self._blocks) > MAX_ENTRIES:
            self._blocks.popitem(last=False)
        return block

    def line_height(self, size: int, style: str = "regular") -> int:
        return self.font(size, style).get_linesize()

    def start_frame(self) -> None:
        self.frame_texts.clear()

    def clear(self) -> None:
        self._blocks.clear()
