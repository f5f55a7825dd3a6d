"""A strict check of the xAPI 1.0.3 statements this game emits, run before any is sent.

An LRS may accept statements a strict one refuses (the notes on Ralph list several), and
another LRS may refuse what the first accepted; so a statement that breaks a rule is kept in
the outbox as ``invalid`` with the reasons, and never sent. The rules follow xAPI 1.0.3
Part Two, section 2 (Statement, Actor, Verb, Object, Result, Context, Timestamp, Version),
and 4.2 (language maps), for the shapes we emit: Agents and identified Groups, Activities.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any
from urllib.parse import urlsplit

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
TIMESTAMP_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"  # zone required
)
DURATION_RE = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
XAPI_VERSION = "1.0.3"
STATEMENT_KEYS = frozenset(
    {"id", "actor", "verb", "object", "result", "context", "timestamp", "version"}
)
AGENT_KEYS = frozenset({"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"})
RESULT_KEYS = frozenset({"score", "success", "completion", "response", "duration", "extensions"})
CONTEXT_KEYS = frozenset(
    {"registration", "instructor", "team", "contextActivities", "revision", "platform",
     "language", "statement", "extensions"}
)  # fmt: skip
INTERACTION_TYPES = frozenset(
    {"true-false", "choice", "fill-in", "long-fill-in", "matching", "performance",
     "sequencing", "likert", "numeric", "other"}
)  # fmt: skip
COMPONENT_LISTS = frozenset({"choices", "scale", "source", "target", "steps"})
DEFINITION_KEYS = frozenset(
    {"name", "description", "type", "moreInfo", "interactionType", "correctResponsesPattern",
     "extensions"}
) | COMPONENT_LISTS  # fmt: skip


def is_iri(value: Any) -> bool:
    """An absolute IRI: a scheme, a colon, no spaces or forbidden characters."""
    return isinstance(value, str) and bool(IRI_RE.match(value))


def is_timestamp(value: Any) -> bool:
    """ISO 8601 with a time zone, and a real date and time."""
    if not isinstance(value, str) or not TIMESTAMP_RE.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def problems(statement: Any) -> list[str]:
    """Every way ``statement`` breaks the rules ([] when it may be sent)."""
    out: list[str] = []

    def need(ok: bool, message: str) -> None:
        if not ok:
            out.append(message)

    def iri(value: Any, where: str) -> None:
        need(is_iri(value), f"{where}: not an absolute IRI")

    def irl(value: Any, where: str) -> None:
        parts = urlsplit(value) if isinstance(value, str) else None
        need(bool(parts and parts.scheme in ("http", "https") and parts.netloc), f"{where}: IRL")

    def lang_map(value: Any, where: str) -> None:
        if not isinstance(value, dict) or not value:
            out.append(f"{where}: language map must be a non-empty object")
            return
        for tag, text in value.items():
            need(bool(LANG_RE.match(tag)), f"{where}: {tag!r} is not an RFC 5646 tag")
            need(isinstance(text, str), f"{where}.{tag}: not a string")

    def extensions(value: Any, where: str) -> None:
        if not isinstance(value, dict):
            out.append(f"{where}: must be an object")
            return
        for key in value:
            iri(key, f"{where} key {key!r}")

    def no_nulls(value: Any, where: str) -> None:
        if value is None:
            out.append(f"{where}: null")
        elif isinstance(value, float) and not math.isfinite(value):
            out.append(f"{where}: not a finite number")
        elif isinstance(value, dict):
            if where.endswith("extensions"):
                return  # extension values are free JSON
            if not value:
                out.append(f"{where}: empty object")
            for k, v in value.items():
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
        need(set(value) <= AGENT_KEYS | {"member"}, f"{where}: unknown keys")
        ifis = [k for k in ("mbox", "mbox_sha1sum", "openid", "account") if k in value]
        if kind == "Agent" or "member" not in value:
            need(len(ifis) == 1, f"{where}: needs exactly one identifier, has {ifis}")
        if "name" in value:
            need(isinstance(value["name"], str), f"{where}.name: not a string")
        if "mbox" in value:
            need(str(value["mbox"]).startswith("mailto:"), f"{where}.mbox: not mailto:")
        if "account" in value:
            account = value["account"]
            need(
                isinstance(account, dict) and set(account) == {"homePage", "name"},
                f"{where}.account: needs exactly homePage and name",
            )
            if isinstance(account, dict):
                irl(account.get("homePage"), f"{where}.account.homePage")
                name = account.get("name")
                need(isinstance(name, str) and bool(name), f"{where}.account.name")
        members = value.get("member", [])
        need(isinstance(members, list), f"{where}.member: not a list")
        for i, member in enumerate(members if isinstance(members, list) else []):
            agent(member, f"{where}.member[{i}]", group_ok=False)

    def activity(value: Any, where: str) -> None:
        if not isinstance(value, dict):
            out.append(f"{where}: must be an object")
            return
        need(value.get("objectType", "Activity") == "Activity", f"{where}: objectType")
        need(set(value) <= {"objectType", "id", "definition"}, f"{where}: unknown keys")
        iri(value.get("id"), f"{where}.id")
        definition = value.get("definition", {})
        if not isinstance(definition, dict):
            out.append(f"{where}.definition: must be an object")
            return
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
        need(kind is None or kind in INTERACTION_TYPES, f"{where}: interactionType {kind!r}")
        for key in sorted(COMPONENT_LISTS & set(definition)):
            need(kind is not None, f"{where}.{key}: components without interactionType")
            items = definition[key] if isinstance(definition[key], list) else []
            ids = [c.get("id") if isinstance(c, dict) else None for c in items]
            need(len(ids) == len(set(ids)), f"{where}.{key}: ids not unique")
            for i, component in enumerate(items):
                need(isinstance(ids[i], str) and bool(ids[i]), f"{where}.{key}[{i}].id")
                if isinstance(component, dict) and "description" in component:
                    lang_map(component["description"], f"{where}.{key}[{i}].description")

    def result(value: Any) -> None:
        if not isinstance(value, dict):
            out.append("result: must be an object")
            return
        need(set(value) <= RESULT_KEYS, f"result: unknown keys {sorted(set(value) - RESULT_KEYS)}")
        for flag in ("success", "completion"):
            need(isinstance(value.get(flag, True), bool), f"result.{flag}: not a boolean")
        need(isinstance(value.get("response", ""), str), "result.response: not a string")
        if "duration" in value:
            need(bool(DURATION_RE.match(str(value["duration"]))), "result.duration: ISO 8601")
        if "score" in value:
            score = value["score"]
            if not isinstance(score, dict):
                out.append("result.score: must be an object")
            else:
                for key, number in score.items():
                    need(key in ("scaled", "raw", "min", "max"), f"result.score.{key}: unknown")
                    need(
                        isinstance(number, (int, float)) and not isinstance(number, bool),
                        f"result.score.{key}: not a number",
                    )
                scaled = score.get("scaled", 0)
                if isinstance(scaled, (int, float)):
                    need(-1 <= scaled <= 1, "result.score.scaled: outside -1..1")
        if "extensions" in value:
            extensions(value["extensions"], "result.extensions")

    def context(value: Any, obj: Any) -> None:
        if not isinstance(value, dict):
            out.append("context: must be an object")
            return
        need(set(value) <= CONTEXT_KEYS, f"context: unknown keys {set(value) - CONTEXT_KEYS}")
        if "registration" in value:
            need(bool(UUID_RE.match(str(value["registration"]))), "context.registration: UUID")
        if "language" in value:
            need(bool(LANG_RE.match(str(value["language"]))), "context.language: RFC 5646")
        is_activity = isinstance(obj, dict) and obj.get("objectType", "Activity") == "Activity"
        for key in ("platform", "revision"):
            if key in value:
                need(isinstance(value[key], str), f"context.{key}: not a string")
                need(is_activity, f"context.{key}: only for an Activity object")
        for key in ("instructor", "team"):
            if key in value:
                agent(value[key], f"context.{key}")
        activities = value.get("contextActivities", {})
        if not isinstance(activities, dict):
            out.append("context.contextActivities: must be an object")
            return
        known = {"parent", "grouping", "category", "other"}
        need(set(activities) <= known, "context.contextActivities: unknown keys")
        for key, items in activities.items():
            for i, item in enumerate(items if isinstance(items, list) else [items]):
                activity(item, f"context.contextActivities.{key}[{i}]")
        if "extensions" in value:
            extensions(value["extensions"], "context.extensions")

    if not isinstance(statement, dict):
        return ["statement: must be an object"]
    unknown = set(statement) - STATEMENT_KEYS
    need(not unknown, f"unknown keys {sorted(unknown)}")
    for key in ("id", "actor", "verb", "object", "timestamp", "version"):
        need(key in statement, f"{key} is required")
    no_nulls(statement, "statement")
    if "id" in statement:
        need(bool(UUID_RE.match(str(statement["id"]))), "id: not a lower-case UUID")
    agent(statement.get("actor"), "actor")
    verb = statement.get("verb")
    if not isinstance(verb, dict):
        out.append("verb: must be an object")
    else:
        need(set(verb) <= {"id", "display"}, "verb: unknown keys")
        iri(verb.get("id"), "verb.id")
        if "display" in verb:
            lang_map(verb["display"], "verb.display")
    obj = statement.get("object")
    if isinstance(obj, dict) and obj.get("objectType", "Activity") == "Activity":
        activity(obj, "object")
    else:
        out.append("object: only Activities are emitted by this game")
    if "result" in statement:
        result(statement["result"])
    if "context" in statement:
        context(statement["context"], obj)
    if "timestamp" in statement:
        need(is_timestamp(statement["timestamp"]), "timestamp: not ISO 8601 with a zone")
    if "version" in statement:
        need(statement["version"] == XAPI_VERSION, f"version: not {XAPI_VERSION}")
    return out
