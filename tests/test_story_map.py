"""The story map: DOT that Graphviz accepts, Mermaid that is well formed, PNG via the CLI."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli.commands import graph as graph_command
from engine.library import Library
from engine.loader import load_library
from engine.model import Scenario
from engine.story_map import edges, short, to_dot, to_mermaid

FIXTURES = Path(__file__).parent / "fixtures"
DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(
    DOT is None and os.environ.get("CI") != "true",
    reason="Graphviz is not installed here (CI installs it, so this never skips there)",
)


def scenarios(library: Library) -> list[Scenario]:
    extra = load_library([FIXTURES / "analysis" / "branching.yaml"]).stories.values()
    return [s.scenario for s in [*library.stories.values(), *extra]]


@needs_dot
def test_graphviz_accepts_the_dot_of_every_scenario(library: Library) -> None:
    assert DOT is not None, "CI must install graphviz"
    for sc in scenarios(library):
        for lang in ("id", "en"):
            done = subprocess.run(
                [DOT, "-Tsvg"], input=to_dot(sc, lang), capture_output=True, text=True, timeout=60
            )
            assert done.returncode == 0, (sc.id, done.stderr)
            assert "<svg" in done.stdout
            for nid in [*sc.nodes, *sc.endings]:
                assert f"<title>{nid}</title>" in done.stdout


def test_dot_labels_and_styles() -> None:
    sc = (
        load_library([FIXTURES / "analysis" / "branching.yaml"])
        .stories["analysis-branching"]
        .scenario
    )
    dot = to_dot(sc)
    assert '"a" -> "b" [label="1\\nakuntabel +2, kolaboratif +1"];' in dot
    assert '"b" -> "selesai" [label="3\\nkolaboratif +3\\nif bantu >= 1", style=dashed];' in dot
    assert '"telat" [label="Telat", shape=doubleoctagon, fillcolor="#FFCDD2"' in dot
    assert '"a" [label="a: Mulai.", penwidth=2.5' in dot  # the start stands out


MERMAID_LINE = re.compile(
    r"^    (?:"
    r'n\d+\["[^"\n]*"\]'  # a node
    r'|n\d+\(\["[^"\n]*"\]\)'  # an ending (stadium shape)
    r'|n\d+ (?:-->|-\.->)\|"[^"|\n]*"\| n\d+'  # a labelled arrow
    r"|classDef \w+ [\w:#,-]+"
    r"|class n\d+(?:,n\d+)* \w+"
    r")$"
)


def check_mermaid(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    defined: set[str] = set()
    used: set[str] = set()
    for line in lines[1:]:
        assert MERMAID_LINE.match(line), f"malformed Mermaid line: {line!r}"
        ids = re.findall(r"\bn\d+\b", line)
        if line.lstrip().startswith(("n",)) and ("[" in line.split("|")[0]):
            defined.add(ids[0])
        else:
            used.update(ids)
    assert used <= defined


def test_mermaid_is_well_formed_for_every_scenario(library: Library) -> None:
    for sc in scenarios(library):
        text = to_mermaid(sc, "en")
        check_mermaid(text)
        assert text.count("-->") + text.count("-.->") == len(edges(sc))


def test_mermaid_escapes_what_would_break_it() -> None:
    sc = (
        load_library([FIXTURES / "analysis" / "branching.yaml"])
        .stories["analysis-branching"]
        .scenario
    )
    text = to_mermaid(sc)
    assert "if hari_kerja #62; 30 and not dilaporkan" in text
    check_mermaid(text)
    bad = sc.model_copy(
        update={"title": sc.title, "nodes": {**sc.nodes}}  # frozen: a copy to vary labels
    )
    node = bad.nodes["a"].model_copy(
        update={"title": sc.title.model_copy(update={"id": 'a "b" | <c>'})}
    )
    bad = bad.model_copy(update={"nodes": {**bad.nodes, "a": node}})
    check_mermaid(to_mermaid(bad))
    assert "a #quot;b#quot; #124; #60;c#62;" in to_mermaid(bad)


def test_short_labels_cut_at_a_word() -> None:
    assert short("Anda menerima parsel") == "Anda menerima parsel"
    assert short("satu dua tiga empat lima enam tujuh delapan", 20) == "satu dua tiga empat…"


def run_graph(tmp_path: Path, fmt: str) -> tuple[int, Path]:
    out = tmp_path / f"map.{fmt}"
    args = argparse.Namespace(
        scenario=str(FIXTURES / "good" / "mini.yaml"), format=fmt, output=str(out), lang="id"
    )
    return graph_command.run(args), out


@needs_dot
def test_png_is_drawn_by_graphviz(tmp_path: Path) -> None:
    code, out = run_graph(tmp_path, "png")
    assert code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_without_graphviz_says_how_to_get_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(graph_command.shutil, "which", lambda _name: None)
    code, out = run_graph(tmp_path, "png")
    assert code == 1 and not out.exists()
    assert "Graphviz" in capsys.readouterr().err


def test_dot_and_mermaid_files_are_written(tmp_path: Path) -> None:
    for fmt, first in (("dot", 'digraph "mini" {'), ("mermaid", "flowchart TD")):
        code, out = run_graph(tmp_path, fmt)
        assert code == 0
        assert out.read_text(encoding="utf-8").splitlines()[0] == first
