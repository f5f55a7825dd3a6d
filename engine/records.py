"""Player records: who played what, every decision as it happens, and resuming after a crash.

The database side of a play (engine/play.py drives it)::

    records = Records.open()                    # RecordsError -> offer Records.open(recover=True)
    player = records.player("Ani", nip="1990...", group="LATSAR-7")    # find or create
    saved = records.unfinished(player.id)       # offer to resume? (any player: no argument)
    play = Play.resume(library, records, saved) if saved else Play.begin(
        library, "gratifikasi", records=records, player=player)

Every decision, its votes, the session's JSON state and (at the end) its ending and scores
are written in one transaction (:func:`write_decisions`), so a killed game loses nothing that
was on screen, and a resumed game continues the same row rather than starting a copy.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine import outbox
from engine.library import Library, Story
from engine.paths import data_dir
from engine.record_types import (
    DecisionRecord,
    Mode,
    PlayerRecord,
    SessionRecord,
    VoteRecord,
    player_from_row,
    session_from_row,
)
from engine.records_db import DB_NAME, RecordsError, open_database, utc_now
from engine.session import SaveError

if TYPE_CHECKING:
    from engine.play import Play

__all__ = [
    "DecisionRecord",
    "PendingDecision",
    "PlayerRecord",
    "Records",
    "RecordsError",
    "SaveError",
    "SessionRecord",
    "VoteRecord",
    "data_dir",
    "leaders",
]


def leaders(hands: Sequence[int]) -> list[int]:
    """Positions holding the most hands: one is a clear majority, several are a tie."""
    if not hands:
        return []
    top = max(hands)
    return [i for i, n in enumerate(hands) if n == top]


class Records:
    """The records database. One instance per process; not shared between threads."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, clock: Callable[[], str] = utc_now
    ) -> None:
        self.conn, self.path, self.clock = conn, path, clock
        self.backup: Path | None = None  # set when a bad file was moved aside on open
        # The base of xAPI IRIs when an LRS is configured: each write then queues its
        # statements in the outbox, in the same transaction (engine/outbox.py). None: no LRS.
        self.xapi_base: str | None = None

    @classmethod
    def open(
        cls,
        directory: str | Path | None = None,
        *,
        create: bool = True,
        recover: bool = False,
        readonly: bool = False,
        clock: Callable[[], str] = utc_now,
    ) -> Records:
        """Open the records in ``directory`` (default: :func:`data_dir`).

        Raises RecordsError for a damaged or newer file; ``recover=True`` moves it aside as
        ``records.sqlite3.<time>.bak`` (see ``.backup``) and starts a fresh file. A locked
        or read-only file is never moved. ``readonly`` (report, export) writes nothing.
        """
        path = data_dir(directory) / DB_NAME
        conn, backup = open_database(path, create=create, recover=recover, readonly=readonly)
        records = cls(conn, path, clock)
        records.backup = backup
        records.xapi_base = outbox.configured_base()
        return records

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Records:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, statements: Callable[[], None]) -> None:
        """Run ``statements`` as one transaction: all of it reaches the disk, or none."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            statements()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- players -----------------------------------------------------------------------------

    def player(self, name: str, nip: str | None = None, group: str | None = None) -> PlayerRecord:
        """The player with this name, NIP and group, created on first use."""
        name = name.strip()
        if not name:
            raise ValueError("a player needs a name")
        nip = (nip or "").strip() or None
        group = (group or "").strip() or None
        found = self.conn.execute(
            "SELECT * FROM players WHERE name = ? AND nip IS ? AND group_code IS ?",
            (name, nip, group),
        ).fetchone()
        if found is None:
            self._write(
                lambda: self.conn.execute(
                    "INSERT INTO players (uid, name, nip, group_code, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (str(uuid.uuid4()), name, nip, group, self.clock()),
                )
            )
            return self.player(name, nip, group)
        return player_from_row(found)

    def players(self, group: str | None = None) -> list[PlayerRecord]:
        rows = self.conn.execute(
            "SELECT * FROM players WHERE ? IS NULL OR group_code = ? ORDER BY name, id",
            (group, group),
        )
        return [player_from_row(r) for r in rows]

    def groups(self) -> list[str]:
        """Group codes seen so far, for the report screen's picker."""
        rows = self.conn.execute(
            "SELECT DISTINCT group_code FROM players WHERE group_code IS NOT NULL ORDER BY 1"
        )
        return [r[0] for r in rows]

    # -- sessions ----------------------------------------------------------------------------

    def create_session(
        self,
        player: PlayerRecord,
        story: Story,
        mode: Mode,
        programme_id: str | None,
        state: str,
    ) -> int:
        """Insert the row of a new play-through; returns its id."""
        if mode not in ("individual", "classroom"):
            raise ValueError(f"mode must be individual or classroom, not {mode!r}")
        now = self.clock()
        cursor: list[int] = []

        def insert() -> None:
            cur = self.conn.execute(
                "INSERT INTO sessions (uid, player_id, scenario_id, scenario_version, mode, "
                "programme_id, started_at, updated_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    player.id,
                    story.id,
                    story.scenario.version,
                    mode,
                    programme_id,
                    now,
                    now,
                    state,
                ),
            )
            cursor.append(int(cur.lastrowid or 0))
            if self.xapi_base:
                outbox.queue_start(self, cursor[0], story)

        self._write(insert)
        return cursor[0]

    def begin(
        self,
        library: Library,
        story: Story | str,
        player: PlayerRecord,
        mode: Mode = "individual",
        programme_id: str | None = None,
        seed: int | None = None,
    ) -> Play:
        """A new recorded play (see :class:`engine.play.Play`); ``seed`` None: file order."""
        from engine.play import Play

        return Play.begin(
            library, story, records=self, player=player, mode=mode,
            programme_id=programme_id, seed=seed,
        )  # fmt: skip

    def unfinished(self, player_id: int | None = None) -> SessionRecord | None:
        """The most recently active unfinished session (of one player, or anyone's)."""
        rows = self._sessions(
            "s.finished_at IS NULL AND s.abandoned = 0 AND (? IS NULL OR s.player_id = ?)",
            (player_id, player_id),
            order="s.updated_at DESC, s.id DESC LIMIT 1",
        )
        return rows[0] if rows else None

    def resume(self, library: Library, saved: SessionRecord) -> Play:
        """Continue ``saved`` exactly where it stopped, in the same row.

        Raises SaveError when the scenario changed or is gone; offer :meth:`abandon` then.
        """
        from engine.play import Play

        return Play.resume(library, self, saved)

    def abandon(self, session_id: int) -> None:
        """Stop offering an unfinished session for resume (its decisions stay in the records)."""
        self._write(
            lambda: self.conn.execute(
                "UPDATE sessions SET abandoned = 1 WHERE id = ? AND finished_at IS NULL",
                (session_id,),
            )
        )

    def session(self, session_id: int) -> SessionRecord | None:
        rows = self._sessions("s.id = ?", (session_id,))
        return rows[0] if rows else None

    def sessions(
        self,
        *,
        group: str | None = None,
        scenario: str | None = None,
        since: str | None = None,
        player_id: int | None = None,
        finished: bool | None = None,
    ) -> list[SessionRecord]:
        """Sessions matching every given filter, oldest first; ``since`` is an ISO date/time."""
        where = [
            "(? IS NULL OR p.group_code = ?)",
            "(? IS NULL OR s.scenario_id = ?)",
            "(? IS NULL OR s.started_at >= ?)",
            "(? IS NULL OR s.player_id = ?)",
        ]
        params: list[object] = [group, group, scenario, scenario, since, since]
        params += [player_id, player_id]
        if finished is not None:
            where.append("s.finished_at IS NOT NULL" if finished else "s.finished_at IS NULL")
        return self._sessions(" AND ".join(where), tuple(params))

    def _sessions(
        self, where: str, params: tuple[object, ...], order: str = "s.started_at, s.id"
    ) -> list[SessionRecord]:
        rows = self.conn.execute(
            "SELECT s.*, p.uid AS p_uid, p.name AS p_name, p.nip AS p_nip, "
            "p.group_code AS p_group FROM sessions s JOIN players p ON p.id = s.player_id "
            f"WHERE {where} ORDER BY {order}",
            params,
        )
        return [session_from_row(r) for r in rows]

    # -- decisions ---------------------------------------------------------------------------

    def decisions(self, session_id: int) -> list[DecisionRecord]:
        rows = self.conn.execute(
            "SELECT * FROM decisions WHERE session_id = ? ORDER BY step", (session_id,)
        ).fetchall()
        votes: dict[int, dict[int, int]] = {}
        ties: dict[int, bool] = {}
        for v in self.conn.execute(
            "SELECT v.* FROM votes v JOIN decisions d ON d.id = v.decision_id "
            "WHERE d.session_id = ? ORDER BY v.choice",
            (session_id,),
        ):
            votes.setdefault(v["decision_id"], {})[v["choice"]] = v["hands"]
            ties[v["decision_id"]] = ties.get(v["decision_id"], False) or bool(v["tie_broken"])
        named: dict[int, list[tuple[str, int]]] = {}
        for v in self.conn.execute(
            "SELECT n.* FROM named_votes n JOIN decisions d ON d.id = n.decision_id "
            "WHERE d.session_id = ? ORDER BY n.rowid",
            (session_id,),
        ):
            named.setdefault(v["decision_id"], []).append((v["name"], v["choice"]))
        return [
            DecisionRecord(
                r["id"],
                r["session_id"],
                r["step"],
                r["node"],
                r["choice"],
                r["day"],
                r["chosen_at"],
                VoteRecord(votes[r["id"]], ties[r["id"]], tuple(named.get(r["id"], ())))
                if r["id"] in votes
                else None,
            )
            for r in rows
        ]


