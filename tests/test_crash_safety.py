"""Crash safety of what the game writes: settings and exported pictures.

Every write goes through a temporary file in the same folder and ``os.replace``, so a crash at
any point leaves the old file or the new one. A damaged settings file (a crash before this
rule existed, a hand edit, a bad disk) is moved aside as a backup, the game starts with the
defaults and says so once; the next start is clean, never a crash loop.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest
from game_helpers import make_app

from engine.ui_text import tr
from game import atomic
from game.exporting import save_png
from game.settings import Settings


class Crash(Exception):
    """Stands for the process dying at that point."""


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_settings_are_replaced_in_one_step_from_a_temp_file_beside_them(tmp_path, monkeypatch):
    replaced = []
    real_replace = os.replace

    def spy(src, dst):
        replaced.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", spy)
    Settings(lang="en", text_size=2).save(tmp_path)
    [(src, dst)] = replaced
    assert dst == tmp_path / "settings.json" and src.parent == tmp_path
    assert Settings.load(tmp_path) == Settings(lang="en", text_size=2)
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_crash_while_saving_settings_keeps_the_old_file(tmp_path, monkeypatch, where) -> None:
    Settings(lang="en").save(tmp_path)
    before = (tmp_path / "settings.json").read_bytes()

    def die(*args):
        raise Crash

    monkeypatch.setattr(atomic.os, where, die)
    with pytest.raises(Crash):
        Settings(lang="id", high_contrast=True).save(tmp_path)
    assert (tmp_path / "settings.json").read_bytes() == before
    assert _leftovers(tmp_path) == []
    monkeypatch.undo()
    assert Settings.load(tmp_path).lang == "en"


def test_an_export_is_whole_or_absent(tmp_path, monkeypatch) -> None:
    make_app(tmp_path)
    surface = pygame.Surface((64, 48))
    surface.fill((10, 120, 200))
    path = save_png(surface, tmp_path / "exports", "debrief")
    assert pygame.image.load(str(path)).get_at((5, 5))[:3] == (10, 120, 200)

    def die(*args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", die)
    with pytest.raises(OSError):
        save_png(surface, tmp_path / "exports", "debrief-2")
    names = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert names == [path.name], "no half-written picture and no temp file is left"


def test_a_failed_export_in_the_game_is_a_notice_not_a_crash(tmp_path, monkeypatch) -> None:
    app = make_app(tmp_path)

    def die(*args):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", die)
    assert app.export(app.screen, "debrief") is None
    assert app.notice is not None and app.notice.title == tr("game_export_failed", "id")
    assert "disk full" in app.notice.lines[0]


@pytest.mark.parametrize(
    "damage",
    [b'{"lang": "en", "text_si', b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"", b"null"],
    ids=["cut-short", "not-utf8", "a-list", "empty", "null"],
)
def test_damaged_settings_give_a_message_defaults_and_a_backup_once(tmp_path, damage) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_bytes(damage)

    app = make_app(tmp_path)
    assert app.settings == Settings()
    assert app.notice is not None and app.notice.title == tr("settings_damaged", "id")
    assert "settings.json" in app.notice.lines[0]
    [backup] = [p for p in config.iterdir() if p.name.startswith("settings.json.damaged-")]
    assert backup.read_bytes() == damage, "the bad file is kept for whoever wants to look"
    assert not (config / "settings.json").exists()
    if app.records is not None:
        app.records.close()

    again = make_app(tmp_path)  # the next start is clean: no message, no crash loop
    assert again.notice is None or again.notice.title != tr("settings_damaged", "id")
    again.settings.lang = "en"
    again.save_settings()
    assert json.loads((config / "settings.json").read_text(encoding="utf-8"))["lang"] == "en"
    assert len(list(config.glob("settings.json.damaged-*"))) == 1
    if again.records is not None:
        again.records.close()


def test_odd_values_in_a_readable_file_fall_back_quietly(tmp_path) -> None:
    (tmp_path / "settings.json").write_text('{"lang": "fr", "text_size": 99, "sound": false}')
    settings, damage = Settings.load_checked(tmp_path)
    assert damage is None and settings == Settings(sound=False)
    assert (tmp_path / "settings.json").exists()
