"""Hypothesis pieces shared by the loader and lint fuzz tests."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Values of the wrong type for whatever key they land on (NaN included: YAML has .nan).
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def tree_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every key path in a tree of dicts and lists, the root's empty path first."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += tree_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += tree_paths(value, (*prefix, i))
    return found


def plant_wrong_types(draw: st.DrawFn, tree: dict, most: int) -> dict:
    """Replace 1..``most`` values anywhere in ``tree`` (in place) with wrongly typed ones."""
    for _ in range(draw(st.integers(1, most))):
        path = draw(st.sampled_from(tree_paths(tree)[1:]))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = copy.deepcopy(draw(WRONG))
    return tree


def _date(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


# Raw scalars (written unquoted) that YAML resolves to a type its constructor cannot build,
# or that are too big or too deep for what reads them next. Issue 17: each of these, in any
# file, once raised out of the loader and emptied the whole library.
HOSTILE_SCALARS = st.one_of(
    st.builds(_date, st.integers(1, 9999), st.integers(1, 12), st.integers(29, 39)),
    st.builds(_date, st.integers(1, 9999), st.integers(13, 99), st.integers(1, 28)),
    st.builds(lambda d, h: f"{d} {h:02d}:61:00", st.just("2026-02-28"), st.integers(0, 99)),
    st.integers(4290, 6000).map(lambda n: "9" * n),
    st.integers(10, 40).map(lambda n: "1" + "0" * n),
    st.integers(1, 6000).map(lambda n: "not " * n + "x"),
    st.integers(1, 6000).map(lambda n: "-" * n + "1 > 0"),
    st.integers(1, 3000).map(lambda n: "(" * n + "x" + ")" * n),
    st.sampled_from(["0x_", "0o_", "1e99999", "-.inf", ".nan", "0b_", "!!int x", "!!float x"]),
)
