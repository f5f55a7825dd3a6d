"""Load a folder of YAML into a :class:`Library`: parse, validate, then resolve references.

Pass one validates each file on its own against the pydantic model (fast: libyaml, no
source marks). Pass two resolves what points across files: next nodes, rule ids, value
ids, variables, conditions. Every problem is placed at ``path:line:col``; one broken file
never stops the others from loading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from engine.gc_pause import paused_gc
from engine.library import Library, Story, Unavailable
from engine.limits import check_limits
from engine.messages import msg
from engine.model import Rule, Scenario, Value, ValuesFile
from engine.paths import scenarios_dir
from engine.problems import Problem, did_you_mean, display_path
from engine.programme import load_programmes
from engine.references import check_references
from engine.source_file import Loc, SourceFile, collect_files, read_source
from engine.text import LocalText

# What a hostile file might still raise past the checks; caught per file, never per library.
_UNEXPECTED = (RecursionError, MemoryError, ValueError, OverflowError, TypeError, UnicodeError)

__all__ = ["Loc", "SourceFile", "collect_files", "load_library", "read_source"]


def _kind(source: SourceFile) -> str:
    if "rules" in source.data and "nodes" not in source.data:
        return "rules"
    if "values" in source.data and "nodes" not in source.data:
        return "values"
    if "scenarios" in source.data and "nodes" not in source.data:
        return "programme"
    return "scenario"


@paused_gc()
def load_library(paths: Sequence[Path | str] | None = None) -> Library:
    """Load scenarios, rules and values from ``paths`` (default: the shipped folder).

    When the given paths hold no rulebook or no values file (e.g. ``validate my.yaml``),
    the shipped ones are used so references can still be checked.
    """
    files, problems = collect_files(paths or [scenarios_dir()])
    by_kind: dict[str, list[SourceFile]] = {
        "rules": [],
        "values": [],
        "scenario": [],
        "programme": [],
    }
    unavailable: list[Unavailable] = []
    # Scenarios are validated as they are read and their raw data dropped at once: holding
    # the raw trees of a thousand files until the end cost a third more time than the parse.
    scenarios: list[tuple[SourceFile, Scenario | None, object]] = []
    for path in files:
        result = read_source(path)
        if isinstance(result, Problem):
            problems.append(result)
            unavailable.append(Unavailable(path, None, (result,)))
        elif (kind := _kind(result)) == "scenario":
            raw_id = result.data.get("id")
            scenarios.append((result, _validate_scenario(result), raw_id))
            result.data = None
        elif check_limits(result, scenario=False):
            by_kind[kind].append(result)
        else:
            problems.extend(result.problems)
    by_kind["scenario"] = [source for source, _, _ in scenarios]
    shipped_rules = _add_defaults(by_kind, files) if paths else []

    values, guide_rules = _load_values(by_kind["values"])
    rules = _load_rules(by_kind["rules"], guide_rules)
    for shipped in _load_rules(shipped_rules, {}).values():
        rules.setdefault(shipped.id, shipped)
    stories: dict[str, Story] = {}
    for source, scenario, raw_id in scenarios:
        story = _load_scenario(source, scenario, values, rules, stories) if scenario else None
        if story is not None:
            stories[story.id] = story
        else:
            unavailable.append(
                Unavailable(
                    source.path, raw_id if isinstance(raw_id, str) else None, tuple(source.problems)
                )
            )
    broken = {u.scenario_id for u in unavailable if u.scenario_id}
    programmes = load_programmes(by_kind["programme"], stories, broken)
    for sources in by_kind.values():
        for source in sources:
            problems.extend(source.problems)
    return Library(
        stories=stories,
        values=tuple(values),
        rules=rules,
        problems=tuple(sorted(problems)),
        unavailable=tuple(unavailable),
        programmes=programmes,
    )


def _add_defaults(by_kind: dict[str, list[SourceFile]], given: list[Path]) -> list[SourceFile]:
    """The shipped values when none were given, and the shipped rulebook files not given.

    ``lint my.yaml rulebook/x.yaml`` must still know the rules in the other rulebook files;
    the returned shipped rule files yield to a given file's entry of the same id.
    """
    shown = {p.resolve() for p in given}
    want_values = not by_kind["values"]
    default_files, _ = collect_files([scenarios_dir()])
    extra_rules: list[SourceFile] = []
    for path in default_files:
        wanted = ["rules", "values"] if want_values else ["rules"]
        if path.resolve() in shown or not _may_be(path, wanted):
            continue
        result = read_source(path)
        if not isinstance(result, SourceFile):
            continue
        kind = _kind(result)
        if kind == "values" and want_values:
            by_kind["values"].append(result)
        elif kind == "rules":
            extra_rules.append(result)
    return extra_rules


def _may_be(path: Path, kinds: list[str]) -> bool:
    """Whether a shipped file could be of these kinds (a top-level ``rules:`` or ``values:``
    key), read as text: parsing every shipped scenario only to find the rulebook cost more
    than a tenth of a second at every load."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True  # let read_source say what is wrong
    return any(re.search(rf"^{kind}:", text, re.MULTILINE) for kind in kinds)


