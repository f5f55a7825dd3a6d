"""The peer: the same story in ink, compiled by inkjs and run by bink (ink's Rust runtime).

Optional. Install with ``pip install -e .[bench]`` (bink) and, for the compiler,
``cd bench/ink && npm install`` (inkjs; or point ``INKJS_COMPILER`` at
``inkjs-compiler.js``). When either is missing the peer rows are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def unavailable() -> str | None:
    """Why the peer cannot run here, or None when it can."""
    try:
        import bink.story  # noqa: F401
    except ImportError:
        return "bink is not installed (pip install -e .[bench])"
    if shutil.which("node") is None:
        return "node is not installed (needed by the inkjs compiler)"
    if compiler() is None:
        return "the inkjs compiler is not installed (cd bench/ink && npm install)"
    return None


def compiler() -> Path | None:
    given = os.environ.get("INKJS_COMPILER")
    candidates = [Path(given)] if given else []
    candidates.append(HERE / "ink" / "node_modules" / "inkjs" / "bin" / "inkjs-compiler.js")
    return next((c for c in candidates if c.is_file()), None)


def _expr(condition: str) -> str:
    return condition  # the conditions used here (names, numbers, < >= ==, and/or/not) are ink too


def ink_source(data: dict[str, Any]) -> str:
    """The scenario ``data`` (as :mod:`engine.generate` makes it) written in ink: a knot per
    node, a choice per choice with its condition, its adds and score changes as variables."""
    values = sorted({v for n in data["nodes"].values() for c in n["choices"] for v in c["scores"]})
    variables = {**data.get("variables", {}), **{v: 0 for v in values}}
    lines = [f"VAR {name} = {str(value).lower()}" for name, value in variables.items()]
    lines.append(f"-> {data['start']}")
    for node_id, node in data["nodes"].items():
        lines += [f"=== {node_id} ===", node["text"]["id"]]
        for choice in node["choices"]:
            condition = f"{{{_expr(choice['if'])}}} " if "if" in choice else ""
            lines.append(f"* {condition}[{choice['text']['id']}]")
            for name, amount in {**choice.get("add", {}), **choice["scores"]}.items():
                lines.append(f"  ~ {name} += {amount}")
            for name, value in choice.get("set", {}).items():
                lines.append(f"  ~ {name} = {str(value).lower()}")
            lines.append(f"  -> {choice['next']}")
    for ending_id, ending in data["endings"].items():
        lines += [f"=== {ending_id} ===", ending["text"]["id"], "-> END"]
    return "\n".join(lines) + "\n"


def compile_ink(source: str, folder: Path) -> Path:
    """Compile ``source`` with inkjs into ``folder``; the path of the JSON."""
    ink = folder / "story.ink"
    out = folder / "story.json"
    ink.write_text(source, encoding="utf-8")
    compiler_path = compiler()
    if compiler_path is None:
        raise RuntimeError("the inkjs compiler is not installed")
    subprocess.run(
        ["node", str(compiler_path), str(ink), "-o", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out
