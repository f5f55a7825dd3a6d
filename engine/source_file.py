"""One YAML file as the loader sees it: its text, its data, and where in it a problem is.

Source marks cost time, so a file is composed into nodes (which keep line and column) only
when a problem in it has to be placed. Lint places its findings with the same class.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from engine import validation_messages, yaml_io
from engine.messages import msg
from engine.problems import Level, Problem, display_path

Loc = tuple[str | int, ...]
MAX_PROBLEMS = 100  # per file: the first hundred are enough to start fixing, and cost little


@dataclass
class SourceFile:
    """One YAML file's text and data; source marks are computed only if a problem needs them."""

    path: Path
    text: str
    data: Any
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def _root(self) -> yaml.Node | None:
        return yaml_io.compose(self.text)

    def report(self, loc: Loc, message: str, at_value: bool = True, level: Level = "error") -> None:
        """Record a problem at the key (or its value) found along ``loc``.

        After :data:`MAX_PROBLEMS` in one file, one last line says the rest were left out:
        placing thousands of problems in a generated file would cost minutes.
        """
        if len(self.problems) > MAX_PROBLEMS:
            return
        if len(self.problems) == MAX_PROBLEMS:
            message = msg("file.too_many_problems", count=MAX_PROBLEMS)
            loc, level = (), "error"
        if at_value:
            line, col = yaml_io.value_position(self._root, loc)
        else:
            line, col = yaml_io.locate(self._root, loc)
        self.problems.append(Problem(display_path(self.path), line, col, message, level))

    def report_validation(
        self, exc: ValidationError, model: type[BaseModel], prefix: Loc = ()
    ) -> None:
        for loc, message, at_value in validation_messages.messages(exc, model, prefix, self.data):
            self.report(loc, message, at_value)

    def column_in_value(self, loc: Loc, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` inside the scalar at ``loc`` (for conditions)."""
        line, col = yaml_io.value_position(self._root, loc)
        lines = self.text.splitlines()
        quoted = 0 < line <= len(lines) and lines[line - 1][col - 1 : col] in ("'", '"')
        return line, col + offset + int(quoted)


def collect_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Problem]]:
    """The YAML files named or found below the given paths, in a stable order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(display_path(path), 1, 1, msg("file.missing")))
    return list(dict.fromkeys(files)), problems


def read_source(path: Path) -> SourceFile | Problem:
    """Read and parse one file, or the problem that stops it being read at all."""
    try:
        text = yaml_io.read_text(path)
        data = yaml_io.load_data(text)
    except yaml_io.YamlProblem as exc:
        return Problem(display_path(path), exc.line, exc.col, exc.message)
    except OSError as exc:
        return Problem(display_path(path), 1, 1, msg("file.unreadable", reason=exc.strerror))
    if data is None:
        return Problem(display_path(path), 1, 1, msg("file.empty"))
    if not isinstance(data, dict):
        return Problem(display_path(path), 1, 1, msg("file.not_a_block"))
    return SourceFile(path, text, data)
