"""Fuzzing the loader: whatever bytes a facilitator saves, only placed problems come out.

Three generators: random edits of a valid scenario's text, wrong types planted anywhere in a
valid tree, and arbitrary byte strings. The property is the same for all: ``load_library``
returns (no exception escapes), and every problem names the file and a line and column.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from fuzz_strategies import FUZZ, HOSTILE_SCALARS, plant_wrong_types
from hypothesis import given
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


@st.composite
def planted_wrong_types(draw: st.DrawFn) -> bytes:
    tree = yaml.safe_load(VALID)
    plant_wrong_types(draw, tree, 4)
    return yaml.safe_dump(tree, allow_unicode=True).encode()


_VALUE_LINE = re.compile(r"^(\s*(?:- )?[\w-]+: )(\S.*)$", re.MULTILINE)


@st.composite
def hostile_scalars(draw: st.DrawFn) -> bytes:
    """A valid scenario with 1..3 values (a date, a number, a condition...) replaced by raw
    scalars that are impossible, huge or deeply nested; quoted ones reach the condition parser."""
    text = VALID
    for _ in range(draw(st.integers(1, 3))):
        lines = list(_VALUE_LINE.finditer(text))
        match = draw(st.sampled_from(lines))
        value = draw(HOSTILE_SCALARS)
        if draw(st.booleans()) and "'" not in value:
            value = f"'{value}'"
        text = text[: match.start(2)] + value + text[match.end(2) :]
    return text.encode()


@FUZZ
@given(hostile_scalars())
def test_impossible_huge_or_deep_values_give_only_placed_problems(data: bytes) -> None:
    _check(data)


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
