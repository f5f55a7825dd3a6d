"""What a scenario can reach: the state graph, score ranges and remaining path lengths.

Conditions read variables and the day counter, never scores, so a play-through's future
depends only on (node, variables). We explore those states once from the start and run
dynamic programming over them: exact ranges, without enumerating every path. A state that
leads back to itself (a loop) is cut at the back edge, so ranges count loop-free paths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.library import Story

StateKey = tuple[str, tuple[bool | int | str, ...]]
MAX_STATES = 200_000


@dataclass(frozen=True)
class Step:
    """One open choice out of a state: which choice, and where it leads."""

    choice: int
    target: StateKey | None  # None when the choice leads to an ending
    ending: str | None


@dataclass
class StateGraph:
    """Every (node, variables) state reachable from the start, with its open choices."""

    var_order: tuple[str, ...]
    start: StateKey
    steps: dict[StateKey, list[Step]] = field(default_factory=dict)
    order: list[StateKey] = field(default_factory=list)  # post-order: successors first
    back_edges: set[tuple[StateKey, int]] = field(default_factory=set)
    truncated: bool = False

    def key(self, node: str, env: Mapping[str, bool | int | str]) -> StateKey:
        return node, tuple([env[name] for name in self.var_order])  # a list is built faster

    def env(self, key: StateKey) -> dict[str, bool | int | str]:
        return dict(zip(self.var_order, key[1], strict=True))


def explore(story: Story, limit: int = MAX_STATES) -> StateGraph:
    """Depth-first walk of the reachable states (iterative: scenarios may be deep)."""
    env0 = story.initial_variables()
    graph = StateGraph(tuple(sorted(env0)), ("", ()))
    graph.start = graph.key(story.scenario.start, env0)
    on_path: set[StateKey] = set()
    done: set[StateKey] = set()
    stack: list[tuple[StateKey, list[Step], int]] = []

    def enter(key: StateKey) -> None:
        env = graph.env(key)
        steps = []
        for index in story.open_choices(key[0], env):
            choice = story.choice(key[0], index)
            if story.is_ending(choice.next):
                steps.append(Step(index, None, choice.next))
            else:
                steps.append(Step(index, graph.key(choice.next, story.after(env, choice)), None))
        graph.steps[key] = steps
        on_path.add(key)
        stack.append((key, steps, 0))

    enter(graph.start)
    while stack:
        key, steps, pos = stack[-1]
        if pos == len(steps):
            stack.pop()
            on_path.discard(key)
            done.add(key)
            graph.order.append(key)
            continue
        stack[-1] = (key, steps, pos + 1)
        target = steps[pos].target
        if target is None or target in done:
            continue
        if target in on_path:
            graph.back_edges.add((key, steps[pos].choice))
        elif len(graph.steps) >= limit:
            graph.truncated = True
        else:
            enter(target)
    return graph


@dataclass(frozen=True)
class Reach:
    """Per value the lowest and highest total a play-through can end with, and path lengths."""

    graph: StateGraph
    low: Mapping[StateKey, Mapping[str, int]]
    high: Mapping[StateKey, Mapping[str, int]]
    remaining: Mapping[StateKey, int]  # most decisions left before an ending
    endings: frozenset[str]

    def range(self, value_id: str) -> tuple[int, int]:
        start = self.graph.start
        return self.low[start].get(value_id, 0), self.high[start].get(value_id, 0)

    def steps_left(self, node: str, env: Mapping[str, bool | int | str]) -> int:
        return self.remaining.get(self.graph.key(node, env), 0)


def compute_reach(story: Story) -> Reach:
    graph = explore(story)
    value_ids = {v for n in story.scenario.nodes.values() for c in n.choices for v in c.scores}
    low: dict[StateKey, dict[str, int]] = {}
    high: dict[StateKey, dict[str, int]] = {}
    remaining: dict[StateKey, int] = {}
    endings: set[str] = set()
    for key in graph.order:
        lo: dict[str, int] = {}
        hi: dict[str, int] = {}
        longest = 0
        for step in graph.steps[key]:
            if (key, step.choice) in graph.back_edges:
                continue
            if step.target is not None and step.target not in remaining:
                continue  # beyond the exploration limit
            scores = story.choice(key[0], step.choice).scores
            if step.target is None:
                endings.add(step.ending or "")
                future_lo, future_hi, future_len = {}, {}, 0
            else:
                future_lo, future_hi = low[step.target], high[step.target]
                future_len = remaining[step.target]
            longest = max(longest, future_len + 1)
            for value in value_ids:
                total_lo = scores.get(value, 0) + future_lo.get(value, 0)
                total_hi = scores.get(value, 0) + future_hi.get(value, 0)
                lo[value] = min(lo.get(value, total_lo), total_lo)
                hi[value] = max(hi.get(value, total_hi), total_hi)
        low[key], high[key], remaining[key] = lo, hi, longest
    return Reach(graph, low, high, remaining, frozenset(endings))
