"""Warnings for facilitators beyond what makes a file invalid: things that load but mislead.

Each finding is a :class:`~engine.problems.Problem` placed by the loader's own machinery
(:class:`~engine.source_file.SourceFile`), so lint and validate point at lines the same way.
Reachability is judged on the state graph (node plus variables), so a choice behind a
condition that no path can make true is found, not just a node with no arrow into it.
Text size is measured by a callable handed in (the game's font lives outside ``engine/``).
The pedagogy checks (a dilemma that is none, a breach that ends well...) are in
:mod:`engine.pedagogy`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from engine import pedagogy
from engine.analysis import Analysis, analyze
from engine.library import Library, Story
from engine.messages import msg
from engine.model import Scenario
from engine.outlook import outlook
from engine.problems import Problem
from engine.reach import MAX_STATES, StateGraph, StateKey, exact_graph, node_graph
from engine.source_file import Loc, SourceFile, read_source
from engine.text import LocalText

# (text, "situation" | "choice", number of choices sharing the panel) -> None or why not.
Measure = Callable[[str, str, int], str | None]

WORDS_PER_MINUTE = 150  # reading Indonesian aloud or silently in a group, roughly
MINUTES_PER_DECISION = 1.0  # the group settles on a choice
MINUTES_PER_QUESTION = 0.5  # a discussion question (facilitators pick some, not all)


@dataclass(frozen=True)
class Reading:
    """The longest play-through in words, decisions and questions, and the minutes it takes."""

    words: int
    decisions: int
    questions: int

    @property
    def minutes(self) -> float:
        return (
            self.words / WORDS_PER_MINUTE
            + self.decisions * MINUTES_PER_DECISION
            + self.questions * MINUTES_PER_QUESTION
        )


def lint_library(library: Library, measure: Measure | None = None) -> list[Problem]:
    """Every load problem plus the warnings for each story that loaded."""
    found = list(library.problems)
    for story in library.stories.values():
        found.extend(lint_story(story, library, measure))
    return sorted(found)


def lint_story(story: Story, library: Library, measure: Measure | None = None) -> list[Problem]:
    source = read_source(story.path)
    if isinstance(source, Problem):  # changed on disk since it loaded
        return [source]
    exact, bounds = exact_graph(story)
    analysis = view = None
    if exact is None:
        assert bounds is not None
        source.report(
            ("start",),
            msg("lint.approximate", limit=MAX_STATES),
            level="warning",
        )
        graph = node_graph(story, bounds)  # marked truncated: checks needing states skip it
        _reachability(source, story, graph)
        _focus_spans(source, story, dict(bounds.low), dict(bounds.high))
    else:
        graph = exact
        analysis, view = analyze(story, graph), outlook(story, graph)
        _reachability(source, story, graph)
        _focus(source, analysis, story)
    _no_effect(source, story.scenario)
    _translations(source, story.scenario)
    _unverified(source, story, library)
    pedagogy.check(source, story, library, graph, analysis, view)
    if measure is not None:
        _fit(source, story, graph, measure)
    reading = reading_estimate(story, graph)
    declared = story.scenario.minutes
    if reading.minutes > declared * 1.25 or reading.minutes * 2 < declared:
        source.report(
            ("minutes",),
            msg(
                "lint.minutes",
                declared=declared,
                minutes=f"{reading.minutes:.0f}",
                words=reading.words,
                rate=WORDS_PER_MINUTE,
                decisions=reading.decisions,
                questions=reading.questions,
            ),
            level="warning",
        )
    return source.problems


def _warn(source: SourceFile, loc: Loc, message: str, at_value: bool = True) -> None:
    source.report(loc, message, at_value=at_value, level="warning")


def _can_finish(graph: StateGraph) -> set[StateKey]:
    """States from which some ending can still be reached (loops included)."""
    into: dict[StateKey, list[StateKey]] = {}
    good: set[StateKey] = set()
    for key, steps in graph.steps.items():
        for step in steps:
            if step.target is None:
                good.add(key)
            else:
                into.setdefault(step.target, []).append(key)
    queue = deque(good)
    while queue:
        for earlier in into.get(queue.popleft(), []):
            if earlier not in good:
                good.add(earlier)
                queue.append(earlier)
    return good


def _culprits(graph: StateGraph, finish: set[StateKey]) -> set[StateKey]:
    """The stuck states an author must change: the dead ends themselves (no choice open), and,
    where no dead end is ahead, the loops with no way out. A state that merely leads into one
    of them is not blamed: the warning belongs where the mistake is.
    """
    stuck = {k for k in graph.steps if k not in finish}
    dead = {k for k in stuck if not graph.steps[k]}
    into: dict[StateKey, list[StateKey]] = {}
    for key in stuck:
        for step in graph.steps[key]:
            if step.target is not None:
                into.setdefault(step.target, []).append(key)
    before_dead, queue = set(dead), deque(dead)
    while queue:
        for earlier in into.get(queue.popleft(), []):
            if earlier not in before_dead:
                before_dead.add(earlier)
                queue.append(earlier)
    trapped = stuck - before_dead
    # Peel off the states that only lead into a loop (no arrow into them from inside).
    arrows = {k: 0 for k in trapped}
    for key in trapped:
        for step in graph.steps[key]:
            if step.target in arrows:
                arrows[step.target] += 1
    queue = deque(k for k, n in arrows.items() if n == 0)
    while queue:
        key = queue.popleft()
        trapped.discard(key)
        for step in graph.steps[key]:
            if step.target in trapped:
                arrows[step.target] -= 1
                if arrows[step.target] == 0:
                    queue.append(step.target)
    return dead | trapped


def _describe(graph: StateGraph, key: StateKey) -> str:
    env = graph.env(key)
    return ", ".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in env.items())


def _reachability(source: SourceFile, story: Story, graph: StateGraph) -> None:
    sc = story.scenario
    by_node: dict[str, list[StateKey]] = {}
    for key in graph.steps:
        by_node.setdefault(key[0], []).append(key)
    endings = {s.ending for steps in graph.steps.values() for s in steps}
    for nid in sc.nodes:
        if nid not in by_node:
            _warn(source, ("nodes", nid), msg("lint.unreached_node", name=nid), at_value=False)
    for eid in sc.endings:
        if eid not in endings:
            _warn(source, ("endings", eid), msg("lint.unreached_ending", name=eid), at_value=False)
    finish = _can_finish(graph)
    culprits = _culprits(graph, finish)
    for nid, keys in by_node.items():
        stuck = [k for k in keys if k not in finish]
        mine = [k for k in stuck if k in culprits]  # a node that only leads to one is not
        if mine:
            when = _describe(graph, mine[0])
            if len(stuck) == len(keys):
                message = msg("lint.no_ending_from", name=nid)
            else:
                message = msg("lint.no_ending_sometimes", name=nid, when=when)
            if not graph.steps[mine[0]]:
                message = msg("lint.dead_end", before=message, when=when)
            _warn(source, ("nodes", nid), message, at_value=False)
        offered = {s.choice for k in keys for s in graph.steps[k]}
        for i, choice in enumerate(sc.nodes[nid].choices):
            if i not in offered and choice.condition is not None:
                _warn(
                    source,
                    ("nodes", nid, "choices", i, "if"),
                    msg("lint.never_true", condition=choice.condition),
                )


def _focus(source: SourceFile, analysis: Analysis, story: Story) -> None:
    spans = analysis.values
    low = {v: span.low for v, span in spans.items()}
    _focus_spans(source, story, low, {v: span.high for v, span in spans.items()})


def _focus_spans(
    source: SourceFile, story: Story, low: dict[str, float], high: dict[str, float]
) -> None:
    """Bounds suffice: if even the bounds are one number, so is the exact range."""
    for i, value in enumerate(story.scenario.focus_values):
        if value not in low:
            _warn(source, ("focus_values", i), msg("lint.focus_unscored", value=value))
        elif low[value] == high[value]:
            _warn(
                source,
                ("focus_values", i),
                msg("lint.focus_flat", value=value, score=low[value]),
            )


def _no_effect(source: SourceFile, sc: Scenario) -> None:
    for nid, node in sc.nodes.items():
        for i, choice in enumerate(node.choices):
            if not any(choice.scores.values()):
                _warn(
                    source,
                    ("nodes", nid, "choices", i),
                    msg("lint.no_effect"),
                )


def texts(sc: Scenario) -> Iterator[tuple[Loc, LocalText]]:
    """Every player-facing text of a scenario, with where it is written."""
    for key in ("title", "summary", "audience"):
        yield (key,), getattr(sc, key)
    for cid, character in sc.characters.items():
        yield ("characters", cid, "name"), character.name
        if character.role is not None:
            yield ("characters", cid, "role"), character.role
    if sc.calendar is not None and sc.calendar.label is not None:
        yield ("calendar", "label"), sc.calendar.label
    for nid, node in sc.nodes.items():
        for key in ("title", "text", "notes"):
            if (text := getattr(node, key)) is not None:
                yield ("nodes", nid, key), text
        for q, question in enumerate(node.questions):
            yield ("nodes", nid, "questions", q), question
        for i, choice in enumerate(node.choices):
            yield ("nodes", nid, "choices", i, "text"), choice.text
            yield ("nodes", nid, "choices", i, "feedback"), choice.feedback
    for eid, ending in sc.endings.items():
        for key in ("title", "text", "notes"):
            if (text := getattr(ending, key)) is not None:
                yield ("endings", eid, key), text


def _raw(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def _lang_loc(source: SourceFile, loc: Loc, lang: str) -> Loc:
    """Where the text in ``lang`` is written: the key inside a mapping, or the plain string."""
    return (*loc, lang) if isinstance(_raw(source.data, loc), dict) else loc


def _translations(source: SourceFile, sc: Scenario) -> None:
    all_texts = list(texts(sc))
    missing_en = [loc for loc, text in all_texts if not (text.en or "").strip()]
    if missing_en and len(missing_en) == len(all_texts):
        _warn(source, ("title",), msg("lint.no_english_at_all", count=len(all_texts)))
        missing_en = []
    for loc in missing_en:
        _warn(source, loc, msg("lint.no_english"))
    for loc, text in all_texts:
        if not text.id.strip():
            _warn(source, _lang_loc(source, loc, "id"), msg("lint.empty_indonesian"))


def _unverified(source: SourceFile, story: Story, library: Library) -> None:
    cited: dict[str, list[Loc]] = {}
    for nid, node in story.scenario.nodes.items():
        for i, choice in enumerate(node.choices):
            for r, rule_id in enumerate(choice.rules):
                cited.setdefault(rule_id, []).append(("nodes", nid, "choices", i, "rules", r))
    for rule_id, places in cited.items():
        rule = library.rules.get(rule_id)
        if rule is not None and not rule.verified:
            more = msg("lint.cited_times", count=len(places)) if len(places) > 1 else ""
            _warn(source, places[0], msg("lint.unverified", rule=rule_id, more=more))


def _fit(source: SourceFile, story: Story, graph: StateGraph, measure: Measure) -> None:
    sc = story.scenario
    shown: dict[str, int] = {}
    for key, steps in graph.steps.items():
        shown[key[0]] = max(shown.get(key[0], 0), len(steps))
    checks: list[tuple[Loc, LocalText, str, int]] = []
    for nid, node in sc.nodes.items():
        checks.append((("nodes", nid, "text"), node.text, "situation", 1))
        count = shown.get(nid) or len(node.choices)
        for i, choice in enumerate(node.choices):
            checks.append((("nodes", nid, "choices", i, "text"), choice.text, "choice", count))
    for eid, ending in sc.endings.items():
        checks.append((("endings", eid, "text"), ending.text, "situation", 1))
    for loc, text, kind, count in checks:
        for lang in ("id", "en"):
            words = text.id if lang == "id" else text.en
            if not words or (why := measure(words, kind, count)) is None:
                continue
            _warn(
                source,
                _lang_loc(source, loc, lang),
                msg("lint.overflow", why=why),
            )


def reading_estimate(story: Story, graph: StateGraph | None = None) -> Reading:
    """The play-through that takes longest to read and discuss (words counted in Indonesian).

    Past the state budget it is judged on the bounds' node graph (loops cut), like lint."""
    if graph is None:
        graph, bounds = exact_graph(story)
        if graph is None:
            graph = node_graph(story, bounds)
    sc = story.scenario
    best: dict[StateKey, Reading] = {}
    for key in graph.order:
        node = sc.nodes[key[0]]
        offered = sum(_words(node.choices[s.choice].text) for s in graph.steps[key])
        here = _words(node.text) + offered
        options = []
        for step in graph.steps[key]:
            if (key, step.choice) in graph.back_edges:
                continue
            if step.target is None:
                ending = sc.endings[step.ending or ""]
                ahead = Reading(_words(ending.title) + _words(ending.text), 0, 0)
            elif step.target in best:
                ahead = best[step.target]
            else:
                continue
            feedback = _words(node.choices[step.choice].feedback)
            options.append(
                Reading(
                    ahead.words + here + feedback,
                    ahead.decisions + 1,
                    ahead.questions + len(node.questions),
                )
            )
        best[key] = max(options, key=lambda r: r.minutes, default=Reading(here, 1, 0))
    return best.get(graph.start, Reading(0, 0, 0))


def _words(text: LocalText | None) -> int:
    return len(text.id.split()) if text is not None else 0
