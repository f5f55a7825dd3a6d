"""Play-throughs: every path ends, saves round-trip exactly, the day counter's boundary holds."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.debrief import build_debrief
from engine.library import Library
from engine.loader import load_library
from engine.session import ChoiceError, SaveError, Session

MAX_PATHS = 20_000


@cache
def _shipped() -> Library:
    return load_library()


def finished_paths(library: Library, story_id: str) -> Iterator[Session]:
    """Every complete play-through, found by branching saved sessions (restore at each step)."""
    stack = [Session(library, story_id).to_json()]
    seen = 0
    while stack:
        snapshot = stack.pop()
        session = Session.from_json(library, snapshot)
        assert session.to_json() == snapshot  # exact round trip at every step
        view = session.view()
        if view.finished:
            seen += 1
            assert seen <= MAX_PATHS, "too many paths to enumerate"
            yield session
            continue
        assert view.choices, f"dead end at {session.node} with {session.variables}"
        for choice in view.choices:
            branch = Session.from_json(library, snapshot)
            assert branch.view() == view
            branch.choose(choice.index)
            stack.append(branch.to_json())


def test_gratifikasi_every_path_ends_in_an_ending(library: Library) -> None:
    story = library.stories["gratifikasi"]
    endings = [s.ending for s in finished_paths(library, "gratifikasi")]
    assert len(endings) >= 3
    assert set(endings) == set(story.scenario.endings), "every ending is reachable"


@pytest.mark.parametrize("story_id", ["gratifikasi", "batas", "mini"])
def test_reachable_ranges_equal_brute_force(
    story_id: str, library: Library, fixtures: Path
) -> None:
    lib = (
        library
        if story_id in library.stories
        else load_library([fixtures / "boundary", fixtures / "good"])
    )
    story = lib.stories[story_id]
    totals = [s.scores for s in finished_paths(lib, story_id)]
    for value_id in lib.value_ids:
        scores = [t[value_id] for t in totals]
        assert story.reach.range(value_id) == (min(scores), max(scores)), value_id


@pytest.fixture(scope="module")
def boundary(fixtures: Path) -> Library:
    return load_library([fixtures / "boundary"])


@pytest.mark.parametrize(
    ("wait", "day", "offered"), [(0, 30, "Lapor tepat waktu"), (1, 31, "Lapor terlambat")]
)
def test_day_30_is_on_time_and_day_31_is_late(
    boundary: Library, wait: int, day: int, offered: str
) -> None:
    session = Session(boundary, "batas")
    outcome = session.choose(wait)
    assert outcome.day == day and outcome.days_passed == day
    assert [c.text.id for c in session.view().choices] == [offered]
    assert session.view().deadline == 30


def test_gratifikasi_day_conditions_flip_between_day_30_and_31(library: Library) -> None:
    story = library.stories["gratifikasi"]
    day_choices = [
        (key, cond) for key, cond in story.conditions.items() if "hari_kerja" in cond.names
    ]
    assert day_choices, "the gratifikasi scenario must test the working-day deadline"
    flips = 0
    for (node, _index), cond in day_choices:
        env = story.initial_variables()
        on_time = cond({**env, "hari_kerja": 30})
        late = cond({**env, "hari_kerja": 31})
        flips += on_time != late
        assert node in story.scenario.nodes
    assert flips >= 2, "an on-time and a late branch must meet exactly at day 30/31"


def test_choosing_what_is_not_open_is_a_clear_error(boundary: Library) -> None:
    session = Session(boundary, "batas")
    for bad in (2, -1, True, "0"):
        with pytest.raises(ChoiceError, match="is not open at 'terima': 2 choice"):
            session.choose(bad)  # type: ignore[arg-type]
    session.choose(0)
    session.choose(0)
    assert session.finished
    with pytest.raises(ChoiceError, match="has ended"):
        session.choose(0)


def test_outcome_carries_feedback_deltas_and_full_rules(boundary: Library) -> None:
    session = Session(boundary, "batas")
    session.choose(1)
    outcome = session.choose(0)
    assert outcome.finished and outcome.ending.tone == "bad"
    assert outcome.deltas == {"akuntabel": -1}
    assert [r.id for r in outcome.rules] == ["perkpk-1-2026-terlambat"]
    assert outcome.rules[0].instrument.startswith("Peraturan KPK 1/2026")
    debrief = build_debrief(session)
    assert debrief.result("akuntabel").score == -1
    assert (debrief.result("akuntabel").low, debrief.result("akuntabel").high) == (-1, 2)
    assert debrief.result("akuntabel").position == 0.0
    assert [d.day for d in debrief.decisions] == [0, 31]


def test_damaged_or_foreign_saves_are_refused(boundary: Library, library: Library) -> None:
    good = Session(boundary, "batas").to_json()
    for text, message in [
        ("{not json", "damaged"),
        (good.replace('"format": 3', '"format": 9'), "format 9"),
        (good.replace('"version": "1"', '"version": "0"'), "changed from version 0"),
        (good.replace('"node": "terima"', '"node": "hilang"'), "no longer exists"),
    ]:
        with pytest.raises(SaveError, match=message):
            Session.from_json(boundary, text)
    with pytest.raises(SaveError, match="is not loaded"):
        Session.from_json(library, good)


@settings(max_examples=40, deadline=None)
@given(picks=st.lists(st.integers(0, 8), min_size=1, max_size=30), cut=st.integers(0, 30))
def test_resume_anywhere_equals_playing_straight(picks: list[int], cut: int) -> None:
    library = _shipped()
    straight = Session(library, "gratifikasi")
    resumed = Session(library, "gratifikasi")
    for step, pick in enumerate(picks):
        if straight.finished:
            break
        if step == cut:
            resumed = Session.from_json(library, resumed.to_json())
        index = pick % len(straight.view().choices)
        assert straight.choose(index) == resumed.choose(index)
    assert straight.to_json() == resumed.to_json()
