"""``lint PATH...``: validate, then warn about what loads but would mislead a class."""

from __future__ import annotations

import argparse
import sys

from engine.lint import Measure, lint_library, reading_estimate
from engine.loader import load_library
from engine.messages import msg
from engine.problems import not_checked_note

HELP = "check scenarios like validate, plus warnings (unreachable, dead ends, overflow...)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("lint", help=HELP, description=HELP)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="default: the scenarios folder")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--no-fit", action="store_true", help="skip measuring text against the screen"
    )
    parser.add_argument(
        "--text-scale",
        type=float,
        default=None,
        metavar="SCALE",
        help="measure at this text size (default: the largest the game offers)",
    )


def text_measure(scale: float | None = None) -> Measure | None:
    """The game's font measurer, or None (with a note) where pygame cannot be used."""
    try:
        from game.text_fit import TextFit

        return TextFit() if scale is None else TextFit(scale=scale)
    except Exception as exc:  # ImportError, or a pygame/font error on this machine
        print(msg("lint.no_pygame", detail=exc), file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    library = load_library(args.paths or None)
    measure = None if args.no_fit else text_measure(getattr(args, "text_scale", None))
    problems = lint_library(library, measure)
    for problem in problems:
        print(problem)
    for story in sorted(library.stories.values(), key=lambda s: s.id):
        reading = reading_estimate(story)
        print(
            msg(
                "summary.reading",
                id=story.id,
                minutes=f"{reading.minutes:.0f}",
                words=reading.words,
                decisions=reading.decisions,
                questions=reading.questions,
                declared=story.scenario.minutes,
            ),
            file=sys.stderr,
        )
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    stories = len(library.stories)
    note = not_checked_note(problems)
    if note and not stories:  # nothing was linted: "0 warning(s)" would claim a clean file
        summary = msg("summary.lint_stopped", errors=errors)
    else:
        summary = msg("summary.lint", stories=stories, errors=errors, warnings=warnings)
    print(summary + note, file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0
