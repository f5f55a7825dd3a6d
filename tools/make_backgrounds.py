"""Draw the place backgrounds: ``python tools/make_backgrounds.py`` -> assets/backgrounds/*.png.

One flat style for all eight places (office, counter, home, field, meeting, flood, clinic,
street): no outlines, a muted palette of light mid-tones, simple geometric furniture, no
people (the speaker's portrait stands in front) and no writing (words belong to ui.yaml and
the scenarios). 16:9 at 1280 x 720, drawn at twice the size and scaled down so edges are
smooth. Deterministic: the same files on every run.
"""

from __future__ import annotations

import math
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

W, H = 1280, 720
S = 2  # supersampling
OUT = ROOT / "assets" / "backgrounds"
PLACES = ("office", "counter", "home", "field", "meeting", "flood", "clinic", "street")

# Muted palette: light, low-saturation tones so text panels on top stay readable.
WALL = (226, 221, 210)
WALL_BLUE = (208, 219, 224)
WALL_MINT = (212, 226, 218)
WALL_WARM = (232, 218, 200)
WALL_LILAC = (220, 216, 226)
FLOOR = (196, 182, 160)
FLOOR_GREY = (190, 192, 190)
WOOD = (164, 132, 104)
WOOD_DARK = (136, 108, 86)
SKY = (196, 214, 226)
SKY_GREY = (176, 184, 192)
GLASS = (206, 222, 230)
SHADE = (0, 0, 0, 28)
NAVY = (92, 110, 134)
TEAL = (110, 150, 150)
OCHRE = (200, 170, 110)
BRICK = (186, 140, 120)
GREEN = (140, 168, 132)
GREEN_DARK = (112, 140, 110)
PAPER = (244, 241, 234)
STEEL = (168, 172, 178)
SCREEN = (120, 134, 150)


def _c(v: float) -> int:
    return round(v * S)


def rect(s, color, x, y, w, h, radius=0) -> None:
    pygame.draw.rect(s, color, (_c(x), _c(y), _c(w), _c(h)), border_radius=_c(radius))


def poly(s, color, points) -> None:
    pygame.draw.polygon(s, color, [(_c(x), _c(y)) for x, y in points])


def ellipse(s, color, x, y, w, h) -> None:
    pygame.draw.ellipse(s, color, (_c(x), _c(y), _c(w), _c(h)))


def circle(s, color, x, y, r) -> None:
    pygame.draw.circle(s, color, (_c(x), _c(y)), _c(r))


def line(s, color, a, b, width) -> None:
    pygame.draw.line(s, color, (_c(a[0]), _c(a[1])), (_c(b[0]), _c(b[1])), _c(width))


def shade(s, x, y, w, h, alpha=28, radius=0) -> None:
    """A translucent dark patch: soft shadows under furniture, in one consistent direction."""
    layer = pygame.Surface((_c(w), _c(h)), pygame.SRCALPHA)
    pygame.draw.rect(layer, (40, 36, 30, alpha), layer.get_rect(), border_radius=_c(radius))
    s.blit(layer, (_c(x), _c(y)))


def darker(color, k=0.85):
    return tuple(round(c * k) for c in color[:3])


def room(s, wall, floor, horizon=470) -> None:
    s.fill(wall)
    rect(s, floor, 0, horizon, W, H - horizon)
    rect(s, darker(wall, 0.92), 0, horizon - 14, W, 14)  # skirting


def window(s, x, y, w, h, sky=SKY, frame=PAPER, blinds=False) -> None:
    rect(s, frame, x - 10, y - 10, w + 20, h + 20, 4)
    rect(s, sky, x, y, w, h)
    rect(s, frame, x + w / 2 - 4, y, 8, h)
    rect(s, frame, x, y + h / 2 - 4, w, 8)
    if blinds:
        for i in range(0, int(h * 0.45), 14):
            rect(s, darker(frame, 0.95), x, y + i, w, 8)


def plant(s, x, y, scale=1.0) -> None:
    for a in (-0.9, -0.45, 0, 0.45, 0.9):
        cx, cy = x + math.sin(a) * 38 * scale, y - 70 * scale - math.cos(a) * 22 * scale
        k = scale
        ellipse(s, GREEN if a else GREEN_DARK, cx - 16 * k, cy - 40 * k, 32 * k, 80 * k)
    k = scale
    poly(s, BRICK, [(x - 30 * k, y - 40 * k), (x + 30 * k, y - 40 * k),
                    (x + 22 * k, y + 20 * k), (x - 22 * k, y + 20 * k)])  # fmt: skip


