"""The facilitator report: CSV columns and numbers against the records, the chart, the CLI."""

from __future__ import annotations

import csv
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from engine.library import Library
from engine.loader import load_library
from engine.records import Records
from engine.report import (
    DECISION_COLUMNS,
    SESSION_COLUMNS,
    Report,
    build_report,
    parse_since,
    summary_lines,
    write_csv,
)
from game.report_chart import WIDTH, render_report_chart, save_report_chart

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
FILES = [FIXTURES / "good" / "mini.yaml", FIXTURES / "boundary" / "batas.yaml"]


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(FILES)


def fill(records: Records, lib: Library) -> None:
    """Three LATSAR-7 players on mini, one G2 player on batas, a class vote, one unfinished."""
    for name, first in (("Ani", 1), ("Budi", 1), ("Citra", 0)):
        rec = records.begin(lib, "mini", records.player(name, group="LATSAR-7"))
        rec.choose(first)
        rec.choose(0)
    rec = records.begin(lib, "batas", records.player("Dewi", nip="1990", group="G2"))
    rec.choose(0)
    rec.choose(0)
    rec = records.begin(lib, "mini", records.player("Kelas", group="LATSAR-7"), mode="classroom")
    rec.choose(1, votes=[9, 9])
    rec.choose(0, votes=[30])
    records.begin(lib, "batas", records.player("Eko", group="G2")).choose(1)


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def test_csv_columns_and_numbers_match_the_records(lib: Library, tmp_path: Path) -> None:
    with Records.open(tmp_path / "data") as records:
        fill(records, lib)
        report = build_report(records, lib)
        write_csv(report, lib, tmp_path / "out", "en")
        sessions = records.sessions()
        decisions = {s.id: records.decisions(s.id) for s in sessions}
    values = [f"score_{v}" for v in lib.value_ids]
    columns, rows = read(tmp_path / "out" / "sessions.csv")
    assert columns == [*SESSION_COLUMNS, *values]
    assert [int(r["session_id"]) for r in rows] == [s.id for s in sessions]
    for row, s in zip(rows, sessions, strict=True):
        assert (row["player"], row["group"], row["mode"]) == (s.player.name, s.player.group, s.mode)
        assert (row["scenario"], row["scenario_version"]) == (s.scenario_id, s.scenario_version)
        assert (row["started_at"], row["finished_at"]) == (s.started_at, s.finished_at or "")
        assert row["status"] == ("finished" if s.finished else "unfinished")
        assert int(row["decisions"]) == len(decisions[s.id])
        if s.finished:
            assert {v: int(row[f"score_{v}"]) for v in lib.value_ids} == s.scores
        else:
            assert all(row[c] == "" for c in values) and row["ending"] == ""
    assert rows[3]["nip"] == "1990" and rows[0]["ending"] == "tepat"

    columns, rows = read(tmp_path / "out" / "decisions.csv")
    assert columns == [*DECISION_COLUMNS, *(f"delta_{v}" for v in lib.value_ids)]
    expected = [(s, d) for s in sessions for d in decisions[s.id]]
    assert len(rows) == len(expected) == 11
    for row, (s, d) in zip(rows, expected, strict=True):
        assert int(row["session_id"]) == s.id and int(row["step"]) == d.step
        assert (row["node"], int(row["choice_index"]), int(row["day"])) == (d.node, d.choice, d.day)
        choice = lib.stories[s.scenario_id].choice(d.node, d.choice)
        assert row["choice_text"] == choice.text.get("en")
        assert {v: int(row[f"delta_{v}"]) for v in lib.value_ids} == {
            v: choice.scores.get(v, 0) for v in lib.value_ids
        }
    votes = [(r["votes"], r["tie_broken"]) for r in rows if r["mode"] == "classroom"]
    assert votes == [("0=9;1=9", "yes"), ("0=30", "no")]
    assert all(r["votes"] == r["tie_broken"] == "" for r in rows if r["mode"] == "individual")


def test_profile_and_distribution_are_the_averages_of_the_records(
    lib: Library, tmp_path: Path
) -> None:
    with Records.open(tmp_path) as records:
        fill(records, lib)
        report = build_report(records, lib, group="LATSAR-7")
    assert {s.player.group for s in report.sessions} == {"LATSAR-7"}
    finished = report.finished
    assert len(finished) == 4
    akuntabel = next(p for p in report.profile if p.value_id == "akuntabel")
    scores = [s.scores["akuntabel"] for s in finished]  # 2, 2, -1, 2
    assert akuntabel.mean_score == pytest.approx(sum(scores) / 4) == 1.25
    low, high = lib.stories["mini"].reach.range("akuntabel")
    assert (low, high) == (-1, 2)
    assert akuntabel.mean_position == pytest.approx(
        sum((x - low) / (high - low) for x in scores) / 4
    )
    loyal = next(p for p in report.profile if p.value_id == "loyal")
    assert loyal.mean_score == 0 and loyal.mean_position is None and loyal.positioned == 0
    first = next(d for d in report.distribution if d.node_id == "awal")
    assert first.counts == (1, 3) and first.total == 4
    assert [c.get("id") for c in first.choices] == ["Tunggu sebulan", "Lapor segera"]
    text = "\n".join(summary_lines(report, "en"))
    assert "Filter: group=LATSAR-7" in text
    assert "4 session(s) (4 finished, 0 unfinished, 0 abandoned), 4 player(s)" in text
    assert "mini/tepat: 3" in text and "mini/telat: 1" in text


