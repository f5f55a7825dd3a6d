"""xAPI export: every statement checked against the xAPI 1.0.3 statement rules (no network).

The validator below follows xAPI 1.0.3, Part Two, section 2 (Statement, Actor, Verb, Object,
Result, Context, Timestamp) and 4.2 (language maps), and the LRS rule that rejects any
property set to null or an empty object outside extensions.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from engine.library import Library
from engine.loader import load_library
from engine.records import Records, leaders
from engine.xapi import DEFAULT_IRI_BASE, export_statements

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
TIMESTAMP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"  # zone required
)
DURATION_RE = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp"}
STATEMENT_KEYS |= {"stored", "authority", "version", "attachments"}
INTERACTION_TYPES = {"true-false", "choice", "fill-in", "long-fill-in", "matching"}
INTERACTION_TYPES |= {"performance", "sequencing", "likert", "numeric", "other"}
COMPONENT_LISTS = {"choices", "scale", "source", "target", "steps"}
DEFINITION_KEYS = {"name", "description", "type", "moreInfo", "interactionType"}
DEFINITION_KEYS |= {"correctResponsesPattern", "extensions"} | COMPONENT_LISTS


def problems(statement: dict[str, Any]) -> list[str]:
    """Every way ``statement`` breaks the xAPI 1.0.3 statement rules ([] when valid)."""
    out: list[str] = []

    def need(ok: bool, message: str) -> None:
        if not ok:
            out.append(message)

    def iri(value: Any, where: str) -> None:
        need(isinstance(value, str) and bool(IRI_RE.match(value)), f"{where}: not an IRI")

    def irl(value: Any, where: str) -> None:
        parts = urlsplit(value) if isinstance(value, str) else None
        need(bool(parts and parts.scheme in ("http", "https") and parts.netloc), f"{where}: IRL")

    def lang_map(value: Any, where: str) -> None:
        if not isinstance(value, dict) or not value:
            out.append(f"{where}: language map must be a non-empty object")
            return
        for tag, text in value.items():
            need(bool(LANG_RE.match(tag)), f"{where}: '{tag}' is not an RFC 5646 tag")
            need(isinstance(text, str), f"{where}.{tag}: not a string")

    def extensions(value: Any, where: str) -> None:
        need(isinstance(value, dict), f"{where}: must be an object")
        for key in value if isinstance(value, dict) else ():
            iri(key, f"{where} key {key!r}")

    def no_nulls(value: Any, where: str) -> None:
        if value is None:
            out.append(f"{where}: null")
        elif isinstance(value, dict):
            if not value and not where.endswith("extensions"):
                out.append(f"{where}: empty object")
            for k, v in value.items():
                if not where.endswith("extensions"):
                    no_nulls(v, f"{where}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                no_nulls(v, f"{where}[{i}]")

    def agent(value: Any, where: str, group_ok: bool = True) -> None:
        if not isinstance(value, dict):
            out.append(f"{where}: must be an object")
            return
        kind = value.get("objectType", "Agent")
        need(kind in (("Agent", "Group") if group_ok else ("Agent",)), f"{where}: objectType")
        ifis = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in value]
        if kind == "Agent" or "member" not in value:
            need(len(ifis) == 1, f"{where}: needs exactly one identifier, has {ifis}")
        if "name" in value:
            need(isinstance(value["name"], str), f"{where}.name: not a string")
        if "mbox" in value:
            need(str(value["mbox"]).startswith("mailto:"), f"{where}.mbox: not mailto:")
        if "account" in value:
            account = value["account"]
            need(isinstance(account, dict) and set(account) == {"homePage", "name"}, "account")
            if isinstance(account, dict):
                irl(account.get("homePage"), f"{where}.account.homePage")
                need(isinstance(account.get("name"), str), f"{where}.account.name")
        for i, member in enumerate(value.get("member", [])):
            agent(member, f"{where}.member[{i}]", group_ok=False)

    def activity(value: Any, where: str) -> None:
        if not isinstance(value, dict):
            out.append(f"{where}: must be an object")
            return
        need(value.get("objectType", "Activity") == "Activity", f"{where}: objectType")
        iri(value.get("id"), f"{where}.id")
        definition = value.get("definition", {})
        need(set(definition) <= DEFINITION_KEYS, f"{where}.definition: unknown keys")
        for key in ("name", "description"):
            if key in definition:
                lang_map(definition[key], f"{where}.definition.{key}")
        if "type" in definition:
            iri(definition["type"], f"{where}.definition.type")
        if "moreInfo" in definition:
            irl(definition["moreInfo"], f"{where}.definition.moreInfo")
        if "extensions" in definition:
            extensions(definition["extensions"], f"{where}.definition.extensions")
        kind = definition.get("interactionType")
        need(kind is None or kind in INTERACTION_TYPES, f"{where}: interactionType {kind}")
        for key in COMPONENT_LISTS & set(definition):
            need(kind is not None, f"{where}.{key}: components without interactionType")
            ids = [c.get("id") for c in definition[key]]
            need(len(ids) == len(set(ids)), f"{where}.{key}: ids not unique")
            for i, component in enumerate(definition[key]):
                need(isinstance(component.get("id"), str), f"{where}.{key}[{i}].id")
                if "description" in component:
                    lang_map(component["description"], f"{where}.{key}[{i}].description")

    need(isinstance(statement, dict), "statement must be an object")
    if not isinstance(statement, dict):
        return out
    need(set(statement) <= STATEMENT_KEYS, f"unknown keys {set(statement) - STATEMENT_KEYS}")
    for key in ("actor", "verb", "object"):
        need(key in statement, f"{key} is required")
    no_nulls(statement, "statement")
    if "id" in statement:
        need(bool(UUID_RE.match(str(statement["id"]))), "id: not a UUID")
    agent(statement.get("actor"), "actor")
    verb = statement.get("verb", {})
    iri(verb.get("id"), "verb.id")
    if "display" in verb:
        lang_map(verb["display"], "verb.display")
    obj = statement.get("object", {})
    if obj.get("objectType", "Activity") == "Activity":
        activity(obj, "object")
    if "result" in statement:
        result = statement["result"]
        need(set(result) <= {"score", "success", "completion", "response", "duration",
                             "extensions"}, "result: unknown keys")  # fmt: skip
        for flag in ("success", "completion"):
            need(isinstance(result.get(flag, True), bool), f"result.{flag}: not a boolean")
        need(isinstance(result.get("response", ""), str), "result.response: not a string")
        if "duration" in result:
            need(bool(DURATION_RE.match(result["duration"])), "result.duration: ISO 8601")
        if "score" in result:
            scaled = result["score"].get("scaled", 0)
            need(-1 <= scaled <= 1, "result.score.scaled out of -1..1")
        if "extensions" in result:
            extensions(result["extensions"], "result.extensions")
    if "context" in statement:
        context = statement["context"]
        if "registration" in context:
            need(bool(UUID_RE.match(context["registration"])), "context.registration: UUID")
        if "language" in context:
            need(bool(LANG_RE.match(context["language"])), "context.language: RFC 5646")
        for key in ("platform", "revision"):
            if key in context:
                need(isinstance(context[key], str), f"context.{key}: not a string")
                need(obj.get("objectType", "Activity") == "Activity", f"context.{key}")
        activities = context.get("contextActivities", {})
        need(set(activities) <= {"parent", "grouping", "category", "other"}, "contextActivities")
        for key, value in activities.items():
            for i, item in enumerate(value if isinstance(value, list) else [value]):
                activity(item, f"context.contextActivities.{key}[{i}]")
        if "extensions" in context:
            extensions(context["extensions"], "context.extensions")
    if "timestamp" in statement:
        need(bool(TIMESTAMP_RE.match(str(statement["timestamp"]))), "timestamp: ISO 8601 + zone")
    return out


# -- the data ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([FIXTURES / "good" / "mini.yaml", FIXTURES / "boundary" / "batas.yaml"])


def fill(records: Records, lib: Library) -> dict[str, int]:
    """An individual session with NIP, one in a programme, a classroom tie, an unfinished one."""
    ani = records.player("Ani", nip="199001012015011001", group="LATSAR-7")
    budi = records.player("Budi", group="LATSAR-7")
    ids = {}
    rec = records.begin(lib, "mini", ani)
    rec.choose(1)
    rec.choose(0)
    ids["ani"] = rec.session_id
    rec = records.begin(lib, "batas", budi, programme_id="orientasi")
    rec.choose(1)
    rec.choose(0)
    ids["budi"] = rec.session_id
    rec = records.begin(lib, "batas", records.player("Kelas A", group="G1"), mode="classroom")
    rec.choose(leaders([9, 9])[1], votes=[9, 9])
    rec.choose(0, votes=[30])
    ids["class"] = rec.session_id
    rec = records.begin(lib, "mini", budi)
    rec.choose(0)
    ids["open"] = rec.session_id
    return ids


def by(statements: list[dict], verb: str) -> list[dict]:
    return [s for s in statements if s["verb"]["id"] == f"http://adlnet.gov/expapi/verbs/{verb}"]


def test_every_statement_follows_the_xapi_rules(lib: Library, tmp_path: Path) -> None:
    with Records.open(tmp_path) as records:
        fill(records, lib)
        statements = export_statements(records, lib)
        decisions = sum(len(records.decisions(s.id)) for s in records.sessions())
    assert [p for s in statements for p in problems(s)] == []
    assert len(by(statements, "experienced")) == 4
    assert len(by(statements, "answered")) == decisions == 7
    assert len(by(statements, "completed")) == 3  # the unfinished session is not completed
    assert len({s["id"] for s in statements}) == len(statements)
    for s in statements:
        assert s["object"]["id"].startswith(DEFAULT_IRI_BASE + "/scenarios/")


def test_results_carry_scores_votes_and_who(lib: Library, tmp_path: Path) -> None:
    with Records.open(tmp_path) as records:
        ids = fill(records, lib)
        statements = export_statements(records, lib)
        sessions = {s.id: s for s in records.sessions()}
    base = DEFAULT_IRI_BASE + "/extensions/"
    for done in by(statements, "completed"):
        record = next(s for s in sessions.values() if s.uid == done["context"]["registration"])
        ext = done["result"]["extensions"]
        assert {k.removeprefix(base + "value/"): v for k, v in ext.items() if "/value/" in k} == (
            record.scores
        )
        assert ext[base + "ending"] == record.ending and done["result"]["completion"] is True
    ani = next(s for s in statements if s["actor"]["name"] == "Ani")
    assert ani["actor"] == {
        "objectType": "Agent",
        "name": "Ani",
        "account": {"homePage": DEFAULT_IRI_BASE, "name": "199001012015011001"},
    }
    budi = next(s for s in statements if s["actor"]["name"] == "Budi")
    assert budi["actor"]["account"]["name"] == sessions[ids["budi"]].player.uid  # no NIP
    programme = [s for s in statements if s["context"]["registration"] == sessions[ids["budi"]].uid]
    assert all(
        s["context"]["contextActivities"]["grouping"][0]["id"]
        == DEFAULT_IRI_BASE + "/programmes/orientasi"
        for s in programme
    )
    votes = [s for s in by(statements, "answered") if s["actor"]["objectType"] == "Group"]
    assert [s["result"]["extensions"][base + "votes"] for s in votes] == [
        {"0": 9, "1": 9},
        {"1": 30},  # by index in the node: on day 31 only choice 1 is open
    ]
    assert [s["result"]["extensions"][base + "tie-broken"] for s in votes] == [True, False]
    first = votes[0]
    assert first["result"]["response"] == "1"
    assert [c["id"] for c in first["object"]["definition"]["choices"]] == ["0", "1"]
    assert first["object"]["definition"]["name"] == {"id-ID": "Parsel diterima."}


def _export(data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    where = ["--data-dir", str(data)]
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", "--xapi", str(out), *where, *extra],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_exporting_twice_gives_the_same_ids_and_finishing_adds_only_new_ones(
    lib: Library, tmp_path: Path
) -> None:
    with Records.open(tmp_path) as records:
        ids = fill(records, lib)
    first = _export(tmp_path, tmp_path / "a.json")
    assert first.returncode == 0, first.stderr
    assert "14 xAPI statement(s) from 4 session(s)" in first.stdout
    second = _export(tmp_path, tmp_path / "b.json")
    a = json.loads((tmp_path / "a.json").read_text("utf-8"))
    b = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert a == b
    assert [p for s in a for p in problems(s)] == []
    with Records.open(tmp_path) as records:
        rec = records.resume(lib, records.session(ids["open"]))
        rec.choose(0)
    third = _export(tmp_path, tmp_path / "c.json")
    assert second.returncode == third.returncode == 0
    c = {s["id"]: s for s in json.loads((tmp_path / "c.json").read_text("utf-8"))}
    assert {s["id"] for s in a} < set(c) and len(c) == len(a) + 2  # one answer, one completion
    assert all(c[s["id"]] == s for s in a)  # the old statements did not change
    for s in c.values():
        assert uuid.UUID(s["id"]).version == 5


def test_the_iri_base_is_configurable_and_checked(lib: Library, tmp_path: Path) -> None:
    with Records.open(tmp_path) as records:
        fill(records, lib)
    base = "https://lms.example.go.id/berakhlak"
    result = _export(tmp_path, tmp_path / "x.json", "--iri-base", base + "/")
    assert result.returncode == 0, result.stderr
    statements = json.loads((tmp_path / "x.json").read_text("utf-8"))
    assert [p for s in statements for p in problems(s)] == []
    for s in statements:
        assert s["object"]["id"].startswith(base + "/scenarios/")
        assert s["actor"]["account"]["homePage"] == base
        keys = [*s["context"]["extensions"], *s.get("result", {}).get("extensions", {})]
        assert keys and all(k.startswith(base + "/extensions/") for k in keys)
    bad = _export(tmp_path, tmp_path / "y.json", "--iri-base", "berakhlak xapi")
    assert bad.returncode == 2 and "absolute" in bad.stderr
    assert not (tmp_path / "y.json").exists()


GOOD = {
    "id": "5e8f0c8e-3b0a-5d7e-9a8b-0123456789ab",
    "actor": {"name": "A", "account": {"homePage": "https://x.example", "name": "1"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
    "object": {"id": "https://x.example/a", "definition": {"type": "https://x.example/t"}},
    "result": {"extensions": {"https://x.example/e": 1}},
    "timestamp": "2025-05-01T09:00:00.000Z",
}


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("actor",), None, "actor is required"),
        (("id",), "12345", "id: not a UUID"),
        (("timestamp",), "2025-05-01T09:00:00", "timestamp"),
        (("verb", "id"), "answered", "verb.id: not an IRI"),
        (("verb", "display"), {"english": "answered"}, "RFC 5646"),
        (("result", "extensions"), {"score": 1}, "result.extensions key"),
        (("actor", "account", "homePage"), "x.example", "homePage: IRL"),
        (("actor", "mbox"), "mailto:a@x.example", "exactly one identifier"),
        (("object", "definition", "name"), {}, "language map"),
        (("result", "success"), None, "null"),
    ],
)
def test_the_validator_catches_broken_statements(
    path: tuple[str, ...], value: object, expected: str
) -> None:
    assert problems(GOOD) == []
    broken = json.loads(json.dumps(GOOD))
    holder = broken
    for key in path[:-1]:
        holder = holder[key]
    if value is None and path == ("actor",):
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    found = problems(broken)
    assert any(expected in p for p in found), found
