"""The loaded, immutable content: playable stories, the rulebook and the values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from engine.expr import Condition
from engine.messages import msg
from engine.model import Choice, Rule, Scenario, Value
from engine.problems import Problem, ScenarioError, display_path

if TYPE_CHECKING:
    from engine.programme import Programme
    from engine.reach import Reach

DAY_VARIABLE = "hari_kerja"
Verdict = Literal["good", "mixed", "bad"]


@dataclass(frozen=True, eq=False)
class Story:
    """A scenario that passed every check, with its conditions parsed and ready to play."""

    scenario: Scenario
    path: Path
    conditions: Mapping[tuple[str, int], Condition] = field(repr=False)

    @property
    def id(self) -> str:
        return self.scenario.id

    @property
    def start_day(self) -> int:
        calendar = self.scenario.calendar
        return calendar.start if calendar else 0

    def initial_variables(self) -> dict[str, bool | int | str]:
        """The variables at the start, including the working-day counter."""
        return {**self.scenario.variables, DAY_VARIABLE: self.start_day}

    def is_ending(self, node_id: str) -> bool:
        return node_id in self.scenario.endings

    def condition(self, node_id: str, index: int) -> Condition | None:
        return self.conditions.get((node_id, index))

    @cached_property
    def choice_counts(self) -> dict[str, int]:
        """How many choices each node has: a restored history is checked against it."""
        return {node_id: len(node.choices) for node_id, node in self.scenario.nodes.items()}

    @cached_property
    def _tests(self) -> dict[str, tuple[tuple[int, Callable[[Any], bool] | None], ...]]:
        """Per node, each choice's index and condition test, filled in as nodes are visited
        (a cached load parses conditions on first use; a play visits a few nodes of many)."""
        return {}

    def _node_tests(self, node_id: str) -> tuple[tuple[int, Callable[[Any], bool] | None], ...]:
        tests = tuple(
            (i, cond.test if (cond := self.conditions.get((node_id, i))) else None)
            for i in range(len(self.scenario.nodes[node_id].choices))
        )
        self._tests[node_id] = tests
        return tests

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """A cache for pieces derived from this (immutable) story, e.g. a node's choice views."""
        return {}

    def open_choices(self, node_id: str, env: Mapping[str, bool | int | str]) -> list[int]:
        """Indices of the node's choices whose condition holds in ``env``."""
        tests = self._tests.get(node_id) or self._node_tests(node_id)
        return [i for i, test in tests if test is None or test(env)]

    def choice(self, node_id: str, index: int) -> Choice:
        return self.scenario.nodes[node_id].choices[index]

    def pinned(self, node_id: str) -> bool:
        """Whether the node's options keep their file order (the author pinned it)."""
        node = self.scenario.nodes[node_id]
        return self.scenario.pin_order or node.pin_order

    def verdict(self, node_id: str, index: int) -> Verdict:
        """How a choice is judged: the author's ``verdict``; a ``breach`` is always bad.

        A choice without one is placed among its node's options by their total score
        change (the best good, the worst bad, the rest mixed); lint asks authors to say.
        """
        key = ("verdict", node_id, index)
        memo = self.memo
        if key not in memo:
            choices = self.scenario.nodes[node_id].choices
            choice = choices[index]
            given = "bad" if choice.breach else choice.verdict
            if given is None:
                totals = [sum(c.scores.values()) for c in choices]
                mine = totals[index]
                if len(set(totals)) == 1:
                    given = "mixed"
                elif mine == max(totals):
                    given = "good"
                else:
                    given = "bad" if mine == min(totals) else "mixed"
            memo[key] = given
        return memo[key]

    @staticmethod
    def after(env: Mapping[str, bool | int | str], choice: Choice) -> dict[str, bool | int | str]:
        """The variables once ``choice`` has taken effect (the day counter included)."""
        new = dict(env)
        new.update(choice.set)
        for name, amount in choice.add.items():
            new[name] = int(new[name]) + amount
        if choice.days:
            new[DAY_VARIABLE] = int(new[DAY_VARIABLE]) + choice.days
        return new

    @cached_property
    def reach(self) -> Reach:
        """Score ranges for the debrief, computed on first use (never by view or choose);
        only the ranges are kept, not the state graph they came from."""
        from engine.reach import compute_reach

        return compute_reach(self)

    @cached_property
    def steps_left(self) -> Mapping[str, int]:
        """Per node, the most decisions left (node graph only): the progress bar's figure."""
        from engine.reach import remaining_steps

        return remaining_steps(self)


@dataclass(frozen=True)
class Unavailable:
    """A scenario file that could not be loaded, kept so the game can say why."""

    path: Path
    scenario_id: str | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Library:
    """Everything loaded from the scenarios folder. Read-only once built."""

    stories: Mapping[str, Story]
    values: tuple[Value, ...]
    rules: Mapping[str, Rule]
    problems: tuple[Problem, ...] = ()
    unavailable: tuple[Unavailable, ...] = ()
    programmes: Mapping[str, Programme] = field(default_factory=dict)

    @property
    def value_ids(self) -> tuple[str, ...]:
        return tuple(v.id for v in self.values)

    def value(self, value_id: str) -> Value:
        return next(v for v in self.values if v.id == value_id)

    def story(self, key: str) -> Story:
        """A story by id or by file path, or :class:`ScenarioError` saying why not."""
        if key in self.stories:
            return self.stories[key]
        wanted = Path(key).resolve() if key.endswith((".yaml", ".yml")) else None
        for story in self.stories.values():
            if wanted is not None and story.path.resolve() == wanted:
                return story
        for gone in self.unavailable:
            if gone.scenario_id == key or (wanted is not None and gone.path.resolve() == wanted):
                raise ScenarioError(gone.problems)
        known = ", ".join(sorted(self.stories)) or "none"
        raise ScenarioError(msg("library.no_scenario", id=key, known=known))

    def errors_for(self, path: Path) -> list[Problem]:
        shown = display_path(path)
        return [p for p in self.problems if p.path == shown]
