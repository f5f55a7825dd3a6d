"""The calendar puts each working day under its weekday and judges lateness as the engine does."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pygame
import pytest

from engine.session import Session
from engine.ui_text import tr
from game.widgets.calendar import WEEKDAYS, draw_calendar, grid_cells, status, weekday_index
from game.widgets.ui import Ui
from tests.game_helpers import make_app

ID_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4}
THEME = SimpleNamespace(good="good", mixed="mixed", bad="bad", muted="muted")


def stub_ui() -> SimpleNamespace:
    return SimpleNamespace(theme=THEME, tr=lambda key, **f: tr(key, "id", **f))


def test_vuca_banjir_day_one_is_tuesday_and_deadline_friday(library) -> None:
    cal = library.stories["vuca_banjir"].scenario.calendar
    assert cal.start_weekday == "tuesday"
    assert weekday_index(cal.start, cal.start, cal.start_weekday) == WEEKDAYS.index("tuesday")
    assert WEEKDAYS[weekday_index(cal.deadline, cal.start, cal.start_weekday)] == "friday"
    assert WEEKDAYS[weekday_index(5, cal.start, cal.start_weekday)] == "monday"
    cells = {n: (row, col) for n, row, col in grid_cells(1, 6, cal.start, cal.start_weekday)}
    assert cells[1] == (0, 1)  # Selasa column, first row begins mid-week
    assert cells[4] == (0, 4)  # the Friday deadline in the Jumat column
    assert cells[5] == (1, 0)  # Monday opens the next week


def test_without_weekday_days_run_in_fives_from_the_first() -> None:
    assert weekday_index(3, 1, None) is None
    cells = grid_cells(0, 6, 0, None)
    assert [(row, col) for _, row, col in cells[:6]] == [(0, i) for i in range(5)] + [(1, 0)]


def _paths(library, story_id: str):
    """Every play-through as (views seen, outcomes) by replaying choice lists (depth first)."""
    todo: list[list[int]] = [[]]
    while todo:
        picks = todo.pop()
        session = Session(library, story_id)
        for i in picks:
            session.choose(i)
        view = session.view()
        yield session, view
        if not view.finished:
            todo.extend([*picks, i] for i in range(len(view.choices)))


@pytest.mark.parametrize("story_id", ["vuca_banjir"])
def test_weekday_named_in_the_text_is_the_calendar_weekday(library, story_id) -> None:
    """'Kamis pagi' on a node must be the day the calendar shows as Kamis, on every path."""
    cal = library.stories[story_id].scenario.calendar
    seen = 0
    for session, view in _paths(library, story_id):
        first = re.match(r"\s*(\w+)", view.text.get("id")).group(1).lower()
        if first in ID_WEEKDAYS:
            assert weekday_index(session.day, cal.start, cal.start_weekday) == ID_WEEKDAYS[first], (
                view.node_id,
                session.day,
            )
            seen += 1
    assert seen > 10


def test_thursday_upload_is_in_time_on_the_outcome(library) -> None:
    """vuca_banjir: using the borrowed account 'tonight' is decided on Thursday (day 3); two
    days pass to Monday. The engine records the decision on day 3, so the outcome calendar
    must not call it late, while Monday itself is past the Friday deadline."""
    session = Session(library, "vuca_banjir")
    for node, pick in (
        ("banjir_subuh", 1),
        ("kabar_simpang_siur", 0),
        ("aturan_baru", 0),
        ("mbah_karto", 0),
    ):
        assert session.node == node
        session.choose(pick)
    assert session.node == "server_mati" and session.day == 3
    akun = next(
        c.index
        for c in session.view().choices
        if "akun" in c.text.get("id").lower() and "pakai" in c.text.get("id").lower()
    )
    outcome = session.choose(akun)
    acted = outcome.day - outcome.days_passed
    assert (outcome.day, acted, session.history[-1].day) == (5, 3, 3)
    deadline = outcome.next.deadline
    text, color = status(stub_ui(), outcome.day, deadline, acted)
    assert color == "good" and "sebelum batas" in text and "ke-3" in text
    # The next screen (Monday) says the upload was recorded; its calendar states the date
    # without calling anyone late.
    text, color = status(stub_ui(), outcome.day, deadline)
    assert color == "muted" and "lewat" in text.lower() and "ke-" not in text
    assert status(stub_ui(), 4, 4, acted=4)[1] == "mixed"
    assert status(stub_ui(), 6, 4, acted=5) == (tr("game_acted_late", "id", day=5, n=1), "bad")


def _points(surface: pygame.Surface, color, top: int) -> list[tuple[int, int]]:
    w, h = surface.get_size()
    want = tuple(color)[:3]
    return [
        (x, y) for x in range(w) for y in range(top, h) if tuple(surface.get_at((x, y)))[:3] == want
    ]


def test_grid_draws_days_under_their_weekdays(tmp_path) -> None:
    """vuca_banjir on Monday (day 5): Tuesday (day 1) in the second column, the deadline ring
    in the fifth (Jumat), and today, Monday, in the first column of the next row."""
    app = make_app(tmp_path)
    t = app.theme
    surface = pygame.Surface((400, 360))
    ui = Ui(surface, app, None)
    draw_calendar(ui, pygame.Rect(0, 0, 400, 360), 5, 4, None, start=1, start_weekday="tuesday")
    top = 120  # below the heading and status lines
    ring = _points(surface, t.bad, top)
    today = _points(surface, t.accent, top)
    gone = _points(surface, t.track, top)
    assert ring and today and gone
    cell = (min(x for x, _ in ring) - min(x for x, _ in gone)) / 3
    assert cell > 10
    assert min(y for _, y in today) > max(y for _, y in ring)  # Monday is in the next row
    monday = min(x for x, _ in today)
    assert round((min(x for x, _ in gone) - monday) / cell) == 1
    assert round((min(x for x, _ in ring) - monday) / cell) == 4
