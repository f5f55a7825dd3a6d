"""The background sender: moves the outbox's statements to the LRS, never holding up a play.

The game and the text player never wait on the network: they write decisions (and their
statements) to SQLite and go on; this thread, with its own database connection, sends what
waits in batches, retries with exponential backoff and jitter, and marks a row sent only
after the LRS accepted it::

    sender = start_sender(records)     # None when no LRS is configured
    sender.waiting()                   # statements not yet sent (no I/O: for a status line)
    sender.nudge()                     # something new was queued: look now
    sender.stop()                      # on quit (unsent rows simply wait for next time)

How answers are read (xAPI 1.0.3, and Ralph's ways, see docs/lrs.md):
200/204 sent; 409 for a batch: each statement alone, and a 409 for one whose stored copy is
the same statement counts as sent, a different one is ``refused``; 400/422 for one statement
is ``refused`` with the reason (kept, never resent automatically); 401/403, 5xx and network
failures leave everything waiting and back off. A batch failing with 5xx a third time (or 413)
is sent one by one, so one statement the LRS chokes on never holds up the others.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from engine import lrs_config, outbox
from engine.lrs_client import Answer, LrsClient, LrsUnavailable
from engine.outbox import OutboxRow
from engine.records_db import utc_now
from engine.xapi_check import problems

if TYPE_CHECKING:
    from engine.records import Records

BATCH = 50
ACCEPTED = (200, 204)
REFUSED = (400, 422)
LOCK_NAME = "lrs-send.lock"


@dataclass
class Backoff:
    """Exponential backoff with full jitter: after n failures wait up to base * 2**n (capped)."""

    base: float = 1.0
    cap: float = 300.0
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * 2**self.failures)
        self.failures += 1
        return self.rng.uniform(ceiling / 2, ceiling)  # never 0: no hammering a sick LRS

    def reset(self) -> None:
        self.failures = 0


@dataclass
class BatchResult:
    """What one pass did: counts, and why it stopped early (``failure``) if it did."""

    sent: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (statement id, reason)
    invalid: list[tuple[str, str]] = field(default_factory=list)
    failure: str = ""  # non-empty: nothing more was sent; try again later

    def add(self, other: BatchResult) -> None:
        self.sent += other.sent
        self.refused += other.refused
        self.invalid += other.invalid
        self.failure = other.failure


def same_statement(sent: Any, stored: Any) -> bool:
    """Whether the LRS's copy is the statement we sent (it may add stored, authority...)."""
    if isinstance(sent, dict):
        if not isinstance(stored, dict):
            return False
        return all(
            key in ("version", "stored", "authority") or same_statement(v, stored.get(key))
            for key, v in sent.items()
        )
    if isinstance(sent, list):
        return (
            isinstance(stored, list)
            and len(sent) == len(stored)
            and all(same_statement(a, b) for a, b in zip(sent, stored, strict=True))
        )
    if isinstance(sent, str) and isinstance(stored, str) and sent != stored:
        return _same_time(sent, stored)
    if isinstance(sent, bool) or isinstance(stored, bool):
        return sent is stored
    return sent == stored


def _same_time(a: str, b: str) -> bool:
    try:
        ta = dt.datetime.fromisoformat(a.replace("Z", "+00:00"))
        tb = dt.datetime.fromisoformat(b.replace("Z", "+00:00"))
    except ValueError:
        return False
    return ta.tzinfo is not None and tb.tzinfo is not None and ta == tb


def send_batch(
    conn: sqlite3.Connection,
    client: LrsClient,
    rows: Sequence[OutboxRow],
    clock: Callable[[], str] = utc_now,
) -> BatchResult:
    """Send ``rows`` once and record the outcome of each; never raises for the LRS's sake."""
    result = BatchResult()
    ready: list[OutboxRow] = []
    marks: list[tuple[int, outbox.Status, str]] = []
    for row in rows:
        try:
            found = problems(row.statement())
        except ValueError as exc:
            found = [f"not JSON: {exc}"]
        if found:
            reason = "; ".join(found)
            marks.append((row.row_id, "invalid", reason))
            result.invalid.append((row.statement_id, reason))
        else:
            ready.append(row)
    if marks:
        outbox.mark(conn, marks)
    if not ready:
        return result
    try:
        answer = client.post_encoded([r.body for r in ready])
    except LrsUnavailable as exc:
        result.failure = str(exc)
        return result
    if answer.status in ACCEPTED:
        outbox.mark_sent(conn, [r.row_id for r in ready], clock())
        result.sent += len(ready)
        return result
    if answer.status in (409, *REFUSED) and len(ready) > 1:
        for row in ready:  # find the one statement the LRS objects to
            one = send_batch(conn, client, [row], clock)
            result.add(one)
            if one.failure:
                return result
        return result
    if answer.status in (409, *REFUSED):
        result.add(_one_refused(conn, client, ready[0], answer, clock))
        return result
    result.failure = answer.reason()
    if answer.status < 500 and answer.status != 413:
        return result  # 401/403 and the like: nothing to learn about the statements
    outbox.count_attempt(conn, [r.row_id for r in ready])
    if len(ready) > 1 and (answer.status == 413 or min(r.attempts for r in ready) >= 2):
        # The same batch failed again (or was too large): one statement may be what the LRS
        # chokes on, so send them one by one; the others go, the culprit waits behind them.
        for row in ready:
            one = send_batch(conn, client, [dataclasses.replace(row, attempts=0)], clock)
            result.sent += one.sent
            result.refused += one.refused
            result.invalid += one.invalid
            if one.failure and not one.failure.startswith("HTTP "):
                break  # the LRS is gone altogether: stop here
    return result


