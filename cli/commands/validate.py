"""``validate PATH...``: load files the way the game does and report every problem."""

from __future__ import annotations

import argparse
import sys

from engine.loader import load_library
from engine.messages import msg
from engine.problems import not_checked_note

HELP = "check scenario files; exit 0 when clean, 1 when there are problems"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("validate", help=HELP, description=HELP)
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")


def run(args: argparse.Namespace) -> int:
    library = load_library(args.paths)
    errors = [p for p in library.problems if p.level == "error"]
    for problem in library.problems:
        print(problem, file=sys.stdout)
    count = len(library.stories)
    summary = msg("summary.validate", stories=count, rules=len(library.rules), errors=len(errors))
    print(summary + not_checked_note(library.problems), file=sys.stderr)
    return 1 if errors else 0
