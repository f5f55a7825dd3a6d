"""Staging (issue 13): backgrounds follow the node's place, portraits follow the data and the
mood (never a hijab on a man), roles are never cut, scenes fade, the path map works."""

from __future__ import annotations

import pygame
import pytest

from engine.loader import load_library
from engine.paths import scenarios_dir
from engine.story_layout import layered
from game import golden, metrics, play_layout, staging
from game.widgets.ui import Ui
from tests.game_helpers import choose, click, frames, make_app, press, start_individual

GOLDEN = list(golden.SCENARIOS)
SHIPPED = [scenarios_dir()]


def _to_play(app, story: str) -> None:
    start_individual(app)
    click(app, f"play-{story}")
    assert app.scene.name == "play"


def _walk(app, story: str, seen: list) -> None:
    """Play ``story`` with the first open option, noting each play and outcome scene."""
    _to_play(app, story)
    while app.scene.name in ("play", "outcome"):
        frames(app)
        seen.append((app.scene.name, app.scene.staged, getattr(app.scene, "view", None)))
        if app.scene.name == "play":
            choose(app, 1)
        else:
            outcome = app.scene.outcome
            seen[-1] = (*seen[-1][:2], outcome)
            click(app, "continue")


# -- portraits ----------------------------------------------------------------------------
def test_no_man_is_drawn_with_a_hijab_in_any_shipped_scenario(tmp_path) -> None:
    """What the game chose, on the play and outcome screens of every shipped scenario."""
    app = make_app(tmp_path, size=(1024, 576), scenarios=SHIPPED)
    checked = 0
    for story in sorted(app.library.stories):
        seen: list = []
        _walk(app, story, seen)
        for _, stage, _ in seen:
            if stage.speaker is not None and stage.speaker.gender == "male":
                checked += 1
                assert stage.portrait is None or "hijab" not in stage.portrait.file, stage
        while app.scene.name != "scenario_list":
            press(app, pygame.K_ESCAPE)
        press(app, pygame.K_ESCAPE)
    # every node's speaker, every mood it can show (node moods and reactions)
    for story in app.library.stories.values():
        sc = story.scenario
        for nid, node in sc.nodes.items():
            for mood in {node.mood, *(c.reaction for c in node.choices if c.reaction)}:
                stage = staging.stage_of(app, sc, nid, mood)
                if stage.speaker is not None and stage.speaker.gender == "male":
                    checked += 1
                    assert stage.portrait is None or "hijab" not in stage.portrait.file
                if stage.speaker is not None and stage.speaker.gender is None:
                    assert stage.portrait is None  # no guessing: a silhouette
    assert checked or not any(
        c.gender == "male"
        for s in app.library.stories.values()
        for c in s.scenario.characters.values()
    )


def test_a_man_whose_id_once_hashed_to_a_hijab_gets_a_mans_portrait(tmp_path) -> None:
    """``pria4`` drew a hijab under the old hash-picked avatar; the data decides now."""
    text = golden.SCENARIOS[0].read_text(encoding="utf-8").replace("  hendra:", "  pria4:")
    text = text.replace("speaker: hendra", "speaker: pria4")
    path = tmp_path / "pria.yaml"
    path.write_text(text, encoding="utf-8")
    app = make_app(tmp_path, size=(1280, 720), scenarios=[path, golden.SCENARIOS[1]])
    _to_play(app, "parsel")
    stage = app.scene.staged
    assert stage.speaker_id == "pria4" and stage.portrait is not None
    assert stage.portrait.file.startswith("male_adult_peci_")
    assert "hijab" not in stage.portrait.file


def test_the_portrait_follows_the_node_mood_and_the_choice_reaction(tmp_path) -> None:
    app = make_app(tmp_path, size=(1280, 720), scenarios=GOLDEN)
    _to_play(app, "parsel")
    assert app.scene.staged.portrait.file.endswith("_pleased.svg")  # loket: mood pleased
    choose(app, 1)  # declined: Pak Hendra's reaction is worried
    outcome = app.scene
    assert outcome.name == "outcome" and outcome.staged.speaker_id == "hendra"
    assert outcome.staged.portrait.file.endswith("_worried.svg")
    click(app, "continue")
    stage = app.scene.staged  # rumah: Bu Sri, worried, in a hijab as her data says
    assert stage.speaker_id == "sri" and stage.portrait.file.startswith("female_senior_hijab_")
    assert stage.portrait.file.endswith("_worried.svg") and stage.portrait.glasses


