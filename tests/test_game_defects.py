"""Defects found by playing (issue 13), each with the behaviour that replaces it."""

from __future__ import annotations

import datetime as dt

import pygame
from game_helpers import click, frames, make_app, press, start_individual

from game.driver import choose


def to_debrief(app) -> None:
    start_individual(app, "Ani", nip="199001012020121001", group="LATSAR-7")
    click(app, "play-mini")
    for pick in (2, 1):
        choose(app, pick)
        click(app, "continue")
    assert app.scene.name == "debrief"


def test_esc_mid_scenario_asks_before_leaving(tmp_path) -> None:
    app = make_app(tmp_path)
    start_individual(app)
    click(app, "play-mini")
    press(app, pygame.K_ESCAPE)  # nothing chosen yet: back to the list at once
    assert app.scene.name == "scenario_list"
    click(app, "play-mini")
    choose(app, 2)
    click(app, "continue")
    play = app.scene
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "confirm"
    assert "Tinggalkan skenario?" in app.text.frame_texts
    press(app, pygame.K_ESCAPE)  # Esc on the question: keep playing
    assert app.scene is play and play.play.step == 1
    press(app, pygame.K_ESCAPE)
    click(app, "leave")
    assert app.scene.name == "scenario_list"
    assert app.records.unfinished() is not None  # the left play stays resumable


def test_enter_on_the_debrief_does_not_save_a_file(tmp_path) -> None:
    app = make_app(tmp_path)
    to_debrief(app)
    press(app, pygame.K_RETURN)
    assert not (tmp_path / "data" / "exports").exists()
    assert app.scene.name == "scenario_list"  # Enter took the focused "scenarios" button


def test_an_info_notice_does_not_follow_into_the_next_scene(tmp_path) -> None:
    app = make_app(tmp_path)
    to_debrief(app)
    click(app, "export")
    assert app.notice is not None and app.notice.level == "info"
    click(app, "list")
    assert app.scene.name == "scenario_list" and app.notice is None


def test_the_exported_page_names_the_player_and_the_date(tmp_path) -> None:
    app = make_app(tmp_path)
    to_debrief(app)
    app.text.start_frame()
    app.scene.export()  # what the "export" button does, with this frame's texts kept
    texts = " ".join(app.text.frame_texts)
    (png,) = (tmp_path / "data" / "exports").glob("*.png")
    assert png.stat().st_size > 0
    assert str(dt.date.today()) in texts
    assert "Ani · NIP 199001012020121001 · LATSAR-7" in texts


def test_the_debrief_says_high_medium_low_instead_of_a_range(tmp_path) -> None:
    app = make_app(tmp_path)
    to_debrief(app)
    frames(app)
    shown = " ".join(app.text.frame_texts)
    assert "Tinggi untuk skenario ini (skor +2)" in shown  # akuntabel: the best reachable
    assert ".." not in shown


def test_a_dead_end_says_so_and_esc_returns_without_asking(tmp_path) -> None:
    """Issue 14: a node with no open choice must not leave the player before an empty list."""
    from pathlib import Path

    from engine.ui_text import tr

    dead_end = Path(__file__).parent / "fixtures" / "lint" / "dead_end_ahead.yaml"
    app = make_app(tmp_path, scenarios=[dead_end])
    start_individual(app)
    click(app, "play-lint-dead-end-ahead")
    choose(app, 2)  # Simpan (file order)
    click(app, "continue")
    choose(app, 1)
    click(app, "continue")
    assert app.scene.name == "play" and app.scene.view.stuck
    assert app.notice is not None and app.notice.title == tr("game_dead_end", "id")
    press(app, pygame.K_ESCAPE)  # no "leave the scenario?" question: there is nothing to keep
    assert app.scene.name == "scenario_list"


def test_an_approximate_range_is_said_on_the_gauge(tmp_path) -> None:
    from dataclasses import replace

    app = make_app(tmp_path)
    to_debrief(app)
    scene = app.scene
    results = tuple(replace(r, approximate=True) for r in scene.debrief.values)
    scene.debrief = replace(scene.debrief, values=results)
    press(app, pygame.K_PAGEUP)  # any input redraws
    assert any("rentang perkiraan" in t for t in app.text.frame_texts)
