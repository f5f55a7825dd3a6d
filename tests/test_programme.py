"""Programmes (paket): loading and checking, a player's progress, the combined debrief."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.library import Library
from engine.loader import load_library
from engine.programme import Programme, combine_debriefs, programme_debrief, programme_progress
from engine.records import Records
from engine.session import Session

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = """\
id: uji_paket
title: {id: Paket uji, en: Test programme}
summary: Dua skenario kecil.
scenarios: [mini, batas]
requires:
  batas: [mini]
"""


def load_with(tmp_path: Path, text: str) -> Library:
    folder = tmp_path / "content"
    (folder / "programmes").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "good" / "mini.yaml", folder)
    shutil.copy(FIXTURES / "boundary" / "batas.yaml", folder)
    (folder / "programmes" / "paket.yaml").write_text(text, encoding="utf-8")
    return load_library([folder])


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return load_with(tmp_path, GOOD)


def test_a_programme_file_is_recognised_and_loaded(lib: Library) -> None:
    assert lib.problems == ()
    assert set(lib.stories) == {"mini", "batas"}
    programme = lib.programmes["uji_paket"]
    assert programme.title.get("en") == "Test programme"
    assert programme.scenarios == ["mini", "batas"]
    assert programme.prerequisites("batas") == ["mini"] and programme.prerequisites("mini") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("[mini, batas]", "[mini, btas]").replace("batas: [mini]", "btas: [mini]"),
            ["4:19: error: no scenario has the id 'btas' (did you mean 'batas'?)"],
        ),
        (
            GOOD.replace("batas: [mini]", "lapor: [mini]"),
            ["6:3: error: 'lapor' is not in this programme's scenarios:"],
        ),
        (
            GOOD.replace("batas: [mini]", "batas: [batas]"),
            ["6:11: error: 'batas' cannot require itself"],
        ),
        (
            GOOD.replace("batas: [mini]", "batas: [mini]\n  mini: [batas]"),
            [
                "5:1: error: these scenarios wait for each other, so none can start: "
                "batas -> mini -> batas"
            ],
        ),
        (
            GOOD.replace("[mini, batas]", "[mini, batas, mini]"),
            ["4:26: error: 'mini' is listed twice"],
        ),
        (
            GOOD.replace("scenarios: [mini, batas]", "scenarios: mini"),
            ["4:12: error:"],
        ),
        (
            GOOD.replace("summary:", "ringkasan:"),
            ["1:1: error: the key 'summary'", "3:1: error: unknown key 'ringkasan'"],
        ),
    ],
)
def test_programme_problems_say_file_line_and_column(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    lib = load_with(tmp_path, text)
    found = [str(p) for p in lib.problems]
    assert len(found) == len(expected), found
    for problem, wanted in zip(found, expected, strict=True):
        assert "programmes/paket.yaml:" in problem
        assert wanted in problem, found
    assert lib.programmes == {}  # a programme with problems is left out
    assert set(lib.stories) == {"mini", "batas"}  # the scenarios still load


def test_a_scenario_that_did_not_load_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    lib = load_with(tmp_path, GOOD)
    (folder / "batas.yaml").write_text(
        (FIXTURES / "boundary" / "batas.yaml").read_text("utf-8").replace("next: tepat", "next: x"),
        encoding="utf-8",
    )
    lib = load_library([folder])
    messages = [p.message for p in lib.problems if p.path.endswith("paket.yaml")]
    assert messages == ["the scenario 'batas' has errors and did not load (see its file)"]


def test_progress_follows_the_records(lib: Library, tmp_path: Path) -> None:
    programme = lib.programmes["uji_paket"]
    with Records.open(tmp_path / "data") as records:
        ani = records.player("Ani", group="G1")

        def statuses() -> list[tuple[str, str, tuple[str, ...]]]:
            progress = programme_progress(lib, records, programme, ani.id)
            return [(s.scenario_id, s.status, s.waiting_for) for s in progress.steps]

        assert statuses() == [("mini", "open", ()), ("batas", "locked", ("mini",))]
        rec = records.begin(lib, "mini", ani, programme_id=programme.id)
        rec.choose(1)
        assert statuses() == [("mini", "in_progress", ()), ("batas", "locked", ("mini",))]
        progress = programme_progress(lib, records, programme, ani.id)
        assert progress.next_open == "mini" and progress.done == 0
        assert progress.steps[0].session_id == rec.session_id
        rec.choose(0)
        assert statuses() == [("mini", "done", ()), ("batas", "open", ())]
        other = records.player("Budi")
        assert programme_progress(lib, records, programme, other.id).done == 0
        rec = records.begin(lib, "batas", ani, programme_id=programme.id)
        rec.choose(1)
        rec.choose(0)
        progress = programme_progress(lib, records, programme, ani.id)
        assert progress.complete and progress.next_open is None


def test_the_combined_debrief_sums_profiles_and_finds_the_costliest_decisions(
    lib: Library, tmp_path: Path
) -> None:
    programme = lib.programmes["uji_paket"]
    with Records.open(tmp_path / "data") as records:
        ani = records.player("Ani")
        for sid, picks in (("mini", [0, 0]), ("batas", [1, 0])):
            rec = records.begin(lib, sid, ani, programme_id=programme.id)
            for pick in picks:
                rec.choose(pick)
        debrief = programme_debrief(lib, records, programme, ani.id)
    assert debrief.scenarios == ("mini", "batas")
    akuntabel = next(v for v in debrief.values if v.value.id == "akuntabel")
    assert (akuntabel.score, akuntabel.low, akuntabel.high) == (-2, -2, 4)
    assert akuntabel.focus and akuntabel.position == 0.0
    loyal = next(v for v in debrief.values if v.value.id == "loyal")
    assert not loyal.scored and not loyal.focus
    assert [(c.scenario.id, c.review.node_id, c.cost) for c in debrief.costly] == [
        ("batas", "lapor", -1),
        ("mini", "awal", -1),
    ]
    assert [r.id for r in debrief.costly[0].review.rules] == ["perkpk-1-2026-terlambat"]
    assert [r.id for r in debrief.costly[1].review.rules] == ["tipikor-12c-lapor"]
    assert debrief.costly[0].review.rules[0].source  # the full rule, ready to open


def test_costly_decisions_are_ordered_and_capped(lib: Library) -> None:
    sessions = []
    for picks in ([0, 0], [1, 0], [0, 0]):
        session = Session(lib, "mini")
        for pick in picks:
            session.choose(pick)
        sessions.append(session)
    debrief = combine_debriefs(lib, lib.programmes["uji_paket"], sessions, shown=1)
    assert len(debrief.costly) == 1 and debrief.costly[0].cost == -1
    akuntabel = next(v for v in debrief.values if v.value.id == "akuntabel")
    assert (akuntabel.score, akuntabel.low, akuntabel.high) == (0, -3, 6)


def test_the_shipped_onboarding_programme_names_shipped_scenarios(library: Library) -> None:
    programme = library.programmes["onboarding"]
    assert isinstance(programme, Programme)
    assert all(sid in library.stories for sid in programme.scenarios)
    assert programme.scenarios == [
        "pelayanan_loket",
        "media_sosial",
        "dokumen_rahasia",
        "sistem_baru",
    ]
    assert not [p for p in library.problems if "programmes" in p.path]
