"""The command line: ``python main.py COMMAND``. Each command lives in ``cli/commands/``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from engine.messages import ENV_LANG, LANGS, set_lang

# Module names under cli.commands, in the order --help lists them.
COMMANDS = [
    "validate",
    "list_scenarios",
    "play",
    "lint",
    "graph",
    "analyze",
    "schema",
    "new",
    "report",
    "export",
    "lrs",
    "sync",
    "rules",
    "import_twee",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="berakhlak",
        description="BerAKHLAK case-study game: play, check and author scenarios.",
        epilog="Without a command, the game starts.",
    )
    parser.add_argument(
        "--lang",
        dest="message_lang",
        choices=LANGS,
        default=None,
        help="language of messages about scenario files: id (default) or en "
        f"(env {ENV_LANG} sets the default)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"cli.commands.{name}").add_parser(sub)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one command; exit codes: 0 fine, 1 problems found, 2 usage."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    set_lang(args.message_lang)
    module = next(
        importlib.import_module(f"cli.commands.{n}") for n in COMMANDS if _name(n) == args.command
    )
    try:
        return module.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except OSError as exc:  # an output or input path that cannot be used: say which, no traceback
        where = f"cannot use {exc.filename}: " if exc.filename else ""
        print(f"{where}{exc.strerror or exc}", file=sys.stderr)
        return 1


def _name(module: str) -> str:
    return "list" if module == "list_scenarios" else module.replace("_", "-")
