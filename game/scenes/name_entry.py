"""Who is playing: a name (required), NIP and group code (optional); or a classroom session.

Individual mode asks for the player; classroom mode asks only for an optional group code,
since the class plays as one. The player row is found or created in the records, so the
same name, NIP and group keep one history across sessions (and programmes).
"""

from __future__ import annotations

import sqlite3

import pygame

from engine.ui_text import tr
from game.scenes.base import Scene
from game.widgets.text_field import TextField
from game.widgets.ui import Ui


class NameEntryScene(Scene):
    name = "name_entry"

    def __init__(self, app, mode: str) -> None:
        super().__init__(app)
        self.mode = mode
        if mode == "classroom":
            self.fields = [TextField("field-group", "entry_group", 40)]
        else:
            self.fields = [
                TextField("field-name", "entry_name", 80),
                TextField("field-nip", "entry_nip", 30),
                TextField("field-group", "entry_group", 40),
            ]
        self.focus_key = self.fields[0].key
        self.error = ""
        self.blink = 0.0
        self.drawn_caret: bool | None = None  # the caret state on screen now
        pygame.key.start_text_input()

    def field(self, key: str | None) -> TextField | None:
        return next((f for f in self.fields if f.key == key), None)

    def focus(self, key: str) -> None:
        self.focus_key = key

    # -- events -----------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        current = self.field(self.focus_key)
        if event.type == pygame.TEXTINPUT:
            if current is not None:
                current.insert(event.text)
                self.error = ""
        elif event.type == pygame.TEXTEDITING:
            if current is not None:
                current.composing = event.text
        else:
            super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        current = self.field(self.focus_key)
        k = event.key
        if current is not None and k == pygame.K_BACKSPACE:
            current.backspace()
        elif current is not None and k in (pygame.K_SPACE, pygame.K_LEFT, pygame.K_RIGHT):
            return  # typed through TEXTINPUT; the caret stays at the end
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER) and (
            current is not None or self.focus_key == "entry-ok"
        ):
            self.submit()
        else:
            super().key(event)

    def update(self, dt: float) -> None:
        self.blink += dt

    def animating(self) -> bool:
        return self.caret_on() != self.drawn_caret  # redraw only when the caret blinks

    def caret_on(self) -> bool:
        return int(self.blink * 2) % 2 == 0

    def back(self) -> None:
        pygame.key.stop_text_input()
        self.dismiss(None)

    def submit(self) -> None:
        """Find or create the player; dismissed with (player or None, mode)."""
        values = {f.key: f.value for f in self.fields}
        group = values.get("field-group") or None
        if self.mode == "classroom":
            name = tr("class_player", "id") + (f" {group}" if group else "")
            nip = None
        else:
            name, nip = values["field-name"], values.get("field-nip") or None
            if not name:
                self.error = tr("entry_name_needed", self.app.settings.lang)
                self.focus_key = "field-name"
                return
        records = self.app.records
        try:
            player = records.player(name, nip, group) if records is not None else None
        except (sqlite3.Error, OSError):
            player = None  # the play then says that it is not saved
        pygame.key.stop_text_input()
        self.dismiss((player, "classroom" if self.mode == "classroom" else "individual"))

    # -- frame ------------------------------------------------------------------------
    def draw(self, ui: Ui) -> None:
        t = ui.theme
        classroom = self.mode == "classroom"
        top = ui.header(ui.tr("entry_class_title" if classroom else "entry_title"), back=self.back)
        width = min(ui.w - ui.px(48), ui.px(640))
        x = (ui.w - width) // 2
        y = top + ui.px(16)
        if classroom:
            y = ui.text(ui.tr("entry_class_intro"), x, y, ui.body, t.text, width).bottom + ui.px(12)
        caret_on = self.drawn_caret = self.caret_on()
        for f in self.fields:
            y = f.draw(ui, x, y, width, self.focus, caret_on) + ui.px(12)
        focused = self.field(self.focus_key)
        if focused is not None:
            pygame.key.set_text_input_rect(focused.rect)
        if self.error:
            y = ui.text(self.error, x, y, ui.body, t.bad, width, "bold").bottom + ui.px(8)
        label = ui.tr("entry_ok")
        bh = ui.line(ui.body, "bold") + ui.px(16)
        button = pygame.Rect(x + width - ui.button_width(label) - ui.px(20), y, 0, bh)
        button.w = x + width - button.x
        ui.button("entry-ok", button, label, self.submit, "primary")
        ui.text(ui.tr("entry_hint"), x, button.bottom + ui.px(12), ui.small, t.muted, width)
