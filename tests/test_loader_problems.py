"""Every mistake a facilitator can make comes back as one plain message at file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.loader import load_library

BROKEN = Path(__file__).parent / "fixtures" / "broken"

EXPECTED = {
    "unknown_key.yaml": (2, 1, "unknown key 'titel' (did you mean 'title'?)"),
    "missing_start.yaml": (1, 1, "the key 'start' is missing here"),
    "wrong_type.yaml": (5, 10, "expected a whole number, found the text 'lima'"),
    "bad_next.yaml": (22, 15, "the next node 'akhri' does not exist (did you mean 'akhir'?)"),
    "unknown_rule.yaml": (
        21,
        17,
        "unknown rule id 'tipikor-12x-lapor' (did you mean 'tipikor-12c-lapor'?); "
        "list them with: python main.py rules WORD",
    ),
    "unknown_value.yaml": (
        18,
        18,
        "unknown value 'akuntable' (did you mean 'akuntabel'?); the values are "
        "berorientasi_pelayanan, akuntabel, kompeten, harmonis, loyal, adaptif, kolaboratif",
    ),
    "bad_condition.yaml": (
        17,
        14,
        "'hari_kerja >> 3' is not allowed in a condition; use variables, numbers, text "
        "in quotes, true/false, comparisons (== != < <= > >=), and, or, not, parentheses",
    ),
    "unknown_variable.yaml": (
        17,
        18,
        # a typo of a declared variable: 'did you mean', not 'declare it' (issue 14)
        "unknown variable 'dilapor' (did you mean 'dilaporkan'?)",
    ),
    "comma_in_flow.yaml": (
        2,
        41,
        "unknown key 'badly'; inside { } a comma ends the text, so put the text in quotes",
    ),
    "bad_indent.yaml": (
        15,
        4,
        "this line is 1 space(s) too far left for the block 'awal:' (line 13), whose keys "
        "start at column 5; move it to column 5 (or, if it belongs to another block, line it "
        "up with that block's keys)",
    ),
    "wrong_tone.yaml": (24, 49, "must be one of 'good', 'mixed' or 'bad', found the text 'great'"),
    "set_wrong_type.yaml": (19, 27, "'dilaporkan' holds bool, not int"),
    "headwear_gender.yaml": (13, 15, "headwear: hijab needs gender: female"),
    "lint_ignore_typo.yaml": (
        13,
        19,
        "must be one of 'dominant-choice', 'best-path-not-good', 'breach-reaches-good', "
        "'no-bad-ending', 'duplicate-choice-text', 'rule-undated', 'rule-unsourced', "
        "'portrait-data' or 'stakes-long', found the text 'dominant-choise' (did you mean "
        "'dominant-choice'?)",
    ),
}


def test_every_broken_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_scenario_gives_exactly_one_placed_message(name: str) -> None:
    path = BROKEN / name
    library = load_library([path])
    line, col, message = EXPECTED[name]
    mine = [p for p in library.problems if Path(p.path).name == name]
    assert [(p.line, p.col, p.message) for p in mine] == [(line, col, message)]
    assert str(mine[0]).endswith(f"{name}:{line}:{col}: error: {message}")
    assert library.stories == {}
    assert [u.path.name for u in library.unavailable] == [name]


def test_good_file_loads_beside_a_broken_one(fixtures: Path) -> None:
    library = load_library([fixtures / "mixed"])
    assert list(library.stories) == ["baik"]
    assert [(Path(p.path).name, p.line) for p in library.problems] == [("bad.yaml", 22)]
    assert library.unavailable[0].scenario_id == "buruk"


def test_duplicate_scenario_ids_across_files(tmp_path: Path, fixtures: Path) -> None:
    text = (fixtures / "mixed" / "good.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text)
    (tmp_path / "b.yaml").write_text("# copy\n" + text)
    library = load_library([tmp_path])
    assert list(library.stories) == ["baik"]
    (problem,) = library.problems
    assert (Path(problem.path).name, problem.line, problem.col) == ("b.yaml", 2, 5)
    assert "already used by" in problem.message and "a.yaml" in problem.message


def test_one_bad_rule_loses_only_that_rule(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(
        "rules:\n"
        "  - id: baik\n    title: Baik\n    instrument: UU 1/2000\n    summary: Ringkas.\n"
        "    source: Sumber\n    checked: 2026-11-23\n    verified: true\n"
        "  - id: buruk\n    title: Buruk\n    instrument: UU 1/2000\n    summary: Ringkas.\n"
        "    source: Sumber\n    checked: kemarin\n    verified: true\n"
    )
    library = load_library([tmp_path])
    assert "baik" in library.rules and "buruk" not in library.rules
    (problem,) = library.problems
    assert (problem.line, problem.col) == (14, 14)
    assert problem.message == "expected a date such as 2026-01-14, found the text 'kemarin'"


def test_missing_path_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    library = load_library([tmp_path / "nope.yaml"])
    assert [p.message for p in library.problems] == ["no such file or folder"]


def test_image_paths_may_not_leave_the_content_folders(tmp_path: Path, fixtures: Path) -> None:
    text = (fixtures / "mixed" / "good.yaml").read_text()
    for bad in ("../../etc/passwd", "/etc/passwd", "C:\\\\x.png"):
        path = tmp_path / "img.yaml"
        path.write_text(text.replace("    text: Anda", f"    image: '{bad}'\n    text: Anda"))
        library = load_library([path])
        assert library.stories == {}, bad
        assert "image path must be relative" in library.problems[0].message


def test_shipped_library_loads_clean(library) -> None:
    assert library.problems == ()
    assert len(library.values) == 7
    assert all(len(v.guides) == 3 for v in library.values)
