"""How a class voted, drawn on its debrief: a bar per option with its votes."""

from __future__ import annotations

import pygame

from game.widgets.ui import Ui


def draw_votes(ui: Ui, votes, choices, chosen: int, x: int, y: int, width: int, draw: bool) -> int:
    """How the class voted at one decision: a bar per choice with its hands and its text.

    ``votes`` is a VoteRecord (hands by the choice's index in the node), ``choices`` the
    texts of the node's choices in that order. With ``draw=False`` only measures.
    Returns the y below the chart.
    """
    t = ui.theme
    total = sum(votes.hands.values())
    head = ui.tr("class_votes", n=total)
    if votes.tie_broken:
        head += f" · {ui.tr('class_tie_broken')}"
    block = ui.render(head, ui.small, t.text, width, "bold")
    if draw:
        ui.surface.blit(block, (x, y))
    y += block.get_height() + ui.px(4)
    most = max(max(votes.hands.values(), default=0), 1)
    bar_w = min(width // 3, ui.px(180))
    for index, hands in sorted(votes.hands.items()):
        style = "bold" if index == chosen else "regular"
        text = choices[index].get(ui.lang) if index < len(choices) else str(index + 1)
        label = ui.render(f"{hands} · {text}", ui.small, t.text, width - bar_w - ui.px(10), style)
        if draw:
            bar = pygame.Rect(x, y + ui.px(3), max(ui.px(4), bar_w * hands // most), ui.px(12))
            pygame.draw.rect(ui.surface, t.track, (x, bar.y, bar_w, bar.h), border_radius=ui.px(6))
            color = t.good if index == chosen else t.accent
            pygame.draw.rect(ui.surface, color, bar, border_radius=ui.px(6))
            ui.surface.blit(label, (x + bar_w + ui.px(10), y))
        y += label.get_height() + ui.px(4)
    return y + ui.px(4)
