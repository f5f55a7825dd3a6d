"""``report``: the facilitator report: CSV files, a PNG chart and a short summary.

The chart is drawn by game/report_chart.py (pygame, headless); engine/ never imports
pygame itself, so it is loaded only here and only when available.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cli.commands.records_arg import open_records
from engine.library import Library
from engine.loader import load_library
from engine.report import Report, build_report, summary_lines, write_csv
from engine.ui_text import tr

HELP = "write the facilitator report (sessions.csv, decisions.csv, chart.png) from the records"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help=HELP, description=HELP)
    parser.add_argument("--group", metavar="CODE", help="only players of this group/class code")
    parser.add_argument("--scenario", metavar="ID", help="only sessions of this scenario")
    parser.add_argument("--since", metavar="DATE", help="only sessions started since (2025-05-01)")
    parser.add_argument("--out", metavar="DIR", default="report", help="output folder (report)")
    parser.add_argument("--data-dir", metavar="DIR", help="folder of the records database")
    parser.add_argument("--lang", choices=["id", "en"], default="id")
    parser.add_argument("--no-chart", action="store_true", help="write the CSV files only")
    parser.add_argument("--programme", metavar="ID", help="only sessions of this programme")
    parser.add_argument(
        "--lrs",
        action="store_true",
        help="read the statements from the learning record store set with 'lrs set'",
    )


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"--out {out}: that is a file; name a folder for the report", file=sys.stderr)
        return 1
    library = load_library()
    report = _from_lrs(args, library) if args.lrs else _from_records(args, library)
    if isinstance(report, int):
        return report
    written = write_csv(report, library, out, args.lang)
    status = 0
    if not args.no_chart:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        try:
            from game.report_chart import save_report_chart
        except ImportError as exc:
            print(
                f"the chart needs pygame-ce, which is not available ({exc}); "
                "the CSV files were written (use --no-chart to skip the chart)",
                file=sys.stderr,
            )
            status = 1
        else:
            written.append(save_report_chart(report, out / "chart.png", args.lang))
    for line in summary_lines(report, args.lang):
        print(line)
    for path in written:
        print(tr("report_written", args.lang, path=path))
    return status


def _from_records(args: argparse.Namespace, library: Library) -> Report | int:
    records = open_records(args.data_dir, readonly=True)
    if records is None:
        return 1
    with records:
        try:
            return build_report(
                records, library, group=args.group, scenario=args.scenario, since=args.since,
                programme=args.programme,
            )  # fmt: skip
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2


def _from_lrs(args: argparse.Namespace, library: Library) -> Report | int:
    from cli.commands.lrs import configured
    from engine.lrs_client import LrsUnavailable
    from engine.lrs_report import build_lrs_report

    settings = configured()
    if settings is None:
        return 1
    try:
        return build_lrs_report(
            settings, library, group=args.group, scenario=args.scenario, since=args.since,
            programme=args.programme,
        )  # fmt: skip
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    except LrsUnavailable as exc:
        print(f"cannot read the statements from {settings.endpoint}: {exc}", file=sys.stderr)
        return 1