def test_filters_by_scenario_and_date(lib: Library, tmp_path: Path) -> None:
    with Records.open(tmp_path) as records:
        fill(records, lib)
        assert {s.scenario_id for s in build_report(records, lib, scenario="batas").sessions} == {
            "batas"
        }
        assert len(build_report(records, lib, since="2000-01-01").sessions) == 6
        assert build_report(records, lib, since="2999-01-01").sessions == ()
    assert parse_since("2025-05-01T10:00:00+07:00") == "2025-05-01T03:00:00.000Z"
    with pytest.raises(ValueError, match="--since"):
        parse_since("last week")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, after checking its signature."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_chart_is_a_png_of_sensible_size(lib: Library, tmp_path: Path) -> None:
    with Records.open(tmp_path) as records:
        fill(records, lib)
        report = build_report(records, lib)
    path = save_report_chart(report, tmp_path / "chart.png", "en")
    width, height = png_size(path)
    assert width == WIDTH and 400 <= height <= 3000
    image = pygame.image.load(str(path))
    assert image.get_size() == (width, height)
    akuntabel = next(v for v in lib.values if v.id == "akuntabel")
    colours = {
        tuple(image.get_at((x, y)))[:3] for x in range(0, width, 4) for y in range(0, height, 4)
    }
    hex_rgb = tuple(int(akuntabel.color[i : i + 2], 16) for i in (1, 3, 5))
    assert hex_rgb in colours  # the value's bar is drawn in its colour
    empty = render_report_chart(build_report_empty(lib, tmp_path))
    assert empty.get_width() == WIDTH


def build_report_empty(lib: Library, tmp_path: Path) -> Report:
    with Records.open(tmp_path / "empty") as records:
        return build_report(records, lib)


def _report_cli(
    tmp_path: Path, *args: str, pythonpath: Path | None = None
) -> subprocess.CompletedProcess[str]:
    scenarios = tmp_path / "scenarios"
    if not scenarios.exists():
        scenarios.mkdir()
        for path in FILES:
            shutil.copy(path, scenarios)
        shutil.copy(ROOT / "scenarios" / "values.yaml", scenarios)
        shutil.copytree(ROOT / "scenarios" / "rulebook", scenarios / "rulebook")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "BERAKHLAK_SCENARIOS": str(scenarios)}
    if pythonpath is not None:  # put a directory first on the import path (e.g. a fake pygame)
        env["PYTHONPATH"] = os.pathsep.join([str(pythonpath), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "report", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )


def test_report_command_writes_csv_chart_and_summary(lib: Library, tmp_path: Path) -> None:
    with Records.open(tmp_path / "data") as records:
        fill(records, lib)
    out = tmp_path / "laporan"
    result = _report_cli(
        tmp_path, "--data-dir", str(tmp_path / "data"), "--out", str(out), "--group", "G2"
    )
    assert result.returncode == 0, result.stderr
    assert "2 sesi (1 selesai, 1 belum selesai, 0 ditinggalkan), 2 pemain" in result.stdout
    assert "Saringan: group=G2" in result.stdout and "batas/tepat: 1" in result.stdout
    assert f"Ditulis: {out / 'chart.png'}" in result.stdout
    _, rows = read(out / "sessions.csv")
    assert [r["player"] for r in rows] == ["Dewi", "Eko"]
    width, height = png_size(out / "chart.png")
    assert width == WIDTH and height >= 400
    assert "pygame-ce" not in result.stdout  # no banner in the summary


def test_report_command_without_records_says_so(tmp_path: Path) -> None:
    result = _report_cli(tmp_path, "--data-dir", str(tmp_path / "none"))
    assert result.returncode == 1 and "no records yet" in result.stderr
    assert not (tmp_path / "none").exists()


def test_report_without_pygame_writes_the_csv_and_says_why_no_chart(
    lib: Library, tmp_path: Path
) -> None:
    with Records.open(tmp_path / "data") as records:
        fill(records, lib)
    blocker = tmp_path / "blocked" / "pygame"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('pygame is blocked here')\n")
    out = tmp_path / "out"
    result = _report_cli(
        tmp_path, "--data-dir", str(tmp_path / "data"), "--out", str(out), pythonpath=blocker.parent
    )
    assert result.returncode == 1
    assert "the chart needs pygame-ce" in result.stderr and "pygame is blocked" in result.stderr
    assert (out / "sessions.csv").is_file() and (out / "decisions.csv").is_file()
    assert not (out / "chart.png").exists()
