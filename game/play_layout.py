"""How the play scene lays out a View: one page, or two steps (situation, then choices).

The boxes come from :mod:`game.metrics` (``situation_box``, ``choice_box``), the same
numbers lint measures the shipped texts against, so "fits" means the same in both places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game import metrics
from game.widgets.calendar import draw_calendar
from game.widgets.classroom import draw_notes, draw_tally, draw_timer
from game.widgets.ui import Ui

if TYPE_CHECKING:
    from game.scenes.play import PlayScene

DEFAULT_IMAGE = "office.png"  # shown where a node names no picture


# -- one page (normal text size) -----------------------------------------------------------
def draw_one_page(scene: PlayScene, ui: Ui) -> None:
    t, lang = ui.theme, ui.lang
    ui.header(scene.play.story.scenario.title.get(lang), back=scene.back)
    scale = scene.app.settings.text_scale
    sit = metrics.situation_box(ui.size, scale)
    pad = ui.px(12)
    left = pygame.Rect(ui.px(16), sit.y - pad, sit.x - ui.px(32) - pad, 0)
    left.h = ui.h - ui.px(16) - left.y
    _draw_left(scene, ui, left)
    box = pygame.Rect(sit.x, sit.y, sit.w, sit.h)
    ui.panel(box.inflate(2 * pad, 2 * pad))
    y = ui.begin_area(scene.text_area, box)
    y = ui.text(scene.view.text.get(lang), box.x, y, ui.body, t.text, box.w).bottom
    ui.end_area(y)
    cbox = metrics.choice_box(ui.size, scale, len(scene.view.choices))
    x0 = sit.x - pad
    view = pygame.Rect(x0 - ui.px(6), cbox.y, ui.w - x0, ui.h - ui.px(10) - cbox.y)
    _draw_choices(scene, ui, view, x0, ui.w - ui.px(12), cbox)


def _draw_left(scene: PlayScene, ui: Ui, area: pygame.Rect) -> None:
    t, view = ui.theme, scene.view
    x, y, w = area.x, area.y, area.w
    size = ui.px(64)
    y = max(y + size, _speaker(ui, view, x, y, w, size)) + ui.px(10)
    bottom = area.bottom - (ui.line(ui.small) + ui.px(12))
    room = max(0, bottom - y)
    img_h = min(round(w * 0.56), room // 3 if view.day is not None else room)
    if img_h > ui.px(40):
        pic = ui.app.images.illustration(
            view.image or DEFAULT_IMAGE, (w, img_h), t.panel_alt, t.border
        )
        ui.surface.blit(pic, (x, y))
        pygame.draw.rect(ui.surface, t.border, (x, y, w, img_h), 1)
        y += img_h + ui.px(10)
    if view.day is not None and bottom - y > ui.px(40):
        rect = pygame.Rect(x, y, w, bottom - y - ui.px(8))
        draw_calendar(ui, rect, view.day, view.deadline, view.deadline_label)
    progress_h = ui.line(ui.small) + ui.px(12)
    _draw_progress(scene, ui, pygame.Rect(x, area.bottom - progress_h, w, progress_h))


def _speaker(ui: Ui, view, x: int, y: int, w: int, size: int) -> int:
    """Avatar, name and role; returns the y below the name and role."""
    t, lang = ui.theme, ui.lang
    speaker = view.speaker
    sid = view.speaker_id or "narator"
    ui.surface.blit(ui.app.images.avatar(sid, speaker.avatar if speaker else None, size), (x, y))
    name = speaker.name.get(lang) if speaker else ui.tr("game_narrator")
    tx, tw = x + size + ui.px(10), w - size - ui.px(10)
    ny = ui.text(name, tx, y, ui.body, t.text, tw, "bold").bottom
    if speaker and speaker.role:
        ny = ui.text(speaker.role.get(lang), tx, ny, ui.small, t.muted, tw).bottom
    return ny


def _draw_progress(scene: PlayScene, ui: Ui, rect: pygame.Rect) -> None:
    t, view = ui.theme, scene.view
    label = ui.tr("game_step", n=view.step + 1, pct=round(view.progress * 100))
    ui.text(label, rect.x, rect.y, ui.small, t.muted, rect.w)
    bar = pygame.Rect(rect.x, rect.bottom - ui.px(6), rect.w, ui.px(6))
    pygame.draw.rect(ui.surface, t.track, bar, border_radius=bar.h // 2)
    fill = (bar.x, bar.y, bar.w * view.progress, bar.h)
    pygame.draw.rect(ui.surface, t.accent, fill, border_radius=bar.h // 2)


def _draw_choices(
    scene: PlayScene, ui: Ui, view: pygame.Rect, x0: int, right: int, cbox: metrics.Box
) -> None:
    """The choices in a scrolling column; in classroom mode each row carries its tally."""
    t = ui.theme
    compact = scene.two_step  # the two-step layout packs choices a little tighter
    pad = ui.px(metrics.CHOICE_PAD if compact else 8)
    gap = ui.px(metrics.CHOICE_GAP if compact else 8)
    y = ui.begin_area(scene.choice_area, view) + ui.px(4)
    tally_w = ui.px(320 if scene.tally.tie else 200) if scene.classroom else 0
    if scene.classroom:
        tally = scene.tally
        warn = "class_tie" if tally.tie else "class_no_votes" if tally.empty_vote else None
        hint = ui.tr(warn or "class_tally_hint")
        color = t.bad if warn else t.muted
        y = ui.text(hint, x0, y, ui.small, color, right - x0, "bold").bottom + ui.px(8)
    for choice in scene.view.choices:
        i = choice.index
        text = ui.render(choice.text.get(ui.lang), ui.body, t.text, cbox.w - tally_w)
        rect = pygame.Rect(x0, y, right - x0, text.get_height() + 2 * pad)
        key = f"choice-{i + 1}"
        focused = key == ui.focus_key
        ui.panel(rect, t.panel_alt if focused else t.panel)
        badge = pygame.Rect(0, 0, ui.px(30), ui.px(30))
        badge.center = (x0 + ui.px(22), rect.y + pad + ui.line() // 2)
        pygame.draw.rect(ui.surface, t.accent, badge, border_radius=ui.px(6))
        num = ui.render(str(i + 1), ui.small, t.accent_text, 0, "bold")
        ui.surface.blit(num, num.get_rect(center=badge.center))
        ui.surface.blit(text, (cbox.x, rect.y + pad))
        action = (
            (lambda i=i: scene.pick_row(i)) if scene.classroom else (lambda i=i: scene.choose(i))
        )
        if ui.add_target(key, rect, action, choice.text.id):
            ui.focus_ring(rect)
        if scene.classroom:
            _tally_cell(scene, ui, i, rect, tally_w)
        y = rect.bottom + gap
    ui.end_area(y - gap + ui.px(4))  # no gap after the last choice


def _tally_cell(scene: PlayScene, ui: Ui, i: int, rect: pygame.Rect, width: int) -> None:
    cell = pygame.Rect(rect.right - width, rect.y + ui.px(6), width - ui.px(12), rect.h - ui.px(12))
    if i in scene.tally.tie:
        label = ui.tr("class_pick_this")
        b = pygame.Rect(0, 0, min(cell.w, ui.button_width(label, ui.small)), cell.h)
        b.h = min(b.h, ui.line(ui.small, "bold") + ui.px(12))
        b.midright = cell.midright
        cell.w -= b.w + ui.px(6)
        ui.button(f"tie-{i + 1}", b, label, lambda i=i: scene.break_tie(i), "primary", ui.small)
    draw_tally(ui, scene.tally, i, cell, i == scene.tally.row)


# -- two steps (larger text, classroom) ---------------------------------------------------
def draw_two_step(scene: PlayScene, ui: Ui) -> None:
    """A compact header (speaker, day, step), then the situation or the choices alone."""
    t, lang, view = ui.theme, ui.lang, scene.view
    top = ui.header(scene.play.story.scenario.title.get(lang), back=scene.back)
    scale = scene.app.settings.text_scale
    pad = ui.px(12)
    if scene.choices_shown and not scene.classroom:  # the header's Back returns to the text
        box = metrics.choices_area(ui.size, scale)
        area = pygame.Rect(box.x, max(box.y, top + ui.px(6)), box.w, 0)
        area.h = box.y + box.h - area.y
        view_rect = area.inflate(ui.px(12), ui.px(8))
        cbox = _text_box(ui, area)
        _draw_choices(scene, ui, view_rect, area.x - ui.px(6), area.right + ui.px(6), cbox)
        return
    box = metrics.content_box(ui.size, scale)
    area = pygame.Rect(box.x, box.y, box.w, box.h)
    area.top = max(area.top, _compact_row(scene, ui, top + ui.px(8)) + pad)
    area.h = box.y + box.h - area.y
    bar_y = area.bottom + pad + ui.px(4)
    if scene.choices_shown:
        view_rect = pygame.Rect(
            area.x - pad, area.y - ui.px(4), area.w + 2 * pad, area.h + ui.px(8)
        )
        cbox = _text_box(ui, area)
        x0, right = area.x - ui.px(6), area.right + ui.px(6)
        _draw_choices(scene, ui, view_rect, x0, right, cbox)
    else:
        ui.panel(area.inflate(2 * pad, 2 * pad))
        y = ui.begin_area(scene.text_area, area)
        y = ui.text(view.text.get(lang), area.x, y, ui.body, t.text, area.w).bottom
        ui.end_area(y)
    if scene.classroom and scene.show_notes:
        notes = pygame.Rect(area.x + area.w * 11 // 20, area.y, area.w * 9 // 20, area.h)
        draw_notes(ui, view, scene.notes_area, notes)
    _button_bar(scene, ui, bar_y, box.x - pad, box.x + box.w + pad)


def _text_box(ui: Ui, area: pygame.Rect) -> metrics.Box:
    """Where a choice's text goes in a two-step area: after the number badge (as in
    metrics.choice_box, also when a long text made a normal-size page go two-step)."""
    return metrics.Box(area.x + ui.px(44), area.y, area.w - ui.px(56), area.h)


def _compact_row(scene: PlayScene, ui: Ui, y: int) -> int:
    """Avatar, speaker, the working day and the step on one row; the timer on the right."""
    t, view = ui.theme, scene.view
    x, right = ui.px(28) - ui.px(12), ui.w - ui.px(16)
    if scene.classroom:
        timer = draw_timer(
            ui, scene.timer, right, y, (scene.toggle_timer, scene.reset_timer, scene.more_time)
        )
        right = timer.x - ui.px(12)
    parts = [ui.tr("game_step", n=view.step + 1, pct=round(view.progress * 100))]
    if view.day is not None:
        parts.insert(0, ui.tr("working_day", day=view.day))
    info = ui.render(" · ".join(parts), ui.small, t.muted, 0, "bold")
    info_w = min(info.get_width(), (right - x) // 2)
    speaker_w = right - x - info_w - ui.px(12)
    size = ui.px(40)
    speaker = view.speaker
    sid = view.speaker_id or "narator"
    ui.surface.blit(ui.app.images.avatar(sid, speaker.avatar if speaker else None, size), (x, y))
    name = speaker.name.get(ui.lang) if speaker else ui.tr("game_narrator")
    blocks = [ui.render(name, ui.small, t.text, 0, "bold")]
    if speaker and speaker.role:
        blocks.append(ui.render(" · " + speaker.role.get(ui.lang), ui.small, t.muted))
    tx = x + size + ui.px(10)
    ui.surface.set_clip(pygame.Rect(tx, y, max(0, speaker_w - size - ui.px(10)), size))
    for block in blocks:  # one line, cut at the edge: the full role is on the one-page layout
        ui.surface.blit(block, (tx, y + (size - block.get_height()) // 2))
        tx += block.get_width()
    ui.surface.set_clip(pygame.Rect(right - info_w, y, info_w, size))
    ui.surface.blit(info, (right - info_w, y + (size - info.get_height()) // 2))
    ui.surface.set_clip(None)
    return y + max(size, blocks[0].get_height())


def _button_bar(scene: PlayScene, ui: Ui, y: int, left: int, right: int) -> None:
    h = ui.line(ui.body, "bold") + ui.px(14)
    y = min(y, ui.h - h - ui.px(8))
    buttons = []
    if scene.classroom:
        buttons.append(("notes", ui.tr("class_notes"), scene.toggle_notes, "quiet"))
    if scene.choices_shown:
        buttons.append(
            ("see-situation", ui.tr("play_back_to_situation"), scene.see_situation, "normal")
        )
        if scene.classroom:
            buttons.append(("vote-play", ui.tr("class_play_vote"), scene.play_vote, "primary"))
    else:
        buttons.append(("see-choices", ui.tr("play_see_choices"), scene.see_choices, "primary"))
    x = right
    for key, label, action, kind in reversed(buttons):
        w = ui.button_width(label)
        x -= w
        ui.button(key, pygame.Rect(max(x, left), y, w, h), label, action, kind)
        x -= ui.px(10)


def one_page_fits(scene: PlayScene, ui: Ui) -> bool:
    """Whether this View's situation and choices fit their one-page boxes (as lint measures)."""
    scale = scene.app.settings.text_scale
    sit = metrics.situation_box(ui.size, scale)
    if ui.text_height(scene.view.text.get(ui.lang), sit.w) > sit.h:
        return False
    cbox = metrics.choice_box(ui.size, scale, len(scene.view.choices))
    return all(ui.text_height(c.text.get(ui.lang), cbox.w) <= cbox.h for c in scene.view.choices)
