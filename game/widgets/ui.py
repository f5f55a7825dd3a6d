"""A small immediate-mode toolkit: scenes draw buttons each frame and get clickable targets.

Written by hand instead of pygame_gui because every piece of text must go through the
game's render cache (counted, re-rendered only on change), value colours come from data,
and keyboard focus must reach every target in draw order. Targets drawn this frame are
what the next events act on, so what the player sees is exactly what can be clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from engine.ui_text import tr
from game import metrics
from game.theme import Color, Theme, hex_color, readable_on
from game.widgets.icons import icon


@dataclass
class Target:
    """Something the player can focus and activate: a button, a link, a chip."""

    key: str
    rect: pygame.Rect
    action: Callable[[], None]
    label: str = ""
    area: ScrollArea | None = None


class ScrollArea:
    """A clipped viewport over content taller than the space it has; wheel and PgUp/PgDn scroll."""

    def __init__(self) -> None:
        self.view = pygame.Rect(0, 0, 0, 0)
        self.content_h = 0
        self.offset = 0

    @property
    def max_offset(self) -> int:
        return max(0, self.content_h - self.view.h)

    def scroll(self, dy: int) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + dy))

    def top(self) -> int:
        """The screen y of the content's first pixel."""
        return self.view.y - self.offset

    def show(self, rect: pygame.Rect) -> None:
        """Scroll so ``rect`` (screen coordinates, this frame) is inside the viewport."""
        if rect.h >= self.view.h or rect.top < self.view.top:
            self.scroll(rect.top - self.view.top)
        elif rect.bottom > self.view.bottom:
            self.scroll(rect.bottom - self.view.bottom)