# -- backgrounds --------------------------------------------------------------------------
def _backdrop_shown(app, place: str) -> bool:
    """The left margin of the screen shows ``place``'s background, pixel for pixel."""
    surf = staging.backdrop(app, place, app.screen.get_size())
    points = [(4, y) for y in range(app.screen.get_height() // 4, app.screen.get_height(), 40)]
    return all(app.screen.get_at(p) == surf.get_at(p) for p in points)


def test_backgrounds_follow_the_node_place(tmp_path) -> None:
    app = make_app(tmp_path, size=(1280, 720), scenarios=GOLDEN)
    _to_play(app, "parsel")
    assert app.scene.staged.place == "office" and _backdrop_shown(app, "office")
    assert not _backdrop_shown(app, "home")
    choose(app, 1)
    assert app.scene.staged.place == "office"  # the outcome happens where the choice was
    click(app, "continue")
    assert app.scene.staged.place == "home" and _backdrop_shown(app, "home")  # the home visit
    choose(app, 1)
    click(app, "continue")
    assert app.scene.staged.place == "clinic" and _backdrop_shown(app, "clinic")
    assert app.scene.staged.speaker is None  # the narrator: no face, the place alone


def test_gratifikasi_shows_each_node_in_its_own_place(tmp_path) -> None:
    """Every node of the shipped gratifikasi a play reaches is drawn on its place (the home
    visit at home once the content says so), and each node's place is what the data says."""
    app = make_app(tmp_path, size=(1280, 720), scenarios=SHIPPED)
    sc = app.library.stories["gratifikasi"].scenario
    for nid, node in sc.nodes.items():
        assert staging.place_of(sc, nid) == (node.place or sc.place)
    seen: list = []
    _walk(app, "gratifikasi", seen)
    for name, stage, view in seen:
        if name == "play":
            assert stage.place == staging.place_of(sc, view.node_id)


# -- text never cut -----------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1024, 576), (1280, 720), (1920, 1080)])
def test_speaker_roles_are_never_cut_at_the_largest_text_size(tmp_path, size) -> None:
    app = make_app(tmp_path, size=size, scenarios=GOLDEN)
    app.settings.text_size = 2
    ui = Ui(app.screen, app, None)
    library = load_library()
    width = size[0] * 2 // 5  # narrower than the compact row ever gives the speaker
    for story in library.stories.values():
        for character in story.scenario.characters.values():
            blocks = play_layout.speaker_blocks(ui, character, width)
            assert all(b.get_width() <= width for b in blocks), character.name.id
            # the two-step row: the room between the header and the text area lint measures
            scale = app.settings.text_scale
            room = metrics.content_box(size, scale).y - ui.px(20) - metrics.header_h(size, scale)
            row_w = size[0] - ui.px(84)
            blocks = play_layout.speaker_blocks(ui, character, row_w, room)
            assert all(b.get_width() <= row_w for b in blocks), character.name.id
            assert sum(b.get_height() for b in blocks) <= room, character.name.id
            if character.role:
                role = character.role.get(ui.lang)
                assert role in app.text.frame_texts or any(role in t for t in app.text.frame_texts)
            stage = staging.Stage("office", "x", character, "neutral", None)
            plate_w = round(size[0] * 0.25)
            assert staging.name_plate_height(ui, stage, plate_w) < size[1] // 2


def test_the_two_step_row_wraps_a_long_role_instead_of_cutting_it(tmp_path) -> None:
    app = make_app(tmp_path, size=(1024, 576), scenarios=GOLDEN)
    app.settings.text_size = 2
    _to_play(app, "parsel")
    role = app.scene.staged.speaker.role.get("id")
    assert any(role in text for text in app.text.frame_texts)  # drawn whole, not clipped
    text_target = app.scene.text_area.view
    assert text_target.h > app.screen.get_height() // 3  # and the situation keeps its room


# -- transitions --------------------------------------------------------------------------
def test_scenes_crossfade_and_a_whole_play_works_with_transitions_on(tmp_path) -> None:
    app = make_app(tmp_path, size=(1024, 576), scenarios=GOLDEN, transitions=True)
    start_individual(app)
    frames(app, 10)
    before = app.screen.copy()  # the scenario list
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0))
    frames(app, 1)
    assert app.scene.name == "title" and app.fading  # the list fades out over a few frames
    blended = app.screen.copy()
    frames(app, 10)  # ... 0.2 s at 30 frames a second
    assert not app.fading
    after = app.screen.copy()
    assert golden.difference(blended, before)[0] > 0.01
    assert golden.difference(blended, after)[0] > 0.01
    _to_play(app, "parsel")
    while app.scene.name in ("play", "outcome"):
        choose(app, 1) if app.scene.name == "play" else click(app, "continue")
    assert app.scene.name == "debrief"


