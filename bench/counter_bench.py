"""The issue-15 story side by side with ink: 1000 nodes, each adding 1 or 2 to a counter that a
choice is conditioned on. Rows: warm (cached) load, first view, per step, save+restore, peak
RSS, and analyze time and peak RSS. The peer (bink on inkjs-compiled JSON) is the baseline
where it is installed; otherwise those rows print why they are skipped. Never faked.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench import ink_peer
from bench.engine_bench import Row, median_time
from engine.analysis import analyze
from engine.generate import generate_counter_scenario, generate_scenario
from engine.load_cache import load_library_cached
from engine.session import Session

ROOT = Path(__file__).resolve().parent.parent
NODES = 1000
SAVE_AT = 500  # decisions made before save + restore is timed

# Child processes report their own peak RSS (VmHWM; ru_maxrss carries the parent's over fork).
_PEAK = """
try:
    with open("/proc/self/status") as status:
        print(int(next(l for l in status if l.startswith("VmHWM:")).split()[1]))
except (OSError, StopIteration):
    import resource
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
_OURS = """
import sys
from pathlib import Path
from engine.load_cache import load_library_cached
from engine.session import Session
lib = load_library_cached([Path(sys.argv[1])], Path(sys.argv[2]))
session = Session(lib, next(iter(lib.stories)))
steps, offered = 0, len(session.view().choices)
while not session.finished:
    offered = len(session.choose(steps % offered).next.choices)
    steps += 1
Session.from_json(lib, session.to_json())
"""
_BINK = """
import sys
from bink.story import Story
with open(sys.argv[1], encoding="utf-8-sig") as f:
    story = Story(f.read())
story.continue_maximally()
steps = 0
while len(choices := story.get_current_choices()):
    story.choose_choice_index(steps % len(choices))
    story.continue_maximally()
    steps += 1
story.load_state(story.save_state())
"""
# A load timed in a fresh process, as a game start pays it (imports not counted).
_OURS_LOAD = """
import sys, time
from pathlib import Path
from engine.load_cache import load_library_cached
started = time.perf_counter()
load_library_cached([Path(sys.argv[1])], Path(sys.argv[2]))
print(time.perf_counter() - started)
"""
_BINK_LOAD = """
import sys, time
from bink.story import Story
started = time.perf_counter()
with open(sys.argv[1], encoding="utf-8-sig") as f:
    Story(f.read())
print(time.perf_counter() - started)
"""
_ANALYZE = """
import sys
from pathlib import Path
from engine.analysis import analyze
from engine.loader import load_library
lib = load_library([Path(sys.argv[1])])
analyze(next(iter(lib.stories.values())))
"""


def child_seconds(code: str, repeats: int, *args: str) -> float:
    """Median of what ``code`` prints (seconds), each run in a fresh process."""
    return statistics.median(float(_child(code, *args).split()[-1]) for _ in range(repeats))


def peak_rss_mb(code: str, *args: str) -> float:
    return int(_child(code + _PEAK, *args).split()[-1]) / 1024


