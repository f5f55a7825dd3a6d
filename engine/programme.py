"""Programmes (paket): an ordered set of scenarios, a player's progress, a combined debrief.

A programme file sits among the scenarios and is told apart by a top-level ``scenarios:``
list (and no ``nodes:``)::

    id: orientasi_cpns
    title: {id: Orientasi CPNS, en: New civil servant orientation}
    summary: ...
    scenarios: [gratifikasi, konflik_kepentingan, pelayanan_loket]
    requires:                       # optional: scenario -> what must be finished first
      pelayanan_loket: [gratifikasi]

The game calls, with the records open (see engine/records.py)::

    progress = programme_progress(library, records, library.programmes["orientasi_cpns"], player.id)
    progress.steps          # ProgrammeStep per scenario: status done/in_progress/open/locked
    if progress.complete:
        debrief = programme_debrief(library, records, programme, player.id)
        debrief.values      # ValueResult per value: summed score against summed reachable range
        debrief.costly      # the decisions that cost the most, each with its rules
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from engine.debrief import DecisionReview, ValueResult, build_debrief
from engine.messages import msg
from engine.model import Programme, Scenario
from engine.problems import did_you_mean
from engine.session import SaveError, Session

if TYPE_CHECKING:
    from engine.library import Library, Story
    from engine.records import Records
    from engine.source_file import SourceFile

Status = Literal["done", "in_progress", "open", "locked"]
COSTLY_SHOWN = 5


def load_programmes(
    sources: Sequence[SourceFile], stories: Mapping[str, Story], broken: set[str]
) -> dict[str, Programme]:
    """Validate programme files; every scenario id named must be a loaded scenario.

    ``broken`` holds ids of scenarios whose files exist but did not load (reported there).
    A programme with any problem is left out, like a scenario with problems.
    """
    programmes: dict[str, Programme] = {}
    for source in sources:
        try:
            programme = Programme.model_validate(source.data)
        except ValidationError as exc:
            source.report_validation(exc, Programme)
            continue
        before = len(source.problems)
        if programme.id in programmes:
            source.report(("id",), msg("prog.id_used", id=programme.id))
        seen: set[str] = set()
        for i, sid in enumerate(programme.scenarios):
            if sid in seen:
                source.report(("scenarios", i), msg("prog.twice", id=sid))
            seen.add(sid)
            _check_scenario(source, ("scenarios", i), sid, stories, broken)
        for key, needs in programme.requires.items():
            if key not in seen:
                source.report(
                    ("requires", key),
                    msg("prog.not_listed", id=key, hint=did_you_mean(key, seen)),
                    at_value=False,
                )
            for j, need in enumerate(needs):
                if need not in seen:
                    source.report(
                        ("requires", key, j),
                        msg("prog.not_listed", id=need, hint=did_you_mean(need, seen)),
                    )
                elif need == key:
                    source.report(("requires", key, j), msg("prog.self", id=key))
        if cycle := _cycle(programme):
            source.report(
                ("requires",),
                msg("prog.cycle", cycle=" -> ".join(cycle)),
                at_value=False,
            )
        if len(source.problems) == before:
            programmes[programme.id] = programme
    return programmes


def _check_scenario(
    source: SourceFile,
    loc: tuple[str | int, ...],
    sid: str,
    stories: Mapping[str, Story],
    broken: set[str],
) -> None:
    if sid in stories:
        return
    if sid in broken:
        source.report(loc, msg("prog.broken", id=sid))
    else:
        source.report(loc, msg("prog.unknown", id=sid, hint=did_you_mean(sid, stories)))


def _cycle(programme: Programme) -> list[str]:
    """One loop in ``requires`` (e.g. a -> b -> a), or [] when there is none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for need in programme.requires.get(node, []):
            if need == node:
                continue  # reported on its own
            if state.get(need) == 1:
                return [*path[path.index(need) :], need] if need in path else [node, need]
            if need not in state and (found := visit(need, [*path, need])):
                return found
        state[node] = 2
        return []

    for start in programme.requires:
        if start not in state and (found := visit(start, [start])):
            return found
    return []


# -- progress -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgrammeStep:
    """One scenario of the programme for one player; ``session_id`` is the latest record."""

    scenario_id: str
    status: Status
    session_id: int | None
    waiting_for: tuple[str, ...]  # unfinished prerequisites (when locked)


