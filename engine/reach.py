"""What a scenario can reach: the state graph, score ranges and remaining path lengths.

Conditions read variables and the day counter, never scores, so a play-through's future
depends only on (node, variables). We explore those states once from the start and run
dynamic programming over them: exact ranges, without enumerating every path. A state that
leads back to itself (a loop) is cut at the back edge, so ranges count loop-free paths.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.gc_pause import paused_gc
from engine.library import DAY_VARIABLE

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


# How a choice changes the variables, by position in ``var_order``: (sets, adds).
_Effect = tuple[tuple[tuple[int, bool | int | str], ...], tuple[tuple[int, int], ...]]
# Per node, each choice: index, condition test (None: always open), next id, is an ending, effect.
_Move = tuple[int, Callable[[Any], bool] | None, str, bool, _Effect]


def _moves(story: Story, var_order: tuple[str, ...]) -> dict[str, list[_Move]]:
    """Each node's choices prepared once, so a state's successors need no dict copies."""
    pos = {name: i for i, name in enumerate(var_order)}
    endings = story.scenario.endings
    out: dict[str, list[_Move]] = {}
    for node_id, node in story.scenario.nodes.items():
        moves = []
        for i, choice in enumerate(node.choices):
            sets = tuple((pos[name], value) for name, value in choice.set.items())
            adds = tuple((pos[name], amount) for name, amount in choice.add.items())
            if choice.days:
                adds += ((pos[DAY_VARIABLE], choice.days),)
            cond = story.condition(node_id, i)
            test = cond.test if cond else None
            moves.append((i, test, choice.next, choice.next in endings, (sets, adds)))
        out[node_id] = moves
    return out


@paused_gc()
def explore(story: Story, limit: int = MAX_STATES) -> StateGraph:
    """Depth-first walk of the reachable states (iterative: scenarios may be deep)."""
    env0 = story.initial_variables()
    graph = StateGraph(tuple(sorted(env0)), ("", ()))
    graph.start = graph.key(story.scenario.start, env0)
    var_order = graph.var_order
    moves = _moves(story, var_order)
    on_path: set[StateKey] = set()
    done: set[StateKey] = set()
    stack: list[tuple[StateKey, list[Step], int]] = []

    def enter(key: StateKey) -> None:
        node, values = key
        env = dict(zip(var_order, values, strict=True))
        steps = []
        for index, test, target, is_ending, (sets, adds) in moves[node]:
            if test is not None and not test(env):
                continue
            if is_ending:
                steps.append(Step(index, None, target))
                continue
            if sets or adds:  # the same order as Story.after: set, then add, then days
                new = list(values)
                for i, value in sets:
                    new[i] = value
                for i, amount in adds:
                    new[i] = int(new[i]) + amount
                steps.append(Step(index, (target, tuple(new)), None))
            else:
                steps.append(Step(index, (target, values), None))
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


@paused_gc()
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
