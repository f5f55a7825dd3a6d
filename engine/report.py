"""The facilitator report: the records as CSV, the numbers behind the chart, and a summary.

Everything is computed here, without pygame, so the CLI (``python main.py report``), the
in-game report screen and the tests read the same numbers::

    report = build_report(records, library, group="LATSAR-7", scenario=None, since=None)
    report.profile       # ValueAverage per value: mean score and mean position in range
    report.distribution  # NodeDistribution per decision point: how often each choice was made
    write_csv(report, out_dir)          # sessions.csv, decisions.csv
    summary_lines(report, lang)         # a few lines of text

The chart itself is drawn by game/report_chart.py from ``report.profile`` and
``report.distribution``.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from engine.library import Library, Story
from engine.record_types import DecisionRecord, SessionRecord
from engine.records import Records
from engine.text import LocalText
from engine.ui_text import tr

SESSION_COLUMNS = (
    "session_id",
    "session_uid",
    "player",
    "nip",
    "group",
    "mode",
    "programme",
    "scenario",
    "scenario_version",
    "started_at",
    "finished_at",
    "status",
    "ending",
    "decisions",
)
DECISION_COLUMNS = (
    "session_id",
    "player",
    "group",
    "mode",
    "scenario",
    "step",
    "node",
    "choice_index",
    "choice_text",
    "day",
    "chosen_at",
    "votes",
    "tie_broken",
    "named_votes",
)


@dataclass(frozen=True)
class ValueAverage:
    """One value over the finished sessions: mean score, and mean position in the range (0..1).

    Positions compare sessions of different scenarios fairly; ``positioned`` counts the
    sessions where the value could change at all.
    """

    value_id: str
    name: LocalText
    color: str
    mean_score: float | None
    mean_position: float | None
    positioned: int


@dataclass(frozen=True)
class NodeDistribution:
    """How often each choice (by index in the node) was taken at one decision point."""

    scenario_id: str
    node_id: str
    label: LocalText
    choices: tuple[LocalText, ...]
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Report:
    sessions: tuple[SessionRecord, ...]
    decisions: dict[int, list[DecisionRecord]]
    value_ids: tuple[str, ...]
    profile: tuple[ValueAverage, ...]
    distribution: tuple[NodeDistribution, ...]
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def finished(self) -> tuple[SessionRecord, ...]:
        return tuple(s for s in self.sessions if s.finished)


def parse_since(text: str) -> str:
    """A date or date-time (local time if no zone) as the records' UTC text, for filtering."""
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"--since needs a date such as 2025-05-01, not {text!r}") from None
    if when.tzinfo is None:
        when = when.astimezone()  # the facilitator's local time
    utc = when.astimezone(dt.timezone.utc)
    return utc.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build_report(
    records: Records,
    library: Library,
    *,
    group: str | None = None,
    scenario: str | None = None,
    since: str | None = None,
    programme: str | None = None,
) -> Report:
    """The sessions matching the filters, with their decisions and the chart's numbers."""
    sessions = tuple(
        s
        for s in records.sessions(
            group=group, scenario=scenario, since=parse_since(since) if since else None
        )
        if programme is None or s.programme_id == programme
    )
    decisions = {s.id: records.decisions(s.id) for s in sessions}
    filters = {"group": group, "scenario": scenario, "since": since, "programme": programme}
    return assemble(library, sessions, decisions, filters)


def assemble(
    library: Library,
    sessions: tuple[SessionRecord, ...],
    decisions: dict[int, list[DecisionRecord]],
    filters: dict[str, str | None],
) -> Report:
    """A report from sessions and decisions, wherever they were read (records or an LRS)."""
    return Report(
        sessions,
        decisions,
        library.value_ids,
        _profile(library, sessions),
        _distribution(library, sessions, decisions),
        {k: v for k, v in filters.items() if v},
    )


