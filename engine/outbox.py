"""Store and forward: xAPI statements wait in the records' ``outbox`` table until an LRS has them.

Queued in the same transaction as the decision they describe (engine/records.py calls
:func:`queue_start` and :func:`queue_decisions` inside its write), so a killed game never
has a decision without its statements, nor statements without their decision. A statement
is checked (engine/xapi_check.py) as it is queued: one that breaks a rule is kept as
``invalid`` with the reasons and never sent. The sender (engine/lrs_sender.py) moves rows to
``sent`` only after the LRS accepted them, or to ``refused`` with the LRS's reason.

Statement ids are the export's (UUID v5 of the session, kind and step), so a statement sent
twice after a crash is the same statement, which an LRS stores once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from engine import lrs_config
from engine.xapi import answer_statement, end_statement, start_statement
from engine.xapi_check import problems

if TYPE_CHECKING:
    from engine.library import Story
    from engine.records import Records

Status = Literal["waiting", "sent", "refused", "invalid"]
MAX_REASON = 500


@dataclass(frozen=True)
class OutboxRow:
    """One queued statement: its row id, statement id and JSON body."""

    row_id: int
    statement_id: str
    body: str
    attempts: int

    def statement(self) -> dict[str, Any]:
        return json.loads(self.body)


def configured_base() -> str | None:
    """The IRI base when an LRS is configured (statements are queued), else None.

    A settings file that cannot be read counts as configured with its file's problem left to
    ``lrs show`` and the sender: queuing costs little, and losing statements costs more.
    """
    try:
        settings = lrs_config.load()
    except lrs_config.LrsConfigError:
        from engine.xapi import DEFAULT_IRI_BASE

        return DEFAULT_IRI_BASE
    return settings.iri_base if settings is not None else None


def encode(statement: dict[str, Any]) -> str:
    """One canonical JSON text per statement (sorted keys: the same statement, the same text)."""
    return json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def queue(
    conn: sqlite3.Connection, session_uid: str, statements: Sequence[dict[str, Any]], now: str
) -> int:
    """Add statements (inside the caller's transaction); an id already queued is left alone.

    Returns how many were new. A statement that breaks the xAPI rules is stored as ``invalid``.
    """
    rows = []
    for statement in statements:
        found = problems(statement)
        rows.append(
            (
                str(statement.get("id", "")),
                session_uid,
                encode(statement),
                "invalid" if found else "waiting",
                "; ".join(found)[:MAX_REASON] if found else None,
                now,
            )
        )
    before = conn.total_changes
    conn.executemany(
        "INSERT INTO outbox (statement_id, session_uid, body, status, reason, queued_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO NOTHING",
        rows,
    )
    return conn.total_changes - before


def queue_start(records: Records, session_id: int, story: Story | None) -> None:
    """The ``experienced`` statement of a new session (called inside its insert)."""
    base, record = records.xapi_base, records.session(session_id)
    if base and record is not None:
        queue(records.conn, record.uid, [start_statement(base, record, story)], records.clock())


def queue_decisions(
    records: Records,
    session_id: int,
    story: Story | None,
    steps: Sequence[int],
    ending: str | None,
) -> None:
    """``answered`` for each new step, and ``completed`` when the session just ended."""
    base, record = records.xapi_base, records.session(session_id)
    if not base or record is None:
        return
    wanted = set(steps)
    statements = [
        answer_statement(base, record, story, d)
        for d in records.decisions(session_id)
        if d.step in wanted
    ]
    if ending is not None and record.finished_at is not None:
        statements.append(end_statement(base, record, story))
    if statements:
        queue(records.conn, record.uid, statements, records.clock())


def backfill(records: Records, statements: Sequence[dict[str, Any]]) -> int:
    """Queue statements of earlier plays (e.g. from before an LRS was set); returns new rows."""
    added = 0

    def write() -> None:
        nonlocal added
        for statement in statements:
            uid = str(statement.get("context", {}).get("registration", ""))
            added += queue(records.conn, uid, [statement], records.clock())

    records._write(write)
    return added


# -- reading and marking (the sender's side) -------------------------------------------------


def waiting_rows(conn: sqlite3.Connection, limit: int) -> list[OutboxRow]:
    rows = conn.execute(
        "SELECT id, statement_id, body, attempts FROM outbox WHERE status = 'waiting' "
        "ORDER BY attempts, id LIMIT ?",  # what failed often waits behind what has not
        (limit,),
    )
    return [OutboxRow(*row) for row in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows by status (every status present, 0 when none)."""
    out = dict.fromkeys(("waiting", "sent", "refused", "invalid"), 0)
    for status, n in conn.execute("SELECT status, count(*) FROM outbox GROUP BY status"):
        out[status] = n
    return out


def waiting_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox WHERE status = 'waiting'").fetchone()[0])


def problem_rows(conn: sqlite3.Connection) -> list[tuple[str, Status, str]]:
    """Statements that will not be sent: (statement id, refused or invalid, reason)."""
    rows = conn.execute(
        "SELECT statement_id, status, coalesce(reason, '') FROM outbox "
        "WHERE status IN ('refused', 'invalid') ORDER BY id"
    )
    return [(r[0], r[1], r[2]) for r in rows]


def _update(conn: sqlite3.Connection, sql: str, params: Sequence[Sequence[object]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(sql, params)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def mark_sent(conn: sqlite3.Connection, row_ids: Sequence[int], now: str) -> None:
    _update(
        conn,
        "UPDATE outbox SET status = 'sent', sent_at = ?, reason = NULL, "
        "attempts = attempts + 1 WHERE id = ? AND status = 'waiting'",
        [(now, i) for i in row_ids],
    )


def mark(conn: sqlite3.Connection, marks: Sequence[tuple[int, Status, str]]) -> None:
    """Set ``refused`` or ``invalid`` (row id, status, reason): kept, never sent again."""
    _update(
        conn,
        "UPDATE outbox SET status = ?, reason = ?, attempts = attempts + 1 "
        "WHERE id = ? AND status = 'waiting'",
        [(status, reason[:MAX_REASON], i) for i, status, reason in marks],
    )


def count_attempt(conn: sqlite3.Connection, row_ids: Sequence[int]) -> None:
    _update(conn, "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", [(i,) for i in row_ids])


def retry_refused(conn: sqlite3.Connection) -> int:
    """Put refused statements back in the queue (after the LRS was fixed); returns how many."""
    before = conn.total_changes
    _update(conn, "UPDATE outbox SET status = 'waiting' WHERE status = 'refused' AND ?", [(1,)])
    return conn.total_changes - before
