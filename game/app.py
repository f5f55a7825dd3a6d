"""The game's application: window, settings, the scene stack and the frame loop.

Tests build ``App(scenarios=..., size=..., config_dir=...)`` and drive the real loop with
``run(max_frames=N)`` or ``step()`` after posting events with ``pygame.event.post``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
import warnings
from collections.abc import Sequence
from dataclasses import astuple
from pathlib import Path

import pygame

from engine.library import Library
from engine.load_cache import load_library_cached as load_library
from engine.messages import messages_in
from engine.paths import config_dir, data_dir
from engine.problems import Problem
from engine.record_types import Mode, PlayerRecord
from engine.records import Records
from engine.ui_text import tr
from game import metrics
from game.assets import Images
from game.exporting import save_png
from game.flow import Flow
from game.notice import Notice, draw_notice, draw_sync_status
from game.portraits import Portraits
from game.scenes.base import Callback, Scene
from game.settings import Settings
from game.sound import Sounds
from game.text_cache import TextCache
from game.theme import Theme, theme_for
from game.widgets.ui import Ui

TRANSITION_SECONDS = 0.2


class App:
    """One running game. Everything a scene needs is reachable from here."""

    def __init__(
        self,
        scenarios: Sequence[Path | str] | None = None,
        size: tuple[int, int] = (1280, 720),
        config: Path | None = None,
        data: Path | None = None,
        fps: int = 60,
        fixed_dt: float | None = None,
        shuffle: bool = True,
        transitions: bool = True,
        class_server: bool = True,
    ) -> None:
        """``shuffle=False`` keeps every scenario's options in file order (tests, screenshots);
        ``transitions=False`` changes scenes at once (tests that count frames, golden images)."""
        started = time.perf_counter()
        pygame.init()
        self.config_dir = Path(config) if config else config_dir()
        self.data_dir = Path(data) if data else data_dir()
        self.settings, settings_damage = Settings.load_checked(self.config_dir)
        self.scenario_paths = list(scenarios) if scenarios else None
        self.fps, self.fixed_dt = fps, fixed_dt
        self.windowed_size = (
            max(size[0], metrics.MIN_WINDOW[0]),
            max(size[1], metrics.MIN_WINDOW[1]),
        )
        self.screen = self._open_window(self.settings.fullscreen)
        pygame.display.set_caption(tr("game_title", self.settings.lang))
        self.text = TextCache()
        self.images = Images()
        self.portraits = Portraits()
        self.transitions = transitions
        self._fade_from: pygame.Surface | None = None  # the last frame of the scene left
        self._fade_left = 0.0
        self._fade_frame = -1
        self.sounds = Sounds(self.settings.sound)
        self.clock = pygame.time.Clock()
        self.notice: Notice | None = None
        if settings_damage:  # said once; the bad file is already moved aside
            self.show_notice(tr("settings_damaged", self.settings.lang), [settings_damage])
        self.library = self._load()
        self.stack: list[Scene] = []
        self.shuffle = shuffle
        self.class_server = class_server
        self.windows: list = []  # extra windows (the facilitator's console): owns/handle/draw
        self.running = True
        self.frames = 0
        self.time = 0.0
        self.first_frame_seconds: float | None = None
        self._started = started
        self.last_ui: Ui | None = None
        self.records: Records | None = None  # opened by Flow.start
        self.sender = None  # engine.lrs_sender.Sender while an LRS is configured
        self.player: PlayerRecord | None = None  # chosen on the name-entry scene
        self.mode: Mode = "individual"
        self._drawn_look: tuple = ()
        self.flow = Flow(self)
        self.flow.start()  # the title; may offer to resume, or explain a bad records file
        self.draw()

    # -- window and settings ----------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return theme_for(self.settings.high_contrast)

    def _open_window(self, fullscreen: bool) -> pygame.Surface:
        try:
            if fullscreen:
                desktop = pygame.display.get_desktop_sizes()[0]
                return pygame.display.set_mode(desktop, pygame.FULLSCREEN)
        except (pygame.error, IndexError):
            self.settings.fullscreen = False
        screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        with contextlib.suppress(pygame.error, AttributeError), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # from_display_module is deprecated, still works
            pygame.Window.from_display_module().minimum_size = metrics.MIN_WINDOW
        return screen

    def toggle_fullscreen(self) -> None:
        if not self.settings.fullscreen:
            self.windowed_size = self.screen.get_size()
        self.settings.fullscreen = not self.settings.fullscreen
        self.screen = self._open_window(self.settings.fullscreen)
        self.save_settings()

    def save_settings(self) -> None:
        self.sounds.enabled = self.settings.sound
        pygame.display.set_caption(tr("game_title", self.settings.lang))
        problem = self.settings.save(self.config_dir)
        if problem:  # said once: the settings still apply until the game closes
            self.show_notice(tr("settings_unsaved", self.settings.lang), [problem], "error")

    def desktops(self) -> list[tuple[int, int]]:
        """The sizes of the connected displays (one per screen; extended desktops count)."""
        try:
            return list(pygame.display.get_desktop_sizes())
        except pygame.error:
            return []

    def ui_px(self, n: float) -> int:
        return round(n * metrics.unit(self.screen.get_size()))

    # -- content ----------------------------------------------------------------------
    def _load(self) -> Library:
        """Load the scenarios; whatever goes wrong becomes a notice, never a crash.

        Problems in the files are worded in the player's language (the setting), not the
        shell's: the facilitator reads them on this screen."""
        try:
            with messages_in(self.settings.lang):
                library = load_library(self.scenario_paths)
        except Exception as exc:  # a broken library must not stop the game starting
            self.show_notice(tr("game_load_failed", self.settings.lang), [str(exc)], "error")
            return Library(stories={}, values=(), rules={})
        errors = [p for p in library.problems if p.level == "error"]
        if errors:
            self.show_problems(errors)
        return library

    def show_problems(self, problems: Sequence[Problem]) -> None:
        lang = self.settings.lang
        self.show_notice(tr("game_problems", lang, n=len(problems)), [str(p) for p in problems])

    def show_notice(self, title: str, lines: Sequence[str] = (), level: str = "error") -> None:
        self.notice = Notice(title, tuple(lines), level, seconds=12.0)

    def reload(self) -> None:
        """F5: read the scenarios again; each scene keeps its place where it still can."""
        self.notice = None
        self.images.forget()
        self.portraits.forget()
        self.library = self._load()
        for scene in self.stack:
            scene.on_reload()
        if self.notice is None:
            self.show_notice(tr("game_reloaded", self.settings.lang), (), "info")
        self.sounds.play("page")

    def export(self, surface: pygame.Surface, stem: str) -> Path | None:
        """Save ``surface`` as PNG in the data folder and tell the player where it went."""
        lang = self.settings.lang
        try:
            path = save_png(surface, self.data_dir / "exports", stem)
        except (OSError, pygame.error) as exc:
            self.show_notice(tr("game_export_failed", lang), [str(exc)], "error")
            return None
        self.show_notice(tr("game_exported", lang), [str(path)], "info")
        self.sounds.play("export")
        return path

    # -- scene stack ------------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self.stack[-1]

    def push(self, scene: Scene, callback: Callback | None = None) -> None:
        """Show ``scene`` on top; ``callback(result)`` runs when it is dismissed."""
        scene.callback = callback
        self._drop_info_notice()
        self.begin_transition()
        self.stack.append(scene)

    def _drop_info_notice(self) -> None:
        """A passing notice ("saved to ...") belongs to the scene it was said on; an error
        stays until read."""
        if self.notice is not None and self.notice.level == "info":
            self.notice = None

    def dismiss(self, scene: Scene, result: object = None) -> None:
        """Take ``scene`` (and anything above it) off the stack, then hand on its result.

        The root scene cannot be dismissed: dismissing it ends the game.
        """
        if scene not in self.stack:
            return
        index = self.stack.index(scene)
        if index == 0:
            self.running = False
            return
        self.begin_transition()
        del self.stack[index:]
        self._drop_info_notice()
        self.sounds.play("page")
        if scene.callback is not None:
            scene.callback(result)

    def quit(self) -> None:
        self.running = False

    # -- transitions ------------------------------------------------------------------
    def begin_transition(self, force: bool = False, capture: bool = True) -> None:
        """Keep the frame on screen so the next scene fades in over it (~0.2 s).

        Several scene changes in one frame (dismiss, then the callback's push) fade once,
        from what the player last saw (``force``: again anyway; ``capture=False``: restart
        the fade from the frame already kept; both for the benchmark).
        """
        if not self.transitions or not self.stack:
            return
        if self._fade_frame == self.frames and not force:
            return
        if not capture and self._fade_from is not None:
            self._fade_left, self._fade_frame = TRANSITION_SECONDS, self.frames
            return
        surface = pygame.display.get_surface() or self.screen
        if self._fade_from is None or self._fade_from.get_size() != surface.get_size():
            self._fade_from = surface.copy()
        else:
            self._fade_from.blit(surface, (0, 0))
        self._fade_left, self._fade_frame = TRANSITION_SECONDS, self.frames

    def advance_transition(self, dt: float) -> None:
        """Let ``dt`` seconds of the fade pass (a long frame counts as 50 ms: still seen)."""
        self._fade_left = max(0.0, self._fade_left - min(dt, 0.05))

    @property
    def fading(self) -> bool:
        return self._fade_left > 0

    def _draw_fade(self, target: pygame.Surface) -> None:
        old = self._fade_from
        if old is None or old.get_size() != target.get_size():
            self._fade_left = 0.0
            return
        alpha = round(255 * self._fade_left / TRANSITION_SECONDS)
        # Fully opaque is a plain copy: pygame's blit with a surface alpha of 255 takes a
        # slow per-pixel path (75 ms at 1920x1080 against 2 ms).
        old.set_alpha(alpha if alpha < 255 else None)
        target.blit(old, (0, 0))

    # -- loop -------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.reload()
        elif (
            self.notice is not None
            and event.type == pygame.MOUSEBUTTONDOWN
            and self.notice.rect.collidepoint(event.pos)
        ):
            self.notice = None
        else:
            self.scene.handle(event)

    def step(self) -> None:
        """One frame: events, update, and draw + flip only if something may look different.

        A steady screen is not redrawn: any event, a running animation (``Scene.animating``)
        or a change of scene, window size, settings, notice or library forces the redraw.
        """
        changed = False
        for event in pygame.event.get():
            changed = True
            before = self.scene
            owner = next((w for w in self.windows if w.owns(event)), None)
            if owner is not None:
                owner.handle(event)
            else:
                self.handle(event)
            if not self.running:
                return
            if self.scene is not before:
                self.draw()  # the new scene's targets exist for the events that follow
        dt = self.fixed_dt if self.fixed_dt is not None else self.clock.get_time() / 1000
        self.time += dt
        self.scene.update(dt)
        fading = self.fading
        if fading:  # from the first frame on: the new scene shows through at once
            self.advance_transition(dt)
        if self.notice is not None:
            self.notice.seconds -= dt
            if self.notice.seconds <= 0:
                self.notice = None
        if changed or fading or self.scene.animating() or self._look() != self._drawn_look:
            self.draw()
            pygame.display.flip()
            for window in self.windows:
                window.draw()
        self.clock.tick(self.fps)
        self.frames += 1
        if self.first_frame_seconds is None:
            self.first_frame_seconds = time.perf_counter() - self._started

    def _look(self) -> tuple:
        """What the last frame depended on besides events and animations."""
        surface = pygame.display.get_surface() or self.screen
        scene = self.scene
        return (
            scene,
            len(self.stack),
            scene.focus_key,
            tuple(area.offset for area in scene.areas),
            surface.get_size(),
            astuple(self.settings),
            self.notice,
            self.library,
            self.sender.waiting() if self.sender is not None else None,
        )

    def draw(self, surface: pygame.Surface | None = None) -> Ui:
        self.screen = pygame.display.get_surface() or self.screen
        if surface is None:
            self._drawn_look = self._look()
        target = surface or self.screen
        self.text.start_frame()
        scene = self.scene
        if not scene.covers_window or surface is not None:
            target.fill(self.theme.bg)
        ui = Ui(target, self, scene.focus_key)
        if surface is None:
            focus = scene.focus_key
            scene.layout(ui)  # the one place a scene may adapt itself to the size
            if scene.focus_key != focus:
                ui = Ui(target, self, scene.focus_key)
        scene.draw(ui)
        scene.targets = ui.targets
        if surface is None and self.fading:
            self._draw_fade(target)
        if self.sender is not None:
            draw_sync_status(ui, self.sender)
        if self.notice is not None:
            draw_notice(ui, self.notice)
        self.last_ui = ui
        return ui

    def run(self, max_frames: int | None = None) -> int:
        while self.running and (max_frames is None or self.frames < max_frames):
            self.step()
        return 0


def run_game(argv: Sequence[str] | None = None) -> int:
    """``python main.py``: start the game (optional --scenarios and --size for facilitators)."""
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--scenarios", nargs="*", type=Path)
    parser.add_argument("--size", default="1280x720")
    args = parser.parse_args(list(argv or []))
    w, _, h = args.size.partition("x")
    os.environ.setdefault("SDL_VIDEO_CENTERED", "1")
    app = App(scenarios=args.scenarios or None, size=(int(w), int(h)))
    try:
        return app.run()
    finally:
        app.flow.close()
        if app.records is not None:
            app.records.close()
        pygame.quit()
