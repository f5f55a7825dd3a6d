"""Path analysis of a scenario, for authors: every branch counted, none sampled.

Works on the state graph of :func:`engine.reach.explore` (a state is a node plus the
variables), so conditions and the day counter are honoured. Counts, score ranges and the
best and worst paths come from dynamic programming over that graph in one pass, which
stays fast where the number of paths explodes (a 1000-node scenario has more paths than
atoms). Like the debrief's ranges, a loop is cut where it returns to a state on the way.
When the states pass the budget (:data:`engine.reach.MAX_STATES`) the result is
``approximate``: bounds from :mod:`engine.bounds` that contain the true ranges, no counts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from operator import add
from typing import TYPE_CHECKING

from engine.bounds import Bounds, compute_bounds
from engine.gc_pause import paused_gc
from engine.reach import MAX_STATES, StateGraph, StateKey, Step, exact_graph

if TYPE_CHECKING:
    from engine.library import Story

# A path is the decisions taken: (node id, index of the choice in that node, 0-based).
Path = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class EndingReach:
    """How many paths end here, and the shortest of them (None: no path reaches it).

    Approximate analyses count nothing: ``paths`` is 1 for "may be reached", 0 for "never".
    """

    ending: str
    paths: int
    shortest: Path | None


@dataclass(frozen=True)
class ValueSpan:
    """The lowest and highest total of one value over all complete paths, with a witness each.

    Approximate: bounds that contain the true range (a side may be infinite), no witnesses.
    """

    value: str
    low: float
    high: float
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
    approximate: bool = False  # bounds, not exact: see the module docstring


# One way forward from a state: the step, its score vector, and the next state's row (-1: ending).
_Edge = tuple[Step, tuple[int, ...], int]


@dataclass
class _Table:
    """The DP over states numbered in post-order; measure ``m`` is a value, the last the total."""

    count: list[int] = field(default_factory=list)
    endings: list[list[int]] = field(default_factory=list)  # paths per ending, by position
    low: list[list[int]] = field(default_factory=list)
    high: list[list[int]] = field(default_factory=list)
    forward: list[list[_Edge]] = field(default_factory=list)
    node: list[str] = field(default_factory=list)

    def witness(self, row: int, m: int, lowest: bool) -> Path:
        """A path that achieves the extreme of measure ``m`` from ``row``, rebuilt step by step."""
        table = self.low if lowest else self.high
        path: list[tuple[str, int]] = []
        while row >= 0 and self.forward[row]:
            want = table[row][m]
            node = self.node[row]
            step, _vec, row = next(
                (step, vec, j)
                for step, vec, j in self.forward[row]
                if vec[m] + (table[j][m] if j >= 0 else 0) == want
            )
            path.append((node, step.choice))
        return tuple(path)


def describe(story: Story, path: Path) -> str:
    """A path as ``node#choice -> node#choice -> ending`` (choices numbered from 1)."""
    if not path:
        return "-"
    steps = [f"{node}#{choice + 1}" for node, choice in path]
    last_node, last_choice = path[-1]
    steps.append(story.choice(last_node, last_choice).next)
    return " -> ".join(steps)


@paused_gc()
def analyze(story: Story, graph: StateGraph | None = None) -> Analysis:
    """Count and rank every complete path through ``story`` without listing them."""
    if graph is None:
        graph, bounds = exact_graph(story)
        if graph is None:
            return _approximate(story, bounds or compute_bounds(story))
    elif graph.truncated:
        return _approximate(story, compute_bounds(story))
    nodes = story.scenario.nodes
    value_ids = sorted({v for n in nodes.values() for c in n.choices for v in c.scores})
    vectors = {
        (nid, i): (*(c.scores.get(v, 0) for v in value_ids), sum(c.scores.values()))
        for nid, node in nodes.items()
        for i, c in enumerate(node.choices)
    }
    ending_ids = list(story.scenario.endings)
    table = _run(graph, vectors, len(value_ids) + 1, ending_ids)
    start = len(graph.order) - 1  # post-order: the start state finishes last
    paths = table.count[start]
    finishes = paths > 0
    shortest = _shortest_paths(graph)
    found = table.endings[start]
    ending_reach = {e: EndingReach(e, found[i], shortest.get(e)) for i, e in enumerate(ending_ids)}
    spans = {
        v: ValueSpan(
            v,
            table.low[start][m],
            table.high[start][m],
            table.witness(start, m, lowest=True),
            table.witness(start, m, lowest=False),
        )
        for m, v in enumerate(value_ids)
        if finishes
    }
    total = len(value_ids)
    return Analysis(
        paths=paths,
        endings=ending_reach,
        values=spans,
        best=(table.high[start][total], table.witness(start, total, False)) if finishes else None,
        worst=(table.low[start][total], table.witness(start, total, True)) if finishes else None,
        dominant=tuple(_dominant(story, graph)),
        states=len(graph.steps),
        loops=len(graph.back_edges),
        truncated=graph.truncated,
    )


