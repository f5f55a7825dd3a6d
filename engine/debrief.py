"""The debrief of a finished session: the value profile and every decision with its rules.

Scores are shown against the range this scenario can actually reach (not an abstract
maximum), so a participant who earned 4 of a possible 4 sees a full bar.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from engine.library import Verdict
from engine.model import Ending, Rule, Scenario, Value
from engine.session import Session
from engine.text import LocalText

Level = Literal["high", "medium", "low", "unscored"]


@dataclass(frozen=True)
class Alternative:
    """An option of a decision as the debrief lists it: taken or not, and where it led."""

    choice_index: int
    text: LocalText
    verdict: Verdict
    deltas: Mapping[str, int]
    rules: tuple[Rule, ...]
    taken: bool


@dataclass(frozen=True)
class ValueResult:
    """One value's score, the reachable range, and where the score sits in it (0..1).

    ``approximate``: the scenario was too big to enumerate, so low..high are bounds that
    contain the reachable range (a side may be infinite when a loop can keep scoring).
    """

    value: Value
    score: int
    low: float
    high: float
    focus: bool
    approximate: bool = False

    @property
    def scored(self) -> bool:
        """False when no path through this scenario changes the value."""
        return self.low != self.high

    @property
    def position(self) -> float:
        if not self.scored or not math.isfinite(self.high - self.low):
            return 0.5
        return (self.score - self.low) / (self.high - self.low)

    @property
    def level(self) -> Level:
        """The score in plain words for this scenario: the top, middle or bottom third of
        what it can reach (participants do not read "2 of -11..9")."""
        if not self.scored:
            return "unscored"
        p = self.position
        return "high" if p >= 2 / 3 else "low" if p <= 1 / 3 else "medium"


@dataclass(frozen=True)
class DecisionReview:
    """One decision: the situation, what was chosen, why it mattered, and the rules."""

    step: int
    node_id: str
    situation: LocalText
    text: LocalText
    choice: LocalText
    feedback: LocalText
    deltas: Mapping[str, int]
    rules: tuple[Rule, ...]
    day: int | None
    choice_index: int = -1
    verdict: Verdict = "mixed"
    options: tuple[Alternative, ...] = ()


@dataclass(frozen=True)
class Debrief:
    scenario: Scenario
    ending: Ending
    ending_id: str
    values: tuple[ValueResult, ...]
    decisions: tuple[DecisionReview, ...]

    def result(self, value_id: str) -> ValueResult:
        return next(r for r in self.values if r.value.id == value_id)


def build_debrief(session: Session) -> Debrief:
    """The debrief of a finished session (raises ValueError if it has not ended)."""
    if session.ending is None:
        raise ValueError("the debrief needs a finished session")
    story, library = session.story, session.library
    sc = story.scenario
    reach = story.reach
    values = tuple(
        ValueResult(
            value,
            session.scores.get(value.id, 0),
            *reach.range(value.id),
            focus=value.id in sc.focus_values,
            approximate=reach.approximate,
        )
        for value in library.values
    )
    decisions = []
    for step, decision in enumerate(session.history, start=1):
        node = sc.nodes[decision.node]
        choice = node.choices[decision.choice]
        decisions.append(
            DecisionReview(
                step=step,
                node_id=decision.node,
                situation=node.title or node.text,
                text=node.text,
                choice=choice.text,
                feedback=choice.feedback,
                deltas=dict(choice.scores),
                rules=tuple(library.rules[r] for r in choice.rules),
                day=decision.day if sc.calendar else None,
                choice_index=decision.choice,
                verdict=story.verdict(decision.node, decision.choice),
                options=tuple(
                    Alternative(
                        i,
                        c.text,
                        story.verdict(decision.node, i),
                        dict(c.scores),
                        tuple(library.rules[r] for r in c.rules),
                        i == decision.choice,
                    )
                    for i, c in enumerate(node.choices)
                ),
            )
        )
    return Debrief(sc, sc.endings[session.ending], session.ending, values, tuple(decisions))
