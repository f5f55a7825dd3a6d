"""Hostile YAML is refused quickly with a clear message, never a traceback or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from engine.loader import load_library

BILLION_LAUGHS = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)

CASES = {
    "aliases.yaml": (BILLION_LAUGHS.encode(), "anchors and aliases (& and *) are not allowed"),
    "python_tag.yaml": (
        b"id: x\ntitle: !!python/object/apply:os.system ['echo hacked']\n",
        "tags such as '!!python/...' are not allowed",
    ),
    "deep_flow.yaml": (b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "nested more than"),
    "very_deep_flow.yaml": (b"a: " + b"[" * 200_000 + b"]" * 200_000, "nested more than"),
    "deep_block.yaml": (b"- " * 10_000 + b"x\n", "nested more than"),
    "not_utf8.yaml": (b"id: x\ntitle: caf\xe9\n", "the file is not UTF-8 text"),
    "huge.yaml": (
        b"id: x\nsummary: '" + b"a" * (50 * 1024 * 1024) + b"'\n",
        "the file is too large",
    ),
    "not_a_mapping.yaml": (b"- just\n- a list\n", "a scenario file is a block of keys"),
    "empty.yaml": (b"", "the file is empty"),
    "duplicate_key.yaml": (b"id: a\nid: b\n", "the key 'id' appears twice"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_refused_fast_with_a_message(tmp_path: Path, name: str) -> None:
    content, expected = CASES[name]
    path = tmp_path / name
    path.write_bytes(content)
    started = time.perf_counter()
    library = load_library([path])
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, f"{name} took {elapsed:.2f}s"
    (problem,) = library.problems
    assert expected in problem.message
    assert problem.line >= 1 and problem.col >= 1
    assert library.stories == {}


def test_non_utf8_position_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    (problem,) = load_library([path]).problems
    assert (problem.line, problem.col) == (2, 11)


def test_hostile_file_does_not_stop_good_ones(tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "evil.yaml").write_bytes(BILLION_LAUGHS.encode())
    (tmp_path / "good.yaml").write_text((fixtures / "mixed" / "good.yaml").read_text())
    library = load_library([tmp_path])
    assert list(library.stories) == ["baik"]
    assert len(library.problems) == 1