def desk(s, x, y, w, color=WOOD) -> None:
    shade(s, x + 10, y + 150, w, 16, radius=8)
    rect(s, color, x, y, w, 22, 4)
    rect(s, darker(color), x + 16, y + 22, w - 32, 120)
    rect(s, darker(color, 0.75), x + 30, y + 40, w * 0.3, 6, 3)


def monitor(s, x, y, w=150) -> None:
    h = w * 0.62
    rect(s, darker(STEEL, 0.7), x, y, w, h, 6)
    rect(s, SCREEN, x + 8, y + 8, w - 16, h - 16, 3)
    rect(s, darker(STEEL, 0.7), x + w / 2 - 10, y + h, 20, 22)
    rect(s, darker(STEEL, 0.7), x + w / 2 - 40, y + h + 18, 80, 8, 4)


def chair(s, x, y, color=NAVY) -> None:
    shade(s, x - 6, y + 118, 92, 12, radius=6)
    rect(s, color, x, y, 80, 70, 10)
    rect(s, darker(color), x - 6, y + 66, 92, 18, 6)
    rect(s, darker(color, 0.7), x + 36, y + 84, 8, 36)


def cabinet(s, x, y, w=110, h=190, color=STEEL) -> None:
    shade(s, x + 8, y + h - 6, w, 14, radius=6)
    rect(s, color, x, y, w, h, 4)
    step = (h - 20) / 3
    for i in range(3):
        rect(s, darker(color, 0.92), x + 10, y + 12 + i * step, w - 20, step - 10, 3)
        rect(s, darker(color, 0.7), x + w / 2 - 14, y + 30 + i * step, 28, 6, 3)


def shelf_with_binders(s, x, y, w) -> None:
    rect(s, WOOD, x, y, w, 12, 2)
    colors = [NAVY, OCHRE, TEAL, BRICK, STEEL, GREEN]
    bx = x + 8
    i = 0
    while bx < x + w - 30:
        bw = 22 + (i * 7) % 12
        rect(s, colors[i % len(colors)], bx, y - 70 + (i % 3) * 4, bw, 70 - (i % 3) * 4, 2)
        bx += bw + 4
        i += 1


def clock(s, x, y, r=34) -> None:
    circle(s, PAPER, x, y, r)
    line(s, darker(STEEL, 0.6), (x, y), (x, y - r * 0.6), 4)
    line(s, darker(STEEL, 0.6), (x, y), (x + r * 0.45, y + 4), 4)


def frame_picture(s, x, y, w, h, inner=GREEN) -> None:
    rect(s, WOOD_DARK, x, y, w, h, 2)
    rect(s, PAPER, x + 8, y + 8, w - 16, h - 16)
    poly(s, inner, [(x + 14, y + h - 14), (x + w * 0.45, y + h * 0.4), (x + w - 14, y + h - 14)])


def office(s) -> None:
    room(s, WALL, FLOOR)
    window(s, 760, 90, 300, 220, blinds=True)
    shelf_with_binders(s, 120, 200, 300)
    clock(s, 560, 130)
    cabinet(s, 1120, 300)
    desk(s, 430, 420, 520)
    monitor(s, 560, 300)
    rect(s, PAPER, 760, 398, 90, 22, 2)
    rect(s, darker(PAPER, 0.93), 770, 390, 90, 10, 2)
    plant(s, 160, 560)


def counter(s) -> None:
    room(s, WALL_BLUE, FLOOR_GREY, horizon=500)
    rect(s, NAVY, 0, 70, W, 70)  # fascia
    for i in range(3):
        x = 170 + i * 340
        rect(s, PAPER, x, 200, 260, 200, 4)  # service window
        rect(s, GLASS, x + 12, 212, 236, 176, 2)
        rect(s, darker(NAVY, 0.8), x + 90, 160, 80, 30, 4)  # number sign
        circle(s, OCHRE, x + 130, 175, 8)
    rect(s, darker(STEEL, 0.6), 1090, 110, 130, 70, 6)  # queue display
    for i in range(3):
        rect(s, OCHRE if i == 0 else TEAL, 1104 + i * 38, 128, 28, 34, 3)
    shade(s, 60, 586, 1160, 18, radius=9)
    rect(s, WOOD, 40, 400, 1200, 36, 6)  # counter top
    rect(s, darker(WOOD), 60, 436, 1160, 150)
    for i in range(4):
        rect(s, darker(WOOD, 0.78), 90 + i * 290, 460, 230, 100, 6)
    for x in (110, 520, 930):
        rect(s, PAPER, x, 384, 70, 18, 2)


