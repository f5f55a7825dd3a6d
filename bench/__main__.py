"""``python -m bench``: one table of medians, each against its target and a same-run baseline.

Options: ``--quick`` (fewer repeats), ``--only engine|game|process|classroom|lrs`` (one group
of rows; the LRS rows need Ralph's venv, see bench/lrs_bench.py).
The load average is printed with the table: on a busy machine every figure is slower.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from bench.engine_bench import Row, engine_rows

RSS_TARGET_MB = 120.0
STARTUP_TARGET_MS = 1000.0  # ours: the title is up before a participant wonders
FRAME_TARGET_MS = 1.0
REDRAW_TARGET_MS = 1000 / 60  # a redraw after input still fits a 60 Hz frame


def game_rows() -> list[Row]:
    from bench.game_frames import empty_frame_ms, scene_figures

    figures = scene_figures()
    empty = empty_frame_ms()
    rows = []
    for f in figures:
        rows.append(
            Row(
                f"frame: {f.scene} (steady, 1920x1080)",
                f.median_ms,
                "ms",
                f"<= {FRAME_TARGET_MS:g} ms",
                f.median_ms <= FRAME_TARGET_MS,
                "empty frame (fill + flip)",
                empty,
            )
        )
    for f in figures:
        rows.append(
            Row(
                f"redraw: {f.scene} (after input)",
                f.redraw_ms,
                "ms",
                f"<= {REDRAW_TARGET_MS:.1f} ms",
                f.redraw_ms <= REDRAW_TARGET_MS,
                "empty frame (fill + flip)",
                empty,
            )
        )
    steady = sum(f.steady_renders for f in figures)
    first = sum(f.first_renders for f in figures)
    rows.append(
        Row(
            f"text renders, {len(figures)} scenes x (300 steady + 100 redraws)",
            steady,
            "renders",
            "= 0",
            steady == 0,
            "renders on entering the scenes",
            first,
        )
    )
    return rows


def process_rows(repeats: int) -> list[Row]:
    from bench.process_bench import peak_rss_mb, startup_seconds

    game, bare = startup_seconds(repeats)
    rss, bare_rss, stories = peak_rss_mb(max(3, repeats // 2))
    return [
        Row(
            "process start to first frame",
            game * 1000,
            "ms",
            f"<= {STARTUP_TARGET_MS:g} ms",
            game * 1000 <= STARTUP_TARGET_MS,
            "bare pygame set_mode + flip",
            bare * 1000,
        ),
        Row(
            f"peak RSS, {stories} scenarios loaded + first frame",
            rss,
            "MB",
            f"<= {RSS_TARGET_MB:g} MB",
            rss <= RSS_TARGET_MB,
            "python + pygame, pydantic, yaml",
            bare_rss,
        ),
    ]


def _fmt(x: float) -> str:
    if math.isnan(x):
        return "-"
    if x == int(x):
        return f"{int(x)}"
    return f"{x:.3f}" if abs(x) < 10 else f"{x:.1f}"


def table(rows: list[Row]) -> str:
    head = ("figure", "median", "unit", "target", "met", "baseline", "base", "ratio")
    body = [
        (
            r.name,
            _fmt(r.value),
            r.unit,
            r.target,
            "yes" if r.met else "NO",
            r.baseline_name,
            _fmt(r.baseline),
            f"{r.ratio:.2f}x" if r.baseline else "-",
        )
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in [head, *body]) for i in range(len(head))]
    right = {1, 6, 7}

    def fmt(line: tuple) -> str:
        cells = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([fmt(head), rule, *(fmt(line) for line in body)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--only", choices=["engine", "game", "process", "classroom", "lrs"])
    args = parser.parse_args(argv)
    repeats = 3 if args.quick else 7
    rows: list[Row] = []
    if args.only in (None, "engine"):
        rows += engine_rows(repeats)
    if args.only in (None, "game"):
        rows += game_rows()
    if args.only in (None, "process"):
        rows += process_rows(repeats)
    if args.only in (None, "classroom"):
        from bench.classroom_bench import classroom_rows

        rows += classroom_rows(repeats)
    if args.only in (None, "lrs"):
        from bench.lrs_bench import lrs_rows

        rows += lrs_rows()  # none, with the reason printed, when Ralph is not installed
    print(table(rows))
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    missed = [r.name for r in rows if not r.met]
    print("all targets met" if not missed else f"missed: {', '.join(missed)}")
    return 0 if not missed else 1


if __name__ == "__main__":
    sys.exit(main())