class StepTaken(Exception):
    """Another process already recorded this step of the session (two games on one play)."""


@dataclass(frozen=True)
class PendingDecision:
    """A decision waiting to be written: its step, place, choice, day, time and votes."""

    step: int
    node: str
    choice: int
    day: int
    chosen_at: str
    votes: tuple[tuple[int, int, bool], ...]  # (choice index in node, hands, tie broken)
    named: tuple[tuple[str, int], ...] = ()  # (participant, choice index in node)


def write_decisions(
    records: Records,
    session_id: int,
    pending: Sequence[PendingDecision],
    state: str,
    ending: str | None,
    scores: str | None,
    story: Story | None = None,
) -> None:
    """Write decisions and the session's new state in one transaction.

    With an LRS configured, their xAPI statements (``story`` describes the activities) join
    the outbox in the same transaction: a decision and its statements commit together or not.

    Refuses with :class:`StepTaken` when the first step is not the next one in the file:
    another game is writing the same session, and its steps must not be overwritten.
    """
    conn = records.conn

    def write() -> None:
        row = conn.execute(
            "SELECT coalesce(max(step), 0) FROM decisions WHERE session_id = ?", (session_id,)
        ).fetchone()
        if pending and row[0] != pending[0].step - 1:
            raise StepTaken(f"step {pending[0].step} of session {session_id} is already taken")
        for d in pending:
            cur = conn.execute(
                "INSERT INTO decisions (session_id, step, node, choice, day, chosen_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, d.step, d.node, d.choice, d.day, d.chosen_at),
            )
            conn.executemany(
                "INSERT INTO votes (decision_id, choice, hands, tie_broken) VALUES (?, ?, ?, ?)",
                [(cur.lastrowid, c, n, int(tie)) for c, n, tie in d.votes],
            )
            conn.executemany(
                "INSERT INTO named_votes (decision_id, name, choice) VALUES (?, ?, ?)",
                [(cur.lastrowid, name, c) for name, c in d.named],
            )
        now = pending[-1].chosen_at if pending else records.clock()
        conn.execute(
            "UPDATE sessions SET state = ?, updated_at = ?, finished_at = ?, ending = ?, "
            "scores = ? WHERE id = ?",
            (state, now, now if ending else None, ending, scores, session_id),
        )
        if records.xapi_base:
            outbox.queue_decisions(records, session_id, story, [d.step for d in pending], ending)

    records._write(write)


def update_version(records: Records, session_id: int, version: str, state: str) -> None:
    """After a hot reload kept the place: the row follows the scenario's new version."""
    records._write(
        lambda: records.conn.execute(
            "UPDATE sessions SET scenario_version = ?, state = ?, updated_at = ? WHERE id = ?",
            (version, state, records.clock(), session_id),
        )
    )
