"""``play --text SCENARIO``: play in the terminal with numbered choices from stdin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from engine.loader import load_library
from engine.problems import ScenarioError
from engine.textplay import play_text

HELP = "play a scenario (--text: in this terminal)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("play", help=HELP, description=HELP)
    parser.add_argument("scenario", metavar="SCENARIO_ID_OR_FILE")
    parser.add_argument("--text", action="store_true", help="play in the terminal")
    parser.add_argument("--lang", choices=["id", "en"], default="id")


def run(args: argparse.Namespace) -> int:
    if not args.text:
        print(
            "only --text play is available from the command line; "
            "run 'python main.py' for the game",
            file=sys.stderr,
        )
        return 2
    paths = None
    if args.scenario.endswith((".yaml", ".yml")):
        if not Path(args.scenario).is_file():
            print(f"{args.scenario}: no such file", file=sys.stderr)
            return 2
        paths = [args.scenario]
    library = load_library(paths)
    try:
        return play_text(library, args.scenario, args.lang, sys.stdin, sys.stdout)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