class Ui:
    """The drawing context of one frame: surface, theme, sizes, language, targets."""

    def __init__(self, surface: pygame.Surface, app, focus_key: str | None) -> None:
        self.surface = surface
        self.app = app
        self.theme: Theme = app.theme
        self.cache = app.text
        self.lang: str = app.settings.lang
        self.size = surface.get_size()
        self.w, self.h = self.size
        self.u = metrics.unit(self.size)
        scale = app.settings.text_scale
        self.body = metrics.body_px(self.size, scale)
        self.small = max(10, round(self.body * 0.84))
        self.h2 = round(self.body * 1.18)
        self.h1 = round(self.body * 1.5)
        self.targets: list[Target] = []
        self.focus_key = focus_key
        self._area: ScrollArea | None = None

    def tr(self, key: str, **fields: object) -> str:
        return tr(key, self.lang, **fields)

    def px(self, n: float) -> int:
        return round(n * self.u)

    def line(self, size: int | None = None, style: str = "regular") -> int:
        return self.cache.line_height(size or self.body, style)

    def render(self, text, size=None, color=None, width=0, style="regular", align=pygame.FONT_LEFT):
        return self.cache.render(
            text, size or self.body, color or self.theme.text, width, style, align
        )

    def text(
        self, text, x, y, size=None, color=None, width=0, style="regular", align=pygame.FONT_LEFT
    ):
        """Draw a (wrapped) block with its top-left at x, y; returns the rect it covers."""
        block = self.render(text, size, color, width, style, align)
        self.surface.blit(block, (x, y))
        return block.get_rect(topleft=(x, y))  # the whole block, even where clipped

    def text_height(self, text, width, size=None, style="regular") -> int:
        return self.render(text, size, None, width, style).get_height()

    def panel(self, rect: pygame.Rect, color: Color | None = None, border: bool = True) -> None:
        radius = self.px(8)
        pygame.draw.rect(self.surface, color or self.theme.panel, rect, border_radius=radius)
        if border:
            pygame.draw.rect(self.surface, self.theme.border, rect, 1, border_radius=radius)

    def begin_area(self, area: ScrollArea, view: pygame.Rect) -> int:
        """Start drawing into ``area``; returns the y at which its content starts."""
        area.view = pygame.Rect(view)
        area.offset = max(0, min(area.offset, area.max_offset))
        self._area = area
        self.surface.set_clip(view)
        return area.top()

    def end_area(self, content_bottom: int) -> None:
        area = self._area
        assert area is not None
        area.content_h = content_bottom - area.top()
        area.offset = max(0, min(area.offset, area.max_offset))
        self.surface.set_clip(None)
        self._area = None
        if area.max_offset:
            bar = pygame.Rect(area.view.right - self.px(5), area.view.y, self.px(4), area.view.h)
            pygame.draw.rect(self.surface, self.theme.track, bar, border_radius=self.px(2))
            thumb_h = max(self.px(20), bar.h * area.view.h // max(area.content_h, 1))
            thumb_y = bar.y + (bar.h - thumb_h) * area.offset // area.max_offset
            thumb = pygame.Rect(bar.x, thumb_y, bar.w, thumb_h)
            pygame.draw.rect(self.surface, self.theme.muted, thumb, border_radius=self.px(2))

    def add_target(self, key: str, rect: pygame.Rect, action, label: str = "") -> bool:
        """Register a clickable rect; returns whether it has the keyboard focus."""
        self.targets.append(Target(key, pygame.Rect(rect), action, label, self._area))
        return key == self.focus_key

    def focus_ring(self, rect: pygame.Rect) -> None:
        pygame.draw.rect(
            self.surface,
            self.theme.focus,
            rect.inflate(self.px(6), self.px(6)),
            max(2, self.px(3)),
            border_radius=self.px(10),
        )

    def button(
        self,
        key: str,
        rect: pygame.Rect,
        label: str,
        action,
        kind: str = "normal",
        size: int | None = None,
    ) -> pygame.Rect:
        """A labelled button; ``kind`` is normal, primary or quiet."""
        t = self.theme
        focused = self.add_target(key, rect, action, label)
        fill, fg = {
            "primary": (t.accent, t.accent_text),
            "quiet": (t.panel_alt, t.text),
        }.get(kind, (t.panel, t.text))
        pygame.draw.rect(self.surface, fill, rect, border_radius=self.px(8))
        pygame.draw.rect(self.surface, t.border, rect, 1, border_radius=self.px(8))
        block = self.render(label, size, fg, rect.w - self.px(16), "bold", pygame.FONT_CENTER)
        self.surface.blit(block, block.get_rect(center=rect.center))
        if focused:
            self.focus_ring(rect)
        return rect

    def button_width(self, label: str, size: int | None = None) -> int:
        return self.render(label, size, None, 0, "bold").get_width() + self.px(32)

    def link(self, key: str, x: int, y: int, label: str, action, width: int) -> pygame.Rect:
        """A rule link: underlined text in the link colour, wrapped at ``width``."""
        block = self.render("› " + label, self.small, self.theme.link, width, "bold")
        self.surface.blit(block, (x, y))
        rect = block.get_rect(topleft=(x, y))
        pygame.draw.line(
            self.surface,
            self.theme.link,
            (x, rect.bottom - 1),
            (x + block.get_width(), rect.bottom - 1),
        )
        if self.add_target(key, rect, action, label):
            self.focus_ring(rect)
        return rect

    def value_chip(self, value, x: int, y: int, text: str | None = None, size=None) -> pygame.Rect:
        """A value in its own colour with its icon: the identity used everywhere."""
        size = size or self.small
        color = hex_color(value.color)
        fg = readable_on(color)
        label = self.render(text or value.name.get(self.lang), size, fg, 0, "bold")
        ic = icon(value.icon, round(size * 1.1), fg)
        pad = self.px(6)
        rect = pygame.Rect(
            x, y, ic.get_width() + label.get_width() + pad * 3, label.get_height() + pad
        )
        pygame.draw.rect(self.surface, color, rect, border_radius=rect.h // 2)
        self.surface.blit(ic, ic.get_rect(midleft=(x + pad, rect.centery)))
        self.surface.blit(
            label, label.get_rect(midleft=(x + pad * 2 + ic.get_width(), rect.centery))
        )
        return rect

    def header_height(self, title: str, back: bool) -> int:
        """What :meth:`header` will take, for a layout that needs it before drawing."""
        x = self.px(16)
        if back:
            x += self.button_width("‹ " + self.tr("game_back"), self.small) + self.px(14)
        block = self.render(
            title, self.h2, self.theme.header_text, self.w - x - self.px(16), "bold"
        )
        return max(self.px(44), block.get_height() + self.px(12))

    def header_aside(self, label: str, text: str, title: str, back: bool) -> bool:
        """A label over one line of text, right-aligned in the header beside the title (drawn
        after :meth:`header`), when both fit there, a size smaller if that is enough.
        Returns whether it was drawn: the caller shows the text elsewhere if not."""
        t = self.theme
        h = self.header_height(title, back)
        x = self.px(16)
        if back:
            x += self.button_width("‹ " + self.tr("game_back"), self.small) + self.px(14)
        title_w = self.render(title, self.h2, t.header_text, 0, "bold").get_width()
        room = self.w - self.px(16) - (x + title_w + self.px(32))
        floor = max(10, round(self.small * 0.8))
        for size in range(self.small, floor - 1, -1):
            top = self.render(label, size, t.focus, 0, "bold")
            line = self.render(text, size, t.header_text, 0)
            tall = top.get_height() + line.get_height()
            if max(top.get_width(), line.get_width()) <= room and tall <= h - self.px(5):
                y = (h - self.px(3) - tall) // 2
                right = self.w - self.px(16)
                self.surface.blit(top, top.get_rect(topright=(right, y)))
                self.surface.blit(line, line.get_rect(topright=(right, y + top.get_height())))
                return True
        return False

    def header(self, title: str, back=None) -> int:
        """The top bar every scene shares (the title wraps, never cut); returns the y below it."""
        t = self.theme
        x = self.px(16)
        back_label = "‹ " + self.tr("game_back")
        if back is not None:
            x += self.button_width(back_label, self.small) + self.px(14)
        block = self.render(title, self.h2, t.header_text, self.w - x - self.px(16), "bold")
        h = max(self.px(44), block.get_height() + self.px(12))
        pygame.draw.rect(self.surface, t.header, (0, 0, self.w, h))
        pygame.draw.rect(self.surface, t.focus, (0, h - self.px(3), self.w, self.px(3)))
        if back is not None:
            bh = min(h - self.px(14), self.line(self.small, "bold") + self.px(14))
            r = pygame.Rect(self.px(16), 0, self.button_width(back_label, self.small), bh)
            r.centery = (h - self.px(3)) // 2
            self.button("back", r, back_label, back, "quiet", self.small)
        self.surface.blit(block, block.get_rect(midleft=(x, (h - self.px(3)) // 2)))
        return h
