"""Store and forward against a real LRS: Ralph (ralph-malph 5.1.0, fs backend) on 127.0.0.1.

Ralph runs in its own venv (made on first use, needs PyPI; see bench/ralph_server.py), once
per test session; each test has its own records and group, so their statements never mix.
The faults (LRS down, a 500, a connection cut before or after Ralph stored a batch, the game
killed with a batch in flight) go through a fault-injecting proxy (tests/lrs_fakes.py); after
each, every statement must be in Ralph exactly once, and equal to what was queued.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lrs_fakes import FaultProxy

from bench import ralph_server
from engine import lrs_config, outbox
from engine.library import Library
from engine.loader import load_library
from engine.lrs_client import LrsClient
from engine.lrs_report import build_lrs_report
from engine.lrs_sender import Backoff, Sender, same_statement
from engine.play import Play
from engine.records import Records
from engine.report import build_report, decision_rows, session_rows, summarise
from engine.xapi_check import problems

pytestmark = [pytest.mark.lrs, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ralph_server.Ralph]:
    try:
        server = ralph_server.start(tmp_path_factory.mktemp("ralph"))
    except ralph_server.RalphUnavailable as exc:
        pytest.fail(f"a real Ralph is needed for these tests: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([FIXTURES / "good" / "mini.yaml", FIXTURES / "boundary" / "batas.yaml"])


def ticking(start: str = "2026-03-02T08:00:00") -> Callable[[], str]:
    """A records clock one second apart per call: sessions sort the same everywhere."""
    now = [dt.datetime.fromisoformat(start).replace(tzinfo=dt.timezone.utc)]

    def clock() -> str:
        now[0] += dt.timedelta(seconds=1)
        return now[0].isoformat(timespec="milliseconds").replace("+00:00", "Z")

    return clock


def configure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, endpoint: str
) -> lrs_config.LrsSettings:
    monkeypatch.setenv("BERAKHLAK_CONFIG_DIR", str(tmp_path / "config"))
    settings = lrs_config.LrsSettings(endpoint, ralph_server.USER, ralph_server.PASSWORD)
    lrs_config.save(settings)
    return settings


def play_cohort(records: Records, lib: Library, group: str) -> None:
    """Individual plays (one with NIP, one in a programme), a class with votes, one unfinished."""
    ani = records.player("Ani", nip="199001012015011001", group=group)
    budi = records.player("Budi", group=group)
    play = Play.begin(lib, "mini", records=records, player=ani, seed=None)
    play.choose(1)
    play.choose(0)
    play = Play.begin(
        lib, "batas", records=records, player=budi, programme_id="orientasi", seed=None
    )
    play.choose(1)
    play.choose(0)
    kelas = records.player("Kelas A", group=group)
    play = Play.begin(lib, "batas", records=records, player=kelas, mode="classroom", seed=None)
    play.choose(1, votes=[9, 9])
    play.choose(0, votes=[30])
    play = Play.begin(lib, "mini", records=records, player=budi, seed=None)
    play.choose(0)


def queued(records: Records) -> dict[str, dict]:
    rows = records.conn.execute("SELECT body FROM outbox ORDER BY id")
    return {s["id"]: s for s in (json.loads(r[0]) for r in rows)}


def wait_until(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def assert_exactly_once(
    ralph: ralph_server.Ralph, ours: dict[str, dict], settings: lrs_config.LrsSettings
) -> None:
    """Each of our statements is stored once in Ralph's file, and reads back the same."""
    stored = Counter(s["id"] for s in ralph.stored())
    assert {i: stored[i] for i in ours} == dict.fromkeys(ours, 1)
    direct = lrs_config.LrsSettings(ralph.endpoint, settings.user, settings.password)
    client = LrsClient(direct)  # not through a proxy that may be closed by now
    for statement_id, statement in ours.items():
        back = client.statement(statement_id)
        assert back is not None and same_statement(statement, back), statement_id


