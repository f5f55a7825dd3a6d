"""Fuzzing the loader: whatever bytes a facilitator saves, only placed problems come out.

Three generators: random edits of a valid scenario's text, wrong types planted anywhere in a
valid tree, and arbitrary byte strings. The property is the same for all: ``load_library``
returns (no exception escapes), and every problem names the file and a line and column.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.loader import load_library

VALID = (Path(__file__).parent / "fixtures" / "boundary" / "batas.yaml").read_text()
TOKENS = [
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "\t",
    "\x00",
    "'",
    '"',
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "? ",
    "|",
    ">",
    "#",
    "\ufeff",
    "\u2028",
    "é",
    "🙂",
    "\n  ",
    "null",
    "~",
    "1e9",
    "0x1F",
    "-" * 200,
    "x" * 5000,
]
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _check(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        library = load_library([path])
        mine = [p for p in library.problems if p.path.endswith("fuzz.yaml")]
        assert library.stories or mine, "a scenario that does not load must say why"
        for problem in library.problems:
            assert problem.line >= 1 and problem.col >= 1
            assert problem.message and "Traceback" not in problem.message


@st.composite
def edited_text(draw: st.DrawFn) -> bytes:
    text = VALID
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate_line"]))
        if action == "insert":
            text = text[:pos] + draw(st.sampled_from(TOKENS)) + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 40)) :]
        else:
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[: i + 1] + lines[i:])
    return text.encode("utf-8", "surrogatepass")


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


@st.composite
def planted_wrong_types(draw: st.DrawFn) -> bytes:
    tree = yaml.safe_load(VALID)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(tree)[1:]))
        parent = tree
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = draw(WRONG)
    return yaml.safe_dump(tree, allow_unicode=True).encode()


FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(edited_text())
def test_edited_scenarios_give_only_placed_problems(data: bytes) -> None:
    _check(data)


@FUZZ
@given(planted_wrong_types())
def test_wrong_types_anywhere_give_only_placed_problems(data: bytes) -> None:
    _check(data)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_give_only_placed_problems(data: bytes) -> None:
    _check(data)


@FUZZ
@given(st.integers(1, 300), st.sampled_from(["[", "{", "- ", "a:\n" + " "]))
def test_deep_nesting_of_every_kind(depth: int, opener: str) -> None:
    _check((opener * depth + "x").encode())
