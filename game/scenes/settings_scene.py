"""Settings: language, text size, high contrast, fullscreen, sound. Saved at once."""

from __future__ import annotations

import pygame

from game.metrics import TEXT_SCALES
from game.scenes.base import Scene
from game.widgets.ui import Ui


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.focus_key = "language"

    def _change(self, name: str) -> None:
        s = self.app.settings
        if name == "language":
            s.lang = "en" if s.lang == "id" else "id"
        elif name == "text_size":
            s.text_size = (s.text_size + 1) % len(TEXT_SCALES)
        elif name == "high_contrast":
            s.high_contrast = not s.high_contrast
        elif name == "sound":
            s.sound = not s.sound
        elif name == "fullscreen":
            self.app.toggle_fullscreen()
            return
        self.app.save_settings()

    def draw(self, ui: Ui) -> None:
        s = self.app.settings
        top = ui.header(ui.tr("game_settings"), back=self.back)

        def state(on: bool) -> str:
            return ui.tr("game_on" if on else "game_off")

        rows = (
            ("language", ui.tr("game_language")),
            ("text_size", ui.tr("game_text_size", name=ui.tr(f"game_size_{s.text_size}"))),
            ("high_contrast", ui.tr("game_high_contrast", state=state(s.high_contrast))),
            ("fullscreen", ui.tr("game_fullscreen", state=state(s.fullscreen))),
            ("sound", ui.tr("game_sound", state=state(s.sound))),
        )
        width = min(ui.w - ui.px(48), ui.px(560))
        x = (ui.w - width) // 2
        view = pygame.Rect(0, top + ui.px(8), ui.w, ui.h - top - ui.px(8))
        y = ui.begin_area(self.scroll_area, view) + ui.px(16)
        bh = ui.line(ui.body, "bold") + ui.px(16)
        for key, label in rows:
            r = pygame.Rect(x, y, width, bh)
            ui.button(key, r, label, lambda k=key: self._change(k))
            y = r.bottom + ui.px(10)
        where = ui.tr("game_settings_saved", path=self.app.config_dir / "settings.json")
        y = ui.text(where, x, y + ui.px(10), ui.small, ui.theme.muted, width).bottom
        ui.end_area(y + ui.px(10))
