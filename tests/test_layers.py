"""The layers hold: the engine knows nothing of pygame or the game, and scenes never build
each other (game/flow.py does). Every import counts: top level, in functions, and under
TYPE_CHECKING."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported(path: Path) -> set[str]:
    """Every module name an import statement in ``path`` names (``from x import y`` -> x, x.y)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


ENGINE = sorted((ROOT / "engine").rglob("*.py"))
SCENES = sorted(p for p in (ROOT / "game" / "scenes").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: p.name)
def test_the_engine_imports_neither_pygame_nor_the_game(path: Path) -> None:
    bad = {n for n in imported(path) if n.split(".")[0] in ("pygame", "game", "cli")}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


@pytest.mark.parametrize("path", SCENES, ids=lambda p: p.name)
def test_no_scene_imports_another_scene(path: Path) -> None:
    scenes = {f"game.scenes.{p.stem}" for p in SCENES} - {"game.scenes.base"}
    bad = {n for n in imported(path) if n in scenes or n == "game.flow"}
    assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_widgets_do_not_push_scenes() -> None:
    for path in sorted((ROOT / "game" / "widgets").glob("*.py")):
        names = imported(path)
        assert not any(n.startswith("game.scenes") for n in names), path.name
        assert ".push(" not in path.read_text(encoding="utf-8"), path.name


def test_the_checks_see_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from game.scenes.play import PlayScene\n", encoding="utf-8")
    assert "game.scenes.play" in imported(sample)
