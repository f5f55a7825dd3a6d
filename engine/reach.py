"""What a scenario can reach: the state graph, score ranges and remaining path lengths.

Conditions read variables and the day counter, never scores, so a play-through's future
depends only on (node, the variables some condition ahead still reads). We explore those
states from the start, up to a budget, and run dynamic programming over them: exact ranges,
without enumerating every path. A state that leads back to itself (a loop) is cut at the
back edge, so exact ranges count loop-free paths. Past the budget (a counter many nodes add
to), :mod:`engine.bounds` gives intervals that contain the true ranges, flagged approximate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.gc_pause import paused_gc
from engine.library import DAY_VARIABLE

if TYPE_CHECKING:
    from engine.bounds import Bounds
    from engine.library import Story

StateKey = tuple[str, tuple[bool | int | str, ...]]
MAX_STATES = 50_000  # exact enumeration stops here; past it, bounds (engine.bounds) take over


@dataclass(frozen=True)
class Step:
    """One open choice out of a state: which choice, and where it leads."""

    choice: int
    target: StateKey | None  # None when the choice leads to an ending
    ending: str | None


@dataclass
class StateGraph:
    """Every (node, live variables) state reachable from the start, with its open choices.

    A state keeps only the variables some condition at or after its node still reads
    (``slots``): the others cannot change what is open, so they would only split states.
    """

    var_order: tuple[str, ...]
    start: StateKey
    slots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    steps: dict[StateKey, list[Step]] = field(default_factory=dict)
    order: list[StateKey] = field(default_factory=list)  # post-order: successors first
    back_edges: set[tuple[StateKey, int]] = field(default_factory=set)
    truncated: bool = False

    def key(self, node: str, env: Mapping[str, bool | int | str]) -> StateKey:
        return node, tuple([env[name] for name in self.slots.get(node, ())])

    def env(self, key: StateKey) -> dict[str, bool | int | str]:
        return dict(zip(self.slots.get(key[0], ()), key[1], strict=True))


def live_variables(story: Story) -> dict[str, tuple[str, ...]]:
    """Per node, the variables a condition there or later may read before ``set:`` overwrites
    them (classic liveness, to a fixed point so loops are covered), sorted."""
    sc = story.scenario
    live: dict[str, set[str]] = {}
    preds: dict[str, list[tuple[str, frozenset[str]]]] = {n: [] for n in sc.nodes}
    for node_id, node in sc.nodes.items():
        live[node_id] = set()
        for i, choice in enumerate(node.choices):
            cond = story.condition(node_id, i)
            if cond is not None:
                live[node_id] |= cond.names
            if choice.next in sc.nodes:
                preds[choice.next].append((node_id, frozenset(choice.set)))
    work = list(sc.nodes)
    while work:
        node_id = work.pop()
        for pred, killed in preds[node_id]:
            extra = live[node_id] - killed - live[pred]
            if extra:
                live[pred] |= extra
                work.append(pred)
    return {node_id: tuple(sorted(names)) for node_id, names in live.items()}


# How a choice makes the next state's values from this one's: per slot of the target, either
# (-1, constant) for a value set, or (position here, amount added; None: copied as it is).
_Transfer = tuple[tuple[int, Any], ...]
# Per node, each choice: index, condition test (None: always open), next id, is an ending, how.
_Move = tuple[int, Callable[[Any], bool] | None, str, bool, _Transfer | None]


def _moves(story: Story, slots: Mapping[str, tuple[str, ...]]) -> dict[str, list[_Move]]:
    """Each node's choices prepared once, so a state's successors need no dict copies."""
    endings = story.scenario.endings
    out: dict[str, list[_Move]] = {}
    for node_id, node in story.scenario.nodes.items():
        here = {name: i for i, name in enumerate(slots[node_id])}
        moves = []
        for i, choice in enumerate(node.choices):
            cond = story.condition(node_id, i)
            test = cond.test if cond else None
            if choice.next in endings:
                moves.append((i, test, choice.next, True, None))
                continue
            added = dict(choice.add)
            if choice.days:
                added[DAY_VARIABLE] = choice.days
            transfer = tuple(
                (-1, _set_then_add(choice.set[name], added.get(name)))
                if name in choice.set
                else (here[name], added.get(name))
                for name in slots.get(choice.next, ())
            )
            moves.append((i, test, choice.next, False, transfer))
        out[node_id] = moves
    return out


def _set_then_add(value: bool | int | str, amount: int | None) -> bool | int | str:
    """A variable both set and added to by one choice: set first, then add (as Story.after)."""
    return value if amount is None else int(value) + amount


@paused_gc()
def explore(story: Story, limit: int = MAX_STATES) -> StateGraph:
    """Depth-first walk of the reachable states (iterative: scenarios may be deep). Stops at
    once when more than ``limit`` states are found: ``truncated`` then says use bounds."""
    env0 = story.initial_variables()
    slots = live_variables(story)
    graph = StateGraph(tuple(sorted(env0)), ("", ()), slots)
    graph.start = graph.key(story.scenario.start, env0)
    moves = _moves(story, slots)
    on_path: set[StateKey] = set()
    done: set[StateKey] = set()
    stack: list[tuple[StateKey, list[Step], int]] = []

    def enter(key: StateKey) -> None:
        node, values = key
        env = dict(zip(slots[node], values, strict=True))
        steps = []
        for index, test, target, is_ending, transfer in moves[node]:
            if test is not None and not test(env):
                continue
            if is_ending:
                steps.append(Step(index, None, target))
                continue
            new = tuple(
                [
                    value if pos < 0 else values[pos] if value is None else values[pos] + value
                    for pos, value in transfer  # type: ignore[union-attr]
                ]
            )
            steps.append(Step(index, (target, new), None))
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
            return graph
        else:
            enter(target)
    return graph


SKIP_FACTOR = 4  # bounds saying more than this many budgets of states: do not even try


def exact_graph(story: Story, limit: int = MAX_STATES) -> tuple[StateGraph | None, Bounds | None]:
    """The state graph when it fits the budget; else None and the bounds.

    The node environments come first (milliseconds) and give an upper bound on the states:
    when that is infinite (a loop keeps adding to a counter a condition reads) or far past
    the budget, the enumeration is not even started, so a hopeless case costs milliseconds."""
    from engine.bounds import compute_bounds, environments, state_estimate

    first = environments(story)
    if state_estimate(first, live_variables(story)) <= SKIP_FACTOR * limit:
        graph = explore(story, limit)
        if not graph.truncated:
            return graph, None
        del graph
    return None, compute_bounds(story, first)


@dataclass(frozen=True)
class Reach:
    """Per value the lowest and highest total a play-through can end with: exact, or bounds
    that contain the true range when ``approximate`` (a side may then be infinite)."""

    ranges: Mapping[str, tuple[float, float]]
    endings: frozenset[str]  # endings some path reaches (approximate: may reach)
    approximate: bool
    states: int  # states enumerated (exact) or the budget that was passed (approximate)

    def range(self, value_id: str) -> tuple[float, float]:
        return self.ranges.get(value_id, (0, 0))


@paused_gc()
def compute_reach(story: Story, limit: int = MAX_STATES) -> Reach:
    """The debrief's ranges. The state graph is dropped on return: only the ranges stay."""
    graph, bounds = exact_graph(story, limit)
    if graph is None:
        assert bounds is not None
        ranges = {v: bounds.range(v) for v in bounds.low}
        return Reach(ranges, bounds.endings, True, limit)
    value_ids = {v for n in story.scenario.nodes.values() for c in n.choices for v in c.scores}
    low: dict[StateKey, dict[str, int]] = {}
    high: dict[StateKey, dict[str, int]] = {}
    finishes: set[StateKey] = set()
    endings: set[str] = set()
    for key in graph.order:
        lo: dict[str, int] = {}
        hi: dict[str, int] = {}
        for step in graph.steps[key]:
            if (key, step.choice) in graph.back_edges:
                continue
            if step.target is not None and step.target not in finishes:
                continue  # no ending ahead
            scores = story.choice(key[0], step.choice).scores
            if step.target is None:
                endings.add(step.ending or "")
                future_lo: Mapping[str, int] = {}
                future_hi: Mapping[str, int] = {}
            else:
                future_lo, future_hi = low[step.target], high[step.target]
            finishes.add(key)
            for value in value_ids:
                total_lo = scores.get(value, 0) + future_lo.get(value, 0)
                total_hi = scores.get(value, 0) + future_hi.get(value, 0)
                lo[value] = min(lo.get(value, total_lo), total_lo)
                hi[value] = max(hi.get(value, total_hi), total_hi)
        low[key], high[key] = lo, hi
    start_lo, start_hi = low.get(graph.start, {}), high.get(graph.start, {})
    ranges = {v: (start_lo[v], start_hi[v]) for v in start_lo}
    reached = {s.ending for steps in graph.steps.values() for s in steps if s.ending}
    return Reach(ranges, frozenset(reached), False, len(graph.steps))


