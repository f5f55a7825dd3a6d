"""Engine figures: loading, choosing, saving and analysing, each against a baseline.

Each row is the median of repeated runs. The baseline is the floor the engine builds on,
measured in the same run on the same data, so the ratio says what the engine adds.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from engine.analysis import analyze
from engine.gc_pause import paused_gc
from engine.generate import generate_scenario
from engine.library import Library
from engine.loader import load_library
from engine.reach import explore
from engine.session import Session


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure, its target and its baseline."""

    name: str
    value: float
    unit: str
    target: str
    met: bool
    baseline_name: str
    baseline: float

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``fn`` in seconds (one warm-up call first)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(
    first: Callable[[], object], second: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median times of two functions run in turns (ABAB...), so that drift in the machine's
    speed during a long measurement falls on both alike rather than on whichever ran last."""
    first()
    second()
    a, b = [], []
    for _ in range(repeats):
        for fn, times in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def write_scenarios(folder: Path, count: int, nodes: int) -> list[Path]:
    paths = []
    for seed in range(count):
        data = generate_scenario(nodes, seed)
        data["id"] = f"gen-{seed}"
        path = folder / f"gen-{seed}.yaml"
        path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True))
        paths.append(path)
    return paths


def bench_loading(repeats: int) -> Row:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_scenarios(folder, 1000, 30)

        def bare() -> None:  # under the same GC pause as load_library, so the ratio is our work
            with paused_gc():
                for path in paths:
                    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def ours() -> None:
            library = load_library([folder])
            assert len(library.stories) == 1000, library.problems[:3]

        base, mine = interleaved_medians(bare, ours, repeats)
    return Row(
        "load + validate 1000 x 30 nodes",
        mine,
        "s",
        "<= 1.3x bare",
        mine <= 1.3 * base,
        "bare yaml.load CSafeLoader (GC paused too)",
        base,
    )


def big_library(nodes: int = 1000) -> Library:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        path.write_text(yaml.dump(generate_scenario(nodes, 7), Dumper=yaml.CSafeDumper))
        return load_library([path])


def bench_choose(library: Library, repeats: int) -> Row:
    story_id = next(iter(library.stories))
    library.stories[story_id].reach  # noqa: B018 - computed once per library, not per step

    def play() -> int:
        session = Session(library, story_id)
        steps = 0
        while not session.finished:
            session.choose(0)
            steps += 1
        return steps

    steps = play()
    mine = median_time(play, repeats) / steps
    choice = library.stories[story_id].choice("n0", 0)

    def floor() -> None:  # the same state change as bare Python: copy, set, add, append
        env, scores, history = {"diperiksa": False, "tahap": 0, "hari_kerja": 1}, {}, []
        for _ in range(steps):
            env = dict(env)
            env.update(choice.set)
            for value, delta in choice.scores.items():
                scores[value] = scores.get(value, 0) + delta
            history.append(("n0", 0, 1))

    base = median_time(floor, repeats) / steps
    return Row(
        "Session.choose, 1000-node scenario",
        mine * 1e6,
        "us/step",
        "<= 20 us",
        mine <= 20e-6,
        "bare dict state change",
        base * 1e6,
    )


def bench_save(library: Library, repeats: int) -> Row:
    story_id = next(iter(library.stories))
    session = Session(library, story_id)
    for _ in range(200):
        if session.finished:
            break
        session.choose(0)

    def round_trip() -> None:
        Session.from_json(library, session.to_json())

    state = json.loads(session.to_json())

    def floor() -> None:
        json.loads(json.dumps(state))

    mine = median_time(round_trip, repeats * 20)
    base = median_time(floor, repeats * 20)
    return Row(
        f"to_json + from_json ({len(session.history)} decisions)",
        mine * 1e3,
        "ms",
        "<= 1 ms",
        mine <= 1e-3,
        "json.dumps + loads",
        base * 1e3,
    )


def bench_analyze(library: Library, repeats: int) -> Row:
    story = next(iter(library.stories.values()))
    mine = median_time(lambda: analyze(story), repeats)
    base = median_time(lambda: explore(story), repeats)
    return Row(
        "analyze, 1000-node scenario",
        mine * 1e3,
        "ms",
        "< 1000 ms",
        mine < 1.0,
        "explore() state graph",
        base * 1e3,
    )


def engine_rows(repeats: int = 5) -> list[Row]:
    from bench.counter_bench import counter_rows

    library = big_library()
    return [
        bench_loading(max(repeats // 2, 3)),
        bench_choose(library, repeats),
        bench_save(library, repeats),
        bench_analyze(library, repeats),
        *counter_rows(repeats),
    ]
