"""Which portrait a character gets: pure data -> file name, no pygame (tests run it bare).

A character's look follows its data (gender, age, headwear, outfit, glasses) and the node's
mood. The build script (tools/make_portraits.py) draws a few variants of every
gender x age x headwear x mood; the variant is picked from the character id *within* the set
that matches the data, so two characters of the same kind look different and one character
looks the same in every scene. Fields absent from an older Character model get defaults.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any, NamedTuple

GENDERS = ("male", "female")
AGES = ("young", "adult", "senior")
HEADWEAR = ("none", "hijab", "peci")
OUTFITS = ("pdh", "batik", "kemeja", "casual", "uniform", "medical")
MOODS = ("neutral", "pleased", "worried", "angry", "sad")
# Open Peeps `face` per mood: neutral keeps the eyes open with a mild smile (driven's angled
# brows read as stern); pleased is calm's contented closed-eye smile.
MOOD_FACES = {
    "neutral": "smile",
    "pleased": "calm",
    "worried": "concerned",
    "angry": "veryAngry",
    "sad": "solemn",
}
# Headwear a gender may wear (the scenario validator enforces the same pairs).
ALLOWED_HEADWEAR = {"male": ("none", "peci"), "female": ("none", "hijab")}


class PortraitChoice(NamedTuple):
    """The file to load and what to compose on it (outfit colour, glasses)."""

    file: str
    outfit: str
    glasses: bool
    variant: int


def file_name(gender: str, age: str, headwear: str, variant: int, mood: str) -> str:
    """The one naming scheme shared by the build script and the game."""
    return f"{gender}_{age}_{headwear}_{variant}_{mood}.svg"


def parse_name(name: str) -> tuple[str, str, str, int, str] | None:
    """Inverse of :func:`file_name`; None for names that do not follow it."""
    if not name.endswith(".svg"):
        return None
    parts = name[:-4].split("_")
    if len(parts) != 5 or not parts[3].isdigit():
        return None
    gender, age, headwear, variant, mood = parts
    if gender not in GENDERS or age not in AGES or headwear not in HEADWEAR or mood not in MOODS:
        return None
    return gender, age, headwear, int(variant), mood


def stable_index(key: str, n: int) -> int:
    """Same index on every run and machine (``hash()`` is salted per process)."""
    return zlib.crc32(key.encode("utf-8")) % n if n > 0 else 0


def _field(character: Any, name: str, default: Any, allowed: tuple[Any, ...]) -> Any:
    value = getattr(character, name, default)
    return value if value in allowed else default


def kind(character: Any) -> tuple[str, str, str] | None:
    """(gender, age, headwear) as drawn, or None without a gender; absent fields default."""
    gender = getattr(character, "gender", None)
    if gender not in GENDERS:
        return None
    age = _field(character, "age", "adult", AGES)
    headwear = _field(character, "headwear", "none", HEADWEAR)
    if headwear not in ALLOWED_HEADWEAR[gender]:
        headwear = "none"  # never a hijab on a man or a peci on a woman, whatever the data says
    return gender, age, headwear


def _variant_index(character_id: str, look: tuple, cast: Mapping[str, Any] | None, n: int) -> int:
    """From the id; with the scenario's cast, people of one kind get different variants
    (in id order from a start picked by their ids) as long as there are enough."""
    if not cast or character_id not in cast:
        return stable_index(character_id, n)
    same = sorted(cid for cid, other in cast.items() if kind(other) == look)
    return (stable_index("|".join(same), n) + same.index(character_id)) % n


def index_variants(available: set[str] | frozenset[str]) -> dict[tuple[str, str, str], tuple]:
    """(gender, age, headwear) -> the variant numbers on offer, sorted: computed once."""
    found: dict[tuple[str, str, str], set[int]] = {}
    for parsed in map(parse_name, available):
        if parsed is not None:
            found.setdefault(parsed[:3], set()).add(parsed[3])
    return {look: tuple(sorted(v)) for look, v in found.items()}


def choose_portrait(
    character_id: str,
    character: Any,
    mood: str,
    available: set[str] | frozenset[str],
    cast: Mapping[str, Any] | None = None,
    variants_by_kind: Mapping[tuple[str, str, str], tuple] | None = None,
) -> PortraitChoice | None:
    """The portrait for ``character`` with ``mood``, chosen among ``available`` file names.

    ``cast`` (the scenario's characters) keeps two people of the same kind from sharing a
    face; ``variants_by_kind`` is :func:`index_variants` of ``available``, passed by callers
    that choose often. None when nothing fits (no gender given yet, or no file of that
    kind): the caller then draws a neutral silhouette rather than guess someone's gender.
    """
    look = kind(character)
    if look is None:
        return None
    gender, age, headwear = look
    outfit = _field(character, "outfit", "pdh", OUTFITS)
    glasses = getattr(character, "glasses", False) is True
    mood = mood if mood in MOODS else "neutral"
    if variants_by_kind is None:
        variants_by_kind = index_variants(available)
    variants = variants_by_kind.get(look, ())
    if not variants:
        return None
    variant = variants[_variant_index(character_id, look, cast, len(variants))]
    for wanted in (mood, "neutral"):
        name = file_name(gender, age, headwear, variant, wanted)
        if name in available:
            return PortraitChoice(name, outfit, glasses, variant)
    return None


def outfit_color(outfits: dict[str, list[str]], outfit: str, character_id: str) -> str:
    """The shirt colour (hex, no '#'): fixed per outfit, or one of a few picked by the id."""
    colors = outfits.get(outfit) or outfits["pdh"]
    return colors[stable_index(character_id, len(colors))]


def compose_svg(svg: str, manifest: dict[str, Any], choice: PortraitChoice, color: str) -> str:
    """The base portrait dressed for the character: shirt colour, batik motif, glasses.

    Pure text work on the SVG the build script wrote (markers recorded in the manifest).
    """
    base = manifest["base_clothing"]
    svg = svg.replace(f'fill="#{base}"', f'fill="#{color}"')
    if choice.outfit == "batik":
        head = svg.find("<g transform=")  # the first group after the body: put motif under it
        if head != -1:
            svg = svg[:head] + manifest["batik"] + svg[head:]
    if choice.glasses:
        styles = sorted(manifest["glasses"])
        style = styles[choice.variant % len(styles)]
        group = manifest["glasses_group"]
        empty = group + "</g>"
        if empty in svg:
            svg = svg.replace(empty, group + manifest["glasses"][style] + "</g>", 1)
    return svg