def sender(settings: lrs_config.LrsSettings, records: Records, batch: int = 50) -> Sender:
    return Sender(
        settings, records.path, batch=batch, poll=0.05, backoff=Backoff(base=0.1, cap=0.5)
    ).start()


def test_a_cohort_arrives_once_reads_back_equal_and_reports_the_same(
    ralph: ralph_server.Ralph, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = configure(monkeypatch, tmp_path, ralph.endpoint)
    with Records.open(tmp_path / "data", clock=ticking()) as records:
        play_cohort(records, lib, "LRS-COHORT")
        ours = queued(records)
        assert len(ours) == 4 + 7 + 3  # starts, answers, completions
        running = sender(settings, records, batch=4)
        wait_until(lambda: outbox.counts(records.conn)["sent"] == len(ours))
        running.stop()
        assert running.waiting() == 0 and running.sent == len(ours)
        assert_exactly_once(ralph, ours, settings)
        local = build_report(records, lib, group="LRS-COHORT")
        programme = build_report(records, lib, group="LRS-COHORT", programme="orientasi")
    remote = build_lrs_report(settings, lib, group="LRS-COHORT")
    assert session_rows(remote) == session_rows(local)
    assert decision_rows(remote, lib) == decision_rows(local, lib)
    assert remote.profile == local.profile
    assert remote.distribution == local.distribution
    assert summarise(remote) == summarise(local)
    remote_programme = build_lrs_report(settings, lib, group="LRS-COHORT", programme="orientasi")

    def unnumbered(report: object) -> list[dict]:  # the LRS numbers its sessions from 1
        return [{**r, "session_id": 0} for r in session_rows(report)]  # type: ignore[arg-type]

    assert unnumbered(remote_programme) == unnumbered(programme)
    assert len(programme.sessions) == 1


def test_every_statement_sent_passes_ralphs_strict_model(
    ralph: ralph_server.Ralph, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = configure(monkeypatch, tmp_path, ralph.endpoint)
    with Records.open(tmp_path / "data", clock=ticking()) as records:
        play_cohort(records, lib, "LRS-STRICT")
        ours = queued(records)
        running = sender(settings, records)
        wait_until(lambda: running.waiting() == 0 and running.sent == len(ours))
        running.stop()
    assert all(problems(s) == [] for s in ours.values())
    sent = tmp_path / "sent.json"
    sent.write_text(json.dumps(list(ours.values())), encoding="utf-8")
    code = (
        "import json, sys\n"
        "from ralph.models.xapi.base.statements import BaseXapiStatement\n"
        "bad = []\n"
        "for s in json.load(open(sys.argv[1])):\n"
        "    try:\n"
        "        BaseXapiStatement.model_validate(s)\n"
        "    except Exception as exc:\n"
        "        bad.append(f\"{s.get('id')}: {exc}\")\n"
        "print(json.dumps(bad))\n"
    )
    done = subprocess.run(
        [str(ralph.python), "-c", code, str(sent)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    # ...and the strict model does refuse a bad one (the check can fail)
    sent.write_text(json.dumps([{**next(iter(ours.values())), "version": "2.0.0"}]))
    done = subprocess.run(
        [str(ralph.python), "-c", code, str(sent)], capture_output=True, text=True, timeout=120
    )
    assert len(json.loads(done.stdout)) == 1


def test_lrs_down_at_first_and_up_later(
    ralph: ralph_server.Ralph, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = ralph_server.free_port()
    settings = configure(monkeypatch, tmp_path, f"http://127.0.0.1:{port}/xAPI/")
    with Records.open(tmp_path / "data", clock=ticking()) as records:
        running = sender(settings, records, batch=5)
        play_cohort(records, lib, "LRS-DOWN")
        ours = queued(records)
        wait_until(lambda: running.status == "offline" and running.backoff.failures >= 2)
        wait_until(lambda: running.waiting() == len(ours), 5)  # counted while backing off
        assert outbox.counts(records.conn)["sent"] == 0
        proxy = FaultProxy(ralph.port, port=port)
        try:
            wait_until(lambda: outbox.counts(records.conn)["sent"] == len(ours))
        finally:
            running.stop()
            proxy.close()
    assert_exactly_once(ralph, ours, settings)


def test_a_500_for_one_batch_is_retried(
    ralph: ralph_server.Ralph, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = FaultProxy(ralph.port)
    proxy.fail_posts = 1
    settings = configure(monkeypatch, tmp_path, proxy.endpoint)
    try:
        with Records.open(tmp_path / "data", clock=ticking()) as records:
            play_cohort(records, lib, "LRS-500")
            ours = queued(records)
            running = sender(settings, records, batch=3)
            wait_until(lambda: outbox.counts(records.conn)["sent"] == len(ours))
            running.stop()
        assert proxy.faults == ["fail_posts"]
        assert proxy.posts == -(-len(ours) // 3) + 1  # every batch once, the failed one twice
    finally:
        proxy.close()
    assert_exactly_once(ralph, ours, settings)


def test_a_connection_cut_mid_batch_before_or_after_the_lrs_stored_it(
    ralph: ralph_server.Ralph, lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = FaultProxy(ralph.port)
    proxy.cut_before, proxy.cut_after = 1, 1
    settings = configure(monkeypatch, tmp_path, proxy.endpoint)
    try:
        with Records.open(tmp_path / "data", clock=ticking()) as records:
            play_cohort(records, lib, "LRS-CUT")
            ours = queued(records)
            running = sender(settings, records, batch=4)
            wait_until(lambda: outbox.counts(records.conn)["sent"] == len(ours))
            running.stop()
        assert sorted(proxy.faults) == ["cut_after", "cut_before"]
    finally:
        proxy.close()
    assert_exactly_once(ralph, ours, settings)


def test_the_game_killed_with_a_batch_in_flight_loses_and_doubles_nothing(
    ralph: ralph_server.Ralph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = FaultProxy(ralph.port)
    proxy.hold_seconds = 3.0  # Ralph has the batch; the game has no answer yet
    settings = configure(monkeypatch, tmp_path, proxy.endpoint)
    env = {**os.environ, "BERAKHLAK_CONFIG_DIR": str(tmp_path / "config"),
           "BERAKHLAK_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}  # fmt: skip
    game = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "play", "--text", "gratifikasi",
         "--player", "Sari", "--group", "LRS-KILL", "--order", "file"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        text=True,
    )  # fmt: skip
    try:
        assert game.stdin is not None
        for _ in range(2):
            game.stdin.write("1\n")
            game.stdin.flush()
            time.sleep(0.3)
        assert proxy.in_flight.wait(30), "the game's sender never posted"
        game.stdin.write("1\n")
        game.stdin.flush()
        time.sleep(0.5)
        assert game.poll() is None, "the game ended before it could be killed"
        game.send_signal(signal.SIGKILL)
        game.wait(10)
    finally:
        if game.poll() is None:
            game.kill()
    with Records.open(tmp_path / "data") as records:
        ours = queued(records)
        counts = outbox.counts(records.conn)
        (session,) = records.sessions()
        steps = len(records.decisions(session.id))
    assert counts["waiting"] >= 1 and counts["sent"] == 0  # the batch in flight is not marked
    assert len(ours) == 1 + steps and steps >= 3
    time.sleep(proxy.hold_seconds)  # the held batch reaches Ralph's answer, unheard
    proxy.hold_seconds = 0.0
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "sync"], capture_output=True, text=True,
        env=env, timeout=120,
    )  # fmt: skip
    proxy.close()
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"sent {len(ours)} statement(s)" in done.stdout
    assert_exactly_once(ralph, ours, settings)