def _child(code: str, *args: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    return done.stdout


def play(session: Session, steps: int | None = None) -> int:
    """Choose ``step % open choices`` until the end (or ``steps``): the same policy as ink's."""
    made, offered = 0, len(session.view().choices)
    while not session.finished and (steps is None or made < steps):
        offered = len(session.choose(made % offered).next.choices)
        made += 1
    return made


class Ours:
    """The engine's figures on the counter story, loaded through the compiled cache."""

    def __init__(self, folder: Path, repeats: int) -> None:
        self.path = folder / "counter.yaml"
        self.path.write_text(
            yaml.dump(generate_counter_scenario(NODES), Dumper=yaml.CSafeDumper), encoding="utf-8"
        )
        self.cache = folder / "cache"
        self.repeats = repeats
        load_library_cached([self.path], self.cache)  # the compile step: writes the entry

    def load(self) -> object:
        return load_library_cached([self.path], self.cache)

    def load_fresh(self) -> float:
        return child_seconds(_OURS_LOAD, self.repeats, str(self.path), str(self.cache))

    def first_view(self) -> float:
        times = []
        for _ in range(self.repeats):
            library = self.load()
            started = time.perf_counter()
            Session(library, next(iter(library.stories))).view()  # type: ignore[attr-defined]
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def per_step(self) -> float:
        library = self.load()
        story = next(iter(library.stories))  # type: ignore[attr-defined]
        play(Session(library, story))  # type: ignore[arg-type]
        times = []
        for _ in range(self.repeats):
            session = Session(library, story)  # type: ignore[arg-type]
            started = time.perf_counter()
            steps = play(session)
            times.append((time.perf_counter() - started) / steps)
        return statistics.median(times)

    def save_restore(self) -> float:
        library = self.load()
        session = Session(library, next(iter(library.stories)))  # type: ignore[arg-type]
        play(session, SAVE_AT)
        return median_time(
            lambda: Session.from_json(library, session.to_json()),  # type: ignore[arg-type]
            self.repeats * 5,
        )

    def rss(self) -> float:
        return peak_rss_mb(_OURS, str(self.path), str(self.cache))


class Peer:
    """bink's figures on the same story compiled to JSON by inkjs."""

    def __init__(self, folder: Path, repeats: int) -> None:
        from bink.story import Story

        self.story_class = Story
        self.json = ink_peer.compile_ink(
            ink_peer.ink_source(generate_counter_scenario(NODES)), folder
        )
        self.repeats = repeats

    def load(self) -> object:
        with open(self.json, encoding="utf-8-sig") as f:
            return self.story_class(f.read())

    def load_fresh(self) -> float:
        return child_seconds(_BINK_LOAD, self.repeats, str(self.json))

    def first_view(self) -> float:
        times = []
        for _ in range(self.repeats):
            story = self.load()
            started = time.perf_counter()
            story.continue_maximally()  # type: ignore[attr-defined]
            story.get_current_choices()  # type: ignore[attr-defined]
            times.append(time.perf_counter() - started)
        return statistics.median(times)

    def _play(self, story: object, steps: int | None = None) -> int:
        made = 0
        while (steps is None or made < steps) and len(
            choices := story.get_current_choices()  # type: ignore[attr-defined]
        ):
            story.choose_choice_index(made % len(choices))  # type: ignore[attr-defined]
            story.continue_maximally()  # type: ignore[attr-defined]
            made += 1
        return made

    def per_step(self) -> float:
        times = []
        for _ in range(self.repeats):
            story = self.load()
            story.continue_maximally()  # type: ignore[attr-defined]
            started = time.perf_counter()
            steps = self._play(story)
            times.append((time.perf_counter() - started) / steps)
        return statistics.median(times)

    def save_restore(self) -> float:
        story = self.load()
        story.continue_maximally()  # type: ignore[attr-defined]
        self._play(story, SAVE_AT)
        return median_time(
            lambda: story.load_state(story.save_state()),  # type: ignore[attr-defined]
            self.repeats * 5,
        )

    def rss(self) -> float:
        return peak_rss_mb(_BINK, str(self.json))


def _vs(name: str, mine: float, unit: str, factor: float, peer: float, scale: float) -> Row:
    return Row(
        name,
        mine * scale,
        unit,
        f"<= {factor:g}x bink",
        mine <= factor * peer,
        "bink (ink, inkjs-compiled JSON)",
        peer * scale,
    )


def counter_rows(repeats: int) -> list[Row]:
    """The rows; the ones measured against bink only when bink and inkjs are installed."""
    reason = ink_peer.unavailable()
    if reason:
        print(f"ink peer rows skipped: {reason}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours = Ours(folder, repeats)
        mine = {
            "load": ours.load_fresh(),
            "first": ours.first_view(),
            "step": ours.per_step(),
            "save": ours.save_restore(),
            "rss": ours.rss(),
        }
        theirs: dict[str, float] = {}
        if reason is None:
            peer = Peer(folder, repeats)
            theirs = {
                "load": peer.load_fresh(),
                "first": peer.first_view(),
                "step": peer.per_step(),
                "save": peer.save_restore(),
                "rss": peer.rss(),
            }
        story = next(iter(ours.load().stories.values()))  # type: ignore[attr-defined]
        approx = median_time(lambda: analyze(story), repeats)
        kind = "approximate" if analyze(story).approximate else "exact"
        analyze_rss = peak_rss_mb(_ANALYZE, str(ours.path))
        generated = folder / "generated.yaml"
        generated.write_text(yaml.dump(generate_scenario(NODES, 7), Dumper=yaml.CSafeDumper))
        exact_rss = peak_rss_mb(_ANALYZE, str(generated))
    rows = [
        Row(
            "first view(), counter story (cached load before)",
            mine["first"] * 1e3,
            "ms",
            "<= 50 ms",
            mine["first"] <= 0.050,
            "bink first continue + choices" if theirs else "-",
            theirs.get("first", 0.0) * 1e3,
        ),
        Row(
            "peak RSS: cached load, play to the end, save/restore",
            mine["rss"],
            "MB",
            "<= 120 MB",
            mine["rss"] <= 120,
            "bink, same play" if theirs else "-",
            theirs.get("rss", 0.0),
        ),
        Row(
            f"analyze, counter story ({kind})",
            approx * 1e3,
            "ms",
            "<= 1000 ms",
            approx <= 1.0,
            "-",
            0.0,
        ),
        Row(
            "peak RSS: load + analyze, counter story",
            analyze_rss,
            "MB",
            "<= 150 MB",
            analyze_rss <= 150,
            "-",
            0.0,
        ),
        Row(
            f"peak RSS: load + analyze, generated {NODES} nodes (exact)",
            exact_rss,
            "MB",
            "<= 150 MB",
            exact_rss <= 150,
            "-",
            0.0,
        ),
    ]
    if theirs:
        rows += [
            _vs(f"warm (cached) load, fresh process, counter story {NODES} nodes", mine["load"],
                "ms", 1.0, theirs["load"], 1e3),
            _vs("per step (choose + next view), counter story", mine["step"], "us", 0.5,
                theirs["step"], 1e6),
            _vs(f"save + restore after {SAVE_AT} decisions", mine["save"], "ms", 0.5,
                theirs["save"], 1e3),
        ]  # fmt: skip
    return rows
