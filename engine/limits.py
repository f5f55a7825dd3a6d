"""The documented size limits of a file, checked on its raw data before anything costly.

Validation, reference checks, lint and the game all grow with the size of what they read;
a 379 kB file of 4,000 choices or one 1 MB text must be refused in milliseconds, not take
minutes. The walk is iterative (block indentation can nest a thousand levels deep) and
stops at the first few findings. The limits are listed in scenarios/README.md.
"""

from __future__ import annotations

from typing import Any

from engine.messages import msg
from engine.source_file import Loc, SourceFile
from engine.yaml_io import MAX_INTEGER

MAX_TEXT = 4_000  # characters in one text field: a screen holds far less; lint stays fast
MAX_NODES = 2_000  # nodes plus endings in one scenario (the benchmarks load 1,000-node ones)
MAX_CHOICES = 12  # choices at one node
MAX_REFERENCES = 12  # rules cited by one choice; keys under one choice's scores/set/add
MAX_VARIABLES = 100  # variables (and characters) declared by one scenario
MAX_KEY = 200  # characters in a key; ids are at most 80
MAX_FINDINGS = 20  # limit problems reported per file before the rest are left unsaid


def check_limits(source: SourceFile, scenario: bool) -> bool:
    """Report every limit ``source`` exceeds (placed); True when it is within all of them."""
    before = len(source.problems)
    found = _check_values(source)
    if scenario and found < MAX_FINDINGS:
        _check_counts(source, source.data)
    return len(source.problems) == before


def _within(data: Any) -> bool:
    """True when no key, text or number in ``data`` passes a limit: one quick walk without
    building locations (most files), so only a file with findings pays for placing them.
    Leaves are checked where they are met; only containers go on the stack."""
    stack = [data]
    pop, push = stack.pop, stack.append
    top, text, key_max = MAX_INTEGER, MAX_TEXT, MAX_KEY
    while stack:
        container = pop()
        if type(container) is dict:
            for key in container:
                if type(key) is str and len(key) > key_max:
                    return False
            items = container.values()
        else:
            items = container
        for value in items:
            kind = type(value)
            if kind is str:
                if len(value) > text:
                    return False
            elif kind is dict or kind is list:
                push(value)
            elif kind is int and (value > top or value < -top):
                return False
    return True  # the safe loader makes only these exact types (and floats, dates, None)


def _check_values(source: SourceFile) -> int:
    """Texts and numbers anywhere in the file; returns how many findings were reported."""
    data = source.data
    if type(data) in (dict, list) and _within(data):
        return 0
    found = 0
    stack: list[tuple[Loc, Any]] = [((), source.data)]
    while stack and found < MAX_FINDINGS:
        loc, value = stack.pop()
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and len(key) > MAX_KEY and found < MAX_FINDINGS:
                    source.report(
                        (*loc, key),
                        msg("limit.key", length=f"{len(key):,}", limit=MAX_KEY),
                        at_value=False,
                    )
                    found += 1
            stack.extend(((*loc, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str) and len(value) > MAX_TEXT:
            source.report(
                loc,
                msg("limit.text", length=f"{len(value):,}", limit=f"{MAX_TEXT:,}"),
            )
            found += 1
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
            source.report(loc, msg("limit.number", limit=f"{MAX_INTEGER:,}"))
            found += 1
    return found


def _check_counts(source: SourceFile, data: dict[Any, Any]) -> None:
    """How many nodes, choices and references a scenario holds."""
    nodes = data.get("nodes") if isinstance(data.get("nodes"), dict) else {}
    endings = data.get("endings") if isinstance(data.get("endings"), dict) else {}
    if len(nodes) + len(endings) > MAX_NODES:
        source.report(
            ("nodes",),
            msg("limit.nodes", count=f"{len(nodes) + len(endings):,}", limit=f"{MAX_NODES:,}"),
            at_value=False,
        )
        return
    for key in ("variables", "characters"):
        block = data.get(key)
        if isinstance(block, dict) and len(block) > MAX_VARIABLES:
            source.report(
                (key,), msg("limit.entries", count=len(block), limit=MAX_VARIABLES), at_value=False
            )
    found = 0
    for nid, node in nodes.items():
        choices = node.get("choices") if isinstance(node, dict) else None
        if not isinstance(choices, list):
            continue
        if len(choices) > MAX_CHOICES:
            source.report(
                ("nodes", nid, "choices"),
                msg("limit.choices", count=len(choices), limit=MAX_CHOICES),
                at_value=False,
            )
            found += 1
        for i, choice in enumerate(choices[: MAX_CHOICES + 1]):
            for key in ("rules", "scores", "set", "add"):
                part = choice.get(key) if isinstance(choice, dict) else None
                if isinstance(part, list | dict) and len(part) > MAX_REFERENCES:
                    source.report(
                        ("nodes", nid, "choices", i, key),
                        msg("limit.per_choice", count=len(part), limit=MAX_REFERENCES),
                        at_value=False,
                    )
                    found += 1
        if found >= MAX_FINDINGS:
            return
