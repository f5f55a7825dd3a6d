"""A new scenario from the commented template, ready to edit and already valid.

The template lives in ``assets/templates/`` rather than ``scenarios/`` because the loader
reads every YAML file under ``scenarios/`` as content.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from engine.messages import msg
from engine.paths import PROJECT_ROOT, assets_dir, scenarios_dir

TEMPLATE = assets_dir() / "templates" / "new_scenario.yaml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9_\-]{1,80}$")


class ScaffoldError(ValueError):
    """The scenario cannot be created (bad id, file exists, id taken)."""


def default_path(scenario_id: str) -> Path:
    return scenarios_dir() / f"{scenario_id}.yaml"


def schema_reference(target: Path) -> str:
    """How a scenario written at ``target`` names the scenario schema for editors."""
    schema = scenarios_dir() / "schema" / "scenario.schema.json"
    schema, folder = schema.resolve(), target.resolve().parent
    if folder.is_relative_to(PROJECT_ROOT):
        return Path(os.path.relpath(schema, folder)).as_posix()
    return schema.as_uri()  # outside the project: a relative path would climb through others


def render(scenario_id: str, target: Path) -> str:
    """The template's text for ``scenario_id`` written at ``target``."""
    where = schema_reference(target)
    shown = target.as_posix()
    text = TEMPLATE.read_text(encoding="utf-8")
    return (
        text.replace("__SCHEMA__", where).replace("__PATH__", shown).replace("__ID__", scenario_id)
    )


def create(scenario_id: str, target: Path | None = None, taken: set[str] | None = None) -> Path:
    """Write the new scenario and return its path; never overwrites a file."""
    if not ID_PATTERN.fullmatch(scenario_id):  # match() would let a trailing newline through
        raise ScaffoldError(msg("new.bad_id", id=repr(scenario_id)))
    if taken and scenario_id in taken:
        raise ScaffoldError(msg("new.taken", id=scenario_id))
    target = target or default_path(scenario_id)
    if target.exists():
        raise ScaffoldError(msg("new.exists", path=target))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as out:  # "x": fail rather than overwrite
        out.write(render(scenario_id, target))
    return target
