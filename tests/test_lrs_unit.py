"""Store and forward without a real LRS: the outbox transaction, backoff, answers, secrets.

A scripted fake LRS on loopback (tests/lrs_fakes.py) stands in for the network; the tests
against a real Ralph are in test_lrs_ralph.py.
"""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from lrs_fakes import FakeLrs

from engine import lrs_config, outbox
from engine.library import Library
from engine.loader import load_library
from engine.lrs_client import LrsClient
from engine.lrs_sender import Backoff, same_statement, send_waiting
from engine.play import Play
from engine.records import Records
from engine.records_db import SCHEMA, SCHEMA_VERSION
from engine.xapi import export_statements
from engine.xapi_check import problems

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SECRET = "sangat-rahasia-42"


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([FIXTURES / "good" / "mini.yaml", FIXTURES / "boundary" / "batas.yaml"])


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("BERAKHLAK_CONFIG_DIR", str(folder))
    monkeypatch.delenv("BERAKHLAK_LRS_PASSWORD", raising=False)
    return folder


def set_lrs(endpoint: str = "http://127.0.0.1:9/xAPI/") -> lrs_config.LrsSettings:
    settings = lrs_config.LrsSettings(endpoint, "guru", SECRET)
    lrs_config.save(settings)
    return settings


def play_two(records: Records, lib: Library) -> None:
    ani = records.player("Ani", nip="199001012015011001", group="G1")
    play = Play.begin(lib, "mini", records=records, player=ani, seed=None)
    play.choose(1)
    play.choose(0)
    kelas = records.player("Kelas A", group="G1")
    play = Play.begin(lib, "batas", records=records, player=kelas, mode="classroom", seed=None)
    play.choose(1, votes=[9, 9])


def rows(records: Records) -> list[sqlite3.Row]:
    return records.conn.execute("SELECT * FROM outbox ORDER BY id").fetchall()


# -- the queue ------------------------------------------------------------------------------


def test_nothing_is_queued_without_an_lrs(tmp_path: Path, lib: Library) -> None:
    with Records.open(tmp_path / "data") as records:
        assert records.xapi_base is None
        play_two(records, lib)
        assert rows(records) == []


def test_queued_statements_are_the_exports(tmp_path: Path, lib: Library) -> None:
    set_lrs()
    with Records.open(tmp_path / "data") as records:
        play_two(records, lib)
        queued = [json.loads(r["body"]) for r in rows(records)]
        exported = export_statements(records, lib)
        assert all(r["status"] == "waiting" for r in rows(records))
    assert {s["id"]: s for s in queued} == {s["id"]: s for s in exported}
    assert len(queued) == 2 + 3 + 1  # two starts, three answers, one completion
    votes = [s for s in queued if "votes" in json.dumps(s.get("result", {}))]
    assert [v["result"]["extensions"][k] for v in votes for k in v["result"]["extensions"]
            if k.endswith("/votes")] == [{"0": 9, "1": 9}]  # fmt: skip
    assert all(problems(s) == [] for s in queued)


