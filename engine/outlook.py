"""What a scenario teaches by its structure: where the best score leads, and where breaches do.

A dilemma teaches the wrong lesson when the highest score ends in a bad ending, or when a
choice the author marked ``breach: true`` can still end well. Both are judged exactly on the
state graph of :func:`engine.reach.explore` (node plus variables), like ``analyze``: the
best total is the same dynamic programming over loop-free paths, and a breach is followed
through every state it can lead to, loops included (a class can go round a loop).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.analysis import Path, trace_back
from engine.model import Tone
from engine.reach import StateGraph, StateKey, Step, explore

if TYPE_CHECKING:
    from engine.library import Library, Story

TONE_RANK: dict[Tone, int] = {"bad": 0, "mixed": 1, "good": 2}


@dataclass(frozen=True)
class Outlook:
    """The best-scoring paths' endings and the breach choices that can still end well."""

    best_total: int | None  # highest sum of all values over complete paths; None: none finish
    best_paths: Mapping[str, Path]  # per ending reached at that total, one path ending there
    breach_to_good: Mapping[tuple[str, int], Path]  # (node, choice) -> a path to a good ending
    tones: Mapping[str, Tone]  # the scenario's ending tones, for the properties below
    exact: bool  # False when the state graph was cut at the exploration limit

    @property
    def best_tones(self) -> frozenset[Tone]:
        """The tones of every ending some best-scoring path ends in."""
        return frozenset(self.tones[e] for e in self.best_paths)

    @property
    def best_tone(self) -> Tone | None:
        """The worst tone among the best-scoring paths' endings (None: no path finishes)."""
        return min(self.best_tones, key=TONE_RANK.__getitem__, default=None)

    @property
    def breach_reaches_good(self) -> bool:
        """Whether any path through a choice marked ``breach: true`` ends in a good ending."""
        return bool(self.breach_to_good)


def outlook(story: Story, graph: StateGraph | None = None) -> Outlook:
    """The :class:`Outlook` of one scenario, from its (possibly already explored) graph."""
    graph = graph or explore(story)
    tones = {eid: ending.tone for eid, ending in story.scenario.endings.items()}
    best, ends = _best(story, graph)
    total = best.get(graph.start)
    paths = {e: _best_path(story, graph, best, ends, e) for e in sorted(ends.get(graph.start, ()))}
    return Outlook(total, paths, _breaches(story, graph, tones), tones, not graph.truncated)


def library_outlook(library: Library) -> dict[str, Outlook]:
    """Every loaded scenario's :class:`Outlook`, by scenario id."""
    return {sid: outlook(story) for sid, story in sorted(library.stories.items())}


def _gain(story: Story, node: str, step: Step) -> int:
    return sum(story.choice(node, step.choice).scores.values())


def _forward(graph: StateGraph, key: StateKey) -> list[Step]:
    """The steps out of ``key`` that the path DP follows (no back edge, nothing unexplored)."""
    back = graph.back_edges
    return [
        s
        for s in graph.steps[key]
        if (key, s.choice) not in back and (s.target is None or s.target in graph.steps)
    ]


def _best(
    story: Story, graph: StateGraph
) -> tuple[dict[StateKey, int], dict[StateKey, frozenset[str]]]:
    """Per state, the highest total still to gain and the endings its best paths reach."""
    best: dict[StateKey, int] = {}
    ends: dict[StateKey, frozenset[str]] = {}
    for key in graph.order:  # post-order: successors first
        top: int | None = None
        reached: set[str] = set()
        for step in _forward(graph, key):
            if step.target is None:
                here, where = _gain(story, key[0], step), {step.ending or ""}
            elif step.target in best:
                here, where = _gain(story, key[0], step) + best[step.target], ends[step.target]
            else:
                continue  # no ending ahead
            if top is None or here > top:
                top, reached = here, set(where)
            elif here == top:
                reached |= where
        if top is not None:
            best[key], ends[key] = top, frozenset(reached)
    return best, ends


def _best_path(
    story: Story,
    graph: StateGraph,
    best: Mapping[StateKey, int],
    ends: Mapping[StateKey, frozenset[str]],
    ending: str,
) -> Path:
    """One best-scoring path from the start that ends in ``ending``."""
    path: list[tuple[str, int]] = []
    key: StateKey | None = graph.start
    while key is not None:
        for step in _forward(graph, key):
            gain = _gain(story, key[0], step)
            if step.target is None:
                if step.ending == ending and gain == best[key]:
                    path.append((key[0], step.choice))
                    return tuple(path)
            elif (
                step.target in best
                and gain + best[step.target] == best[key]
                and ending in ends[step.target]
            ):
                path.append((key[0], step.choice))
                key = step.target
                break
        else:
            key = None
    return tuple(path)  # not reached: ``ending`` came from the same tables


def _breaches(
    story: Story, graph: StateGraph, tones: Mapping[str, Tone]
) -> dict[tuple[str, int], Path]:
    """Each breach choice from which a good ending can be reached, with one such path."""
    marked = {
        (nid, i)
        for nid, node in story.scenario.nodes.items()
        for i, choice in enumerate(node.choices)
        if choice.breach
    }
    if not marked:
        return {}
    toward = _toward_good(graph, tones)
    parent = _parents(graph)
    found: dict[tuple[str, int], Path] = {}
    for key in parent:  # breadth-first order: the shortest prefix first
        for step in graph.steps[key]:
            spot = (key[0], step.choice)
            if spot not in marked or spot in found:
                continue
            if step.target is None:
                if tones.get(step.ending or "") == "good":
                    found[spot] = (*trace_back(parent, key), spot)
            elif step.target in toward:
                found[spot] = (*trace_back(parent, key), spot, *_follow(toward, step.target))
    return dict(sorted(found.items()))


def _toward_good(
    graph: StateGraph, tones: Mapping[str, Tone]
) -> dict[StateKey, tuple[int, StateKey | None]]:
    """Per state that can still end well: the choice to take next, and the state it leads to."""
    into: dict[StateKey, list[tuple[StateKey, int]]] = {}
    toward: dict[StateKey, tuple[int, StateKey | None]] = {}
    queue: deque[StateKey] = deque()
    for key, steps in graph.steps.items():
        for step in steps:
            if step.target is None:
                if tones.get(step.ending or "") == "good" and key not in toward:
                    toward[key] = (step.choice, None)
                    queue.append(key)
            else:
                into.setdefault(step.target, []).append((key, step.choice))
    while queue:
        later = queue.popleft()
        for earlier, choice in into.get(later, []):
            if earlier not in toward:
                toward[earlier] = (choice, later)
                queue.append(earlier)
    return toward


def _follow(toward: Mapping[StateKey, tuple[int, StateKey | None]], key: StateKey) -> Path:
    path: list[tuple[str, int]] = []
    current: StateKey | None = key
    while current is not None:
        choice, current_next = toward[current]
        path.append((current[0], choice))
        current = current_next
    return tuple(path)


def _parents(graph: StateGraph) -> dict[StateKey, tuple[StateKey, int] | None]:
    """Breadth-first from the start: how each state is first reached."""
    parent: dict[StateKey, tuple[StateKey, int] | None] = {graph.start: None}
    queue = deque([graph.start])
    while queue:
        key = queue.popleft()
        for step in graph.steps.get(key, []):
            if step.target is not None and step.target not in parent and step.target in graph.steps:
                parent[step.target] = (key, step.choice)
                queue.append(step.target)
    return parent
