"""Shared fixtures: the shipped library is loaded once per test run (it is immutable)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# The game loads through the compiled cache: tests keep it in a folder of their own.
os.environ.setdefault("BERAKHLAK_CACHE_DIR", tempfile.mkdtemp(prefix="berakhlak-cache-"))
# The class server of the game under test listens on loopback only, on any free port.
os.environ.setdefault("BERAKHLAK_CLASS_HOST", "127.0.0.1")
os.environ.setdefault("BERAKHLAK_CLASS_PORT", "0")
# Author-facing messages default to Indonesian; the older tests assert the English wording of
# the same catalogue entries, so the suite runs in English unless a test asks for Indonesian
# (tests/test_messages.py and tests/test_yaml_mistakes.py check both languages).
os.environ.setdefault("BERAKHLAK_LANG", "en")

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


# Hypothesis: a short profile for every run (CI), a long one on demand:
#   HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz_loader.py
settings.register_profile("short", max_examples=60, deadline=None)
settings.register_profile("long", max_examples=5_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "short"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.png from the current renders (review, then commit)",
    )
