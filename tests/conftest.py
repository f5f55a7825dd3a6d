"""Shared fixtures: the shipped library is loaded once per test run (it is immutable)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from engine.library import Library
from engine.loader import load_library

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def library() -> Library:
    """The shipped scenarios, rules and values."""
    return load_library()


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
