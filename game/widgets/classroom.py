"""The facilitator's tools on the play scene: discussion timer, vote tally, notes panel.

State (the timer's seconds, the hands per choice) lives in small classes the play scene
owns and tests can read; drawing functions lay them out with the shared :class:`Ui`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from engine.records import leaders
from engine.session import View
from game.timer import DiscussionTimer
from game.widgets.ui import ScrollArea, Ui

MAX_HANDS = 999


class VoteTally:
    """Hands per open choice (view order), typed by the facilitator; a tie awaits a pick."""

    def __init__(self, count: int) -> None:
        self.hands = [0] * count
        self.row = 0
        self.fresh = True  # the next digit replaces the row's number instead of extending it
        self.tie: list[int] = []
        self.empty_vote = False  # "play" was asked before any hands were entered

    def select(self, row: int) -> None:
        if 0 <= row < len(self.hands) and row != self.row:
            self.row, self.fresh = row, True

    def digit(self, d: int) -> None:
        n = d if self.fresh else self.hands[self.row] * 10 + d
        self.hands[self.row] = min(n, MAX_HANDS)
        self.fresh = False
        self.tie, self.empty_vote = [], False

    def backspace(self) -> None:
        self.hands[self.row] //= 10
        self.fresh = False
        self.tie = []

    def add(self, step: int) -> None:
        self.hands[self.row] = max(0, min(MAX_HANDS, self.hands[self.row] + step))
        self.fresh = False
        self.tie, self.empty_vote = [], False

    @property
    def total(self) -> int:
        return sum(self.hands)

    def winner(self) -> int | None:
        """The majority's position; None when nobody voted or several lead (then ``tie``)."""
        if not self.total:
            return None
        top = leaders(self.hands)
        self.tie = top if len(top) > 1 else []
        return top[0] if len(top) == 1 else None


def draw_timer(ui: Ui, timer: DiscussionTimer, right: int, y: int, actions) -> pygame.Rect:
    """The countdown pill and its buttons, right-aligned at ``right``; returns the area used."""
    t = ui.theme
    toggle, reset, more = actions
    h = ui.line(ui.small, "bold") + ui.px(10)
    buttons = (
        ("timer-reset", ui.tr("class_timer_reset"), reset),
        (
            "timer-toggle",
            ui.tr("class_timer_pause" if timer.running else "class_timer_start"),
            toggle,
        ),
        ("timer-add", "+1", more),
    )
    x = right
    for key, label, action in buttons:
        w = ui.button_width(label, ui.small)
        x -= w
        ui.button(key, pygame.Rect(x, y, w, h), label, action, "quiet", ui.small)
        x -= ui.px(6)
    done = timer.remaining <= 0
    text = ui.tr("class_timer_done") + " · 00:00" if done else timer.label
    block = ui.render(text, ui.small, t.accent_text, 0, "bold")
    pill = pygame.Rect(0, y, block.get_width() + ui.px(20), h)
    pill.right = x
    fill = t.accent
    if done:
        pulse = 0.5 + 0.5 * math.sin(timer.signal * 6) if timer.signal else 1.0
        fill = tuple(round(a + (b - a) * pulse) for a, b in zip(t.accent, t.good, strict=True))
    pygame.draw.rect(ui.surface, fill, pill, border_radius=h // 2)
    ui.surface.blit(block, block.get_rect(center=pill.center))
    return pygame.Rect(pill.x, y, right - pill.x, h)


def draw_tally(ui: Ui, tally: VoteTally, i: int, rect: pygame.Rect, selected: bool) -> None:
    """One choice's hands as a bar (relative to the most hands), the number at its end."""
    t = ui.theme
    most = max(max(tally.hands), 1)
    track = pygame.Rect(rect.x, rect.centery - ui.px(9), rect.w - ui.px(56), ui.px(18))
    pygame.draw.rect(ui.surface, t.track, track, border_radius=track.h // 2)
    n = tally.hands[i]
    if n:
        fill = pygame.Rect(track.x, track.y, max(track.h, track.w * n // most), track.h)
        color = t.good if i in leaders(tally.hands) else t.accent
        pygame.draw.rect(ui.surface, color, fill, border_radius=track.h // 2)
    num = ui.render(str(n), ui.h2, t.text, 0, "bold")
    ui.surface.blit(num, num.get_rect(midright=(rect.right, rect.centery)))
    if selected:
        pygame.draw.rect(ui.surface, t.focus, rect.inflate(ui.px(8), ui.px(8)), 2, ui.px(6))


def draw_notes(ui: Ui, view: View, area: ScrollArea, box: pygame.Rect) -> None:
    """The facilitator's notes and discussion questions for this node, in their own panel."""
    t, lang = ui.theme, ui.lang
    ui.panel(box.inflate(ui.px(16), ui.px(16)), t.panel_alt)
    y = ui.begin_area(area, box)
    y = ui.text(ui.tr("class_notes_title"), box.x, y, ui.h2, t.text, box.w, "bold").bottom
    notes = view.notes.get(lang) if view.notes else ""
    if not notes and not view.questions:
        notes = ui.tr("class_no_notes")
    if notes:
        y = ui.text(notes, box.x, y + ui.px(4), ui.body, t.text, box.w).bottom
    if view.questions:
        y = ui.text(
            ui.tr("class_questions"), box.x, y + ui.px(10), ui.body, t.text, box.w, "bold"
        ).bottom
        for n, q in enumerate(view.questions, 1):
            y = ui.text(f"{n}. {q.get(lang)}", box.x, y + ui.px(4), ui.body, t.text, box.w).bottom
    ui.end_area(y + ui.px(6))


def vote_summary(hands: Sequence[int]) -> str:
    """'12 · 20 · 3' for a compact line where a chart does not fit."""
    return " · ".join(str(n) for n in hands)


def draw_votes(ui: Ui, votes, choices, chosen: int, x: int, y: int, width: int, draw: bool) -> int:
    """How the class voted at one decision: a bar per choice with its hands and its text.

    ``votes`` is a VoteRecord (hands by the choice's index in the node), ``choices`` the
    texts of the node's choices in that order. With ``draw=False`` only measures.
    Returns the y below the chart.
    """
    t = ui.theme
    total = sum(votes.hands.values())
    head = ui.tr("class_votes", n=total)
    if votes.tie_broken:
        head += f" · {ui.tr('class_tie_broken')}"
    block = ui.render(head, ui.small, t.text, width, "bold")
    if draw:
        ui.surface.blit(block, (x, y))
    y += block.get_height() + ui.px(4)
    most = max(max(votes.hands.values(), default=0), 1)
    bar_w = min(width // 3, ui.px(180))
    for index, hands in sorted(votes.hands.items()):
        style = "bold" if index == chosen else "regular"
        text = choices[index].get(ui.lang) if index < len(choices) else str(index + 1)
        label = ui.render(f"{hands} · {text}", ui.small, t.text, width - bar_w - ui.px(10), style)
        if draw:
            bar = pygame.Rect(x, y + ui.px(3), max(ui.px(4), bar_w * hands // most), ui.px(12))
            pygame.draw.rect(ui.surface, t.track, (x, bar.y, bar_w, bar.h), border_radius=ui.px(6))
            color = t.good if index == chosen else t.accent
            pygame.draw.rect(ui.surface, color, bar, border_radius=ui.px(6))
            ui.surface.blit(label, (x + bar_w + ui.px(10), y))
        y += label.get_height() + ui.px(4)
    return y + ui.px(4)
