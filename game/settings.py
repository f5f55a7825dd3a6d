"""Player settings that persist between runs, in the user's config folder (JSON).

The folder is ``platformdirs.user_config_dir("berakhlak")``; ``BERAKHLAK_CONFIG_DIR``
overrides it so tests and classroom PCs can keep settings elsewhere. Exports go to the
user data folder (``BERAKHLAK_DATA_DIR`` overrides).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from game.metrics import TEXT_SCALES

APP_NAME = "berakhlak"


def config_dir() -> Path:
    return Path(os.environ.get("BERAKHLAK_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    return Path(os.environ.get("BERAKHLAK_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))


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
        try:
            data = json.loads((folder / "settings.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
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

    def save(self, folder: Path) -> None:
        """Write the settings; a read-only folder must not stop the game."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "settings.json").write_text(json.dumps(asdict(self), indent=2), "utf-8")
        except OSError:
            pass
