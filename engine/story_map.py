"""The story map: a scenario's nodes and choices as Graphviz DOT or Mermaid text.

Authors want to *see* the branching (Twine's map is its best-loved feature). Nodes carry a
short title, arrows the choice number, its score changes and its condition; endings are
coloured by tone. Both formats are plain text, so they can be committed, diffed, pasted
into a wiki (Mermaid) or drawn to PNG/SVG by Graphviz.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.model import Choice, Scenario

TONE_COLOURS = {"good": "#C8E6C9", "mixed": "#FFE0B2", "bad": "#FFCDD2"}
TONE_BORDERS = {"good": "#2E7D32", "mixed": "#EF6C00", "bad": "#C62828"}
LABEL_CHARS = 32


@dataclass(frozen=True)
class Edge:
    """One arrow: from a node to a node or ending, labelled for the map."""

    source: str
    target: str
    label: str
    conditional: bool


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[:limit]
    cut = head.rsplit(" ", 1)[0].rstrip() if " " in head else head[: limit - 1]
    return cut + "…"


def node_label(sc: Scenario, node_id: str, lang: str = "id") -> str:
    """The node's title, or the start of its text when it has none."""
    if node_id in sc.endings:
        return short(sc.endings[node_id].title.get(lang))
    node = sc.nodes[node_id]
    return short((node.title or node.text).get(lang))


def delta_text(choice: Choice) -> str:
    """Score changes as ``akuntabel +2, loyal -1`` (zero changes left out)."""
    return ", ".join(f"{v} {d:+d}" for v, d in choice.scores.items() if d)


def edges(sc: Scenario) -> list[Edge]:
    """Every choice as an arrow; the number is the choice's place in the node (from 1)."""
    found = []
    for nid, node in sc.nodes.items():
        for i, choice in enumerate(node.choices, start=1):
            parts = [str(i)]
            if deltas := delta_text(choice):
                parts.append(deltas)
            if choice.condition:
                parts.append(f"if {choice.condition}")
            found.append(Edge(nid, choice.next, "\n".join(parts), choice.condition is not None))
    return found


def _dot_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def to_dot(sc: Scenario, lang: str = "id") -> str:
    """Graphviz DOT: ``dot -Tpng map.dot -o map.png`` draws it."""
    lines = [
        f"digraph {_dot_quote(sc.id)} {{",
        "  rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fillcolor="#FFFFFF", fontname="Noto Sans"];',
        '  edge [fontname="Noto Sans", fontsize=10];',
        f"  label={_dot_quote(sc.title.get(lang))}; labelloc=t;",
    ]
    for nid in sc.nodes:
        extra = ', penwidth=2.5, fillcolor="#E3F2FD"' if nid == sc.start else ""
        lines.append(
            f"  {_dot_quote(nid)} [label={_dot_quote(f'{nid}: ' + node_label(sc, nid, lang))}"
            f"{extra}];"
        )
    for eid, ending in sc.endings.items():
        lines.append(
            f"  {_dot_quote(eid)} [label={_dot_quote(node_label(sc, eid, lang))}, "
            f'shape=doubleoctagon, fillcolor="{TONE_COLOURS[ending.tone]}", '
            f'color="{TONE_BORDERS[ending.tone]}"];'
        )
    for edge in edges(sc):
        style = ", style=dashed" if edge.conditional else ""
        lines.append(
            f"  {_dot_quote(edge.source)} -> {_dot_quote(edge.target)} "
            f"[label={_dot_quote(edge.label)}{style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    """Mermaid label text: markup characters as Mermaid entity codes, new lines as <br/>."""
    codes = {"#": "#35;", "&": "#38;", '"': "#quot;", "<": "#60;", ">": "#62;", "|": "#124;"}
    escaped = "".join(codes.get(ch, ch) for ch in text)
    return escaped.replace("\n", "<br/>")


def to_mermaid(sc: Scenario, lang: str = "id") -> str:
    """A Mermaid flowchart (GitHub, GitLab and many wikis draw it from a code block)."""
    ids = {name: f"n{i}" for i, name in enumerate([*sc.nodes, *sc.endings])}
    lines = ["flowchart TD"]
    for nid in sc.nodes:
        label = _mermaid_text(f"{nid}: {node_label(sc, nid, lang)}")
        lines.append(f'    {ids[nid]}["{label}"]')
    for eid in sc.endings:
        lines.append(f'    {ids[eid]}(["{_mermaid_text(node_label(sc, eid, lang))}"])')
    for edge in edges(sc):
        arrow = "-.->" if edge.conditional else "-->"
        lines.append(
            f'    {ids[edge.source]} {arrow}|"{_mermaid_text(edge.label)}"| {ids[edge.target]}'
        )
    for tone, fill in TONE_COLOURS.items():
        lines.append(f"    classDef {tone} fill:{fill},stroke:{TONE_BORDERS[tone]}")
    lines.append("    classDef start stroke-width:3px")
    lines.append(f"    class {ids[sc.start]} start")
    for tone in TONE_COLOURS:
        members = [ids[e] for e, ending in sc.endings.items() if ending.tone == tone]
        if members:
            lines.append(f"    class {','.join(members)} {tone}")
    return "\n".join(lines) + "\n"
