"""The rulebook: every rule, filtered by value or instrument, each with its full entry.

Opened from the title, or from a rule link with ``rule_id`` (Esc/Back returns there).
"""

from __future__ import annotations

import pygame

from engine.model import Rule
from game.scenes.base import Scene
from game.widgets.ui import ScrollArea, Ui


class RulebookScene(Scene):
    name = "rulebook"

    def __init__(self, app, rule_id: str | None = None) -> None:
        super().__init__(app)
        self.value_filter: str | None = None
        self.instrument: str | None = None
        self.selected = rule_id if rule_id in app.library.rules else None
        self.list_area = ScrollArea()
        self.detail_area = self.scroll_area
        self.areas = [self.list_area, self.detail_area]
        self.focus_key = f"rule-{self.selected}" if self.selected else "filter-all"
        self._scroll_to_selected = self.selected is not None

    def instruments(self) -> list[str]:
        return sorted({r.instrument for r in self.app.library.rules.values()})

    def rules(self) -> list[Rule]:
        return [
            r
            for r in self.app.library.rules.values()
            if (self.value_filter is None or self.value_filter in r.values)
            and (self.instrument is None or r.instrument == self.instrument)
        ]

    def set_value(self, value_id: str | None) -> None:
        self.value_filter = value_id
        self.list_area.offset = 0

    def next_instrument(self) -> None:
        options = [None, *self.instruments()]
        self.instrument = options[(options.index(self.instrument) + 1) % len(options)]
        self.list_area.offset = 0

    def select(self, rule_id: str) -> None:
        self.selected = rule_id
        self.detail_area.offset = 0

    def draw(self, ui: Ui) -> None:
        t = ui.theme
        top = ui.header(ui.tr("game_rulebook"), back=self.back)
        margin = ui.px(16)
        y = self._filters(ui, margin, top + ui.px(10), ui.w - 2 * margin)
        list_w = (ui.w - 3 * margin) * 2 // 5
        rules = self.rules()
        view = pygame.Rect(margin, y, list_w, ui.h - y - margin)
        ly = ui.begin_area(self.list_area, view)
        if not rules:
            ly = ui.text(ui.tr("game_no_rules"), margin, ly, ui.body, t.muted, list_w).bottom
        for rule in rules:
            ly = self._list_entry(ui, rule, margin, ly, list_w - ui.px(10))
        ui.end_area(ly)
        self._scroll_to_selected = False
        dx = margin * 2 + list_w
        detail = pygame.Rect(dx, y, ui.w - dx - margin, ui.h - y - margin)
        ui.panel(detail)
        rule = self.app.library.rules.get(self.selected) if self.selected else None
        if rule is None and rules:
            rule = rules[0]
        inner = detail.inflate(-2 * ui.px(14), -2 * ui.px(10))
        dy = ui.begin_area(self.detail_area, inner)
        if rule is not None:
            dy = self._detail(ui, rule, inner.x, dy, inner.w - ui.px(10))
        ui.end_area(dy)

    def _filters(self, ui: Ui, x0: int, y: int, width: int) -> int:
        t = ui.theme
        x = x0
        row_h = ui.line(ui.small, "bold") + ui.px(10)

        def place(w: int) -> tuple[int, int]:
            nonlocal x, y
            if x + w > x0 + width and x > x0:
                x, y = x0, y + row_h + ui.px(8)
            at = (x, y)
            x += w + ui.px(8)
            return at

        label = ui.tr("game_filter_all")
        w = ui.button_width(label, ui.small)
        r = pygame.Rect(*place(w), w, row_h)
        ui.button(
            "filter-all",
            r,
            label,
            lambda: self.set_value(None),
            "primary" if self.value_filter is None else "quiet",
            ui.small,
        )
        for value in ui.app.library.values:
            probe = ui.value_chip(value, -10000, -10000)
            r = pygame.Rect(*place(probe.w), probe.w, row_h)
            chip = ui.value_chip(value, r.x, r.y + (row_h - probe.h) // 2)
            if self.value_filter == value.id:
                pygame.draw.rect(
                    ui.surface,
                    t.text,
                    chip.inflate(ui.px(4), ui.px(4)),
                    2,
                    border_radius=chip.h // 2,
                )
            if ui.add_target(
                f"filter-{value.id}", chip, lambda v=value.id: self.set_value(v), value.name.id
            ):
                ui.focus_ring(chip)
        name = self.instrument or ui.tr("game_all_instruments")
        label = ui.tr("game_instrument", name=name) + " ›"
        w = min(ui.button_width(label, ui.small), width)
        r = pygame.Rect(*place(w), w, row_h)
        ui.button("filter-instrument", r, label, self.next_instrument, "quiet", ui.small)
        return y + row_h + ui.px(12)

    def _list_entry(self, ui: Ui, rule: Rule, x: int, y: int, width: int) -> int:
        t = ui.theme
        pad = ui.px(8)
        title = ui.render(rule.title.get(ui.lang), ui.small, t.text, width - 2 * pad, "bold")
        sub = f"{rule.instrument}{' · ' + rule.article if rule.article else ''}"
        if not rule.verified:
            sub += " · " + ui.tr("unverified")
        info = ui.render(sub, ui.small, t.bad if not rule.verified else t.muted, width - 2 * pad)
        rect = pygame.Rect(x, y, width, title.get_height() + info.get_height() + 2 * pad)
        key = f"rule-{rule.id}"
        focused = ui.add_target(key, rect, lambda r=rule.id: self.select(r), rule.title.id)
        chosen = rule.id == self.selected
        ui.panel(rect, t.panel_alt if chosen else t.panel, border=chosen or focused)
        if chosen:
            pygame.draw.rect(ui.surface, t.accent, (x, y, ui.px(5), rect.h))
        ui.surface.blit(title, (x + pad + ui.px(4), y + pad))
        ui.surface.blit(info, (x + pad + ui.px(4), y + pad + title.get_height()))
        if focused:
            ui.focus_ring(rect)
        if chosen and self._scroll_to_selected:
            self.list_area.show(rect)
        return rect.bottom + ui.px(6)

    def _detail(self, ui: Ui, rule: Rule, x: int, y: int, width: int) -> int:
        t, lang = ui.theme, ui.lang
        y = ui.text(rule.title.get(lang), x, y, ui.h2, t.text, width, "bold").bottom + ui.px(4)
        where = rule.instrument + (f", {rule.article}" if rule.article else "")
        y = ui.text(
            where,
            x,
            y,
            ui.body,
            t.accent if ui.theme.name != "high_contrast" else t.text,
            width,
            "bold",
        ).bottom + ui.px(6)
        badge = "• " + ui.tr("verified") if rule.verified else "• " + ui.tr("unverified")
        y = ui.text(
            badge, x, y, ui.small, t.good if rule.verified else t.bad, width, "bold"
        ).bottom + ui.px(8)
        y = ui.text(rule.summary.get(lang), x, y, ui.body, t.text, width).bottom + ui.px(10)
        rows = [(ui.tr("source"), rule.source)]
        if rule.date:
            rows.append((ui.tr("game_rule_date"), rule.date.isoformat()))
        rows.append((ui.tr("checked"), rule.checked.isoformat()))
        if rule.note:
            rows.append((ui.tr("game_note"), rule.note.get(lang)))
        for label, text in rows:
            y = ui.text(label, x, y, ui.small, t.muted, width, "bold").bottom
            y = ui.text(text, x, y, ui.small, t.text, width).bottom + ui.px(8)
        if rule.values:
            y = ui.text(
                ui.tr("game_related_values"), x, y, ui.small, t.muted, width, "bold"
            ).bottom + ui.px(4)
            cx = x
            for vid in rule.values:
                if vid in ui.app.library.value_ids:
                    r = ui.value_chip(ui.app.library.value(vid), cx, y)
                    cx = r.right + ui.px(6)
            y += ui.line(ui.small) + ui.px(12)
        return y
