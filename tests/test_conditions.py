"""Conditions are parsed once into a tree, type-checked against declared variables, never eval'd."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.expr import ExprError, parse_condition

TYPES = {"hari_kerja": int, "dilaporkan": bool, "jalur": str}


@pytest.mark.parametrize(
    ("source", "env", "expected"),
    [
        ("hari_kerja > 30 and not dilaporkan", {"hari_kerja": 31, "dilaporkan": False}, True),
        ("hari_kerja > 30 and not dilaporkan", {"hari_kerja": 30, "dilaporkan": False}, False),
        ("hari_kerja <= 30 or dilaporkan", {"hari_kerja": 45, "dilaporkan": True}, True),
        ("jalur == 'upg'", {"jalur": "upg"}, True),
        ("jalur != 'upg'", {"jalur": "kpk"}, True),
        ("10 < hari_kerja <= 30", {"hari_kerja": 10}, False),
        ("not (dilaporkan or hari_kerja >= -1)", {"dilaporkan": False, "hari_kerja": 0}, False),
        ("dilaporkan == true", {"dilaporkan": True}, True),
    ],
)
def test_condition_values(source: str, env: dict, expected: bool) -> None:
    assert parse_condition(source, TYPES)(env) is expected


@pytest.mark.parametrize(
    ("source", "fragment", "col"),
    [
        ("__import__('os').system('x')", "is not allowed in a condition", 0),
        ("hari_kerja + 1 > 3", "is not allowed in a condition", 0),
        ("open('x')", "is not allowed in a condition", 0),
        ("dilaporkan and sudah", "unknown variable 'sudah'", 15),
        ("hari_kerja", "must be true or false", 0),
        ("jalur > 'a'", "only numbers can be compared", 0),
        ("hari_kerja == 'tiga'", "compares a number with text", 0),
        ("not hari_kerja", "'not' needs true/false", 0),
        ("hari_kerja >", "does not parse", 12),
        ("", "empty", 0),
        ("[x for x in ()]", "is not allowed in a condition", 0),
        ("hari_kerja.real > 1", "is not allowed in a condition", 0),
    ],
)
def test_bad_conditions_are_refused_with_a_column(source: str, fragment: str, col: int) -> None:
    with pytest.raises(ExprError) as info:
        parse_condition(source, TYPES)
    assert fragment in str(info.value)
    assert info.value.col == col


@given(day=st.integers(-1000, 1000), limit=st.integers(-1000, 1000), flag=st.booleans())
def test_compiled_conditions_match_their_meaning(day: int, limit: int, flag: bool) -> None:
    env = {"hari_kerja": day, "dilaporkan": flag, "jalur": "kpk"}
    assert parse_condition(f"hari_kerja > {limit}", TYPES)(env) is (day > limit)
    assert parse_condition(f"hari_kerja <= {limit}", TYPES)(env) is (day <= limit)
    combined = parse_condition(f"hari_kerja == {limit} or not dilaporkan", TYPES)
    assert combined(env) is (day == limit or not flag)


def test_condition_records_the_variables_it_reads() -> None:
    cond = parse_condition("hari_kerja > 3 and not dilaporkan", TYPES)
    assert cond.names == frozenset({"hari_kerja", "dilaporkan"})
