"""Sound bounds for a scenario too big to enumerate: intervals per node, not states per path.

Exact analysis walks every (node, variables) state; a counter that many nodes add to makes
that quadratic or endless. Here each node gets one abstract environment instead: an
interval per number variable (the day counter included) and a set of possible values per
true/false or text variable, joined over every way in (abstract interpretation, widened on
loops so it always ends). A choice is kept when its condition *may* hold there, so every
real path is a path of this over-approximation, and every range computed on it contains
the true one. Loops are not cut: a loop that can add score makes that side unbounded
(``inf``), which is the honest answer for "how high can it go".
"""

from __future__ import annotations

import ast
import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.abstract_conditions import (
    INF,
    Abstract,
    AbstractEnv,
    is_number,
    may_be,
    refine,
)
from engine.library import DAY_VARIABLE

if TYPE_CHECKING:
    from engine.library import Story

WIDEN_AFTER = 3  # joins into one node before growing bounds jump to infinity


@dataclass(frozen=True)
class Bounds:
    """What the over-approximation says: reachable nodes, choices that may be open, ranges."""

    reached: frozenset[str]
    open: Mapping[str, tuple[int, ...]]  # per reached node: choices that may be open
    envs: Mapping[str, AbstractEnv]  # per reached node: the variables on arrival
    endings: frozenset[str]  # endings some may-path reaches
    low: Mapping[str, float]  # per value: a bound at or below every reachable total
    high: Mapping[str, float]

    def range(self, value_id: str) -> tuple[float, float]:
        return self.low.get(value_id, 0), self.high.get(value_id, 0)

    def variable(self, name: str) -> Abstract | None:
        """The hull of a variable's possible values over every reached node."""
        out: Abstract | None = None
        for env in self.envs.values():
            if name in env:
                out = env[name] if out is None else _join(out, env[name])
        return out


@dataclass(frozen=True)
class Environments:
    """The first half of the bounds: each reachable node's abstract variables on arrival."""

    trees: Mapping[tuple[str, int], ast.expr]
    envs: Mapping[str, AbstractEnv]


def environments(story: Story) -> Environments:
    """Parse the conditions for abstract evaluation and run the fixpoint over the nodes."""
    parsed: dict[str, ast.expr] = {}  # the same condition text is often written many times
    trees = {
        key: parsed.get(cond.source) or parsed.setdefault(cond.source, _parse(cond.source))
        for key, cond in story.conditions.items()
    }
    return Environments(trees, _fixpoint(story, trees))


def compute_bounds(story: Story, first: Environments | None = None) -> Bounds:
    """The over-approximation of ``story``: node environments, then score bounds on them."""
    sc = story.scenario
    first = first or environments(story)
    trees, envs = first.trees, dict(first.envs)
    open_: dict[str, tuple[int, ...]] = {}
    for node_id, env in envs.items():
        open_[node_id] = tuple(
            i
            for i in range(len(sc.nodes[node_id].choices))
            if _edge_env(env, trees.get((node_id, i))) is not None
        )
    endings = frozenset(
        c.next
        for node_id, offered in open_.items()
        for c in (sc.nodes[node_id].choices[i] for i in offered)
        if c.next in sc.endings
    )
    low, high = _score_bounds(story, open_)
    return Bounds(frozenset(envs), open_, envs, endings, low, high)


def _parse(source: str) -> ast.expr:
    """The tree of a condition the loader already checked (so only whitelisted nodes)."""
    return ast.parse(source, mode="eval").body


# -- the abstract environments -------------------------------------------------------------


def _initial(story: Story) -> AbstractEnv:
    return {
        name: (value, value) if is_number(value) else frozenset({value})
        for name, value in story.initial_variables().items()
    }


def _join(a: Abstract, b: Abstract) -> Abstract:
    if isinstance(a, frozenset):
        return a | b  # type: ignore[operator]
    return (min(a[0], b[0]), max(a[1], b[1]))  # type: ignore[index]


def _widen(old: Abstract, new: Abstract) -> Abstract:
    if isinstance(old, frozenset):
        return new  # finite: the set of literals in the file bounds it
    lo = old[0] if new[0] >= old[0] else -INF  # type: ignore[index]
    hi = old[1] if new[1] <= old[1] else INF  # type: ignore[index]
    return (lo, hi)


