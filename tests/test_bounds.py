"""Bounds contain the exact ranges; past the budget results say approximate; play never analyses."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cli.commands.analyze import report
from engine import analysis, bounds, reach
from engine.analysis import analyze
from engine.bounds import compute_bounds
from engine.debrief import build_debrief
from engine.generate import GUIDES, VALUE_IDS, generate_counter_scenario, generate_scenario
from engine.library import Library, Story
from engine.lint import lint_story, reading_estimate
from engine.loader import load_library
from engine.reach import StateGraph, compute_reach, explore
from engine.session import Session
from tests.fuzz_strategies import FUZZ
from tests.test_analysis import brute_force

FIXTURES = Path(__file__).parent / "fixtures"
COUNTER_LOOP = FIXTURES / "analysis" / "counter_loop.yaml"
BIG = 10**9  # a budget no test scenario reaches: the exact answer


def load_data(tmp_path: Path, data: dict[str, Any], name: str = "s.yaml") -> tuple[Library, Story]:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    library = load_library([path])
    assert not [p for p in library.problems if p.level == "error"], library.problems[:3]
    [story] = library.stories.values()
    return library, story


def contains(outer: reach.Reach, exact: reach.Reach) -> None:
    assert outer.approximate and not exact.approximate
    assert exact.endings <= outer.endings
    for value, (low, high) in exact.ranges.items():
        out_low, out_high = outer.range(value)
        assert out_low <= low <= high <= out_high, (value, (low, high), (out_low, out_high))


# -- small random scenarios with counters, flags, days and loops ------------------------------

CONDITIONS = [
    "poin >= 2",
    "poin < 3",
    "not tanda",
    "tanda and poin <= 4",
    "hari_kerja <= 3",
    "poin == 1 or hari_kerja > 2",
    "status == 'buka'",
    "status != 'tutup' and -poin > -3",
]


@st.composite
def scenarios(draw: st.DrawFn, loops: bool = True) -> dict[str, Any]:
    """A few nodes whose choices add to a counter, flip a flag, set text, pass days, loop
    back (unless ``loops`` is false) or go on; conditions read all of it. Node i's first
    choice always goes on."""
    size = draw(st.integers(2, 6))
    nodes: dict[str, Any] = {}
    for i in range(size):
        onward = f"n{i + 1}" if i + 1 < size else "akhir"
        choices = []
        for k in range(draw(st.integers(1, 3))):
            target = (
                onward
                if k == 0
                else draw(
                    st.sampled_from(
                        [*(f"n{j}" for j in range(0 if loops else i + 1, size)), "akhir"]
                    )
                )
            )
            choice: dict[str, Any] = {
                "text": f"Pilihan {i}.{k}",
                "feedback": "Umpan balik",
                "rules": [GUIDES[0]],
                "next": target,
                "scores": {draw(st.sampled_from(VALUE_IDS[:3])): draw(st.integers(-2, 2))},
            }
            if draw(st.booleans()):
                choice["add"] = {"poin": draw(st.integers(-1, 2))}
            if draw(st.integers(0, 3)) == 0:
                choice["set"] = draw(
                    st.sampled_from([{"tanda": True}, {"status": "tutup"}, {"poin": 0}])
                )
            if draw(st.booleans()):
                choice["days"] = draw(st.integers(0, 2))
            if k > 0 and draw(st.booleans()):
                choice["if"] = draw(st.sampled_from(CONDITIONS))
            choices.append(choice)
        nodes[f"n{i}"] = {"text": f"Situasi {i}", "choices": choices}
    return {
        "id": "acak",
        "title": "Acak",
        "summary": "Acak",
        "focus_values": [VALUE_IDS[0]],
        "minutes": 5,
        "audience": "Penguji",
        "author": "Tim",
        "version": "1",
        "variables": {"poin": 0, "tanda": False, "status": "buka"},
        "calendar": {"start": 1},
        "start": "n0",
        "nodes": nodes,
        "endings": {"akhir": {"title": "Akhir", "text": "Akhir", "tone": "mixed"}},
    }


@FUZZ
@given(data=scenarios())
def test_bounds_contain_the_exact_ranges_of_random_scenarios(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    _, story = load_data(tmp_path_factory.mktemp("s"), data)
    exact = compute_reach(story, limit=20_000)
    if exact.approximate:
        return  # a loop that keeps counting: nothing exact to compare with (tested below)
    contains(compute_reach(story, limit=0), exact)
    found = compute_bounds(story)
    graph = explore(story, BIG)
    assert {key[0] for key in graph.steps} <= found.reached
    for key, steps in graph.steps.items():  # every choice really open is "may be open"
        assert {s.choice for s in steps} <= set(found.open[key[0]])
        for name, value in graph.env(key).items():  # the day counter among them when read
            bound = found.envs[key[0]][name]
            if isinstance(bound, frozenset):
                assert value in bound, (key, name)
            else:
                assert bound[0] <= value <= bound[1], (key, name, bound)


@FUZZ
@given(data=scenarios(loops=False))
def test_exact_ranges_agree_with_every_path_listed(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    """Dropping variables no condition reads ahead must not change an exact answer."""
    _, story = load_data(tmp_path_factory.mktemp("s"), data)
    walks = brute_force(story)
    exact = compute_reach(story, limit=BIG)
    assert not exact.approximate
    assert exact.endings == {w.ending for w in walks}
    for value in {v for w in walks for v in w.scores}:
        totals = [w.scores.get(value, 0) for w in walks]
        assert exact.range(value) == (min(totals), max(totals)), value


@pytest.mark.parametrize("seed", range(4))
def test_bounds_contain_the_exact_ranges_of_generated_scenarios(tmp_path: Path, seed: int) -> None:
    _, story = load_data(tmp_path, generate_scenario(25, seed))
    contains(compute_reach(story, limit=0), compute_reach(story, limit=BIG))


@pytest.mark.parametrize("nodes", [5, 30])
def test_bounds_contain_the_exact_ranges_of_counter_scenarios(tmp_path: Path, nodes: int) -> None:
    _, story = load_data(tmp_path, generate_counter_scenario(nodes))
    exact = compute_reach(story, limit=BIG)
    contains(compute_reach(story, limit=0), exact)
    assert exact.states > nodes  # the counter splits states: it is read downstream


def test_variables_no_condition_reads_do_not_split_states(tmp_path: Path) -> None:
    data = generate_counter_scenario(30)
    for node in data["nodes"].values():
        for choice in node["choices"]:
            choice.pop("if", None)  # now nothing reads the counter
    _, story = load_data(tmp_path, data)
    graph = explore(story, BIG)
    assert len(graph.steps) == 30
    assert not compute_reach(story).approximate


# -- past the budget --------------------------------------------------------------------------


def test_a_counting_loop_is_approximate_everywhere_it_is_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    library = load_library([COUNTER_LOOP])
    story = library.stories["analysis-counter-loop"]

    def no_enumeration(*_: object, **__: object) -> None:
        raise AssertionError("an endless state space must not be enumerated")

    monkeypatch.setattr(reach, "explore", no_enumeration)  # the bounds say "hopeless" first
    result = analyze(story)
    assert result.approximate and result.truncated
    assert result.values["harmonis"].low <= -1 and result.values["harmonis"].high >= 1
    assert result.endings["selesai"].paths == 1  # "may be reached"
    assert "APPROXIMATE" in report(story, result, 0.0)[0]
    assert story.reach.approximate
    found = lint_story(story, library)
    assert any("approximate" in p.message for p in found)
    assert reading_estimate(story).decisions >= 1  # judged on the bounds' node graph
    session = Session(library, story)
    while not session.finished:
        session.choose(len(session.view().choices) - 1)
    debrief = build_debrief(session)
    assert debrief.result("harmonis").approximate
    assert 0.0 <= debrief.result("harmonis").position <= 1.0


def track_graphs(monkeypatch: pytest.MonkeyPatch) -> list[weakref.ref[StateGraph]]:
    """Weak references to every state graph ``reach.explore`` builds from now on."""
    graphs: list[weakref.ref[StateGraph]] = []
    real = reach.explore

    def tracked(*args: Any, **kwargs: Any) -> StateGraph:
        graph = real(*args, **kwargs)
        graphs.append(weakref.ref(graph))
        return graph

    monkeypatch.setattr(reach, "explore", tracked)
    return graphs


def test_a_big_counter_story_is_approximate_and_its_graph_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, story = load_data(tmp_path, generate_counter_scenario(200))
    graphs = track_graphs(monkeypatch)
    result = compute_reach(story, limit=5_000)  # 200 nodes: about 10,000 states
    assert result.approximate
    gc.collect()
    assert all(ref() is None for ref in graphs)
    assert not any(isinstance(v, StateGraph) for v in vars(result).values())


def test_an_exact_reach_drops_its_graph_too(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs = track_graphs(monkeypatch)
    story = next(iter(library.stories.values()))
    assert not compute_reach(story).approximate
    gc.collect()
    assert graphs and all(ref() is None for ref in graphs)


# -- play never analyses ----------------------------------------------------------------------


def test_view_and_choose_never_run_the_analysis(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counting(name: str, real: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        return wrapper

    for module, name in [
        (reach, "explore"),
        (reach, "compute_reach"),
        (reach, "exact_graph"),
        (bounds, "compute_bounds"),
        (analysis, "analyze"),
    ]:
        monkeypatch.setattr(module, name, counting(name, getattr(module, name)))
    library, story = load_data(tmp_path, generate_counter_scenario(300))
    session = Session(library, story)
    steps = 0
    while not session.finished:
        view = session.view()
        assert 0.0 <= view.progress <= 1.0
        session.choose(steps % len(view.choices))
        steps += 1
    assert session.view().progress == 1.0
    assert calls == []  # a whole play-through, not one analysis
    build_debrief(session)  # the debrief is where the ranges are computed, once
    assert "compute_reach" in calls


def test_set_then_add_on_one_choice_is_followed_exactly(tmp_path: Path) -> None:
    """``set: {poin: 0}`` with ``add: {poin: 2}`` leaves 2 (set first), as a Session does."""

    def choice() -> dict[str, Any]:  # a fresh dict each time: YAML may not alias
        return {"text": "Ya", "feedback": "F", "rules": [GUIDES[0]]}

    data = {
        "id": "setadd",
        "title": "T",
        "summary": "S",
        "focus_values": [VALUE_IDS[0]],
        "minutes": 5,
        "audience": "A",
        "author": "Tim",
        "version": "1",
        "variables": {"poin": 5},
        "start": "a",
        "nodes": {
            "a": {
                "text": "A",
                "choices": [{**choice(), "set": {"poin": 0}, "add": {"poin": 2}, "next": "b"}],
            },
            "b": {
                "text": "B",
                "choices": [
                    {**choice(), "if": "poin == 2", "scores": {VALUE_IDS[0]: 1}, "next": "akhir"},
                    {**choice(), "if": "poin != 2", "scores": {VALUE_IDS[0]: -1}, "next": "akhir"},
                ],
            },
        },
        "endings": {"akhir": {"title": "Akhir", "text": "Akhir", "tone": "mixed"}},
    }
    library, story = load_data(tmp_path, data)
    session = Session(library, story)
    session.choose(0)
    assert [c.choice_index for c in session.view().choices] == [0]
    assert compute_reach(story).range(VALUE_IDS[0]) == (1, 1)
    assert compute_reach(story, limit=0).range(VALUE_IDS[0]) == (1, 1)
