"""One decision at a time in front of a class: read, vote, close, reveal, play on.

A :class:`Lesson` is the classroom's state machine around an engine :class:`Play`. It knows
nothing of pygame: the projector scene draws it, the facilitator's console and phone steer
it (commands), and the phones' votes come from the class server when there is one. Hand
counts typed on the laptop are the fallback and are added to the phones' votes.

    situation --open_vote--> voting --close_vote--> closed --reveal--> reveal --next--> situation
                                                      | (a tie waits for the facilitator's pick)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from engine.play import Play, Preview
from engine.records import leaders
from engine.session import Outcome, View
from engine.text import LocalText
from game.timer import DiscussionTimer

Phase = Literal["situation", "voting", "closed", "reveal"]
MAX_HANDS = 999


class VoteServer(Protocol):
    """What a lesson needs of the class server (classroom.ClassServer has it)."""

    def open_vote(self, decision_key: str, options: list, prompt: Any = "") -> int: ...
    def close_vote(self) -> Any: ...
    def tally(self) -> Any: ...
    def poll_commands(self) -> list: ...
    def publish_state(self, state: dict) -> None: ...
    def participants(self) -> list: ...


@dataclass(frozen=True)
class Split:
    """The class's votes per shown option: phones + hands, with the share of each."""

    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    def share(self, i: int) -> float:
        return self.counts[i] / self.total if self.total else 0.0

    @property
    def leaders(self) -> list[int]:
        return leaders(list(self.counts)) if self.total else []


def _local(text: LocalText) -> dict[str, str]:
    return {"id": text.get("id"), "en": text.get("en")}