def _one_refused(
    conn: sqlite3.Connection, client: LrsClient, row: OutboxRow, answer: Answer,
    clock: Callable[[], str],
) -> BatchResult:  # fmt: skip
    result = BatchResult()
    if answer.status == 409:
        try:
            stored = client.statement(row.statement_id)
        except LrsUnavailable as exc:
            result.failure = f"409, and the stored copy could not be read: {exc}"
            return result
        if stored is not None and same_statement(row.statement(), stored):
            outbox.mark_sent(conn, [row.row_id], clock())
            result.sent += 1
            return result
        reason = answer.reason() + " (a different statement with this id is stored)"
    else:
        reason = answer.reason()
    outbox.mark(conn, [(row.row_id, "refused", reason)])
    result.refused.append((row.statement_id, reason))
    return result


def send_waiting(
    conn: sqlite3.Connection,
    client: LrsClient,
    batch: int = BATCH,
    stop: threading.Event | None = None,
    clock: Callable[[], str] = utc_now,
) -> BatchResult:
    """Send everything waiting, batch by batch, until done or a failure (``sync`` uses this)."""
    total = BatchResult()
    while not (stop and stop.is_set()):
        rows = outbox.waiting_rows(conn, batch)
        if not rows:
            break
        one = send_batch(conn, client, rows, clock)
        total.add(one)
        if one.failure:
            break
    return total


class SendLock:
    """One sender per records file at a time (two would race the LRS's duplicate check)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held while sending)
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the lock on every platform
            self._handle = None


class Sender:
    """A daemon thread sending the outbox of one records file to one LRS."""

    def __init__(
        self,
        settings: lrs_config.LrsSettings,
        records_path: Path,
        *,
        batch: int = BATCH,
        poll: float = 1.0,
        backoff: Backoff | None = None,
        timeout: float = 15.0,
    ) -> None:
        self.settings, self.records_path = settings, records_path
        self.batch, self.poll = batch, poll
        self.backoff = backoff or Backoff()
        self.client = LrsClient(settings, timeout)
        self.status = "starting"  # idle, sending, offline, busy (another sender), stopped
        self.detail = ""
        self.sent = 0
        self._waiting = 0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lrs-sender", daemon=True)

    def start(self) -> Sender:
        self._thread.start()
        return self

    def waiting(self) -> int:
        """Statements not yet accepted by the LRS, as last counted (cheap: no I/O)."""
        return self._waiting

    def nudge(self) -> None:
        """Look at the outbox now rather than at the next poll (after a decision, say)."""
        self._wake.set()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop after the request in flight (if any); what was not sent waits for next time."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def _back_off(self, conn: sqlite3.Connection, delay: float) -> None:
        """Wait ``delay`` (a nudge does not shorten it), keeping the waiting count current."""
        until = time.monotonic() + delay
        while not self._stop.is_set() and (left := until - time.monotonic()) > 0:
            self._stop.wait(min(left, max(self.poll, 0.05)))
            self._waiting = outbox.waiting_count(conn)

    def _run(self) -> None:
        lock = SendLock(self.records_path.with_name(LOCK_NAME))
        conn = None
        try:
            conn = sqlite3.connect(self.records_path, timeout=5.0, isolation_level=None)
            while not self._stop.is_set():
                if not lock._handle and not lock.acquire():
                    self.status, self.detail = "busy", "another program is sending"
                    self._waiting = outbox.waiting_count(conn)
                    self._sleep(max(self.poll, 2.0))
                    continue
                self._waiting = outbox.waiting_count(conn)
                if not self._waiting:
                    self.status = "idle"
                    self._sleep(self.poll)
                    continue
                self.status = "sending"
                result = send_waiting(conn, self.client, self.batch, self._stop)
                self.sent += result.sent
                self._waiting = outbox.waiting_count(conn)
                if result.failure:
                    self.status, self.detail = "offline", result.failure
                    self._back_off(conn, self.backoff.next_delay())
                else:
                    self.backoff.reset()
                    self.detail = ""
        except sqlite3.Error as exc:
            self.status, self.detail = "error", str(exc)
        finally:
            lock.release()
            if conn is not None:
                conn.close()
            if self.status != "error":
                self.status = "stopped"


def start_sender(records: Records, **options: Any) -> Sender | None:
    """Start sending ``records``' outbox when an LRS is configured; None when none is."""
    try:
        settings = lrs_config.load()
    except lrs_config.LrsConfigError:
        return None
    if settings is None:
        return None
    return Sender(settings, records.path, **options).start()
