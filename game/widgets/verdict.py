"""A verdict's mark, so it never rests on colour alone: a tick, a tilde, a cross."""

from __future__ import annotations

import pygame

from game.theme import Theme, tone_color


def verdict_mark(surface: pygame.Surface, tone: str, theme: Theme, rect: pygame.Rect) -> None:
    """Draw the mark of ``tone`` (good / mixed / bad) inside ``rect`` in the tone's colour."""
    color = tone_color(theme, tone)
    r = rect.inflate(-rect.w // 5, -rect.h // 5)
    width = max(2, rect.w // 9)
    pygame.draw.ellipse(surface, color, rect, width)
    if tone == "good":
        points = [
            (r.left, r.centery),
            (r.left + r.w * 2 // 5, r.bottom - r.h // 6),
            (r.right, r.top),
        ]
        pygame.draw.lines(surface, color, False, points, width)
    elif tone == "bad":
        pygame.draw.line(surface, color, r.topleft, r.bottomright, width)
        pygame.draw.line(surface, color, r.bottomleft, r.topright, width)
    else:
        third = r.w // 3
        points = [
            (r.left, r.centery + r.h // 8),
            (r.left + third, r.centery - r.h // 8),
            (r.left + 2 * third, r.centery + r.h // 8),
            (r.right, r.centery - r.h // 8),
        ]
        pygame.draw.lines(surface, color, False, points, width)
