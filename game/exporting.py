"""Saving pictures of the game (the debrief) as PNG files with unique, dated names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pygame


def save_png(surface: pygame.Surface, folder: Path, stem: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{stem}-{stamp}.png"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{stamp}-{n}.png"
        n += 1
    pygame.image.save(surface, str(path))
    return path
