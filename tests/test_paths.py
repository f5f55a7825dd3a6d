"""One records folder for the game and every command, on every platform."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from cli.commands import records_arg
from engine import paths
from engine.records import Records
from game import app as game_app


@pytest.mark.parametrize("platform", [Unix, MacOS, Windows], ids=["linux", "macos", "windows"])
def test_game_and_commands_resolve_the_same_records_folder(platform, monkeypatch, tmp_path):
    for var in ("APPDATA", "LOCALAPPDATA", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var))
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(paths.ENV_CONFIG_DIR, raising=False)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platform)
    # Windows asks the shell for its folders; here they come from the (fake) environment.
    monkeypatch.setattr(
        platformdirs.windows, "get_win_folder", lambda csidl: str(tmp_path / "win" / csidl)
    )
    expected = Path(platform("berakhlak", appauthor=False).user_data_dir)
    assert paths.data_dir() == expected
    assert game_app.data_dir() == expected  # what App() uses when no folder is given
    with Records.open() as records:  # what the game and the text player open (and create)
        assert records.path == expected / "records.sqlite3"
    opened = records_arg.open_records(None)  # what report and export open (never create)
    assert opened is not None
    with opened:
        assert opened.path == expected / "records.sqlite3"
    if platform is Windows:  # appauthor=False: no doubled "berakhlak\berakhlak" folder
        assert expected.parts[-2:] != ("berakhlak", "berakhlak")


def test_the_environment_and_an_explicit_folder_win(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.data_dir(tmp_path / "given") == tmp_path / "given"
    monkeypatch.setenv(paths.ENV_CONFIG_DIR, str(tmp_path / "cfg"))
    assert paths.config_dir() == tmp_path / "cfg"
