"""Running ``python main.py COMMAND`` as a user would: a real process, its output as text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_main(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """The command's result; ``env`` adds to the environment (UTF-8 output always)."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
    )
