"""Screenshots of the scenes around the records: name entry, classroom, programme, report,
resume. Called by :mod:`game.screenshots` after its scenario walk.

Earlier programme plays are written through the records API (as earlier games would have
left them), so the programme shows every status without playing five scenarios first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from game.app import App
from game.driver import click, frames, press, start_classroom, type_text

Shot = Callable[[str], None]


def _play_through(app: App, programme_id: str | None, story_id: str) -> None:
    assert app.records is not None and app.player is not None
    play = app.records.begin(app.library, story_id, app.player, programme_id=programme_id)
    while not play.finished:
        play.choose(len(play.view().choices) - 1)


def capture_records_tour(
    app: App, out: Path, prefix: str, story: str, new_app: Callable[[], App]
) -> list[Path]:
    """From the title: name entry, programme, classroom, report; then a resume offer.

    ``new_app`` starts another App on the same data folder (the next start after a crash).
    """
    saved: list[Path] = []

    def shot(name: str, target: App = app) -> None:
        frames(target, 40)  # let animations finish
        path = out / f"{prefix}-{name}.png"
        pygame.image.save(target.screen, str(path))
        saved.append(path)

    click(app, "start")
    type_text(app, "Ni Luh Putu Ayu Nur'aini")
    click(app, "field-nip")
    type_text(app, "199001012020121001")
    click(app, "field-group")
    type_text(app, "LATSAR-7")
    shot("name-entry")
    click(app, "entry-ok")
    programmes = sorted(app.library.programmes.values(), key=lambda p: p.id)
    if programmes:
        programme = programmes[0]
        for sid in programme.scenarios[:1]:
            _play_through(app, programme.id, sid)
        click(app, f"programme-{programme.id}")
        shot("programme")
        press(app, pygame.K_ESCAPE)
        for sid in programme.scenarios[1:]:
            _play_through(app, programme.id, sid)
        click(app, f"programme-{programme.id}")
        click(app, "programme-debrief")
        shot("programme-debrief")
        press(app, pygame.K_ESCAPE)
        press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)  # the list -> the title
    _classroom(app, shot, story)
    click(app, "report")
    click(app, "group-LATSAR-7")
    shot("report")
    press(app, pygame.K_ESCAPE)
    start_classroom(app, "LATSAR-7")
    click(app, f"play-{story}")
    for key in (pygame.K_v, pygame.K_1, pygame.K_v, pygame.K_RETURN, pygame.K_RETURN):
        press(app, key)  # one decision taken by the class, then the game "crashes"
    shot("resume", new_app())
    return saved


def _classroom(app: App, shot: Shot, story: str) -> None:
    """A class on the projector: situation, vote with hands typed, a tie, the reveal with
    the questions, then the class's debrief."""
    start_classroom(app, "LATSAR-7")
    click(app, f"play-{story}")
    press(app, pygame.K_t)
    frames(app, 45)
    shot("class-situation")
    press(app, pygame.K_v)
    for row in range(len(app.scene.lesson.hands)):
        app.scene.lesson.select_row(row)
        for digit in str(11 if row < 2 else 5 + row):
            press(app, getattr(pygame, f"K_{digit}"), settle=1)
    shot("class-voting")
    press(app, pygame.K_v)
    press(app, pygame.K_RETURN)
    shot("class-tie")
    lesson = app.scene.lesson
    click(app, f"class-pick-{lesson.final.leaders[-1] + 1}")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_q)
    shot("class-reveal")
    while app.scene.name == "class_play":
        press(app, pygame.K_RETURN)
        if app.scene.name != "class_play":
            break
        for key in (pygame.K_v, pygame.K_1, pygame.K_7, pygame.K_v, pygame.K_RETURN):
            press(app, key)
    shot("class-debrief")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
