"""F5 reloads the scenarios from disk during a headless session; problems show, never crash."""

from __future__ import annotations

import shutil

import pygame
from game_helpers import MINI, click, frames, make_app, press, start_individual


def start_at_second_node(tmp_path):
    scenario = tmp_path / "mini.yaml"
    shutil.copy(MINI, scenario)
    app = make_app(tmp_path, scenarios=[scenario])
    start_individual(app)
    click(app, "play-mini")
    click(app, "choice-2")
    click(app, "continue")
    play = app.scene
    assert play.view.node_id == "lapor"
    return app, play, scenario


def test_edited_text_appears_at_the_same_node(tmp_path):
    app, play, scenario = start_at_second_node(tmp_path)
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("Hari ini hari ke-{hari}.", "Teks yang baru diubah."), "utf-8")
    press(app, pygame.K_F5)
    assert app.scene is play
    assert play.view.node_id == "lapor"
    assert play.view.text.id == "Teks yang baru diubah."
    assert "Teks yang baru diubah." in app.text.frame_texts  # drawn, not only loaded
    assert play.play.day == 3 and play.play.scores["akuntabel"] == 2
    assert play.play.story is app.library.stories["mini"]


def test_a_broken_file_shows_its_problems_and_the_game_goes_on(tmp_path):
    app, play, scenario = start_at_second_node(tmp_path)
    old_story = play.play.story
    scenario.write_text("id: mini\ntitle: [unclosed\n", "utf-8")
    press(app, pygame.K_F5)
    assert app.running and app.scene is play
    assert app.notice is not None and app.notice.level == "error"
    shown = " ".join(app.text.frame_texts)
    assert "mini.yaml" in shown  # the problem with its file is on screen
    assert play.play.story is old_story  # the old version stays playable
    click(app, "choice-1")
    assert app.scene.name == "outcome"


def test_a_removed_node_restarts_the_scenario_from_the_start(tmp_path):
    app, play, scenario = start_at_second_node(tmp_path)
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("next: lapor", "next: lapor2").replace("  lapor:\n", "  lapor2:\n")
    scenario.write_text(text, "utf-8")
    press(app, pygame.K_F5)
    assert play.view.node_id == "awal" and play.play.history == ()
    assert app.notice is not None and "lapor" in app.notice.title
    frames(app)
    assert app.notice.title in app.text.frame_texts


def test_reload_on_the_scenario_list_shows_a_new_file(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    app = make_app(tmp_path, scenarios=[folder])
    start_individual(app)
    text = MINI.read_text(encoding="utf-8").replace("id: mini", "id: mini_dua")
    (folder / "dua.yaml").write_text(text.replace("Skenario mini", "Skenario kedua"), "utf-8")
    press(app, pygame.K_F5)
    assert "Skenario kedua" in app.text.frame_texts
    click(app, "play-mini_dua")
    assert app.scene.name == "play"


def test_a_restart_by_reload_records_a_new_attempt_and_the_next_decision_works(tmp_path):
    """Was: F5 after the node vanished, then a decision -> IntegrityError and the game exited."""
    app, play, scenario = start_at_second_node(tmp_path)
    first = play.play.session_id
    text = scenario.read_text(encoding="utf-8")
    text = text.replace("next: lapor", "next: lapor2").replace("  lapor:\n", "  lapor2:\n")
    scenario.write_text(text, "utf-8")
    press(app, pygame.K_F5)
    click(app, "choice-2")
    click(app, "continue")
    click(app, "choice-1")
    click(app, "continue")
    assert app.running and app.scene.name == "debrief"
    records = app.records
    old, new = records.sessions()
    assert old.id == first and old.abandoned and [d.step for d in records.decisions(old.id)] == [1]
    assert new.finished and [d.step for d in records.decisions(new.id)] == [1, 2]


def test_a_failed_write_is_said_and_the_class_plays_on(tmp_path):
    app, _, _ = start_at_second_node(tmp_path)
    app.records.conn.execute("PRAGMA query_only = ON")  # every write now fails
    click(app, "choice-1")
    assert app.running and app.scene.name == "outcome"
    assert app.notice is not None and app.notice.level == "error"
    frames(app)
    shown = " ".join(app.text.frame_texts)
    assert "TIDAK sedang disimpan" in shown and "hanya-baca" in shown
    click(app, "continue")
    assert app.scene.name == "debrief"  # the play ended in memory
    del app
    again = make_app(tmp_path, scenarios=[tmp_path / "mini.yaml"])
    assert again.scene.name == "resume"  # what was saved (one decision) is offered
    click(again, "resume-yes")
    assert again.scene.name == "play" and again.scene.view.node_id == "lapor"
