"""The classroom's state machine, without a display: vote, close, tie, reveal, play on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from engine.loader import load_library
from engine.play import Play
from engine.records import Records
from game.lesson import Lesson

KELAS = Path(__file__).parent / "fixtures" / "classroom" / "kelas.yaml"


@dataclass
class FakeTally:
    decision_key: str
    counts: tuple[int, ...]
    named: tuple[tuple[str, int], ...] = ()


@dataclass
class FakeServer:
    """Records what the lesson asks; votes and commands are set by the test."""

    opened: list[tuple[str, list]] = field(default_factory=list)
    counts: tuple[int, ...] = ()
    named: tuple[tuple[str, int], ...] = ()
    commands: list = field(default_factory=list)
    published: list = field(default_factory=list)

    def open_vote(self, decision_key, options, prompt=""):
        self.opened.append((decision_key, options))
        self.counts = tuple(0 for _ in options)
        return len(self.opened)

    def tally(self):
        return FakeTally(self.opened[-1][0], self.counts, self.named)

    def close_vote(self):
        return self.tally()

    def poll_commands(self):
        out, self.commands = self.commands, []
        return out

    def publish_state(self, state):
        self.published.append(state)

    def participants(self):
        return []


@dataclass
class Cmd:
    kind: str
    arg: object = None


@pytest.fixture
def lesson(tmp_path):
    library = load_library([KELAS])
    records = Records.open(tmp_path)
    player = records.player("Kelas LATSAR-7", group="LATSAR-7")
    play = Play.begin(library, "kelas", records=records, player=player, mode="classroom", seed=None)
    server = FakeServer()
    yield Lesson(play, server), server, records
    records.close()


def test_phones_and_hands_add_up_and_the_majority_is_played(lesson) -> None:
    lesson, server, records = lesson
    assert lesson.phase == "situation" and not lesson.reveal()  # nothing to reveal yet
    assert lesson.open_vote() and lesson.phase == "voting"
    key, options = server.opened[0]
    assert key == "kelas/" + lesson.view.node_id + "/1" and len(options) == len(lesson.hands)
    server.counts = (3, 9, 1)
    lesson.set_hands(0, 2)  # two people without a phone, counted by hand
    assert lesson.live().counts == (5, 9, 1)
    server.named = (("Ani", 1), ("Budi", 0))
    assert lesson.close_vote() and lesson.final.counts == (5, 9, 1)
    server.counts = (30, 9, 1)  # a late phone vote changes nothing any more
    assert lesson.live().counts == (5, 9, 1)
    assert lesson.reveal() and lesson.played == 1
    outcome = lesson.next()
    assert (
        outcome is not None
        and lesson.phase == "situation"
        and lesson.hands == [0] * len(lesson.view.choices)
    )
    (decision,) = records.decisions(lesson.play.session_id)
    assert decision.votes.hands == {0: 5, 1: 9, 2: 1} and not decision.votes.tie_broken
    assert {n for n, _ in decision.votes.named} == {"Ani", "Budi"}


def test_a_tie_waits_for_the_facilitators_pick(lesson) -> None:
    lesson, server, records = lesson
    lesson.open_vote()
    server.counts = (4, 4, 0)
    lesson.close_vote()
    assert lesson.needs_pick and not lesson.reveal() and lesson.refused == "class_refused_tie"
    assert not lesson.tie_pick(5)
    assert lesson.tie_pick(0) and lesson.reveal() and lesson.played == 0
    lesson.next()
    (decision,) = records.decisions(lesson.play.session_id)
    assert decision.votes.tie_broken


def test_questions_only_after_the_vote_and_commands_from_the_phone(lesson) -> None:
    lesson, server, _ = lesson
    assert not lesson.show_questions() and not lesson.questions_shown
    server.commands = [Cmd("open_vote"), Cmd("timer_start")]
    lesson.tick(0.0)
    assert lesson.phase == "voting" and lesson.timer.running
    server.counts = (0, 7, 0)
    server.commands = [Cmd("close_vote"), Cmd("show_questions"), Cmd("reveal"), Cmd("bogus", 3)]
    lesson.tick(0.5)
    assert lesson.phase == "reveal" and lesson.questions_shown
    server.commands = [Cmd("next")]
    _, outcomes = lesson.tick(0.1)
    assert len(outcomes) == 1 and lesson.phase == "situation" and not lesson.questions_shown


def test_no_votes_no_reveal_and_an_empty_class_without_server(tmp_path) -> None:
    library = load_library([KELAS])
    lesson = Lesson(Play.begin(library, "kelas", mode="classroom", seed=None), None)
    lesson.open_vote()
    lesson.close_vote()
    assert not lesson.reveal() and lesson.refused == "class_refused_no_votes"
    state = lesson.facilitator_state("id")
    assert state["phase"] == "closed" and state["counts"] == [0] * len(lesson.hands)