def home(s) -> None:
    room(s, WALL_WARM, (190, 166, 140))
    for x in range(0, W, 80):  # floor tiles
        line(s, darker((190, 166, 140), 0.93), (x, 470), (x - 60, H), 3)
    window(s, 140, 110, 260, 220, sky=(210, 222, 214), frame=(238, 230, 214))
    rect(s, (200, 170, 150), 110, 90, 60, 280, 8)  # curtains
    rect(s, (200, 170, 150), 370, 90, 60, 280, 8)
    frame_picture(s, 620, 150, 150, 110, inner=OCHRE)
    frame_picture(s, 800, 170, 110, 90, inner=TEAL)
    shade(s, 560, 590, 560, 20, radius=10)
    rect(s, (150, 150, 132), 560, 420, 540, 90, 20)  # sofa back
    rect(s, (138, 138, 120), 540, 480, 580, 110, 18)
    rect(s, (160, 160, 142), 580, 470, 240, 50, 12)
    rect(s, (160, 160, 142), 840, 470, 240, 50, 12)
    rect(s, WOOD, 300, 540, 200, 16, 4)  # coffee table
    rect(s, darker(WOOD), 320, 556, 16, 60)
    rect(s, darker(WOOD), 464, 556, 16, 60)
    ellipse(s, PAPER, 360, 526, 60, 18)
    rect(s, STEEL, 1160, 260, 8, 210)  # floor lamp
    poly(s, PAPER, [(1130, 260), (1198, 260), (1184, 200), (1144, 200)])


def field(s) -> None:
    s.fill(SKY)
    hills = [(0, 330), (260, 230), (520, 320), (760, 210), (1040, 300), (W, 240), (W, 380)]
    poly(s, (176, 192, 178), [*hills, (0, 380)])
    rect(s, (174, 196, 150), 0, 370, W, H - 370)
    for i, y in enumerate(range(380, H, 38)):  # sawah terraces
        rect(s, (162 + (i % 2) * 14, 188 + (i % 2) * 8, 140), 0, y, W, 30)
        line(s, (196, 208, 170), (0, y + 30), (W, y + 30), 4)
    for x, h in ((150, 200), (230, 170), (1080, 220)):  # palms
        line(s, WOOD_DARK, (x, 380), (x + 12, 380 - h), 10)
        for a in range(-3, 4):
            ang = a * 0.45
            tip = (x + 12 + math.sin(ang) * 80, 380 - h + math.cos(ang) * 26 + abs(a) * 12)
            line(s, GREEN_DARK, (x + 12, 380 - h), tip, 10)
    rect(s, WALL_WARM, 860, 300, 120, 80)  # hut
    poly(s, BRICK, [(845, 305), (920, 250), (995, 305)])
    rect(s, WOOD_DARK, 905, 330, 28, 50)
    for i in range(5):
        ellipse(s, (236, 240, 242), 300 + i * 90, 80 + (i % 2) * 18, 150, 40)


def meeting(s) -> None:
    room(s, WALL_LILAC, FLOOR_GREY)
    rect(s, PAPER, 420, 70, 440, 250, 4)  # projection screen
    rect(s, (226, 230, 234), 436, 86, 408, 218)
    for i, h in enumerate((60, 110, 80, 140)):
        rect(s, (NAVY, TEAL, OCHRE, GREEN)[i], 520 + i * 60, 280 - h, 36, h, 2)
    rect(s, darker(STEEL, 0.8), 634, 50, 12, 24)
    rect(s, PAPER, 110, 140, 220, 150, 4)  # whiteboard
    for i in range(3):
        line(s, (150, 160, 180), (130, 170 + i * 30), (300 - i * 40, 170 + i * 30), 4)
    frame_picture(s, 960, 140, 180, 120, inner=TEAL)
    for x in (300, 440, 580, 720, 860):  # chairs behind the table
        rect(s, NAVY, x, 370, 80, 90, 12)
    shade(s, 220, 610, 840, 20, radius=10)
    poly(s, WOOD, [(260, 470), (1020, 470), (1120, 600), (160, 600)])  # table
    rect(s, darker(WOOD), 160, 600, 960, 18)
    for x in (400, 620, 840):
        rect(s, PAPER, x, 500, 80, 40, 2)


