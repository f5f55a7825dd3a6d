"""new: a small scenario that loads cleanly, lints cleanly, and never overwrites a file."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from cli.commands import new as new_command
from engine.library import Library
from engine.lint import lint_library
from engine.loader import load_library
from engine.scaffold import TEMPLATE, ScaffoldError, create, render
from game.text_fit import TextFit

# How the shipped rulebook dates and sources its entries is judged by lint at every citation,
# but it is the rulebook's business, not the template's (tests/test_pedagogy.py covers those
# checks on a rulebook of its own); everything else lint says about a new scenario must be nil.
RULEBOOK_CHECKS = ("[rule-undated]", "[rule-unsourced]")


def own_findings(library: Library) -> list[str]:
    return [
        str(p) for p in lint_library(library, TextFit()) if not p.message.endswith(RULEBOOK_CHECKS)
    ]


def new(scenario_id: str, output: Path | None) -> int:
    return new_command.run(
        argparse.Namespace(scenario_id=scenario_id, output=str(output) if output else None)
    )


def test_new_scenario_is_valid_and_lint_clean(tmp_path: Path) -> None:
    path = tmp_path / "latihan.yaml"
    assert new("latihan", path) == 0
    library = load_library([path])
    assert library.problems == ()
    story = library.stories["latihan"]
    assert len(story.scenario.nodes) >= 2 and len(story.scenario.endings) >= 2
    assert story.scenario.variables and story.scenario.calendar is not None
    assert own_findings(library) == []
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=file://")  # outside the project
    assert "__" not in text  # every placeholder filled
    assert text.count("\n#") > 10  # well commented


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ada.yaml"
    path.write_text("mine", encoding="utf-8")
    assert new("ada", path) == 1
    assert path.read_text(encoding="utf-8") == "mine"
    assert "already exists" in capsys.readouterr().err


def test_refuses_bad_or_taken_ids(tmp_path: Path, library: Library) -> None:
    with pytest.raises(ScaffoldError, match="letters, digits"):
        create("bukan id!", tmp_path / "x.yaml")
    taken = next(iter(library.stories))
    assert new(taken, tmp_path / "y.yaml") == 1
    assert not (tmp_path / "y.yaml").exists()


def test_schema_path_is_relative_inside_the_project() -> None:
    from engine.paths import scenarios_dir

    text = render("contoh", scenarios_dir() / "contoh.yaml")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema/scenario.schema.json"
    assert "id: contoh" in text


def test_template_is_outside_the_scenarios_folder() -> None:
    from engine.paths import scenarios_dir

    assert scenarios_dir().resolve() not in TEMPLATE.resolve().parents


def test_the_guides_worked_example_is_lint_clean(tmp_path: Path) -> None:
    from engine.paths import scenarios_dir

    guide = (scenarios_dir() / "README.md").read_text(encoding="utf-8")
    [example] = [b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "nodes:" in b]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    library = load_library([path])
    assert library.problems == ()
    assert own_findings(library) == []
