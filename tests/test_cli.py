"""The command line, end to end through real processes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli_helpers import run_main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    if args[:1] == ("play",):  # the tests read the options in the file's order
        args = (*args, "--order", "file")
    return run_main(*args, stdin=stdin)


def test_play_text_to_the_debrief_with_citations(fixtures: Path) -> None:
    result = run(
        "play",
        "--text",
        str(fixtures / "boundary" / "batas.yaml"),
        "--lang",
        "en",
        stdin="x\n9\n2\n1\n",
    )
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())  # wrapping does not matter here
    assert "Type a number from 1 to 2." in out  # 'x' and '9' are asked again
    assert "Working day 31 (deadline: working day 30)" in out
    assert "=== Ending: Terlambat ===" in out
    assert "=== BerAKHLAK value profile ===" in out
    assert "[....................] -1 (reachable range -1..2) (focus)" in out
    assert (
        "Peraturan KPK 1/2026 (perubahan Peraturan KPK 2/2019): A report that comes late "
        "[verified]" in out
    )
    assert "Source: Peraturan KPK 1/2026" in out


def test_play_text_gratifikasi_in_indonesian() -> None:
    result = run("play", "--text", "gratifikasi", stdin="1\n" * 40)
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "=== Profil nilai BerAKHLAK ===" in out
    assert "=== Keputusan Anda ===" in out
    assert "Sumber:" in out and "UU 31/1999 jo. UU 20/2001" in out


def test_play_text_stops_cleanly_when_input_ends(fixtures: Path) -> None:
    result = run("play", "--text", str(fixtures / "boundary" / "batas.yaml"), stdin="1\n")
    assert result.returncode == 1
    assert "Masukan berakhir" in result.stdout
    assert "Traceback" not in result.stderr


def test_play_unknown_scenario_says_what_is_available() -> None:
    result = run("play", "--text", "tidak_ada")
    assert result.returncode == 1
    assert "no scenario 'tidak_ada' was loaded; available:" in result.stderr


def test_validate_exit_codes(fixtures: Path) -> None:
    clean = run("validate", str(fixtures / "good"))
    assert clean.returncode == 0 and clean.stdout == ""
    broken = run("validate", str(fixtures / "broken" / "bad_next.yaml"))
    assert broken.returncode == 1
    assert broken.stdout.strip().endswith(
        "bad_next.yaml:22:15: error: the next node 'akhri' does not exist (did you mean 'akhir'?)"
    )
    assert run("validate").returncode == 2
    assert run("no-such-command").returncode == 2


def test_list_prints_one_line_per_scenario_and_problems_to_stderr(fixtures: Path) -> None:
    result = run("list", str(fixtures / "mixed"))
    assert result.returncode == 1
    # a scenario that cannot load is listed too, with why (issue 14: it was left out silently)
    lines = result.stdout.splitlines()
    assert lines[0] == "baik\tSkenario rusak\takuntabel"
    assert lines[1].startswith("buruk\tNOT LOADABLE (")
    assert "bad.yaml:22:15: the next node 'tidak_ada' does not exist" in lines[1]
    assert len(lines) == 2
    assert "bad.yaml:22:15" in result.stderr
