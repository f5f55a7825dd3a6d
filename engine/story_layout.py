"""A layered drawing of the story map: each node's row (layer) and place in its row.

The game's path map draws a scenario's graph (:func:`engine.story_map.edges`) from the
start downwards. Rows follow the longest path from the start once the loops' back edges
are set aside, so every arrow but a loop's points down; within a row, nodes are sorted a
few times by the mean place of their neighbours (the barycentre method of Sugiyama et al.)
so that arrows cross less. Plain data, no pygame: tested and reused without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.model import Scenario
from engine.story_map import Edge, edges

SWEEPS = 4


@dataclass(frozen=True)
class Placed:
    """One node or ending: its row from the top and its place in that row (from 0)."""

    id: str
    layer: int
    order: int
    ending: bool


@dataclass(frozen=True)
class MapLayout:
    """Where every node sits, the arrows between them, and which arrows close a loop."""

    nodes: dict[str, Placed]
    edges: tuple[Edge, ...]
    back: frozenset[tuple[str, str]]  # (source, target) of the arrows that go back up
    layers: tuple[tuple[str, ...], ...]

    @property
    def width(self) -> int:
        """The most nodes in one row."""
        return max((len(row) for row in self.layers), default=0)


def layered(sc: Scenario) -> MapLayout:
    """Place ``sc``'s nodes and endings in rows (see the module's docstring)."""
    found = edges(sc)
    names = [*sc.nodes, *sc.endings]
    out: dict[str, list[str]] = {n: [] for n in names}
    for edge in found:
        if edge.target in out and edge.target not in out[edge.source]:
            out[edge.source].append(edge.target)
    order, back = _depth_first(sc.start, names, out)
    layer = {n: 0 for n in names}
    for node in order:  # topological order of the graph without its back edges
        for target in out[node]:
            if (node, target) not in back:
                layer[target] = max(layer[target], layer[node] + 1)
    rows: dict[int, list[str]] = {}
    for node in order:
        rows.setdefault(layer[node], []).append(node)
    grid = [rows[i] for i in sorted(rows)]
    _reduce_crossings(grid, out, back)
    placed = {
        n: Placed(n, i, j, n in sc.endings) for i, row in enumerate(grid) for j, n in enumerate(row)
    }
    return MapLayout(placed, tuple(found), frozenset(back), tuple(tuple(r) for r in grid))


def _depth_first(
    start: str, names: list[str], out: dict[str, list[str]]
) -> tuple[list[str], set[tuple[str, str]]]:
    """Reverse post-order from the start (then from any node not reached), and the edges
    that point back to a node still open on the stack (a loop)."""
    state: dict[str, int] = {}  # 1 open, 2 done
    post: list[str] = []
    back: set[tuple[str, str]] = set()
    for root in [start, *names]:
        if root in state:
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            node, i = stack.pop()
            targets = out[node]
            if i < len(targets):
                stack.append((node, i + 1))
                target = targets[i]
                if state.get(target) == 1:
                    back.add((node, target))
                elif target not in state:
                    state[target] = 1
                    stack.append((target, 0))
            else:
                state[node] = 2
                post.append(node)
    return post[::-1], back


def _reduce_crossings(
    grid: list[list[str]], out: dict[str, list[str]], back: set[tuple[str, str]]
) -> None:
    """Sort each row by its neighbours' mean place, downwards then upwards, a few times."""
    into: dict[str, list[str]] = {n: [] for row in grid for n in row}
    for source, targets in out.items():
        for target in targets:
            if (source, target) not in back:
                into[target].append(source)
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        indices = range(1, len(grid)) if down else range(len(grid) - 2, -1, -1)
        for i in indices:
            ref = grid[i - 1] if down else grid[i + 1]
            where = {n: k for k, n in enumerate(ref)}
            here = {n: k for k, n in enumerate(grid[i])}

            def centre(node: str, where=where, here=here, down=down) -> float:
                links = into[node] if down else out[node]
                spots = [where[m] for m in links if m in where]
                return sum(spots) / len(spots) if spots else float(here[node])

            grid[i].sort(key=lambda n: (centre(n), here[n]))
