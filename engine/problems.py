"""Problems found in scenario files, reported as ``path:line:col: level: message``.

Facilitators are not programmers: every problem names the file and the place in it, and
says in plain words what is wrong and, where we can guess, what was meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from engine.messages import msg

Level = Literal["error", "warning"]
_UNREAD = {"file.too_large", "file.not_utf8", "file.control_char", "file.unreadable"}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, with a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    level: Level = "error"

    @property
    def code(self) -> str:
        """The message's catalogue id (``assets/messages.yaml``), '' for an uncatalogued one."""
        return getattr(self.message, "code", "")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"


class ScenarioError(Exception):
    """Raised where a caller needs exactly one scenario and it cannot be had."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def not_checked_note(problems: Iterable[Problem]) -> str:
    """'; N file(s) ... other checks did not run' when some files are not readable YAML.

    A file that YAML cannot read gets no other check at all, so a summary must not make it
    look clean ("0 warning(s)").
    """
    unread = {p.path for p in problems if p.code.startswith("yaml.") or p.code in _UNREAD}
    return str(msg("summary.not_checked", count=len(unread))) if unread else ""


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return str(msg("hint.did_you_mean", word=close[0])) if close else ""


def display_path(path: Path) -> str:
    """A path relative to the working directory when it is below it, for short messages.

    A file name that is not valid UTF-8 (its bytes kept as surrogates) is shown with U+FFFD,
    so printing a problem about it never raises UnicodeEncodeError.
    """
    try:
        shown = str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(path)
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
