"""``export --xapi FILE``: the records as xAPI 1.0.3 statements (a JSON array) for an LRS."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cli.commands.records_arg import open_records
from engine.loader import load_library
from engine.xapi import DEFAULT_IRI_BASE, check_iri_base, export_statements

HELP = "export the records as xAPI statements (JSON) for a learning record store"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help=HELP, description=HELP)
    parser.add_argument("--xapi", metavar="FILE", required=True, help="JSON file to write")
    parser.add_argument(
        "--iri-base",
        metavar="IRI",
        default=DEFAULT_IRI_BASE,
        help=f"base of activity and extension IRIs (default {DEFAULT_IRI_BASE})",
    )
    parser.add_argument("--group", metavar="CODE", help="only players of this group/class code")
    parser.add_argument("--scenario", metavar="ID", help="only sessions of this scenario")
    parser.add_argument("--data-dir", metavar="DIR", help="folder of the records database")


def run(args: argparse.Namespace) -> int:
    try:
        base = check_iri_base(args.iri_base)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    path = Path(args.xapi)
    if path.is_dir():
        print(f"--xapi {path}: that is a folder; name the JSON file to write", file=sys.stderr)
        return 1
    records = open_records(args.data_dir, readonly=True)
    if records is None:
        return 1
    library = load_library()
    notes: list[str] = []
    with records:
        sessions = records.sessions(group=args.group, scenario=args.scenario)
        statements = export_statements(records, library, base, sessions, notes)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(statements, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(statements)} xAPI statement(s) from {len(sessions)} session(s) written to {path}")
    return 0
