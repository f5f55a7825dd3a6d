"""``report --lrs``: the same facilitator report, built from the statements an LRS holds.

The statements of engine/xapi.py carry everything the report needs: the registration is the
session, the actor the player (account name: NIP, or the player's uid), context extensions
the group, mode and scenario version, ``answered`` results the step, choice, day and votes,
and ``completed`` results the ending and scores. They are turned back into the records'
:class:`SessionRecord` and :class:`DecisionRecord`, and :func:`engine.report.assemble` does
the rest, so the printing, CSV and chart code is shared with the local report.

Filters the LRS may not apply (Ralph's ``verb`` and ``activity`` filters never match) are
applied here; only ``since`` is passed to the LRS, to read less.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from engine.library import Library
from engine.lrs_client import LrsClient
from engine.lrs_config import LrsSettings
from engine.record_types import DecisionRecord, PlayerRecord, SessionRecord, VoteRecord
from engine.report import Report, assemble, parse_since
from engine.xapi import ADL_VERBS
from engine.xapi_check import UUID_RE

PLATFORM = "BerAKHLAK"


def build_lrs_report(
    settings: LrsSettings,
    library: Library,
    *,
    group: str | None = None,
    scenario: str | None = None,
    since: str | None = None,
    programme: str | None = None,
    client: LrsClient | None = None,
) -> Report:
    """Read the matching statements from the LRS (all pages) and build the report."""
    client = client or LrsClient(settings)
    since_utc = parse_since(since) if since else None
    params = {"since": since_utc} if since_utc else {}
    statements = client.statements(params)
    sessions, decisions = sessions_from_statements(
        statements, settings.iri_base, group=group, scenario=scenario, programme=programme
    )
    if since_utc:
        keep = tuple(s for s in sessions if _time(s.started_at) >= _time(since_utc))
        decisions = {s.id: decisions[s.id] for s in keep}
        sessions = keep
    filters = {"group": group, "scenario": scenario, "since": since, "programme": programme}
    return assemble(library, sessions, decisions, filters)


@functools.lru_cache(maxsize=65_536)  # each timestamp is compared many times while sorting
def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _ours(statement: dict[str, Any], base: str) -> bool:
    context = statement.get("context")
    obj = statement.get("object")
    return (
        isinstance(context, dict)
        and context.get("platform") == PLATFORM
        and isinstance(context.get("registration"), str)
        and isinstance(obj, dict)
        and str(obj.get("id", "")).startswith(f"{base}/scenarios/")
        and isinstance(statement.get("actor"), dict)
        and isinstance(statement.get("timestamp"), str)
    )


def sessions_from_statements(
    statements: Iterable[dict[str, Any]],
    iri_base: str,
    *,
    group: str | None = None,
    scenario: str | None = None,
    programme: str | None = None,
) -> tuple[tuple[SessionRecord, ...], dict[int, list[DecisionRecord]]]:
    """Sessions (oldest first, numbered from 1) and their decisions, from our statements."""
    base = iri_base.rstrip("/")
    ext = f"{base}/extensions/"
    by_session: dict[str, dict[str, dict[str, Any]]] = {}
    for statement in statements:
        if not _ours(statement, base):
            continue
        context = statement["context"]
        extensions = context.get("extensions") or {}
        if group is not None and extensions.get(ext + "group") != group:
            continue
        if programme is not None:
            grouping = (context.get("contextActivities") or {}).get("grouping") or []
            if not any(a.get("id") == f"{base}/programmes/{programme}" for a in grouping):
                continue
        by_session.setdefault(context["registration"], {})[str(statement.get("id"))] = statement
    players: dict[tuple[str, str, str | None], PlayerRecord] = {}
    built: list[tuple[SessionRecord, list[DecisionRecord]]] = []
    for uid, found in by_session.items():
        record = _session(uid, list(found.values()), base, players)
        if record is not None and (scenario is None or record[0].scenario_id == scenario):
            built.append(record)
    built.sort(key=lambda item: (_time(item[0].started_at), item[0].uid))
    sessions: list[SessionRecord] = []
    decisions: dict[int, list[DecisionRecord]] = {}
    next_decision = 1
    for number, (record, rows) in enumerate(built, start=1):
        sessions.append(replace(record, id=number))
        numbered = []
        for d in rows:
            numbered.append(replace(d, id=next_decision, session_id=number))
            next_decision += 1
        decisions[number] = numbered
    return tuple(sessions), decisions


def _verb(statement: dict[str, Any]) -> str:
    verb = str((statement.get("verb") or {}).get("id", ""))
    return verb[len(ADL_VERBS) :] if verb.startswith(ADL_VERBS) else ""


def _session(
    uid: str,
    statements: list[dict[str, Any]],
    base: str,
    players: dict[tuple[str, str, str | None], PlayerRecord],
) -> tuple[SessionRecord, list[DecisionRecord]] | None:
    ext = f"{base}/extensions/"
    statements.sort(key=lambda s: _time(s["timestamp"]))
    first = statements[0]
    actor, context = first["actor"], first["context"]
    extensions = context.get("extensions") or {}
    account = actor.get("account") or {}
    name, account_name = str(actor.get("name", "")), str(account.get("name", ""))
    group = extensions.get(ext + "group")
    key = (name, account_name, group)
    if key not in players:
        is_uid = bool(UUID_RE.match(account_name))
        players[key] = PlayerRecord(
            len(players) + 1,
            account_name,
            name,
            None if is_uid else account_name,
            group,
        )
    scenario_iri = str(first["object"]["id"]).split("/nodes/", 1)[0]
    scenario_id = scenario_iri[len(f"{base}/scenarios/") :]
    mode = extensions.get(ext + "mode")
    if mode not in ("individual", "classroom"):
        mode = "classroom" if actor.get("objectType") == "Group" else "individual"
    grouping = (context.get("contextActivities") or {}).get("grouping") or []
    programme_prefix = f"{base}/programmes/"
    programme = next(
        (a["id"][len(programme_prefix) :] for a in grouping
         if str(a.get("id", "")).startswith(programme_prefix)),
        None,
    )  # fmt: skip
    started_at = first["timestamp"]
    finished_at = ending = None
    scores: dict[str, int] | None = None
    decisions: list[DecisionRecord] = []
    for statement in statements:
        verb = _verb(statement)
        result = statement.get("result") or {}
        extras = result.get("extensions") or {}
        if verb == "experienced":
            started_at = statement["timestamp"]
        elif verb == "completed":
            finished_at = statement["timestamp"]
            ending = str(extras.get(ext + "ending", "")) or None
            scores = {
                k[len(ext + "value/") :]: int(v)
                for k, v in extras.items()
                if k.startswith(ext + "value/") and isinstance(v, (int, float))
            }
        elif verb == "answered":
            decision = _decision(statement, scenario_iri, ext, len(decisions) + 1)
            if decision is not None:
                decisions.append(decision)
    decisions.sort(key=lambda d: d.step)
    last = max([started_at, finished_at or "", *(d.chosen_at for d in decisions)], key=_key)
    record = SessionRecord(
        id=0,
        uid=uid,
        player=players[key],
        scenario_id=scenario_id,
        scenario_version=str(extensions.get(ext + "scenario-version", "")),
        mode=mode,
        programme_id=programme,
        started_at=started_at,
        updated_at=last,
        finished_at=finished_at,
        ending=ending,
        scores=scores,
        state="",
    )
    return record, decisions


def _key(text: str) -> dt.datetime:
    return _time(text) if text else dt.datetime.min.replace(tzinfo=dt.timezone.utc)


def _decision(
    statement: dict[str, Any], scenario_iri: str, ext: str, fallback_step: int
) -> DecisionRecord | None:
    node_iri = str(statement["object"].get("id", ""))
    if not node_iri.startswith(scenario_iri + "/nodes/"):
        return None
    result = statement.get("result") or {}
    extras = result.get("extensions") or {}
    response = str(result.get("response", ""))
    if not response.isdigit():
        return None
    votes = None
    hands = extras.get(ext + "votes")
    if isinstance(hands, dict):
        named = extras.get(ext + "named-votes")
        votes = VoteRecord(
            {int(c): int(n) for c, n in hands.items() if str(c).isdigit()},
            bool(extras.get(ext + "tie-broken", False)),
            tuple(
                (str(v["name"]), int(v["choice"]))
                for v in (named if isinstance(named, list) else [])
                if isinstance(v, dict) and str(v.get("choice", "")).isdigit()
            ),
        )
    step = extras.get(ext + "step")
    return DecisionRecord(
        0,
        0,
        step if isinstance(step, int) else fallback_step,
        node_iri[len(scenario_iri + "/nodes/") :],
        int(response),
        int(extras.get(ext + "day", 0)),
        statement["timestamp"],
        votes,
    )
