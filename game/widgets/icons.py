"""Value icons drawn from their name in values.yaml (Value.icon), in one flat line style.

Drawn with pygame primitives so they stay sharp at every size; an unknown name gets a
plain dot so a new value in values.yaml never breaks the game.
"""

from __future__ import annotations

import math

import pygame

Color = tuple[int, int, int]
_cache: dict[tuple[str, int, Color], pygame.Surface] = {}


def icon(name: str, size: int, color: Color) -> pygame.Surface:
    """A transparent square surface with the icon ``name`` drawn in ``color``."""
    key = (name, size, color)
    surf = _cache.get(key)
    if surf is None:
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        DRAWERS.get(name, _dot)(surf, size, color)
        _cache[key] = surf
    return surf


def _w(size: int) -> int:
    return max(2, size // 11)


def _handshake(s: pygame.Surface, n: int, c: Color) -> None:
    w = _w(n)
    pygame.draw.line(s, c, (n * 0.05, n * 0.45), (n * 0.3, n * 0.3), w)
    pygame.draw.line(s, c, (n * 0.95, n * 0.45), (n * 0.7, n * 0.3), w)
    pygame.draw.line(s, c, (n * 0.3, n * 0.3), (n * 0.55, n * 0.42), w)
    pygame.draw.line(s, c, (n * 0.7, n * 0.3), (n * 0.45, n * 0.42), w)
    for i in range(4):
        x = n * (0.3 + i * 0.12)
        pygame.draw.circle(s, c, (x, n * (0.55 + 0.04 * (i % 2))), max(2, n // 9))
    pygame.draw.line(s, c, (n * 0.2, n * 0.62), (n * 0.8, n * 0.62), w)


def _scale(s: pygame.Surface, n: int, c: Color) -> None:
    w = _w(n)
    pygame.draw.line(s, c, (n / 2, n * 0.12), (n / 2, n * 0.85), w)
    pygame.draw.line(s, c, (n * 0.15, n * 0.25), (n * 0.85, n * 0.25), w)
    pygame.draw.line(s, c, (n * 0.3, n * 0.88), (n * 0.7, n * 0.88), w)
    for x in (0.22, 0.78):
        pygame.draw.line(s, c, (n * x, n * 0.25), (n * (x - 0.12), n * 0.55), max(1, w // 2))
        pygame.draw.line(s, c, (n * x, n * 0.25), (n * (x + 0.12), n * 0.55), max(1, w // 2))
        pygame.draw.arc(
            s, c, pygame.Rect(n * (x - 0.15), n * 0.38, n * 0.3, n * 0.3), math.pi, 2 * math.pi, w
        )


def _book(s: pygame.Surface, n: int, c: Color) -> None:
    w = _w(n)
    left = [(n * 0.5, n * 0.3), (n * 0.1, n * 0.2), (n * 0.1, n * 0.8), (n * 0.5, n * 0.88)]
    right = [(n * 0.5, n * 0.3), (n * 0.9, n * 0.2), (n * 0.9, n * 0.8), (n * 0.5, n * 0.88)]
    pygame.draw.polygon(s, c, left, w)
    pygame.draw.polygon(s, c, right, w)
    for y in (0.42, 0.56, 0.7):
        pygame.draw.line(s, c, (n * 0.2, n * (y - 0.04)), (n * 0.4, n * y), max(1, w // 2))
        pygame.draw.line(s, c, (n * 0.6, n * y), (n * 0.8, n * (y - 0.04)), max(1, w // 2))


def _heart(s: pygame.Surface, n: int, c: Color) -> None:
    r = n * 0.22
    pygame.draw.circle(s, c, (n * 0.3, n * 0.36), r)
    pygame.draw.circle(s, c, (n * 0.7, n * 0.36), r)
    pygame.draw.polygon(s, c, [(n * 0.09, n * 0.44), (n * 0.91, n * 0.44), (n * 0.5, n * 0.88)])


def _shield(s: pygame.Surface, n: int, c: Color) -> None:
    pts = [
        (n * 0.5, n * 0.08),
        (n * 0.88, n * 0.22),
        (n * 0.82, n * 0.6),
        (n * 0.5, n * 0.92),
        (n * 0.18, n * 0.6),
        (n * 0.12, n * 0.22),
    ]
    pygame.draw.polygon(s, c, pts)
    pygame.draw.lines(
        s,
        (255, 255, 255),
        False,
        [(n * 0.33, n * 0.5), (n * 0.46, n * 0.63), (n * 0.68, n * 0.36)],
        _w(n),
    )


def _spark(s: pygame.Surface, n: int, c: Color) -> None:
    cx = cy = n / 2
    pts = []
    for i in range(8):
        r = n * (0.46 if i % 2 == 0 else 0.14)
        a = i * math.pi / 4 - math.pi / 2
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    pygame.draw.polygon(s, c, pts)


def _link(s: pygame.Surface, n: int, c: Color) -> None:
    w = _w(n)
    pygame.draw.rect(
        s, c, pygame.Rect(n * 0.06, n * 0.34, n * 0.52, n * 0.32), w, border_radius=n // 6
    )
    pygame.draw.rect(
        s, c, pygame.Rect(n * 0.42, n * 0.34, n * 0.52, n * 0.32), w, border_radius=n // 6
    )


def _dot(s: pygame.Surface, n: int, c: Color) -> None:
    pygame.draw.circle(s, c, (n / 2, n / 2), n * 0.35)


DRAWERS = {
    "handshake": _handshake,
    "scale": _scale,
    "book": _book,
    "heart": _heart,
    "shield": _shield,
    "spark": _spark,
    "link": _link,
}


def verdict_icon(tone: str, size: int, color: Color) -> pygame.Surface:
    """The verdict's sign beside its word, so it never rests on colour alone: a tick in a
    disc (good), a half-filled disc (mixed), a cross in a disc (bad)."""
    key = (f"verdict-{tone}", size, color)
    surf = _cache.get(key)
    if surf is None:
        surf = pygame.Surface((size, size), pygame.SRCALPHA)
        n, w = size, max(2, size // 8)
        c = (n / 2, n / 2)
        if tone == "good":
            pygame.draw.circle(surf, color, c, n / 2)
            pts = [(n * 0.27, n * 0.52), (n * 0.44, n * 0.68), (n * 0.74, n * 0.34)]
            pygame.draw.lines(surf, (255, 255, 255), False, pts, w)
        elif tone == "bad":
            pygame.draw.circle(surf, color, c, n / 2)
            for a, b in (((0.32, 0.32), (0.68, 0.68)), ((0.68, 0.32), (0.32, 0.68))):
                pygame.draw.line(
                    surf, (255, 255, 255), (n * a[0], n * a[1]), (n * b[0], n * b[1]), w
                )
        else:
            pygame.draw.circle(surf, color, c, n / 2 - w / 2, w)
            pygame.draw.circle(
                surf, color, c, n / 2 - w / 2, 0, draw_top_left=True, draw_bottom_left=True
            )
        _cache[key] = surf
    return surf
