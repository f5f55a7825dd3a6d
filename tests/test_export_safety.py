"""What leaves the game is safe to open: CSV without formulas, valid xAPI IRIs, a terminal
without control sequences; and bad paths or edited scenarios give a message, not a traceback.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
import yaml
from cli_helpers import run_main

from engine.loader import load_library
from engine.records import Records
from engine.report import build_report, safe_cell, write_csv
from engine.session import SaveError
from engine.xapi import check_iri_base, export_statements

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "good" / "mini.yaml"
HYPERLINK = '=HYPERLINK("http://x","y")'
CALC = "+cmd|' /C calc'!A0"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_main(*args, stdin=stdin, SDL_VIDEODRIVER="dummy")


def _play_mini(data: Path, scenario: Path, name: str, group: str | None, steps: int = 2) -> None:
    library = load_library([scenario])
    with Records.open(data) as records:
        play = records.begin(library, "mini", records.player(name, group=group))
        for _ in range(steps):
            if not play.finished:
                play.choose(0)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        (CALC, "'" + CALC),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ani", "Ani"),
        (-3, -3),  # numbers stay numbers
        ("", ""),
    ],
)
def test_formula_cells_are_neutralised(cell: object, safe: object) -> None:
    assert safe_cell(cell) == safe


def test_a_player_named_like_a_formula_is_plain_text_in_both_csv_files(tmp_path: Path) -> None:
    _play_mini(tmp_path / "data", MINI, HYPERLINK, CALC)
    library = load_library([MINI])
    with Records.open(tmp_path / "data") as records:
        report = build_report(records, library)
    write_csv(report, library, tmp_path / "out")
    for name in ("sessions.csv", "decisions.csv"):
        with (tmp_path / "out" / name).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, name
        for row in rows:
            assert row["player"] == "'" + HYPERLINK
            assert row["group"] == "'" + CALC
            formulas = [v for v in row.values() if v and v[0] in "=+@\t\r"]
            assert formulas == [], (name, formulas)


@pytest.mark.parametrize(
    "base",
    [
        'https://x/"<>',
        "https://x/a b",
        "https://x/{id}",
        "https://x/a\\b",
        "https://x/\x1b",
        "ftp://x/y",
        "https://x/y?q=1",
        "https:///nohost",
        "https://[::1",
    ],
)
def test_bad_iri_bases_are_refused_with_a_clear_message(base: str) -> None:
    with pytest.raises(ValueError, match="IRI base"):
        check_iri_base(base)


def test_a_good_iri_base_is_kept() -> None:
    assert check_iri_base("https://lms.example.org/xapi/") == "https://lms.example.org/xapi"


def test_export_refuses_a_bad_iri_base_on_the_command_line(tmp_path: Path) -> None:
    _play_mini(tmp_path, MINI, "Ani", None)
    done = run(
        "export",
        "--data-dir",
        str(tmp_path),
        "--xapi",
        str(tmp_path / "x.json"),
        "--iri-base",
        'https://x/"<>',
    )
    assert done.returncode != 0 and "IRI base" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "x.json").exists()


def test_unusable_paths_and_names_give_a_message_and_exit_1(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _play_mini(data, MINI, "Ani", None)
    a_file = tmp_path / "a_file"
    a_file.write_text("x")
    cases = [
        (["report", "--data-dir", str(data), "--out", str(a_file), "--no-chart"], "is a file"),
        (["export", "--data-dir", str(data), "--xapi", str(tmp_path)], "is a folder"),
        (["graph", "gratifikasi", "-o", "/proc/x"], "cannot use /proc/x"),
        (["graph", "gratifikasi", "-o", str(a_file / "x.dot")], "cannot use"),
        (["play", "--text", str(MINI), "--player", " ", "--data-dir", str(data)], "a name"),
        (["new", "nl\n", "-o", str(tmp_path / "nl.yaml")], "cannot be a scenario id"),
    ]
    for args, expected in cases:
        done = run(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert expected in done.stderr, (args, done.stderr)
        assert "Traceback" not in done.stderr, args
    assert not (tmp_path / "nl.yaml").exists()
    assert not [p for p in tmp_path.iterdir() if "\n" in p.name]


def _edited(folder: Path, drop_choice: bool) -> Path:
    """A copy of mini; optionally its first node keeps only its first choice (same version)."""
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    if drop_choice:
        data["nodes"]["awal"]["choices"] = data["nodes"]["awal"]["choices"][:1]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mini.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_scenario_edited_without_a_new_version_is_named_not_an_index_error(
    tmp_path: Path,
) -> None:
    original = _edited(tmp_path / "before", drop_choice=False)
    library = load_library([original])
    with Records.open(tmp_path / "data") as records:
        play = records.begin(library, "mini", records.player("Ani"))
        play.choose(1)  # the second choice, which the edit removes
    edited = load_library([_edited(tmp_path / "after", drop_choice=True)])
    with Records.open(tmp_path / "data") as records:
        (saved,) = records.sessions()
        notes: list[str] = []
        statements = export_statements(records, edited, notes=notes)
        assert len(statements) == 2  # started, answered: exported by id and number
        assert notes and "without a new version" in notes[0]
        with pytest.raises(SaveError, match="without a new version"):
            records.resume(edited, saved)
        report = build_report(records, edited)
        write_csv(report, edited, tmp_path / "out")


def test_a_scores_column_that_is_not_json_does_not_stop_export_or_report(tmp_path: Path) -> None:
    _play_mini(tmp_path / "data", MINI, "Ani", None, steps=5)
    library = load_library([MINI])
    for junk in ("{not json", "[1, 2]", '{"akuntabel": "x"}', "null"):
        with Records.open(tmp_path / "data") as records:
            records.conn.execute("UPDATE sessions SET scores = ?", (junk,))
            (record,) = records.sessions()
            assert record.scores in (None, {})
            assert export_statements(records, library)
            write_csv(build_report(records, library), library, tmp_path / "out")
    done = run("export", "--data-dir", str(tmp_path / "data"), "--xapi", str(tmp_path / "x.json"))
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_play_text_prints_no_terminal_control_sequences(tmp_path: Path) -> None:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    path = tmp_path / "mini.yaml"
    evil = "Awal\x1b[2J\x1b]0;judul\x07\x9b31m merah\x1bc\u202etxt.exe\r"
    data["nodes"]["awal"]["text"] = evil
    data["nodes"]["awal"]["choices"][0]["feedback"] = "\x1b[1A\x1b[2KTerlambat."
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "\\e" in path.read_text(encoding="utf-8") or "\\x1B" in path.read_text().upper()
    done = run("play", "--text", str(path), "--order", "file", stdin="1\n1\n1\n")
    assert "Awal" in done.stdout and "merah" in done.stdout and "Terlambat." in done.stdout
    bad = [c for c in done.stdout if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    assert bad == []
    assert "\u202e" not in done.stdout and "Traceback" not in done.stderr
