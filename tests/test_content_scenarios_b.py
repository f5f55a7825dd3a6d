"""Content checks for five shipped scenarios and the two programmes (content review 2026-11).

Every path is listed by brute force, independently of ``engine.analysis``, so the checks do not
trust the code they would otherwise be checking: the best-scoring path must end well, a path
through a marked breach must never end well, and a player who always takes the first option in
file order must not reach the best ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import BaseModel

from engine.library import Library, Story
from engine.loader import load_library
from engine.text import LocalText

ROOT = Path(__file__).resolve().parent.parent
MINE = ["vuca_banjir", "pelayanan_loket", "media_sosial", "sistem_baru", "mentoring_rekan"]

# Posts a new civil servant (CPNS) cannot hold as the player: said of "Anda" in a summary or
# the opening text of an onboarding scenario, they put it in the officials' programme instead.
SENIOR_POSTS = re.compile(
    r"\b(PPK|pejabat pembuat komitmen|anggota pokja|pokja pemilihan|Kepala Seksi|Kasi\b|"
    r"Sekretaris Dinas|Sekdis|Kepala Bidang|Kabid|Camat|sekretaris satgas|mentor|membimbing)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Walk:
    """One complete path: the choices taken, where it ends, its total score, breaches on it."""

    steps: tuple[tuple[str, int], ...]
    ending: str
    total: int
    breaches: tuple[tuple[str, int], ...]


@pytest.fixture(scope="module")
def library() -> Library:
    lib = load_library([ROOT / "scenarios"])
    assert not [s for s in MINE if s not in lib.stories], "a scenario of this test did not load"
    return lib


def walks(story: Story) -> list[Walk]:
    """Every path from the start to an ending (the scenarios have no loops)."""
    found: list[Walk] = []

    def go(node: str, env: dict, steps: tuple, total: int, breaches: tuple) -> None:
        for i in story.open_choices(node, env):
            choice = story.choice(node, i)
            step = (*steps, (node, i))
            score = total + sum(choice.scores.values())
            broke = (*breaches, (node, i)) if choice.breach else breaches
            if story.is_ending(choice.next):
                found.append(Walk(step, choice.next, score, broke))
            else:
                go(choice.next, story.after(env, choice), step, score, broke)

    go(story.scenario.start, story.initial_variables(), (), 0, ())
    return found


def tone(story: Story, ending: str) -> str:
    return story.scenario.endings[ending].tone


def indonesian_texts(model: BaseModel) -> Iterator[str]:
    """Every Indonesian string a player or facilitator reads, anywhere in the scenario."""
    for value in model.__dict__.values():
        items = value.values() if isinstance(value, dict) else value
        for item in items if isinstance(value, (dict, list, tuple)) else [value]:
            if isinstance(item, LocalText):
                yield item.get("id")
            elif isinstance(item, BaseModel):
                yield from indonesian_texts(item)


@pytest.mark.parametrize("sid", MINE)
def test_best_scoring_paths_all_end_in_a_good_ending(library: Library, sid: str) -> None:
    story = library.stories[sid]
    paths = walks(story)
    best = max(w.total for w in paths)
    bad = [w for w in paths if w.total == best and tone(story, w.ending) != "good"]
    assert not bad, f"{sid}: best total {best} ends in {bad[0].ending} via {bad[0].steps}"


@pytest.mark.parametrize("sid", MINE)
def test_no_path_through_a_breach_ends_well(library: Library, sid: str) -> None:
    story = library.stories[sid]
    leaks = [w for w in walks(story) if w.breaches and tone(story, w.ending) == "good"]
    assert not leaks, f"{sid}: breach {leaks[0].breaches} still reaches {leaks[0].ending}"


def test_breaches_are_marked_where_the_review_found_them(library: Library) -> None:
    """The clear breaches named in the review carry ``breach: true`` (the test above needs them)."""
    expected = {
        ("vuca_banjir", "server_mati"),  # someone else's admin account
        ("pelayanan_loket", "kakek_harun"),  # a citizen's data on a personal phone
        ("pelayanan_loket", "telepon_atasan"),  # the back-room lane for the head's guest
        ("sistem_baru", "senior_menolak"),  # another person's e-signature
        ("sistem_baru", "laporan_go_live"),  # a false official report
        ("mentoring_rekan", "kronologi"),  # the scapegoat account
    }
    marked = {
        (sid, node)
        for sid in MINE
        for node, n in library.stories[sid].scenario.nodes.items()
        if any(c.breach for c in n.choices)
    }
    assert expected <= marked


@pytest.mark.parametrize("sid", MINE)
def test_always_taking_the_first_option_does_not_reach_the_best_ending(
    library: Library, sid: str
) -> None:
    story = library.stories[sid]
    node, env = story.scenario.start, story.initial_variables()
    while True:
        choice = story.choice(node, story.open_choices(node, env)[0])
        if story.is_ending(choice.next):
            break
        node, env = choice.next, story.after(env, choice)
    paths = walks(story)
    best = max(paths, key=lambda w: w.total)
    assert choice.next != best.ending
    assert tone(story, choice.next) != "good"


@pytest.mark.parametrize("sid", MINE)
def test_every_choice_is_judged_and_every_character_can_be_drawn(
    library: Library, sid: str
) -> None:
    scenario = library.stories[sid].scenario
    assert all(c.gender for c in scenario.characters.values())
    people = scenario.characters.values()
    assert not [c for c in people if c.gender == "male" and c.headwear == "hijab"]
    choices = [c for n in scenario.nodes.values() for c in n.choices]
    assert all(c.verdict and c.reaction for c in choices)
    assert all(n.place for n in scenario.nodes.values())
    # A breach is never judged good.
    assert not [c for c in choices if c.breach and c.verdict != "bad"]


@pytest.mark.parametrize("sid", MINE)
def test_no_sentence_starts_with_tetapi(library: Library, sid: str) -> None:
    """EYD V: "tetapi" joins clauses; between sentences write "Namun," (with its comma)."""
    texts = list(indonesian_texts(library.stories[sid].scenario))
    assert texts, "no Indonesian text found: the walker is broken"
    starts = [t for t in texts if re.search(r"(^|[.!?]\s+|\"\s*)Tetapi\b", t)]
    assert not starts, starts[0]
    no_comma = [t for t in texts if re.search(r"(^|[.!?]\s+)Namun\s", t)]
    assert not no_comma, no_comma[0]


def posts_of_the_player(library: Library, sid: str) -> list[str]:
    """Senior posts the summary or opening text gives "Anda" ("Anda, Kepala Seksi ...")."""
    scenario = library.stories[sid].scenario
    opening = scenario.nodes[scenario.start].text.get("id")
    found = []
    for text in (scenario.summary.get("id"), opening):
        for phrase in re.findall(r"\bAnda(?:,\s*|\s+(?:adalah|sebagai)\s+|\s+)([^,.;:\"]*)", text):
            words = " ".join(phrase.split()[:6])
            found += [m.group(0) for m in SENIOR_POSTS.finditer(words)]
    return found


def test_onboarding_gives_the_player_only_posts_a_new_civil_servant_holds(
    library: Library,
) -> None:
    for sid in library.programmes["onboarding"].scenarios:
        assert not posts_of_the_player(library, sid), sid
    # The detector is not blind: it finds the posts of the officials' scenarios.
    assert posts_of_the_player(library, "vuca_banjir")
    assert posts_of_the_player(library, "konflik_kepentingan")


def test_senior_scenarios_are_in_the_officials_programme(library: Library) -> None:
    onboarding = set(library.programmes["onboarding"].scenarios)
    pejabat = set(library.programmes["pejabat"].scenarios)
    senior = {"gratifikasi", "konflik_kepentingan", "vuca_banjir", "bantuan_kedinasan"}
    assert senior <= pejabat
    assert not senior & onboarding
    assert "mentoring_rekan" in pejabat


@pytest.mark.parametrize("programme", ["onboarding", "pejabat"])
def test_names_are_unique_across_a_programme(library: Library, programme: str) -> None:
    seen: dict[str, str] = {}
    for sid in library.programmes[programme].scenarios:
        for character in library.stories[sid].scenario.characters.values():
            name = re.sub(r"^(dr\.|Dra?\.|Ir\.|H\.|Bu|Pak)\s+|,.*$", "", character.name.get("id"))
            assert name not in seen, f"{name} is in {seen.get(name)} and {sid}"
            seen[name] = sid


def test_my_characters_first_names_are_unique_in_the_whole_library(library: Library) -> None:
    """A trainer plays many files in a row: a first name of mine is used nowhere else."""

    def first(character) -> str:
        name = re.sub(r"^(dr\.|Dra?\.|Ir\.|H\.|Bu|Pak|Mbah)\s+", "", character.name.get("id"))
        return name.split()[0].strip(",")

    owners: dict[str, set[str]] = {}
    for sid, story in library.stories.items():
        for character in story.scenario.characters.values():
            owners.setdefault(first(character), set()).add(sid)
    clashes = {n: s for n, s in owners.items() if len(s) > 1 and s & set(MINE)}
    assert not clashes