def test_a_decision_and_its_statements_commit_or_roll_back_together(
    tmp_path: Path, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_lrs()
    with Records.open(tmp_path / "data") as records:
        ani = records.player("Ani", group="G1")
        play = Play.begin(lib, "mini", records=records, player=ani, seed=None)
        real_queue = outbox.queue

        def failing(conn: sqlite3.Connection, *args: object) -> int:
            real_queue(conn, *args)  # type: ignore[arg-type]  (rows written, then the failure)
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(outbox, "queue", failing)
        play.choose(1)
        assert play.save_error == "disk-full"
        assert records.decisions(play.session_id) == []  # the decision rolled back too
        assert len(rows(records)) == 1  # only the start, from before
        monkeypatch.setattr(outbox, "queue", real_queue)
        play.choose(0)  # the waiting decision and the new one are written, with statements
        assert play.saving
        assert [d.step for d in records.decisions(play.session_id)] == [1, 2]
        assert len(rows(records)) == 1 + 2 + 1


def test_backfill_queues_earlier_plays_once(tmp_path: Path, lib: Library) -> None:
    with Records.open(tmp_path / "data") as records:
        play_two(records, lib)  # no LRS yet: nothing queued
        assert rows(records) == []
    set_lrs()
    with Records.open(tmp_path / "data") as records:
        statements = export_statements(records, lib)
        assert outbox.backfill(records, statements) == len(statements) == 6
        assert outbox.backfill(records, statements) == 0
        assert {r["statement_id"] for r in rows(records)} == {s["id"] for s in statements}


def test_an_invalid_statement_is_kept_and_never_sent(tmp_path: Path, lib: Library) -> None:
    lrs = FakeLrs()
    try:
        settings = set_lrs(lrs.endpoint)
        with Records.open(tmp_path / "data") as records:
            bad = [{"id": "not-a-uuid", "actor": {}, "verb": {"id": "answered"}, "object": {}}]
            records._write(lambda: outbox.queue(records.conn, "x", bad, records.clock()))
            play_two(records, lib)
            result = send_waiting(records.conn, LrsClient(settings))
            assert result.sent == 6 and not result.failure
            (row,) = [r for r in rows(records) if r["status"] == "invalid"]
            assert "id: not a lower-case UUID" in row["reason"]
            assert "verb.id: not an absolute IRI" in row["reason"]
        assert "not-a-uuid" not in json.dumps(lrs.posts)
    finally:
        lrs.close()


def test_migration_from_schema_2_adds_the_outbox(tmp_path: Path) -> None:
    path = tmp_path / "records.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    old = SCHEMA.split("CREATE TABLE outbox")[0]
    conn.executescript(old + "INSERT INTO schema_version VALUES (2);")
    conn.close()
    with Records.open(tmp_path) as records:
        version = records.conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        assert version == SCHEMA_VERSION == 3
        assert rows(records) == []


# -- sending ------------------------------------------------------------------------------


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    backoff = Backoff(base=1.0, cap=30.0, rng=random.Random(7))
    delays = [backoff.next_delay() for _ in range(8)]
    for n, delay in enumerate(delays):
        ceiling = min(30.0, 2**n)
        assert ceiling / 2 <= delay <= ceiling
    assert len({round(d, 6) for d in delays[5:]}) == 3  # jitter: capped, yet not all equal
    backoff.reset()
    assert backoff.next_delay() <= 1.0


def test_an_accepted_batch_is_marked_sent_and_not_sent_again(tmp_path: Path, lib: Library) -> None:
    lrs = FakeLrs()
    try:
        settings = set_lrs(lrs.endpoint)
        with Records.open(tmp_path / "data") as records:
            play_two(records, lib)
            first = send_waiting(records.conn, LrsClient(settings), batch=4)
            again = send_waiting(records.conn, LrsClient(settings), batch=4)
            assert (first.sent, again.sent) == (6, 0)
            assert [len(p) for p in lrs.posts] == [4, 2]
            assert outbox.counts(records.conn)["sent"] == 6
        headers = {k.lower(): v for k, v in lrs.headers[0].items()}
        assert headers["x-experience-api-version"] == "1.0.3"
        assert headers["authorization"].startswith("Basic ")
    finally:
        lrs.close()


def test_409_counts_as_sent_only_for_the_same_statement(tmp_path: Path, lib: Library) -> None:
    lrs = FakeLrs()
    try:
        settings = set_lrs(lrs.endpoint)
        with Records.open(tmp_path / "data") as records:
            play_two(records, lib)
            queued = [json.loads(r["body"]) for r in rows(records)]
            lrs.stored[queued[0]["id"]] = queued[0]  # sent before a crash: same content
            other = dict(queued[1], timestamp="2020-01-01T00:00:00.000Z")
            lrs.stored[other["id"]] = other  # a different statement under our id
            real = lrs.script
            lrs.script = lambda batch: 409 if len(batch) > 1 else None  # batch refused whole
            result = send_waiting(records.conn, LrsClient(settings))
            lrs.script = real
            assert result.sent == 5 and not result.failure
            assert [sid for sid, _ in result.refused] == [queued[1]["id"]]
            assert "different statement" in result.refused[0][1]
            status = {r["statement_id"]: r["status"] for r in rows(records)}
            assert status[queued[0]["id"]] == "sent" and status[queued[1]["id"]] == "refused"
    finally:
        lrs.close()


def test_a_refused_statement_keeps_its_reason_and_is_not_resent(
    tmp_path: Path, lib: Library
) -> None:
    lrs = FakeLrs()
    try:
        settings = set_lrs(lrs.endpoint)
        with Records.open(tmp_path / "data") as records:
            play_two(records, lib)
            target = json.loads(rows(records)[2]["body"])["id"]
            lrs.script = lambda batch: 422 if any(s["id"] == target for s in batch) else None
            result = send_waiting(records.conn, LrsClient(settings))
            assert result.sent == 5 and result.refused == [(target, 'HTTP 422: "scripted 422"')]
            posts = len(lrs.posts)
            assert send_waiting(records.conn, LrsClient(settings)).sent == 0
            assert len(lrs.posts) == posts  # nothing posted: the refused one waits for a person
            assert outbox.problem_rows(records.conn) == [
                (target, "refused", 'HTTP 422: "scripted 422"')
            ]
    finally:
        lrs.close()


def test_a_server_error_leaves_everything_waiting(tmp_path: Path, lib: Library) -> None:
    lrs = FakeLrs(lambda batch: 500)
    try:
        settings = set_lrs(lrs.endpoint)
        with Records.open(tmp_path / "data") as records:
            play_two(records, lib)
            result = send_waiting(records.conn, LrsClient(settings))
            assert result.sent == 0 and result.failure.startswith("HTTP 500")
            assert outbox.counts(records.conn)["waiting"] == 6
    finally:
        lrs.close()


def test_a_statement_the_lrs_chokes_on_does_not_hold_up_the_others(
    tmp_path: Path, lib: Library
) -> None:
    lrs = FakeLrs()
    try:
        settings = set_lrs(lrs.endpoint)
        with Records.open(tmp_path / "data") as records:
            play_two(records, lib)
            culprit = json.loads(rows(records)[2]["body"])["id"]
            lrs.script = lambda batch: 500 if any(s["id"] == culprit for s in batch) else None
            for _ in range(4):  # the sender's passes, each after a backoff
                send_waiting(records.conn, LrsClient(settings), batch=4)
            waiting = [r["statement_id"] for r in rows(records) if r["status"] == "waiting"]
            assert waiting == [culprit]
            assert len(lrs.stored) == 5
    finally:
        lrs.close()


def test_same_statement_ignores_what_the_lrs_adds() -> None:
    sent = {"id": "x", "timestamp": "2025-05-01T09:30:00.000Z", "result": {"completion": True}}
    stored = {**sent, "timestamp": "2025-05-01T09:30:00+00:00", "stored": "now", "version": "1"}
    assert same_statement(sent, stored)
    assert not same_statement(sent, {**stored, "timestamp": "2025-05-01T09:30:01+00:00"})
    assert not same_statement(sent, {**stored, "result": {"completion": 1}})


# -- the client checker ---------------------------------------------------------------------


def good_statement() -> dict:
    return {
        "id": "6c4a7e2e-6c4f-4c5e-9f5e-1f2d3c4b5a69",
        "actor": {"name": "Ani", "account": {"homePage": "https://x.example", "name": "1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "a"}},
        "object": {"objectType": "Activity", "id": "https://x.example/a"},
        "result": {"score": {"scaled": 0.5}, "extensions": {"https://x.example/e": 1}},
        "timestamp": "2025-05-01T09:30:00.000Z",
        "version": "1.0.3",
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "6C4A7E2E-6C4F-4C5E-9F5E-1F2D3C4B5A69"}, "id: not a lower-case UUID"),
        ({"verb": {"id": "answered"}}, "verb.id: not an absolute IRI"),
        ({"object": {"id": "a b"}}, "object.id: not an absolute IRI"),
        ({"result": {"score": {"scaled": 1.5}}}, "scaled: outside -1..1"),
        ({"result": {"extensions": {"day": 1}}}, "result.extensions key 'day'"),
        ({"timestamp": "2025-05-01 09:30"}, "timestamp: not ISO 8601"),
        ({"timestamp": "2025-02-30T09:30:00Z"}, "timestamp: not ISO 8601"),
        ({"version": "2.0.0"}, "version: not 1.0.3"),
        ({"colour": "red"}, "unknown keys"),
        ({"actor": {"mbox": "ani@x.example"}}, "actor.mbox: not mailto:"),
        ({"actor": {"name": "Ani"}}, "needs exactly one identifier"),
        ({"context": {"registration": "nope"}}, "context.registration: UUID"),
    ],
)
def test_the_checker_refuses(change: dict, message: str) -> None:
    assert problems(good_statement()) == []
    found = problems({**good_statement(), **change})
    assert any(message in p for p in found), found


