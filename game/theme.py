"""Colours of the game's identity: a light "paper" theme and a high-contrast one.

Value colours come from scenarios/values.yaml (Value.color); this module only turns them
into pygame colours and picks readable text on top of them.
"""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    name: str
    bg: Color
    panel: Color
    panel_alt: Color
    text: Color
    muted: Color
    accent: Color
    accent_text: Color
    header: Color
    header_text: Color
    focus: Color
    border: Color
    good: Color
    bad: Color
    mixed: Color
    link: Color
    track: Color


NORMAL = Theme(
    name="normal",
    bg=(243, 238, 228),
    panel=(255, 253, 248),
    panel_alt=(234, 228, 216),
    text=(28, 32, 44),
    muted=(84, 88, 100),
    accent=(24, 66, 112),
    accent_text=(255, 255, 255),
    header=(22, 46, 82),
    header_text=(250, 246, 236),
    focus=(214, 120, 20),
    border=(200, 192, 178),
    good=(32, 128, 72),
    bad=(184, 48, 48),
    mixed=(176, 120, 16),
    link=(20, 86, 168),
    track=(222, 215, 202),
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    bg=(0, 0, 0),
    panel=(16, 16, 16),
    panel_alt=(40, 40, 40),
    text=(255, 255, 255),
    muted=(230, 230, 230),
    accent=(255, 230, 0),
    accent_text=(0, 0, 0),
    header=(0, 0, 0),
    header_text=(255, 255, 255),
    focus=(0, 255, 255),
    border=(255, 255, 255),
    good=(80, 255, 120),
    bad=(255, 110, 110),
    mixed=(255, 220, 80),
    link=(120, 220, 255),
    track=(70, 70, 70),
)


def theme_for(high_contrast: bool) -> Theme:
    return HIGH_CONTRAST if high_contrast else NORMAL


def hex_color(value: str) -> Color:
    """'#RRGGBB' (as validated by the model) to an RGB tuple."""
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def readable_on(color: Color) -> Color:
    """Black or white, whichever reads better on ``color`` (WCAG relative luminance)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color)
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (0, 0, 0) if lum > 0.179 else (255, 255, 255)


def tone_color(theme: Theme, tone: str) -> Color:
    return {"good": theme.good, "bad": theme.bad}.get(tone, theme.mixed)
