"""The columnar history: exact round trips, malformed columns refused, old saves still read."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.history import Decision, History
from engine.library import Library
from engine.session import SaveError, Session

decisions = st.lists(
    st.tuples(
        st.from_regex(r"[A-Za-z0-9_\-]{1,12}", fullmatch=True),
        st.integers(0, 11),
        st.integers(-5, 400),
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(rows=decisions)
def test_columns_round_trip_through_json(rows: list[tuple[str, int, int]]) -> None:
    history = History()
    for row in rows:
        history.append(*row)
    again = History.from_data(json.loads(json.dumps(history.to_data())))
    assert again == history
    assert list(again) == [Decision(*row) for row in rows]
    assert History.from_rows([list(r) for r in rows]) == history  # the old row format


def test_reads_like_a_list_of_decisions() -> None:
    history = History()
    history.append("awal", 1, 0)
    history.append("lanjut", 0, 3)
    assert len(history) == 2
    assert history[-1] == Decision("lanjut", 0, 3) and history[-1].day == 3
    assert history[:1] == [Decision("awal", 1, 0)]
    assert tuple(history) == (Decision("awal", 1, 0), Decision("lanjut", 0, 3))
    copy = history.copy()
    copy.append("akhir", 2, 3)
    assert len(history) == 2 and len(copy) == 3  # a copy shares nothing
    assert history.to_data() == {
        "nodes": "awal lanjut",
        "choices": "0100",
        "days": [[0, 1], [3, 1]],
    }


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"nodes": "a", "choices": "00"},  # a column missing
        {"nodes": "a", "choices": "00", "days": [[0, 1]], "extra": 1},
        {"nodes": 1, "choices": "00", "days": [[0, 1]]},
        {"nodes": "a", "choices": "zz", "days": [[0, 1]]},  # not hex
        {"nodes": "a", "choices": "0", "days": [[0, 1]]},  # half a byte
        {"nodes": "a b", "choices": "00", "days": [[0, 2]]},  # fewer choices than nodes
        {"nodes": "a", "choices": "00", "days": [[0, 2]]},  # more days than decisions
        {"nodes": "a", "choices": "00", "days": [[0, 10**12]]},  # a huge run is never made
        {"nodes": "a", "choices": "00", "days": [[0, 0]]},
        {"nodes": "a", "choices": "00", "days": [[0, -1], [0, 2]]},
        {"nodes": "a", "choices": "00", "days": [["0", 1]]},
        {"nodes": "a", "choices": "00", "days": [[True, 1]]},
        {"nodes": "a", "choices": "00", "days": [[0, 1, 2]]},
        {"nodes": "a", "choices": "00", "days": []},
    ],
)
def test_malformed_columns_are_refused(data: object) -> None:
    assert History.from_data(data) is None


@pytest.mark.parametrize(
    "rows",
    [
        None,
        {},
        [["a", 0]],
        [["a", "0", 0]],
        [["a", 0, 0.5]],
        [[1, 0, 0]],
        [("a", 0, 0)],
        [["a", -1, 0]],
    ],
)
def test_malformed_rows_are_refused(rows: object) -> None:
    assert History.from_rows(rows) is None


def test_a_stray_decision_is_found_and_named() -> None:
    counts = {"awal": 2, "lanjut": 3}
    history = History(["awal", "lanjut", "awal"], [1, 2, 0], [0, 0, 0])
    assert history.first_stray(counts) is None
    assert History(["awal", "hilang"], [0, 0], [0, 0]).first_stray(counts) == 1
    assert History(["awal", "awal", "lanjut"], [0, 1, 3], [0, 0, 0]).first_stray(counts) == 2
    assert History().first_stray(counts) is None


def _played(library: Library, steps: int) -> Session:
    session = Session(library, "gratifikasi")
    for _ in range(steps):
        session.choose(0)
    return session


def test_a_format_2_save_still_restores(library: Library) -> None:
    """Saves and records written before the columns (format 2: one row per decision)."""
    session = _played(library, 3)
    data = json.loads(session.to_json())
    data["format"] = 2
    data["history"] = [list(d) for d in session.history]
    restored = Session.from_json(library, json.dumps(data))
    assert restored.history == session.history
    assert restored.view() == session.view()
    assert restored.to_json() == session.to_json()  # written back in the current format


def test_a_save_whose_decision_no_longer_exists_says_which(library: Library) -> None:
    session = _played(library, 2)
    data = json.loads(session.to_json())
    data["history"]["choices"] = "00" + "0b"  # decision 2: choice 12 of its node
    with pytest.raises(SaveError, match=r"decision 2 \(.*choice 12\) no longer exists"):
        Session.from_json(library, json.dumps(data))
    data["history"]["choices"] = "0000ff"  # three choices for two decisions
    with pytest.raises(SaveError, match="damaged"):
        Session.from_json(library, json.dumps(data))