def _order(story: Story) -> dict[str, int]:
    """Reverse post-order from the start: predecessors first where the graph allows."""
    nodes = story.scenario.nodes
    seen = {story.scenario.start}
    post: list[str] = []
    stack = [(story.scenario.start, iter(nodes[story.scenario.start].choices))]
    while stack:
        node_id, it = stack[-1]
        for choice in it:
            if choice.next in nodes and choice.next not in seen:
                seen.add(choice.next)
                stack.append((choice.next, iter(nodes[choice.next].choices)))
                break
        else:
            stack.pop()
            post.append(node_id)
    return {node_id: i for i, node_id in enumerate(reversed(post))}


def _fixpoint(story: Story, trees: Mapping[tuple[str, int], ast.expr]) -> dict[str, AbstractEnv]:
    """Each reachable node's environment: the join over every way in, widened on loops."""
    sc = story.scenario
    rank = _order(story)
    envs: dict[str, AbstractEnv] = {sc.start: _initial(story)}
    joins: dict[str, int] = {}
    queue = [(rank[sc.start], sc.start)]
    queued = {sc.start}
    while queue:
        _, node_id = heapq.heappop(queue)
        queued.discard(node_id)
        env = envs[node_id]
        for i, choice in enumerate(sc.nodes[node_id].choices):
            if choice.next not in sc.nodes:
                continue
            taken = _edge_env(env, trees.get((node_id, i)))
            if taken is None:
                continue
            after = _apply(taken, choice)
            old = envs.get(choice.next)
            if old is None:
                new = after
            else:
                new = {k: _join(v, after[k]) for k, v in old.items()}
                if new == old:
                    continue
                joins[choice.next] = joins.get(choice.next, 0) + 1
                if joins[choice.next] > WIDEN_AFTER:
                    new = {k: _widen(old[k], v) for k, v in new.items()}
            envs[choice.next] = new
            if choice.next not in queued:
                queued.add(choice.next)
                heapq.heappush(queue, (rank[choice.next], choice.next))
    if joins and max(joins.values()) > WIDEN_AFTER:
        for _ in range(NARROW_ROUNDS):
            envs = _narrow(story, trees, envs, rank)
    return envs


NARROW_ROUNDS = 2


def _narrow(
    story: Story,
    trees: Mapping[tuple[str, int], ast.expr],
    envs: dict[str, AbstractEnv],
    rank: Mapping[str, int],
) -> dict[str, AbstractEnv]:
    """One more application of the transfer to a widened result: still sound (it stays above
    the least fixed point), and it takes back what widening overshot past a loop's guard."""
    sc = story.scenario
    new: dict[str, AbstractEnv] = {sc.start: _initial(story)}
    for node_id in sorted(envs, key=rank.__getitem__):
        for i, choice in enumerate(sc.nodes[node_id].choices):
            if choice.next not in sc.nodes:
                continue
            taken = _edge_env(envs[node_id], trees.get((node_id, i)))
            if taken is None:
                continue
            after = _apply(taken, choice)
            old = new.get(choice.next)
            new[choice.next] = (
                after if old is None else {k: _join(v, after[k]) for k, v in old.items()}
            )
    return {n: env for n, env in new.items() if n in envs}


def state_estimate(first: Environments, slots: Mapping[str, tuple[str, ...]]) -> float:
    """An upper bound on the exact states (node and live variables): per reached node, the
    product of each live variable's possible values. Infinite when a counter is unbounded."""
    total = 0.0
    for node_id, env in first.envs.items():
        count = 1.0
        for name in slots.get(node_id, ()):
            value = env[name]
            count *= len(value) if isinstance(value, frozenset) else value[1] - value[0] + 1
        total += count
    return total


def _apply(env: AbstractEnv, choice: Any) -> AbstractEnv:
    """The environment after a choice: set, then add, then days (as Story.after does)."""
    if not (choice.set or choice.add or choice.days):
        return env
    new = dict(env)
    for name, value in choice.set.items():
        new[name] = (value, value) if is_number(value) else frozenset({value})
    for name, amount in choice.add.items():
        lo, hi = new[name]  # type: ignore[misc]
        new[name] = (lo + amount, hi + amount)
    if choice.days:
        lo, hi = new[DAY_VARIABLE]  # type: ignore[misc]
        new[DAY_VARIABLE] = (lo + choice.days, hi + choice.days)
    return new


def _edge_env(env: AbstractEnv, tree: ast.expr | None) -> AbstractEnv | None:
    """The environment narrowed to where the condition may hold, or None if it never can."""
    if tree is None:
        return env
    if True not in may_be(tree, env):
        return None
    return refine(tree, env, True)