def _approximate(story: Story, bounds: Bounds) -> Analysis:
    """Past the state budget: what the bounds can say soundly, and nothing they cannot."""
    endings = {e: EndingReach(e, int(e in bounds.endings), None) for e in story.scenario.endings}
    spans = {v: ValueSpan(v, *bounds.range(v), (), ()) for v in sorted(bounds.low)}
    return Analysis(
        paths=0,
        endings=endings,
        values=spans,
        best=None,
        worst=None,
        dominant=(),
        states=MAX_STATES,
        loops=0,
        truncated=True,
        approximate=True,
    )


def _run(
    graph: StateGraph,
    vectors: Mapping[tuple[str, int], tuple[int, ...]],
    size: int,
    ending_ids: list[str],
) -> _Table:
    """One pass over the states, successors first; the per-value work runs inside ``map``."""
    index: dict[StateKey, int] = {}
    t = _Table()
    back = graph.back_edges
    zeros = [0] * size
    unit = {e: [int(e == other) for other in ending_ids] for e in ending_ids}
    for key in graph.order:
        total, forward = 0, []
        endings = [0] * len(ending_ids)
        low = high = zeros
        for step in graph.steps[key]:
            if back and (key, step.choice) in back:
                continue
            vec = vectors[(key[0], step.choice)]
            if step.target is None:
                j, ahead, future_low, future_high = -1, 1, zeros, zeros
                endings = list(map(add, endings, unit[step.ending or ""]))
            else:
                j = index.get(step.target, -1)
                if j < 0 or t.count[j] == 0:
                    continue  # beyond the exploration limit, or no ending ahead
                ahead, future_low, future_high = t.count[j], t.low[j], t.high[j]
                endings = list(map(add, endings, t.endings[j]))
            lo = list(map(add, vec, future_low))
            hi = list(map(add, vec, future_high))
            if total:
                low, high = list(map(min, low, lo)), list(map(max, high, hi))
            else:
                low, high = lo, hi
            total += ahead
            forward.append((step, vec, j))
        index[key] = len(t.count)
        t.count.append(total)
        t.endings.append(endings)
        t.low.append(low)
        t.high.append(high)
        t.forward.append(forward)
        t.node.append(key[0])
    return t


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
                    found[step.ending] = (*trace_back(parent, key), (key[0], step.choice))
            elif step.target not in parent and step.target in graph.steps:
                parent[step.target] = (key, step.choice)
                queue.append(step.target)
    return found


def trace_back(parent: Mapping[StateKey, tuple[StateKey, int] | None], key: StateKey) -> Path:
    """The decisions that led to ``key`` in a breadth-first search's parent links."""
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
    pairs: dict[tuple[str, int, int], bool] = {}
    for key, steps in graph.steps.items():
        if len(steps) < 2:
            continue
        node = key[0]
        offered = [s.choice for s in steps]
        for mine in offered:
            if verdict.get((node, mine)) is False:
                continue
            wins = True
            for other in offered:
                if other == mine:
                    continue
                pair = (node, mine, other)
                if pair not in pairs:
                    pairs[pair] = _beats(
                        story.choice(node, mine).scores, story.choice(node, other).scores
                    )
                if not pairs[pair]:
                    wins = False
                    break
            verdict[(node, mine)] = wins
    for (node, choice), wins in sorted(verdict.items()):
        if wins:
            yield Dominant(node, choice)


def _beats(mine: Mapping[str, int], other: Mapping[str, int]) -> bool:
    values = set(mine) | set(other)
    never_worse = all(mine.get(v, 0) >= other.get(v, 0) for v in values)
    return never_worse and any(mine.get(v, 0) > other.get(v, 0) for v in values)
