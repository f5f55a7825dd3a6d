"""``list``: one line per loaded scenario; problems go to stderr."""

from __future__ import annotations

import argparse
import sys

from engine.loader import load_library
from engine.messages import msg
from engine.problems import display_path

HELP = "list the scenarios (id, title, focus values) and those that cannot load, with why"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("list", help=HELP, description=HELP)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="default: the scenarios folder")
    parser.add_argument("--lang", choices=["id", "en"], default="id")


def run(args: argparse.Namespace) -> int:
    library = load_library(args.paths or None)
    for story in sorted(library.stories.values(), key=lambda s: s.id):
        sc = story.scenario
        print(f"{sc.id}\t{sc.title.get(args.lang)}\t{', '.join(sc.focus_values)}")
    for broken in sorted(library.unavailable, key=lambda u: str(u.path)):
        why = broken.problems[0] if broken.problems else None
        reason = f"{why.line}:{why.col}: {why.message}" if why else "?"
        name = broken.scenario_id or display_path(broken.path)
        print(f"{name}\t{msg('list.not_loadable', path=display_path(broken.path), reason=reason)}")
    for problem in library.problems:
        print(problem, file=sys.stderr)
    return 1 if any(p.level == "error" for p in library.problems) else 0