# -- debrief and path map -----------------------------------------------------------------
def _to_debrief(app) -> None:
    _to_play(app, "parsel")
    while app.scene.name in ("play", "outcome"):
        choose(app, 1) if app.scene.name == "play" else click(app, "continue")
    assert app.scene.name == "debrief"


def test_the_debrief_lists_the_other_options_with_their_verdict_and_rule(tmp_path) -> None:
    app = make_app(tmp_path, size=(1280, 720), scenarios=GOLDEN)
    _to_debrief(app)
    texts = " ".join(app.text.frame_texts)
    assert "Pilihan lain dan arahnya" in texts
    assert "Terima dan bagikan isinya ke seluruh ruangan. — Kurang tepat · " in texts
    assert "Gratifikasi dianggap suap" in texts


def test_layered_map_puts_every_arrow_but_a_loop_downwards() -> None:
    sc = load_library(GOLDEN).stories["parsel"].scenario
    lay = layered(sc)
    assert set(lay.nodes) == set(sc.nodes) | set(sc.endings)
    assert lay.nodes[sc.start].layer == 0
    for edge in lay.edges:
        a, b = lay.nodes[edge.source], lay.nodes[edge.target]
        if (edge.source, edge.target) in lay.back:
            assert b.layer <= a.layer
        else:
            assert b.layer > a.layer
    assert lay.back == {("rumah", "loket")}
    for row in lay.layers:
        assert sorted(lay.nodes[n].order for n in row) == list(range(len(row)))


def test_the_path_map_shows_the_path_and_the_best_one_and_moves(tmp_path) -> None:
    app = make_app(tmp_path, size=(1280, 720), scenarios=GOLDEN)
    _to_debrief(app)
    debrief = app.scene
    click(app, "path-map")
    scene = app.scene
    assert scene.name == "path_map"
    assert scene.path_edges == {("loket", "rumah"), ("rumah", "klinik"), ("klinik", "baik")}
    assert scene.best_edges  # shown after the end
    assert scene.view.contains(scene.node_rect("loket")) and scene.view.contains(
        scene.node_rect("baik")
    )  # fitted: the whole map is on screen
    k, pan = scene.zoom_k, list(scene.pan)
    press(app, pygame.K_EQUALS)
    assert scene.zoom_k == k + 1
    press(app, pygame.K_LEFT)
    assert scene.pan[0] > pan[0]
    rect = scene.node_rect("rumah")
    pos = scene.view.midbottom[0] - 10, scene.view.bottom - 10
    for event in (
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=(pos[0] + 30, pos[1] - 20), rel=(30, -20), buttons=(1, 0, 0)
        ),
        pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(pos[0] + 30, pos[1] - 20), button=1),
    ):
        pygame.event.post(event)
    frames(app, 2)
    assert scene.node_rect("rumah").topleft == (rect.x + 30, rect.y - 20)  # dragged
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
    frames(app, 2)
    assert scene.zoom_k == k
    press(app, pygame.K_0)
    assert scene.zoom_k == k
    press(app, pygame.K_ESCAPE)
    assert app.scene is debrief


def test_hot_reload_forgets_the_portraits(tmp_path) -> None:
    """F5 re-reads the portrait files (an artist may have redrawn one) with the scenarios."""
    app = make_app(tmp_path, size=(1280, 720), scenarios=GOLDEN)
    _to_play(app, "parsel")
    portraits = app.portraits
    calls = []
    forget = portraits.forget
    portraits.forget = lambda: (calls.append(1), forget())[1]  # type: ignore[method-assign]
    press(app, pygame.K_F5)
    assert calls == [1]
    assert app.scene.name == "play" and app.scene.staged.portrait is not None  # drawn again
