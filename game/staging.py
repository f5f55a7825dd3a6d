"""The scene behind the words: which place and which face a moment is shown with.

A :class:`Stage` is decided from the scenario's data only (the node's ``place`` or the
scenario's, the node's ``mood`` or the choice's ``reaction``), in a scene's ``layout`` so
that tests can read the choice the game made (the portrait file, the background) without
looking at pixels. The drawing helpers below fetch cached surfaces: a frame only blits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import pygame

from game.portrait_select import PortraitChoice

if TYPE_CHECKING:
    from engine.model import Character, Scenario

DEFAULT_PLACE = "office"


class Stage(NamedTuple):
    """Where a moment happens and who is shown speaking, with which expression."""

    place: str
    speaker_id: str | None
    speaker: Character | None
    mood: str
    portrait: PortraitChoice | None  # the drawn portrait chosen (None: own image, silhouette)


def place_of(scenario: Scenario, node_id: str | None) -> str:
    """The node's place, else the scenario's (endings and unknown ids take the scenario's)."""
    node = scenario.nodes.get(node_id or "")
    return (node.place if node is not None else None) or scenario.place or DEFAULT_PLACE


def stage_of(app: Any, scenario: Scenario, node_id: str | None, mood: str | None = None) -> Stage:
    """The stage of ``node_id``: its place, its speaker and the speaker's expression.

    ``mood`` overrides the node's (the outcome shows the choice's ``reaction``).
    """
    node = scenario.nodes.get(node_id or "")
    speaker_id = node.speaker if node is not None else None
    speaker = scenario.characters.get(speaker_id) if speaker_id else None
    face = mood or (node.mood if node is not None else "neutral")
    portrait = None
    if speaker is not None and not speaker.avatar:
        portrait = app.portraits.choose(speaker_id, speaker, face, scenario.characters)
    return Stage(place_of(scenario, node_id), speaker_id, speaker, face, portrait)


def backdrop(app: Any, place: str, size: tuple[int, int]) -> pygame.Surface:
    """The place's background filling ``size`` under a veil in the theme's colour, so that
    panels and text on top stay readable (stronger in high contrast)."""
    theme = app.theme
    strong = theme.name == "high_contrast"
    return app.images.backdrop(
        f"backgrounds/{place}.png", size, theme.bg, theme.border, 200 if strong else 60
    )


def portrait(app: Any, scenario: Scenario, stage: Stage, size: tuple[int, int]) -> pygame.Surface:
    """The speaker's face: the character's own image when it names one, else the drawn
    portrait for its data and mood (a silhouette when the data does not say enough)."""
    speaker = stage.speaker
    if speaker is not None and speaker.avatar:
        own = app.images.picture(speaker.avatar, size)
        if own is not None:
            return own
    return app.portraits.surface(
        stage.speaker_id, speaker, stage.mood, size, cast=scenario.characters
    )


def draw_backdrop(ui: Any, place: str, top: int = 0) -> None:
    """Fill the window below ``top`` with the place (one cached blit)."""
    surf = backdrop(ui.app, place, ui.size)
    ui.surface.blit(surf, (0, top), pygame.Rect(0, top, ui.w, ui.h - top))


def name_plate(ui: Any, stage: Stage, x: int, y: int, width: int) -> int:
    """Name (bold) and role on a panel: the role wraps, never cut. Returns the bottom."""
    t, lang = ui.theme, ui.lang
    speaker = stage.speaker
    name = speaker.name.get(lang) if speaker else ui.tr("game_narrator")
    pad = ui.px(8)
    inner = width - 2 * pad
    blocks = [ui.render(name, ui.body, t.text, inner, "bold")]
    if speaker is not None and speaker.role:
        blocks.append(ui.render(speaker.role.get(lang), ui.small, t.muted, inner))
    h = sum(b.get_height() for b in blocks) + 2 * pad
    ui.panel(pygame.Rect(x, y, width, h))
    pygame.draw.rect(ui.surface, t.accent, (x, y + ui.px(6), ui.px(4), h - ui.px(12)))
    ty = y + pad
    for block in blocks:
        ui.surface.blit(block, (x + pad + ui.px(2), ty))
        ty += block.get_height()
    return y + h


def name_plate_height(ui: Any, stage: Stage, width: int) -> int:
    t, lang = ui.theme, ui.lang
    speaker = stage.speaker
    name = speaker.name.get(lang) if speaker else ui.tr("game_narrator")
    inner = width - 2 * ui.px(8)
    h = ui.render(name, ui.body, t.text, inner, "bold").get_height()
    if speaker is not None and speaker.role:
        h += ui.render(speaker.role.get(lang), ui.small, t.muted, inner).get_height()
    return h + 2 * ui.px(8)
