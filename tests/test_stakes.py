"""What is at stake (``stakes:``): the node's, else the scenario's, shown while playing in the
header, a card, the two-step bar, the projector and the text player, at every supported size."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.loader import load_library
from engine.paths import scenarios_dir
from engine.session import Session
from engine.textplay import format_view
from game import golden
from tests.game_helpers import choose, click, frames, make_app, start_individual

GOLDEN = list(golden.SCENARIOS)
SIZES = [(1024, 576), (1280, 720), (1024, 768)]


def _visible(app, text: str) -> bool:
    """Whether ``text`` was drawn this frame (alone, or inside a longer line)."""
    return any(text in drawn for drawn in app.text.frame_texts)


def test_a_node_says_its_own_stakes_else_the_scenarios_and_an_ending_none() -> None:
    library = load_library(GOLDEN)
    sc = library.story("parsel").scenario
    session = Session(library, "parsel")
    assert session.view().stakes == sc.stakes is not None
    assert sc.nodes["klinik"].stakes is not None
    session.node = "klinik"
    assert session.view().stakes == sc.nodes["klinik"].stakes != sc.stakes
    while not session.finished:
        session.choose(0)
    assert session.view().stakes is None


def test_the_text_player_prints_the_stakes() -> None:
    library = load_library(GOLDEN)
    view = Session(library, "parsel").view()
    shown = format_view(view, "en")
    assert "At stake: Equipment for twelve clinics" in shown
    assert "Dipertaruhkan: Alat untuk dua belas puskesmas" in format_view(view, "id")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text_size", [0, 1, 2])
def test_every_shipped_scenario_shows_its_stakes_at_the_start(tmp_path, size, text_size) -> None:
    app = make_app(tmp_path, size=size, scenarios=[scenarios_dir()])
    app.settings.text_size = text_size
    start_individual(app)
    with_stakes = [s for s in sorted(app.library.stories) if app.library.stories[s].scenario.stakes]
    assert len(with_stakes) == len(app.library.stories) >= 10  # every shipped scenario has some
    for story in with_stakes:
        click(app, f"play-{story}")
        frames(app)
        stakes = app.scene.view.stakes.get(app.settings.lang)
        assert _visible(app, stakes), (story, size, text_size)
        app.scene.back()  # nothing chosen yet: back to the list without a question
        frames(app)
        assert app.scene.name == "scenario_list"


def test_node_stakes_follow_the_play_on_every_shipped_path(tmp_path) -> None:
    """Played with the first option at 1280x720: every situation shows its current stakes."""
    app = make_app(tmp_path, size=(1280, 720), scenarios=[scenarios_dir()])
    start_individual(app)
    checked = own = 0
    for story in sorted(app.library.stories):
        click(app, f"play-{story}")
        while app.scene.name in ("play", "outcome"):
            frames(app)
            if app.scene.name == "outcome":
                click(app, "continue")
                continue
            view = app.scene.view
            node = app.scene.play.story.scenario.nodes[view.node_id]
            own += node.stakes is not None
            assert _visible(app, view.stakes.get("id")), (story, view.node_id)
            checked += 1
            choose(app, 1)
        while app.scene.name != "scenario_list":
            app.scene.back()
            frames(app)
    assert checked >= 30 and own >= 1


def _long_title_copy(tmp_path: Path) -> list[Path]:
    text = golden.SCENARIOS[0].read_text("utf-8")
    long = "Parsel di Meja Loket pada Hari Terakhir Serah Terima Alat Kesehatan Puskesmas"
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "parsel.yaml").write_text(text.replace("Parsel di Meja Loket", long), "utf-8")
    return [folder / "parsel.yaml", golden.SCENARIOS[1]]


def test_without_room_in_the_header_the_stakes_get_a_card_beside_the_face(tmp_path) -> None:
    app = make_app(tmp_path, size=(1024, 768), scenarios=_long_title_copy(tmp_path))
    start_individual(app)
    click(app, "play-parsel")
    frames(app)
    stakes = app.scene.view.stakes.get("id")
    label = app.last_ui.tr("game_stakes")
    assert _visible(app, stakes) and label in app.text.frame_texts
    assert not app.scene.two_step
