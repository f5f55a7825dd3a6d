"""Generate the game's pictures and sounds: ``python tools/make_assets.py``.

Writes assets/illustrations/*.png (situations), assets/icons/*.png (the value icons, for
documents and slides; the game draws them itself) and assets/sounds/*.wav (short effects,
synthesised with the standard library). Deterministic: running it twice gives the same files.
"""

from __future__ import annotations

import math
import os
import struct
import sys
import wave
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pygame  # noqa: E402
from illustrations import SCENES, draw  # noqa: E402

from game.widgets.icons import DRAWERS, icon  # noqa: E402

RATE = 22050
# name: list of (frequency Hz, seconds) notes; 0 Hz is a rest
SOUNDS = {
    "click": [(880, 0.03)],
    "choose": [(660, 0.06), (880, 0.08)],
    "good": [(523, 0.08), (659, 0.08), (784, 0.16)],
    "bad": [(392, 0.12), (311, 0.22)],
    "page": [(587, 0.05), (0, 0.02), (740, 0.05)],
    "export": [(784, 0.06), (988, 0.06), (1175, 0.12)],
    "error": [(220, 0.2)],
}


def tone(freq: float, seconds: float) -> list[int]:
    n = int(RATE * seconds)
    out = []
    for i in range(n):
        env = min(1.0, i / (RATE * 0.005)) * (1 - i / n) ** 2
        x = 0.0 if freq == 0 else math.sin(2 * math.pi * freq * i / RATE)
        x += 0.0 if freq == 0 else 0.3 * math.sin(4 * math.pi * freq * i / RATE)
        out.append(int(9000 * env * x))
    return out


def write_wav(path: Path, notes: list[tuple[float, float]]) -> None:
    samples = [s for f, d in notes for s in tone(f, d)]
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def main() -> int:
    pygame.init()
    assets = ROOT / "assets"
    for folder in ("illustrations", "icons", "sounds"):
        (assets / folder).mkdir(parents=True, exist_ok=True)
    for name in SCENES:
        pygame.image.save(draw(name), str(assets / "illustrations" / f"{name}.png"))
    for name in DRAWERS:
        pygame.image.save(icon(name, 128, (40, 44, 60)), str(assets / "icons" / f"{name}.png"))
    for name, notes in SOUNDS.items():
        write_wav(assets / "sounds" / f"{name}.wav", notes)
    print(f"wrote {len(SCENES)} illustrations, {len(DRAWERS)} icons, {len(SOUNDS)} sounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
