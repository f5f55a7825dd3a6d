"""Player records in SQLite: decisions committed as they happen, resume, votes, bad files."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import platformdirs
import pytest

from engine.library import Library
from engine.loader import load_library
from engine.paths import ENV_DATA_DIR, data_dir
from engine.records import Records, RecordsError, SaveError, leaders
from engine.records_db import DB_NAME
from engine.session import ChoiceError, Session

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([FIXTURES / "good" / "mini.yaml", FIXTURES / "boundary" / "batas.yaml"])


def ticking_clock() -> Callable[[], str]:
    """One second later at every call, so "most recent" never depends on timer resolution."""
    start = dt.datetime(2025, 5, 1, 9, 0, tzinfo=dt.timezone.utc)
    ticks = itertools.count()

    def now() -> str:
        return (start + dt.timedelta(seconds=next(ticks))).isoformat().replace("+00:00", "Z")

    return now


@pytest.fixture
def records(tmp_path: Path) -> Iterator[Records]:
    with Records.open(tmp_path, clock=ticking_clock()) as opened:
        yield opened


def _utc(text: str) -> dt.datetime:
    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert when.utcoffset() == dt.timedelta(0), text
    return when


def test_each_decision_is_on_disk_before_the_next(
    lib: Library, records: Records, tmp_path: Path
) -> None:
    rec = records.begin(lib, "mini", records.player("Ani", group="G1"))
    other = sqlite3.connect(tmp_path / DB_NAME)  # a second reader sees only committed data
    assert other.execute("SELECT count(*) FROM decisions").fetchone() == (0,)
    rec.choose(1)
    assert other.execute("SELECT step, node, choice, day FROM decisions").fetchall() == [
        (1, "awal", 1, 1)
    ]
    state = other.execute("SELECT state, finished_at FROM sessions").fetchone()
    assert json.loads(state[0])["node"] == "lapor" and state[1] is None
    rec.choose(0)
    rows = other.execute("SELECT step, node, choice, day FROM decisions ORDER BY step").fetchall()
    assert rows == [(1, "awal", 1, 1), (2, "lapor", 0, 3)]
    other.close()


def test_a_finished_session_keeps_player_scenario_times_scores_and_ending(
    lib: Library, records: Records
) -> None:
    player = records.player("Budi", nip="199001012015011001", group="LATSAR-7")
    rec = records.begin(lib, "mini", player)
    rec.choose(0)
    rec.choose(0)  # day 31: only "Terlambat" is open
    (saved,) = records.sessions()
    assert saved.finished and saved.ending == "telat"
    assert saved.player == player and saved.mode == "individual"
    assert (saved.scenario_id, saved.scenario_version) == ("mini", "1")
    assert saved.scores == rec.scores and saved.scores["akuntabel"] == -1
    assert _utc(saved.started_at) <= _utc(saved.finished_at)
    decisions = records.decisions(saved.id)
    assert [(d.step, d.node, d.choice, d.day) for d in decisions] == [
        (1, "awal", 0, 1),
        (2, "lapor", 1, 31),
    ]
    assert all(_utc(d.chosen_at) for d in decisions)
    assert records.unfinished() is None


def test_resume_continues_the_same_row_and_finished_sessions_stay_single(
    lib: Library, tmp_path: Path
) -> None:
    with Records.open(tmp_path) as first:
        ani = first.player("Ani")
        done = first.begin(lib, "batas", ani)
        done.choose(1)
        done.choose(0)
        half = first.begin(lib, "mini", ani)
        half.choose(1)
    with Records.open(tmp_path) as again:  # "the next start"
        saved = again.unfinished(ani.id)
        assert saved is not None and saved.id == half.session_id
        rec = again.resume(lib, saved)
        assert rec.state_json() == half.state_json()
        assert rec.view().node_id == "lapor"
        rec.choose(0)
        sessions = again.sessions()
        assert [s.id for s in sessions] == [done.session_id, half.session_id]
        assert all(s.finished for s in sessions)
        assert [d.step for d in again.decisions(half.session_id)] == [1, 2]
        assert again.unfinished() is None
        with pytest.raises(SaveError):
            again.resume(lib, sessions[0])


def test_unfinished_is_the_latest_per_player_and_abandon_hides_it(
    lib: Library, records: Records
) -> None:
    ani, budi = records.player("Ani"), records.player("Budi")
    a = records.begin(lib, "mini", ani)
    b = records.begin(lib, "batas", budi)
    a.choose(1)  # Ani's session is now the most recently active
    assert records.unfinished().id == a.session_id
    assert records.unfinished(budi.id).id == b.session_id
    records.abandon(a.session_id)
    assert records.unfinished().id == b.session_id
    assert records.unfinished(ani.id) is None
    assert len(records.decisions(a.session_id)) == 1  # abandoned is not deleted


def test_a_changed_scenario_cannot_be_resumed_silently(lib: Library, records: Records) -> None:
    rec = records.begin(lib, "mini", records.player("Ani"))
    rec.choose(1)
    records.conn.execute(
        'UPDATE sessions SET state = replace(state, \'"version": "1"\', \'"version": "0"\')'
    )
    with pytest.raises(SaveError, match="version"):
        records.resume(lib, records.unfinished())


def test_players_are_found_again_by_name_nip_and_group(records: Records) -> None:
    a = records.player(" Ani ", group="G1")
    assert records.player("Ani", group="G1") == a
    assert records.player("Ani", group="G2") != a
    assert records.player("Ani", nip="123", group="G1") != a
    assert records.groups() == ["G1", "G2"]
    with pytest.raises(ValueError):
        records.player("   ")


def test_classroom_votes_with_majority_and_a_broken_tie(lib: Library, records: Records) -> None:
    rec = records.begin(lib, "mini", records.player("Kelas A", group="G1"), mode="classroom")
    with pytest.raises(ChoiceError, match="most hands"):
        rec.choose(0, votes=[3, 20])
    with pytest.raises(ChoiceError, match="one count"):
        rec.choose(1, votes=[20])
    assert rec.history == ()  # refused votes change nothing
    rec.choose(1, votes=[3, 20])
    rec.choose(0, votes=[14])  # one open choice at day 3
    votes = rec.votes()
    assert votes[1].hands == {0: 3, 1: 20} and not votes[1].tie_broken
    assert votes[2].hands == {0: 14} and not votes[2].tie_broken
    tie = records.begin(lib, "batas", records.player("Kelas A", group="G1"), mode="classroom")
    tie.choose(1, votes=[12, 12])
    assert tie.votes()[1].hands == {0: 12, 1: 12} and tie.votes()[1].tie_broken
    assert leaders([12, 12]) == [0, 1] and leaders([1, 5, 2]) == [1] and leaders([]) == []
    assert records.session(tie.session_id).mode == "classroom"


def test_wal_mode_and_foreign_keys(records: Records, tmp_path: Path) -> None:
    raw = sqlite3.connect(tmp_path / DB_NAME)
    assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()
    assert records.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        records.conn.execute(
            "INSERT INTO decisions (session_id, step, node, choice, day, chosen_at) "
            "VALUES (999, 1, 'x', 0, 0, 'now')"
        )


def test_a_damaged_file_is_explained_and_can_be_moved_aside(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    garbage = b"this is not a database" * 100
    db.write_bytes(garbage)
    with pytest.raises(RecordsError) as caught:
        Records.open(tmp_path)
    assert caught.value.kind == "damaged"
    assert str(db) in str(caught.value) and "backup" in str(caught.value)
    assert db.read_bytes() == garbage  # nothing touched without asking
    with Records.open(tmp_path, recover=True) as fresh:
        assert fresh.backup is not None and fresh.backup.read_bytes() == garbage
        assert fresh.backup.name.startswith(f"{DB_NAME}.") and fresh.backup.suffix == ".bak"
        assert fresh.sessions() == []
    with Records.open(tmp_path) as reopened:  # no crash loop: the next start is clean
        assert reopened.backup is None


def test_a_newer_or_foreign_database_is_refused_with_a_way_forward(
    lib: Library, tmp_path: Path
) -> None:
    with Records.open(tmp_path) as records:
        records.begin(lib, "mini", records.player("Ani"))
        records.conn.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(RecordsError, match="newer version") as caught:
        Records.open(tmp_path)
    assert caught.value.kind == "newer"
    with Records.open(tmp_path, recover=True) as fresh:
        assert fresh.sessions() == [] and fresh.backup is not None
    other = tmp_path / "other"
    other.mkdir()
    foreign = sqlite3.connect(other / DB_NAME)
    foreign.execute("CREATE TABLE notes (x)")
    foreign.commit()
    foreign.close()
    with pytest.raises(RecordsError, match="not one of this game's"):
        Records.open(other)
    with pytest.raises(RecordsError) as missing:
        Records.open(tmp_path / "nowhere", create=False)
    assert missing.value.kind == "missing"


def test_data_dir_default_env_and_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_DATA_DIR, raising=False)
    assert data_dir() == Path(platformdirs.user_data_dir("berakhlak", appauthor=False))
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(tmp_path / "opt") == tmp_path / "opt"
    with Records.open() as records:
        assert records.path == tmp_path / "env" / DB_NAME


# -- a real process, killed in the middle of a scenario ---------------------------------------

SCENARIO = SCENARIO_ID = "gratifikasi"  # the shipped gratuity dilemma
KILL_AFTER = (1, 0)  # the choices (0-based) fed before the process is killed
PROMPT = b"Pilih nomor"


def _args(data: Path, *extra: str) -> list[str]:
    player = ["--player", "Ani", "--group", "G1", "--data-dir", str(data)]
    args = ["play", "--text", SCENARIO, "--order", "file", *player, *extra]
    return [sys.executable, str(ROOT / "main.py"), *args]


def _play(data: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        _args(data),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def _wait_for_prompts(proc: subprocess.Popen[bytes], count: int, timeout: float = 30) -> bytes:
    """Read stdout until ``count`` more choice prompts have appeared (the process waits there)."""
    seen = b""
    deadline = time.monotonic() + timeout
    fd = proc.stdout.fileno()
    while seen.count(PROMPT) < count:
        left = deadline - time.monotonic()
        assert left > 0, f"timed out; output so far: {seen.decode(errors='replace')}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, f"the player exited early: {seen.decode(errors='replace')}"
            seen += chunk
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and select on pipes are POSIX")
def test_sigkill_mid_scenario_keeps_finished_sessions_and_resumes_the_killed_one(
    library: Library, tmp_path: Path
) -> None:
    lib = library  # the shipped scenarios, as the subprocess loads them
    full = subprocess.run(
        _args(tmp_path), input=b"1\n" * 60, capture_output=True, timeout=60, cwd=ROOT
    )
    assert full.returncode == 0, full.stderr.decode()
    with Records.open(tmp_path) as records:
        (finished,) = records.sessions()
        finished_decisions = records.decisions(finished.id)

    proc = _play(tmp_path)
    try:
        _wait_for_prompts(proc, 1)
        for pick in KILL_AFTER:
            proc.stdin.write(f"{pick + 1}\n".encode())
            proc.stdin.flush()
            _wait_for_prompts(proc, 1)  # outcome and next prompt: the choice is committed
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stdin.close()
        proc.stderr.close()

    expected = Session(lib, SCENARIO_ID)
    for pick in KILL_AFTER:
        expected.choose(pick)
    assert not expected.finished  # killed in the middle, not at the end
    with Records.open(tmp_path) as records:
        assert records.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert records.session(finished.id) == finished
        assert records.decisions(finished.id) == finished_decisions
        killed = records.unfinished()
        assert killed is not None and killed.id != finished.id and not killed.finished
        assert killed.player.name == "Ani" and killed.player.group == "G1"
        restored = records.resume(lib, killed)
        assert restored.state_json() == expected.to_json()
        assert restored.view().node_id == expected.view().node_id
        assert [d.node for d in records.decisions(killed.id)] == [d.node for d in expected.history]

    resumed = subprocess.run(
        _args(tmp_path, "--resume"), input=b"1\n" * 60, capture_output=True, timeout=60, cwd=ROOT
    )
    while not expected.finished:  # the rest as the resumed player chose: always the first
        expected.choose(0)
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"resuming session {killed.id}" in resumed.stderr.decode()
    with Records.open(tmp_path) as records:
        sessions = records.sessions()
        assert [s.id for s in sessions] == [finished.id, killed.id]
        assert all(s.finished for s in sessions) and records.unfinished() is None
        rows = records.decisions(killed.id)
        assert [(d.step, d.node, d.choice) for d in rows] == [
            (i, d.node, d.choice) for i, d in enumerate(expected.history, start=1)
        ]
        assert records.session(killed.id).scores == expected.scores
