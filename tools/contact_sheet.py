"""Contact sheets of the portraits and backgrounds: ``python tools/contact_sheet.py``.

Writes build/screenshots/portraits.png (every file, labelled), characters.png (the shipped
scenarios' characters and a table of synthetic ones, dressed as the game shows them) and
backgrounds.png, for a person to look at after changing the art.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from engine.loader import load_library  # noqa: E402
from game.portrait_select import MOODS  # noqa: E402
from game.portraits import Portraits  # noqa: E402

OUT = ROOT / "build" / "screenshots"
BG = (236, 234, 228)
INK = (30, 30, 40)

SYNTHETIC = [
    ("syn_pdh_m", dict(gender="male", age="adult", outfit="pdh")),
    ("syn_batik_m", dict(gender="male", age="senior", headwear="peci", outfit="batik")),
    ("syn_kemeja_f", dict(gender="female", age="young", outfit="kemeja", glasses=True)),
    ("syn_casual_f", dict(gender="female", age="adult", headwear="hijab", outfit="casual")),
    ("syn_uniform_m", dict(gender="male", age="young", outfit="uniform")),
    ("syn_medical_f", dict(gender="female", age="adult", headwear="hijab", outfit="medical")),
    ("syn_glasses_m", dict(gender="male", age="senior", outfit="kemeja", glasses=True)),
    ("syn_batik_f", dict(gender="female", age="senior", headwear="hijab", outfit="batik")),
    ("syn_nogender", dict(age="adult")),
]


def _label(font: pygame.font.Font, text: str, width: int) -> pygame.Surface:
    while font.size(text)[0] > width and len(text) > 3:
        text = text[:-2] + "…"
    return font.render(text, True, INK)


def grid(
    cells: list[tuple[str, pygame.Surface]], cols: int, cell: int, path: Path, cell_h: int = 0
) -> None:
    font = pygame.font.Font(None, 16)
    cell_h = cell_h or cell
    rows = -(-len(cells) // cols)
    sheet = pygame.Surface((cols * cell, rows * (cell_h + 16)))
    sheet.fill(BG)
    for i, (label, surf) in enumerate(cells):
        x, y = i % cols * cell, i // cols * (cell_h + 16)
        sheet.blit(surf, surf.get_rect(center=(x + cell // 2, y + cell_h // 2)))
        sheet.blit(_label(font, label, cell - 4), (x + 2, y + cell_h))
    pygame.image.save(sheet, str(path))


def scenes(portraits: Portraits, folder: Path) -> list[tuple[str, pygame.Surface]]:
    """Each background with a portrait and a text panel on top, as a play screen has them."""
    out = []
    for i, path in enumerate(sorted(folder.glob("*.png"))):
        who, data = SYNTHETIC[i % (len(SYNTHETIC) - 1)]
        frame = pygame.transform.smoothscale(pygame.image.load(str(path)), (640, 360))
        frame.blit(portraits.surface(who, SimpleNamespace(**data), MOODS[i % 5], (200, 200)),
                   (20, 120))  # fmt: skip
        panel = pygame.Surface((380, 150), pygame.SRCALPHA)
        panel.fill((255, 253, 248, 235))
        font = pygame.font.Font(str(ROOT / "assets" / "fonts" / "NotoSans-Regular.ttf"), 16)
        for j, text in enumerate(("Pak Camat menelepon Anda.", "Air terus naik.", "Apa yang")):
            panel.blit(font.render(text, True, INK), (14, 12 + j * 24))
        frame.blit(panel, (240, 190))
        out.append((path.stem, frame))
    return out


def main() -> None:
    pygame.init()
    OUT.mkdir(parents=True, exist_ok=True)
    portraits = Portraits()
    names = sorted(portraits.manifest["files"])
    cells = []
    for name in names:
        surf = pygame.image.load_sized_svg(str(portraits.folder / name), (120, 120))
        cells.append((name[:-4], surf))
    grid(cells, 15, 124, OUT / "portraits.png")

    people: list[tuple[str, str, object, dict | None]] = []
    library = load_library()
    for story in library.stories.values():
        cast = story.scenario.characters
        for cid, ch in cast.items():
            people.append((f"{story.scenario.id}:{cid}", cid, ch, cast))
    people += [(cid, cid, SimpleNamespace(**data), None) for cid, data in SYNTHETIC]
    cells = []
    for label, cid, ch, cast in people:
        for mood in MOODS:
            surf = portraits.surface(cid, ch, mood, (120, 120), cast)
            cells.append((f"{label} {mood}", surf))
    grid(cells, 10, 150, OUT / "characters.png")

    folder = ROOT / "assets" / "backgrounds"
    if folder.is_dir():
        cells = [
            (p.stem, pygame.transform.smoothscale(pygame.image.load(str(p)), (384, 216)))
            for p in sorted(folder.glob("*.png"))
        ]
        grid(cells, 4, 390, OUT / "backgrounds.png", cell_h=222)
        grid(scenes(portraits, folder), 2, 650, OUT / "scenes.png", cell_h=370)
    print(f"sheets in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
