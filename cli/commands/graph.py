"""``graph SCENARIO``: the story map as DOT, Mermaid or (with Graphviz installed) PNG."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from engine.library import Story
from engine.loader import load_library
from engine.messages import msg
from engine.problems import ScenarioError
from engine.story_map import to_dot, to_mermaid

HELP = "draw the story map of a scenario (dot, mermaid or png)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("graph", help=HELP, description=HELP)
    parser.add_argument("scenario", metavar="SCENARIO_ID_OR_FILE")
    parser.add_argument("--format", choices=["dot", "mermaid", "png"], default="dot")
    parser.add_argument("-o", "--output", metavar="FILE", help="default: print (png: ID.png)")
    parser.add_argument("--lang", choices=["id", "en"], default="id")


def load_story(key: str) -> Story | None:
    """The scenario by id or file, with its problems printed when it does not load."""
    paths = [key] if key.endswith((".yaml", ".yml")) else None
    if paths and not Path(key).is_file():
        print(f"{key}: {msg('file.missing')}", file=sys.stderr)
        return None
    try:
        return load_library(paths).story(key)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    story = load_story(args.scenario)
    if story is None:
        return 1
    sc = story.scenario
    if args.format == "mermaid":
        return _write(to_mermaid(sc, args.lang), args.output)
    dot = to_dot(sc, args.lang)
    if args.format == "dot":
        return _write(dot, args.output)
    program = shutil.which("dot")
    if program is None:
        print(msg("graph.no_dot"), file=sys.stderr)
        return 1
    output = args.output or f"{sc.id}.png"
    done = subprocess.run(
        [program, "-Tpng", "-o", output], input=dot.encode("utf-8"), capture_output=True
    )
    if done.returncode != 0:
        print(msg("graph.failed", detail=done.stderr.decode(errors="replace")), file=sys.stderr)
        return 1
    print(msg("graph.written", path=output), file=sys.stderr)
    return 0


def _write(text: str, output: str | None) -> int:
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
        print(msg("graph.written", path=output), file=sys.stderr)
    return 0
