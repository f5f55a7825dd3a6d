"""``rules [WORD]``: the rule and behaviour-guide ids an author may cite, with where they come from.

Authors need the exact id to write ``rules: [...]``; this lists them with instrument, article
and title, filtered by a word found in any of those (or in the summary), e.g. ``rules gratifikasi``.
"""

from __future__ import annotations

import argparse
import sys

from engine.loader import load_library
from engine.messages import current_lang, msg

HELP = "list the rule and behaviour-guide ids to cite in rules: (filter by a word)"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("rules", help=HELP, description=HELP)
    parser.add_argument("word", nargs="?", default="", help="show only entries containing it")
    parser.add_argument("--path", action="append", metavar="PATH", help="other scenario folder")


def run(args: argparse.Namespace) -> int:
    library = load_library(args.path or None)
    lang = current_lang()
    word = args.word.casefold().strip()
    shown = 0
    for rule in sorted(library.rules.values(), key=lambda r: r.id):
        fields = [rule.id, rule.instrument, rule.article or "", rule.title.id, rule.title.get("en")]
        haystack = " ".join([*fields, rule.summary.id, rule.summary.get("en")]).casefold()
        if word and word not in haystack:
            continue
        where = f"{rule.instrument}, {rule.article}" if rule.article else rule.instrument
        mark = "" if rule.verified else f"  [{msg('rules.unverified')}]"
        print(f"{rule.id}\t{where}\t{rule.title.get(lang)}{mark}")
        shown += 1
    print(msg("rules.summary", shown=shown, total=len(library.rules)), file=sys.stderr)
    return 0 if shown else 1
