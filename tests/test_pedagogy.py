"""Pedagogy checks: each flaw gives exactly its warning at its line, its fix gives none, and an
author's ``lint_ignore`` switches it off; the outlook agrees with listing every path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from test_analysis import brute_force, replay
from test_lint import position

from cli.commands.analyze import report
from engine.analysis import analyze
from engine.library import Library
from engine.lint import lint_library
from engine.loader import load_library
from engine.model import Character
from engine.outlook import library_outlook, outlook
from engine.pedagogy import CHECK_IDS, source_policy

FIXTURES = Path(__file__).parent / "fixtures"
PED = FIXTURES / "pedagogy"
RULES = FIXTURES / "rulebook" / "rules.yaml"
CLEAN = PED / "clean.yaml"


def findings(*paths: Path) -> list[tuple[int, int, str, str]]:
    """Lint without measuring text: these checks do not depend on the font."""
    library = load_library(list(paths))
    assert library.problems == ()
    return [(p.line, p.col, p.level, p.message) for p in lint_library(library, None)]


def only(got: list[tuple[int, int, str, str]]) -> tuple[int, int, str, str]:
    assert len(got) == 1, got
    return got[0]


# (fixture, rulebook, check id, marker of the flawed line, token where the warning points)
CASES = [
    ("dominant_choice.yaml", RULES, "dominant-choice", "- text: {id: Laporkan", "text"),
    ("best_path_not_good.yaml", RULES, "best-path-not-good", "- text: {id: Akui", "text"),
    ("breach_reaches_good.yaml", RULES, "breach-reaches-good", "breach: true # simpan", "true"),
    ("no_bad_ending.yaml", RULES, "no-bad-ending", "endings:", "endings"),
    (
        "duplicate_choice_text.yaml",
        RULES,
        "duplicate-choice-text",
        '- text: {id: "laporkan',
        '"laporkan',
    ),
    ("portrait_data.yaml", RULES, "portrait-data", "  rina:", "rina"),
    ("stakes_long.yaml", RULES, "stakes-long", '  id: "Parsel dari rekanan', '"Parsel'),
    ("clean.yaml", PED / "rules_undated.yaml", "rule-undated", "rules: [tipikor-12b]", "tipikor"),
    (
        "clean.yaml",
        PED / "rules_unsourced.yaml",
        "rule-unsourced",
        "rules: [tipikor-12b]",
        "tipikor",
    ),
]


def test_every_check_has_a_case() -> None:
    assert sorted(case[2] for case in CASES) == sorted(CHECK_IDS)


def test_the_clean_fixture_has_no_findings() -> None:
    assert findings(CLEAN, RULES) == []


@pytest.mark.parametrize(("name", "rules", "check", "marker", "token"), CASES)
def test_each_flaw_gives_exactly_its_warning_where_it_is(
    name: str, rules: Path, check: str, marker: str, token: str
) -> None:
    path = PED / name
    line, col, level, message = only(findings(path, rules))
    if marker == "rules: [tipikor-12b]":  # cited twice: the first citation is the place
        lines = path.read_text(encoding="utf-8").splitlines()
        first = next(n for n, text in enumerate(lines) if marker in text)
        assert (line, col) == (first + 1, lines[first].index(token) + 1)
    else:
        assert (line, col) == position(path, marker, token)
    assert level == "warning"
    assert message.endswith(f"[{check}]")


def test_the_messages_say_what_is_wrong() -> None:
    *_, message = only(findings(PED / "best_path_not_good.yaml", RULES))
    assert "(total +5) ends in the bad ending 'buruk'" in message
    assert "awal#2 -> cek#2 -> buruk" in message
    *_, message = only(findings(PED / "breach_reaches_good.yaml", RULES))
    assert "awal#2 -> cek#2 -> baik" in message
    *_, message = only(findings(PED / "duplicate_choice_text.yaml", RULES))
    assert "same as choice 1 of this node (Indonesian)" in message
    *_, message = only(findings(CLEAN, PED / "rules_undated.yaml"))
    assert "the rule 'tipikor-12b' has no date" in message and "cited 2 times" in message
    *_, message = only(findings(CLEAN, PED / "rules_unsourced.yaml"))
    assert "('seed': a seed label" in message


def test_same_text_behind_exclusive_conditions_is_not_a_duplicate() -> None:
    """Both choices at 'cek' read 'Jelaskan', but no situation offers them together."""
    assert findings(PED / "duplicate_exclusive.yaml", RULES) == []
    text = (PED / "duplicate_exclusive.yaml").read_text(encoding="utf-8")
    assert text.count("- text: {id: Jelaskan, en: Explain}") == 2


def _ignore(data: dict[str, Any], check: str) -> None:
    """Switch ``check`` off where an author would: the flawed choice, its node, or the start."""
    nodes = data["nodes"]
    if check == "dominant-choice":
        nodes["awal"]["choices"][0]["lint_ignore"] = [check]
    elif check == "best-path-not-good":
        nodes["cek"]["lint_ignore"] = [check]  # the node of the path's last choice
    elif check in ("breach-reaches-good", "duplicate-choice-text"):  # the second choice
        nodes["awal"]["choices"][1]["lint_ignore"] = [check]
    elif check in ("rule-undated", "rule-unsourced"):  # both citations of tipikor-12b
        nodes["awal"]["lint_ignore"] = [check]
    else:  # whole-scenario checks: the start node
        nodes[data["start"]]["lint_ignore"] = [check]


@pytest.mark.parametrize(("name", "rules", "check", "marker", "token"), CASES)
def test_lint_ignore_switches_each_check_off(
    tmp_path: Path, name: str, rules: Path, check: str, marker: str, token: str
) -> None:
    data = yaml.safe_load((PED / name).read_text(encoding="utf-8"))
    _ignore(data, check)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert findings(path, rules) == []


def test_ignoring_one_check_keeps_the_others(tmp_path: Path) -> None:
    data = yaml.safe_load((PED / "dominant_choice.yaml").read_text(encoding="utf-8"))
    data["nodes"]["awal"]["choices"][0]["lint_ignore"] = ["portrait-data"]
    path = tmp_path / "other.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    [(*_, message)] = findings(path, RULES)
    assert message.endswith("[dominant-choice]")


def test_one_citation_ignored_moves_the_warning_to_the_next(tmp_path: Path) -> None:
    data = yaml.safe_load(CLEAN.read_text(encoding="utf-8"))
    data["nodes"]["awal"]["choices"][1]["lint_ignore"] = ["rule-undated"]
    path = tmp_path / "next.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line, _col, _level, message = only(findings(path, PED / "rules_undated.yaml"))
    lines = path.read_text(encoding="utf-8").splitlines()
    third = next(n for n, text in enumerate(lines) if "Diamkan" in text)
    cited = next(n for n in range(third, len(lines)) if "tipikor-12b" in lines[n])
    assert line == cited + 1  # the third choice's citation, not the ignored second one
    assert "cited" not in message


@pytest.mark.parametrize(
    ("source", "unsuitable"),
    [
        ("Modul BerAKHLAK (seed S1)", "seed"),
        ("Seed S1 dan S2", "Seed"),
        ("UU 25/2009 (rujukan: pdfcoffee)", "pdfcoffee"),
        ("id.scribd.com/document/1", "scribd"),
        ("docplayer.info/123", "docplayer"),
        ("pasalkuhp.blogspot.com", "blogspot"),
        ("Peraturan KPK 2/2019 (rujukan: detik.com)", "detik"),
        ("kompas.com", "kompas.com"),
        ("UU 30/2014 (sumber sekunder)", "sumber sekunder"),
        ("   ", None),
    ],
)
def test_unsuitable_sources_are_named(source: str, unsuitable: str | None) -> None:
    objection = source_policy().objection(source)
    assert objection is not None
    if unsuitable is None:
        assert objection == "it is empty"
    else:
        assert objection.startswith(f"'{unsuitable}'")


@pytest.mark.parametrize(
    "source",
    [
        "UU 20/2001 (peraturan.bpk.go.id)",
        "jdih.kpk.go.id; peraturan.go.id",
        "SE MenPANRB 20/2021 tentang Implementasi Core Values (menpan.go.id)",
        "Perban BPIP 4/2021 Pasal 7",
    ],
)
def test_official_sources_pass(source: str) -> None:
    assert source_policy().objection(source) is None


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"gender": "male", "headwear": "hijab"}, "hijab needs gender: female"),
        ({"headwear": "hijab"}, "hijab needs gender: female"),
        ({"gender": "female", "headwear": "peci"}, "peci needs gender: male"),
    ],
)
def test_headwear_must_fit_gender(fields: dict[str, str], error: str) -> None:
    with pytest.raises(ValueError, match=error):
        Character.model_validate({"name": "X", **fields})


def test_portrait_fields_default_and_load() -> None:
    plain = Character.model_validate({"name": "X"})
    assert (plain.gender, plain.age, plain.headwear, plain.outfit, plain.glasses) == (
        None,
        "adult",
        "none",
        "pdh",
        False,
    )
    story = load_library([CLEAN, RULES]).stories["ped-clean"]
    rina = story.scenario.characters["rina"]
    assert (rina.gender, rina.headwear) == ("female", "hijab")
    node = story.scenario.nodes["awal"]
    assert (node.mood, node.place, node.pin_order, node.lint_ignore) == ("neutral", None, False, [])
    assert [c.breach for c in node.choices] == [False, True, True]
    assert [c.verdict for c in node.choices] == ["good", "bad", "bad"]
    assert (story.scenario.place, story.scenario.pin_order) == ("office", False)


# The outlook (the engine-level helper behind best-path-not-good and breach-reaches-good).

OUTLOOK_FILES = [
    "clean.yaml",
    "best_path_not_good.yaml",
    "breach_reaches_good.yaml",
    "dominant_choice.yaml",
    "no_bad_ending.yaml",
]


@pytest.mark.parametrize("name", OUTLOOK_FILES)
def test_outlook_agrees_with_listing_every_path(name: str) -> None:
    library = load_library([PED / name, RULES])
    [story] = library.stories.values()
    view = outlook(story)
    walks = brute_force(story)
    totals = [sum(w.scores.values()) for w in walks]
    assert view.best_total == max(totals) == analyze(story).best[0]  # type: ignore[index]
    best_endings = {w.ending for w, t in zip(walks, totals, strict=True) if t == max(totals)}
    assert set(view.best_paths) == best_endings
    for ending, path in view.best_paths.items():
        assert replay(library, story, path).ending == ending  # a real play takes it
        assert path in {w.path for w in walks if w.ending == ending}
    breaches = {
        step
        for w in walks
        if story.scenario.endings[w.ending].tone == "good"
        for step in w.path
        if story.choice(*step).breach
    }
    assert set(view.breach_to_good) == breaches
    for spot, path in view.breach_to_good.items():
        assert spot in path
        assert story.scenario.endings[replay(library, story, path).ending or ""].tone == "good"


def test_outlook_names_the_tone_and_the_breach() -> None:
    def view(name: str) -> Any:
        [story] = load_library([PED / name, RULES]).stories.values()
        return outlook(story)

    clean = view("clean.yaml")
    assert (clean.best_tone, clean.breach_reaches_good, clean.exact) == ("good", False, True)
    worse = view("best_path_not_good.yaml")
    assert (worse.best_tone, worse.best_tones) == ("bad", frozenset({"bad"}))
    breach = view("breach_reaches_good.yaml")
    assert breach.breach_reaches_good and list(breach.breach_to_good) == [("awal", 1)]


def test_library_outlook_covers_every_shipped_scenario(library: Library) -> None:
    views = library_outlook(library)
    assert set(views) == set(library.stories)
    for sid, view in views.items():
        story = library.stories[sid]
        assert view.exact
        assert view.best_total == analyze(story).best[0]  # type: ignore[index]
        assert view.best_tone in ("good", "mixed", "bad")


def test_analyze_reports_the_outlook() -> None:
    [story] = load_library([PED / "breach_reaches_good.yaml", RULES]).stories.values()
    text = "\n".join(report(story, analyze(story), 0.001, outlook(story)))
    assert "best-scoring path ends good (baik): awal#1 -> cek#1 -> baik" in text
    assert "  awal#2: awal#2 -> cek#2 -> baik" in text
    [story] = load_library([CLEAN, RULES]).stories.values()
    text = "\n".join(report(story, analyze(story), 0.001, outlook(story)))
    assert "no choice marked breach: true leads to a good ending" in text
