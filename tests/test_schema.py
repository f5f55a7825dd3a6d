"""The committed JSON Schemas are what the model generates, and accept what the loader does."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from cli.commands import schema as schema_command
from engine.library import Library
from engine.model import Scenario
from engine.schema import MODELS, build, render, schema_dir

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", list(MODELS))
def test_committed_schema_is_the_generated_one(kind: str) -> None:
    committed = schema_dir() / f"{kind}.schema.json"
    assert committed.read_text(encoding="utf-8") == render(kind), (
        f"{committed} is out of date: run 'python main.py schema' and commit the result"
    )


def test_check_flag_reports_staleness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(check=True, output=None, kind="scenario")
    assert schema_command.run(args) == 0
    monkeypatch.setattr(schema_command, "schema_dir", lambda: tmp_path)
    (tmp_path / "scenario.schema.json").write_text("{}", encoding="utf-8")
    assert schema_command.run(args) == 1
    assert "scenario.schema.json is out of date" in capsys.readouterr().err


def test_schema_offers_the_value_ids_and_plain_text(library: Library) -> None:
    schema = build("scenario")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    scores = schema["$defs"]["Choice"]["properties"]["scores"]
    assert scores["propertyNames"] == {"enum": list(library.value_ids)}
    assert scores["additionalProperties"] == {"type": "integer"}
    assert schema["properties"]["focus_values"]["items"] == {"enum": list(library.value_ids)}
    local = schema["$defs"]["LocalText"]["anyOf"]
    assert local[0] == {"type": "string"}
    assert local[1]["required"] == ["id"] and local[1]["additionalProperties"] is False
    assert "if" in schema["$defs"]["Choice"]["properties"]  # the alias, as authors write it
    assert set(schema["required"]) == {
        n for n, f in Scenario.model_fields.items() if f.is_required()
    }


def test_written_to_a_file_or_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "rules.json"
    args = argparse.Namespace(check=False, output=str(out), kind="rules")
    assert schema_command.run(args) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "RulesFile"
    args = argparse.Namespace(check=False, output="-", kind="values")
    assert schema_command.run(args) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "ValuesFile"


def test_shipped_files_point_at_the_schemas() -> None:
    """Every shipped YAML names a schema that exists, relative to the file."""
    files = sorted((ROOT / "scenarios").rglob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if not first.startswith("# yaml-language-server: $schema="):
            continue
        target = (path.parent / first.split("=", 1)[1].strip()).resolve()
        assert target.is_file(), f"{path.name} points at a missing schema {target}"
