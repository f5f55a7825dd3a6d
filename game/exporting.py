"""Saving pictures of the game (the debrief) as PNG files with unique, dated names.

Written atomically: a crash mid-save leaves no half-written picture under the final name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame

from game.atomic import save_png_atomic


def save_png(surface: pygame.Surface, folder: Path, stem: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-{stamp}.png"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{stamp}-{n}.png"
        n += 1
    return save_png_atomic(surface, path)
