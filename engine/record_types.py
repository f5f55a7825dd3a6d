"""The rows of the records as plain frozen objects, so callers never see sqlite3 rows."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Literal

Mode = Literal["individual", "classroom"]


@dataclass(frozen=True)
class PlayerRecord:
    id: int
    uid: str
    name: str
    nip: str | None
    group: str | None


@dataclass(frozen=True)
class SessionRecord:
    """One row of ``sessions`` with its player; ``state`` is the engine's Session JSON."""

    id: int
    uid: str
    player: PlayerRecord
    scenario_id: str
    scenario_version: str
    mode: Mode
    programme_id: str | None
    started_at: str
    updated_at: str
    finished_at: str | None
    ending: str | None
    scores: dict[str, int] | None
    state: str
    abandoned: bool = False  # discarded, or left behind when a hot reload restarted the play

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class VoteRecord:
    """A class's vote at one decision: hands per choice (index in the node), and any tie."""

    hands: dict[int, int]
    tie_broken: bool
    named: tuple[tuple[str, int], ...] = ()  # (participant's name or NIP, choice index in node)


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    session_id: int
    step: int
    node: str
    choice: int  # index in the node's choices (not the position among the open ones)
    day: int
    chosen_at: str
    votes: VoteRecord | None


def player_from_row(row: sqlite3.Row) -> PlayerRecord:
    return PlayerRecord(row["id"], row["uid"], row["name"], row["nip"], row["group_code"])


def session_from_row(row: sqlite3.Row) -> SessionRecord:
    player = PlayerRecord(
        row["player_id"], row["p_uid"], row["p_name"], row["p_nip"], row["p_group"]
    )
    return SessionRecord(
        id=row["id"],
        uid=row["uid"],
        player=player,
        scenario_id=row["scenario_id"],
        scenario_version=row["scenario_version"],
        mode=row["mode"],
        programme_id=row["programme_id"],
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        finished_at=row["finished_at"],
        ending=row["ending"],
        scores=_scores(row["scores"]),
        state=row["state"],
        abandoned=bool(row["abandoned"]),
    )


def _scores(raw: object) -> dict[str, int] | None:
    """The stored scores, or None when the column is empty or not a JSON object of numbers
    (a hand-edited or damaged row must not stop a report or an export)."""
    if not raw or not isinstance(raw, str | bytes):
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): v for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)}
