"""Where the shipped content lives; overridable so a facilitator can point at their own folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def scenarios_dir() -> Path:
    """The folder of scenarios, rules and values (env ``BERAKHLAK_SCENARIOS`` overrides)."""
    return Path(os.environ.get("BERAKHLAK_SCENARIOS", PROJECT_ROOT / "scenarios"))


def assets_dir() -> Path:
    """Images, fonts and sounds shipped with the game."""
    return PROJECT_ROOT / "assets"


APP_NAME = "berakhlak"
ENV_DATA_DIR = "BERAKHLAK_DATA_DIR"
ENV_CONFIG_DIR = "BERAKHLAK_CONFIG_DIR"


def data_dir(override: str | Path | None = None) -> Path:
    """Records and exports: ``override``, else env ``BERAKHLAK_DATA_DIR``, else the platform's
    user data folder. The game and every command resolve it here, so a facilitator's report
    reads the records the game wrote (on Windows too)."""
    if override:
        return Path(override)
    if os.environ.get(ENV_DATA_DIR):
        return Path(os.environ[ENV_DATA_DIR])
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir(override: str | Path | None = None) -> Path:
    """Settings: ``override``, else env ``BERAKHLAK_CONFIG_DIR``, else the user config folder."""
    if override:
        return Path(override)
    if os.environ.get(ENV_CONFIG_DIR):
        return Path(os.environ[ENV_CONFIG_DIR])
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
