"""Writing files so that a crash or power cut leaves the old file or the new one, never half.

The bytes go to a temporary file in the same folder (so the rename stays on one file
system), are flushed to the disk, and then ``os.replace`` swaps the name over in one step.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import pygame


def write_atomic(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` in one step; the folder is created when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where folders cannot be opened, skip it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def save_png_atomic(surface: pygame.Surface, path: Path) -> Path:
    """Encode ``surface`` as PNG in memory, then write it with :func:`write_atomic`."""
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "image.png")
    return write_atomic(path, buffer.getvalue())
