"""The game and the records: name entry, recorded plays, resume after a crash, a damaged
file, programmes and the report screen, all driven through the real loop."""

from __future__ import annotations

import pygame
from game_helpers import (
    MINI,
    choose,
    click,
    frames,
    make_app,
    press,
    start_individual,
    type_text,
)

from engine.records import Records


def shown(app) -> str:
    frames(app)
    return " | ".join(app.text.frame_texts)


def play_mini(app, picks=(2, 1), start=True) -> None:
    if start:
        click(app, "play-mini")
    for n in picks:
        choose(app, n)
        click(app, "continue")


def test_name_entry_then_a_recorded_play(tmp_path):
    app = make_app(tmp_path)
    click(app, "start")
    assert app.scene.name == "name_entry"
    click(app, "entry-ok")  # the name is required
    assert app.scene.name == "name_entry" and "Isi nama terlebih dahulu." in shown(app)
    type_text(app, "Ni Luh Putu Ayu Nur'aini É")
    press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_BACKSPACE)  # "É" and the space before it
    pygame.event.post(pygame.event.Event(pygame.TEXTEDITING, text="ñ", start=0, length=1))
    assert "Ni Luh Putu Ayu Nur'ainiñ" in shown(app)  # a composition in progress shows
    type_text(app, "ñ")  # ... until the input method commits it
    press(app, pygame.K_TAB)
    type_text(app, "199001012020121001")
    press(app, pygame.K_TAB)
    type_text(app, "LATSAR-7")
    press(app, pygame.K_RETURN)
    assert app.scene.name == "scenario_list"
    assert (app.player.name, app.player.nip, app.player.group) == (
        "Ni Luh Putu Ayu Nur'ainiñ",
        "199001012020121001",
        "LATSAR-7",
    )
    click(app, "play-mini")
    choose(app, 2)
    with Records.open(tmp_path / "data") as records:  # committed as soon as it was chosen
        (row,) = records.sessions()
        assert row.player.name == "Ni Luh Putu Ayu Nur'ainiñ" and not row.finished
        assert [(d.node, d.choice) for d in records.decisions(row.id)] == [("awal", 1)]
    click(app, "continue")
    choose(app, 1)
    click(app, "continue")
    assert app.scene.name == "debrief"
    click(app, "again")  # a new play of the same scenario, recorded as a new session
    play_mini(app, picks=(1, 1), start=False)
    with Records.open(tmp_path / "data") as records:
        first, second = records.sessions()
        assert (first.ending, second.ending) == ("tepat", "telat")
        assert first.scores["akuntabel"] == 2 and second.scores["akuntabel"] == -1
        assert first.mode == second.mode == "individual"
        assert records.unfinished() is None


def test_resume_after_the_app_is_dropped_mid_scenario(tmp_path, library):
    app = make_app(tmp_path, scenarios=[])  # the shipped scenarios
    start_individual(app, "Budi")
    click(app, "play-gratifikasi")
    for _ in range(2):
        choose(app, 1)
        click(app, "continue")
    node, history = app.scene.view.node_id, app.scene.play.history
    del app  # no quit, no save: as if the game was killed here

    again = make_app(tmp_path, scenarios=[])
    assert again.scene.name == "resume"
    assert "Budi" in shown(again) and "keputusan ke-3" in shown(again)
    click(again, "resume-yes")
    play = again.scene
    assert play.name == "play" and play.view.node_id == node
    assert play.play.history == history and again.player.name == "Budi"
    while again.scene.name in ("play", "outcome"):
        if again.scene.name == "play":
            choose(again, 1)
        else:
            click(again, "continue")
    assert again.scene.name == "debrief"
    press(again, pygame.K_ESCAPE)
    assert again.scene.name == "scenario_list"  # resumed from the list, back to it
    with Records.open(tmp_path / "data") as records:
        (row,) = records.sessions()  # the same row continued, not a copy
        assert row.finished and len(records.decisions(row.id)) == len(play.play.history)
    assert make_app(tmp_path, scenarios=[]).scene.name == "title"  # nothing left to resume


def test_discarding_an_unfinished_play_keeps_its_decisions_but_stops_offering_it(tmp_path):
    app = make_app(tmp_path)
    start_individual(app, "Citra")
    click(app, "play-mini")
    choose(app, 1)
    again = make_app(tmp_path)
    assert again.scene.name == "resume"
    click(again, "resume-discard")
    assert again.scene.name == "title"
    assert make_app(tmp_path).scene.name == "title"
    with Records.open(tmp_path / "data") as records:
        (row,) = records.sessions()
        assert not row.finished and len(records.decisions(row.id)) == 1


