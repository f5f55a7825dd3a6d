"""Build the speaker portraits: ``python tools/make_portraits.py`` (needs node and npm).

Draws every gender x age x headwear x variant x mood with DiceBear's Open Peeps style
(designs CC0 1.0 by Pablo Stanley, code MIT), adds the peci that Open Peeps lacks in the same
flat black line style, and writes assets/portraits/*.svg plus manifest.json: what each file
shows (head, face, skin...) and the parts the game composes at load time (outfit colours,
batik motif, glasses). npm is used here only, never when the game runs.

Deterministic: the DiceBear options pin every choice, so running it twice gives the same files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.portrait_select import (  # noqa: E402
    AGES,
    ALLOWED_HEADWEAR,
    GENDERS,
    MOOD_FACES,
    MOODS,
    file_name,
)

NODE_DIR = Path(__file__).resolve().parent / "portraits"
OUT = ROOT / "assets" / "portraits"
VARIANTS = 3

# Markers of DiceBear 9's Open Peeps layout; the build fails loudly if a new version moves them.
HEAD_G = '<g transform="matrix(.99789 0 0 1 156 62)">'
FACE_G = '<g transform="translate(315 248)">'
BEARD_G = '<g transform="translate(279 400)">'
GLASSES_G = '<g transform="translate(203 303)">'
VIEWBOX_MASK = (
    '<mask id="viewboxMask"><rect width="704" height="704" rx="0" ry="0" x="0" y="0" '
    'fill="#fff" /></mask>'
)
MASK_USE = '<g mask="url(#viewboxMask)">'
# The start of the path that is the hijab's inner cap: only the hijab head has it.
HIJAB_MARK = "M114.8 295.4c31.1-126.9"

# Outfit colours (clothing). The base files use pdh khaki; the game swaps the colour.
BASE_CLOTHING = "bfa97b"
OUTFIT_COLORS = {
    "pdh": ["bfa97b"],
    "batik": ["a0643a"],
    "kemeja": ["dce6ef"],
    "casual": ["86a58f", "c9907a", "8796b8"],
    "uniform": ["34435e"],
    "medical": ["f2f2ef"],
}
SKINS = ["edb98a", "d08b5b", "ae5d29"]
HAIR = {"young": "2c1b18", "adult": "2c1b18", "senior": "bdb8b1"}
HEADS = {
    ("male", "young", "none"): ["short1", "short4", "short5"],
    ("male", "adult", "none"): ["short2", "short3", "shaved1"],
    ("male", "senior", "none"): ["grayShort", "noHair2", "noHair1"],
    ("male", "young", "peci"): ["short2", "short1", "short3"],
    ("male", "adult", "peci"): ["short3", "short2", "short1"],
    ("male", "senior", "peci"): ["noHair1", "noHair3", "noHair1"],
    ("female", "young", "none"): ["bangs", "mediumStraight", "long"],
    ("female", "adult", "none"): ["medium3", "medium2", "mediumBangs"],
    ("female", "senior", "none"): ["grayBun", "grayMedium", "grayBun"],
    ("female", "young", "hijab"): ["hijab"] * 3,
    ("female", "adult", "hijab"): ["hijab"] * 3,
    ("female", "senior", "hijab"): ["hijab"] * 3,
}
# Heads no man may get: the hijab and the long or bobbed hair that could read as one.
WOMEN_ONLY_HEADS = {
    "hijab", "long", "longBangs", "longCurly", "longAfro", "bangs", "bangs2", "medium1",
    "medium2", "medium3", "mediumBangs", "mediumBangs2", "mediumBangs3", "mediumStraight",
    "bun", "bun2", "buns", "grayBun", "grayMedium", "turban",
}  # fmt: skip
BEARDS = {
    ("male", "adult", 2): "moustache6",
    ("male", "senior", 0): "moustache7",
    ("male", "senior", 1): "goatee1",
    ("male", "senior", 2): "moustache6",
}
HIJAB_COLORS = {
    "young": ["3f6e7a", "8c4a5e", "5b6b8c"],
    "adult": ["2f4a6d", "7a3b3b", "56603f"],
    "senior": ["6b5344", "4a4a52", "6d5a73"],
}
GREY_BEARD = "#8d8a86"

# A black songkok over the head, drawn like Open Peeps (solid black, one soft crease).
PECI = (
    '<g class="peci"><path d="M210 292C204 240 208 190 222 140C320 108 460 112 554 146'
    'C564 185 568 225 568 264C450 264 320 276 210 292Z" fill="#161616"/>'
    '<path d="M228 172C330 142 460 146 552 178" stroke="#464646" stroke-width="6" '
    'stroke-linecap="round" fill="none"/><path d="M210 292C320 276 450 264 568 264" '
    'stroke="#000" stroke-width="12" stroke-linecap="round" fill="none"/></g>'
)
# Batik: a simple kawung-like motif over the lower shirt (placed clear of the neckline).
BATIK_INK = "#5a3219"


def batik_motif() -> str:
    shapes = []
    for row, y in enumerate((668, 700)):
        for x in range(150 + 25 * (row % 2), 600, 50):
            if 300 <= x <= 470 and y < 690:
                continue  # the neckline
            shapes.append(
                f'<path d="M{x} {y - 11}L{x + 11} {y}L{x} {y + 11}L{x - 11} {y}Z" '
                f'fill="{BATIK_INK}"/><circle cx="{x}" cy="{y}" r="3.5" fill="#e9cf9a"/>'
            )
    return f'<g class="batik">{"".join(shapes)}</g>'


def tint(hex6: str, amount: float) -> str:
    """Mix a colour towards white by ``amount`` (0..1)."""
    rgb = [int(hex6[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def options(gender: str, age: str, headwear: str, variant: int, mood: str) -> dict:
    head = HEADS[(gender, age, headwear)][variant]
    opts = {
        "seed": f"{gender}-{age}-{headwear}-{variant}",
        "head": [head],
        "face": [MOOD_FACES[mood]],
        "skinColor": [SKINS[(variant + AGES.index(age)) % len(SKINS)]],
        "clothingColor": [BASE_CLOTHING],
        # Hair colour; for a hijab the covering's own colour (9.3's hijab draws no contrast
        # strip of its own: finish() tints the inner cap from the same colour).
        "headContrastColor": [HIJAB_COLORS[age][variant] if headwear == "hijab" else HAIR[age]],
        "accessoriesProbability": 0,
        "maskProbability": 0,
        "facialHairProbability": 0,
    }
    beard = BEARDS.get((gender, age, variant))
    if beard:
        opts |= {"facialHair": [beard], "facialHairProbability": 100}
    return opts


def render(specs: list[dict]) -> list[str]:
    """DiceBear in node: one process for the whole batch."""
    if not (NODE_DIR / "node_modules" / "@dicebear" / "open-peeps").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True)
    done = subprocess.run(
        ["node", "render.mjs"],
        cwd=NODE_DIR,
        input=json.dumps(specs),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _group(svg: str, marker: str) -> tuple[int, int]:
    """Start and end (after ``</g>``) of the group that opens with ``marker``."""
    start = svg.index(marker)
    depth, i = 0, start
    while True:
        opening, closing = svg.find("<g", i), svg.find("</g>", i)
        if opening != -1 and opening < closing:
            depth, i = depth + 1, opening + 2
        else:
            depth, i = depth - 1, closing + 4
            if depth == 0:
                return start, i


def _recolor_group(svg: str, marker: str, old: str, new: str) -> str:
    start, end = _group(svg, marker)
    return svg[:start] + svg[start:end].replace(old, new) + svg[end:]


def finish(svg: str, meta: dict) -> str:
    """Hijab colours, peci, grey moustache: what DiceBear cannot do by options."""
    for marker in (HEAD_G, FACE_G, BEARD_G, GLASSES_G, VIEWBOX_MASK, MASK_USE):
        if marker not in svg:
            raise SystemExit(f"DiceBear output changed: {marker!r} not found")
    # pygame's SVG renderer (nanosvg) ignores masks and would paint the mask's white square
    # behind the portrait; the viewBox clips the same area, so the mask can go.
    svg = svg.replace(VIEWBOX_MASK, "").replace(MASK_USE, "<g>")
    if meta["head"] == "hijab":
        cover, strip = meta["hijab_color"], tint(meta["hijab_color"], 0.3)
        svg = _recolor_group(svg, HEAD_G, f'fill="#{BASE_CLOTHING}"', f'fill="#{strip}"')
        svg = _recolor_group(svg, HEAD_G, 'fill="#000"', f'fill="#{cover}"')
    if meta["headwear"] == "peci":
        _, end = _group(svg, HEAD_G)
        svg = svg[:end] + PECI + svg[end:]
    if meta["facialHair"] and meta["age"] == "senior":
        svg = _recolor_group(svg, BEARD_G, 'fill="#000"', f'fill="{GREY_BEARD}"')
    if meta["gender"] == "male" and (HIJAB_MARK in svg or meta["head"] in WOMEN_ONLY_HEADS):
        raise SystemExit(f"refusing a women's head on a man: {meta}")
    if f'fill="#{BASE_CLOTHING}"' not in svg[: svg.index(HEAD_G)]:
        raise SystemExit(f"the shirt must carry the outfit colour: {meta}")
    return svg


def glasses_parts() -> dict[str, str]:
    """The inside of the accessories group for each glasses style (composed at load time)."""
    names = ["glasses", "glasses2", "glasses5"]
    base = options("male", "adult", "none", 0, "neutral")
    svgs = render([base | {"accessories": [n], "accessoriesProbability": 100} for n in names])
    parts = {}
    for name, svg in zip(names, svgs, strict=True):
        start, end = _group(svg, GLASSES_G)
        parts[name] = svg[start + len(GLASSES_G) : end - 4]
    return parts


def main() -> None:
    combos = [
        (g, a, h, v, m)
        for g in GENDERS
        for a in AGES
        for h in ALLOWED_HEADWEAR[g]
        for v in range(VARIANTS)
        for m in MOODS
    ]
    specs = [options(*c) for c in combos]
    svgs = render(specs)
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    files = {}
    for (g, a, h, v, m), spec, svg in zip(combos, specs, svgs, strict=True):
        meta = {
            "gender": g,
            "age": a,
            "headwear": h,
            "variant": v,
            "mood": m,
            "head": spec["head"][0],
            "face": spec["face"][0],
            "skin": spec["skinColor"][0],
            "headContrast": spec["headContrastColor"][0],
            "facialHair": spec.get("facialHair", [None])[0],
            "hijab_color": HIJAB_COLORS[a][v] if h == "hijab" else None,
        }
        name = file_name(g, a, h, v, m)
        (OUT / name).write_text(finish(svg, meta), encoding="utf-8")
        files[name] = meta
    manifest = {
        "format": 1,
        "source": "DiceBear 9 Open Peeps (CC0 1.0 designs, MIT code); peci by this project",
        "base_clothing": BASE_CLOTHING,
        "outfits": OUTFIT_COLORS,
        "batik": batik_motif(),
        "glasses_group": GLASSES_G,
        "glasses": glasses_parts(),
        "files": files,
    }
    (OUT / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(files)} portraits, {total / 1024:.0f} KB in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
