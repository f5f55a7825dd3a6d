"""Pedagogy checks for lint: a scenario that loads and plays may still teach the wrong lesson.

Each check has an id (the model's ``CheckId``) that ends its message, and an author who
means it switches it off with ``lint_ignore: [id]`` on the choice or the node where the
warning is placed; checks about the whole scenario (``no-bad-ending``, ``portrait-data``)
are switched off on the start node. The sources a rule must not rest on are data
(``assets/lint/rule_sources.yaml``), not code, so they can grow without a release.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from functools import cache
from itertools import combinations

from pydantic import Field

from engine import yaml_io
from engine.analysis import Analysis, describe
from engine.library import Library, Story
from engine.messages import Msg, code_of, msg
from engine.model import CheckId, Choice, Rule, Scenario, Strict
from engine.outlook import Outlook
from engine.paths import assets_dir
from engine.reach import StateGraph
from engine.source_file import Loc, SourceFile
from engine.text import LocalText

CHECK_IDS: tuple[str, ...] = typing.get_args(CheckId)
STAKES_MAX = 90  # characters: what fits beside a title in the header at 1024 px
SOURCES_FILE = assets_dir() / "lint" / "rule_sources.yaml"


class _Unsuitable(Strict):
    why: str
    patterns: list[str] = Field(min_length=1)


class _SourcePolicy(Strict):
    advice: str
    unsuitable: list[_Unsuitable]


@dataclass(frozen=True)
class SourcePolicy:
    """Compiled patterns of unsuitable rule sources, each with why it is unsuitable."""

    advice: str
    patterns: tuple[tuple[re.Pattern[str], str], ...]

    def objection(self, source: str) -> str | None:
        """Why ``source`` cannot back a rule (quoting what matched), or None when it can."""
        if not source.strip():
            return "it is empty"
        for pattern, why in self.patterns:
            if found := pattern.search(source):
                return f"'{found.group(0)}': {why}"
        return None


@cache
def source_policy() -> SourcePolicy:
    """The shipped policy, read once (a broken file is a bug in the release: tests load it)."""
    raw = _SourcePolicy.model_validate(yaml_io.load_data(yaml_io.read_text(SOURCES_FILE)))
    compiled = tuple(
        (re.compile(p, re.IGNORECASE), group.why)
        for group in raw.unsuitable
        for p in group.patterns
    )
    return SourcePolicy(raw.advice, compiled)


def ignored(sc: Scenario, check: str, node: str | None = None, choice: int | None = None) -> bool:
    """Whether the author switched ``check`` off at this choice, its node, or (no node) start."""
    where = sc.nodes.get(node if node is not None else sc.start)
    if where is None:
        return False
    if check in where.lint_ignore:
        return True
    return choice is not None and check in where.choices[choice].lint_ignore


def check(
    source: SourceFile,
    story: Story,
    library: Library,
    graph: StateGraph,
    analysis: Analysis | None,
    view: Outlook | None,
) -> None:
    """Run every pedagogy check; the graph-based ones only when the state graph is exact."""
    exact = None if graph.truncated else graph
    sc = story.scenario
    if analysis is not None:
        _dominant(source, sc, analysis)
    if view is not None and view.exact:
        _best_path(source, story, view)
        _breach(source, story, view)
    _no_bad_ending(source, sc)
    _duplicate_text(source, sc, exact)
    _rules(source, sc, library)
    _portraits(source, sc)
    _stakes(source, sc)


def _warn(source: SourceFile, loc: Loc, message: str, check_id: str, at_value: bool = True) -> None:
    tagged = Msg(f"{message} [{check_id}]", code_of(message))
    source.report(loc, tagged, at_value=at_value, level="warning")


def _dominant(source: SourceFile, sc: Scenario, analysis: Analysis) -> None:
    for d in analysis.dominant:
        if ignored(sc, "dominant-choice", d.node, d.choice):
            continue
        _warn(
            source,
            ("nodes", d.node, "choices", d.choice),
            msg("ped.dominant"),
            "dominant-choice",
        )


def _best_path(source: SourceFile, story: Story, view: Outlook) -> None:
    sc = story.scenario
    for ending, path in view.best_paths.items():
        tone = sc.endings[ending].tone
        if tone == "good" or not path:
            continue
        node, choice = path[-1]
        if ignored(sc, "best-path-not-good", node, choice):
            continue
        _warn(
            source,
            ("nodes", node, "choices", choice),
            msg(
                "ped.best_path",
                total=f"{view.best_total:+d}",
                tone=tone,
                ending=ending,
                path=describe(story, path),
            ),
            "best-path-not-good",
        )


def _breach(source: SourceFile, story: Story, view: Outlook) -> None:
    sc = story.scenario
    for (node, choice), path in view.breach_to_good.items():
        if ignored(sc, "breach-reaches-good", node, choice):
            continue
        _warn(
            source,
            ("nodes", node, "choices", choice, "breach"),
            msg("ped.breach", path=describe(story, path)),
            "breach-reaches-good",
        )


def _no_bad_ending(source: SourceFile, sc: Scenario) -> None:
    tones = {ending.tone for ending in sc.endings.values()}
    if "bad" in tones or ignored(sc, "no-bad-ending"):
        return
    what = "ped.all_good" if tones == {"good"} else "ped.no_bad"
    _warn(
        source,
        ("endings",),
        msg(what),
        "no-bad-ending",
        at_value=False,
    )


def _normal(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _together(sc: Scenario, graph: StateGraph | None) -> dict[str, set[tuple[int, int]]]:
    """Per node, the pairs of choices (i < j) a player can see side by side.

    Two choices with the same text behind exclusive conditions route one decision by the
    state and are never shown together; only the exact graph can tell. Without it (a graph
    cut at the limit), a pair counts unless both choices have a condition.
    """
    pairs: dict[str, set[tuple[int, int]]] = {nid: set() for nid in sc.nodes}
    if graph is not None:
        for key, steps in graph.steps.items():
            offered = [s.choice for s in steps]
            pairs[key[0]].update(combinations(offered, 2))
        return pairs
    for nid, node in sc.nodes.items():
        for i, j in combinations(range(len(node.choices)), 2):
            if node.choices[i].condition is None or node.choices[j].condition is None:
                pairs[nid].add((i, j))
    return pairs


def _duplicate_text(source: SourceFile, sc: Scenario, graph: StateGraph | None) -> None:
    together = _together(sc, graph)
    for nid, node in sc.nodes.items():
        for j in range(len(node.choices)):
            if ignored(sc, "duplicate-choice-text", nid, j):
                continue
            twin = _twin(node.choices, j, together[nid])
            if twin is None:
                continue
            i, lang = twin
            _warn(
                source,
                _lang_loc(source, ("nodes", nid, "choices", j, "text"), lang),
                msg("ped.duplicate", number=i + 1, language=msg(f"lang.{lang}")),
                "duplicate-choice-text",
            )


def _twin(choices: list[Choice], j: int, together: set[tuple[int, int]]) -> tuple[int, str] | None:
    """An earlier choice shown beside choice ``j`` with the same text, and in which language."""
    for i in range(j):
        if (i, j) not in together:
            continue
        for lang in ("id", "en"):
            mine = _normal(choices[j].text.id if lang == "id" else choices[j].text.en)
            if mine and mine == _normal(choices[i].text.id if lang == "id" else choices[i].text.en):
                return i, lang
    return None


def _lang_loc(source: SourceFile, loc: Loc, lang: str) -> Loc:
    """Where the text in ``lang`` is written: the key inside a mapping, or the plain string."""
    data = source.data
    for part in loc:
        data = data[part]
    return (*loc, lang) if isinstance(data, dict) else loc


def _citations(sc: Scenario) -> dict[str, list[tuple[str, int, int]]]:
    """Per cited rule id, where it is cited: (node, choice, position in rules:)."""
    cited: dict[str, list[tuple[str, int, int]]] = {}
    for nid, node in sc.nodes.items():
        for i, choice in enumerate(node.choices):
            for r, rule_id in enumerate(choice.rules):
                cited.setdefault(rule_id, []).append((nid, i, r))
    return cited


def _rules(source: SourceFile, sc: Scenario, library: Library) -> None:
    policy = source_policy()
    for rule_id, places in _citations(sc).items():
        rule = library.rules.get(rule_id)
        if rule is None:  # unknown: already a load error
            continue
        for check_id, flaw in _rule_flaws(rule, policy):
            open_places = [p for p in places if not ignored(sc, check_id, p[0], p[1])]
            if not open_places:
                continue
            node, choice, r = open_places[0]
            more = msg("lint.cited_times", count=len(open_places)) if len(open_places) > 1 else ""
            _warn(
                source,
                ("nodes", node, "choices", choice, "rules", r),
                msg("ped.rule", rule=rule_id, flaw=flaw, more=more),
                check_id,
            )


def _rule_flaws(rule: Rule, policy: SourcePolicy) -> list[tuple[str, str]]:
    flaws = []
    if rule.date is None:
        flaws.append(("rule-undated", msg("ped.undated")))
    if (why := policy.objection(rule.source)) is not None:
        flaws.append(("rule-unsourced", msg("ped.unsourced", why=why, advice=policy.advice)))
    return flaws


def _portraits(source: SourceFile, sc: Scenario) -> None:
    if ignored(sc, "portrait-data"):
        return
    for cid, character in sc.characters.items():
        if character.gender is None:
            _warn(
                source,
                ("characters", cid),
                msg("ped.portrait", id=cid),
                "portrait-data",
                at_value=False,
            )


def _stakes(source: SourceFile, sc: Scenario) -> None:
    """A stakes line is read at a glance beside the title; a long one falls back to a card
    that takes room from the portrait, or is skimmed."""
    places: list[tuple[Loc, LocalText, str | None]] = []
    if sc.stakes is not None:
        places.append((("stakes",), sc.stakes, None))
    places += [
        (("nodes", nid, "stakes"), node.stakes, nid)
        for nid, node in sc.nodes.items()
        if node.stakes is not None
    ]
    for loc, text, nid in places:
        if ignored(sc, "stakes-long", nid):
            continue
        for lang in ("id", "en"):
            count = len(text.get(lang))
            if count > STAKES_MAX:
                _warn(
                    source,
                    _lang_loc(source, loc, lang),
                    msg(
                        "ped.stakes_long",
                        count=count,
                        limit=STAKES_MAX,
                        language=msg(f"lang.{lang}"),
                    ),
                    "stakes-long",
                )
