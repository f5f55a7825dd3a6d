"""A steady screen is not redrawn; anything that can change the picture redraws it.

This is what keeps a steady frame far under 1 ms at 1920x1080 (see ``python -m bench``);
these tests make sure skipping never leaves a stale picture on screen.
"""

from __future__ import annotations

import pygame
from game_helpers import click, frames, make_app, start_individual

from game.driver import choose


def counting(app) -> list[int]:
    """Count the app's full draws from now on."""
    calls: list[int] = []
    real = app.draw

    def draw(surface=None):
        calls.append(app.frames)
        return real(surface)

    app.draw = draw
    return calls


def test_steady_frames_are_skipped_and_input_redraws(tmp_path) -> None:
    app = make_app(tmp_path)
    start_individual(app)
    frames(app, 10)
    draws = counting(app)
    frames(app, 30)
    assert draws == [], "nothing changed, nothing is drawn"

    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1), buttons=(0,) * 3)
    )
    frames(app, 3)
    assert len(draws) == 1

    app.settings.text_size = 2  # a change without an event (tests, reload) is seen too
    frames(app, 3)
    assert len(draws) == 2


def test_a_resize_redraws_at_the_new_size(tmp_path) -> None:
    app = make_app(tmp_path)
    frames(app, 200)  # the title's greeting animation is over
    draws = counting(app)
    frames(app, 5)
    assert draws == []
    pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    frames(app, 2)
    assert len(draws) == 1 and app.last_ui is not None and app.last_ui.size == (1280, 720)


def test_an_animation_redraws_every_frame_until_it_ends(tmp_path) -> None:
    app = make_app(tmp_path)
    start_individual(app)
    click(app, "play-mini")
    draws = counting(app)
    choose(app, 2)
    assert app.scene.name == "outcome"
    start = len(draws)
    frames(app, 10)
    assert len(draws) - start == 10, "the score animation is drawn frame by frame"
    frames(app, 60)
    settled = len(draws)
    frames(app, 20)
    assert len(draws) == settled and app.scene.drawn_deltas == {"akuntabel": 2}
