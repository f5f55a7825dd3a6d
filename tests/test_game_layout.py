"""The two-step play layout at the largest text size: nothing overflows, and the boxes
lint measures (game/metrics.py) are the ones the play scene draws into."""

from __future__ import annotations

import pygame
import pytest
from game_helpers import click, frames, make_app, press, start_individual

from game import metrics


def check_inside_window(app) -> None:
    w, h = app.screen.get_size()
    for t in app.scene.targets:
        assert t.rect.left >= 0 and t.rect.right <= w, f"{t.key} overflows sideways"
        if t.area is None:
            assert t.rect.top >= 0 and t.rect.bottom <= h, f"{t.key} is cut off"


@pytest.mark.parametrize("size", [(1024, 576), (1920, 1080)])
def test_every_shipped_situation_and_its_choices_fit_at_the_largest_text(tmp_path, size):
    app = make_app(tmp_path, size=size, scenarios=[])
    app.settings.text_size = len(metrics.TEXT_SCALES) - 1
    start_individual(app)
    checked = 0
    for story_id in sorted(app.library.stories):
        click(app, f"play-{story_id}")
        play = app.scene
        for _ in range(30):
            if app.scene.name != "play":
                break
            frames(app)
            where = f"{story_id}/{play.view.node_id}"
            assert play.stage == "situation" and play.text_area.max_offset == 0, where
            sit = metrics.situation_box(size, app.settings.text_scale)
            assert play.text_area.view.topleft == (sit.x, sit.y), where
            check_inside_window(app)
            click(app, "see-choices")
            assert play.choice_area.max_offset == 0, where  # every choice visible, no scroll
            check_inside_window(app)
            n = len(play.view.choices)
            box = metrics.choice_box(size, app.settings.text_scale, n)
            first = next(t for t in play.targets if t.key == "choice-1").rect
            pad = round(metrics.CHOICE_PAD * metrics.unit(size))
            assert abs(first.y - (box.y - pad)) <= 1, where  # rounding of scaled pixels
            click(app, f"choice-{n}")  # the last choice: a different path than the first
            checked += 1
            click(app, "continue")
        assert app.scene.name == "debrief", story_id
        press(app, pygame.K_ESCAPE)
    assert checked > 50


def test_a_long_text_at_normal_size_takes_two_steps_for_that_node_only(tmp_path):
    app = make_app(tmp_path, scenarios=[])
    start_individual(app)
    click(app, "play-gratifikasi")
    play = app.scene
    fits = []
    while app.scene.name == "play" and len(fits) < 8:
        frames(app)
        fits.append(play.fits_one_page)
        assert play.two_step is not play.fits_one_page  # text size 1.0: measured per node
        if play.two_step:
            assert {t.key for t in play.targets} >= {"see-choices"}
            press(app, pygame.K_RETURN)  # Enter: on to the choices
            assert play.stage == "choices"
            press(app, pygame.K_ESCAPE)  # Esc: back to the situation
            assert play.stage == "situation"
            click(app, "see-choices")
        click(app, "choice-1")
        click(app, "continue")
    assert True in fits and False in fits  # both layouts met along the way