def test_a_damaged_records_file_offers_a_fresh_start_with_a_backup(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "records.sqlite3").write_bytes(b"this is not a database" * 100)
    app = make_app(tmp_path)
    assert app.scene.name == "records_problem"
    assert "Berkas catatan rusak dan tidak dapat dibaca." in shown(app)
    click(app, "records-fresh")
    assert app.scene.name == "title" and app.records is not None
    backups = list(data.glob("records.sqlite3.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes().startswith(b"this is not")
    assert str(backups[0]) in app.notice.lines
    pos = app.notice.rect.center  # read, then closed with a click
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    frames(app)
    start_individual(app, "Dewi")
    play_mini(app)
    assert app.scene.name == "debrief"
    with Records.open(data) as records:
        assert [s.ending for s in records.sessions()] == ["tepat"]


def programme_folder(tmp_path):
    folder = tmp_path / "content"
    (folder / "programmes").mkdir(parents=True)
    (folder / "mini.yaml").write_text(MINI.read_text("utf-8"), "utf-8")
    kelas = MINI.parent.parent / "classroom" / "kelas.yaml"
    (folder / "kelas.yaml").write_text(kelas.read_text("utf-8"), "utf-8")
    (folder / "programmes" / "paket.yaml").write_text(
        "id: paket_uji\ntitle: {id: Paket uji, en: Test programme}\nsummary: Dua skenario.\n"
        "scenarios: [mini, kelas]\nrequires:\n  kelas: [mini]\n",
        "utf-8",
    )
    return folder


def test_programme_progress_and_the_combined_debrief(tmp_path):
    app = make_app(tmp_path, scenarios=[programme_folder(tmp_path)])
    start_individual(app, "Eko")
    click(app, "programme-paket_uji")
    assert app.scene.name == "programme"
    text = shown(app)
    assert "0 dari 2 selesai" in text and "terbuka" in text and "terkunci" in text
    assert "Selesaikan dulu: Skenario mini" in text
    assert "pstep-kelas" not in {t.key for t in app.scene.targets}  # locked: no way in
    click(app, "pstep-mini")
    choose(app, 1)  # wait a month: -1 akuntabel
    click(app, "continue")
    press(app, pygame.K_ESCAPE)  # leave mid-scenario: asked first
    click(app, "leave")
    assert app.scene.name == "programme" and "sedang berjalan" in shown(app)
    click(app, "pstep-mini")  # continues the same play
    assert app.scene.play.history and app.scene.view.node_id == "lapor"
    choose(app, 1)
    click(app, "continue")
    press(app, pygame.K_ESCAPE)
    assert "1 dari 2 selesai" in shown(app) and "programme-debrief" not in {
        t.key for t in app.scene.targets
    }
    click(app, "pstep-kelas")
    choose(app, 2)  # keep the parcel: -2
    click(app, "continue")
    choose(app, 2)  # stay silent: -1
    click(app, "continue")
    press(app, pygame.K_ESCAPE)
    assert "2 dari 2 selesai" in shown(app)
    click(app, "programme-debrief")
    scene = app.scene
    assert scene.name == "programme_debrief"
    assert scene.drawn_scores["akuntabel"][0] == -1 - 2 - 1
    text = shown(app)
    assert "Keputusan yang paling merugikan" in text
    assert "Skenario kelas · keputusan ke-1 · total -2" in text
    link = next(t.key for t in scene.targets if t.key.startswith("c1-rule-"))
    click(app, link)
    assert app.scene.name == "rulebook" and app.scene.selected == "tipikor-12c-lapor"
    with Records.open(tmp_path / "data") as records:
        assert {s.programme_id for s in records.sessions()} == {"paket_uji"}
        assert len(records.sessions()) == 2


def test_the_report_screen_shows_a_groups_summary_and_chart(tmp_path):
    app = make_app(tmp_path)
    for name, group, picks in (("Fajar", "A-1", (2, 1)), ("Gita", "B-2", (1, 1))):
        start_individual(app, name, group=group)
        play_mini(app, picks)
        press(app, pygame.K_ESCAPE)
        press(app, pygame.K_ESCAPE)
    assert app.scene.name == "title"
    click(app, "report")
    assert app.scene.name == "report" and app.scene.groups == ["A-1", "B-2"]
    assert "2 sesi (2 selesai, 0 belum selesai, 0 ditinggalkan), 2 pemain" in shown(app)
    click(app, "group-A-1")
    assert "1 sesi (1 selesai, 0 belum selesai, 0 ditinggalkan), 1 pemain" in shown(app)
    assert "mini/tepat: 1" in shown(app)
    chart = app.scene._chart[1]
    assert chart.get_width() <= app.screen.get_width()
    assert len(app.scene.report.sessions) == 1


def test_without_a_usable_data_folder_the_game_still_plays_and_says_it_is_not_saved(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be", "utf-8")
    app = make_app(tmp_path)
    assert app.records is None and app.scene.name == "title"
    assert app.notice.title == "Catatan tidak dapat dibuka; permainan ini tidak disimpan."
    pos = app.notice.rect.center  # read, then closed with a click
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    frames(app)
    start_individual(app, "Hadi")
    assert app.player is None  # nothing to find or create a player in
    play_mini(app)
    assert app.scene.name == "debrief" and app.scene.debrief.ending_id == "tepat"
