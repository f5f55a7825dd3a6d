"""Helpers for the classroom server tests: a server on 127.0.0.1 and raw HTTP requests."""

from __future__ import annotations

import asyncio
import io
import os
import socket
from collections.abc import Coroutine
from typing import Any

from classroom import ClassServer


def start() -> ClassServer:
    return ClassServer.start("127.0.0.1", 0)


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coro)


def raw_get(server: ClassServer, path: str) -> tuple[int, bytes]:
    """GET ``path`` byte for byte (no client-side normalising of ``..`` or escapes)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def decode_qr(png: bytes) -> str:
    """The text in a QR code PNG, read back by a QR decoder (zxing-cpp)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame
    import zxingcpp

    surface = pygame.image.load(io.BytesIO(png), "qr.png")
    width, height = surface.get_size()
    gray = pygame.image.tobytes(surface, "RGB")[::3]
    found = zxingcpp.read_barcodes(memoryview(gray).cast("B", (height, width)))
    assert len(found) == 1, found
    return found[0].text
