"""Pictures: scenario illustrations, place backgrounds and characters' own images.

A missing or broken image becomes a drawn placeholder, never a crash: facilitators may
name an image that does not exist yet. Faces are drawn by :mod:`game.portraits` from the
character's data (never guessed from a hash of its id).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import pygame

from engine.paths import assets_dir, scenarios_dir

Color = tuple[int, int, int]
MAX_IMAGE_BYTES = 16 * 1024 * 1024  # far above any illustration; refuses a huge decode
MAX_IMAGE_PIXELS = 4096 * 4096  # 64 MB decoded; a 1 MB PNG of 20,000 x 20,000 would take 1.6 GB


class Images:
    """Loads and scales pictures once; keeps the scaled copies for the frames that follow.

    Only files that resolve (symlinks followed) inside the assets or scenarios folders are
    read: a scenario is data from a facilitator and must not make the game open other files.
    """

    def __init__(self, root: Path | None = None, allowed: Sequence[Path] | None = None) -> None:
        self.root = root or assets_dir()
        self.allowed = tuple(allowed) if allowed is not None else (self.root, scenarios_dir())
        self._raw: dict[str, pygame.Surface | None] = {}
        self._scaled: dict[tuple, pygame.Surface] = {}
        self.missing: set[str] = set()  # names drawn as placeholders (missing, refused, broken)

    def safe_path(self, rel: str) -> Path | None:
        """The file ``rel`` names below the root, or None when it is missing or leaves the
        allowed folders (absolute, '..', a symlink pointing out) or is not a small file."""
        if not rel or "\x00" in rel:
            return None
        try:
            path = (self.root / rel).resolve(strict=True)
            inside = any(path.is_relative_to(folder.resolve()) for folder in self.allowed)
            if not inside or not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
                return None
        except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, a bad name
            return None
        return path

    def _load(self, rel: str) -> pygame.Surface | None:
        if rel not in self._raw:
            path = self.safe_path(rel)
            if path is not None and not 0 < (image_pixels(path) or 0) <= MAX_IMAGE_PIXELS:
                path = None  # too many pixels, or a format whose size we cannot read first
            try:
                self._raw[rel] = pygame.image.load(str(path)).convert_alpha() if path else None
            except (pygame.error, OSError, ValueError):
                self._raw[rel] = None
            if self._raw[rel] is None:
                self.missing.add(rel)
        return self._raw[rel]

    def illustration(self, name: str | None, size: tuple[int, int], bg: Color, fg: Color):
        """The illustration fitted (cover-cropped) to ``size``, or a placeholder.

        ``name`` is a file in assets/illustrations/ or a path below assets/ (as scenarios write it).
        """
        key = ("ill", name, size, bg, fg)
        if key in self._scaled:
            return self._scaled[key]
        raw = self._load(name if "/" in name else f"illustrations/{name}") if name else None
        surf = placeholder(size, bg, fg) if raw is None else cover(raw, size)
        self._scaled[key] = surf
        return surf

    def picture(self, file: str, size: tuple[int, int]) -> pygame.Surface | None:
        """An image under assets/ (a character's own ``avatar``) cover-fitted to ``size``, or
        None when it is missing (the caller then draws the portrait from the data)."""
        key = ("pic", file, size)
        if key not in self._scaled:
            raw = self._load(file)
            if raw is None:
                return None
            self._scaled[key] = cover(raw, size)
        return self._scaled[key]

    def backdrop(
        self, name: str, size: tuple[int, int], veil: Color, fg: Color, alpha: int
    ) -> pygame.Surface:
        """A background filling ``size`` (cover-cropped) under a veil of ``veil`` at
        ``alpha``, composed once per size: a frame blits it without any blending."""
        key = ("bg", name, size, veil, alpha)
        surf = self._scaled.get(key)
        if surf is None:
            surf = self.illustration(name, size, veil, fg).copy().convert()
            layer = pygame.Surface(size)
            layer.fill(veil)
            layer.set_alpha(alpha)
            surf.blit(layer, (0, 0))
            self._scaled[key] = surf
        return surf

    def forget(self) -> None:
        """Drop everything (hot reload: images may have changed on disk)."""
        self._raw.clear()
        self._scaled.clear()
        self.missing.clear()


def image_pixels(path: Path) -> int | None:
    """Width x height from a PNG, JPEG, GIF or BMP header, read before any decoding.

    A small compressed file can decode to gigabytes; the header says how many pixels it
    holds. None for a format we do not recognise or a header that is cut short.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(32)
            if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
                return int.from_bytes(head[16:20], "big") * int.from_bytes(head[20:24], "big")
            if head[:6] in (b"GIF87a", b"GIF89a"):
                return int.from_bytes(head[6:8], "little") * int.from_bytes(head[8:10], "little")
            if head[:2] == b"BM" and len(head) >= 26:
                width = int.from_bytes(head[18:22], "little", signed=True)
                height = int.from_bytes(head[22:26], "little", signed=True)
                return abs(width * height)
            if head[:2] == b"\xff\xd8":
                handle.seek(2)
                return _jpeg_pixels(handle)
    except OSError:
        return None
    return None


def _jpeg_pixels(handle: BinaryIO) -> int | None:
    """Walk the JPEG segments to the frame header (SOFn) and read its size."""
    for _ in range(1000):  # a real file reaches its frame header within a few segments
        marker = handle.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        kind = marker[1]
        if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:
            continue  # markers without a length
        length = int.from_bytes(handle.read(2), "big")
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            frame = handle.read(5)
            if len(frame) < 5:
                return None
            return int.from_bytes(frame[1:3], "big") * int.from_bytes(frame[3:5], "big")
        if length < 2:
            return None
        handle.seek(length - 2, 1)
    return None


def cover(raw: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
    """Scale to fill ``size`` keeping the aspect ratio, cropping the overflow."""
    w, h = size
    rw, rh = raw.get_size()
    k = max(w / rw, h / rh)
    scaled = pygame.transform.smoothscale(raw, (max(1, round(rw * k)), max(1, round(rh * k))))
    out = pygame.Surface(size, pygame.SRCALPHA)
    out.blit(scaled, ((w - scaled.get_width()) // 2, (h - scaled.get_height()) // 2))
    return out


def placeholder(size: tuple[int, int], bg: Color, fg: Color) -> pygame.Surface:
    """A calm striped frame with a simple picture sign, for images that are missing."""
    w, h = size
    surf = pygame.Surface(size)
    surf.fill(bg)
    step = max(8, w // 16)
    for x in range(-h, w, step):
        pygame.draw.line(surf, fg, (x, h), (x + h, 0), 1)
    m = min(w, h)
    frame = pygame.Rect(0, 0, m // 3, m // 4)
    frame.center = (w // 2, h // 2)
    pygame.draw.rect(surf, bg, frame.inflate(8, 8))
    pygame.draw.rect(surf, fg, frame, max(2, m // 60))
    pygame.draw.polygon(
        surf, fg, [frame.bottomleft, (frame.centerx, frame.top + frame.h // 3), frame.bottomright]
    )
    pygame.draw.circle(surf, fg, (frame.right - frame.w // 5, frame.top + frame.h // 4), m // 30)
    return surf
