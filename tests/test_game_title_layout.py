"""The title at every 16:9 size and text size: every button on screen, none under the key hint.

Was: at the projector text size the key-hint line overlapped "Keluar" at every 16:9 size.
"""

from __future__ import annotations

import pygame
import pytest
from game_helpers import frames, make_app

from game.metrics import TEXT_SCALES

SIZES = [(1024, 576), (1280, 720), (1366, 768), (1600, 900), (1920, 1080), (1024, 768)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_title_buttons_fit_above_the_key_hint(tmp_path, size) -> None:
    app = make_app(tmp_path, size=size)
    for text_size in range(len(TEXT_SCALES)):
        app.settings.text_size = text_size
        frames(app, 2)
        ui = app.last_ui
        assert ui is not None and app.scene.name == "title"
        screen = pygame.Rect((0, 0), size)
        buttons = [t.rect for t in app.scene.targets]
        assert len(buttons) == 7 and all(screen.contains(r) for r in buttons)
        hint_h = ui.text_height(ui.tr("game_keys_hint"), ui.w - ui.px(40), ui.small)
        hint_top = ui.h - ui.px(8) - hint_h
        lowest = max(r.bottom for r in buttons)
        assert lowest <= hint_top, (text_size, lowest, hint_top)
        for a in buttons:  # no two buttons overlap either
            assert sum(a.colliderect(b) for b in buttons) == 1
