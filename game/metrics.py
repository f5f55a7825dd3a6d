"""Sizes the layout is built from, shared with ``lint`` so its overflow check is the game's.

Everything scales with the window: sizes are given for the smallest supported window
(1024x576) and multiplied by ``window_height / 576``; the text-size setting multiplies
font sizes again (for projectors). No pygame import here: lint reads these numbers too.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.paths import assets_dir

MIN_WINDOW = (1024, 576)
FONT_REGULAR = assets_dir() / "fonts" / "NotoSans-Regular.ttf"
FONT_BOLD = assets_dir() / "fonts" / "NotoSans-Bold.ttf"
FONT_ITALIC = assets_dir() / "fonts" / "NotoSans-Italic.ttf"
TEXT_SCALES = (1.0, 1.2, 1.4)  # the text-size setting: normal, large, projector
BODY_PX = 19  # body text at 1024x576 and scale 1.0


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels."""

    x: int
    y: int
    w: int
    h: int


def unit(window: tuple[int, int]) -> float:
    """Pixels per layout unit: 1.0 at 576 px high, limited by width for very wide windows."""
    w, h = window
    return max(min(h / MIN_WINDOW[1], w / MIN_WINDOW[0]), 0.5)


def body_px(window: tuple[int, int], scale: float) -> int:
    return max(round(BODY_PX * unit(window) * scale), 10)


def two_step(scale: float) -> bool:
    """Whether the play scene shows the situation and the choices on separate steps.

    Above the normal text size the situation and the choices do not both fit one page
    of the smallest window, so the text gets the whole content area, then the choices do.
    """
    return scale > 1.0


def header_h(window: tuple[int, int], scale: float) -> int:
    """The scene header's height when its title takes one line (the usual case)."""
    u = unit(window)
    return round(max(44, 31.5 * scale + 12) * u)


def content_box(window: tuple[int, int], scale: float) -> Box:
    """The two-step layout's situation area: below the header and the compact speaker row,
    above the button bar (both grow with the text size, like the lines they hold)."""
    u = unit(window)
    w, h = window
    top = round((80 + 31 * scale) * u)
    bottom = h - round((36 + 27 * scale) * u)
    x = round(20 * u)
    return Box(x, top, w - 2 * x, bottom - top)


def choices_area(window: tuple[int, int], scale: float) -> Box:
    """The two-step layout's choices step: everything below the header (whose back button
    returns to the situation), so that four choices of three lines fit at the largest text."""
    u = unit(window)
    w, h = window
    top = header_h(window, scale) + round(6 * u)
    x = round(20 * u)
    return Box(x, top, w - 2 * x, h - round(6 * u) - top)


CHOICE_GAP = 6  # between two choices' panels
CHOICE_PAD = 5  # inside a choice's panel, above and below its text


def situation_box(window: tuple[int, int], scale: float) -> Box:
    """Where the play scene wraps the situation text at this text size."""
    if two_step(scale):
        return content_box(window, scale)
    u = unit(window)
    w, h = window
    x = round(w * 0.30)
    top = round(70 * u)
    return Box(x, top, w - x - round(24 * u), round(h * 0.48) - top)


def choice_box(window: tuple[int, int], scale: float, count: int) -> Box:
    """Where one choice's text wraps, when ``count`` choices share the choices panel/step."""
    u = unit(window)
    w, h = window
    count = max(count, 1)
    if two_step(scale):
        area = choices_area(window, scale)
        gap, pad = round(CHOICE_GAP * u), round(CHOICE_PAD * u)
        height = (area.h - gap * (count - 1)) // count - 2 * pad
        return Box(area.x + round(44 * u), area.y + pad, area.w - round(56 * u), height)
    gap = round(8 * u)
    x = round(w * 0.30)
    top = round(h * 0.50)
    height = (h - top - round(16 * u) - gap * (count - 1)) // count
    return Box(x + round(44 * u), top, w - x - round(24 * u) - round(56 * u), height)
