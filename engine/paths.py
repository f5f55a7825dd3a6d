"""Where the shipped content lives; overridable so a facilitator can point at their own folder."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def scenarios_dir() -> Path:
    """The folder of scenarios, rules and values (env ``BERAKHLAK_SCENARIOS`` overrides)."""
    return Path(os.environ.get("BERAKHLAK_SCENARIOS", PROJECT_ROOT / "scenarios"))


def assets_dir() -> Path:
    """Images, fonts and sounds shipped with the game."""
    return PROJECT_ROOT / "assets"
