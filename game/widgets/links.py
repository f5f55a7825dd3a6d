"""Rule links: every rule cited opens its rulebook entry; Esc or Back returns here."""

from __future__ import annotations

from engine.model import Rule
from engine.ui_text import tr
from game.widgets.ui import Ui


def open_rule(app, rule_id: str) -> None:
    app.flow.rulebook(rule_id)


def rule_label(rule: Rule, lang: str) -> str:
    """Title and instrument; an unverified rule says so wherever it is cited."""
    where = rule.instrument + (f", {rule.article}" if rule.article else "")
    flag = "" if rule.verified else f" · {tr('unverified', lang)}"
    return f"{rule.title.get(lang)} ({where}){flag}"


def rule_links(ui: Ui, rules: tuple[Rule, ...], x: int, y: int, width: int, prefix: str) -> int:
    """One link per rule (title and instrument); returns the y below the last."""
    for rule in rules:
        label = rule_label(rule, ui.lang)
        rect = ui.link(
            f"{prefix}-rule-{rule.id}", x, y, label, lambda r=rule.id: open_rule(ui.app, r), width
        )
        y = rect.bottom + ui.px(6)
    return y


def rule_links_height(ui: Ui, rules: tuple[Rule, ...], width: int) -> int:
    """How tall :func:`rule_links` will draw these rules (to size a panel before drawing it)."""
    t = ui.theme
    return sum(
        ui.render("› " + rule_label(r, ui.lang), ui.small, t.link, width, "bold").get_height()
        + ui.px(6)
        for r in rules
    )


def review_blocks(ui: Ui, review, width: int) -> list:
    """The chosen option (italic) and its feedback, rendered for a decision card."""
    t, lang = ui.theme, ui.lang
    return [
        ui.render(
            f"{ui.tr('your_choice')}: {review.choice.get(lang)}", ui.small, t.muted, width, "italic"
        ),
        ui.render(review.feedback.get(lang), ui.small, t.text, width),
    ]
