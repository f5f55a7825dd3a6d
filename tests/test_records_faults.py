"""Opening the records: a healthy file that cannot be used right now is never called damaged.

Locked, read-only, a folder that cannot be made, a newer schema and real corruption are told
apart; only corruption and a newer schema may be moved aside. Twenty games starting at once
on an empty folder all get the same schema. Report and export only read, so they work on a
read-only folder (chmod for a normal user; a read-only bind mount when the tests run as root).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import records_db
from engine.loader import load_library
from engine.records import Records, RecordsError
from engine.records_db import DB_NAME

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "good" / "mini.yaml"


def _played(folder: Path, name: str = "Ani") -> Path:
    """A records folder with one finished play of the shipped 'gratifikasi'."""
    library = load_library()
    with Records.open(folder) as records:
        rec = records.begin(library, "gratifikasi", records.player(name))
        while not rec.finished:
            rec.choose(0)
    return folder / DB_NAME


def test_a_locked_file_is_locked_not_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _played(tmp_path)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the file
    monkeypatch.setattr(records_db, "BUSY_TIMEOUT", 0.2)
    try:
        for recover in (False, True):
            with pytest.raises(RecordsError) as caught:
                Records.open(tmp_path, recover=recover)
            assert caught.value.kind == "locked" and not caught.value.replaceable
            assert "not damaged" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == []
    with Records.open(tmp_path) as records:
        assert len(records.sessions()) == 1


def test_a_folder_that_cannot_be_made_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RecordsError) as caught:
        Records.open(blocker / "records")
    assert caught.value.kind in ("unavailable", "readonly") and not caught.value.replaceable
    with pytest.raises(RecordsError) as missing:
        Records.open(tmp_path / "nowhere", create=False)
    assert missing.value.kind == "missing"
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"this is not a database" * 100, "damaged"),
        (b"SQLite format 3\x00" + b"\xff" * 4000, "damaged"),
    ],
)
def test_only_real_corruption_is_damaged_and_moved_aside(
    tmp_path: Path, content: bytes, kind: str
) -> None:
    (tmp_path / DB_NAME).write_bytes(content)
    with pytest.raises(RecordsError) as caught:
        Records.open(tmp_path)
    assert caught.value.kind == kind and caught.value.replaceable
    with pytest.raises(RecordsError) as read_only:
        Records.open(tmp_path, create=False, readonly=True)
    assert read_only.value.kind == kind
    with Records.open(tmp_path, recover=True) as fresh:
        assert fresh.backup is not None and fresh.backup.read_bytes() == content


def test_read_only_open_writes_nothing(tmp_path: Path) -> None:
    _played(tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    with Records.open(tmp_path, create=False, readonly=True) as records:
        assert len(records.sessions()) == 1
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            records.conn.execute("DELETE FROM players")
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir() if p.name == DB_NAME}
    assert after == {DB_NAME: before[DB_NAME]}


RACE = """
import sys, time
sys.path.insert(0, sys.argv[3])
from pathlib import Path
from engine.records_db import RecordsError, open_database
start = float(sys.argv[2])
while time.time() < start:
    time.sleep(0.002)
try:
    conn, _ = open_database(Path(sys.argv[1]) / "records.sqlite3")
    conn.execute("SELECT count(*) FROM players").fetchone()
    print("ok")
except RecordsError as exc:
    print(exc.kind, exc)
"""


@pytest.mark.slow
def test_twenty_games_creating_the_schema_at_once_all_succeed(tmp_path: Path) -> None:
    script = tmp_path / "race.py"
    script.write_text(RACE)
    folder = tmp_path / "data"
    start = time.time() + 3.0  # every process has imported and waits at the line
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(folder), str(start), str(ROOT)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(20)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [out.strip() for out, _ in results] == ["ok"] * 20, results
    with Records.open(folder) as records:
        version = records.conn.execute("SELECT version FROM schema_version").fetchall()
    assert [tuple(row) for row in version] == [(records_db.SCHEMA_VERSION,)]


def _run_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python main.py ARGS`` with ``folder`` read-only for the process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "SDL_VIDEODRIVER": "dummy"}
    command = [sys.executable, str(ROOT / "main.py"), *args]
    if os.geteuid() != 0:
        paths = [folder, *folder.iterdir()]
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
        finally:
            for path in paths:
                path.chmod(0o755 if path.is_dir() else 0o644)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: no way to make a read-only folder")
    mount = 'mount -o bind,ro "$0" "$0" && exec "$@"'
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", mount, str(folder), *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    if "mount:" in done.stderr or "unshare:" in done.stderr:
        pytest.skip(f"running as root, and a read-only mount is not permitted: {done.stderr}")
    return done


@pytest.mark.parametrize("command", ["report", "export"])
def test_report_and_export_work_on_a_read_only_folder(tmp_path: Path, command: str) -> None:
    data = tmp_path / "data"
    db = _played(data)
    before = db.read_bytes()
    out = tmp_path / "out"
    args = (
        ["report", "--data-dir", str(data), "--out", str(out), "--no-chart"]
        if command == "report"
        else ["export", "--data-dir", str(data), "--xapi", str(out / "x.json")]
    )
    done = _run_read_only(data, *args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "damaged" not in done.stderr
    assert db.read_bytes() == before
    assert not [p for p in data.iterdir() if ".bak" in p.name]
    written = sorted(p.name for p in out.iterdir())
    assert written == (["decisions.csv", "sessions.csv"] if command == "report" else ["x.json"])


def test_play_on_a_read_only_folder_says_read_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _played(data)
    done = _run_read_only(
        data, "play", "--text", str(MINI), "--player", "Budi", "--data-dir", str(data)
    )
    assert done.returncode == 1
    assert "read-only" in done.stderr and "not damaged" in done.stderr
    assert "Traceback" not in done.stderr
    assert not [p for p in data.iterdir() if ".bak" in p.name]


def test_the_game_says_a_locked_file_is_in_use_and_never_moves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game_helpers import make_app

    from engine.ui_text import tr

    db = _played(tmp_path / "data")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(records_db, "BUSY_TIMEOUT", 0.2)
    try:
        app = make_app(tmp_path)
        assert app.records is None
        assert app.scene.name != "records_problem"  # no "start a new records file" button
        assert app.notice is not None and app.notice.title == tr("records_unavailable", "id")
        assert "not damaged" in app.notice.lines[0]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not [p for p in db.parent.iterdir() if ".bak" in p.name]


def test_a_read_only_open_of_an_older_file_upgrades_it_once_then_reads(tmp_path: Path) -> None:
    db = _played(tmp_path)
    raw = sqlite3.connect(db, isolation_level=None)
    for table in ("named_votes", "outbox"):  # what later schemas added
        raw.execute(f"DROP TABLE IF EXISTS {table}")
    raw.execute("UPDATE schema_version SET version = 1")
    raw.close()
    with Records.open(tmp_path, create=False, readonly=True) as records:
        assert len(records.sessions()) == 1
        versions = records.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        assert versions[0] == records_db.SCHEMA_VERSION