class Lesson:
    """The class's play of one scenario, decision by decision."""

    def __init__(self, play: Play, server: VoteServer | None = None) -> None:
        self.play = play
        self.server = server
        self.timer = DiscussionTimer()
        self.outcomes: list[Outcome] = []
        self._start_decision()

    # -- per decision --------------------------------------------------------------------
    def _start_decision(self) -> None:
        self.view: View = self.play.view()
        self.previews: tuple[Preview, ...] = self.play.previews() if not self.finished else ()
        self.phase: Phase = "situation"
        self.hands = [0] * len(self.view.choices)
        self.row = 0  # the hand-count row the laptop's digits type into
        self.final: Split | None = None
        self.named: tuple[tuple[str, int], ...] = ()
        self.pick: int | None = None
        self.questions_shown = False
        self.refused = ""  # why the last request was not done (a key for ui.yaml), or ""
        self.timer.reset()

    @property
    def finished(self) -> bool:
        return self.play.finished

    @property
    def decision_key(self) -> str:
        return f"{self.play.story_id}/{self.view.node_id}/{self.play.step + 1}"

    # -- the vote ------------------------------------------------------------------------
    def open_vote(self) -> bool:
        if self.phase != "situation" or self.finished:
            return self._refuse("class_refused_not_now")
        if self.server is not None:
            options = [_local(c.text) for c in self.view.choices]
            prompt = _local(self.view.title or self.view.text)
            self.server.open_vote(self.decision_key, options, prompt)
        self.phase = "voting"
        return self._done()

    def close_vote(self) -> bool:
        if self.phase != "voting":
            return self._refuse("class_refused_not_voting")
        phones = [0] * len(self.hands)
        if self.server is not None:
            tally = self.server.close_vote()
            if tuple(getattr(tally, "counts", ())) and len(tally.counts) == len(phones):
                phones = list(tally.counts)
                self.named = tuple((str(n), int(i)) for n, i in getattr(tally, "named", ()))
        self.final = Split(tuple(p + h for p, h in zip(phones, self.hands, strict=True)))
        self.phase = "closed"
        return self._done()

    def live(self) -> Split:
        """The split to show now: the final one once closed, else phones so far + hands."""
        if self.final is not None:
            return self.final
        phones = [0] * len(self.hands)
        if self.server is not None and self.phase == "voting":
            tally = self.server.tally()
            if getattr(tally, "decision_key", None) == self.decision_key and len(
                tally.counts
            ) == len(phones):
                phones = list(tally.counts)
        return Split(tuple(p + h for p, h in zip(phones, self.hands, strict=True)))

    @property
    def needs_pick(self) -> bool:
        """Closed on a tie and the facilitator has not picked yet."""
        return self.final is not None and len(self.final.leaders) > 1 and self.pick is None

    def tie_pick(self, i: int) -> bool:
        if self.final is None or i not in self.final.leaders:
            return self._refuse("class_refused_not_a_leader")
        self.pick = i
        return self._done()

    @property
    def played(self) -> int | None:
        """The option the class plays: the majority, or the facilitator's pick on a tie."""
        if self.final is None or not self.final.total:
            return None
        top = self.final.leaders
        return top[0] if len(top) == 1 else self.pick

    def reveal(self) -> bool:
        if self.phase != "closed":
            return self._refuse("class_refused_not_closed")
        if self.final is None or not self.final.total:
            return self._refuse("class_refused_no_votes")
        if self.played is None:
            return self._refuse("class_refused_tie")
        self.phase = "reveal"
        return self._done()

    def next(self) -> Outcome | None:
        """Play the class's option (recorded with the votes) and go to the next decision."""
        if self.phase != "reveal" or self.played is None or self.final is None:
            self._refuse("class_refused_not_revealed")
            return None
        outcome = self.play.choose(self.played, votes=list(self.final.counts), named=self.named)
        self.outcomes.append(outcome)
        self._start_decision()
        return outcome

    def show_questions(self) -> bool:
        """The discussion questions go on the shared screen only after the vote is closed."""
        if self.phase not in ("closed", "reveal"):
            return self._refuse("class_refused_questions")
        self.questions_shown = not self.questions_shown
        return self._done()

    # -- hand counts (no network, or people without a phone) ------------------------------
    def select_row(self, row: int) -> None:
        if 0 <= row < len(self.hands):
            self.row = row

    def set_hands(self, row: int, n: int) -> None:
        if self.phase in ("situation", "voting") and 0 <= row < len(self.hands):
            self.hands[row] = max(0, min(MAX_HANDS, n))

    def digit(self, d: int) -> None:
        self.set_hands(self.row, self.hands[self.row] * 10 + d if self.hands else 0)

    # -- commands from the console and the facilitator's phone ----------------------------
    def apply(self, kind: str, arg: object = None) -> Outcome | None:
        """One facilitator command by name; unknown ones are ignored (never raise)."""
        actions = {
            "open_vote": self.open_vote,
            "close_vote": self.close_vote,
            "reveal": self.reveal,
            "show_questions": self.show_questions,
            "timer_start": self._timer_start,
            "timer_pause": self._timer_pause,
            "timer_reset": self.timer.reset,
        }
        if kind == "next":
            return self.next()
        if kind == "tie_pick" and isinstance(arg, int) and not isinstance(arg, bool):
            self.tie_pick(arg)
        elif kind in actions:
            actions[kind]()
        return None

    def toggle_timer(self) -> None:
        self.apply("timer_pause" if self.timer.running else "timer_start")

    def _timer_start(self) -> None:
        if not self.timer.running:
            self.timer.toggle()

    def _timer_pause(self) -> None:
        if self.timer.running:
            self.timer.toggle()

    def tick(self, dt: float) -> tuple[bool, list[Outcome]]:
        """Advance the timer and apply the phone commands: (time ran out now, outcomes)."""
        rang = self.timer.update(dt)
        outcomes = []
        if self.server is not None:
            for command in self.server.poll_commands():
                outcome = self.apply(command.kind, command.arg)
                if outcome is not None:
                    outcomes.append(outcome)
        return rang, outcomes

    def facilitator_state(self, lang: str) -> dict[str, Any]:
        """What the facilitator's phone shows: notes, questions, the split, the timer."""
        view = self.view
        split = self.live()
        return {
            "title": _local(view.title or view.text),
            "notes": [_local(view.notes)] if view.notes else [],
            "questions": [_local(q) for q in view.questions],
            "phase": self.phase,
            "counts": list(split.counts),
            "options": [_local(c.text) for c in view.choices],
            "played": self.played,
            "timer": {"running": self.timer.running, "remaining": round(self.timer.remaining)},
            "finished": self.finished,
            "lang": lang,
        }

    def _refuse(self, why: str) -> bool:
        self.refused = why
        return False

    def _done(self) -> bool:
        self.refused = ""
        return True
