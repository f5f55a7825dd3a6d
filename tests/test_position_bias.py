"""No position bias: "press 1 every time" must not win, and nothing is pre-selected."""

from __future__ import annotations

import pygame
import pytest
from game_helpers import click, frames, make_app, start_individual

from engine.library import Library
from engine.outlook import outlook
from engine.play import Play

SEEDS = range(200)
RANDOM_WALK_AT_MOST = 0.2  # measured 0.8-17% per scenario (a blind walk through the story)


def first_shown_ending(library: Library, story_id: str, seed: int | None) -> str:
    play = Play.begin(library, story_id, seed=seed)
    while not play.finished:
        play.choose(0)
    return play.debrief().ending_id


@pytest.mark.parametrize(
    "story_id",
    [
        "bantuan_kedinasan",
        "dokumen_rahasia",
        "gratifikasi",
        "konflik_kepentingan",
        "media_sosial",
        "mentoring_rekan",
        "pelayanan_loket",
        "satgas_lintas_instansi",
        "sistem_baru",
        "vuca_banjir",
    ],
)
def test_always_the_first_option_does_not_reach_the_best_ending(library, story_id) -> None:
    story = library.stories[story_id]
    good = {e for e, end in story.scenario.endings.items() if end.tone == "good"}
    best = outlook(story).best_tone
    assert best == "good"
    assert first_shown_ending(library, story_id, None) not in good  # the file's order
    wins = sum(first_shown_ending(library, story_id, seed) in good for seed in SEEDS)
    # Shuffled, "press 1" is a blind walk: a lucky order can line up now and then, but it must
    # stay a losing strategy, never the way to the good ending.
    assert wins <= len(SEEDS) * RANDOM_WALK_AT_MOST, f"{story_id}: {wins} of {len(SEEDS)}"


def test_nothing_is_pre_selected_on_the_play_screen(tmp_path) -> None:
    app = make_app(tmp_path, size=(1280, 720))
    start_individual(app)
    click(app, "play-mini")
    frames(app)
    assert app.scene.name == "play" and app.scene.focus_key is None
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode=""))
    frames(app, 2)
    assert app.scene.name == "play" and app.scene.play.step == 0  # Enter chose nothing
