"""Classroom mode, headless, through the real game loop: the projector view, phones voting
over HTTP on loopback, hand counts, a tie, the reveal, the questions, records and debrief.

The facilitator's notes must never reach the projector's pixels: checked by rendering the
same class twice, with two different notes, and comparing the surfaces.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pygame
import pytest
from game_helpers import click, frames, make_app, press, start_classroom

from game.scenes.class_play import projector_body_px

KELAS = Path(__file__).parent / "fixtures" / "classroom" / "kelas.yaml"
NOTES = "Tanyakan kapan batas waktu pelaporan dimulai."
QUESTION = "1. Apa risikonya bila parsel disimpan?"


def shown(app) -> str:
    frames(app)
    return " | ".join(app.text.frame_texts)


def phone(server, name: str):
    """A participant's phone: joins the room and returns a vote function."""
    api = server.join_url.split("?")[0].rstrip("/") + "/api/"

    def post(path: str, body: dict) -> dict:
        request = urllib.request.Request(
            api + path, json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=5) as r:
            return json.loads(r.read())

    token = post("join", {"room": server.room_code, "name": name})["token"]

    def vote(ballot: int, choice: int) -> dict:
        return post(
            "vote", {"room": server.room_code, "token": token, "ballot": ballot, "choice": choice}
        )

    return vote


def to_class_play(tmp_path, scenarios=(KELAS,), size=(1280, 720), server=True):
    app = make_app(tmp_path, size=size, scenarios=list(scenarios), class_server=server)
    start_classroom(app, "LATSAR-7")
    click(app, "play-kelas")
    assert app.scene.name == "class_play"
    return app


def test_phones_vote_the_tally_moves_the_reveal_shows_and_the_records_keep_it(tmp_path):
    app = to_class_play(tmp_path)
    scene, lesson = app.scene, app.scene.lesson
    server = app.flow.class_server()
    assert server is not None and server.running
    assert NOTES not in shown(app)
    press(app, pygame.K_v)  # open the vote
    assert lesson.phase == "voting"
    text = shown(app)
    assert f"Kode: {server.room_code}" in text and server.join_url in text
    assert server.pin not in text  # the PIN only when the facilitator asks (P)
    press(app, pygame.K_p)
    assert f"PIN {server.pin}" in shown(app)
    press(app, pygame.K_p)
    votes = [phone(server, name) for name in ("Ani", "Budi", "Citra")]
    votes[0](1, 0)
    votes[1](1, 0)
    votes[2](1, 1)
    votes[2](1, 0)  # changed her mind: counted once, for A
    frames(app, 3)
    assert lesson.live().counts == (3, 0, 0) and "3 · 100%" in shown(app)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_2)  # two people without a phone raised a hand for B
    assert lesson.live().counts == (3, 2, 0)
    press(app, pygame.K_v)  # close
    with pytest.raises(urllib.error.HTTPError):
        votes[1](1, 1)  # a late vote is refused
    assert QUESTION not in shown(app)
    press(app, pygame.K_q)  # the questions, now that the vote is closed
    assert QUESTION in shown(app) and NOTES not in shown(app)
    press(app, pygame.K_RETURN)  # reveal
    text = shown(app)
    assert lesson.phase == "reveal" and "Tepat" in text and "60%" in text
    press(app, pygame.K_RETURN)  # next: the class's option is played and recorded
    assert lesson.phase == "situation" and lesson.play.step == 1
    (decision,) = app.records.decisions(lesson.play.session_id)
    assert decision.votes.hands == {0: 3, 1: 2, 2: 0}
    assert sorted(n for n, _ in decision.votes.named) == ["Ani", "Budi", "Citra"]
    # the rest by hand counts: a tie, picked by the facilitator
    press(app, pygame.K_v)
    press(app, pygame.K_4)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_4)
    press(app, pygame.K_v)
    press(app, pygame.K_RETURN)
    assert lesson.needs_pick and "Seri antara A, B" in shown(app)
    click(app, "class-pick-2")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert app.scene.name == "debrief"
    frames(app)
    assert "Kelas memilih" in " ".join(app.text.frame_texts) or app.scene.votes
    press(app, pygame.K_ESCAPE)  # the class ends: back to the list, then to the title
    press(app, pygame.K_ESCAPE)
    assert not server.running  # the server stops when the class ends
    assert scene is not None


def projector_pixels(tmp_path: Path, notes: str, steps: list[int]) -> list[bytes]:
    """Render the class at each step with ``notes`` as the facilitator's notes."""
    folder = tmp_path / notes[:8].replace(" ", "_")
    folder.mkdir()
    (folder / "kelas.yaml").write_text(
        KELAS.read_text(encoding="utf-8").replace(NOTES, notes), encoding="utf-8"
    )
    app = to_class_play(folder, scenarios=[folder / "kelas.yaml"], server=False)
    shots = []
    for key in steps:
        if key:
            press(app, key)
        frames(app, 2)
        shots.append(pygame.image.tobytes(app.screen, "RGB"))
    return shots


def test_the_notes_never_reach_the_projector(tmp_path):
    steps = [0, pygame.K_v, pygame.K_1, pygame.K_v, pygame.K_RETURN, pygame.K_q]
    one = projector_pixels(tmp_path, NOTES, steps)
    other = projector_pixels(tmp_path, "CATATAN RAHASIA FASILITATOR, JAWABANNYA A. " * 3, steps)
    assert one == other  # the notes differ, the projector's pixels do not


@pytest.mark.parametrize(("size", "least"), [((1280, 720), 32), ((1024, 768), 36)])
def test_projector_text_is_readable_from_the_back(tmp_path, size, least):
    assert projector_body_px(size) >= least
    app = to_class_play(tmp_path, size=size, server=False)
    frames(app)
    assert app.last_ui is not None and app.last_ui.body >= least
    out = Path(__file__).resolve().parent.parent / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    steps = {
        "situation": [],
        "voting": [pygame.K_v, pygame.K_1, pygame.K_2, pygame.K_DOWN, pygame.K_7],
        "closed": [pygame.K_v, pygame.K_q],
        "reveal": [pygame.K_RETURN],
    }
    for name, keys in steps.items():
        for key in keys:
            press(app, key)
        frames(app, 2)
        pygame.image.save(app.screen, str(out / f"class-{size[0]}x{size[1]}-{name}.png"))
        for target in app.scene.targets:  # nothing clipped off the screen
            assert app.screen.get_rect().contains(target.rect), (name, target.key)


def test_the_console_window_shows_the_notes_to_the_facilitator_only(tmp_path):
    app = to_class_play(tmp_path, server=False)
    press(app, pygame.K_c)
    console = app.flow.console
    assert console is not None and console.open
    app.text.start_frame()
    surface = console.draw()
    assert surface is not None and NOTES in app.text.frame_texts
    app.text.start_frame()
    frames(app)
    assert NOTES not in app.text.frame_texts  # the projector frame after it: no notes
    pos = next(t.rect.center for t in console.targets if t.key == "console-primary")
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, window=console.window)
    )
    frames(app)
    assert app.scene.lesson.phase == "voting"  # the console's button steered the class
    press(app, pygame.K_c)
    assert app.flow.console is None


def test_two_displays_put_the_console_on_the_laptop():
    from game.console import plan_displays

    assert plan_displays([(1920, 1080), (1280, 720)]) == (1, 0)
    assert plan_displays([(1366, 768)]) == (0, None)
    assert plan_displays([]) == (0, None)
