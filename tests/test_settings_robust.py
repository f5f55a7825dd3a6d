"""Settings files that would stop the game starting: nested 100k deep, a link to /dev/zero, a
FIFO, a huge file. The game starts with the defaults and says so once; a UTF-8 byte-order mark
is read, not reset; a folder where settings cannot be saved is reported once, not hidden.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from game_helpers import make_app

from engine.ui_text import tr
from game.settings import SETTINGS_FILE, Settings


def _load_within(folder: Path, seconds: float = 5.0) -> tuple[Settings, str | None]:
    """load_checked in a thread, so a blocking read fails the test instead of hanging it."""
    result: list[tuple[Settings, str | None]] = []
    worker = threading.Thread(target=lambda: result.append(Settings.load_checked(folder)))
    worker.daemon = True
    started = time.perf_counter()
    worker.start()
    worker.join(seconds)
    assert result, f"loading the settings did not return within {seconds}s"
    assert time.perf_counter() - started < 1.0
    return result[0]


def _hostile(folder: Path, kind: str) -> None:
    path = folder / SETTINGS_FILE
    if kind == "nested":
        path.write_text("[" * 100_000 + "]" * 100_000)
    elif kind == "nested-objects":
        path.write_text('{"a":' * 30_000 + "1" + "}" * 30_000)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        path.write_text('{"lang": "en", "pad": "' + "x" * 10_000_000 + '"}')
    elif kind == "folder":
        path.mkdir()


KINDS = ["nested", "nested-objects", "dev-zero", "fifo", "huge", "folder"]


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_settings_give_defaults_a_message_and_a_backup(tmp_path: Path, kind: str) -> None:
    if kind == "dev-zero" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    _hostile(tmp_path, kind)
    settings, damage = _load_within(tmp_path)
    assert settings == Settings()
    assert damage is not None and SETTINGS_FILE in damage and "kept as" in damage
    assert not (tmp_path / SETTINGS_FILE).exists(), "moved aside, so the next start is clean"
    assert _load_within(tmp_path) == (Settings(), None)


def test_the_game_starts_with_a_fifo_for_settings_and_says_so(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    _hostile(config, "fifo")
    app = make_app(tmp_path)
    assert app.settings == Settings()
    assert app.notice is not None and app.notice.title == tr("settings_damaged", "id")
    assert "not a regular file" in app.notice.lines[0]
    if app.records is not None:
        app.records.close()


def test_a_byte_order_mark_is_read_not_reset(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_bytes(b'\xef\xbb\xbf{"lang": "en", "sound": false}')
    settings, damage = Settings.load_checked(tmp_path)
    assert damage is None and settings == Settings(lang="en", sound=False)
    assert (tmp_path / SETTINGS_FILE).exists()


def test_a_folder_where_settings_cannot_be_saved_is_reported_once(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    folder = blocker / "config"  # cannot be made: its parent is a file
    first = Settings(lang="en").save(folder)
    assert first is not None and "cannot be saved" in first and str(folder) in first
    assert Settings(lang="id").save(folder) is None  # said once, not at every change
    good = tmp_path / "config"
    assert Settings(lang="en").save(good) is None
    assert Settings.load(good).lang == "en"


def test_the_game_says_once_when_settings_cannot_be_saved(tmp_path, monkeypatch) -> None:
    """A settings folder that refuses writes: the change applies, the game says so once."""
    from game_helpers import make_app

    from game import settings as settings_module

    app = make_app(tmp_path)

    def refuse(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings_module, "write_atomic", refuse)
    app.settings.text_size = 1
    app.save_settings()
    assert app.notice is not None and app.notice.level == "error"
    assert "Pengaturan tidak dapat disimpan" in app.notice.title
    app.notice = None
    app.save_settings()
    assert app.notice is None and app.settings.text_size == 1  # said once; still applied
