"""How the play scene lays out a View: one page, or two steps (situation, then choices).

The boxes come from :mod:`game.metrics` (``situation_box``, ``choice_box``), the same
numbers lint measures the shipped texts against, so "fits" means the same in both places.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game import metrics, staging
from game.widgets.calendar import draw_calendar
from game.widgets.calendar import status as calendar_status
from game.widgets.stakes import draw_stakes, stakes_height
from game.widgets.ui import Ui

if TYPE_CHECKING:
    from engine.text import LocalText
    from game.scenes.play import PlayScene


# -- one page (normal text size) -----------------------------------------------------------
def draw_one_page(scene: PlayScene, ui: Ui) -> None:
    """The visual-novel page: the place fills the window, the speaker stands on the left
    beside the dialogue panel (the situation), the choices below it."""
    t, lang = ui.theme, ui.lang
    staging.draw_backdrop(ui, scene.staged.place)
    title = scene.play.story.scenario.title.get(lang)
    ui.header(title, back=scene.back)
    stakes = None if _stakes_in_header(scene, ui, title) else scene.view.stakes
    scale = scene.app.settings.text_scale
    sit = metrics.situation_box(ui.size, scale)
    pad = ui.px(12)
    left = pygame.Rect(ui.px(16), sit.y - pad, sit.x - ui.px(32) - pad, 0)
    left.h = ui.h - ui.px(16) - left.y
    _draw_left(scene, ui, left, stakes)
    box = pygame.Rect(sit.x, sit.y, sit.w, sit.h)
    ui.panel(box.inflate(2 * pad, 2 * pad))
    y = ui.begin_area(scene.text_area, box)
    y = ui.text(scene.view.text.get(lang), box.x, y, ui.body, t.text, box.w).bottom
    ui.end_area(y)
    cbox = metrics.choice_box(ui.size, scale, len(scene.view.choices))
    x0 = sit.x - pad
    view = pygame.Rect(x0 - ui.px(6), cbox.y, ui.w - x0, ui.h - ui.px(10) - cbox.y)
    _draw_choices(scene, ui, view, x0, ui.w - ui.px(12), cbox)


def _calendar_args(scene: PlayScene) -> dict:
    """The scenario's calendar start and weekday, for :func:`draw_calendar`."""
    cal = scene.play.story.scenario.calendar
    return {"start": cal.start, "start_weekday": cal.start_weekday} if cal else {}


def _stakes_in_header(scene: PlayScene, ui: Ui, title: str) -> bool:
    """What is at stake, beside the title in the header, where it fits: always in view and
    taking nothing from the portrait. False when there are no stakes or no room."""
    stakes = scene.view.stakes
    if stakes is None:
        return False
    return ui.header_aside(ui.tr("game_stakes"), stakes.get(ui.lang), title, back=True)


