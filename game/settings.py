"""Player settings that persist between runs, in the user's config folder (JSON).

The folder is :func:`engine.paths.config_dir` (one place for the game and the commands);
``BERAKHLAK_CONFIG_DIR`` overrides it so tests and classroom PCs can keep settings elsewhere.
Exports go to the user data folder (``BERAKHLAK_DATA_DIR`` overrides).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.atomic import write_atomic
from game.metrics import TEXT_SCALES

SETTINGS_FILE = "settings.json"
MAX_SETTINGS_BYTES = 64 * 1024  # the real file is about 100 bytes


@dataclass
class Settings:
    """What the player chose in the settings scene; ``text_size`` indexes TEXT_SCALES."""

    lang: str = "id"
    text_size: int = 0
    high_contrast: bool = False
    fullscreen: bool = False
    sound: bool = True

    @property
    def text_scale(self) -> float:
        return TEXT_SCALES[self.text_size]

    @classmethod
    def load(cls, folder: Path) -> Settings:
        """The saved settings, or the defaults when the file is missing or damaged."""
        return cls.load_checked(folder)[0]

    @classmethod
    def load_checked(cls, folder: Path) -> tuple[Settings, str | None]:
        """The settings, and what was wrong with the file if it could not be used.

        A damaged file (not JSON, not an object, unreadable, nested absurdly deep, too large,
        not a regular file such as a FIFO or a link to /dev/zero) is moved aside as a backup
        so the next start is clean; the defaults are used meanwhile. A UTF-8 byte-order mark
        (some Windows editors add one) is accepted. Odd single values (an unknown language, a
        text size out of range) quietly fall back to their defaults.
        """
        path = folder / SETTINGS_FILE
        try:
            data = json.loads(_read_small(path))
            if not isinstance(data, dict):
                raise ValueError(f"expected an object, found {type(data).__name__}")
        except FileNotFoundError:
            return cls(), None
        except RecursionError:
            return cls(), f"{path}: nested too deeply to be settings; {_back_up(path)}"
        except (OSError, ValueError) as exc:  # UnicodeDecodeError and JSONDecodeError included
            return cls(), f"{path}: {exc}; {_back_up(path)}"
        return cls._from_dict(data), None

    @classmethod
    def _from_dict(cls, data: dict) -> Settings:
        defaults = cls()
        kept = {}
        for f in fields(cls):
            value = data.get(f.name, getattr(defaults, f.name))
            if type(value) is type(getattr(defaults, f.name)):
                kept[f.name] = value
        settings = cls(**kept)
        if settings.lang not in ("id", "en"):
            settings.lang = "id"
        if not 0 <= settings.text_size < len(TEXT_SCALES):
            settings.text_size = 0
        return settings

    def save(self, folder: Path) -> str | None:
        """Write the settings atomically; a read-only folder must not stop the game.

        Returns what went wrong the first time saving to ``folder`` fails (for the game to say
        once), None when saved or when the failure was already reported.
        """
        try:
            write_atomic(folder / SETTINGS_FILE, json.dumps(asdict(self), indent=2).encode())
        except OSError as exc:
            if folder in _UNSAVED:
                return None
            _UNSAVED.add(folder)
            return (
                f"the settings cannot be saved in {folder} ({exc.strerror or exc}); "
                "they last until the game closes"
            )
        _UNSAVED.discard(folder)
        return None


_UNSAVED: set[Path] = set()  # folders whose save failure was already reported


def _read_small(path: Path) -> str:
    """The text of a small regular file; refuses a FIFO, a device or a huge file unread.

    Opened without blocking (a FIFO would wait forever for a writer) and checked with fstat,
    so a link to /dev/zero is refused instead of read until memory runs out.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        data = handle.read(MAX_SETTINGS_BYTES + 1)
    if len(data) > MAX_SETTINGS_BYTES:
        raise ValueError(f"larger than {MAX_SETTINGS_BYTES // 1024} kB")
    return data.decode("utf-8-sig")


def _back_up(path: Path) -> str:
    """Move a damaged settings file aside (never overwriting an older backup); say where."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 2
    while backup.exists():
        backup = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    try:
        path.replace(backup)
    except OSError as exc:
        return f"the file could not be moved aside ({exc})"
    return f"kept as {backup.name}"
