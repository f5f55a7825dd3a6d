"""The records as xAPI 1.0.3 statements, for a learning platform's Learning Record Store.

Per session: ``experienced`` when it starts (object: the scenario), ``answered`` for every
decision (object: the decision point, with the choice as the response), and ``completed``
when it ends (result: the ending and each value's score as extensions). Every IRI sits
under one configurable base. Statement ids are UUID v5 of the session's stable uid, the
statement kind and the step, so exporting twice gives the same ids and an LRS stores each
statement once.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from engine.record_types import DecisionRecord, SessionRecord

if TYPE_CHECKING:
    from engine.library import Library, Story
    from engine.records import Records

XAPI_VERSION = "1.0.3"
DEFAULT_IRI_BASE = "https://berakhlak.example/xapi"
ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERB_NAMES = {
    "experienced": {"en-US": "experienced", "id-ID": "mengalami"},
    "answered": {"en-US": "answered", "id-ID": "menjawab"},
    "completed": {"en-US": "completed", "id-ID": "menyelesaikan"},
}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
LANGS = {"id": "id-ID", "en": "en-US"}


# Characters an IRI may not contain (RFC 3987: no spaces, controls, "<>{}|\\^` or quotes).
_NOT_IN_IRI = re.compile(r'[\x00-\x20\x7f-\x9f"<>{}|\\^`]')


def check_iri_base(base: str) -> str:
    """The base without a trailing slash, or ValueError if it is not an absolute http(s) IRI.

    Every statement's ids are built on it; one bad character makes an LRS refuse them all.
    """
    bad = _NOT_IN_IRI.search(base)
    if bad:
        raise ValueError(
            f"the IRI base must be an absolute http(s) address such as "
            f"https://lms.example.org/xapi; {base!r} contains {bad.group()!r}, which an IRI "
            "may not hold"
        )
    try:
        parts = urlsplit(base)
    except ValueError as exc:
        raise ValueError(f"the IRI base {base!r} is not an address ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"the IRI base must be an absolute http(s) address without ? or #, not {base!r}"
        )
    return base.rstrip("/")


def export_statements(
    records: Records,
    library: Library | None,
    iri_base: str = DEFAULT_IRI_BASE,
    sessions: Iterable[SessionRecord] | None = None,
    notes: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Statements for ``sessions`` (default: all), oldest first.

    ``library`` adds names and choice texts to activity definitions; scenarios that are no
    longer loaded, or that were edited without a new ``version`` (their decisions no longer
    match), are exported by id only, and ``notes`` (when given) says which.
    """
    base = check_iri_base(iri_base)
    chosen = records.sessions() if sessions is None else list(sessions)
    statements: list[dict[str, Any]] = []
    for record in chosen:
        statements.extend(_session_statements(records, library, base, record, notes))
    statements.sort(key=lambda s: s["timestamp"])  # stable: ties keep each session's order
    return statements


def _session_statements(
    records: Records,
    library: Library | None,
    base: str,
    record: SessionRecord,
    notes: list[str] | None = None,
) -> list[dict[str, Any]]:
    story = library.stories.get(record.scenario_id) if library else None
    decisions = records.decisions(record.id)
    if _described(record, story) is not None and not _matches(story, decisions):
        story = None  # same version, other nodes: describe nothing rather than the wrong thing
        if notes is not None:
            notes.append(
                f"session {record.id}: the scenario '{record.scenario_id}' was edited without a "
                f"new version (still {record.scenario_version}) and its decisions no longer "
                "match; exported by node id and choice number only (raise version: when "
                "editing a scenario that has been played)"
            )
    out = [start_statement(base, record, story)]
    out.extend(answer_statement(base, record, story, d) for d in decisions)
    if record.finished_at is not None:
        out.append(end_statement(base, record, story))
    return out


def _matches(story: Story | None, decisions: Iterable[DecisionRecord]) -> bool:
    """Every recorded decision names a node and a choice the story still has."""
    nodes = story.scenario.nodes if story is not None else {}
    return all(d.node in nodes and 0 <= d.choice < len(nodes[d.node].choices) for d in decisions)


def _described(record: SessionRecord, story: Story | None) -> Story | None:
    """The story only if the record was played on its version (nodes may have changed)."""
    if story is None or story.scenario.version != record.scenario_version:
        return None
    return story


def _statement(
    base: str, record: SessionRecord, kind: str, step: int, verb: str, obj: dict, at: str
) -> dict[str, Any]:
    key = f"{base}/statements/{record.uid}/{kind}/{step}"
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, key)),
        "actor": _actor(base, record),
        "verb": {"id": ADL_VERBS + verb, "display": VERB_NAMES[verb]},
        "object": obj,
        "timestamp": at,
        "context": _context(base, record),
        "version": XAPI_VERSION,
    }


