"""``new SCENARIO_ID``: start a scenario from a small, valid, commented template."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.loader import load_library
from engine.messages import msg
from engine.problems import display_path
from engine.scaffold import ScaffoldError, create

HELP = "write a small, valid, commented scenario to start from"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("new", help=HELP, description=HELP)
    parser.add_argument("scenario_id", metavar="SCENARIO_ID")
    parser.add_argument(
        "-o", "--output", metavar="PATH", help="default: scenarios/SCENARIO_ID.yaml"
    )


def run(args: argparse.Namespace) -> int:
    taken = set(load_library().stories)
    try:
        path = create(args.scenario_id, Path(args.output) if args.output else None, taken)
    except (ScaffoldError, OSError) as exc:
        print(msg("new.cannot", detail=exc), file=sys.stderr)
        return 1
    problems = load_library([path]).errors_for(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    shown = display_path(path)
    print(msg("new.created", path=shown), file=sys.stderr)
    return 1 if problems else 0