@dataclass(frozen=True)
class Progress:
    programme: Programme
    steps: tuple[ProgrammeStep, ...]

    @property
    def done(self) -> int:
        return sum(s.status == "done" for s in self.steps)

    @property
    def complete(self) -> bool:
        return self.done == len(self.steps)

    @property
    def next_open(self) -> str | None:
        """The first scenario the player can play now (in progress first), if any."""
        for wanted in ("in_progress", "open"):
            for step in self.steps:
                if step.status == wanted:
                    return step.scenario_id
        return None


def finished_sessions(
    library: Library, records: Records, programme: Programme, player_id: int
) -> dict[str, Session]:
    """The latest finished, still restorable session of each programme scenario for a player.

    Sessions played outside the programme count too: the player did the scenario. A session
    of an older scenario version that no longer restores does not count (play it again).
    """
    found: dict[str, Session] = {}
    for record in reversed(records.sessions(player_id=player_id, finished=True)):
        sid = record.scenario_id
        if sid in programme.scenarios and sid not in found and sid in library.stories:
            try:
                found[sid] = Session.from_json(library, record.state)
            except SaveError:
                continue
    return found


def programme_progress(
    library: Library, records: Records, programme: Programme, player_id: int
) -> Progress:
    """Where a player stands in a programme, from the records."""
    done = finished_sessions(library, records, programme, player_id)
    latest: dict[str, tuple[int, bool]] = {}
    for record in records.sessions(player_id=player_id):
        latest[record.scenario_id] = (record.id, record.finished)
    steps = []
    for sid in programme.scenarios:
        waiting = tuple(n for n in programme.prerequisites(sid) if n not in done)
        session_id, finished = latest.get(sid, (None, False))
        if sid in done:
            status: Status = "done"
        elif waiting:
            status = "locked"
        elif session_id is not None and not finished:
            status = "in_progress"
        else:
            status = "open"
        steps.append(ProgrammeStep(sid, status, session_id, waiting))
    return Progress(programme, tuple(steps))


# -- combined debrief -----------------------------------------------------------------------


@dataclass(frozen=True)
class CostlyDecision:
    """A decision from one of the scenarios, with how much it cost in total."""

    scenario: Scenario
    review: DecisionReview
    cost: int  # the sum of the choice's score changes (negative)


@dataclass(frozen=True)
class ProgrammeDebrief:
    programme: Programme
    values: tuple[ValueResult, ...]
    costly: tuple[CostlyDecision, ...]
    scenarios: tuple[str, ...]  # those whose sessions were summed


def combine_debriefs(
    library: Library, programme: Programme, sessions: Sequence[Session], shown: int = COSTLY_SHOWN
) -> ProgrammeDebrief:
    """Sum the value profile over finished sessions against the summed reachable ranges,
    and pick the decisions whose score changes add up to the most negative."""
    focus = {v for s in sessions for v in s.story.scenario.focus_values}
    values = []
    for value in library.values:
        ranges = [s.story.reach.range(value.id) for s in sessions]
        approximate = any(s.story.reach.approximate for s in sessions)
        values.append(
            ValueResult(
                value,
                sum(s.scores.get(value.id, 0) for s in sessions),
                sum(lo for lo, _ in ranges),
                sum(hi for _, hi in ranges),
                focus=value.id in focus,
                approximate=approximate,
            )
        )
    costly = [
        CostlyDecision(s.story.scenario, review, sum(review.deltas.values()))
        for s in sessions
        for review in build_debrief(s).decisions
        if sum(review.deltas.values()) < 0
    ]
    costly.sort(key=lambda c: (c.cost, c.scenario.id, c.review.step))
    return ProgrammeDebrief(
        programme, tuple(values), tuple(costly[:shown]), tuple(s.story.id for s in sessions)
    )


def programme_debrief(
    library: Library, records: Records, programme: Programme, player_id: int
) -> ProgrammeDebrief:
    """The combined debrief from the records (over the scenarios finished so far)."""
    done = finished_sessions(library, records, programme, player_id)
    ordered = [done[sid] for sid in programme.scenarios if sid in done]
    return combine_debriefs(library, programme, ordered)
