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

    people: list[tuple[str, object]] = []
    library = load_library()
    for story in library.stories.values():
        for cid, ch in story.scenario.characters.items():
            people.append((f"{story.scenario.id}:{cid}", ch))
    people += [(cid, SimpleNamespace(**data)) for cid, data in SYNTHETIC]
    cells = []
    for cid, ch in people:
        for mood in MOODS:
            key = cid.split(":")[-1]
            cells.append((f"{cid} {mood}", portraits.surface(key, ch, mood, (120, 120))))
    grid(cells, 10, 150, OUT / "characters.png")

    folder = ROOT / "assets" / "backgrounds"
    if folder.is_dir():
        cells = [
            (p.stem, pygame.transform.smoothscale(pygame.image.load(str(p)), (384, 216)))
            for p in sorted(folder.glob("*.png"))
        ]
        grid(cells, 4, 390, OUT / "backgrounds.png", cell_h=222)
    print(f"sheets in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
