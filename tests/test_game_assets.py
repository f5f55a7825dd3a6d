"""Images: only files inside the content folders are read; anything else is a placeholder.

The loader already refuses absolute paths and '..' in a scenario; the game checks again where
it opens the file, after following symlinks, so a link inside assets/ that points elsewhere
on the disk (or a folder link) cannot make the game read it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest
from game_helpers import MINI, click, frames, make_app, start_individual

from game.assets import MAX_IMAGE_BYTES, Images, image_pixels, placeholder

BG, FG = (230, 230, 230), (90, 90, 90)
RED = (200, 20, 20)
SIZE = (40, 30)


def _png(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    surface = pygame.Surface((8, 6))
    surface.fill(RED)
    pygame.image.save(surface, str(path))
    return path


@pytest.fixture
def content(tmp_path: Path) -> tuple[Images, Path]:
    """assets/ with a picture, an inner alias, and links that point out of the folder."""
    make_app(tmp_path)  # a display, so pictures can be converted
    root, outside = tmp_path / "assets", tmp_path / "outside"
    pictures = root / "illustrations"  # where a bare name like "inside.png" is looked up
    _png(pictures / "inside.png")
    secret = _png(outside / "secret.png")
    (pictures / "alias.png").symlink_to(pictures / "inside.png")
    (pictures / "link.png").symlink_to(secret)
    (root / "folder").symlink_to(outside, target_is_directory=True)
    (pictures / "loop.png").symlink_to(pictures / "loop.png")
    return Images(root, allowed=[root]), secret


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def test_pictures_inside_the_folder_load_even_through_an_inner_link(content) -> None:
    images, _ = content
    for name in ("inside.png", "alias.png"):
        picture = images.illustration(name, SIZE, BG, FG)
        assert picture.get_at((20, 15))[:3] == RED, name
    assert images.missing == set()


@pytest.mark.parametrize(
    "name",
    [
        "link.png",  # a symlink to a file elsewhere
        "folder/secret.png",  # a symlinked folder
        "../outside/secret.png",
        "illustrations/../../outside/secret.png",
        "loop.png",  # a symlink to itself
        "does-not-exist.png",
        "inside.png\x00.txt",
    ],
)
def test_pictures_that_leave_the_folder_or_are_missing_are_placeholders(content, name) -> None:
    images, _ = content
    picture = images.illustration(name, SIZE, BG, FG)
    assert _pixels(picture) == _pixels(placeholder(SIZE, BG, FG))
    assert len(images.missing) == 1 and images.missing.pop().endswith(name)


def test_an_absolute_path_is_refused_even_when_the_file_exists(content) -> None:
    images, secret = content
    assert secret.exists() and images.safe_path(str(secret)) is None
    picture = images.illustration(str(secret), SIZE, BG, FG)
    assert _pixels(picture) == _pixels(placeholder(SIZE, BG, FG))


def test_a_missing_illustration_in_a_scenario_is_drawn_as_a_placeholder(tmp_path: Path) -> None:
    scenario = tmp_path / "gambar.yaml"
    scenario.write_text(
        MINI.read_text(encoding="utf-8").replace(
            "    text: Anda menerima parsel.",
            "    image: illustrations/belum-digambar.png\n    text: Anda menerima parsel.",
        ),
        encoding="utf-8",
    )
    app = make_app(tmp_path, size=(1280, 720), scenarios=[scenario])
    assert not [p for p in app.library.problems if p.level == "error"]
    start_individual(app)
    click(app, "play-mini")
    frames(app, 2)
    assert app.scene.name == "play" and app.scene.view.image == "illustrations/belum-digambar.png"
    assert "Anda menerima parsel." in app.text.frame_texts  # the scene is drawn, not broken
    assert app.images.missing == {"illustrations/belum-digambar.png"}


def _png_bomb(path: Path, side: int = 20_000) -> Path:
    """A real, valid 1-bit PNG of side x side pixels: tens of kB on disk, gigabytes decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path


def test_a_picture_of_too_many_pixels_is_refused_before_decoding(content) -> None:
    images, _ = content
    bomb = _png_bomb(images.root / "illustrations" / "bomb.png")
    assert bomb.stat().st_size < MAX_IMAGE_BYTES
    assert image_pixels(bomb) == 20_000 * 20_000
    started = time.perf_counter()
    picture = images.illustration("bomb.png", SIZE, BG, FG)
    assert time.perf_counter() - started < 0.5
    assert _pixels(picture) == _pixels(placeholder(SIZE, BG, FG))
    assert images.missing == {"illustrations/bomb.png"}


@pytest.mark.parametrize("ext", ["png", "jpg", "bmp"])
def test_picture_sizes_are_read_from_the_header(tmp_path: Path, ext: str) -> None:
    make_app(tmp_path)
    path = tmp_path / f"p.{ext}"
    pygame.image.save(pygame.Surface((30, 20)), str(path))
    assert image_pixels(path) == 600
    (tmp_path / "q.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # cut short: unknown, so refused
    assert image_pixels(tmp_path / "q.png") is None
