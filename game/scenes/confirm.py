"""Ask before something that cannot be undone from here (e.g. leaving a scenario mid-way)."""

from __future__ import annotations

from game.scenes.base import Scene
from game.widgets.prompt import prompt_card
from game.widgets.ui import Ui


class ConfirmScene(Scene):
    """Title, text and options; dismissed with the chosen option's key (Esc: the first)."""

    name = "confirm"

    def __init__(self, app, title: str, lines: list[str], options: list[tuple[str, str]]) -> None:
        super().__init__(app)
        self.title, self.lines, self.options = title, lines, options
        self.focus_key = options[0][0]

    def back(self) -> None:
        self.dismiss(self.options[0][0])

    def draw(self, ui: Ui) -> None:
        buttons = [
            (key, label, lambda k=key: self.dismiss(k), "primary" if i == 0 else "normal")
            for i, (key, label) in enumerate(self.options)
        ]
        prompt_card(ui, self.title, self.lines, buttons, self)
