"""Exact path analysis of a scenario, for authors: every branch counted, none sampled.

Works on the state graph of :func:`engine.reach.explore` (a state is a node plus the
variables), so conditions and the day counter are honoured. Counts, score ranges and the
best and worst paths come from dynamic programming over that graph in one pass, which
stays fast where the number of paths explodes (a 1000-node scenario has more paths than
atoms). Like the debrief's ranges, a loop is cut where it returns to a state on the way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.reach import StateGraph, StateKey, Step, explore

if TYPE_CHECKING:
    from engine.library import Story

# A path is the decisions taken: (node id, index of the choice in that node, 0-based).
Path = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class EndingReach:
    """How many paths end here, and the shortest of them (None: no path reaches it)."""

    ending: str
    paths: int
    shortest: Path | None


@dataclass(frozen=True)
class ValueSpan:
    """The lowest and highest total of one value over all complete paths, with a witness each."""

    value: str
    low: int
    high: int
    low_path: Path
    high_path: Path


@dataclass(frozen=True)
class Dominant:
    """A choice at least as good as every other open choice on every value, better on one.

    Judged on the choice's own score changes, in every reachable situation at the node
    where it is offered with others: a dilemma with a dominant choice is no dilemma.
    """

    node: str
    choice: int


@dataclass(frozen=True)
class Analysis:
    """Everything ``analyze`` reports about one scenario."""

    paths: int
    endings: Mapping[str, EndingReach]
    values: Mapping[str, ValueSpan]
    best: tuple[int, Path] | None  # highest total over all values, and its path
    worst: tuple[int, Path] | None
    dominant: tuple[Dominant, ...]
    states: int
    loops: int
    truncated: bool


@dataclass
class _Table:
    """The DP over states numbered in post-order; measure ``m`` is a value, the last the total."""

    count: list[int]
    endings: list[dict[str, int]]
    low: list[list[int]]
    high: list[list[int]]
    low_step: list[list[Step | None]]
    high_step: list[list[Step | None]]


def analyze(story: Story, graph: StateGraph | None = None) -> Analysis:
    """Count and rank every complete path through ``story`` without listing them."""
    graph = graph or explore(story)
    nodes = story.scenario.nodes
    value_ids = sorted({v for n in nodes.values() for c in n.choices for v in c.scores})
    vectors = {
        (nid, i): (*(c.scores.get(v, 0) for v in value_ids), sum(c.scores.values()))
        for nid, node in nodes.items()
        for i, c in enumerate(node.choices)
    }
    table = _run(graph, vectors, len(value_ids) + 1)
    start = len(graph.order) - 1 if graph.order else -1
    paths = table.count[start] if start >= 0 else 0
    finishes = paths > 0
    shortest = _shortest_paths(graph)
    found = table.endings[start] if finishes else {}
    ending_reach = {
        e: EndingReach(e, found.get(e, 0), shortest.get(e)) for e in story.scenario.endings
    }
    index = {key: i for i, key in enumerate(graph.order)}

    def witness(steps: list[list[Step | None]], m: int) -> Path:
        return _follow(graph.order[start], index, steps, m)

    spans = {
        v: ValueSpan(
            v,
            table.low[start][m],
            table.high[start][m],
            witness(table.low_step, m),
            witness(table.high_step, m),
        )
        for m, v in enumerate(value_ids)
        if finishes
    }
    total = len(value_ids)
    return Analysis(
        paths=paths,
        endings=ending_reach,
        values=spans,
        best=(table.high[start][total], witness(table.high_step, total)) if finishes else None,
        worst=(table.low[start][total], witness(table.low_step, total)) if finishes else None,
        dominant=tuple(_dominant(story, graph)),
        states=len(graph.steps),
        loops=len(graph.back_edges),
        truncated=graph.truncated,
    )


def _run(
    graph: StateGraph, vectors: Mapping[tuple[str, int], tuple[int, ...]], size: int
) -> _Table:
    """One pass over the states, successors first (states are hashed once, then numbered)."""
    index: dict[StateKey, int] = {}
    t = _Table([], [], [], [], [], [])
    measures = range(size)
    back = graph.back_edges
    for key in graph.order:
        total, endings = 0, {}
        low: list[int] = [0] * size
        high: list[int] = [0] * size
        low_step: list[Step | None] = [None] * size
        high_step: list[Step | None] = [None] * size
        for step in graph.steps[key]:
            if back and (key, step.choice) in back:
                continue
            vec = vectors[(key[0], step.choice)]
            if step.target is None:
                ahead, future_low, future_high = 1, None, None
                name = step.ending or ""
                endings[name] = endings.get(name, 0) + 1
            else:
                j = index.get(step.target, -1)
                if j < 0 or t.count[j] == 0:
                    continue  # beyond the exploration limit, or no ending ahead
                ahead, future_low, future_high = t.count[j], t.low[j], t.high[j]
                for name, n in t.endings[j].items():
                    endings[name] = endings.get(name, 0) + n
            first = total == 0
            total += ahead
            for m in measures:
                lo = vec[m] + (future_low[m] if future_low else 0)
                hi = vec[m] + (future_high[m] if future_high else 0)
                if first or lo < low[m]:
                    low[m], low_step[m] = lo, step
                if first or hi > high[m]:
                    high[m], high_step[m] = hi, step
        index[key] = len(t.count)
        t.count.append(total)
        t.endings.append(endings)
        t.low.append(low)
        t.high.append(high)
        t.low_step.append(low_step)
        t.high_step.append(high_step)
    return t


def _follow(
    start: StateKey, index: Mapping[StateKey, int], steps: list[list[Step | None]], m: int
) -> Path:
    path: list[tuple[str, int]] = []
    key: StateKey | None = start
    while key is not None:
        step = steps[index[key]][m]
        if step is None:
            break
        path.append((key[0], step.choice))
        key = step.target
    return tuple(path)


def _shortest_paths(graph: StateGraph) -> dict[str, Path]:
    """Breadth-first from the start: the first time an ending is met is a shortest path."""
    parent: dict[StateKey, tuple[StateKey, int] | None] = {graph.start: None}
    found: dict[str, Path] = {}
    queue = deque([graph.start])
    while queue:
        key = queue.popleft()
        for step in graph.steps.get(key, []):
            if step.target is None:
                if step.ending and step.ending not in found:
                    found[step.ending] = (*_trace(parent, key), (key[0], step.choice))
            elif step.target not in parent and step.target in graph.steps:
                parent[step.target] = (key, step.choice)
                queue.append(step.target)
    return found


def _trace(parent: Mapping[StateKey, tuple[StateKey, int] | None], key: StateKey) -> Path:
    path: list[tuple[str, int]] = []
    link = parent[key]
    while link is not None:
        previous, choice = link
        path.append((previous[0], choice))
        link = parent[previous]
    return tuple(reversed(path))


def _dominant(story: Story, graph: StateGraph) -> Iterator[Dominant]:
    """Choices that beat every other open choice in every situation where there is a choice."""
    verdict: dict[tuple[str, int], bool] = {}
    for key, steps in graph.steps.items():
        if len(steps) < 2:
            continue
        node = key[0]
        scores = {s.choice: story.choice(node, s.choice).scores for s in steps}
        for mine in scores:
            wins = all(_beats(scores[mine], scores[o]) for o in scores if o != mine)
            verdict[(node, mine)] = verdict.get((node, mine), True) and wins
    for (node, choice), wins in sorted(verdict.items()):
        if wins:
            yield Dominant(node, choice)


def _beats(mine: Mapping[str, int], other: Mapping[str, int]) -> bool:
    values = set(mine) | set(other)
    never_worse = all(mine.get(v, 0) >= other.get(v, 0) for v in values)
    return never_worse and any(mine.get(v, 0) > other.get(v, 0) for v in values)
