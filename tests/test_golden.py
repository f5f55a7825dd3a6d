"""Golden images: every scene and state against its committed baseline (game/golden.py).

Regenerate after an intended change of the look: ``python -m game.golden --update`` (or
``pytest tests/test_golden.py --update-golden``), look at the pictures, commit them.
"""

from __future__ import annotations

import pygame
import pytest

from game import golden

BUDGET_BYTES = 3 * 1024 * 1024


@pytest.fixture(scope="module")
def renders() -> dict[str, pygame.Surface]:
    return dict(golden.render_all())


def _baselines() -> list[str]:
    return sorted(p.stem for p in golden.GOLDEN_DIR.glob("*.png"))


@pytest.mark.slow
def test_every_state_has_a_baseline_and_no_baseline_is_stale(renders, request) -> None:
    if request.config.getoption("--update-golden"):
        for path in golden.GOLDEN_DIR.glob("*.png"):
            path.unlink()
        golden.GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
        for name, surface in renders.items():
            pygame.image.save(surface, str(golden.GOLDEN_DIR / f"{name}.png"))
    assert sorted(renders) == _baselines()
    assert any(name.startswith("1024x768-") for name in renders)  # play at 1024x768 too
    for scene in ("title", "play", "outcome", "debrief", "path-map", "rulebook", "settings"):
        assert f"1280x720-{scene}" in renders


@pytest.mark.slow
@pytest.mark.parametrize("name", _baselines())
def test_render_matches_its_golden_image(renders, name: str) -> None:
    expected = pygame.image.load(str(golden.GOLDEN_DIR / f"{name}.png"))
    share, diff = golden.difference(renders[name], expected)
    if share > golden.MAX_BAD_SHARE:
        golden.DIFF_DIR.mkdir(parents=True, exist_ok=True)
        pygame.image.save(renders[name], str(golden.DIFF_DIR / f"{name}.png"))
        pygame.image.save(diff, str(golden.DIFF_DIR / f"{name}-diff.png"))
    assert share <= golden.MAX_BAD_SHARE, (
        f"{name}: {share:.2%} of the pixels differ; see {golden.DIFF_DIR}/{name}-diff.png "
        "(an intended change? python -m game.golden --update)"
    )


def test_golden_images_stay_small() -> None:
    total = sum(p.stat().st_size for p in golden.GOLDEN_DIR.glob("*.png"))
    assert 0 < total <= BUDGET_BYTES


def _surface(color=(120, 130, 140), size=(100, 50)) -> pygame.Surface:
    surf = pygame.Surface(size)
    surf.fill(color)
    return surf


def test_difference_tolerates_small_shifts_and_counts_real_changes() -> None:
    base = _surface()
    assert golden.difference(base, base.copy())[0] == 0
    assert golden.difference(base, _surface((136, 114, 156)))[0] == 0  # 16 each way: same
    changed = base.copy()
    changed.fill((137, 130, 140), pygame.Rect(0, 0, 10, 5))  # 50 of 5000 pixels, by 17
    share, diff = golden.difference(changed, base)
    assert share == pytest.approx(0.01)
    assert share > golden.MAX_BAD_SHARE
    assert tuple(diff.get_at((0, 0)))[:3] == (255, 0, 255)  # marked where it differs
    assert tuple(diff.get_at((50, 40)))[:3] != (255, 0, 255)
    assert golden.difference(base, _surface(size=(50, 50)))[0] == 1.0
