"""lint: each hand-made flaw gives exactly its finding, at the line where the flaw is."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from cli.commands import lint as lint_command
from engine.lint import lint_library, reading_estimate
from engine.loader import load_library
from game.text_fit import TextFit

LINT = Path(__file__).parent / "fixtures" / "lint"
RULES = Path(__file__).parent / "fixtures" / "rulebook" / "rules.yaml"  # not the shipped one


@pytest.fixture(scope="module")
def fit() -> TextFit:
    return TextFit()


def position(path: Path, marker: str, token: str | None = None) -> tuple[int, int]:
    """1-based line of the only line containing ``marker``, and column of ``token`` in it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [n for n, line in enumerate(lines) if marker in line]
    assert len(hits) == 1, f"{marker!r} should occur once in {path.name}"
    line = lines[hits[0]]
    return hits[0] + 1, line.index(token if token is not None else marker) + 1


def findings(path: Path, fit: TextFit | None) -> list[tuple[int, int, str, str]]:
    library = load_library([path, RULES])
    return [(p.line, p.col, p.level, p.message) for p in lint_library(library, fit)]


def test_the_clean_fixture_has_no_findings(fit: TextFit) -> None:
    assert findings(LINT / "clean.yaml", fit) == []


@pytest.mark.parametrize(
    ("name", "marker", "token", "message"),
    [
        ("unreachable.yaml", "  lupa:", "lupa", "no path reaches the node 'lupa'"),
        ("dead_end.yaml", "  tunggu:", "tunggu", "no ending can be reached from the node 'tunggu'"),
        (
            "impossible.yaml",
            "if: hari_kerja > 30",
            "hari_kerja",
            "the condition 'hari_kerja > 30' is never true on any path, "
            "so this choice is never offered",
        ),
        (
            "missing_en.yaml",
            "feedback: Tercatat.",
            "Tercatat.",
            "no English text (en:); players who chose English see Indonesian",
        ),
    ],
)
def test_each_flaw_gives_exactly_its_finding(
    fit: TextFit, name: str, marker: str, token: str, message: str
) -> None:
    line, col = position(LINT / name, marker, token)
    assert findings(LINT / name, fit) == [(line, col, "warning", message)]


def test_overflowing_text_is_found_with_the_real_font(fit: TextFit) -> None:
    path = LINT / "overflow.yaml"
    line, col = position(path, "      id: >-", ">-")
    [(at_line, at_col, level, message)] = findings(path, fit)
    assert (at_line, at_col, level) == (line, col, "warning")
    assert message.startswith("the text does not fit the screen")
    assert "the situation box has room for 10" in message  # the two-step layout's text area
    # Without a measurer (no pygame) the same file is otherwise clean.
    assert findings(path, None) == []


def test_the_measurer_uses_the_smallest_window_and_largest_text(fit: TextFit) -> None:
    from game import metrics

    assert fit.window == metrics.MIN_WINDOW and fit.scale == max(metrics.TEXT_SCALES)
    assert fit("Laporkan", "choice", 3) is None
    box = fit.box("situation", 1)
    assert fit.lines("kata", box.w) == 1
    assert fit.lines("kata " * 400, box.w) > box.h // fit.line_height
    assert fit.lines("kata " * 400, box.w // 2) > fit.lines("kata " * 400, box.w)


def test_a_text_at_the_length_limit_is_measured_in_a_few_milliseconds(fit: TextFit) -> None:
    import time

    from engine.limits import MAX_TEXT

    box = fit.box("situation", 1)
    room = box.h // fit.line_height
    for text in ("kata panjang " * 400)[:MAX_TEXT], "x" * MAX_TEXT:
        started = time.perf_counter()
        why = fit(text, "situation", 1)
        assert time.perf_counter() - started < 0.02  # rendering it wrapped took 50-70 ms
        assert why is not None and "it needs at least" in why
        needed = int(why.split("at least ")[1].split()[0])
        assert room < needed <= fit.lines(text, box.w)  # a true lower bound
    near = "kata " * 60  # close to fitting: measured exactly, by rendering
    assert fit(near, "situation", 1) is None or "at least" not in fit(near, "situation", 1)


def test_more_flaws_each_found_where_they_are(tmp_path: Path) -> None:
    text = (LINT / "clean.yaml").read_text(encoding="utf-8")
    text = text.replace("focus_values: [akuntabel]", "focus_values: [akuntabel, loyal]")
    text = text.replace("scores: {akuntabel: -1, harmonis: 1}", "scores: {akuntabel: 0}")
    text = text.replace("rules: [tipikor-12b]", "rules: [contoh-belum-diperiksa]")
    text = text.replace("minutes: 3", "minutes: 60")
    path = tmp_path / "more.yaml"
    path.write_text(text, encoding="utf-8")
    got = findings(path, None)
    assert got == sorted(
        [
            (*position(path, "minutes: 60", "60"), "warning", got_message(got, "declares 60")),
            (
                *position(path, "focus_values:", "loyal"),
                "warning",
                "the focus value 'loyal' is never scored",
            ),
            (
                *position(path, "- text: {id: Simpan", "text"),
                "warning",
                "this choice changes no value; give it scores: so that the debrief counts it",
            ),
            (  # with Simpan scoring nothing, Laporkan is better on every value
                *position(path, "- text: {id: Laporkan", "text"),
                "warning",
                "this choice scores at least as well as every other option here on every value, "
                "and better on one, so there is no dilemma; give it a cost or the others a merit "
                "[dominant-choice]",
            ),
            (
                *position(path, "rules: [contoh-belum-diperiksa]", "contoh"),
                "warning",
                "the rule 'contoh-belum-diperiksa' is not verified yet; check it before class "
                "or cite a verified one",
            ),
        ]
    )


def got_message(got: list[tuple[int, int, str, str]], start: str) -> str:
    [message] = [m for *_, m in got if m.startswith(start)]
    assert "but the longest path takes about 2" in message
    return message


def test_reading_estimate_counts_the_longest_path() -> None:
    story = next(iter(load_library([LINT / "clean.yaml", RULES]).stories.values()))
    reading = reading_estimate(story)
    # awal (5 words) + 2 choices (1 + 1) + feedback; cek (5) + open choice + feedback; ending.
    assert reading.decisions == 2 and reading.questions == 0
    assert reading.words == 5 + 2 + 2 + 5 + 3 + 3 + 2


def lint_cli(*paths: Path, strict: bool = False, no_fit: bool = False) -> int:
    args = argparse.Namespace(paths=[str(p) for p in (*paths, RULES)], strict=strict, no_fit=no_fit)
    return lint_command.run(args)


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint_cli(LINT / "clean.yaml", strict=True) == 0
    assert lint_cli(LINT / "unreachable.yaml") == 0  # warnings alone pass...
    assert lint_cli(LINT / "unreachable.yaml", strict=True) == 1  # ...unless --strict
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        (LINT / "clean.yaml").read_text(encoding="utf-8").replace("next: baik", "next: baek"),
        encoding="utf-8",
    )
    assert lint_cli(broken) == 1
    out = capsys.readouterr().out
    assert f"{broken}:" in out or "broken.yaml:" in out
    assert "error: the next node 'baek' does not exist (did you mean 'baik'?)" in out


def test_falls_back_with_a_note_without_pygame(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "game.text_fit", None)  # import now raises ImportError
    assert lint_cli(LINT / "overflow.yaml", strict=True) == 0
    err = capsys.readouterr().err
    assert "note: text size not checked" in err
