"""Classroom mode, headless: notes toggle, timer, tallies, majority, tie, debrief, records."""

from __future__ import annotations

from pathlib import Path

import pygame
from game_helpers import click, frames, make_app, press, start_classroom

from engine.records import Records

KELAS = Path(__file__).parent / "fixtures" / "classroom" / "kelas.yaml"
NOTES = "Tanyakan kapan batas waktu pelaporan dimulai."


def shown(app) -> str:
    frames(app)
    return " | ".join(app.text.frame_texts)


def type_number(app, n: int) -> None:
    for digit in str(n):
        press(app, getattr(pygame, f"K_{digit}"), settle=1)


def test_a_classroom_session_votes_plays_the_majority_and_breaks_a_tie(tmp_path):
    app = make_app(tmp_path, scenarios=[KELAS])
    start_classroom(app, "LATSAR-7")
    assert app.scene.name == "scenario_list" and app.mode == "classroom"
    assert app.player.name == "Kelas LATSAR-7" and app.player.group == "LATSAR-7"
    click(app, "play-kelas")
    play = app.scene
    assert play.name == "play" and play.classroom and play.stage == "situation"

    # the notes are hidden until the facilitator asks for them (N or the button)
    assert NOTES not in shown(app)
    press(app, pygame.K_n)
    assert NOTES in shown(app) and "1. Apa risikonya bila parsel disimpan?" in shown(app)
    click(app, "notes")
    assert NOTES not in shown(app)

    # the discussion timer: T starts and pauses, R resets, the end is signalled
    assert play.timer.label == "03:00" and "03:00" in shown(app)
    press(app, pygame.K_t)
    frames(app, 60)  # two seconds at 1/30 s per frame
    assert play.timer.running and play.timer.label == "02:58"
    press(app, pygame.K_t)
    frames(app, 30)
    assert not play.timer.running and play.timer.label == "02:58"
    press(app, pygame.K_r)
    assert play.timer.label == "03:00"
    click(app, "timer-toggle")
    app.fixed_dt = 1.0  # let three minutes pass quickly
    frames(app, 185)
    app.fixed_dt = 1 / 30
    assert play.timer.rang == 1 and not play.timer.running
    assert "good" in app.sounds.played  # the chime
    assert "Waktu diskusi habis · 00:00" in shown(app)

    # read, discuss, then the choices; the facilitator types the hands
    click(app, "see-choices")
    assert play.stage == "choices"
    press(app, pygame.K_RETURN)  # nobody voted yet: nothing is played
    assert app.scene is play and "Masukkan jumlah tangan terlebih dahulu." in shown(app)
    type_number(app, 12)  # row 1 is selected first
    press(app, pygame.K_DOWN)
    type_number(app, 30)
    press(app, pygame.K_BACKSPACE)  # 30 -> 3
    press(app, pygame.K_DOWN)
    type_number(app, 4)
    press(app, pygame.K_PLUS)  # 4 -> 5
    assert play.tally.hands == [12, 3, 5]
    assert "12" in shown(app) and "5" in app.text.frame_texts  # the bar chart's numbers
    press(app, pygame.K_RETURN)
    assert app.scene.name == "outcome" and app.scene.outcome.choice_index == 0
    click(app, "continue")

    # a tie: both lead with 7 hands; the facilitator picks the second
    assert play.view.node_id == "atasan" and play.tally.hands == [0, 0]
    click(app, "see-choices")
    click(app, "choice-1")
    type_number(app, 7)
    click(app, "choice-2")
    type_number(app, 7)
    click(app, "vote-play")
    assert app.scene is play and play.tally.tie == [0, 1]
    assert "Suara seimbang: fasilitator memilih salah satu yang terbanyak." in shown(app)
    click(app, "tie-2")
    assert app.scene.name == "outcome" and app.scene.outcome.choice_index == 1
    click(app, "continue")

    # the classroom debrief shows how the class voted at each decision
    assert app.scene.name == "debrief" and app.scene.debrief.ending_id == "diam"
    text = shown(app)
    assert "Suara kelas (20 tangan)" in text
    assert "Suara kelas (14 tangan) · seri, dipilih fasilitator" in text
    assert "12 · Laporkan ke UPG" in text and "7 · Diam saja" in text

    # ... and so do the records
    with Records.open(tmp_path / "data") as records:
        (session,) = records.sessions()
        assert session.mode == "classroom" and session.finished and session.ending == "diam"
        first, second = records.decisions(session.id)
        assert first.votes.hands == {0: 12, 1: 3, 2: 5} and not first.votes.tie_broken
        assert second.votes.hands == {0: 7, 1: 7} and second.votes.tie_broken
        assert second.choice == 1


def test_tally_keys_clamp_and_a_click_on_a_row_selects_it(tmp_path):
    app = make_app(tmp_path, scenarios=[KELAS])
    start_classroom(app)
    assert app.player.name == "Kelas" and app.player.group is None
    click(app, "play-kelas")
    play = app.scene
    press(app, pygame.K_RETURN)  # the focus starts on "Lihat pilihan"
    assert play.stage == "choices"
    click(app, "choice-3")  # a click selects the row: the class votes, not the mouse
    assert app.scene is play and play.tally.row == 2
    press(app, pygame.K_MINUS)
    assert play.tally.hands == [0, 0, 0]  # never below zero
    type_number(app, 12345)
    assert play.tally.hands[2] == 999  # at most 999 hands
    press(app, pygame.K_UP)
    assert play.tally.row == 1
    press(app, pygame.K_ESCAPE)  # Esc: back to the situation, the tally kept
    assert play.stage == "situation" and play.tally.hands[2] == 999
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "scenario_list"