def _draw_left(
    scene: PlayScene, ui: Ui, area: pygame.Rect, stakes: LocalText | None = None
) -> None:
    """The speaker's portrait (large), the name plate, what is at stake (when the header
    had no room for it), the calendar, the progress."""
    view, stage = scene.view, scene.staged
    x, w = area.x, area.w
    progress_h = ui.line(ui.small) + ui.px(12)
    bottom = area.bottom - progress_h - ui.px(8)
    plate_h = staging.name_plate_height(ui, stage, w)
    column, gap = bottom - area.y, ui.px(8)
    cal_h = cal_min = 0
    if view.day is not None:  # at least its lines and a timeline; a grid where there is room
        cal_h = _calendar_height(ui, scene, w)
        cal_min = min(cal_h, _calendar_lines_height(ui, scene, w) + ui.px(18))
    stakes_h = stakes_height(ui, stakes.get(ui.lang), w, ui.small) if stakes else 0
    taken = plate_h + (cal_min + gap if cal_min else 0)
    if stakes_h and column - taken - stakes_h - gap < column * 35 // 100:
        stakes_h = 0  # no room beside the face: never drawn over the calendar
    room = column - plate_h - (stakes_h + gap if stakes_h else 0)
    if cal_h:  # the face keeps ~45% of the column where it can; the grid gives way first
        cal_h = max(cal_min, min(cal_h, room - column * 45 // 100 - gap))
        cal_h = min(cal_h, max(0, room - ui.px(40)))
    face_h = room - cal_h - (ui.px(8) if cal_h else 0)
    plate_y = area.y + max(0, face_h)
    if face_h > ui.px(40):
        _draw_face(scene, ui, pygame.Rect(x, area.y, w, face_h))
    plate_bottom = staging.name_plate(ui, stage, x, plate_y, w)
    if stakes_h:
        card = pygame.Rect(x, plate_bottom + ui.px(8), w, stakes_h)
        draw_stakes(ui, stakes.get(ui.lang), card, ui.small)
    if cal_h >= ui.px(40):
        rect = pygame.Rect(x, bottom - cal_h, w, cal_h)
        draw_calendar(
            ui, rect, view.day, view.deadline, view.deadline_label, **_calendar_args(scene)
        )
    _draw_progress(scene, ui, pygame.Rect(x, area.bottom - progress_h, w, progress_h))


def _draw_face(scene: PlayScene, ui: Ui, rect: pygame.Rect) -> None:
    """The speaker standing on the place, feet on the name plate; for the narrator, the
    node's picture when it names one (a missing file is a placeholder, never a crash)."""
    t, view, stage = ui.theme, scene.view, scene.staged
    if stage.speaker is None:
        if view.image:
            h = min(rect.h, round(rect.w * 0.62))
            pic = ui.app.images.illustration(view.image, (rect.w, h), t.panel_alt, t.border)
            y = rect.bottom - h - ui.px(8)
            ui.surface.blit(pic, (rect.x, y))
            pygame.draw.rect(ui.surface, t.border, (rect.x, y, rect.w, h), 1)
        return
    side = min(rect.w, rect.h)
    face = staging.portrait(ui.app, scene.play.story.scenario, stage, (side, side))
    ui.surface.blit(face, face.get_rect(midbottom=(rect.centerx, rect.bottom + ui.px(4))))
    if view.image:  # the node's picture as a small card beside the speaker
        cw = rect.w * 2 // 5
        ch = round(cw * 0.62)
        pic = ui.app.images.illustration(view.image, (cw, ch), t.panel_alt, t.border)
        ui.surface.blit(pic, (rect.right - cw, rect.y))
        pygame.draw.rect(ui.surface, t.border, (rect.right - cw, rect.y, cw, ch), 1)


def _calendar_lines_height(ui: Ui, scene: PlayScene, width: int) -> int:
    """What the calendar's lines take (the day, the deadline and what is left), padded."""
    view = scene.view
    inner = width - ui.px(20)
    h = ui.line() + ui.px(26)
    if view.deadline is not None:
        label = ui.tr("deadline", day=view.deadline)
        if view.deadline_label is not None:
            label = f"{view.deadline_label.get(ui.lang)} · {label}"
        h += ui.text_height(label, inner, ui.small) + ui.line(ui.small, "bold") + ui.px(6)
    return h


def _calendar_height(ui: Ui, scene: PlayScene, width: int) -> int:
    """What the calendar needs for its lines and a grid of small cells."""
    view = scene.view
    inner = width - ui.px(20)
    h = _calendar_lines_height(ui, scene, width)
    last = max(view.deadline or 0, view.day or 0) + 2
    rows = -(-last // 5) + 1
    return h + rows * min(inner // 5, ui.px(22))


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
    """The choices in a scrolling column, each a numbered card that plays it."""
    t = ui.theme
    compact = scene.two_step  # the two-step layout packs choices a little tighter
    pad = ui.px(metrics.CHOICE_PAD if compact else 8)
    gap = ui.px(metrics.CHOICE_GAP if compact else 8)
    y = ui.begin_area(scene.choice_area, view) + ui.px(4)
    for choice in scene.view.choices:
        i = choice.index
        text = ui.render(choice.text.get(ui.lang), ui.body, t.text, cbox.w)
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
        if ui.add_target(key, rect, partial(scene.choose, i), choice.text.id):
            ui.focus_ring(rect)
        y = rect.bottom + gap
    ui.end_area(y - gap + ui.px(4))  # no gap after the last choice


# -- two steps (larger text) --------------------------------------------------------------
def draw_two_step(scene: PlayScene, ui: Ui) -> None:
    """A compact header (speaker, day, step), then the situation or the choices alone."""
    t, lang, view = ui.theme, ui.lang, scene.view
    staging.draw_backdrop(ui, scene.staged.place)
    title = scene.play.story.scenario.title.get(lang)
    top = ui.header(title, back=scene.back)
    stakes_shown = _stakes_in_header(scene, ui, title)
    scale = scene.app.settings.text_scale
    pad = ui.px(12)
    if scene.choices_shown:  # the header's Back returns to the text
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
    _button_bar(scene, ui, bar_y, box.x - pad, box.x + box.w + pad, not stakes_shown)


def _text_box(ui: Ui, area: pygame.Rect) -> metrics.Box:
    """Where a choice's text goes in a two-step area: after the number badge (as in
    metrics.choice_box, also when a long text made a normal-size page go two-step)."""
    return metrics.Box(area.x + ui.px(44), area.y, area.w - ui.px(56), area.h)


def _compact_row(scene: PlayScene, ui: Ui, y: int) -> int:
    """Portrait, name and role (the role shrinks, then wraps, never cut) on a band. The
    day, the deadline and the step sit in the button bar."""
    x, right = ui.px(28) - ui.px(12), ui.w - ui.px(16)
    size = ui.px(40)
    tx = x + size + ui.px(10)
    box = metrics.content_box(ui.size, scene.app.settings.text_scale)
    room = box.y - ui.px(12) - y  # what the text area below leaves for this row
    blocks = speaker_blocks(ui, scene.view.speaker, max(ui.px(40), right - tx), room)
    text_h = sum(b.get_height() for b in blocks)
    row_h = max(size, text_h)
    band = pygame.Rect(x - ui.px(6), y - ui.px(3), right - x + ui.px(12), row_h + ui.px(6))
    ui.panel(band)
    face = staging.portrait(ui.app, scene.play.story.scenario, scene.staged, (size, size))
    ui.surface.blit(face, (x, y + (row_h - size) // 2))
    ty = y + (row_h - text_h) // 2
    for block in blocks:
        ui.surface.blit(block, (tx, ty))
        ty += block.get_height()
    return y + row_h


def speaker_blocks(ui: Ui, speaker, width: int, height: int | None = None) -> list[pygame.Surface]:
    """Name and role within ``width`` (and ``height`` when given), never cut: on one line
    when they fit (the text a little smaller if that is enough), else the role on its own
    line, wrapped, both a size smaller at a time until they fit the height."""
    t = ui.theme
    name = speaker.name.get(ui.lang) if speaker else ui.tr("game_narrator")
    role = speaker.role.get(ui.lang) if speaker and speaker.role else ""
    if not role:
        return [ui.render(name, ui.small, t.text, width, "bold")]
    line = f"{name} · {role}"
    floor = max(10, round(ui.small * 0.8))
    for size in range(ui.small, floor - 1, -1):
        one = ui.render(line, size, t.text, 0, "bold")
        if one.get_width() <= width:
            return [one]
    blocks: list[pygame.Surface] = []
    for size in range(ui.small, 9, -1):
        blocks = [
            ui.render(name, size, t.text, width, "bold"),
            ui.render(role, size, t.muted, width),
        ]
        if height is None or sum(b.get_height() for b in blocks) <= height:
            break
    return blocks


def _info_line(scene: PlayScene, ui: Ui, with_stakes: bool) -> str:
    """The day, the deadline at stake (from the scenario's calendar) and the step."""
    view = scene.view
    parts = []
    if view.day is not None:
        parts.append(ui.tr("working_day", day=view.day))
    if view.deadline is not None:
        text, _ = calendar_status(ui, view.day or 0, view.deadline)
        label = view.deadline_label.get(ui.lang) if view.deadline_label else ""
        parts.append(" · ".join(p for p in (label, text) if p))
    if with_stakes and view.stakes is not None:
        parts.append(ui.tr("game_stakes_inline", what=view.stakes.get(ui.lang)))
    parts.append(ui.tr("game_step", n=view.step + 1, pct=round(view.progress * 100)))
    return " · ".join(parts)


def _button_bar(scene: PlayScene, ui: Ui, y: int, left: int, right: int, with_stakes: bool) -> None:
    h = ui.line(ui.body, "bold") + ui.px(14)
    y = min(y, ui.h - h - ui.px(8))
    buttons = []
    if scene.choices_shown:
        buttons.append(
            ("see-situation", ui.tr("play_back_to_situation"), scene.see_situation, "normal")
        )
    else:
        buttons.append(("see-choices", ui.tr("play_see_choices"), scene.see_choices, "primary"))
    x = right
    for key, label, action, kind in reversed(buttons):
        w = ui.button_width(label)
        x -= w
        ui.button(key, pygame.Rect(max(x, left), y, w, h), label, action, kind)
        x -= ui.px(10)
    _info_strip(scene, ui, pygame.Rect(left + ui.px(6), y, x - left - ui.px(12), h), with_stakes)


def _info_strip(scene: PlayScene, ui: Ui, rect: pygame.Rect, with_stakes: bool) -> None:
    """The day, what is at stake (the deadline) and the step, left of the buttons: one
    line, smaller if it must, wrapped if even that does not fit (never cut)."""
    t = ui.theme
    if rect.w < ui.px(40):
        return
    text = _info_line(scene, ui, with_stakes)
    size = ui.small
    floor = max(10, round(ui.small * 0.8))
    while size > floor and ui.render(text, size, t.text, 0, "bold").get_width() > rect.w:
        size -= 1
    block = ui.render(text, size, t.text, rect.w, "bold")
    back = block.get_rect(midleft=rect.midleft).inflate(ui.px(12), ui.px(6))
    ui.panel(back)
    ui.surface.blit(block, block.get_rect(midleft=rect.midleft))


def one_page_fits(scene: PlayScene, ui: Ui) -> bool:
    """Whether this View's situation and choices fit their one-page boxes (as lint measures)."""
    scale = scene.app.settings.text_scale
    sit = metrics.situation_box(ui.size, scale)
    if ui.text_height(scene.view.text.get(ui.lang), sit.w) > sit.h:
        return False
    cbox = metrics.choice_box(ui.size, scale, len(scene.view.choices))
    return all(ui.text_height(c.text.get(ui.lang), cbox.w) <= cbox.h for c in scene.view.choices)
