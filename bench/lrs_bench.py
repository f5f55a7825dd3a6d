"""LRS figures against a real Ralph (fs backend): pushing the outbox, and ``report --lrs``.

Optional: when Ralph's venv is not there (the LRS tests make it, or set
``BERAKHLAK_RALPH_VENV``), no row is made and the reason is printed; nothing is faked.
Each push runs against a fresh Ralph, because the fs backend reads its whole file to check
for duplicates, so a fuller file is slower for whoever comes second.

    python -m bench --only lrs
"""

from __future__ import annotations

import dataclasses
import json
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from bench import ralph_server
from bench.engine_bench import Row
from engine import lrs_config, outbox
from engine.library import Library
from engine.loader import load_library
from engine.lrs_client import LrsClient
from engine.lrs_report import build_lrs_report, sessions_from_statements
from engine.lrs_sender import send_waiting
from engine.record_types import DecisionRecord, PlayerRecord, SessionRecord
from engine.records import Records
from engine.report import assemble
from engine.session import Session
from engine.xapi import DEFAULT_IRI_BASE, answer_statement, end_statement, start_statement

PUSH_STATEMENTS = 3_000
REPORT_STATEMENTS = 10_000
BATCH = 50
PUSH_TARGET = 200.0  # statements/s: a day offline of a class of 40 (about 3,000) in 15 s
REPORT_TARGET_S = 30.0


def cohort(library: Library, count: int, seed: int = 1) -> list[dict[str, Any]]:
    """At least ``count`` statements of random plays over the shipped scenarios."""
    rng = random.Random(seed)
    stories = sorted(library.stories)
    out: list[dict[str, Any]] = []
    base = DEFAULT_IRI_BASE
    n = 0
    while len(out) < count:
        n += 1
        story = library.stories[stories[n % len(stories)]]
        session = Session(library, story.id, None)
        player = PlayerRecord(n, str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                              f"Peserta {n}", None, f"G{n % 7}")  # fmt: skip
        minute = dt_text(n)
        record = SessionRecord(
            n, str(uuid.UUID(int=rng.getrandbits(128), version=4)), player, story.id,
            story.scenario.version, "individual", None, minute, minute, None, None, None, "",
        )  # fmt: skip
        out.append(start_statement(base, record, story))
        step = 0
        while not session.finished:
            choices = session.view().choices
            session.choose(rng.randrange(len(choices)))
            step += 1
            d = session.history[-1]
            decision = DecisionRecord(step, n, step, d.node, d.choice, d.day, minute, None)
            out.append(answer_statement(base, record, story, decision))
        done = dataclasses.replace(
            record, finished_at=minute, ending=session.ending, scores=dict(session.scores)
        )
        out.append(end_statement(base, done, story))
    return out


def dt_text(n: int) -> str:
    seconds = 1_767_000_000 + n * 60
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(seconds))


def _raw_push(ralph: ralph_server.Ralph, bodies: list[str]) -> float:
    """Baseline: the same JSON texts POSTed in batches with bare urllib (no queue, no checks)."""
    settings = lrs_config.LrsSettings(ralph.endpoint, ralph_server.USER, ralph_server.PASSWORD)
    client = LrsClient(settings)
    start = time.perf_counter()
    for i in range(0, len(bodies), BATCH):
        answer = client.post_encoded(bodies[i : i + BATCH])
        assert answer.status in (200, 204), answer.reason()
    return time.perf_counter() - start


def _outbox_push(ralph: ralph_server.Ralph, statements: list[dict], folder: Path) -> float:
    """Ours: queued in a records file, then sent by the sender's loop (checks, marks)."""
    settings = lrs_config.LrsSettings(ralph.endpoint, ralph_server.USER, ralph_server.PASSWORD)
    with Records.open(folder) as records:
        outbox.backfill(records, statements)
        start = time.perf_counter()
        result = send_waiting(records.conn, LrsClient(settings), BATCH)
        elapsed = time.perf_counter() - start
        assert result.sent == len(statements) and not result.failure, result.failure
    return elapsed


def lrs_rows() -> list[Row]:
    venv = ralph_server.venv_dir()
    if not (venv / ralph_server.STAMP).exists():
        print(f"LRS rows skipped: Ralph is not installed in {venv} (run the lrs tests once)")
        return []
    library = load_library()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        statements = cohort(library, PUSH_STATEMENTS)
        fresh = [{**s, "id": str(uuid.uuid4())} for s in statements]
        servers = []
        try:
            raw_lrs = ralph_server.start(folder / "raw")
            servers.append(raw_lrs)
            raw = _raw_push(raw_lrs, [outbox.encode(s) for s in fresh])
            ours_lrs = ralph_server.start(folder / "ours")
            servers.append(ours_lrs)
            ours = _outbox_push(ours_lrs, statements, folder / "records")
            rate, raw_rate = len(statements) / ours, len(statements) / raw
            name = f"LRS push: {len(statements)} statements, batches of {BATCH} (Ralph fs)"
            met = rate >= PUSH_TARGET
            row = Row(name, rate, "stmt/s", f">= {PUSH_TARGET:g}", met, "bare POSTs", raw_rate)
            rows.append(row)
            big = cohort(library, REPORT_STATEMENTS, seed=2)
            pages = {"RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "500"}  # Ralph's default: 100
            report_lrs = ralph_server.start(folder / "report", settings=pages)
            servers.append(report_lrs)
            _raw_push(report_lrs, [outbox.encode(s) for s in big])
            settings = lrs_config.LrsSettings(
                report_lrs.endpoint, ralph_server.USER, ralph_server.PASSWORD
            )
            start = time.perf_counter()
            report = build_lrs_report(settings, library)
            remote = time.perf_counter() - start
            copy = json.loads(json.dumps(big))  # as read back, outside the timing
            start = time.perf_counter()
            sessions, decisions = sessions_from_statements(copy, DEFAULT_IRI_BASE)
            assemble(library, sessions, decisions, {})
            local = time.perf_counter() - start
            read = sum(len(v) for v in report.decisions.values()) + 2 * len(report.sessions)
            assert read == len(big), f"read {read} of {len(big)} statements back"
            name = f"report --lrs: {len(big)} statements (Ralph fs, pages of 500)"
            target, met = f"<= {REPORT_TARGET_S:g} s", remote <= REPORT_TARGET_S
            rows.append(Row(name, remote, "s", target, met, "same, statements in memory", local))
        except ralph_server.RalphUnavailable as exc:
            print(f"LRS rows skipped: {exc}")
        finally:
            for server in servers:
                server.stop()
    return rows
