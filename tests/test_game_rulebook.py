"""The rulebook scene: filters by value and instrument, full entries, reached by keyboard."""

from __future__ import annotations

import pygame
from game_helpers import click, make_app, press, tab_to


def shown_rules(app) -> set[str]:
    return {t.key.removeprefix("rule-") for t in app.scene.targets if t.key.startswith("rule-")}


def test_filters_and_full_entry(tmp_path):
    app = make_app(tmp_path)
    click(app, "rulebook")
    rules = app.library.rules
    assert shown_rules(app) == set(rules)
    click(app, "filter-akuntabel")
    assert shown_rules(app) == {r.id for r in rules.values() if "akuntabel" in r.values}
    click(app, "filter-all")
    click(app, "filter-instrument")  # the first instrument in alphabetical order
    first = sorted({r.instrument for r in rules.values()})[0]
    assert app.scene.instrument == first
    assert shown_rules(app) == {r.id for r in rules.values() if r.instrument == first}
    rule_id = sorted(shown_rules(app))[0]
    click(app, f"rule-{rule_id}")
    rule = rules[rule_id]
    texts = app.text.frame_texts
    assert rule.summary.id in texts and rule.source in texts and rule.checked.isoformat() in texts
    assert ("• terverifikasi" if rule.verified else "• belum terverifikasi") in texts


def test_unverified_rule_shows_its_note(tmp_path):
    app = make_app(tmp_path)
    rule = next(r for r in app.library.rules.values() if r.note is not None)
    from game.widgets.links import open_rule

    open_rule(app, rule.id)
    press(app, pygame.K_HOME)
    assert rule.note.id in app.text.frame_texts


def test_keyboard_reaches_a_value_filter(tmp_path):
    app = make_app(tmp_path)
    tab_to(app, "rulebook")
    press(app, pygame.K_RETURN)
    tab_to(app, "filter-kolaboratif")
    press(app, pygame.K_SPACE)
    assert app.scene.value_filter == "kolaboratif"
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "title"
