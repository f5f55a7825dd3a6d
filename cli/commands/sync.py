"""``sync``: send the statements waiting in the outbox to the LRS now, and say what happened.

``--dry-run`` lists what would be sent without sending; ``--backfill`` first queues the
statements of plays recorded before the LRS was set (same ids as ``export --xapi``);
``--retry-refused`` puts statements the LRS refused back in the queue (after fixing it).
"""

from __future__ import annotations

import argparse
import json
import sys

from cli.commands.lrs import configured
from cli.commands.records_arg import open_records
from engine import lrs_config, outbox
from engine.lrs_client import LrsClient
from engine.lrs_sender import LOCK_NAME, SendLock, send_waiting
from engine.xapi import export_statements

HELP = "send the xAPI statements waiting for the LRS, and list any it refused"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sync", help=HELP, description=HELP)
    parser.add_argument("--dry-run", action="store_true", help="list what would be sent")
    parser.add_argument(
        "--backfill", action="store_true", help="first queue the statements of earlier plays"
    )
    parser.add_argument(
        "--retry-refused", action="store_true", help="queue refused statements again"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="folder of the records database")


def run(args: argparse.Namespace) -> int:
    settings = configured()
    if settings is None:
        return 1
    records = open_records(args.data_dir)
    if records is None:
        return 1
    with records:
        if args.backfill:
            from engine.loader import load_library

            statements = export_statements(records, load_library(), settings.iri_base)
            print(f"queued {outbox.backfill(records, statements)} earlier statement(s)")
        if args.retry_refused and not args.dry_run:
            print(f"queued {outbox.retry_refused(records.conn)} refused statement(s) again")
        if args.dry_run:
            return _dry_run(records.conn, settings)
        lock = SendLock(records.path.with_name(LOCK_NAME))
        if not lock.acquire():
            print("another program (the game?) is sending right now; try again", file=sys.stderr)
            return 1
        try:
            result = send_waiting(records.conn, LrsClient(settings))
        finally:
            lock.release()
        print(f"sent {result.sent} statement(s) to {settings.endpoint}")
        for statement_id, reason in result.refused:
            print(f"refused {statement_id}: {reason}")
        for statement_id, reason in result.invalid:
            print(f"invalid (kept, not sent) {statement_id}: {reason}")
        left = outbox.counts(records.conn)
        if result.failure:
            print(f"stopped: {result.failure}", file=sys.stderr)
        print(
            f"waiting {left['waiting']}, refused {left['refused']}, invalid {left['invalid']}, "
            f"sent so far {left['sent']}"
        )
        return 1 if result.failure or result.refused or result.invalid else 0


def _dry_run(conn: object, settings: lrs_config.LrsSettings) -> int:
    rows = outbox.waiting_rows(conn, 1_000_000)  # type: ignore[arg-type]
    print(f"would send {len(rows)} statement(s) to {settings.endpoint}:")
    for row in rows:
        statement = json.loads(row.body)
        verb = statement.get("verb", {}).get("id", "").rsplit("/", 1)[-1]
        obj = statement.get("object", {}).get("id", "")
        print(f"  {row.statement_id} {statement.get('timestamp', '')} {verb} {obj}")
    for statement_id, status, reason in outbox.problem_rows(conn):  # type: ignore[arg-type]
        print(f"  not sent ({status}) {statement_id}: {reason}")
    return 0
