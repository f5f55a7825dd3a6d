"""Issue 17's hostile inputs, each beside a good scenario, through the loader, the game's load
and the command line: a placed message, exit 1, no traceback, the good scenario still loads,
and quickly.

The cases live in tests/hostile_inputs.py. In-process loading and ``validate`` run for every
case by default; ``lint``, ``list`` and ``play --text`` for every case are marked slow (about
a minute of processes). Times are each command's own: Python's start-up (timed just before)
and one libyaml parse of the file (the floor for any loader) are subtracted.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_inputs import CASES, GOOD, write_case

from engine import yaml_io
from engine.loader import load_library

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 2.0  # seconds per command, beyond starting Python


def _cli(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "SDL_VIDEODRIVER": "dummy"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    return done, time.perf_counter() - started


@pytest.fixture(scope="module")
def good_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    (folder / "baik.yaml").write_text(GOOD, encoding="utf-8")
    return folder


def _own_time(args: list[str], path: Path, good: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run ``args``; its time less Python's start-up and one parse of the file.

    Start-up is timed just before (``list`` on a folder with only the good file), and on a
    busy machine (eight agents on two cores) a run over budget is timed once more.
    """
    best = float("inf")
    for _ in range(2):
        startup = _cli("list", str(good))[1]
        done, elapsed = _cli(*args)
        best = min(best, elapsed - startup - _parse_time(path))
        if best < BUDGET:
            break
    return done, best


def _parse_time(path: Path) -> float:
    """Seconds libyaml takes to read the file once: the floor for any loader (0.5 s for the
    380 kB file of 4,000 choices on a quiet machine, three times that on a busy one)."""
    started = time.perf_counter()
    with contextlib.suppress(yaml_io.YamlProblem):
        yaml_io.load_data(yaml_io.read_text(path))
    return time.perf_counter() - started


def _expect_placed(output: str, path: Path, name: str) -> None:
    case = CASES[name]
    lines = [line for line in output.splitlines() if case.expect in line]
    assert lines, f"{name}: no line with {case.expect!r} in:\n{output[-2000:]}"
    assert any(line.startswith(f"{path}:") for line in lines), lines
    if case.line is not None:
        assert any(line.startswith(f"{path}:{case.line}:") for line in lines), lines
    assert "Traceback" not in output


@pytest.mark.parametrize("name", sorted(CASES))
def test_library_loads_the_good_file_and_places_the_bad_one(tmp_path: Path, name: str) -> None:
    path = write_case(tmp_path, name)
    started = time.perf_counter()
    library = load_library([tmp_path])
    elapsed = time.perf_counter() - started
    assert elapsed - _parse_time(path) < BUDGET, f"{name}: {elapsed:.2f}s"
    assert "mini" in library.stories
    mine = [p for p in library.problems if Path(p.path).name == path.name]
    assert mine and all(p.level == "error" and p.line >= 1 and p.col >= 1 for p in mine)
    assert any(CASES[name].expect in p.message for p in mine), mine
    if CASES[name].line is not None:
        assert any(p.line == CASES[name].line for p in mine), mine
    assert len(mine) <= 101  # at most a hundred, then one line saying there are more


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_places_the_problem_and_exits_1(
    tmp_path: Path, name: str, good_folder: Path
) -> None:
    path = write_case(tmp_path, name)
    done, own = _own_time(["validate", str(tmp_path)], path, good_folder)
    assert done.returncode == 1
    _expect_placed(done.stdout + done.stderr, path, name)
    assert "1 scenario(s) loaded" in done.stderr or name == "rule_checked_date"
    assert own < BUDGET, f"{name}: {own:.2f}s of its own"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_lint_list_and_play_place_the_problem_and_exit_1(
    tmp_path: Path, name: str, good_folder: Path
) -> None:
    path = write_case(tmp_path, name)
    for args in (["lint", str(tmp_path)], ["list", str(tmp_path)], ["play", "--text", str(path)]):
        done, own = _own_time(args, path, good_folder)
        assert done.returncode == 1, (args, done.stderr[-500:])
        _expect_placed(done.stdout + done.stderr, path, name)
        if args[0] == "list":
            assert "mini\t" in done.stdout
        assert own < BUDGET, f"{name} {args[0]}: {own:.2f}s of its own"


def test_the_game_loads_the_good_scenarios_beside_every_bad_file(tmp_path: Path) -> None:
    from game_helpers import make_app

    folder = tmp_path / "scenarios"
    paths = [write_case(folder / name, name) for name in sorted(CASES)]
    started = time.perf_counter()
    app = make_app(tmp_path, scenarios=[folder])
    elapsed = time.perf_counter() - started
    assert elapsed < BUDGET * 3, f"{elapsed:.2f}s for {len(CASES)} bad files"
    assert "mini" in app.library.stories  # every copy of the good file has the same id...
    bad = {Path(p.path).resolve() for p in app.library.problems if p.level == "error"}
    assert {p.resolve() for p in paths} <= bad
    assert app.notice is not None  # ...and the game says what is wrong instead of crashing


def test_a_file_name_that_is_not_utf8_is_shown_not_raised(tmp_path: Path) -> None:
    (tmp_path / "baik.yaml").write_text(GOOD, encoding="utf-8")
    with open(os.fsencode(tmp_path) + b"/\xff.yaml", "wb") as handle:
        handle.write(b"id: [\n")
    for command in ("validate", "list"):
        done, _ = _cli(command, str(tmp_path))
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "\ufffd.yaml:" in done.stdout + done.stderr


def test_thousands_of_broken_names_cost_a_hundred_placed_problems(tmp_path: Path) -> None:
    """4,000 'next:' to missing nodes took 157 s ('did you mean' against every node, each)."""
    text = CASES["missing_next_4000"].content.decode()
    text = text.replace("next: hilang_0_0", "next: simpul_1x", 1)  # a near miss, first
    path = tmp_path / "jahat.yaml"
    path.write_text(text, encoding="utf-8")
    problems = load_library([path]).errors_for(path)
    assert len(problems) == 101
    assert any("did you mean 'simpul_1'" in p.message for p in problems)
    first = problems[0]  # sorted by place: the note sits at the top of the file
    assert (first.line, first.col) == (1, 1)
    assert first.message.startswith("more than 100 problems in this file")
    assert sum("did you mean" in p.message for p in problems) <= 20
