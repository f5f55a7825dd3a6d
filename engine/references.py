"""Pass two of loading: every name in a scenario that points somewhere must point at something.

Next nodes, speakers, value ids, rule and guide ids, variables in ``set:``/``add:``, image
paths, and the conditions (parsed here into trees, never evaluated as Python).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from engine.expr import Condition, ExprError, parse_condition
from engine.library import DAY_VARIABLE
from engine.messages import msg
from engine.model import Choice, Rule, Scenario
from engine.problems import Problem, did_you_mean, display_path
from engine.source_file import Loc, SourceFile

MAX_HINTS = 20  # 'did you mean' lookups per file


class _Hints:
    """'Did you mean' for the first few unknown names in a file only.

    Each lookup compares the name with every candidate; thousands of broken ``next:`` in a
    generated file made that quadratic (157 s for 4,000). Past the budget, no suggestion.
    """

    def __init__(self, budget: int = MAX_HINTS) -> None:
        self.left = budget

    def __call__(self, word: str, options: Iterable[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return did_you_mean(word, options)


def check_references(
    source: SourceFile, sc: Scenario, value_ids: list[str], rules: dict[str, Rule]
) -> dict[tuple[str, int], Condition]:
    """Pass two: every name that points somewhere must point at something that exists."""
    hint = _Hints()
    targets = [*sc.nodes, *sc.endings]
    var_types: dict[str, type] = {name: type(v) for name, v in sc.variables.items()}
    if DAY_VARIABLE in var_types:
        source.report(
            ("variables", DAY_VARIABLE),
            msg("ref.day_variable", name=DAY_VARIABLE),
            at_value=False,
        )
    var_types[DAY_VARIABLE] = int

    if sc.start not in sc.nodes:
        source.report(
            ("start",),
            msg("ref.no_start", name=sc.start, hint=hint(sc.start, sc.nodes)),
        )
    for both in set(sc.nodes) & set(sc.endings):
        source.report(("endings", both), msg("ref.node_and_ending", name=both), at_value=False)
    for i, value_id in enumerate(sc.focus_values):
        if value_id not in value_ids:
            source.report(("focus_values", i), _unknown_value(value_id, value_ids, hint))
    for cid, character in sc.characters.items():
        _check_image(source, ("characters", cid, "avatar"), character.avatar)
    for eid, ending in sc.endings.items():
        _check_image(source, ("endings", eid, "image"), ending.image)

    conditions: dict[tuple[str, int], Condition] = {}
    for nid, node in sc.nodes.items():
        if node.speaker is not None and node.speaker not in sc.characters:
            source.report(
                ("nodes", nid, "speaker"),
                msg("ref.speaker", name=node.speaker, hint=hint(node.speaker, sc.characters)),
            )
        _check_image(source, ("nodes", nid, "image"), node.image)
        for i, choice in enumerate(node.choices):
            here: Loc = ("nodes", nid, "choices", i)
            if choice.next not in targets:
                source.report(
                    (*here, "next"),
                    msg("ref.next", name=choice.next, hint=hint(choice.next, targets)),
                )
            for value_id in choice.scores:
                if value_id not in value_ids:
                    source.report(
                        (*here, "scores", value_id),
                        _unknown_value(value_id, value_ids, hint),
                        at_value=False,
                    )
            for r, rule_id in enumerate(choice.rules):
                if rule_id not in rules:
                    source.report(
                        (*here, "rules", r),
                        msg("ref.rule", name=rule_id, hint=hint(rule_id, rules)),
                    )
            _check_effects(source, here, choice, var_types, hint)
            if choice.condition is not None:
                try:
                    conditions[(nid, i)] = parse_condition(choice.condition, var_types)
                except ExprError as exc:
                    line, col = source.column_in_value((*here, "if"), exc.col)
                    source.problems.append(
                        Problem(display_path(source.path), line, col, exc.message)
                    )
    return conditions


def _check_effects(
    source: SourceFile, here: Loc, choice: Choice, var_types: dict[str, type], hints: _Hints
) -> None:
    for name, value in choice.set.items():
        if name == DAY_VARIABLE:
            source.report((*here, "set", name), msg("ref.set_day"), at_value=False)
        elif name not in var_types:
            source.report((*here, "set", name), _unknown_variable(name, var_types, hints), False)
        elif type(value) is not var_types[name]:
            source.report(
                (*here, "set", name),
                msg(
                    "ref.set_type",
                    name=name,
                    kind=var_types[name].__name__,
                    found=type(value).__name__,
                ),
            )
    for name in choice.add:
        if name not in var_types and name != DAY_VARIABLE:
            source.report((*here, "add", name), _unknown_variable(name, var_types, hints), False)
        elif var_types[name] is not int or name == DAY_VARIABLE:
            source.report(
                (*here, "add", name),
                msg("ref.add_not_number", name=name),
                at_value=False,
            )


def _unknown_value(value_id: str, value_ids: list[str], hints: _Hints) -> str:
    return msg(
        "ref.value", name=value_id, hint=hints(value_id, value_ids), known=", ".join(value_ids)
    )


def _unknown_variable(name: str, var_types: dict[str, type], hints: _Hints) -> str:
    """A typo of a declared variable gets 'did you mean'; only a new name 'declare it'."""
    hint = hints(name, [v for v in var_types if v != DAY_VARIABLE])
    if hint:
        return msg("ref.variable_typo", name=name, hint=hint)
    return msg("ref.variable_undeclared", name=name)


def _check_image(source: SourceFile, loc: Loc, image: str | None) -> None:
    """Images may only point inside the scenarios or assets folders."""
    if image is None:
        return
    posix = PurePosixPath(image.replace("\\", "/"))
    if posix.is_absolute() or ".." in posix.parts or ":" in image:
        source.report(
            loc,
            msg("ref.image_path"),
        )
