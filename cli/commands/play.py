"""``play --text SCENARIO``: play in the terminal with numbered choices from stdin.

With ``--player NAME`` the play is recorded (engine/records.py), decision by decision, so a
killed process leaves an unfinished session that ``--resume`` (or the game) continues.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Literal

from engine.library import Library
from engine.load_cache import load_library_cached as load_library
from engine.play import Play
from engine.problems import ScenarioError
from engine.textplay import play_text

HELP = "play a scenario (--text: in this terminal)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("play", help=HELP, description=HELP)
    parser.add_argument("scenario", metavar="SCENARIO_ID_OR_FILE")
    parser.add_argument("--text", action="store_true", help="play in the terminal")
    parser.add_argument("--lang", choices=["id", "en"], default="id")
    rec = parser.add_argument_group("records (optional)")
    rec.add_argument("--player", metavar="NAME", help="record this play under this name")
    rec.add_argument("--nip", metavar="NIP", help="the player's employee number (NIP)")
    rec.add_argument("--group", metavar="CODE", help="the player's group or class code")
    rec.add_argument("--data-dir", metavar="DIR", help="folder of the records database")
    parser.add_argument(
        "--order",
        choices=["shuffled", "file"],
        default="shuffled",
        help="options in a fresh random order per play (default), or in the file's order",
    )
    parser.add_argument("--seed", type=int, metavar="N", help="shuffle with this seed (a replay)")
    rec.add_argument(
        "--resume",
        action="store_true",
        help="continue this player's unfinished session of this scenario, if there is one",
    )


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
        if args.player:
            return _play_recorded(library, args)
        play = Play.begin(library, args.scenario, seed=_seed(args))
        return play_text(library, play, args.lang, sys.stdin, sys.stdout)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1


def _seed(args: argparse.Namespace) -> int | Literal["new"] | None:
    if args.seed is not None:
        return args.seed
    return None if args.order == "file" else "new"


def _play_recorded(library: Library, args: argparse.Namespace) -> int:
    from engine.lrs_sender import start_sender
    from engine.records import Records, RecordsError, SaveError

    if not args.player.strip():
        print("--player: a player needs a name (not only spaces)", file=sys.stderr)
        return 1
    story = library.story(args.scenario)
    try:
        records = Records.open(args.data_dir)
    except RecordsError as exc:
        print(exc, file=sys.stderr)
        return 1
    with records:
        try:
            player = records.player(args.player, args.nip, args.group)
        except ValueError as exc:  # a name of only spaces
            print(f"--player: {exc}", file=sys.stderr)
            return 1
        saved = records.unfinished(player.id) if args.resume else None
        play = None
        if saved is not None and saved.scenario_id == story.id:
            try:
                play = Play.resume(library, records, saved)
                step = play.step
                print(f"resuming session {saved.id} after {step} decision(s)", file=sys.stderr)
            except SaveError as exc:
                print(f"cannot resume session {saved.id}: {exc}; starting anew", file=sys.stderr)
                records.abandon(saved.id)
        elif args.resume:
            print("no unfinished session of this scenario; starting anew", file=sys.stderr)
        if play is None:
            play = Play.begin(library, story, records=records, player=player, seed=_seed(args))
        print(f"recording to {records.path} (session {play.session_id})", file=sys.stderr)
        sender = start_sender(records)  # None without an LRS; never waited on while playing
        try:
            code = play_text(library, play, args.lang, sys.stdin, sys.stdout)
        finally:
            if sender is not None:
                sender.stop(timeout=0.5)  # an answer still on its way is not waited for
                if sender.waiting():
                    print(f"{sender.waiting()} statement(s) wait for the LRS", file=sys.stderr)
        if not play.saving:
            print(f"records were not saved: {play.save_error} {play.save_detail}", file=sys.stderr)
        return code
