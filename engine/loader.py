"""Load a folder of YAML into a :class:`Library`: parse, validate, then resolve references.

Pass one validates each file on its own against the pydantic model (fast: libyaml, no
source marks). Pass two resolves what points across files: next nodes, rule ids, value
ids, variables, conditions. Every problem is placed at ``path:line:col``; one broken file
never stops the others from loading.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from engine import validation_messages, yaml_io
from engine.expr import Condition, ExprError, parse_condition
from engine.library import DAY_VARIABLE, Library, Story, Unavailable
from engine.model import Rule, Scenario, Value, ValuesFile
from engine.paths import scenarios_dir
from engine.problems import Level, Problem, did_you_mean, display_path
from engine.programme import load_programmes
from engine.text import LocalText

Loc = tuple[str | int, ...]


@dataclass
class SourceFile:
    """One YAML file's text and data; source marks are computed only if a problem needs them."""

    path: Path
    text: str
    data: Any
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def _root(self) -> yaml.Node | None:
        return yaml_io.compose(self.text)

    def report(self, loc: Loc, message: str, at_value: bool = True, level: Level = "error") -> None:
        """Record a problem at the key (or its value) found along ``loc``."""
        if at_value:
            line, col = yaml_io.value_position(self._root, loc)
        else:
            line, col = yaml_io.locate(self._root, loc)
        self.problems.append(Problem(display_path(self.path), line, col, message, level))

    def report_validation(
        self, exc: ValidationError, model: type[BaseModel], prefix: Loc = ()
    ) -> None:
        for loc, message, at_value in validation_messages.messages(exc, model, prefix):
            self.report(loc, message, at_value)

    def column_in_value(self, loc: Loc, offset: int) -> tuple[int, int]:
        """Position of character ``offset`` inside the scalar at ``loc`` (for conditions)."""
        line, col = yaml_io.value_position(self._root, loc)
        lines = self.text.splitlines()
        quoted = 0 < line <= len(lines) and lines[line - 1][col - 1 : col] in ("'", '"')
        return line, col + offset + int(quoted)