# -- secrets --------------------------------------------------------------------------------


def cli(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, env=env, input=stdin, timeout=120,
    )  # fmt: skip


def test_the_password_never_shows(tmp_path: Path, config: Path, lib: Library) -> None:
    import os

    lrs = FakeLrs()
    try:
        env = {**os.environ, "BERAKHLAK_CONFIG_DIR": str(config),
               "BERAKHLAK_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
        setting = cli("lrs", "set", lrs.endpoint, "--user", "guru",
                      env={**env, "BERAKHLAK_LRS_PASSWORD": SECRET})  # fmt: skip
        assert setting.returncode == 0, setting.stderr
        stat = (config / "lrs.json").stat()
        assert oct(stat.st_mode & 0o777) == "0o600"
        assert lrs_config.load().password == SECRET  # type: ignore[union-attr]
        with Records.open(tmp_path / "data") as records:
            play_two(records, lib)
        outputs = [setting, cli("lrs", "show", env=env), cli("sync", "--dry-run", env=env)]
        outputs.append(cli("sync", env=env))
        outputs.append(cli("export", "--xapi", str(tmp_path / "x.json"), env=env))
        outputs.append(cli("report", "--lrs", "--no-chart", "--out", str(tmp_path / "r"),
                           env=env))  # fmt: skip
        assert outputs[3].returncode == 0, outputs[3].stderr
        assert "********" in outputs[1].stdout
        assert "would send 6 statement(s)" in outputs[2].stdout
        assert len(lrs.stored) == 6
        assert outputs[5].returncode == 0, outputs[5].stderr
        texts = [o.stdout + o.stderr for o in outputs]
        texts += [p.read_text() for p in tmp_path.rglob("*") if p.is_file() and
                  p.suffix in (".json", ".csv") and p.parent != config]  # fmt: skip
        texts.append(repr(lrs_config.load()) + repr(LrsClient(lrs_config.load())))  # type: ignore[arg-type]
        assert not any(SECRET in t for t in texts)
        with Records.open(tmp_path / "data") as records:
            bodies = " ".join(r["body"] for r in rows(records))
        assert SECRET not in bodies
    finally:
        lrs.close()


def test_the_text_player_never_waits_on_a_slow_lrs(tmp_path: Path, config: Path) -> None:
    import os
    import time

    lrs = FakeLrs(lambda batch: time.sleep(20) or 500)  # answers after 20 s
    try:
        set_lrs(lrs.endpoint)
        env = {**os.environ, "BERAKHLAK_CONFIG_DIR": str(config),
               "BERAKHLAK_DATA_DIR": str(tmp_path / "data")}  # fmt: skip
        start = time.monotonic()
        done = cli("play", "--text", "gratifikasi", "--player", "Sari", "--order", "file",
                   env=env, stdin="1\n" * 12)  # fmt: skip
        elapsed = time.monotonic() - start
        assert done.returncode == 0, done.stderr
        assert "statement(s) wait for the LRS" in done.stderr
        assert elapsed < 15, elapsed
        with Records.open(tmp_path / "data") as records:
            counts = outbox.counts(records.conn)
        assert counts["waiting"] >= 6 and counts["sent"] == 0
    finally:
        lrs.close()


def test_lrs_set_refuses_a_password_in_the_url(config: Path) -> None:
    import os

    env = {**os.environ, "BERAKHLAK_CONFIG_DIR": str(config), "BERAKHLAK_LRS_PASSWORD": "p"}
    done = cli("lrs", "set", "http://guru:p@127.0.0.1/xAPI/", "--user", "guru", env=env)
    assert done.returncode == 2 and "not in the URL" in done.stderr
    assert not (config / "lrs.json").exists()
    cleared = cli("lrs", "clear", env=env)
    assert cleared.returncode == 0 and "no LRS was set" in cleared.stdout
