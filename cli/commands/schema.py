"""``schema``: write the JSON Schemas that give editors completion and checks as you type."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.messages import msg
from engine.problems import display_path
from engine.schema import MODELS, render, schema_dir, write_all

HELP = "write the JSON Schemas of the scenario, rulebook and values files"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("schema", help=HELP, description=HELP)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write one schema to FILE ('-' prints it) instead of all three to scenarios/schema/",
    )
    parser.add_argument("--kind", choices=list(MODELS), default="scenario", help="with -o")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the committed schemas are out of date"
    )


def run(args: argparse.Namespace) -> int:
    if args.check:
        stale = [
            kind
            for kind in MODELS
            if not (path := schema_dir() / f"{kind}.schema.json").is_file()
            or path.read_text(encoding="utf-8") != render(kind)
        ]
        for kind in stale:
            print(msg("schema.stale", kind=kind), file=sys.stderr)
        return 1 if stale else 0
    if args.output == "-":
        sys.stdout.write(render(args.kind))
        return 0
    if args.output:
        Path(args.output).write_text(render(args.kind), encoding="utf-8")
        print(msg("schema.one_written", kind=args.kind, path=args.output), file=sys.stderr)
        return 0
    for path in write_all():
        print(msg("schema.written", path=display_path(path)), file=sys.stderr)
    return 0
