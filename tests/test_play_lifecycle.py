"""The play lifecycle in the engine: hot reload (rebase) and failed writes never lose a decision.

Every test checks the records afterwards: each decision exactly once, steps unique and
consecutive per session, and a restarted attempt recorded as an attempt of its own.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from engine.library import Library
from engine.loader import load_library
from engine.play import Play
from engine.records import Records
from engine.report import build_report, summarise
from engine.session import ChoiceError

MINI = Path(__file__).parent / "fixtures" / "good" / "mini.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    shutil.copy(MINI, scenarios / "mini.yaml")
    return scenarios


@pytest.fixture
def records(tmp_path: Path):
    with Records.open(tmp_path / "data") as opened:
        yield opened


def started(folder: Path, records: Records) -> tuple[Library, Play]:
    """A recorded play of mini after its first decision (at node 'lapor', day 3)."""
    library = load_library([folder])
    play = Play.begin(library, "mini", records=records, player=records.player("Ani"), seed=None)
    play.choose(1)
    assert play.view().node_id == "lapor" and play.saving
    return library, play


def steps(records: Records, session_id: int) -> list[int]:
    return [d.step for d in records.decisions(session_id)]


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "mini.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_reload_keeps_the_place_when_the_node_still_exists(folder, records) -> None:
    _, play = started(folder, records)
    edit(folder, "Hari ini hari ke-{hari}.", "Teks baru.")
    edit(folder, 'version: "1"', 'version: "2"')
    rebase = play.rebase(load_library([folder]))
    assert rebase.kind == "kept" and play.view().text.id == "Teks baru."
    assert play.day == 3 and play.scores["akuntabel"] == 2
    play.choose(0)
    assert play.finished and play.saving
    (row,) = records.sessions()
    assert row.finished and row.scenario_version == "2" and steps(records, row.id) == [1, 2]


def test_reload_that_removes_the_node_restarts_as_a_new_recorded_attempt(folder, records) -> None:
    _, play = started(folder, records)
    first = play.session_id
    edit(folder, "next: lapor", "next: lapor2")
    edit(folder, "  lapor:\n", "  lapor2:\n")
    rebase = play.rebase(load_library([folder]))
    assert rebase.kind == "restarted" and rebase.node == "lapor"
    assert play.view().node_id == "awal" and play.history == () and play.attempts == 2
    assert play.session_id != first
    play.choose(1)
    play.choose(0)
    assert play.finished and play.saving
    old, new = records.sessions()
    assert old.id == first and old.abandoned and not old.finished and steps(records, old.id) == [1]
    assert new.finished and not new.abandoned and steps(records, new.id) == [1, 2]
    summary = summarise(build_report(records, load_library([folder])))
    assert (summary.sessions, summary.finished, summary.abandoned, summary.unfinished) == (
        2, 1, 1, 0,
    )  # fmt: skip
    assert records.unfinished() is None  # the abandoned attempt is not offered for resume


@pytest.mark.parametrize("how", ["removed", "invalid"])
def test_reload_without_the_scenario_goes_on_with_the_old_content(folder, records, how) -> None:
    _, play = started(folder, records)
    if how == "removed":
        (folder / "mini.yaml").unlink()
        (folder / "other.yaml").write_text(
            MINI.read_text(encoding="utf-8").replace("id: mini", "id: other"), encoding="utf-8"
        )
    else:
        (folder / "mini.yaml").write_text("id: mini\ntitle: [unclosed\n", encoding="utf-8")
    library = load_library([folder])
    assert "mini" not in library.stories
    rebase = play.rebase(library)
    assert rebase.kind == "gone" and play.view().node_id == "lapor"
    play.choose(0)
    assert play.finished and play.saving
    (row,) = records.sessions()
    assert row.finished and steps(records, row.id) == [1, 2]


class FailingConnection:
    """A real connection whose writes of decisions fail while ``fail`` is set."""

    def __init__(self, conn: sqlite3.Connection, error: str) -> None:
        self.conn, self.error, self.fail = conn, error, True

    def execute(self, sql: str, *args):
        if self.fail and sql.startswith("INSERT INTO decisions"):
            raise sqlite3.OperationalError(self.error)
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str):
        return getattr(self.conn, name)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        ("database or disk is full", "disk-full"),
        ("attempt to write a readonly database", "read-only"),
    ],
)
def test_a_failed_write_keeps_playing_and_writes_later(folder, records, error, kind) -> None:
    _, play = started(folder, records)
    real = records.conn
    records.conn = failing = FailingConnection(real, error)  # type: ignore[assignment]
    outcome = play.choose(0)  # no exception: the play goes on in memory
    assert outcome.finished and play.finished
    assert play.save_error == kind and error in play.save_detail and play.waiting == 1
    (row,) = records.sessions()
    assert not row.finished and steps(records, row.id) == [1]  # a consistent prefix
    debrief = play.debrief()
    assert [d.node_id for d in debrief.decisions] == ["awal", "lapor"]
    failing.fail = False
    play._flush()  # the next write (here: the retry) writes what waited, in order
    assert play.saving and play.waiting == 0
    (row,) = records.sessions()
    assert row.finished and steps(records, row.id) == [1, 2]


def test_a_read_only_connection_is_said_and_the_next_start_resumes_what_was_saved(
    folder, records, tmp_path
) -> None:
    library, play = started(folder, records)
    records.conn.execute("PRAGMA query_only = ON")  # SQLite refuses every write from here
    play.choose(0)
    assert play.finished and play.save_error == "read-only"
    with Records.open(tmp_path / "data") as again:
        saved = again.unfinished()
        assert saved is not None and saved.id == play.session_id
        resumed = Play.resume(library, again, saved)
        assert resumed.view().node_id == "lapor" and resumed.step == 1


def test_two_games_on_one_session_never_overwrite_each_others_steps(folder, records, tmp_path):
    library, _ = started(folder, records)
    saved = records.unfinished()
    assert saved is not None
    with Records.open(tmp_path / "data") as second_records:
        first = Play.resume(library, records, saved)
        second = Play.resume(library, second_records, saved)
        first.choose(0)
        second.choose(0)  # refused by the records, not by an exception
        assert first.saving and second.save_error == "taken" and second.finished
    (row,) = records.sessions()
    assert row.finished and steps(records, row.id) == [1, 2]


def test_votes_are_checked_and_recorded_with_the_decision(folder, records) -> None:
    library = load_library([folder])
    play = Play.begin(
        library, "mini", records=records, player=records.player("Kelas"), mode="classroom",
        seed=None,
    )  # fmt: skip
    with pytest.raises(ChoiceError, match="most hands"):
        play.choose(0, votes=[3, 20])
    with pytest.raises(ChoiceError, match="one count"):
        play.choose(1, votes=[3, -1])
    play.choose(1, votes=[20, 20])  # a tie: the facilitator's pick is recorded as such
    assert play.votes()[1].tie_broken
    (decision,) = records.decisions(play.session_id)
    assert decision.votes is not None and decision.votes.hands == {0: 20, 1: 20}


def test_options_are_shuffled_per_play_and_the_order_survives_a_resume(tmp_path) -> None:
    library = load_library()
    story = library.stories["gratifikasi"]
    start = story.scenario.start
    file_order = list(range(len(story.scenario.nodes[start].choices)))
    orders = set()
    with Records.open(tmp_path / "data") as records:
        player = records.player("Ani")
        for _ in range(12):
            play = Play.begin(library, "gratifikasi", records=records, player=player)
            orders.add(tuple(c.choice_index for c in play.view().choices))
            play.discard()
        assert len(orders) > 1 and any(list(o) != file_order for o in orders)
        play = Play.begin(library, "gratifikasi", records=records, player=player)
        play.choose(0)
        shown = [c.choice_index for c in play.view().choices]
        saved = records.unfinished()
        assert saved is not None
        resumed = Play.resume(library, records, saved)
        assert [c.choice_index for c in resumed.view().choices] == shown


def test_a_pinned_order_is_kept_whatever_the_seed(folder) -> None:
    edit(folder, "start: awal", "start: awal\npin_order: true")
    library = load_library([folder])
    for seed in range(20):
        play = Play.begin(library, "mini", seed=seed)
        assert [c.choice_index for c in play.view().choices] == [0, 1]
    edit(folder, "pin_order: true", "pin_order: false")
    library = load_library([folder])
    orders = {
        tuple(c.choice_index for c in Play.begin(library, "mini", seed=s).view().choices)
        for s in range(20)
    }
    assert orders == {(0, 1), (1, 0)}