def collect_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Problem]]:
    """The YAML files named or found below the given paths, in a stable order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(display_path(path), 1, 1, "no such file or folder"))
    return list(dict.fromkeys(files)), problems


def read_source(path: Path) -> SourceFile | Problem:
    """Read and parse one file, or the problem that stops it being read at all."""
    try:
        text = yaml_io.read_text(path)
        data = yaml_io.load_data(text)
    except yaml_io.YamlProblem as exc:
        return Problem(display_path(path), exc.line, exc.col, exc.message)
    except OSError as exc:
        return Problem(display_path(path), 1, 1, f"cannot read the file: {exc.strerror}")
    if data is None:
        return Problem(display_path(path), 1, 1, "the file is empty")
    if not isinstance(data, dict):
        return Problem(
            display_path(path),
            1,
            1,
            "a scenario file is a block of keys (id:, title:, nodes: ...); "
            "a rulebook file starts with rules:, a values file with values:, "
            "a programme file lists scenarios:",
        )
    return SourceFile(path, text, data)


def _kind(source: SourceFile) -> str:
    if "rules" in source.data and "nodes" not in source.data:
        return "rules"
    if "values" in source.data and "nodes" not in source.data:
        return "values"
    if "scenarios" in source.data and "nodes" not in source.data:
        return "programme"
    return "scenario"


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
    for path in files:
        result = read_source(path)
        if isinstance(result, Problem):
            problems.append(result)
            unavailable.append(Unavailable(path, None, (result,)))
        else:
            by_kind[_kind(result)].append(result)
    if paths:
        _add_defaults(by_kind, files)

    values, guide_rules = _load_values(by_kind["values"])
    rules = _load_rules(by_kind["rules"], guide_rules)
    stories: dict[str, Story] = {}
    for source in by_kind["scenario"]:
        story = _load_scenario(source, values, rules, stories)
        if story is not None:
            stories[story.id] = story
        else:
            raw_id = source.data.get("id")
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


def _add_defaults(by_kind: dict[str, list[SourceFile]], given: list[Path]) -> None:
    missing = [k for k in ("rules", "values") if not by_kind[k]]
    if not missing:
        return
    default_files, _ = collect_files([scenarios_dir()])
    for path in default_files:
        if path in given:
            continue
        result = read_source(path)
        if isinstance(result, SourceFile) and (kind := _kind(result)) in missing:
            by_kind[kind].append(result)


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
                source.report(("values", i, "id"), f"the value '{value.id}' is defined twice")
                continue
            values.append(value)
            for g, guide in enumerate(value.guides):
                if guide.id in guides:
                    source.report(
                        ("values", i, "guides", g, "id"), f"the guide id '{guide.id}' is used twice"
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
                f"unknown key '{key}' in a rulebook file{did_you_mean(str(key), ['rules'])}",
                at_value=False,
            )
        if not isinstance(items, list):
            source.report(
                ("rules",), "rules: must be a list of entries, each starting with '- id:'"
            )
            continue
        for i, item in enumerate(items):
            try:
                rule = Rule.model_validate(item)
            except ValidationError as exc:
                source.report_validation(exc, Rule, ("rules", i))
                continue
            if rule.id in rules:
                source.report(("rules", i, "id"), f"the rule id '{rule.id}' is used twice")
                continue
            rules[rule.id] = rule
    return rules


def _load_scenario(
    source: SourceFile, values: list[Value], rules: dict[str, Rule], loaded: dict[str, Story]
) -> Story | None:
    try:
        scenario = Scenario.model_validate(source.data)
    except ValidationError as exc:
        source.report_validation(exc, Scenario)
        return None
    if scenario.id in loaded:
        other = display_path(loaded[scenario.id].path)
        source.report(("id",), f"the scenario id '{scenario.id}' is already used by {other}")
        return None
    conditions = _check_references(source, scenario, [v.id for v in values], rules)
    if source.problems:
        return None
    return Story(scenario=scenario, path=source.path, conditions=conditions)


def _check_references(
    source: SourceFile, sc: Scenario, value_ids: list[str], rules: dict[str, Rule]
) -> dict[tuple[str, int], Condition]:
    """Pass two: every name that points somewhere must point at something that exists."""
    targets = [*sc.nodes, *sc.endings]
    var_types: dict[str, type] = {name: type(v) for name, v in sc.variables.items()}
    if DAY_VARIABLE in var_types:
        source.report(
            ("variables", DAY_VARIABLE),
            f"'{DAY_VARIABLE}' is the built-in working-day counter; use calendar: "
            "to set where it starts",
            at_value=False,
        )
    var_types[DAY_VARIABLE] = int

    if sc.start not in sc.nodes:
        source.report(
            ("start",),
            f"the start node '{sc.start}' does not exist{did_you_mean(sc.start, sc.nodes)}",
        )
    for both in set(sc.nodes) & set(sc.endings):
        source.report(
            ("endings", both), f"'{both}' is both a node and an ending; rename one", at_value=False
        )
    for i, value_id in enumerate(sc.focus_values):
        if value_id not in value_ids:
            source.report(("focus_values", i), _unknown_value(value_id, value_ids))
    for cid, character in sc.characters.items():
        _check_image(source, ("characters", cid, "avatar"), character.avatar)
    for eid, ending in sc.endings.items():
        _check_image(source, ("endings", eid, "image"), ending.image)

    conditions: dict[tuple[str, int], Condition] = {}
    for nid, node in sc.nodes.items():
        if node.speaker is not None and node.speaker not in sc.characters:
            source.report(
                ("nodes", nid, "speaker"),
                f"the speaker '{node.speaker}' is not under "
                f"characters:{did_you_mean(node.speaker, sc.characters)}",
            )
        _check_image(source, ("nodes", nid, "image"), node.image)
        for i, choice in enumerate(node.choices):
            here: Loc = ("nodes", nid, "choices", i)
            if choice.next not in targets:
                source.report(
                    (*here, "next"),
                    f"the next node '{choice.next}' does not exist"
                    f"{did_you_mean(choice.next, targets)}",
                )
            for value_id in choice.scores:
                if value_id not in value_ids:
                    source.report(
                        (*here, "scores", value_id),
                        _unknown_value(value_id, value_ids),
                        at_value=False,
                    )
            for r, rule_id in enumerate(choice.rules):
                if rule_id not in rules:
                    source.report(
                        (*here, "rules", r),
                        f"unknown rule id '{rule_id}'{did_you_mean(rule_id, rules)}",
                    )
            _check_effects(source, here, choice.set, choice.add, var_types)
            if choice.condition is not None:
                try:
                    conditions[(nid, i)] = parse_condition(choice.condition, var_types)
                except ExprError as exc:
                    line, col = source.column_in_value((*here, "if"), exc.col)
                    source.problems.append(Problem(display_path(source.path), line, col, str(exc)))
    return conditions


def _check_effects(
    source: SourceFile,
    here: Loc,
    sets: dict[str, Any],
    adds: dict[str, int],
    var_types: dict[str, type],
) -> None:
    for name, value in sets.items():
        if name == DAY_VARIABLE:
            source.report(
                (*here, "set", name), "the day counter moves with days:, not set:", at_value=False
            )
        elif name not in var_types:
            source.report(
                (*here, "set", name),
                f"unknown variable '{name}'"
                f"{did_you_mean(name, var_types)}; declare it under variables:",
                at_value=False,
            )
        elif type(value) is not var_types[name]:
            source.report(
                (*here, "set", name),
                f"'{name}' holds {var_types[name].__name__}, not {type(value).__name__}",
            )
    for name in adds:
        if name not in var_types or var_types[name] is not int or name == DAY_VARIABLE:
            source.report(
                (*here, "add", name),
                f"add: works on number variables; '{name}' is not "
                "one (use days: for the day counter)",
                at_value=False,
            )


def _unknown_value(value_id: str, value_ids: list[str]) -> str:
    return (
        f"unknown value '{value_id}'{did_you_mean(value_id, value_ids)}; "
        f"the values are {', '.join(value_ids)}"
    )


def _check_image(source: SourceFile, loc: Loc, image: str | None) -> None:
    """Images may only point inside the scenarios or assets folders."""
    if image is None:
        return
    posix = PurePosixPath(image.replace("\\", "/"))
    if posix.is_absolute() or ".." in posix.parts or ":" in image:
        source.report(
            loc,
            "an image path must be relative, inside the scenarios or assets folder, without '..'",
        )