def _load_values(sources: list[SourceFile]) -> tuple[list[Value], dict[str, Rule]]:
    """The values, and their behaviour guides as citable rulebook entries."""
    values: list[Value] = []
    guides: dict[str, Rule] = {}
    for source in sources:
        try:
            parsed = ValuesFile.model_validate(source.data)
        except ValidationError as exc:
            source.report_validation(exc, ValuesFile)
            continue
        for i, value in enumerate(parsed.values):
            if any(v.id == value.id for v in values):
                source.report(("values", i, "id"), msg("load.value_twice", id=value.id))
                continue
            values.append(value)
            for g, guide in enumerate(value.guides):
                if guide.id in guides:
                    source.report(
                        ("values", i, "guides", g, "id"), msg("load.guide_twice", id=guide.id)
                    )
                    continue
                guides[guide.id] = Rule(
                    id=guide.id,
                    title=LocalText(
                        id=f"{parsed.guide_label.id} {value.name.id} {g + 1}",
                        en=f"{parsed.guide_label.get('en')} {value.name.get('en')} {g + 1}",
                    ),
                    instrument=parsed.instrument,
                    article=None,
                    summary=guide.text,
                    source=parsed.source,
                    date=parsed.date,
                    checked=parsed.checked,
                    verified=parsed.verified,
                    values=[value.id],
                )
    return values, guides


def _load_rules(sources: list[SourceFile], guides: dict[str, Rule]) -> dict[str, Rule]:
    """Rulebook entries; each rule is checked on its own so one typo loses one rule."""
    rules: dict[str, Rule] = dict(guides)
    for source in sources:
        items = source.data.get("rules")
        extra = [k for k in source.data if k != "rules"]
        for key in extra:
            source.report(
                (key,),
                msg("load.rulebook_key", key=key, hint=did_you_mean(str(key), ["rules"])),
                at_value=False,
            )
        if not isinstance(items, list):
            source.report(("rules",), msg("load.rules_not_list"))
            continue
        for i, item in enumerate(items):
            try:
                rule = Rule.model_validate(item)
            except ValidationError as exc:
                source.report_validation(exc, Rule, ("rules", i))
                continue
            if rule.id in rules:
                source.report(("rules", i, "id"), msg("load.rule_twice", id=rule.id))
                continue
            rules[rule.id] = rule
    return rules


def _validate_scenario(source: SourceFile) -> Scenario | None:
    """Pass one for a scenario file: the model, or None with the problems recorded."""
    if not check_limits(source, scenario=True):
        return None
    try:
        return Scenario.model_validate(source.data)
    except ValidationError as exc:
        source.report_validation(exc, Scenario)
    except _UNEXPECTED as exc:  # a safety net: one file's surprise must not empty the library
        source.report(
            (), msg("file.cannot_check", detail=f"{type(exc).__name__}: {str(exc)[:200]}")
        )
    return None


def _load_scenario(
    source: SourceFile,
    scenario: Scenario,
    values: list[Value],
    rules: dict[str, Rule],
    loaded: dict[str, Story],
) -> Story | None:
    """Pass two for a valid scenario: references resolved, or None with the problems."""
    if scenario.id in loaded:
        other = display_path(loaded[scenario.id].path)
        source.report(("id",), msg("load.scenario_id_used", id=scenario.id, other=other))
        return None
    try:
        conditions = check_references(source, scenario, [v.id for v in values], rules)
    except _UNEXPECTED as exc:
        source.report(
            (), msg("file.cannot_check", detail=f"{type(exc).__name__}: {str(exc)[:200]}")
        )
        return None
    if source.problems:
        return None
    return Story(scenario=scenario, path=source.path, conditions=conditions)
