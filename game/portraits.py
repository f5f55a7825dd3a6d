"""Speaker portraits as Surfaces: the Open Peeps SVGs in assets/portraits/, dressed and sized.

Which file a character gets is decided by :mod:`game.portrait_select` (pure, tested without
pygame). Here we read the manifest once, compose the SVG text (outfit, glasses) and render it
with ``pygame.image.load_sized_svg`` once per (file, dress, size): SVG stays crisp at any
window size, and nothing is rendered in the frame loop after the first frame of a size.
When no file fits (no gender in the data yet, a missing file) a neutral silhouette is drawn.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pygame

from engine.paths import assets_dir
from game.portrait_select import (
    PortraitChoice,
    choose_portrait,
    compose_svg,
    index_variants,
    outfit_color,
)

Size = tuple[int, int]
MAX_SVG_BYTES = 256 * 1024  # a portrait is ~9 KB; refuse anything absurd
SILHOUETTE = (150, 156, 166)


class Portraits:
    """Portrait surfaces for characters and moods, cached per file, dress and size."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or assets_dir() / "portraits"
        self._manifest: dict[str, Any] | None = None
        self._available: frozenset[str] = frozenset()
        self._variants: dict = {}
        self._recent: dict[tuple, tuple] = {}
        self._cache: dict[tuple, pygame.Surface] = {}

    @property
    def manifest(self) -> dict[str, Any]:
        """The build script's manifest (empty when missing or unreadable: silhouettes only)."""
        if self._manifest is None:
            try:
                data = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
                files = data["files"]
                self._available = frozenset(
                    name for name in files if (self.folder / name).is_file()
                )
                self._variants = index_variants(self._available)
                self._manifest = data
            except (OSError, ValueError, KeyError, TypeError):
                self._manifest, self._available = {}, frozenset()
        return self._manifest

    def choose(
        self, character_id: str, character: Any, mood: str, cast: Mapping[str, Any] | None = None
    ) -> PortraitChoice | None:
        """The file and dress for this character and mood, or None (silhouette)."""
        if not self.manifest:
            return None
        return choose_portrait(character_id, character, mood, self._available, cast, self._variants)

    def surface(
        self,
        character_id: str | None,
        character: Any,
        mood: str,
        size: Size,
        cast: Mapping[str, Any] | None = None,
    ) -> pygame.Surface:
        """The portrait at ``size`` (square art fitted and centred); a silhouette if none fits.

        Pass the scenario's ``characters`` as ``cast`` so that two people of the same kind
        in one scenario do not share a face.
        """
        size = (max(1, int(size[0])), max(1, int(size[1])))
        # Per frame: one dict lookup. The memo holds the character and cast it was made for,
        # so their ids cannot be reused by other objects while the entry lives.
        fast = (character_id, id(character), mood, size, id(cast))
        hit = self._recent.get(fast)
        if hit is not None and hit[0] is character and hit[1] is cast:
            return hit[2]
        surf = self._surface(character_id, character, mood, size, cast)
        if len(self._recent) > 512:
            self._recent.clear()
        self._recent[fast] = (character, cast, surf)
        return surf

    def _surface(self, character_id, character, mood, size, cast) -> pygame.Surface:
        choice = self.choose(character_id or "", character, mood, cast) if character else None
        if choice is None:
            return self._silhouette(size)
        color = outfit_color(self.manifest["outfits"], choice.outfit, character_id or "")
        key = (choice.file, choice.outfit, color, choice.glasses, size)
        surf = self._cache.get(key)
        if surf is None:
            surf = self._render(choice, color, size)
            self._cache[key] = surf
        return surf

    def _render(self, choice: PortraitChoice, color: str, size: Size) -> pygame.Surface:
        path = self.folder / choice.file
        try:
            if path.stat().st_size > MAX_SVG_BYTES:
                return self._silhouette(size)
            svg = compose_svg(path.read_text(encoding="utf-8"), self.manifest, choice, color)
            side = min(size)
            art = pygame.image.load_sized_svg(io.BytesIO(svg.encode("utf-8")), (side, side))
        except (OSError, ValueError, pygame.error):
            return self._silhouette(size)
        out = pygame.Surface(size, pygame.SRCALPHA)
        out.blit(art, art.get_rect(center=(size[0] // 2, size[1] // 2)))
        return out

    def _silhouette(self, size: Size) -> pygame.Surface:
        key = ("silhouette", size)
        surf = self._cache.get(key)
        if surf is None:
            surf = silhouette(size)
            self._cache[key] = surf
        return surf

    def forget(self) -> None:
        """Drop the cache and manifest (hot reload: files may have changed on disk)."""
        self._cache.clear()
        self._recent.clear()
        self._manifest = None
        self._available = frozenset()
        self._variants = {}


def silhouette(size: Size, color: tuple[int, int, int] = SILHOUETTE) -> pygame.Surface:
    """A plain head-and-shoulders shape: says 'someone' without guessing gender or dress."""
    w, h = size
    n = min(w, h)
    surf = pygame.Surface(size, pygame.SRCALPHA)
    cx, top = w / 2, (h - n) / 2
    pygame.draw.ellipse(surf, color, pygame.Rect(cx - n * 0.36, top + n * 0.66, n * 0.72, n * 0.62))
    pygame.draw.ellipse(surf, color, pygame.Rect(cx - n * 0.17, top + n * 0.2, n * 0.34, n * 0.42))
    return surf