def node_graph(story: Story, bounds: Bounds | None = None) -> StateGraph:
    """The bounds' may-graph shaped as a state graph (one state per node, no variables), so
    checks that hold on an over-approximation (unreachable, dead ends, never-true conditions)
    run on it. Marked ``truncated``: it is not the exact states. Loops are cut at back edges."""
    from engine.bounds import compute_bounds

    bounds = bounds or compute_bounds(story)
    sc = story.scenario
    graph = StateGraph((), (sc.start, ()), {n: () for n in sc.nodes})
    for node_id in bounds.reached:
        graph.steps[(node_id, ())] = [
            Step(i, None, c.next) if c.next in sc.endings else Step(i, (c.next, ()), None)
            for i in bounds.open[node_id]
            for c in (sc.nodes[node_id].choices[i],)
        ]
    graph.order, graph.back_edges = _post_order(graph)
    graph.truncated = True  # not the exact states: whatever needs them must not use this
    return graph


def _post_order(graph: StateGraph) -> tuple[list[StateKey], set[tuple[StateKey, int]]]:
    order: list[StateKey] = []
    back: set[tuple[StateKey, int]] = set()
    if graph.start not in graph.steps:
        return order, back
    on_path = {graph.start}
    done: set[StateKey] = set()
    stack = [(graph.start, iter(graph.steps[graph.start]))]
    while stack:
        key, it = stack[-1]
        for step in it:
            target = step.target
            if target is None or target in done:
                continue
            if target in on_path:
                back.add((key, step.choice))
                continue
            on_path.add(target)
            stack.append((target, iter(graph.steps[target])))
            break
        else:
            stack.pop()
            on_path.discard(key)
            done.add(key)
            order.append(key)
    return order, back


def remaining_steps(story: Story) -> dict[str, int]:
    """Per node, the most decisions left before an ending on the node graph (conditions
    ignored, loops cut where they return): the progress bar's figure, cheap enough to make
    on the first view, with no state enumeration."""
    sc = story.scenario
    left: dict[str, int] = {}
    on_path = {sc.start}
    stack = [(sc.start, iter(sc.nodes[sc.start].choices), 0)]
    while stack:
        node_id, it, best = stack[-1]
        for choice in it:
            nxt = choice.next
            if nxt in sc.endings:
                best = max(best, 1)
            elif nxt in left:
                best = max(best, left[nxt] + 1)
            elif nxt in sc.nodes and nxt not in on_path:
                stack[-1] = (node_id, it, best)
                on_path.add(nxt)
                stack.append((nxt, iter(sc.nodes[nxt].choices), 0))
                break
        else:
            stack.pop()
            on_path.discard(node_id)
            left[node_id] = best
            if stack:
                parent, pit, pbest = stack[-1]
                stack[-1] = (parent, pit, max(pbest, best + 1))
    return left
