"""One play-through from start to debrief: the only API the game, text player and class use.

A :class:`Play` owns a private :class:`~engine.session.Session` and writes every decision to
the records as it is taken (or keeps it in memory when nothing is saved)::

    play = Play.begin(library, "gratifikasi", records=records, player=player)
    view = play.view()                      # what to show now (options in the play's order)
    outcome = play.choose(i)                # committed at once; outcome.verdict, .choice_index
    outcome = play.choose(i, votes=[12, 20, 3])   # classroom: hands per shown option
    play.debrief()                          # once finished
    play.rebase(new_library)                # hot reload: keep the place, or restart recorded
    play.saving, play.save_error            # is it being saved, and if not, why

A failed write never ends the play: the decision stays in memory, ``save_error`` says why,
and the next decision tries again to write everything still waiting, in order, in one
transaction. What reached the disk is always a consistent prefix of the play, so the next
start offers to resume from it.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from engine.debrief import Debrief, build_debrief
from engine.history import Decision
from engine.library import Verdict
from engine.model import Rule
from engine.record_types import Mode, PlayerRecord, SessionRecord, VoteRecord
from engine.records import (
    PendingDecision,
    StepTaken,
    leaders,
    update_version,
    write_decisions,
)
from engine.session import ChoiceError, Outcome, Session, View
from engine.text import LocalText

if TYPE_CHECKING:
    from engine.library import Library, Story
    from engine.records import Records

RebaseKind = Literal["kept", "restarted", "gone"]


@dataclass(frozen=True)
class Preview:
    """A shown option and where it leads, before anyone chooses it."""

    choice_index: int
    text: LocalText
    verdict: Verdict
    feedback: LocalText
    deltas: Mapping[str, int]
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Rebase:
    """What a hot reload did to the play: kept its place, restarted, or found it gone."""

    kind: RebaseKind
    story_id: str
    node: str


def new_seed() -> int:
    """A seed for the order of the options: fresh per play, recorded with it."""
    return random.SystemRandom().randrange(1, 2**31)


class Play:
    """A play-through with its recorder. Create with :meth:`begin` or :meth:`resume`."""

    def __init__(
        self,
        session: Session,
        mode: Mode,
        records: Records | None = None,
        session_id: int | None = None,
        player: PlayerRecord | None = None,
        programme_id: str | None = None,
    ) -> None:
        self._session = session
        self.mode: Mode = mode
        self.records = records
        self.session_id = session_id
        self.player = player
        self.programme_id = programme_id
        # Why decisions are not on disk: None (they are), "not-saved" (no records for this
        # play), "taken" (another game plays this session), "disk-full", "read-only",
        # "locked" or "error"; ``save_detail`` has the system's words.
        self.save_error: str | None = None if records is not None else "not-saved"
        self.save_detail = ""
        self.attempts = 1  # a hot reload that loses the place starts attempt 2, 3...
        self._pending: list[PendingDecision] = []
        self._votes: dict[int, VoteRecord] = {}

    # -- creating ------------------------------------------------------------------------
    @classmethod
    def begin(
        cls,
        library: Library,
        story: Story | str,
        *,
        records: Records | None = None,
        player: PlayerRecord | None = None,
        mode: Mode = "individual",
        programme_id: str | None = None,
        seed: int | Literal["new"] | None = "new",
    ) -> Play:
        """A new play; recorded when ``records`` and ``player`` are given.

        ``seed="new"`` shuffles the options with a fresh seed; None keeps the file order.
        A row that cannot be written still gives a play, in memory, with ``save_error`` set.
        """
        if mode not in ("individual", "classroom"):
            raise ValueError(f"mode must be individual or classroom, not {mode!r}")
        session = Session(library, story, new_seed() if seed == "new" else seed)
        play = cls(session, mode, None, None, player, programme_id)
        if records is not None and player is not None:
            play._open_row(records)
        return play

    @classmethod
    def resume(cls, library: Library, records: Records, saved: SessionRecord) -> Play:
        """Continue ``saved`` in the same row (SaveError when it no longer restores)."""
        from engine.session import SaveError

        if saved.finished:
            raise SaveError("this session has already ended")
        session = Session.from_json(library, saved.state)
        play = cls(session, saved.mode, records, saved.id, saved.player, saved.programme_id)
        play.save_error = None
        for d in records.decisions(saved.id):
            if d.votes is not None:
                play._votes[d.step] = d.votes
        return play

    def _open_row(self, records: Records) -> None:
        assert self.player is not None
        try:
            self.session_id = records.create_session(
                self.player, self._session.story, self.mode, self.programme_id,
                self._session.to_json(),
            )  # fmt: skip
        except (sqlite3.Error, OSError) as exc:
            self.records, self.session_id = None, None
            self._failed(exc)
            return
        self.records, self.save_error = records, None

    # -- reading -------------------------------------------------------------------------
    @property
    def story(self) -> Story:
        return self._session.story

    @property
    def story_id(self) -> str:
        return self._session.story.id

    @property
    def finished(self) -> bool:
        return self._session.finished

    @property
    def stuck(self) -> bool:
        """The play is at a dead end: no ending and no choice open (see ``View.stuck``)."""
        return self._session.view().stuck

    @property
    def saving(self) -> bool:
        """Whether every decision so far is on disk."""
        return self.save_error is None

    @property
    def waiting(self) -> int:
        """Decisions taken but not yet written."""
        return len(self._pending)

    @property
    def step(self) -> int:
        return len(self._session.history)

    @property
    def scores(self) -> dict[str, int]:
        return dict(self._session.scores)

    @property
    def history(self) -> tuple[Decision, ...]:
        return tuple(self._session.history)

    @property
    def day(self) -> int:
        return self._session.day

    def view(self) -> View:
        return self._session.view()

    def state_json(self) -> str:
        return self._session.to_json()

    def votes(self) -> dict[int, VoteRecord]:
        """The class's votes so far, by step (1-based, as in the debrief's decisions)."""
        return dict(self._votes)

    def debrief(self) -> Debrief:
        """The debrief (ValueError while the play has not ended)."""
        return build_debrief(self._session)

    # -- acting --------------------------------------------------------------------------
    def previews(self) -> tuple[Preview, ...]:
        """Every shown option with where it leads: its verdict, feedback, score changes and
        rules, in view order. For the class's reveal ("what the other options would have
        done"); nothing is chosen."""
        story, node = self._session.story, self._session.node
        rules = self._session.library.rules
        out = []
        for shown in self._session.view().choices:
            choice = story.choice(node, shown.choice_index)
            out.append(
                Preview(
                    shown.choice_index,
                    choice.text,
                    story.verdict(node, shown.choice_index),
                    choice.feedback,
                    dict(choice.scores),
                    tuple(rules[r] for r in choice.rules),
                )
            )
        return tuple(out)

    def choose(
        self,
        index: int,
        votes: Sequence[int] | None = None,
        named: Sequence[tuple[str, int]] = (),
    ) -> Outcome:
        """Play shown option ``index`` and record it at once.

        ``votes``: the class's hands per shown option; ``index`` must then be one of the
        :func:`~engine.records.leaders` (on a tie, the facilitator's pick is recorded as such).
        ``named``: (participant, shown option) for every voter who gave a name or NIP.
        """
        shown = self._session.view().choices
        if votes is not None:
            votes = list(votes)
            if len(votes) != len(shown) or any(
                isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 100_000
                for n in votes
            ):
                raise ChoiceError(f"votes need one count (0 to 100000) per shown option: {votes!r}")
            if index not in leaders(votes):
                raise ChoiceError(f"option {index} did not get the most hands ({votes})")
        outcome = self._session.choose(index)
        step = len(self._session.history)
        decision = self._session.history[-1]
        rows: tuple[tuple[int, int, bool], ...] = ()
        people: tuple[tuple[str, int], ...] = ()
        if votes is not None:
            tie = len(leaders(votes)) > 1
            rows = tuple(
                (c.choice_index, n, tie and c.index == index)
                for c, n in zip(shown, votes, strict=True)
            )
            people = tuple(
                (str(name)[:80], shown[pos].choice_index)
                for name, pos in named
                if isinstance(pos, int) and 0 <= pos < len(shown) and str(name).strip()
            )
            self._votes[step] = VoteRecord({c: n for c, n, _ in rows}, tie, people)
        clock = self.records.clock if self.records is not None else _no_clock
        self._pending.append(
            PendingDecision(
                step, decision.node, decision.choice, decision.day, clock(), rows, people
            )
        )
        self._flush()
        return outcome

    def _flush(self) -> None:
        """Write what waits; on failure keep it waiting and say why (never raise)."""
        if self.records is None or self.session_id is None:
            self._pending.clear()  # an unsaved play keeps its history in the session only
            return
        session = self._session
        try:
            write_decisions(
                self.records,
                self.session_id,
                self._pending,
                session.to_json(),
                session.ending,
                json.dumps(session.scores, sort_keys=True) if session.finished else None,
                story=session.story,
            )
        except StepTaken:
            # Another game plays this session: leave its rows alone, go on unsaved.
            self.records, self.save_error, self.save_detail = None, "taken", ""
            self._pending.clear()
            return
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)
            return
        self._pending.clear()
        self.save_error, self.save_detail = None, ""

    def _failed(self, exc: BaseException) -> None:
        self.save_error, self.save_detail = describe(exc)

    def discard(self) -> None:
        """Stop offering this unfinished play for resume (its decisions stay recorded)."""
        if self.records is not None and self.session_id is not None and not self.finished:
            try:
                self.records.abandon(self.session_id)
            except (sqlite3.Error, OSError) as exc:
                self._failed(exc)

    def rebase(self, library: Library) -> Rebase:
        """Hot reload: continue on ``library``'s version of this scenario.

        - the node (or ending) still exists: same place, variables, scores and history, and the
          row follows the new version (``kept``);
        - it does not: the old attempt is abandoned and a new one starts at the beginning,
          recorded as a new session, never reusing a step (``restarted``);
        - the scenario is gone or no longer loads: the play goes on with the content it has
          (``gone``).
        """
        old = self._session
        story_id = old.story.id
        if story_id not in library.stories:
            return Rebase("gone", story_id, old.node)
        new = Session(library, story_id, old.seed)
        sc = new.story.scenario
        if old.ending is not None and old.ending in sc.endings:
            new.ending = old.ending
        elif old.ending is None and old.node in sc.nodes:
            new.node = old.node
        else:
            self._restart(new)
            return Rebase("restarted", story_id, old.node)
        for name, value in old.variables.items():
            if name in new.variables and type(value) is type(new.variables[name]):
                new.variables[name] = value
        new.scores.update({k: v for k, v in old.scores.items() if k in new.scores})
        new.history = old.history.copy()
        self._session = new
        if self.records is not None and self.session_id is not None and not self._pending:
            try:
                update_version(self.records, self.session_id, sc.version, new.to_json())
            except (sqlite3.Error, OSError) as exc:
                self._failed(exc)
        return Rebase("kept", story_id, old.node)

    def _restart(self, session: Session) -> None:
        records = self.records
        self.discard()
        self._session, self._pending, self._votes = session, [], {}
        self.attempts += 1
        if records is not None and self.player is not None:
            self._open_row(records)


def _no_clock() -> str:
    return ""


def describe(exc: BaseException) -> tuple[str, str]:
    """Why a write failed, as a kind the game words for people, and the system's detail."""
    text = str(exc).strip()
    lowered = text.lower()
    if "full" in lowered or getattr(exc, "errno", None) == 28:
        kind = "disk-full"
    elif "readonly" in lowered or "read-only" in lowered or "permission" in lowered:
        kind = "read-only"
    elif "locked" in lowered or "busy" in lowered:
        kind = "locked"
    else:
        kind = "error"
    return kind, text
