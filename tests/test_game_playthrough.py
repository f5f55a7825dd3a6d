"""Play through the real app loop with posted mouse and keyboard events, end to end."""

from __future__ import annotations

import pygame
import pytest
from game_helpers import click, frames, make_app, press, start_individual, tab_to, type_text

from game.theme import hex_color


def test_mouse_playthrough_from_title_to_debrief_and_a_rule_link(tmp_path):
    app = make_app(tmp_path)
    assert app.scene.name == "title"
    start_individual(app)
    assert app.scene.name == "scenario_list"
    assert "Skenario mini" in app.text.frame_texts
    click(app, "play-mini")
    play = app.scene
    assert play.name == "play"
    assert "Anda menerima parsel." in app.text.frame_texts
    assert "Hari kerja ke-1" in app.text.frame_texts  # the calendar of a day-counting scenario

    click(app, "choice-2")  # "Lapor segera": +2 akuntabel, 2 days
    outcome = app.scene
    assert outcome.name == "outcome"
    assert outcome.outcome.deltas == {"akuntabel": 2}
    frames(app, 40)  # the score animation ends on the engine's number
    assert outcome.drawn_deltas == {"akuntabel": 2}
    assert "Bagus." in app.text.frame_texts and "+2" in app.text.frame_texts

    click(app, "outcome-rule-tipikor-12c-lapor")  # a rule link opens its entry ...
    assert app.scene.name == "rulebook" and app.scene.selected == "tipikor-12c-lapor"
    rule = app.library.rules["tipikor-12c-lapor"]
    assert rule.source in app.text.frame_texts
    click(app, "back")  # ... and comes back
    assert app.scene is outcome

    click(app, "continue")
    assert app.scene is play and play.view.node_id == "lapor"
    assert "Hari kerja ke-3" in app.text.frame_texts
    click(app, "choice-1")  # only "Masih tepat waktu" is open on day 3
    click(app, "continue")
    debrief = app.scene
    assert debrief.name == "debrief"
    expected = play.play.debrief()
    assert debrief.drawn_scores == {r.value.id: (r.score, r.low, r.high) for r in expected.values}
    assert expected.ending.title.id in " ".join(app.text.frame_texts)
    bar = debrief.bar_rects["akuntabel"]
    assert tuple(app.screen.get_at((bar.x + 3, bar.centery)))[:3] == hex_color(
        app.library.value("akuntabel").color
    )

    click(app, "d2-rule-akuntabel-1")
    assert app.scene.name == "rulebook" and app.scene.selected == "akuntabel-1"
    press(app, pygame.K_ESCAPE)
    assert app.scene is debrief

    click(app, "export")
    exported = list((tmp_path / "data" / "exports").glob("debrief-mini-*.png"))
    assert len(exported) == 1 and debrief.exported == exported[0]
    picture = pygame.image.load(str(exported[0]))
    assert picture.get_width() == 1600
    assert str(exported[0]) in app.text.frame_texts  # the player is told where it went


def test_keyboard_only_playthrough(tmp_path):
    app = make_app(tmp_path)
    press(app, pygame.K_RETURN)  # focus starts on "Start" (playing on one's own)
    assert app.scene.name == "name_entry"
    type_text(app, "Ani")  # the name field has the focus
    press(app, pygame.K_RETURN)
    assert app.scene.name == "scenario_list" and app.player.name == "Ani"
    press(app, pygame.K_RETURN)  # the first scenario has the focus
    assert app.scene.name == "play"
    play = app.scene
    press(app, pygame.K_1)  # wait a month
    assert app.scene.name == "outcome" and app.scene.outcome.days_passed == 30
    tab_to(app, "outcome-rule-tipikor-12c-lapor")
    press(app, pygame.K_RETURN)
    assert app.scene.name == "rulebook"
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "outcome"
    tab_to(app, "continue")
    press(app, pygame.K_RETURN)
    assert play.view.day == 31
    assert [c.text.id for c in play.view.choices] == ["Terlambat"]
    press(app, pygame.K_DOWN)
    press(app, pygame.K_UP)
    press(app, pygame.K_KP_ENTER)  # choice 1 has the focus: Enter picks it
    assert app.scene.name == "outcome" and app.scene.outcome.finished
    press(app, pygame.K_RETURN)
    assert app.scene.name == "debrief"
    assert app.scene.debrief.ending_id == "telat"
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "scenario_list"
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "title"
    press(app, pygame.K_ESCAPE)
    assert not app.running


def test_number_keys_beyond_the_open_choices_do_nothing(tmp_path):
    app = make_app(tmp_path)
    start_individual(app)
    click(app, "play-mini")
    press(app, pygame.K_9)
    assert app.scene.name == "play" and app.scene.play.history == ()


@pytest.mark.parametrize("pick", ["first", "last"])
def test_every_shipped_scenario_plays_to_its_debrief(tmp_path, library, pick):
    app = make_app(tmp_path, scenarios=[])  # [] -> the shipped folder
    assert set(app.library.stories) == set(library.stories)
    for story_id in sorted(app.library.stories):
        start_individual(app)
        click(app, f"play-{story_id}")
        play = app.scene
        for _ in range(200):
            if app.scene.name != "play":
                break
            n = 1 if pick == "first" else len(play.view.choices)
            press(app, getattr(pygame, f"K_{n}"), settle=1)
            press(app, pygame.K_RETURN, settle=1)
        assert app.scene.name == "debrief"
        expected = play.play.debrief()
        assert app.scene.drawn_scores == {
            r.value.id: (r.score, r.low, r.high) for r in expected.values
        }
        press(app, pygame.K_ESCAPE)
        press(app, pygame.K_ESCAPE)
        assert app.scene.name == "title"
