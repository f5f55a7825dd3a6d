"""The compiled load cache: a hit gives the library a cold load gives, and any doubt loads cold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine import load_cache
from engine.library import Library
from engine.load_cache import load_library_cached
from engine.loader import load_library
from engine.paths import scenarios_dir
from engine.session import Session

FIXTURES = Path(__file__).parent / "fixtures"


def same(a: Library, b: Library) -> None:
    """Equal content and equal problems (Story compares by identity, so field by field)."""
    assert a.problems == b.problems
    assert a.unavailable == b.unavailable
    assert a.values == b.values
    assert a.rules == b.rules
    assert a.programmes == b.programmes
    assert list(a.stories) == list(b.stories)
    for key, story in a.stories.items():
        other = b.stories[key]
        assert story.scenario == other.scenario
        assert story.path == other.path
        assert list(story.conditions) == list(other.conditions)
        for where, cond in story.conditions.items():
            again = other.conditions[where]
            assert (cond.source, cond.names) == (again.source, again.names)


class Counter:
    """Counts cold loads made through the cache module."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        monkeypatch.setattr(load_cache, "load_library", self)

    def __call__(self, paths: object = None) -> Library:
        self.calls += 1
        return load_library(paths)  # type: ignore[arg-type]


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize(
    "paths",
    [None, [FIXTURES / "broken"], [FIXTURES / "mixed"], [FIXTURES / "classroom"]],
    ids=["shipped", "broken", "mixed", "classroom"],
)
def test_a_hit_equals_a_cold_load_problems_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[Path] | None
) -> None:
    cold = load_library(paths)
    counter = Counter(monkeypatch)
    first = load_library_cached(paths, tmp_path)
    second = load_library_cached(paths, tmp_path)
    assert counter.calls == 1  # the second came from the cache
    same(cold, first)
    same(cold, second)


def test_a_cached_story_plays_like_a_cold_one(tmp_path: Path) -> None:
    load_library_cached(None, tmp_path)
    cached = load_library_cached(None, tmp_path)
    cold = load_library()
    for story_id in cold.stories:
        a, b = Session(cold, story_id), Session(cached, story_id)
        while not a.finished:
            assert [c.choice_index for c in a.view().choices] == [
                c.choice_index for c in b.view().choices
            ]
            last = len(a.view().choices) - 1
            a.choose(last)
            b.choose(last)
        assert (a.ending, a.scores, a.variables) == (b.ending, b.scores, b.variables)


def copy_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(scenarios_dir(), folder, ignore=shutil.ignore_patterns("schema"))
    return folder


@pytest.mark.parametrize(
    "edit",
    ["gratifikasi.yaml", "rulebook/asn.yaml", "values.yaml"],
    ids=["scenario", "rulebook", "values"],
)
def test_a_changed_file_loads_cold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    content = copy_content(tmp_path)
    cache = tmp_path / "cache"
    counter = Counter(monkeypatch)
    load_library_cached([content], cache)
    load_library_cached([content], cache)
    assert counter.calls == 1
    target = content / edit
    target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    load_library_cached([content], cache)
    assert counter.calls == 2


def test_a_changed_rule_text_shows_up(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    cache = tmp_path / "cache"
    before = load_library_cached([content], cache)
    target = content / "gratifikasi.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("start:", "start: tidak_ada\n_old_start:", 1), encoding="utf-8")
    after = load_library_cached([content], cache)
    same(after, load_library([content]))
    assert after.problems != before.problems


def test_a_new_engine_version_loads_cold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    load_library_cached([FIXTURES / "mixed"], tmp_path)
    monkeypatch.setattr(load_cache, "_engine_hash", "another engine")
    load_library_cached([FIXTURES / "mixed"], tmp_path)
    assert counter.calls == 2
    monkeypatch.setattr(load_cache, "CACHE_FORMAT", load_cache.CACHE_FORMAT + 1)
    load_library_cached([FIXTURES / "mixed"], tmp_path)
    assert counter.calls == 3


def damage_truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def damage_garble(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1 :]


def damage_swap_body(data: bytes) -> bytes:
    """Valid JSON, wrong content: the MAC no longer matches."""
    mac, _, body = data.partition(b"\n")
    return mac + b"\n" + body.replace(b'"gratifikasi"', b'"gratifikasi2"', 1)


@pytest.mark.parametrize(
    "damage",
    [damage_truncate, damage_garble, damage_swap_body, lambda _: b"", lambda _: b"\xff\xfe"],
    ids=["truncated", "garbled", "swapped", "empty", "binary"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    cold = load_library()
    load_library_cached(None, tmp_path)
    [entry] = entries(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    counter = Counter(monkeypatch)
    rebuilt = load_library_cached(None, tmp_path)
    assert counter.calls == 1
    same(cold, rebuilt)
    again = load_library_cached(None, tmp_path)  # the rebuilt entry is good again
    assert counter.calls == 1
    same(cold, again)


def test_an_entry_from_another_key_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_library_cached(None, tmp_path)
    (tmp_path / "key").write_bytes(b"x" * 32)  # another user's key: every MAC fails
    counter = Counter(monkeypatch)
    same(load_library(), load_library_cached(None, tmp_path))
    assert counter.calls == 1


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    same(load_library(), load_library_cached(None, blocker / "cache"))


def test_the_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BERAKHLAK_CACHE_DIR", str(tmp_path / "here"))
    assert load_cache.cache_dir() == tmp_path / "here"
    load_library_cached([FIXTURES / "mixed"])
    assert entries(tmp_path / "here")
    monkeypatch.delenv("BERAKHLAK_CACHE_DIR")
    assert "berakhlak" in str(load_cache.cache_dir())


def test_a_file_too_big_to_load_is_not_read_for_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine import yaml_io

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mixed", content)
    (content / "huge.yaml").write_text("id: x\n" + "# padding\n" * 400, encoding="utf-8")
    monkeypatch.setattr(yaml_io, "MAX_FILE_BYTES", 2000)
    monkeypatch.setattr(load_cache, "MAX_FILE_BYTES", 2000)
    cold = load_library([content])
    assert any("too large" in p.message for p in cold.problems)
    counter = Counter(monkeypatch)
    load_library_cached([content], tmp_path / "cache")
    same(cold, load_library_cached([content], tmp_path / "cache"))
    assert counter.calls == 1
