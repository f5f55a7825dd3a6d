"""Helpers for the game tests: a headless App on a temporary config/data folder."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.app import App
from game.driver import (
    choose,
    click,
    find,
    frames,
    press,
    start_classroom,
    start_individual,
    tab_to,
    type_text,
)

MINI = Path(__file__).parent / "fixtures" / "good" / "mini.yaml"

__all__ = [
    "MINI",
    "choose",
    "click",
    "find",
    "frames",
    "make_app",
    "press",
    "start_classroom",
    "start_individual",
    "tab_to",
    "type_text",
]


def make_app(
    tmp: Path,
    size=(1024, 576),
    scenarios=None,
    shuffle: bool = False,
    class_server=True,
    transitions: bool = False,
) -> App:
    """An app drawing into a dummy window, with its settings and exports under ``tmp``.

    Options keep the file's order unless ``shuffle``: the tests know which option is which.
    Scenes change at once unless ``transitions`` (tests count frames after a click).
    """
    return App(
        scenarios=scenarios if scenarios is not None else [MINI],
        size=size,
        config=tmp / "config",
        data=tmp / "data",
        fps=0,
        fixed_dt=1 / 30,
        shuffle=shuffle,
        class_server=class_server,
        transitions=transitions,
    )
