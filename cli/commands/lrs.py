"""``lrs set URL --user U`` / ``lrs show`` / ``lrs clear``: where statements are sent.

The password comes from a prompt (not echoed) or env ``BERAKHLAK_LRS_PASSWORD``; it is never
a command-line argument (other users can read those) and never printed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from engine import lrs_config
from engine.xapi import DEFAULT_IRI_BASE, check_iri_base

HELP = "set, show or clear the learning record store (LRS) that plays are sent to"


def configured() -> lrs_config.LrsSettings | None:
    """The LRS settings, or None after saying why there are none (for sync and report)."""
    try:
        settings = lrs_config.load()
    except lrs_config.LrsConfigError as exc:
        print(exc, file=sys.stderr)
        return None
    if settings is None:
        print("no LRS is set: python main.py lrs set URL --user NAME", file=sys.stderr)
    return settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("lrs", help=HELP, description=HELP)
    parser.add_argument("--config-dir", metavar="DIR", help="settings folder")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    put = actions.add_parser("set", help="set the LRS endpoint and user (asks the password)")
    put.add_argument("url", metavar="URL", help="the LRS's xAPI endpoint, e.g. https://lrs/xAPI/")
    put.add_argument("--user", required=True, help="Basic-auth user name")
    put.add_argument(
        "--iri-base",
        metavar="IRI",
        default=DEFAULT_IRI_BASE,
        help=f"base of activity and extension IRIs (default {DEFAULT_IRI_BASE})",
    )
    actions.add_parser("show", help="show the settings (password masked)")
    actions.add_parser("clear", help="forget the LRS (nothing more is queued)")


def run(args: argparse.Namespace) -> int:
    if args.action == "show":
        return _show(args.config_dir)
    if args.action == "clear":
        had = lrs_config.clear(args.config_dir)
        print("LRS settings removed" if had else "no LRS was set")
        return 0
    try:
        endpoint = lrs_config.check_endpoint(args.url)
        base = check_iri_base(args.iri_base)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    user = args.user.strip()
    if not user or ":" in user or len(user) > 200:
        print("the user name must be 1 to 200 characters, without ':'", file=sys.stderr)
        return 2
    password = os.environ.get(lrs_config.ENV_PASSWORD)
    if password is None:
        if not sys.stdin.isatty():
            print(
                f"no terminal to ask the password: set {lrs_config.ENV_PASSWORD}",
                file=sys.stderr,
            )
            return 2
        password = getpass.getpass(f"password for {user} at {endpoint}: ")
    settings = lrs_config.LrsSettings(endpoint, user, password, base)
    path = lrs_config.save(settings, args.config_dir)
    print(f"LRS set in {path}: statements of every play from now on wait there to be sent")
    return _print(settings)


def _show(config_dir: str | None) -> int:
    try:
        settings = lrs_config.load(config_dir)
    except lrs_config.LrsConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    if settings is None:
        print("no LRS is set (python main.py lrs set URL --user NAME)")
        return 0
    return _print(settings)


def _print(settings: lrs_config.LrsSettings) -> int:
    for key, value in settings.masked().items():
        print(f"  {key:<9} {value}")
    return 0
