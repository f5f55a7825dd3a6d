"""JSON Schemas generated from the pydantic model, for editors with a YAML language server.

The model is the single definition of the format; these schemas are derived from it, then
adjusted where pydantic cannot say what the loader accepts: a text may be a plain string
(Indonesian) or ``{id, en}``, and a version may be written as a number. The seven value ids
are read from the values file and offered as a list, so editors complete ``scores:`` keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine import yaml_io
from engine.model import Programme, RulesFile, Scenario, ValuesFile
from engine.paths import scenarios_dir

DIALECT = "https://json-schema.org/draft/2020-12/schema"
MODELS: dict[str, type[BaseModel]] = {
    "scenario": Scenario,
    "rules": RulesFile,
    "values": ValuesFile,
    "programme": Programme,
}


def schema_dir() -> Path:
    return scenarios_dir() / "schema"


def value_ids(values_file: Path | None = None) -> list[str]:
    """The value ids in the values file, in its order (empty when it cannot be read)."""
    path = values_file or scenarios_dir() / "values.yaml"
    try:
        data = yaml_io.load_data(yaml_io.read_text(path))
    except (OSError, yaml_io.YamlProblem):
        return []
    items = data.get("values", []) if isinstance(data, dict) else []
    return [v["id"] for v in items if isinstance(v, dict) and isinstance(v.get("id"), str)]


def rule_ids() -> list[str]:
    """The shipped rule and behaviour-guide ids, sorted (what ``rules:`` may cite)."""
    from engine.loader import load_library  # the loader is heavier than this module

    return sorted(load_library([scenarios_dir()]).rules)


NEXT_NOTE = (
    "A node or ending id of this same file. Editors cannot complete it from a JSON Schema "
    "(the ids differ per file, and a schema cannot point at keys of the file it checks); "
    "python main.py lint reports a 'next' that does not exist, with 'did you mean'."
)


def _local_text(definition: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": "Indonesian text, or {id: Indonesian, en: English}",
        "anyOf": [{"type": "string"}, {k: v for k, v in definition.items() if k != "title"}],
    }


def build(
    kind: str, values: list[str] | None = None, rules: list[str] | None = None
) -> dict[str, Any]:
    """The schema for one kind of file: 'scenario', 'rules', 'values' or 'programme'."""
    model = MODELS[kind]
    schema = model.model_json_schema(by_alias=True)
    defs = schema.setdefault("$defs", {})
    if "LocalText" in defs:
        defs["LocalText"] = _local_text(defs["LocalText"])
    ids = value_ids() if values is None else values
    if kind == "scenario":
        # Rule ids as examples, not an enum: a rule an author has just added to a rulebook
        # must not be marked wrong before the schema is regenerated; the loader checks ids.
        cited = rule_ids() if rules is None else rules
        choice = defs["Choice"]["properties"]
        if cited:
            choice["rules"]["items"]["examples"] = cited
            choice["rules"]["description"] += " (list them: python main.py rules WORD)"
        choice["next"]["description"] = NEXT_NOTE
        version = schema["properties"]["version"]
        version.pop("type", None)
        version["anyOf"] = [{"type": "string"}, {"type": "number"}]
        if ids:
            scores = defs["Choice"]["properties"]["scores"]
            scores.pop("patternProperties", None)
            scores["propertyNames"] = {"enum": ids}
            scores["additionalProperties"] = {"type": "integer"}
            schema["properties"]["focus_values"]["items"] = {"enum": ids}
    if kind == "rules" and ids:
        defs["Rule"]["properties"]["values"]["items"] = {"enum": ids}
    return {"$schema": DIALECT, **schema}


def render(kind: str, values: list[str] | None = None) -> str:
    """The schema as the exact text committed under ``scenarios/schema/``."""
    return json.dumps(build(kind, values), indent=2, ensure_ascii=False) + "\n"


def write_all(folder: Path | None = None) -> list[Path]:
    """Write the schema files (one per kind); returns their paths."""
    folder = folder or schema_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in MODELS:
        path = folder / f"{kind}.schema.json"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written
