"""The ten situation illustrations, drawn in one flat style (shared palette, soft shadows).

Used by make_assets.py; the outputs are committed in assets/illustrations/ so the game
needs no drawing code for them at run time.
"""

from __future__ import annotations

import pygame

W, H = 960, 540
WALL = (236, 226, 208)
FLOOR = (196, 170, 136)
INK = (40, 44, 60)
NAVY = (24, 66, 112)
TEAL = (19, 138, 138)
ORANGE = (224, 122, 31)
RED = (178, 58, 58)
GREEN = (46, 158, 91)
PAPER = (252, 250, 244)
WOOD = (150, 104, 64)
SKY = (170, 206, 230)
GREY = (150, 150, 160)


def _room(s: pygame.Surface, wall=WALL, floor=FLOOR, horizon: int = 360) -> None:
    s.fill(wall)
    pygame.draw.rect(s, floor, (0, horizon, W, H - horizon))
    pygame.draw.line(s, INK, (0, horizon), (W, horizon), 3)


def _shadow(s: pygame.Surface, rect: pygame.Rect) -> None:
    shade = pygame.Surface((rect.w, max(8, rect.h // 6)), pygame.SRCALPHA)
    pygame.draw.ellipse(shade, (0, 0, 0, 50), shade.get_rect())
    s.blit(shade, (rect.x, rect.bottom - shade.get_height() // 2))


def _window(s, x, y, w, h, sky=SKY) -> None:
    pygame.draw.rect(s, sky, (x, y, w, h))
    pygame.draw.rect(s, INK, (x, y, w, h), 6)
    pygame.draw.line(s, INK, (x + w // 2, y), (x + w // 2, y + h), 4)


def _desk(s, x, y, w) -> None:
    top = pygame.Rect(x, y, w, 24)
    _shadow(s, pygame.Rect(x, y, w, 150))
    pygame.draw.rect(s, WOOD, top, border_radius=4)
    pygame.draw.rect(s, WOOD, (x + 12, y + 24, 20, 120))
    pygame.draw.rect(s, WOOD, (x + w - 32, y + 24, 20, 120))
    pygame.draw.rect(s, INK, top, 3, border_radius=4)


def _monitor(s, x, y) -> None:
    pygame.draw.rect(s, INK, (x, y, 150, 96), border_radius=6)
    pygame.draw.rect(s, (120, 180, 220), (x + 8, y + 8, 134, 80))
    pygame.draw.rect(s, INK, (x + 65, y + 96, 20, 22))


def _person(s, x, y, shirt, skin=(214, 164, 120), hijab=None) -> None:
    pygame.draw.ellipse(s, shirt, (x - 50, y + 60, 100, 150))
    if hijab:
        pygame.draw.ellipse(s, hijab, (x - 42, y - 10, 84, 100))
    else:
        pygame.draw.ellipse(s, INK, (x - 36, y - 8, 72, 60))
    pygame.draw.ellipse(s, skin, (x - 30, y, 60, 72))


def office(s):
    _room(s)
    _window(s, 620, 60, 240, 180)
    _desk(s, 160, 330, 460)
    _monitor(s, 300, 214)
    pygame.draw.rect(s, PAPER, (470, 300, 90, 30))
    pygame.draw.rect(s, NAVY, (80, 120, 120, 200))
    for i in range(4):
        pygame.draw.rect(s, (ORANGE, TEAL, RED, GREEN)[i], (92 + i * 27, 140, 20, 70))


def counter(s):
    _room(s, wall=(220, 232, 236))
    pygame.draw.rect(s, NAVY, (0, 40, W, 60))
    _person(s, 480, 190, TEAL, hijab=(180, 60, 90))
    pygame.draw.rect(s, WOOD, (80, 320, 800, 200))
    pygame.draw.rect(s, INK, (80, 320, 800, 200), 4)
    pygame.draw.rect(s, (210, 230, 240), (80, 120, 800, 200), 4)
    pygame.draw.circle(s, ORANGE, (170, 260), 36)
    pygame.draw.rect(s, PAPER, (640, 290, 120, 40))


def parcel(s):
    _room(s)
    box = pygame.Rect(320, 220, 320, 200)
    _shadow(s, box)
    pygame.draw.rect(s, (210, 60, 60), box, border_radius=8)
    pygame.draw.rect(s, (240, 200, 60), (box.centerx - 20, box.y, 40, box.h))
    pygame.draw.rect(s, (240, 200, 60), (box.x, box.centery - 20, box.w, 40))
    pygame.draw.ellipse(s, (240, 200, 60), (box.centerx - 90, box.y - 60, 90, 70), 14)
    pygame.draw.ellipse(s, (240, 200, 60), (box.centerx, box.y - 60, 90, 70), 14)
    pygame.draw.rect(s, PAPER, (box.right - 110, box.bottom - 70, 90, 50))
    pygame.draw.rect(s, INK, box, 4, border_radius=8)


def meeting(s):
    _room(s, wall=(226, 222, 238))
    pygame.draw.rect(s, PAPER, (330, 50, 300, 170))
    pygame.draw.rect(s, INK, (330, 50, 300, 170), 5)
    for i, h in enumerate((60, 100, 80, 130)):
        pygame.draw.rect(s, (NAVY, TEAL, ORANGE, GREEN)[i], (370 + i * 60, 200 - h, 40, h))
    for i, x in enumerate((150, 300, 660, 810)):
        _person(s, x, 250, (NAVY, RED, GREEN, ORANGE)[i], hijab=(120, 90, 160) if i == 2 else None)
    table = pygame.Rect(100, 380, 760, 120)
    pygame.draw.ellipse(s, WOOD, table)
    pygame.draw.ellipse(s, INK, table, 4)


def flood(s):
    s.fill((150, 170, 190))
    for i, x in enumerate((60, 300, 560, 760)):
        pygame.draw.rect(s, (WALL, (220, 200, 170), WALL, (200, 210, 190))[i], (x, 170, 180, 220))
        pygame.draw.polygon(s, RED, [(x - 20, 170), (x + 90, 90), (x + 200, 170)])
        _window(s, x + 50, 220, 70, 60, (90, 110, 130))
    water = pygame.Surface((W, 240), pygame.SRCALPHA)
    water.fill((70, 120, 170, 220))
    s.blit(water, (0, 330))
    for y in (360, 420, 480):
        for x in range(0, W, 120):
            pygame.draw.arc(s, PAPER, (x, y, 120, 30), 0, 3.14, 3)
    pygame.draw.polygon(s, ORANGE, [(380, 420), (600, 420), (570, 460), (410, 460)])
    for i in range(0, 30, 6):
        pygame.draw.line(s, (210, 220, 230), (i * 30, 0), (i * 30 - 60, 160), 2)


def server(s):
    _room(s, wall=(40, 50, 70), floor=(70, 80, 100), horizon=420)
    for i in range(4):
        rack = pygame.Rect(100 + i * 200, 80, 150, 340)
        pygame.draw.rect(s, (25, 30, 45), rack, border_radius=6)
        for j in range(8):
            pygame.draw.rect(s, (60, 70, 95), (rack.x + 10, rack.y + 12 + j * 40, 130, 30))
            pygame.draw.circle(
                s, (GREEN, ORANGE, TEAL)[(i + j) % 3], (rack.x + 125, rack.y + 27 + j * 40), 5
            )


def document(s):
    _room(s)
    _desk(s, 120, 360, 720)
    for i in range(3):
        page = pygame.Rect(260 + i * 30, 120 + i * 20, 300, 240)
        pygame.draw.rect(s, PAPER, page)
        pygame.draw.rect(s, INK, page, 3)
        for j in range(6):
            pygame.draw.line(
                s,
                GREY,
                (page.x + 24, page.y + 40 + j * 30),
                (page.right - 24, page.y + 40 + j * 30),
                4,
            )
    stamp = pygame.Rect(460, 300, 160, 60)
    pygame.draw.rect(s, RED, stamp, 6, border_radius=8)
    pygame.draw.line(s, RED, (stamp.x + 20, stamp.centery), (stamp.right - 20, stamp.centery), 8)


def phone(s):
    _room(s, wall=(228, 236, 226))
    _desk(s, 140, 380, 680)
    body = pygame.Rect(390, 80, 180, 330)
    _shadow(s, body)
    pygame.draw.rect(s, INK, body, border_radius=26)
    pygame.draw.rect(s, (235, 242, 250), body.inflate(-24, -50), border_radius=10)
    for j, color in enumerate((TEAL, PAPER, TEAL, PAPER)):
        bubble = pygame.Rect(body.x + (26 if j % 2 else 60), body.y + 50 + j * 62, 96, 44)
        pygame.draw.rect(s, color, bubble, border_radius=14)
        pygame.draw.rect(s, INK, bubble, 2, border_radius=14)
    pygame.draw.circle(s, RED, (body.right - 8, body.y + 10), 22)


def classroom(s):
    _room(s, wall=(232, 226, 212))
    pygame.draw.rect(s, (40, 80, 60), (220, 50, 520, 200))
    pygame.draw.rect(s, WOOD, (220, 50, 520, 200), 8)
    for j in range(3):
        pygame.draw.line(s, PAPER, (260, 100 + j * 50), (560 - j * 60, 100 + j * 50), 5)
    for i, x in enumerate((140, 340, 540, 740)):
        _person(
            s, x + 40, 300, (NAVY, ORANGE, TEAL, RED)[i], hijab=(70, 120, 80) if i % 2 else None
        )
        pygame.draw.rect(s, WOOD, (x - 10, 420, 100, 20))


def field(s):
    s.fill(SKY)
    pygame.draw.circle(s, (250, 220, 120), (820, 100), 50)
    pygame.draw.polygon(s, (120, 170, 110), [(0, 330), (240, 200), (520, 330)])
    pygame.draw.polygon(s, (100, 150, 100), [(380, 330), (700, 180), (W, 330)])
    pygame.draw.rect(s, (130, 180, 90), (0, 330, W, H - 330))
    for y in range(350, H, 36):
        pygame.draw.line(s, (100, 150, 70), (0, y), (W, y + 20), 3)
    _person(s, 420, 250, ORANGE)
    _person(s, 560, 260, NAVY, hijab=(40, 110, 140))
    pygame.draw.rect(s, PAPER, (590, 330, 70, 90))
    pygame.draw.rect(s, INK, (590, 330, 70, 90), 3)


SCENES = {
    "office": office,
    "counter": counter,
    "parcel": parcel,
    "meeting": meeting,
    "flood": flood,
    "server": server,
    "document": document,
    "phone": phone,
    "classroom": classroom,
    "field": field,
}


def draw(name: str) -> pygame.Surface:
    surface = pygame.Surface((W, H))
    SCENES[name](surface)
    frame = pygame.Surface((W, H), pygame.SRCALPHA)
    pygame.draw.rect(frame, (*INK, 255), frame.get_rect(), 6)
    surface.blit(frame, (0, 0))
    return surface
