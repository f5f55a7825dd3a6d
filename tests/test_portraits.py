"""Portraits follow the character's data and the mood; every asset file loads."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import get_args

import pygame
import pytest

from engine import model
from engine.paths import assets_dir
from game.portrait_select import (
    AGES,
    MOOD_FACES,
    MOODS,
    choose_portrait,
    compose_svg,
    file_name,
    outfit_color,
    parse_name,
)
from game.portraits import Portraits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from make_portraits import HIJAB_MARK, WOMEN_ONLY_HEADS

FOLDER = assets_dir() / "portraits"
MANIFEST = json.loads((FOLDER / "manifest.json").read_text(encoding="utf-8"))
FILES = MANIFEST["files"]
AVAILABLE = frozenset(FILES)
# The place literal of the scenario format (engine.model.Place once the format has it).
PLACES = get_args(getattr(model, "Place", None)) or (
    "office", "counter", "home", "field", "meeting", "flood", "clinic", "street",
)  # fmt: skip


def person(**data) -> SimpleNamespace:
    return SimpleNamespace(**data)


SYNTHETIC = [
    ("a", person(gender="male")),
    ("b", person(gender="male", age="senior", headwear="peci", outfit="batik", glasses=True)),
    ("c", person(gender="male", age="young", headwear="none", outfit="uniform")),
    ("d", person(gender="female")),
    ("e", person(gender="female", age="senior", headwear="hijab", outfit="medical")),
    ("f", person(gender="female", age="young", headwear="none", glasses=True)),
    ("g", person(gender="female", age="adult", headwear="hijab", outfit="casual")),
    # Data the validator refuses must still never draw a hijab on a man or a peci on a woman.
    ("h", person(gender="male", headwear="hijab")),
    ("i", person(gender="female", headwear="peci")),
    ("j", person(gender="male", age="ancient", outfit="tuxedo")),
]


def shipped_characters(library):
    for story in library.stories.values():
        yield from story.scenario.characters.items()


def check_choice(cid: str, ch, mood: str) -> None:
    choice = choose_portrait(cid, ch, mood, AVAILABLE)
    gender = getattr(ch, "gender", None)
    if gender is None:
        assert choice is None  # a silhouette: the data does not say who this is
        return
    assert choice is not None
    meta = FILES[choice.file]
    age = getattr(ch, "age", "adult")
    assert meta["gender"] == gender
    assert meta["age"] == (age if age in AGES else "adult")
    assert meta["mood"] == mood and meta["face"] == MOOD_FACES[mood]
    headwear = getattr(ch, "headwear", "none")
    expected = {"male": {"peci": "peci"}, "female": {"hijab": "hijab"}}[gender].get(headwear)
    assert meta["headwear"] == (expected or "none")
    svg = (FOLDER / choice.file).read_text(encoding="utf-8")
    dressed = compose_svg(svg, MANIFEST, choice, outfit_color(MANIFEST["outfits"], "pdh", cid))
    if gender == "male":
        assert meta["head"] not in WOMEN_ONLY_HEADS and meta["headwear"] != "hijab"
        assert HIJAB_MARK not in svg and HIJAB_MARK not in dressed
    else:
        assert meta["headwear"] != "peci" and 'class="peci"' not in dressed
    assert (meta["head"] == "hijab") == (meta["headwear"] == "hijab")
    if meta["head"] == "hijab":
        assert meta["headContrast"] == meta["hijab_color"]  # the strip matches the covering
        assert f'fill="#{meta["hijab_color"]}"' in svg


@pytest.mark.parametrize("mood", MOODS)
def test_shipped_characters_get_portraits_that_match_their_data(library, mood) -> None:
    chars = list(shipped_characters(library))
    assert chars
    for cid, ch in chars:
        check_choice(cid, ch, mood)


@pytest.mark.parametrize(("cid", "ch"), SYNTHETIC)
def test_synthetic_characters_match_their_data(cid, ch) -> None:
    for mood in MOODS:
        check_choice(cid, ch, mood)


def test_missing_gender_gives_no_file() -> None:
    assert choose_portrait("x", person(age="senior", headwear="hijab"), "sad", AVAILABLE) is None
    assert choose_portrait("x", person(gender="male"), "neutral", frozenset()) is None


def test_variant_follows_the_id_within_the_data_not_instead_of_it() -> None:
    """One person looks the same in every mood; the data decides the kind of face."""
    for cid in ("camat", "sri", "ujang", "dedi", "karto", "yusuf"):
        variants = {
            choose_portrait(cid, person(gender="female"), m, AVAILABLE).variant for m in MOODS
        }
        assert len(variants) == 1
        for gender in ("male", "female"):
            choice = choose_portrait(cid, person(gender=gender), "neutral", AVAILABLE)
            assert FILES[choice.file]["gender"] == gender
    picked = {choose_portrait(f"c{i}", person(gender="male"), "neutral", AVAILABLE).variant
              for i in range(40)}  # fmt: skip
    assert len(picked) > 1  # ids spread over the variants


def test_people_of_one_kind_in_a_cast_get_different_variants() -> None:
    cast = {cid: person(gender="male", age="adult") for cid in ("ujang", "yudi", "arif")}
    cast["euis"] = person(gender="female", headwear="hijab")
    files = {choose_portrait(cid, cast[cid], "sad", AVAILABLE, cast).file for cid in cast}
    assert len(files) == 4
    # Same cast, same answer on every call; a character outside the cast still gets one.
    again = {choose_portrait(cid, cast[cid], "sad", AVAILABLE, cast).file for cid in cast}
    assert again == files
    assert choose_portrait("guest", person(gender="male"), "sad", AVAILABLE, cast) is not None


@pytest.mark.parametrize("mood", ["neutral", "angry"])
def test_shipped_casts_are_checked_with_their_cast(library, mood) -> None:
    for story in library.stories.values():
        cast = story.scenario.characters
        for cid, ch in cast.items():
            choice = choose_portrait(cid, ch, mood, AVAILABLE, cast)
            assert (choice is None) == (getattr(ch, "gender", None) is None)
            if choice:
                assert FILES[choice.file]["gender"] == ch.gender


def test_every_mood_has_its_own_face() -> None:
    assert set(MOOD_FACES) == set(MOODS)
    assert len(set(MOOD_FACES.values())) == len(MOODS)
    for kind in ("male_adult_none_0", "female_senior_hijab_2", "male_young_peci_1"):
        texts = {(FOLDER / f"{kind}_{m}.svg").read_text(encoding="utf-8") for m in MOODS}
        assert len(texts) == len(MOODS)


def test_manifest_and_files_agree() -> None:
    on_disk = {p.name for p in FOLDER.glob("*.svg")}
    assert on_disk == set(FILES)
    total = 0
    for name, meta in FILES.items():
        assert parse_name(name) == (
            meta["gender"], meta["age"], meta["headwear"], meta["variant"], meta["mood"],
        )  # fmt: skip
        assert name == file_name(*parse_name(name))
        size = (FOLDER / name).stat().st_size
        assert size < 16_000
        total += size
    assert total < 3_000_000


def test_every_svg_loads_at_a_size() -> None:
    """Headless, as in CI (conftest sets SDL_VIDEODRIVER=dummy unless told otherwise)."""
    pygame.init()
    for name in FILES:
        surf = pygame.image.load_sized_svg(str(FOLDER / name), (64, 64))
        assert surf.get_size() == (64, 64)
        assert surf.get_at((1, 1)).a == 0, name  # transparent around the figure


def test_portraits_module_dresses_caches_and_falls_back() -> None:
    pygame.init()
    portraits = Portraits()
    boss = person(gender="male", age="senior", headwear="peci", outfit="batik", glasses=True)
    a = portraits.surface("camat", boss, "angry", (90, 120))
    assert a.get_size() == (90, 120)
    assert portraits.surface("camat", boss, "angry", (90, 120)) is a  # rendered once
    choice = portraits.choose("camat", boss, "angry")
    svg = (FOLDER / choice.file).read_text(encoding="utf-8")
    dressed = compose_svg(svg, MANIFEST, choice, MANIFEST["outfits"]["batik"][0])
    assert 'class="batik"' in dressed and MANIFEST["glasses_group"] + "</g>" not in dressed
    nobody = portraits.surface("x", person(age="adult"), "neutral", (64, 64))
    assert nobody.get_size() == (64, 64)
    assert nobody.get_at((32, 32)).a > 0 and nobody.get_at((0, 0)).a == 0  # silhouette
    broken = Portraits(FOLDER.parent / "no-such-folder")
    assert broken.surface("camat", boss, "sad", (40, 40)).get_size() == (40, 40)


def test_every_place_has_a_background() -> None:
    folder = assets_dir() / "backgrounds"
    for place in PLACES:
        path = folder / f"{place}.png"
        assert path.is_file(), place
        w, h = pygame.image.load(str(path)).get_size()
        assert w * 9 == h * 16, (place, w, h)


def test_each_outfit_changes_only_the_shirt_colour() -> None:
    """The outfit recolours the shirt (and a bun's band), never the hijab or the skin."""
    ch = person(gender="female", headwear="hijab")
    base = choose_portrait("sri", ch, "neutral", AVAILABLE)
    svg = (FOLDER / base.file).read_text(encoding="utf-8")
    meta = FILES[base.file]
    seen = set()
    for outfit in MANIFEST["outfits"]:
        color = outfit_color(MANIFEST["outfits"], outfit, "sri")
        dressed = compose_svg(svg, MANIFEST, base._replace(outfit=outfit), color)
        assert f'fill="#{color}"' in dressed
        assert f'fill="#{meta["hijab_color"]}"' in dressed and f'fill="#{meta["skin"]}"' in dressed
        seen.add(color)
    assert len(seen) == len(MANIFEST["outfits"])
