"""Every scene at the smallest and a large window: screenshots, layout, text caching, settings."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest
from game_helpers import choose, click, frames, make_app, press, start_individual

from engine.messages import msg
from engine.paths import config_dir
from game.assets import Images
from game.screenshots import capture_all
from game.settings import Settings
from game.sound import Sounds

SCENES = ("title", "list", "play", "outcome", "debrief", "rulebook", "settings")


def test_screenshots_of_every_scene_at_both_sizes(tmp_path):
    out = Path(os.environ.get("BERAKHLAK_SCREENSHOTS", tmp_path / "shots"))
    saved = capture_all(out, scenarios=None)
    names = {p.name for p in saved}
    for prefix in ("1024x576", "1920x1080", "1024x576-text2", "1024x576-text2-contrast"):
        for scene in SCENES:
            assert f"{prefix}-{scene}.png" in names
    for path in saved:
        picture = pygame.image.load(str(path))
        colours = {
            tuple(picture.get_at((x, y)))
            for x in range(0, picture.get_width(), 37)
            for y in range(0, picture.get_height(), 37)
        }
        assert len(colours) > 3, f"{path.name} looks blank"


def walk(app):
    """Yield once in each scene, as a player reaches it."""
    yield "title"
    start_individual(app)
    yield "list"
    click(app, "play-mini")
    yield "play"
    if any(t.key == "see-choices" for t in app.scene.targets):  # two steps at large text
        click(app, "see-choices")
        yield "choices"
    click(app, "choice-1")
    yield "outcome"
    click(app, "continue")
    choose(app, 1)
    click(app, "continue")
    yield "debrief"
    click(app, "d1-rule-tipikor-12c-lapor")
    yield "rulebook"
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    click(app, "settings")
    yield "settings"


@pytest.mark.parametrize("size", [(1024, 576), (1920, 1080)])
def test_largest_text_fits_every_scene_and_steady_frames_render_no_text(tmp_path, size):
    app = make_app(tmp_path, size=size)
    app.settings.text_size = 2
    seen = []
    for name in walk(app):
        frames(app, 40)  # animations finished
        before = app.text.renders
        frames(app, 10)
        assert app.text.renders == before, f"{name}: a steady frame rendered text"
        w, h = app.screen.get_size()
        visible = []
        for t in app.scene.targets:
            assert t.rect.left >= 0 and t.rect.right <= w, f"{name}: {t.key} overflows sideways"
            if t.area is None:
                assert t.rect.top >= 0 and t.rect.bottom <= h, f"{name}: {t.key} is cut off"
                visible.append(t)
            else:
                assert t.area.view.left <= t.rect.left and t.rect.right <= t.area.view.right
        for i, a in enumerate(visible):
            for b in visible[i + 1 :]:
                assert not a.rect.colliderect(b.rect), f"{name}: {a.key} overlaps {b.key}"
        seen.append(name)
    assert seen == ["title", "list", "play", "choices", *SCENES[3:]]


def test_settings_persist_in_the_config_folder(tmp_path):
    app = make_app(tmp_path)
    click(app, "settings")
    for key in ("language", "text_size", "high_contrast", "sound"):
        click(app, key)
    press(app, pygame.K_F11)
    assert app.settings.fullscreen
    assert "Text size: large" in app.text.frame_texts
    again = Settings.load(tmp_path / "config")
    assert again == Settings(
        lang="en", text_size=1, high_contrast=True, fullscreen=True, sound=False
    )
    press(app, pygame.K_F11)
    assert not Settings.load(tmp_path / "config").fullscreen
    app2 = make_app(tmp_path)
    assert app2.settings.lang == "en" and app2.theme.name == "high_contrast"
    assert "Play on my own" in app2.text.frame_texts


def test_config_folder_is_overridable_and_damaged_settings_fall_back(tmp_path, monkeypatch):
    monkeypatch.setenv("BERAKHLAK_CONFIG_DIR", str(tmp_path))
    assert config_dir() == tmp_path
    (tmp_path / "settings.json").write_text('{"lang": "fr", "text_size": 9, "sound": "yes"}')
    assert Settings.load(tmp_path) == Settings()


def test_missing_image_is_a_placeholder(tmp_path):
    make_app(tmp_path)
    picture = Images().illustration("does-not-exist.png", (200, 120), (230, 230, 230), (90, 90, 90))
    assert picture.get_size() == (200, 120)
    real = Images().illustration("flood.png", (200, 120), (230, 230, 230), (90, 90, 90))
    assert real.get_at((100, 110)) != picture.get_at((100, 110))


def test_no_audio_device_means_silence_not_a_crash(monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    sounds = Sounds(enabled=True)
    assert not sounds.available
    sounds.play("click")
    assert sounds.played == ["click"]
    off = Sounds(enabled=False)
    off.play("click")
    assert off.played == []


def test_a_broken_scenario_is_listed_as_not_available_with_its_reason(tmp_path):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "rusak.yaml").write_text("id: rusak\ntitle: Rusak\nnodes: {}\n", "utf-8")
    app = make_app(tmp_path, scenarios=[folder])
    frames(app)
    assert app.notice is not None and app.notice.title in app.text.frame_texts  # told at start
    pos = app.notice.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    frames(app)
    assert app.notice is None  # a click closes it
    start_individual(app)
    shown = " ".join(app.text.frame_texts)
    assert "Tidak tersedia: rusak" in shown
    problem = str(app.library.unavailable[0].problems[0])
    assert problem not in app.text.frame_texts  # the reason only on demand
    click(app, "why-rusak.yaml")
    assert problem in app.text.frame_texts


@pytest.mark.parametrize(
    ("lang", "words"), [("id", "bukan tanggal yang ada"), ("en", "is not a real date")]
)
def test_load_problems_are_worded_in_the_players_language(tmp_path, lang, words):
    """The shell says English (conftest); the facilitator chose ``lang`` in the settings."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "tanggal.yaml").write_text("id: tanggal\ntitle: T\nreviewed: 2026-02-30\n", "utf-8")
    Settings(lang=lang).save(tmp_path / "config")
    app = make_app(tmp_path, scenarios=[folder])
    frames(app)
    reason = " ".join(str(p) for p in app.library.unavailable[0].problems)
    assert words in reason
    assert app.notice is not None and any(words in line for line in app.notice.lines)
    assert "is not a real date" in str(msg("yaml.bad_date", value="x", detail="y"))  # restored


def test_the_window_can_be_resized(tmp_path):
    app = make_app(tmp_path)
    start_individual(app)
    click(app, "play-mini")
    pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    frames(app, 2)
    assert app.screen.get_size() == (1600, 900)
    choice = next(t for t in app.scene.targets if t.key == "choice-1")
    assert choice.rect.right > 1024