def _story(library: Library, record: SessionRecord) -> Story | None:
    """The loaded story a record was played on, if its version is still the same."""
    story = library.stories.get(record.scenario_id)
    if story is None or story.scenario.version != record.scenario_version:
        return None
    return story


def _profile(library: Library, sessions: tuple[SessionRecord, ...]) -> tuple[ValueAverage, ...]:
    finished = [s for s in sessions if s.finished and s.scores is not None]
    out = []
    for value in library.values:
        scores = [s.scores.get(value.id, 0) for s in finished if s.scores is not None]
        positions = []
        for record in finished:
            story = _story(library, record)
            if story is None or record.scores is None:
                continue
            low, high = story.reach.range(value.id)
            if low != high and math.isfinite(high - low):  # approximate bounds may be open
                positions.append((record.scores.get(value.id, 0) - low) / (high - low))
        out.append(
            ValueAverage(
                value.id,
                value.name,
                value.color,
                sum(scores) / len(scores) if scores else None,
                sum(positions) / len(positions) if positions else None,
                len(positions),
            )
        )
    return tuple(out)


def _distribution(
    library: Library,
    sessions: tuple[SessionRecord, ...],
    decisions: dict[int, list[DecisionRecord]],
) -> tuple[NodeDistribution, ...]:
    counts: dict[tuple[str, str], Counter[int]] = {}
    for record in sessions:
        for d in decisions[record.id]:
            counts.setdefault((record.scenario_id, d.node), Counter())[d.choice] += 1
    out = []
    for (scenario_id, node_id), counter in counts.items():
        story = library.stories.get(scenario_id)
        node = story.scenario.nodes.get(node_id) if story else None
        if node is not None and max(counter) < len(node.choices):
            label = node.title or LocalText(id=node_id)
            texts = tuple(c.text for c in node.choices)
        else:
            label = LocalText(id=node_id)
            texts = tuple(LocalText(id=str(i + 1)) for i in range(max(counter) + 1))
        row = tuple(counter.get(i, 0) for i in range(len(texts)))
        out.append(NodeDistribution(scenario_id, node_id, label, texts, row))
    order = {sid: i for i, sid in enumerate(sorted(library.stories))}

    def position(item: NodeDistribution) -> tuple[int, str, int, str]:
        story = library.stories.get(item.scenario_id)
        nodes = list(story.scenario.nodes) if story else []
        at = nodes.index(item.node_id) if item.node_id in nodes else len(nodes)
        return order.get(item.scenario_id, len(order)), item.scenario_id, at, item.node_id

    return tuple(sorted(out, key=position))


def session_rows(report: Report) -> list[dict[str, object]]:
    rows = []
    for s in report.sessions:
        row: dict[str, object] = {
            "session_id": s.id,
            "session_uid": s.uid,
            "player": s.player.name,
            "nip": s.player.nip or "",
            "group": s.player.group or "",
            "mode": s.mode,
            "programme": s.programme_id or "",
            "scenario": s.scenario_id,
            "scenario_version": s.scenario_version,
            "started_at": s.started_at,
            "finished_at": s.finished_at or "",
            "status": "finished" if s.finished else "unfinished",
            "ending": s.ending or "",
            "decisions": len(report.decisions[s.id]),
        }
        for value_id in report.value_ids:
            row[f"score_{value_id}"] = (s.scores or {}).get(value_id, "") if s.finished else ""
        rows.append(row)
    return rows


