"""The path map: the scenario's whole story graph, the player's path through it, and (once
the play has ended) the highest-scoring path, to compare where each choice led.

The rows and places come from :func:`engine.story_layout.layered`; this scene only draws
them in map units under a camera: arrows or a drag move it, +/- or the wheel zoom (in
steps, so that each text size is rendered once), 0 shows the whole map.
"""

from __future__ import annotations

import pygame

from engine.outlook import outlook
from engine.play import Play
from engine.story_layout import MapLayout, layered
from engine.story_map import node_label
from game.scenes.base import Scene
from game.theme import tone_color
from game.widgets.ui import Ui

BOX_W, BOX_H = 180, 70  # a node in map units (1 unit = 1 px at zoom 1 on a 576-high window)
GAP_X, GAP_Y = 40, 60
ZOOM_STEP = 1.2
ZOOM_MIN, ZOOM_MAX = -6, 4  # zoom = ZOOM_STEP ** k
PAN_PX = 80


class PathMapScene(Scene):
    name = "path_map"

    def __init__(self, app, play: Play) -> None:
        super().__init__(app)
        self.story = play.story
        self.layout_data: MapLayout = layered(self.story.scenario)
        self.path_edges = self._taken(play)
        self.path_nodes = {s for s, _ in self.path_edges} | {t for _, t in self.path_edges}
        self.best_edges: set[tuple[str, str]] = set()
        if play.finished:  # after the end only: during a play it would give the game away
            self.best_edges = self._best()
        self.zoom_k: int | None = None  # fitted on the first layout
        self.pan = [0.0, 0.0]  # screen offset of map point (0, 0)
        self.view = pygame.Rect(0, 0, 0, 0)
        self._drag: tuple[int, int] | None = None
        self.unit = 1.0  # pixels per map unit at zoom 1 (the window's layout unit)
        self.box_h = BOX_H  # taller with the text-size setting, so labels keep their lines
        self.focus_key = "back"

    # -- data --------------------------------------------------------------------------
    def _taken(self, play: Play) -> set[tuple[str, str]]:
        """The player's arrows: (node, node-or-ending) for every decision taken."""
        sc = self.story.scenario
        taken = set()
        for decision in play.history:
            node = sc.nodes.get(decision.node)
            if node is not None and 0 <= decision.choice < len(node.choices):
                taken.add((decision.node, node.choices[decision.choice].next))
        return taken

    def _best(self) -> set[tuple[str, str]]:
        """The arrows of the best-scoring path (the best ending's, when several tie)."""
        look = outlook(self.story)
        if not look.best_paths:
            return set()
        rank = {"good": 0, "mixed": 1, "bad": 2}
        ending = min(look.best_paths, key=lambda e: (rank[look.tones[e]], e))
        sc = self.story.scenario
        return {(n, sc.nodes[n].choices[i].next) for n, i in look.best_paths[ending]}

    # -- camera ------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return ZOOM_STEP ** (self.zoom_k or 0)

    def _size(self) -> tuple[int, int]:
        lay = self.layout_data
        return (
            lay.width * (BOX_W + GAP_X) - GAP_X,
            len(lay.layers) * (self.box_h + GAP_Y) - GAP_Y,
        )

    def fit(self, whole: bool = True) -> None:
        """The whole map in the window; or (``whole=False``, on opening) the map's full
        width at no more than actual size, from the start at the top: readable labels."""
        u = self.unit
        w, h = self._size()
        k = ZOOM_MAX if whole else 0
        while k > ZOOM_MIN and (
            w * u * ZOOM_STEP**k > self.view.w or (whole and h * u * ZOOM_STEP**k > self.view.h)
        ):
            k -= 1
        self.zoom_k = k
        scale = u * self.zoom
        self.pan = [
            self.view.x + (self.view.w - w * scale) / 2,
            self.view.y + max(u * 10, (self.view.h - h * scale) / 2),
        ]

    def zoom_by(self, step: int, at: tuple[int, int] | None = None) -> None:
        """Zoom one step in or out, keeping the map point under ``at`` (or the centre) still."""
        old = self.zoom
        self.zoom_k = max(ZOOM_MIN, min(ZOOM_MAX, (self.zoom_k or 0) + step))
        cx, cy = at or self.view.center
        k = self.zoom / old
        self.pan = [cx - (cx - self.pan[0]) * k, cy - (cy - self.pan[1]) * k]

    def move(self, dx: float, dy: float) -> None:
        self.pan = [self.pan[0] + dx, self.pan[1] + dy]

    # -- events ------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.zoom_by(1 if event.y > 0 else -1, pygame.mouse.get_pos())
        elif (
            event.type == pygame.MOUSEBUTTONDOWN
            and event.button == 1
            and self.hit(event.pos) is None
            and self.view.collidepoint(event.pos)
        ):
            self._drag = event.pos
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            self._drag = None
        elif event.type == pygame.MOUSEMOTION and self._drag is not None:
            self.move(event.pos[0] - self._drag[0], event.pos[1] - self._drag[1])
            self._drag = event.pos
        else:
            super().handle(event)

    def key(self, event: pygame.event.Event) -> None:
        k, step = event.key, self.app.ui_px(PAN_PX)
        moves = {
            pygame.K_LEFT: (step, 0),
            pygame.K_RIGHT: (-step, 0),
            pygame.K_UP: (0, step),
            pygame.K_DOWN: (0, -step),
            pygame.K_PAGEUP: (0, self.view.h * 0.8),
            pygame.K_PAGEDOWN: (0, -self.view.h * 0.8),
        }
        if k in moves:
            self.move(*moves[k])
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.zoom_by(1)
        elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.zoom_by(-1)
        elif k in (pygame.K_0, pygame.K_KP0, pygame.K_HOME):
            self.fit()
        else:
            super().key(event)

    # -- frame -------------------------------------------------------------------------
    def layout(self, ui: Ui) -> None:
        """The map's viewport below the header and the legend; fitted when it changes size."""
        title = ui.tr("path_map_title", title=self.story.scenario.title.get(ui.lang))
        top = ui.header_height(title, back=True)
        legend = ui.line(ui.small) + ui.text_height(
            ui.tr("path_map_keys"), ui.w - ui.px(32), ui.small
        )
        view = pygame.Rect(0, top + legend + ui.px(14), ui.w, 0)
        view.h = ui.h - view.y
        self.unit = ui.u
        self.box_h = round(BOX_H * self.app.settings.text_scale)
        if view.size != self.view.size or self.zoom_k is None:
            self.view = view
            self.fit(whole=False)
        self.view = view

    def node_rect(self, node_id: str) -> pygame.Rect:
        """Where ``node_id`` is drawn on screen at the current camera."""
        lay = self.layout_data
        placed = lay.nodes[node_id]
        row = lay.layers[placed.layer]
        scale = self.unit * self.zoom
        total = lay.width * (BOX_W + GAP_X) - GAP_X
        row_w = len(row) * (BOX_W + GAP_X) - GAP_X
        mx = (total - row_w) / 2 + placed.order * (BOX_W + GAP_X)
        my = placed.layer * (self.box_h + GAP_Y)
        return pygame.Rect(
            round(self.pan[0] + mx * scale),
            round(self.pan[1] + my * scale),
            max(4, round(BOX_W * scale)),
            max(4, round(self.box_h * scale)),
        )

    def draw(self, ui: Ui) -> None:
        t = ui.theme
        top = ui.header(
            ui.tr("path_map_title", title=self.story.scenario.title.get(ui.lang)), back=self.back
        )
        self._legend(ui, top + ui.px(6))
        rects = {n: self.node_rect(n) for n in self.layout_data.nodes}
        ui.surface.set_clip(self.view)
        width = max(1, round(2 * self.zoom))
        for edge in self.layout_data.edges:
            pair = (edge.source, edge.target)
            a, b = rects[edge.source], rects[edge.target]
            if not (self.view.colliderect(a.union(b))):
                continue
            if pair in self.path_edges:
                color, w = t.accent, max(3, round(5 * self.zoom))
            else:
                color, w = t.border, width
            self._arrow(ui, a, b, color, w, pair in self.layout_data.back)
            if pair in self.best_edges:  # beside the player's line, so both stay visible
                best_w = max(2, round(3 * self.zoom))
                self._arrow(ui, a, b, t.good, best_w, False, dashed=True, shift=w + best_w)
        for node_id, rect in rects.items():
            if self.view.colliderect(rect):
                self._box(ui, node_id, rect)
        ui.surface.set_clip(None)

    def _legend(self, ui: Ui, y: int) -> None:
        t = ui.theme
        x = ui.px(16)
        items = [(t.accent, ui.tr("path_map_yours"), False)]
        if self.best_edges:
            items.append((t.good, ui.tr("path_map_best"), True))
        for color, label, dashed in items:
            mid = y + ui.line(ui.small) // 2
            self._line(ui, (x, mid), (x + ui.px(36), mid), color, ui.px(4), dashed)
            x = ui.text(label, x + ui.px(44), y, ui.small, t.text, 0, "bold").right + ui.px(24)
        ui.text(
            ui.tr("path_map_keys"),
            ui.px(16),
            y + ui.line(ui.small) + ui.px(2),
            ui.small,
            t.muted,
            ui.w - ui.px(32),
        )

    def _box(self, ui: Ui, node_id: str, rect: pygame.Rect) -> None:
        t, sc = ui.theme, self.story.scenario
        ending = sc.endings.get(node_id)
        fill = t.panel if ending is None else tone_color(t, ending.tone)
        on_path = node_id in self.path_nodes
        pygame.draw.rect(ui.surface, fill, rect, border_radius=max(2, rect.h // 6))
        border = t.accent if on_path else t.border
        pygame.draw.rect(
            ui.surface,
            border,
            rect,
            max(1, round((4 if on_path else 1) * self.zoom)),
            border_radius=max(2, rect.h // 6),
        )
        size = round(ui.small * self.zoom)
        if size < 8:
            return
        color = t.text if ending is None else (255, 255, 255)
        label = node_label(sc, node_id, ui.lang)
        pad = max(2, rect.h // 10)
        style = "bold" if on_path else "regular"
        block = ui.render(label, size, color, rect.w - 2 * pad, style, pygame.FONT_CENTER)
        area = rect.inflate(-2 * pad, -2 * pad)
        ui.surface.set_clip(area.clip(self.view))
        ui.surface.blit(block, block.get_rect(center=area.center))
        ui.surface.set_clip(self.view)

    def _arrow(
        self, ui, a, b, color, width, back: bool, dashed: bool = False, shift: int = 0
    ) -> None:
        """From the bottom of ``a`` to the top of ``b`` (moved ``shift`` px sideways); a
        loop goes back up beside them."""
        if shift and not back:
            v = pygame.math.Vector2(b.midtop) - pygame.math.Vector2(a.midbottom)
            if v.length() >= 1:
                off = v.rotate(90)
                off.scale_to_length(shift)
                start = pygame.math.Vector2(a.midbottom) + off
                end = pygame.math.Vector2(b.midtop) + off
                self._line(ui, start, end, color, width, dashed)
                self._head(ui, start, end, color, max(6, width * 3))
                return
        if back:
            start, end = a.midright, b.midright
            bend = (max(a.right, b.right) + a.w // 4, (start[1] + end[1]) // 2)
            self._line(ui, start, bend, color, width, dashed)
            self._line(ui, bend, end, color, width, dashed)
            tip, frm = end, bend
        else:
            start, end = a.midbottom, b.midtop
            self._line(ui, start, end, color, width, dashed)
            tip, frm = end, start
        self._head(ui, frm, tip, color, max(6, width * 3))

    @staticmethod
    def _line(ui, a, b, color, width, dashed: bool) -> None:
        if not dashed:
            pygame.draw.line(ui.surface, color, a, b, width)
            return
        v = pygame.math.Vector2(b) - pygame.math.Vector2(a)
        length = v.length()
        if length < 1:
            return
        step = v / length
        dash = max(6, width * 3)
        d = 0.0
        while d < length:
            p = pygame.math.Vector2(a) + step * d
            q = pygame.math.Vector2(a) + step * min(length, d + dash)
            pygame.draw.line(ui.surface, color, p, q, width)
            d += dash * 2

    @staticmethod
    def _head(ui, frm, tip, color, size) -> None:
        v = pygame.math.Vector2(tip) - pygame.math.Vector2(frm)
        if v.length() < 1:
            return
        v.scale_to_length(size)
        left = pygame.math.Vector2(tip) - v + v.rotate(90) * 0.5
        right = pygame.math.Vector2(tip) - v - v.rotate(90) * 0.5
        pygame.draw.polygon(ui.surface, color, [tip, left, right])
