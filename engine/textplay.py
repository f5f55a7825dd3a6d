"""Play a scenario in a terminal: the same Session the game uses, drawn as plain text.

Useful on a machine without a display, for facilitators checking a new scenario, and as an
end-to-end test of the engine through a real process.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO, cast

from engine.debrief import Debrief
from engine.library import Library
from engine.model import Rule
from engine.session import Outcome, View
from engine.ui_text import tr

if TYPE_CHECKING:
    from engine.play import Play

WIDTH = 78


def _wrap(text: str, indent: str = "", rest: str | None = None) -> str:
    rest = indent if rest is None else rest
    return "\n".join(
        textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=rest)
        for para in text.split("\n")
        if para.strip()
    )


def format_deltas(library: Library, deltas: Mapping[str, int], lang: str) -> str:
    """'+2 Akuntabel, -1 Harmonis' in the values' order."""
    parts = [f"{deltas[v.id]:+d} {v.name.get(lang)}" for v in library.values if deltas.get(v.id)]
    return ", ".join(parts) or "0"


def format_rule(rule: Rule, lang: str) -> str:
    """One citation line: instrument, article, title and whether it is verified."""
    where = f"{rule.instrument}, {rule.article}" if rule.article else rule.instrument
    status = tr("verified" if rule.verified else "unverified", lang)
    return f"{where}: {rule.title.get(lang)} [{status}]"


def format_view(view: View, lang: str) -> str:
    lines = []
    if view.day is not None:
        day = tr("working_day", lang, day=view.day)
        if view.deadline:
            day += f" ({tr('deadline', lang, day=view.deadline)})"
        lines.append(f"[{day}]")
    if view.title:
        lines.append(f"== {view.title.get(lang)} ==")
    if view.stakes:
        lines.append(_wrap(tr("game_stakes_inline", lang, what=view.stakes.get(lang))))
    text = view.text.get(lang)
    if view.speaker:
        role = f" ({view.speaker.role.get(lang)})" if view.speaker.role else ""
        text = f"{view.speaker.name.get(lang)}{role}: {text}"
    lines.append(_wrap(text))
    for choice in view.choices:
        lines.append(_wrap(f"{choice.index + 1}. {choice.text.get(lang)}", "  ", "     "))
    return "\n".join(lines)


def format_outcome(library: Library, outcome: Outcome, lang: str) -> str:
    lines = [_wrap(f"{tr('feedback', lang)}: {outcome.feedback.get(lang)}")]
    lines.append(f"{tr('score_changes', lang)}: {format_deltas(library, outcome.deltas, lang)}")
    if outcome.days_passed:
        lines.append(tr("days_passed", lang, n=outcome.days_passed))
    lines.append(f"{tr('rules_cited', lang)}:")
    lines.extend(_wrap(format_rule(rule, lang), "  - ", "    ") for rule in outcome.rules)
    return "\n".join(lines)


def format_debrief(library: Library, debrief: Debrief, lang: str) -> str:
    """The debrief as text: ending, value profile against reachable ranges, decisions, rules."""
    lines = [
        f"=== {tr('ending', lang)}: {debrief.ending.title.get(lang)} ===",
        _wrap(debrief.ending.text.get(lang)),
        "",
        f"=== {tr('value_profile', lang)} ===",
    ]
    for result in debrief.values:
        name = result.value.name.get(lang)
        focus = f" ({tr('focus', lang)})" if result.focus else ""
        if not result.scored:
            lines.append(f"  {name:<24} {tr('not_scored', lang)}")
            continue
        filled = round(result.position * 20)
        bar = "#" * filled + "." * (20 - filled)
        span = tr("reachable_range", lang, low=result.low, high=result.high)
        lines.append(f"  {name:<24} [{bar}] {result.score:+d} ({span}){focus}")
    lines += ["", f"=== {tr('decisions', lang)} ==="]
    for review in debrief.decisions:
        day = f" [{tr('working_day', lang, day=review.day)}]" if review.day is not None else ""
        lines.append(f"{review.step}. {review.situation.get(lang)}{day}")
        lines.append(_wrap(f"{tr('your_choice', lang)}: {review.choice.get(lang)}", "   "))
        lines.append(_wrap(f"{tr('feedback', lang)}: {review.feedback.get(lang)}", "   "))
        lines.append(
            f"   {tr('score_changes', lang)}: {format_deltas(library, review.deltas, lang)}"
        )
        for rule in review.rules:
            lines.append(_wrap(format_rule(rule, lang), "   - ", "     "))
            lines.append(_wrap(rule.summary.get(lang), "     "))
            lines.append(_wrap(f"{tr('source', lang)}: {rule.source}", "     "))
    return "\n".join(lines)


# Escape sequences (CSI, OSC, DCS and two-byte ESC x), C0/C1 controls but newline and tab,
# DEL, and the bidirectional overrides that can make text read differently from its bytes.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]P^_X][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def strip_controls(text: str) -> str:
    """``text`` without terminal control sequences: scenario text must not drive the terminal
    (clear the screen, set the title, rewrite earlier lines, or hide a choice's real text)."""
    return _CONTROL.sub("", text)


class _CleanOutput:
    """A text stream that strips control sequences from everything written to it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(strip_controls(text))

    def flush(self) -> None:
        self.stream.flush()


def play_text(library: Library, play: Play, lang: str, stdin: TextIO, stdout: TextIO) -> int:
    """Play to the end reading numbered choices from ``stdin``; 0 at the end, 1 if input ends.

    A recorded ``play`` commits each decision before its outcome is printed. Everything
    printed passes :func:`strip_controls`.
    """
    stdout = cast("TextIO", _CleanOutput(stdout))
    title = play.story.scenario.title.get(lang)
    print(f"##### {title} #####\n", file=stdout)
    view = play.view()
    while not view.finished:
        print(format_view(view, lang), file=stdout)
        if view.stuck:  # never ask for a number from an empty list ("1-0")
            print("\n" + _wrap(tr("dead_end", lang, node=view.node_id)), file=stdout)
            return 1
        index = _ask(len(view.choices), lang, stdin, stdout)
        if index is None:
            print("\n" + tr("input_ended", lang), file=stdout)
            return 1
        outcome = play.choose(index)
        print("\n" + format_outcome(library, outcome, lang) + "\n", file=stdout)
        view = outcome.next
    print(format_debrief(library, play.debrief(), lang), file=stdout)
    return 0


def _ask(count: int, lang: str, stdin: TextIO, stdout: TextIO) -> int | None:
    while True:
        print(tr("choose_prompt", lang, n=count) + ": ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            return None
        answer = line.strip()
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
        print(tr("invalid_choice", lang, n=count), file=stdout)
