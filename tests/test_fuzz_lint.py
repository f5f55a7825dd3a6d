"""Fuzzing lint: generated scenarios, edited by a careless author, give only placed findings.

Lint runs the state exploration, reachability, dead ends, focus values, translations and the
text-fit measure over whatever loaded; a scenario that did not load yields its load problems.
The property for every generator: ``lint_library`` returns (no exception escapes), and every
finding is a :class:`Problem` naming a file, a line and a column, with a plain message.
Short profile by default; ``HYPOTHESIS_PROFILE=long`` for the long run (see conftest.py).
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from fuzz_strategies import FUZZ, plant_wrong_types
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.generate import generate_scenario
from engine.lint import lint_library
from engine.loader import load_library
from engine.problems import Problem
from game.text_fit import TextFit

FIT = TextFit()
CONDITION_TOKENS = [
    "diperiksa",
    "tahap",
    "hari_kerja",
    "tidak_ada",
    "not",
    "and",
    "or",
    ">",
    "<",
    ">=",
    "==",
    "!=",
    "(",
    ")",
    "0",
    "1",
    "30",
    "-5",
    "true",
    "false",
    "'teks'",
    "9" * 40,
]
# Bytes and nesting rarely get past the parser (test_fuzz_loader covers them in depth), so
# they get a quarter of the profile's examples; the generated trees get all of them.
FEW = settings(FUZZ, max_examples=max(10, settings.default.max_examples // 4))


def _lint(data: bytes, measured: bool = True) -> list[Problem]:
    """Lint ``data`` saved as a scenario file and check every finding is placed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        library = load_library([path])
        found = lint_library(library, FIT if measured else None)
        for problem in found:
            assert isinstance(problem, Problem)
            assert problem.path and problem.line >= 1 and problem.col >= 1, problem
            assert problem.level in ("error", "warning")
            assert problem.message.strip() and "Traceback" not in problem.message
        mine = [p for p in found if p.path.endswith("fuzz.yaml")]
        assert library.stories or mine, "a scenario that does not load must say why"
        return found


def _dump(tree: Any) -> bytes:
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode()


def _choices(tree: dict) -> list[dict]:
    return [c for node in tree["nodes"].values() for c in node["choices"]]


@st.composite
def edited_scenarios(draw: st.DrawFn) -> bytes:
    """A generated scenario with edits that mostly keep it loadable, so lint has work."""
    tree = generate_scenario(draw(st.integers(2, 25)), draw(st.integers(0, 10_000)))
    targets = [*tree["nodes"], *tree["endings"], "tidak_ada"]
    for _ in range(draw(st.integers(1, 8))):
        choice = draw(st.sampled_from(_choices(tree)))
        edit = draw(
            st.sampled_from(["next", "if", "drop_en", "huge", "scores", "days", "drop_node"])
        )
        if edit == "next":  # loops, dead ends, unreachable nodes, unknown targets
            choice["next"] = draw(st.sampled_from(targets))
        elif edit == "if":
            words = draw(st.lists(st.sampled_from(CONDITION_TOKENS), min_size=1, max_size=7))
            choice["if"] = " ".join(words)
        elif edit == "drop_en" and isinstance(choice["text"], dict):
            choice["text"] = choice["text"]["id"]
        elif edit == "huge":  # text that cannot fit the situation or choice box
            choice["text"] = {"id": "kata " * draw(st.integers(50, 3000)), "en": "word " * 60}
        elif edit == "scores":
            value = draw(st.sampled_from(sorted(choice["scores"]) or ["akuntabel"]))
            choice["scores"][value] = draw(st.integers(-(10**12), 10**12))
        elif edit == "days":
            choice["days"] = draw(st.integers(0, 400))
        elif len(tree["nodes"]) > 1:
            node = draw(st.sampled_from([n for n in tree["nodes"] if n != tree["start"]]))
            del tree["nodes"][node]
    return _dump(tree)


@st.composite
def planted_wrong_types(draw: st.DrawFn) -> bytes:
    tree = generate_scenario(draw(st.integers(2, 12)), draw(st.integers(0, 10_000)))
    plant_wrong_types(draw, tree, 3)
    return _dump(tree)


@st.composite
def text_edits(draw: st.DrawFn) -> bytes:
    """Characters inserted into or cut out of the saved text, as a hurried editor does."""
    text = _dump(generate_scenario(draw(st.integers(2, 8)), draw(st.integers(0, 999)))).decode()
    for _ in range(draw(st.integers(1, 5))):
        pos = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            piece = draw(st.sampled_from([": ", "- ", "\t", "{", "]", "&a ", "*a", "'", "\n  x"]))
            text = text[:pos] + piece + text[pos:]
        else:
            text = text[:pos] + text[pos + draw(st.integers(1, 30)) :]
    return text.encode()


@FUZZ
@given(edited_scenarios())
def test_lint_of_edited_generated_scenarios_gives_only_placed_findings(data: bytes) -> None:
    _lint(data)


@FEW
@given(planted_wrong_types())
def test_lint_of_wrong_types_anywhere_gives_only_placed_findings(data: bytes) -> None:
    _lint(data, measured=False)


@FEW
@given(text_edits())
def test_lint_of_text_edits_gives_only_placed_findings(data: bytes) -> None:
    _lint(data, measured=False)


@FEW
@given(st.binary(max_size=1500))
def test_lint_of_random_bytes_gives_only_placed_findings(data: bytes) -> None:
    _lint(data, measured=False)


@FEW
@given(st.integers(1, 400), st.sampled_from(["[", "{", "- ", "a:\n "]))
def test_lint_of_deep_nesting_gives_only_placed_findings(depth: int, opener: str) -> None:
    _lint((opener * depth + "x").encode(), measured=False)


def test_the_fuzzer_reaches_lint_warnings_not_only_load_errors() -> None:
    """A sanity check on the generator: an unreachable node is found by lint itself."""
    tree = generate_scenario(6, 3)
    tree["nodes"]["yatim"] = copy.deepcopy(tree["nodes"]["n1"])
    found = _lint(_dump(tree))
    assert any(p.level == "warning" and "yatim" in p.message for p in found), found
