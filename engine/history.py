"""A play's decisions, kept as three columns: node ids, choice indices, days.

Every recorded decision writes the whole session, and a resume reads it back. Kept as one
small object per decision, a 500-decision save cost about a millisecond in JSON tokens and
object creation. As columns, a save holds three compact values (node ids joined by spaces,
choice indices as hex bytes, days as runs), which ``json`` and ``bytes.fromhex`` handle in C;
a :class:`Decision` is made only when one is read.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from itertools import groupby, repeat
from typing import NamedTuple, overload

_KEYS = {"nodes", "choices", "days"}


class Decision(NamedTuple):
    """One entry of the history: where, which choice (index in the node), on which day."""

    node: str
    choice: int
    day: int


class History:
    """The decisions in order; a read-only sequence of :class:`Decision` plus ``append``."""

    __slots__ = ("choices", "days", "nodes")

    def __init__(
        self,
        nodes: list[str] | None = None,
        choices: list[int] | None = None,
        days: list[int] | None = None,
    ) -> None:
        self.nodes = nodes if nodes is not None else []
        self.choices = choices if choices is not None else []
        self.days = days if days is not None else []

    def append(self, node: str, choice: int, day: int) -> None:
        self.nodes.append(node)
        self.choices.append(choice)
        self.days.append(day)

    def copy(self) -> History:
        return History(list(self.nodes), list(self.choices), list(self.days))

    def __len__(self) -> int:
        return len(self.nodes)

    @overload
    def __getitem__(self, index: int) -> Decision: ...
    @overload
    def __getitem__(self, index: slice) -> list[Decision]: ...
    def __getitem__(self, index: int | slice) -> Decision | list[Decision]:
        if isinstance(index, slice):
            return list(map(Decision, self.nodes[index], self.choices[index], self.days[index]))
        return Decision(self.nodes[index], self.choices[index], self.days[index])

    def __iter__(self) -> Iterator[Decision]:
        return map(Decision, self.nodes, self.choices, self.days)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, History):
            return (self.nodes, self.choices, self.days) == (
                other.nodes,
                other.choices,
                other.days,
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"History({list(self)!r})"

    # -- saving -----------------------------------------------------------------------------
    def to_data(self) -> dict[str, object]:
        """The columns as JSON-ready values: ``{"nodes": "a b", "choices": "0001",
        "days": [[day, count], ...]}`` (runs: the day changes only now and then)."""
        return {
            "nodes": " ".join(self.nodes),
            "choices": bytes(self.choices).hex(),
            "days": [[day, len(list(run))] for day, run in groupby(self.days)],
        }

    @classmethod
    def from_data(cls, data: object) -> History | None:
        """The columns written by :meth:`to_data`, or None when they are not well formed."""
        if type(data) is not dict or data.keys() != _KEYS:
            return None
        nodes, choices, runs = data["nodes"], data["choices"], data["days"]
        if type(nodes) is not str or type(choices) is not str or type(runs) is not list:
            return None
        try:
            choice_list = list(bytes.fromhex(choices))
        except ValueError:
            return None
        node_list = nodes.split(" ") if nodes else []
        count = len(node_list)
        days: list[int] = []
        for run in runs:  # bounded by the decisions: a huge run length is refused, not made
            if (
                type(run) is not list
                or len(run) != 2
                or type(run[0]) is not int
                or type(run[1]) is not int
                or not 0 < run[1] <= count - len(days)
            ):
                return None
            days += repeat(run[0], run[1])
        if not count == len(choice_list) == len(days):
            return None
        return cls(node_list, choice_list, days)

    @classmethod
    def from_rows(cls, rows: object) -> History | None:
        """Formats 1 and 2 kept ``[[node, choice, day], ...]``; None when not well formed."""
        if type(rows) is not list:
            return None
        if not rows:
            return cls()
        if set(map(type, rows)) != {list} or set(map(len, rows)) != {3}:
            return None
        nodes, choices, days = zip(*rows, strict=True)
        if set(map(type, nodes)) != {str} or set(map(type, choices + days)) != {int}:
            return None
        if min(choices) < 0:
            return None
        return cls(list(nodes), list(choices), list(days))

    def first_stray(self, choice_counts: Mapping[str, int]) -> int | None:
        """The index of the first decision that is not a choice of the story (its node is
        gone, or has fewer choices now), else None. Checked with C-level maps (choices are
        never negative: bytes, or rows checked on reading); only a stray decision costs a
        Python loop, to say which one it is."""
        try:
            if all(map(operator.lt, self.choices, map(choice_counts.__getitem__, self.nodes))):
                return None
        except KeyError:  # a node that is gone
            pass
        for step, (node, choice) in enumerate(zip(self.nodes, self.choices, strict=True)):
            if not choice < choice_counts.get(node, 0):
                return step
        return None