# -- score bounds on the may-graph -----------------------------------------------------------


def _score_bounds(
    story: Story, open_: Mapping[str, tuple[int, ...]]
) -> tuple[dict[str, float], dict[str, float]]:
    """Lowest and highest total per value from the start, loops not cut (they may be
    taken any number of times): Bellman-Ford within each strongly connected part."""
    sc = story.scenario
    value_ids = sorted({v for n in sc.nodes.values() for c in n.choices for v in c.scores})
    size = len(value_ids)
    low: dict[str, list[float]] = {}
    high: dict[str, list[float]] = {}
    for part in _components(open_, sc):
        for node_id in part:
            low[node_id], high[node_id] = [INF] * size, [-INF] * size
        rounds = min(len(part) + 1, MAX_ROUNDS) if _cyclic(part, open_, sc) else 1
        moved_lo: set[int] = set()
        moved_hi: set[int] = set()
        for _ in range(rounds):
            moved_lo, moved_hi = _relax(part, open_, sc, value_ids, low, high)
            if not (moved_lo or moved_hi):
                break
        if rounds > 1 and (moved_lo or moved_hi):  # still moving: a loop that scores
            for node_id in part:
                lo, hi = low[node_id], high[node_id]
                for m in moved_lo:
                    lo[m] = -INF if lo[m] < INF else INF
                for m in moved_hi:
                    hi[m] = INF if hi[m] > -INF else -INF
    start = low.get(sc.start)
    if not start or start[0] == INF:
        return {}, {}
    return (
        {v: _int(low[sc.start][m]) for m, v in enumerate(value_ids)},
        {v: _int(high[sc.start][m]) for m, v in enumerate(value_ids)},
    )


MAX_ROUNDS = 64  # a strongly connected part still moving after this is treated as unbounded


def _relax(
    part: list[str],
    open_: Mapping[str, tuple[int, ...]],
    sc: Any,
    value_ids: list[str],
    low: dict[str, list[float]],
    high: dict[str, list[float]],
) -> tuple[set[int], set[int]]:
    """One Bellman-Ford round over ``part``: which measures moved down and up."""
    moved_lo: set[int] = set()
    moved_hi: set[int] = set()
    for node_id in part:
        lo, hi = low[node_id], high[node_id]
        for i in open_[node_id]:
            choice = sc.nodes[node_id].choices[i]
            if choice.next in sc.endings:
                ahead_lo = ahead_hi = None
            elif choice.next in low:
                ahead_lo, ahead_hi = low[choice.next], high[choice.next]
                if ahead_lo[0] == INF if ahead_lo else False:
                    continue  # nothing ahead finishes (yet)
            else:
                continue
            scores = choice.scores
            for m, value in enumerate(value_ids):
                delta = scores.get(value, 0)
                a_lo = delta + (ahead_lo[m] if ahead_lo is not None else 0)
                a_hi = delta + (ahead_hi[m] if ahead_hi is not None else 0)
                if a_lo < lo[m]:
                    lo[m] = a_lo
                    moved_lo.add(m)
                if a_hi > hi[m]:
                    hi[m] = a_hi
                    moved_hi.add(m)
    return moved_lo, moved_hi


def _int(x: float) -> float:
    return int(x) if math.isfinite(x) else x


def _cyclic(part: list[str], open_: Mapping[str, tuple[int, ...]], sc: Any) -> bool:
    if len(part) > 1:
        return True
    node_id = part[0]
    return any(sc.nodes[node_id].choices[i].next == node_id for i in open_[node_id])


def _components(open_: Mapping[str, tuple[int, ...]], sc: Any) -> list[list[str]]:
    """Strongly connected parts of the may-graph, successors' parts first (Tarjan, iterative)."""
    succ = {
        n: [sc.nodes[n].choices[i].next for i in offered if sc.nodes[n].choices[i].next in open_]
        for n, offered in open_.items()
    }
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    parts: list[list[str]] = []
    for root in succ:
        if root in index:
            continue
        work = [(root, iter(succ[root]))]
        index[root] = lowlink[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt not in index:
                    index[nxt] = lowlink[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(succ[nxt])))
                    break
                if nxt in on_stack:
                    lowlink[node] = min(lowlink[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
                if lowlink[node] == index[node]:
                    part = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        part.append(top)
                        if top == node:
                            break
                    parts.append(part)
    return parts