def _scenario_object(base: str, record: SessionRecord, story: Story | None) -> dict[str, Any]:
    scenario_object: dict[str, Any] = {
        "objectType": "Activity",
        "id": f"{base}/scenarios/{record.scenario_id}",
        "definition": {"type": SIMULATION},
    }
    story = _described(record, story)
    if story is not None:
        sc = story.scenario
        scenario_object["definition"]["name"] = _lang_map(sc.title)
        scenario_object["definition"]["description"] = _lang_map(sc.summary)
    return scenario_object


def start_statement(base: str, record: SessionRecord, story: Story | None) -> dict[str, Any]:
    """``experienced`` the scenario, at the session's start."""
    obj = _scenario_object(base, record, story)
    return _statement(base, record, "start", 0, "experienced", obj, record.started_at)


def answer_statement(
    base: str, record: SessionRecord, story: Story | None, decision: DecisionRecord
) -> dict[str, Any]:
    """``answered`` one decision point, with the choice, the day, deltas and class votes."""
    story = _described(record, story)
    scenario_iri = f"{base}/scenarios/{record.scenario_id}"
    node_object: dict[str, Any] = {
        "objectType": "Activity",
        "id": f"{scenario_iri}/nodes/{decision.node}",
        "definition": {"type": INTERACTION, "interactionType": "choice"},
    }
    extensions: dict[str, Any] = {
        f"{base}/extensions/day": decision.day,
        f"{base}/extensions/step": decision.step,
    }
    if story is not None and decision.node in story.scenario.nodes:
        node = story.scenario.nodes[decision.node]
        node_object["definition"]["name"] = _lang_map(node.title or node.text)
        node_object["definition"]["choices"] = [
            {"id": str(i), "description": _lang_map(c.text)} for i, c in enumerate(node.choices)
        ]
        if decision.choice < len(node.choices):
            for value_id, delta in sorted(node.choices[decision.choice].scores.items()):
                extensions[f"{base}/extensions/value/{value_id}"] = delta
    if decision.votes is not None:
        extensions[f"{base}/extensions/votes"] = {
            str(c): n for c, n in sorted(decision.votes.hands.items())
        }
        extensions[f"{base}/extensions/tie-broken"] = decision.votes.tie_broken
        if decision.votes.named:
            extensions[f"{base}/extensions/named-votes"] = [
                {"name": name, "choice": str(c)} for name, c in decision.votes.named
            ]
    item = _statement(
        base, record, "answer", decision.step, "answered", node_object, decision.chosen_at
    )
    item["result"] = {"response": str(decision.choice), "extensions": extensions}
    context = item["context"]
    parent = {"parent": [{"objectType": "Activity", "id": scenario_iri}]}
    item["context"] = {
        **context,
        "contextActivities": {**context.get("contextActivities", {}), **parent},
    }
    return item


def end_statement(base: str, record: SessionRecord, story: Story | None) -> dict[str, Any]:
    """``completed`` the scenario, with the ending and each value's final score."""
    extensions = {f"{base}/extensions/ending": record.ending or ""}
    for value_id, score in sorted((record.scores or {}).items()):
        extensions[f"{base}/extensions/value/{value_id}"] = score
    obj = _scenario_object(base, record, story)
    done = _statement(base, record, "end", 0, "completed", obj, record.finished_at or "")
    done["result"] = {"completion": True, "extensions": extensions}
    return done


def _actor(base: str, record: SessionRecord) -> dict[str, Any]:
    """An Agent for a person; an identified Group for a class playing together."""
    player = record.player
    return {
        "objectType": "Group" if record.mode == "classroom" else "Agent",
        "name": player.name,
        "account": {"homePage": base, "name": player.nip or player.uid},
    }


def _context(base: str, record: SessionRecord) -> dict[str, Any]:
    extensions: dict[str, Any] = {
        f"{base}/extensions/mode": record.mode,
        f"{base}/extensions/scenario-version": record.scenario_version,
    }
    if record.player.group:
        extensions[f"{base}/extensions/group"] = record.player.group
    context: dict[str, Any] = {
        "registration": record.uid,
        "platform": "BerAKHLAK",
        "extensions": extensions,
    }
    if record.programme_id:
        programme = f"{base}/programmes/{record.programme_id}"
        context["contextActivities"] = {"grouping": [{"objectType": "Activity", "id": programme}]}
    return context


def _lang_map(text: Any) -> dict[str, str]:
    """A LocalText as an xAPI language map (RFC 5646 tags)."""
    out = {LANGS["id"]: text.id}
    if text.en:
        out[LANGS["en"]] = text.en
    return out
