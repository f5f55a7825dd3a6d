"""``analyze SCENARIO``: exact path counts, endings, score ranges, best and worst paths."""

from __future__ import annotations

import argparse
import time
from math import inf

from cli.commands.graph import load_story
from engine.analysis import Analysis, analyze, describe
from engine.library import Story
from engine.messages import msg
from engine.outlook import Outlook, outlook

HELP = "count every path of a scenario exactly: endings, score ranges, best and worst paths"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("analyze", help=HELP, description=HELP)
    parser.add_argument("scenario", metavar="SCENARIO_ID_OR_FILE")


def count_text(n: int) -> str:
    """A count as digits, or as ``1.239e+170`` when too long to read (ints can exceed floats)."""
    digits = str(n)
    if len(digits) <= 12:
        return digits
    return f"{digits[0]}.{digits[1:4]}e+{len(digits) - 1}"


def _bound(x: float) -> str:
    return ("-inf" if x < 0 else "inf") if abs(x) == inf else str(int(x))


def approximate_report(story: Story, result: Analysis, seconds: float) -> list[str]:
    """The report when the states passed the budget: bounds, clearly marked approximate."""
    lines = [
        f"{story.id}: APPROXIMATE - too many situations (node and variables) to count one by one "
        f"(budget {result.states}), so paths were not counted ({seconds * 1000:.0f} ms)",
        "  the ranges below are bounds: every reachable total lies inside, the ends may not "
        "be reachable",
        "endings:",
    ]
    for ending, reach in result.endings.items():
        tone = story.scenario.endings[ending].tone
        seen = "may be reached" if reach.paths else "NOT REACHABLE"
        lines.append(f"  {ending} ({tone}): {seen}")
    lines.append("values (bounds on the lowest..highest total, approximate):")
    for value, span in result.values.items():
        lines.append(f"  {value}: {_bound(span.low)}..{_bound(span.high)} (approximate)")
    lines.append("best and worst paths, dominant choices: not computed (approximate)")
    return lines


def report(
    story: Story, result: Analysis, seconds: float, view: Outlook | None = None
) -> list[str]:
    if result.approximate:
        return approximate_report(story, result, seconds)
    lines = [
        msg(
            "analyze.head",
            id=story.id,
            paths=count_text(result.paths),
            states=result.states,
            ms=f"{seconds * 1000:.0f}",
        ),
        msg("analyze.numbering_pinned" if story.scenario.pin_order else "analyze.numbering"),
    ]
    if result.loops:
        lines.append(msg("analyze.loops", count=result.loops))
    if result.truncated:
        lines.append(msg("analyze.truncated"))
    lines.append(msg("analyze.endings"))
    for ending, reach in result.endings.items():
        tone = story.scenario.endings[ending].tone
        if reach.shortest is None:
            lines.append(msg("analyze.unreachable", ending=ending, tone=tone))
        else:
            lines.append(
                msg(
                    "analyze.ending",
                    ending=ending,
                    tone=tone,
                    paths=count_text(reach.paths),
                    steps=len(reach.shortest),
                    path=describe(story, reach.shortest),
                )
            )
    lines.append(msg("analyze.values"))
    for value, span in result.values.items():
        lines.append(f"  {value}: {span.low}..{span.high}")
        lines.append(msg("analyze.lowest", path=describe(story, span.low_path)))
        lines.append(msg("analyze.highest", path=describe(story, span.high_path)))
    if result.best and result.worst:
        best, worst = result.best, result.worst
        lines.append(msg("analyze.best", total=f"{best[0]:+d}", path=describe(story, best[1])))
        lines.append(msg("analyze.worst", total=f"{worst[0]:+d}", path=describe(story, worst[1])))
    if result.dominant:
        lines.append(msg("analyze.dominant"))
        for d in result.dominant:
            text = story.choice(d.node, d.choice).text.get()
            lines.append(f"  {d.node}#{d.choice + 1}: {text}")
    else:
        lines.append(msg("analyze.no_dominant"))
    if view is not None:
        lines.extend(_outlook_lines(story, view))
    return lines


def _outlook_lines(story: Story, view: Outlook) -> list[str]:
    """Where the best score leads, and which breaches can still end well (lint's pedagogy)."""
    lines = []
    for ending, path in view.best_paths.items():
        tone = story.scenario.endings[ending].tone
        lines.append(msg("analyze.best_ends", tone=tone, ending=ending, path=describe(story, path)))
    if view.breach_to_good:
        lines.append(msg("analyze.breach_good"))
        for (node, choice), path in view.breach_to_good.items():
            lines.append(f"  {node}#{choice + 1}: {describe(story, path)}")
    else:
        lines.append(msg("analyze.no_breach_good"))
    return lines


def run(args: argparse.Namespace) -> int:
    story = load_story(args.scenario)
    if story is None:
        return 1
    started = time.perf_counter()
    result = analyze(story)
    seconds = time.perf_counter() - started
    view = None if result.approximate else outlook(story)  # outlook needs the exact states
    print("\n".join(report(story, result, seconds, view)))
    return 0
