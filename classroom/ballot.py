"""Who is in the room and how they voted: plain data behind one lock.

The aiohttp thread writes votes and the game's frame loop reads tallies, so every method takes
the lock and every value handed out is an immutable snapshot.
"""

from __future__ import annotations

import secrets
import threading
import time
import unicodedata
from collections import deque
from dataclasses import dataclass, field

MAX_NAME = 40
MAX_OPTIONS = 9
MAX_LABEL = 300
MAX_DEVICES = 400
MAX_COMMANDS = 200
COMMAND_KINDS = frozenset(
    {
        "open_vote",
        "close_vote",
        "timer_start",
        "timer_pause",
        "timer_reset",
        "reveal",
        "next",
        "tie_pick",
        "show_questions",
    }
)


class RoomFull(Exception):
    """More devices joined than the room takes (bounded memory)."""


class VoteRefused(Exception):
    """A vote that cannot count; ``code`` is the machine-readable reason sent to the phone."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Tally:
    """One ballot's counts, in the order the options were opened (the game's view order)."""

    decision_key: str | None
    ballot: int
    options: tuple[str, ...]
    counts: tuple[int, ...]
    voters: int
    named: tuple[tuple[str, int], ...]
    open: bool

    @property
    def leaders(self) -> tuple[int, ...]:
        """Indices of the options with the most votes; more than one is a tie (as in the
        engine's ``records.leaders``: with no votes at all, every option leads)."""
        top = max(self.counts, default=0)
        return tuple(i for i, c in enumerate(self.counts) if c == top)

    @property
    def tie(self) -> bool:
        return len(self.leaders) > 1


EMPTY_TALLY = Tally(None, 0, (), (), 0, (), False)


@dataclass(frozen=True)
class Participant:
    """A device as the facilitator sees it (never its token)."""

    device: str
    name: str | None
    joined: float
    voted: bool


@dataclass(frozen=True)
class Command:
    """A facilitator's request from the phone; the game decides what it does with it."""

    kind: str
    arg: int | None = None
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Device:
    device: str
    name: str | None
    joined: float


@dataclass
class _Ballot:
    number: int
    key: str
    options: list[dict]
    prompt: dict
    open: bool = True
    votes: dict[str, int] = field(default_factory=dict)  # token -> option index


def clean_name(raw: object) -> str | None:
    """An optional name or NIP: printable, one line, at most MAX_NAME characters."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise VoteRefused("bad_name")
    text = "".join(ch for ch in raw if unicodedata.category(ch)[0] != "C")
    text = " ".join(text.split())[:MAX_NAME]
    return text or None


def bilingual(raw: object, what: str) -> dict[str, str]:
    """A label as {"id": ..., "en": ...}; a plain string serves both languages."""
    if isinstance(raw, str):
        raw = {"id": raw, "en": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise ValueError(f"{what}: expected a string or {{id: ..., en: ...}}, got {raw!r:.80}")
    en = raw.get("en") if isinstance(raw.get("en"), str) else raw["id"]
    return {"id": raw["id"][:MAX_LABEL], "en": en[:MAX_LABEL]}


class Room:
    """Devices, the current ballot and the facilitator's command queue."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._devices: dict[str, _Device] = {}
        self._ballot: _Ballot | None = None
        self._numbers = 0
        self._commands: deque[Command] = deque(maxlen=MAX_COMMANDS)

    # --- devices ---------------------------------------------------------------------------
    def join(self, token: object, name: object) -> tuple[str, bool]:
        """Token for this device (the known one, or a new one) and whether it was known."""
        clean = clean_name(name)
        with self._lock:
            if isinstance(token, str) and token in self._devices:
                if name is not None:
                    self._devices[token].name = clean
                return token, True
            if len(self._devices) >= MAX_DEVICES:
                raise RoomFull
            fresh = secrets.token_urlsafe(18)
            self._devices[fresh] = _Device(secrets.token_hex(3), clean, time.time())
            return fresh, False

    def known(self, token: object) -> bool:
        with self._lock:
            return isinstance(token, str) and token in self._devices

    def participants(self) -> list[Participant]:
        with self._lock:
            votes = self._ballot.votes if self._ballot else {}
            return [
                Participant(d.device, d.name, d.joined, t in votes)
                for t, d in self._devices.items()
            ]

    # --- ballots ---------------------------------------------------------------------------
    def open_vote(self, key: str, options: list, prompt: object = "") -> int:
        if not isinstance(key, str) or not key:
            raise ValueError("decision_key: a non-empty string")
        if not 1 <= len(options) <= MAX_OPTIONS:
            raise ValueError(f"options: 1 to {MAX_OPTIONS}, got {len(options)}")
        normal = []
        for i, opt in enumerate(options):
            label = opt.get("label", opt) if isinstance(opt, dict) else opt
            entry = {"label": bilingual(label, f"options[{i}]")}
            entry["key"] = str(opt.get("key", i)) if isinstance(opt, dict) else str(i)
            normal.append(entry)
        text = bilingual(prompt, "prompt")
        with self._lock:
            self._numbers += 1
            self._ballot = _Ballot(self._numbers, key, normal, text)
            return self._numbers

    def close_vote(self) -> Tally:
        with self._lock:
            if self._ballot:
                self._ballot.open = False
            return self._tally()

    def vote(self, token: object, ballot: object, choice: object) -> int:
        """Record (or replace) this device's vote; returns the option index counted."""
        with self._lock:
            if not isinstance(token, str) or token not in self._devices:
                raise VoteRefused("unknown_device")
            b = self._ballot
            if b is None or not b.open:
                raise VoteRefused("vote_closed")
            if ballot != b.number:
                raise VoteRefused("stale_ballot")
            if isinstance(choice, bool) or not isinstance(choice, int):
                raise VoteRefused("bad_choice")
            if not 0 <= choice < len(b.options):
                raise VoteRefused("bad_choice")
            b.votes[token] = choice
            return choice

    def tally(self) -> Tally:
        with self._lock:
            return self._tally()

    def _tally(self) -> Tally:
        b = self._ballot
        if b is None:
            return EMPTY_TALLY
        counts = [0] * len(b.options)
        named = []
        for token, choice in b.votes.items():
            counts[choice] += 1
            name = self._devices[token].name
            if name:
                named.append((name, choice))
        return Tally(
            b.key,
            b.number,
            tuple(o["key"] for o in b.options),
            tuple(counts),
            len(b.votes),
            tuple(sorted(named)),
            b.open,
        )

    def public(self, token: object = None) -> dict:
        """What a phone sees: the open (or last) ballot and its own choice, never counts."""
        with self._lock:
            b = self._ballot
            if b is None:
                return {"ballot": None}
            return {
                "ballot": b.number,
                "decision": b.key,
                "open": b.open,
                "prompt": b.prompt,
                "options": [o["label"] for o in b.options],
                "mine": b.votes.get(token) if isinstance(token, str) else None,
            }

    # --- facilitator commands ----------------------------------------------------------------
    def command(self, kind: object, arg: object) -> Command:
        if not isinstance(kind, str) or kind not in COMMAND_KINDS:
            raise VoteRefused("bad_command")
        if kind == "tie_pick":
            with self._lock:
                n = len(self._ballot.options) if self._ballot else 0
            if isinstance(arg, bool) or not isinstance(arg, int) or not 0 <= arg < n:
                raise VoteRefused("bad_argument")
        else:
            arg = None
        cmd = Command(kind, arg)
        with self._lock:
            self._commands.append(cmd)
        return cmd

    def poll_commands(self) -> list[Command]:
        with self._lock:
            out = list(self._commands)
            self._commands.clear()
            return out