def decision_rows(report: Report, library: Library, lang: str = "id") -> list[dict[str, object]]:
    rows = []
    for s in report.sessions:
        story = _story(library, s)
        for d in report.decisions[s.id]:
            choice = None
            if story is not None and d.node in story.scenario.nodes:
                node = story.scenario.nodes[d.node]
                choice = node.choices[d.choice] if d.choice < len(node.choices) else None
            votes = d.votes
            row: dict[str, object] = {
                "session_id": s.id,
                "player": s.player.name,
                "group": s.player.group or "",
                "mode": s.mode,
                "scenario": s.scenario_id,
                "step": d.step,
                "node": d.node,
                "choice_index": d.choice,
                "choice_text": choice.text.get(lang) if choice else "",
                "day": d.day,
                "chosen_at": d.chosen_at,
                "votes": ";".join(f"{c}={n}" for c, n in sorted(votes.hands.items()))
                if votes
                else "",
                "tie_broken": ("yes" if votes.tie_broken else "no") if votes else "",
                "named_votes": ";".join(f"{name}={c}" for name, c in votes.named) if votes else "",
            }
            for value_id in report.value_ids:
                row[f"delta_{value_id}"] = choice.scores.get(value_id, 0) if choice else ""
            rows.append(row)
    return rows


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...), +cmd|...).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A text that a spreadsheet would run as a formula, prefixed with ' (OWASP CSV injection).

    Player names, group codes and scenario text are typed by people; numbers pass unchanged.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(report: Report, library: Library, out_dir: Path, lang: str = "id") -> list[Path]:
    """Write sessions.csv and decisions.csv (UTF-8 with BOM, so spreadsheets read it right)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    scores = tuple(f"score_{v}" for v in report.value_ids)
    deltas = tuple(f"delta_{v}" for v in report.value_ids)
    written = []
    for name, columns, rows in (
        ("sessions.csv", SESSION_COLUMNS + scores, session_rows(report)),
        ("decisions.csv", DECISION_COLUMNS + deltas, decision_rows(report, library, lang)),
    ):
        path = out_dir / name
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
        written.append(path)
    return written


@dataclass(frozen=True)
class Summary:
    """The report's headline figures, as numbers: the CLI prints them, the game draws them."""

    filters: dict[str, str]
    sessions: int  # attempts: a play restarted by a hot reload counts again
    finished: int
    players: int
    abandoned: int
    profile: tuple[ValueAverage, ...]
    endings: tuple[tuple[str, str, int], ...]  # (scenario id, ending id, count), most first

    @property
    def unfinished(self) -> int:
        """Attempts neither finished nor given up: they can still be resumed."""
        return self.sessions - self.finished - self.abandoned


def summarise(report: Report) -> Summary:
    finished = report.finished
    endings = Counter((s.scenario_id, s.ending or "") for s in finished)
    return Summary(
        dict(report.filters),
        len(report.sessions),
        len(finished),
        len({s.player.id for s in report.sessions}),
        sum(1 for s in report.sessions if s.abandoned),
        report.profile,
        tuple((sid, end, n) for (sid, end), n in endings.most_common()),
    )


def summary_lines(report: Report, lang: str = "id") -> list[str]:
    """A short text summary for the terminal: counts, the average profile, the endings."""
    summary = summarise(report)
    lines = []
    if summary.filters:
        shown = ", ".join(f"{k}={v}" for k, v in summary.filters.items())
        lines.append(tr("report_filter", lang, filters=shown))
    lines.append(
        tr(
            "report_sessions",
            lang,
            n=summary.sessions,
            finished=summary.finished,
            unfinished=summary.unfinished,
            abandoned=summary.abandoned,
            players=summary.players,
        )
    )
    if not summary.finished:
        lines.append(tr("report_no_data", lang))
        return lines
    lines.append(f"{tr('value_profile', lang)}:")
    for item in summary.profile:
        score = f"{item.mean_score:+.2f}" if item.mean_score is not None else "-"
        where = f"{round(item.mean_position * 100)}%" if item.mean_position is not None else "-"
        lines.append(
            f"  {item.name.get(lang):<24} {where:>5}  {tr('report_average', lang, score=score)}"
        )
    lines.append(f"{tr('report_endings', lang)}:")
    lines.extend(f"  {sid}/{end}: {n}" for sid, end, n in summary.endings)
    return lines
