"""Large valid scenarios made up on demand, to measure the engine and the authoring tools.

The data is deterministic for a seed, uses the shipped value ids and behaviour-guide ids
(so it validates against the shipped values file), and exercises what real scenarios use:
variables set and added to, conditions, the day counter, several endings. Every node is
reachable and every node can still reach an ending, so lint has nothing to say about it.
"""

from __future__ import annotations

import random
from typing import Any

VALUE_IDS = (
    "berorientasi_pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "loyal",
    "adaptif",
    "kolaboratif",
)
GUIDES = tuple(f"{short}-{n}" for short in ("akuntabel", "kompeten", "loyal") for n in (1, 2, 3))
TONES = ("good", "mixed", "bad")


def _text(kind: str, number: int) -> dict[str, str]:
    return {"id": f"{kind} nomor {number}.", "en": f"{kind} number {number}."}


def _choice(rng: random.Random, node: int, target: str, first: bool) -> dict[str, Any]:
    picked = rng.sample(VALUE_IDS, 2)
    choice: dict[str, Any] = {
        "text": _text("Pilihan", node),
        "scores": {picked[0]: rng.randint(1, 3), picked[1]: rng.randint(-2, -1)},
        "feedback": _text("Umpan balik", node),
        "rules": [rng.choice(GUIDES)],
        "next": target,
    }
    roll = rng.random()
    if roll < 0.15:
        choice["set"] = {"diperiksa": True}
    elif roll < 0.25:
        choice["set"] = {"tahap": rng.randint(0, 2)}
    if not first and rng.random() < 0.3:
        choice["if"] = rng.choice(
            ["not diperiksa", "tahap >= 1", "diperiksa or tahap == 2", "hari_kerja <= 5"]
        )
    return choice


def _header(scenario_id: str, title: str, nodes: int) -> dict[str, Any]:
    """The metadata every generated scenario shares (id, title, focus, author...)."""
    return {
        "id": scenario_id,
        "title": _text(title, nodes),
        "summary": _text("Ringkasan", nodes),
        "focus_values": list(VALUE_IDS[:3]),
        "minutes": 240,
        "audience": _text("Penguji", 1),
        "author": "engine.generate",
        "version": "1",
    }


def generate_scenario(nodes: int, seed: int) -> dict[str, Any]:
    """Scenario data with ``nodes`` decision nodes laid out as a layered, loop-free graph.

    Node ``i`` always leads on to node ``i + 1`` with its first (unconditional) choice, so
    all nodes are reachable; other choices jump a little further ahead or end the story.
    """
    if nodes < 1:
        raise ValueError("a scenario needs at least one node")
    rng = random.Random(seed)
    endings = {
        f"akhir_{t}": {"title": _text("Akhir", i), "text": _text("Akhir", i), "tone": t}
        for i, t in enumerate(TONES)
    }
    ending_ids = list(endings)
    graph: dict[str, Any] = {}
    for i in range(nodes):
        targets = [f"n{i + 1}" if i + 1 < nodes else rng.choice(ending_ids)]
        for _ in range(rng.randint(1, 2)):
            jump = i + rng.randint(2, 6)
            targets.append(f"n{jump}" if jump < nodes else rng.choice(ending_ids))
        graph[f"n{i}"] = {
            "title": _text("Simpul", i),
            "text": _text("Situasi", i),
            "choices": [_choice(rng, i, t, first=(k == 0)) for k, t in enumerate(targets)],
        }
    # Days pass only at the start: a day count per path would multiply the states by the
    # number of distinct totals, which is realistic for 10 nodes but not for 1000.
    for k, choice in enumerate(graph["n0"]["choices"]):
        choice["days"] = k * 5
    return {
        **_header(f"generated-{nodes}-{seed}", "Skenario buatan", nodes),
        "variables": {"diperiksa": False, "tahap": 0},
        "calendar": {"start": 1, "deadline": 30},
        "start": "n0",
        "nodes": graph,
        "endings": endings,
    }


def generate_counter_scenario(nodes: int) -> dict[str, Any]:
    """A chain of ``nodes`` nodes where each choice adds 1 or 2 to a counter ``poin`` and the
    second choice is open only while the counter is below a bar: the counter is read at every
    node, so exact state enumeration grows with nodes squared (the benchmark's shape).
    """
    if nodes < 1:
        raise ValueError("a scenario needs at least one node")
    graph: dict[str, Any] = {}
    for i in range(nodes):
        target = f"n{i + 1}" if i + 1 < nodes else "akhir_good"
        guide = GUIDES[i % len(GUIDES)]
        graph[f"n{i}"] = {
            "text": _text("Situasi", i),
            "choices": [
                {
                    "text": _text("Satu langkah", i),
                    "add": {"poin": 1},
                    "scores": {VALUE_IDS[i % 7]: 1, VALUE_IDS[(i + 3) % 7]: -1},
                    "feedback": _text("Umpan balik", i),
                    "rules": [guide],
                    "next": target if i % 100 != 99 else "akhir_mixed",
                },
                {
                    "text": _text("Dua langkah", i),
                    "if": f"poin < {i + i // 2 + 1}",
                    "add": {"poin": 2},
                    "scores": {VALUE_IDS[(i + 1) % 7]: 2, VALUE_IDS[(i + 5) % 7]: -1},
                    "feedback": _text("Umpan balik", i),
                    "rules": [guide],
                    "next": target,
                },
            ],
        }
    return {
        **_header(f"counter-{nodes}", "Skenario penghitung", nodes),
        "variables": {"poin": 0},
        "start": "n0",
        "nodes": graph,
        "endings": {
            f"akhir_{t}": {"title": _text("Akhir", i), "text": _text("Akhir", i), "tone": t}
            for i, t in enumerate(TONES)
        },
    }