def flood(s) -> None:
    s.fill(SKY_GREY)
    for i in range(7):
        ellipse(s, (160, 168, 178), -80 + i * 200, 30 + (i % 3) * 20, 300, 90)
    houses = [(60, WALL_WARM), (340, WALL_BLUE), (640, WALL), (920, WALL_MINT)]
    for x, wall in houses:
        rect(s, wall, x, 230, 240, 240)
        poly(s, darker(BRICK, 0.95), [(x - 20, 236), (x + 120, 150), (x + 260, 236)])
        rect(s, darker(wall, 0.85), x + 30, 290, 60, 60)
        rect(s, darker(wall, 0.8), x + 140, 300, 60, 170)
    line(s, darker(STEEL, 0.7), (1200, 120), (1200, 470), 10)  # pole
    water = (150, 150, 128)
    rect(s, water, 0, 400, W, H - 400)
    rng = random.Random(7)
    for _ in range(60):
        x, y = rng.randrange(0, W), rng.randrange(420, H)
        rect(s, (168, 168, 146), x, y, rng.randrange(40, 120), 5, 3)
    rain = pygame.Surface((W * S, H * S), pygame.SRCALPHA)
    for _ in range(160):
        x, y = rng.randrange(0, W), rng.randrange(0, 400)
        pygame.draw.line(rain, (240, 244, 248, 90), (_c(x), _c(y)), (_c(x - 10), _c(y + 34)), _c(2))
    s.blit(rain, (0, 0))


def clinic(s) -> None:
    room(s, WALL_MINT, (200, 206, 204))
    rect(s, (236, 240, 238), 0, 250, W, 12)  # dado rail
    window(s, 880, 90, 260, 200, sky=SKY)
    rect(s, (176, 204, 196), 120, 80, 16, 380)  # curtain rail + curtain
    for i in range(5):
        rect(s, (182, 206, 200) if i % 2 else (170, 198, 190), 136 + i * 44, 90, 44, 360)
    shade(s, 420, 520, 360, 16, radius=8)
    rect(s, PAPER, 420, 410, 360, 40, 10)  # examination bed
    rect(s, (226, 230, 230), 420, 400, 110, 22, 10)
    rect(s, STEEL, 450, 450, 12, 70)
    rect(s, STEEL, 740, 450, 12, 70)
    cabinet(s, 900, 320, w=140, h=160, color=(226, 232, 232))
    rect(s, GREEN_DARK, 952, 334, 36, 12, 2)  # a green plus (not the protected red cross)
    rect(s, GREEN_DARK, 964, 322, 12, 36, 2)
    rect(s, PAPER, 620, 140, 150, 190, 3)  # eye chart, as bars
    for i in range(6):
        rect(s, (150, 160, 170), 650 + i * 6, 160 + i * 28, 90 - i * 12, 12, 2)
    plant(s, 1190, 560, 0.9)


def street(s) -> None:
    s.fill(SKY)
    fronts = [(0, WALL_WARM), (260, WALL_BLUE), (520, (222, 210, 196)), (780, WALL_MINT),
              (1040, WALL_LILAC)]  # fmt: skip
    for i, (x, wall) in enumerate(fronts):
        top = 120 + (i % 3) * 30
        rect(s, wall, x, top, 250, 400 - top)
        rect(s, darker(wall, 0.88), x, top, 250, 24)
        rect(s, darker(wall, 0.8), x + 20, 290, 210, 110, 2)  # shop shutter
        for j in range(6):
            line(s, darker(wall, 0.72), (x + 20, 300 + j * 16), (x + 230, 300 + j * 16), 2)
        rect(s, GLASS, x + 30, top + 50, 80, 60, 2)
        rect(s, GLASS, x + 140, top + 50, 80, 60, 2)
        rect(s, (OCHRE, TEAL, BRICK, NAVY, GREEN)[i], x + 10, 250, 230, 30, 3)  # awning/sign
    rect(s, (206, 202, 194), 0, 400, W, 60)  # sidewalk
    line(s, (186, 182, 174), (0, 460), (W, 460), 6)
    rect(s, (150, 152, 156), 0, 462, W, H - 462)  # road
    for x in range(40, W, 200):
        rect(s, (214, 214, 206), x, 590, 110, 10, 4)
    for x in (200, 900):  # power poles and wires
        line(s, darker(STEEL, 0.75), (x, 60), (x, 420), 10)
        line(s, darker(STEEL, 0.75), (x - 40, 90), (x + 40, 90), 6)
    for dy in (0, 14):
        wire = (_c(200), _c(40 + dy), _c(700), _c(120))
        pygame.draw.arc(s, darker(STEEL, 0.6), wire, math.pi, 2 * math.pi, _c(2))
    line(s, WOOD_DARK, (1180, 420), (1180, 300), 14)  # tree
    circle(s, GREEN_DARK, 1180, 260, 70)
    circle(s, GREEN, 1140, 280, 50)


DRAW = {name: globals()[name] for name in PLACES}


def render(place: str) -> pygame.Surface:
    big = pygame.Surface((W * S, H * S))
    DRAW[place](big)
    return pygame.transform.smoothscale(big, (W, H))


def main() -> None:
    pygame.init()
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for place in PLACES:
        path = OUT / f"{place}.png"
        pygame.image.save(render(place), str(path))
        total += path.stat().st_size
    print(f"{len(PLACES)} backgrounds, {total / 1024:.0f} KB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
