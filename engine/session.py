"""A play-through: the only mutable thing. ``view()`` says what to show, ``choose(i)`` acts.

Mirrors ink's runtime: the Library (content) never changes; the Session (state) is small,
deterministic and saved as JSON, so a game can be resumed or recorded exactly.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from engine.history import History
from engine.library import DAY_VARIABLE, Library, Story, Verdict
from engine.model import Character, Ending, Node, Rule
from engine.text import LocalText

if TYPE_CHECKING:
    from collections.abc import Mapping

SAVE_FORMAT = 3
# 1 had no seed (its options stay in file order); 1 and 2 kept the history as rows
READ_FORMATS = (1, 2, 3)


class ChoiceError(ValueError):
    """The caller chose something that is not on offer right now."""


class SaveError(ValueError):
    """A saved session that cannot be restored (wrong scenario, changed content, bad data)."""


@dataclass(frozen=True)
class ChoiceView:
    """An option as the player sees it; ``index`` is what to pass to :meth:`Session.choose`."""

    index: int
    choice_index: int
    text: LocalText


class View(NamedTuple):
    """Everything a screen needs to draw the current moment of the story.

    Named tuples, not frozen dataclasses: one is built on every step, and a frozen
    dataclass of 15 fields takes about 2 us to build against 0.4 us for a named tuple.
    """

    node_id: str
    title: LocalText | None
    speaker: Character | None
    speaker_id: str | None
    text: LocalText
    image: str | None
    choices: tuple[ChoiceView, ...]
    day: int | None
    deadline: int | None
    deadline_label: LocalText | None
    step: int
    progress: float
    ending: Ending | None
    notes: LocalText | None
    questions: tuple[LocalText, ...]
    stakes: LocalText | None = None  # who or what is at stake now (node's, else scenario's)

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def stuck(self) -> bool:
        """A dead end: no ending, and no choice open here (every condition false).

        lint warns about it; a play that meets one anyway must end with a notice, not ask
        the player to pick from nothing.
        """
        return self.ending is None and not self.choices


class Outcome(NamedTuple):
    """What one decision did: the feedback, the score changes, the rules it relates to.

    ``verdict`` is how the outcome screen judges the choice (from the scenario's data);
    ``choice_index`` is the choice's index in its node, ``position`` where it was shown.
    """

    node_id: str
    choice_index: int
    choice_text: LocalText
    feedback: LocalText
    deltas: Mapping[str, int]
    rules: tuple[Rule, ...]
    days_passed: int
    day: int | None
    ending: Ending | None
    next: View
    verdict: Verdict
    position: int

    @property
    def finished(self) -> bool:
        return self.ending is not None


class _Saved(NamedTuple):
    """A saved session's fields, checked (see :func:`_read_saved`)."""

    format: int
    scenario: str
    version: str
    node: str
    variables: dict[str, bool | int | str]
    scores: dict[str, int]
    history: History
    ending: str | None
    seed: int | None


_REQUIRED = {"format", "scenario", "version", "node", "variables", "scores", "history", "ending"}
_SAVE_KEYS = _REQUIRED | {"seed"}


def _is_int(value: object) -> bool:
    return type(value) is int  # not bool


def _read_saved(text: str) -> _Saved:
    """Parse and type-check a saved session by hand: a resume (and every recorded decision's
    state) pays for this, and a 500-decision history checked by pydantic cost ~1 ms."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise SaveError("the saved game is damaged (not JSON)") from None
    problems = []
    if not isinstance(data, dict) or not _REQUIRED <= data.keys() <= _SAVE_KEYS:
        raise SaveError("the saved game is damaged (its fields are not a saved game's)")
    for key in ("scenario", "version", "node"):
        if not isinstance(data[key], str):
            problems.append(key)
    if not _is_int(data["format"]):
        problems.append("format")
    elif data["format"] not in READ_FORMATS:  # before the history, whose shape it decides
        raise SaveError(f"the saved game has format {data['format']}; expected {SAVE_FORMAT}")
    if data["ending"] is not None and not isinstance(data["ending"], str):
        problems.append("ending")
    seed = data.get("seed")
    if seed is not None and not _is_int(seed):
        problems.append("seed")
    variables, scores, history = data["variables"], data["scores"], data["history"]
    if not isinstance(variables, dict) or not all(
        isinstance(v, bool | int | str) for v in variables.values()
    ):
        problems.append("variables")
    if not isinstance(scores, dict) or not all(_is_int(v) for v in scores.values()):
        problems.append("scores")
    columns = History.from_data(history) if data["format"] == 3 else History.from_rows(history)
    if columns is None:
        problems.append("history")
    if problems:
        raise SaveError(f"the saved game is damaged ({len(problems)} problem(s))")
    return _Saved(
        data["format"], data["scenario"], data["version"], data["node"], variables, scores,
        columns, data["ending"], seed,
    )  # fmt: skip


class Session:
    """The state of one play-through of one story."""

    def __init__(self, library: Library, story: Story | str, seed: int | None = None) -> None:
        """``seed``: the options of each node are shown in an order drawn from it (the same
        seed, the same order, so a resume or replay shows what the player saw); None keeps
        the file order. A scenario or node with ``pin_order`` always keeps the file order."""
        self.library = library
        self.story = library.story(story) if isinstance(story, str) else story
        self.node = self.story.scenario.start
        self.variables: dict[str, bool | int | str] = self.story.initial_variables()
        self.scores: dict[str, int] = {v: 0 for v in library.value_ids}
        self.history = History()
        self.ending: str | None = None
        self.seed = seed
        self._orders: dict[tuple[str, tuple[int, ...]], list[int]] = {}

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def day(self) -> int:
        return int(self.variables[DAY_VARIABLE])

    def _open(self) -> list[int]:
        """The open choices' indices in the order they are shown."""
        if self.finished:
            return []
        open_now = self.story.open_choices(self.node, self.variables)
        if self.seed is None or len(open_now) < 2:
            return open_now
        key = (self.node, tuple(open_now))
        order = self._orders.get(key)
        if order is None:
            order = list(open_now)
            if not self.story.pinned(self.node):
                random.Random(f"{self.seed}:{self.node}").shuffle(order)
            self._orders[key] = order
        return order

    def view(self) -> View:
        """What to show now: the situation and the choices open right now, or the ending."""
        return self._view(None)

    def _view(self, open_now: list[int] | None) -> View:
        # Positional arguments in field order: keyword calls cost microseconds per step.
        sc = self.story.scenario
        calendar = sc.calendar
        if calendar:
            day, deadline, label = (
                int(self.variables[DAY_VARIABLE]),
                calendar.deadline,
                calendar.label,
            )
        else:
            day = deadline = label = None
        step = len(self.history)
        if self.ending is not None:
            end = sc.endings[self.ending]
            return View(
                self.ending, end.title, None, None, end.text, end.image, (),
                day, deadline, label, step, 1.0, end, end.notes, (),
            )  # fmt: skip
        node = sc.nodes[self.node]
        choices = self._choice_views(node, self._open() if open_now is None else open_now)
        left = self.story.steps_left.get(self.node, 0)  # precomputed: no analysis here
        progress = step / (step + left) if step + left else 0.0
        speaker = sc.characters.get(node.speaker) if node.speaker else None
        return View(
            self.node, node.title, speaker, node.speaker, node.text, node.image, choices,
            day, deadline, label, step, progress, None, node.notes, tuple(node.questions),
            node.stakes or sc.stakes,
        )  # fmt: skip

    def _choice_views(self, node: Node, open_now: list[int]) -> tuple[ChoiceView, ...]:
        """The open choices as views; the same few combinations recur, so they are kept."""
        key = (self.node, *open_now)
        memo = self.story.memo
        views = memo.get(key)
        if views is None:
            views = tuple(
                ChoiceView(pos, idx, node.choices[idx].text) for pos, idx in enumerate(open_now)
            )
            memo[key] = views
        return views

    def choose(self, index: int) -> Outcome:
        """Take the ``index``-th open choice (0-based, as listed by :meth:`view`)."""
        if self.finished:
            raise ChoiceError("the scenario has ended; no more choices can be made")
        open_now = self._open()
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(open_now):
            raise ChoiceError(
                f"choice {index!r} is not open at '{self.node}': "
                f"{len(open_now)} choice(s) are open (0..{len(open_now) - 1})"
            )
        choice_index = open_now[index]
        story = self.story
        node_id = self.node
        choice = story.choice(node_id, choice_index)
        self.history.append(node_id, choice_index, self.day)
        scores = self.scores
        for value, delta in choice.scores.items():
            scores[value] = scores.get(value, 0) + delta
        self.variables = story.after(self.variables, choice)
        endings = story.scenario.endings
        if choice.next in endings:
            self.ending = choice.next
            next_view = self._view([])
        else:
            self.node = choice.next
            next_view = self._view(None)
        rules = self.library.rules
        return Outcome(  # positional, in field order (see _view)
            node_id,
            choice_index,
            choice.text,
            choice.feedback,
            dict(choice.scores),
            tuple(rules[r] for r in choice.rules) if choice.rules else (),
            choice.days,
            next_view.day,
            endings[self.ending] if self.ending else None,
            next_view,
            story.verdict(node_id, choice_index),
            index,
        )

    def to_json(self) -> str:
        """The whole state as JSON: enough to resume exactly or to keep as a record."""
        return json.dumps(
            {
                "format": SAVE_FORMAT,
                "scenario": self.story.id,
                "version": self.story.scenario.version,
                "node": self.node,
                "variables": self.variables,
                "scores": self.scores,
                "history": self.history.to_data(),
                "ending": self.ending,
                "seed": self.seed,
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, library: Library, text: str) -> Session:
        """Restore a saved session, or raise :class:`SaveError` saying why it cannot be."""
        saved = _read_saved(text)
        if saved.scenario not in library.stories:
            raise SaveError(f"the saved game's scenario '{saved.scenario}' is not loaded")
        session = cls(library, saved.scenario, saved.seed)
        sc = session.story.scenario
        if saved.version != sc.version:
            raise SaveError(
                f"'{saved.scenario}' changed from version {saved.version} to {sc.version}"
            )
        if saved.node not in sc.nodes or (saved.ending and saved.ending not in sc.endings):
            raise SaveError(f"the saved position '{saved.node}' no longer exists")
        if set(saved.variables) != set(session.variables):
            raise SaveError("the saved game's variables do not match the scenario")
        session.node, session.ending = saved.node, saved.ending
        session.variables = dict(saved.variables)
        session.scores = {**session.scores, **saved.scores}
        stray = saved.history.first_stray(session.story.choice_counts)
        if stray is not None:
            node, choice, _ = saved.history[stray]
            raise SaveError(
                f"'{saved.scenario}' was edited without a new version (still "
                f"{sc.version}): decision {stray + 1} ({node}, choice {choice + 1}) no longer "
                "exists; raise version: when editing a scenario that has been played"
            )
        session.history = saved.history
        return session
