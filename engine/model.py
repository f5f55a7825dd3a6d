"""The scenario format as pydantic models: the single definition of what authors may write.

The same classes validate YAML at load time and generate the JSON Schema that gives
facilitators completion and red squiggles in their editor. Models are frozen: a loaded
Library is immutable; only a Session changes during play.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationInfo,
    field_validator,
)

from engine.messages import msg
from engine.text import LocalText

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]+$", min_length=1, max_length=80)]
VarValue = StrictBool | StrictInt | StrictStr
Tone = Literal["good", "mixed", "bad"]
# Bounds on numbers that the engine adds up over a play (documented in scenarios/README.md).
MAX_DAY = 10_000  # calendar start and deadline: about forty working years
MAX_DAYS_PER_CHOICE = 365
MAX_SCORE = 100  # one choice's change to one value
Mood = Literal["neutral", "pleased", "worried", "angry", "sad"]
Place = Literal["office", "counter", "home", "field", "meeting", "flood", "clinic", "street"]
# The pedagogy checks of ``engine.pedagogy`` an author may switch off with ``lint_ignore:``.
CheckId = Literal[
    "dominant-choice",
    "best-path-not-good",
    "breach-reaches-good",
    "no-bad-ending",
    "duplicate-choice-text",
    "rule-undated",
    "rule-unsourced",
    "portrait-data",
    "stakes-long",
]
LintIgnore = list[CheckId]


class Strict(BaseModel):
    """Base: unknown keys are errors (typos must not pass silently); instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Character(Strict):
    """Someone who speaks in a scenario; the game draws an avatar for them from these fields.

    The portrait is drawn from what the author states (never guessed from the name), so a
    character without ``gender`` gets a lint warning until the content says it.
    """

    name: LocalText
    role: LocalText | None = None
    avatar: str | None = Field(
        None, description="Image file under assets/, or none for a drawn one"
    )
    gender: Literal["male", "female"] | None = Field(
        None, description="male or female: what the drawn portrait shows (lint: portrait-data)"
    )
    age: Literal["young", "adult", "senior"] = Field("adult", description="young, adult, senior")
    headwear: Literal["none", "hijab", "peci"] = Field(
        "none", description="none, hijab (female only) or peci (male only)"
    )
    outfit: Literal["pdh", "batik", "kemeja", "casual", "uniform", "medical"] = Field(
        "pdh",
        description="pdh (khaki ASN daily uniform), batik, kemeja, casual, uniform, medical",
    )
    glasses: StrictBool = Field(False, description="The portrait wears glasses")

    @field_validator("headwear")
    @classmethod
    def _headwear_fits_gender(cls, value: str, info: ValidationInfo) -> str:
        needs = {"hijab": "female", "peci": "male"}.get(value)
        if needs is not None and info.data.get("gender") != needs:
            raise ValueError(msg("model.headwear", headwear=value, gender=needs))
        return value


class Calendar(Strict):
    """The working-day counter: shown as a calendar; conditions read it as ``hari_kerja``."""

    start: StrictInt = Field(
        1, ge=0, le=MAX_DAY, description="Working day on which the scenario opens"
    )
    deadline: StrictInt | None = Field(
        None, ge=1, le=MAX_DAY, description="Day to mark on the calendar"
    )
    label: LocalText | None = Field(None, description="What the deadline is, e.g. lapor ke KPK")
    start_weekday: Literal["monday", "tuesday", "wednesday", "thursday", "friday"] | None = Field(
        None,
        description="Weekday of the start day, e.g. tuesday; the calendar then puts every "
        "working day under its weekday (without it, days are shown without weekday names)",
    )


class Choice(Strict):
    """One option at a decision point, with its consequence."""

    text: LocalText
    condition: str | None = Field(
        None, alias="if", description="Offered only when true, e.g. 'hari_kerja <= 30'"
    )
    scores: dict[Id, Annotated[StrictInt, Field(ge=-MAX_SCORE, le=MAX_SCORE)]] = Field(
        default_factory=dict, description="Change per BerAKHLAK value id"
    )
    set: dict[Id, VarValue] = Field(default_factory=dict, description="Variables to set")
    add: dict[Id, StrictInt] = Field(default_factory=dict, description="Numbers to add to")
    days: StrictInt = Field(0, ge=0, le=MAX_DAYS_PER_CHOICE, description="Working days that pass")
    feedback: LocalText
    rules: list[Id] = Field(min_length=1, description="Rule or behaviour-guide ids it relates to")
    next: Id
    verdict: Tone | None = Field(
        None, description="How the outcome screen judges this choice: good, mixed or bad"
    )
    breach: StrictBool = Field(
        False, description="The author marks this option as a clear breach of a rule"
    )
    reaction: Mood | None = Field(None, description="The speaker's expression on the outcome")
    lint_ignore: LintIgnore = Field(
        default_factory=list, description="Pedagogy lint check ids switched off for this choice"
    )


class Node(Strict):
    """A situation: who speaks, what happens, what the player may do."""

    title: LocalText | None = Field(None, description="Short label for maps and reports")
    speaker: Id | None = None
    text: LocalText
    image: str | None = None
    choices: list[Choice] = Field(min_length=1)
    notes: LocalText | None = Field(None, description="Facilitator notes (classroom view only)")
    questions: list[LocalText] = Field(
        default_factory=list, description="Discussion questions (classroom view only)"
    )
    stakes: LocalText | None = Field(
        None,
        description=(
            "Who or what is at stake here (people affected, a service, a deadline's cost), shown "
            "while playing; it must not hint at which option is better"
            "; the scenario's stakes if not set"
        ),
    )
    mood: Mood = Field("neutral", description="The speaker's expression in this situation")
    place: Place | None = Field(None, description="Background; the scenario's place if not set")
    pin_order: StrictBool = Field(
        False, description="Keep the options in file order instead of shuffling them per play"
    )
    lint_ignore: LintIgnore = Field(
        default_factory=list, description="Pedagogy lint check ids switched off for this node"
    )


class Ending(Strict):
    """Where a play-through stops, with its summary and tone."""

    title: LocalText
    text: LocalText
    tone: Tone
    image: str | None = None
    notes: LocalText | None = None


class Scenario(Strict):
    """A whole dilemma: metadata, cast, variables, and the graph of nodes and endings."""

    id: Id
    title: LocalText
    summary: LocalText
    focus_values: list[Id] = Field(min_length=1)
    minutes: StrictInt = Field(ge=1, le=240)
    audience: LocalText
    author: StrictStr
    version: StrictStr
    characters: dict[Id, Character] = Field(default_factory=dict)
    variables: dict[Id, VarValue] = Field(default_factory=dict)
    calendar: Calendar | None = None
    place: Place = Field("office", description="Background of every node without its own place")
    stakes: LocalText | None = Field(
        None,
        description=(
            "Who or what is at stake here (people affected, a service, a deadline's cost), shown "
            "while playing; it must not hint at which option is better"
            "; a node may say its own"
        ),
    )
    pin_order: StrictBool = Field(
        False, description="Keep every node's options in file order (no shuffling per play)"
    )
    start: Id
    nodes: dict[Id, Node] = Field(min_length=1)
    endings: dict[Id, Ending] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _number_version_is_text(cls, value: Any) -> Any:
        return (
            str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
        )


class Guide(Strict):
    """One official behaviour guide (panduan perilaku) of a value; citable like a rule."""

    id: Id
    text: LocalText


class Value(Strict):
    """A BerAKHLAK core value with its meaning, colour and behaviour guides."""

    id: Id
    name: LocalText
    meaning: LocalText
    color: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    icon: str = Field(description="Short symbol name the game draws for this value")
    guides: list[Guide] = Field(min_length=1)


class ValuesFile(Strict):
    """The file that defines the seven values and where their guides come from."""

    instrument: StrictStr
    source: StrictStr
    guide_label: LocalText = Field(description="How a guide is titled, e.g. 'Panduan perilaku'")
    date: dt.date
    checked: dt.date
    verified: StrictBool
    values: list[Value] = Field(min_length=1)


class Rule(Strict):
    """One entry of the rulebook: an article of law, a circular, a code of ethics, a framework."""

    id: Id
    title: LocalText
    instrument: StrictStr = Field(description="e.g. 'UU 20/2001'")
    article: StrictStr | None = Field(None, description="e.g. 'Pasal 12C ayat (2)'")
    summary: LocalText
    source: StrictStr
    date: dt.date | None = Field(None, description="Date of the instrument")
    checked: dt.date = Field(description="Date this entry was last checked")
    verified: StrictBool
    values: list[Id] = Field(default_factory=list, description="Values this rule relates to")
    note: LocalText | None = Field(None, description="What is unconfirmed or has changed")


class RulesFile(Strict):
    """A file of rulebook entries (the rulebook may be split over several files)."""

    rules: list[Rule] = Field(min_length=1)


class Programme(Strict):
    """An onboarding programme: which scenarios, in which order, and what must come first."""

    id: Id
    title: LocalText
    summary: LocalText
    scenarios: list[Id] = Field(min_length=1, description="Scenario ids in the order played")
    requires: dict[Id, list[Id]] = Field(
        default_factory=dict,
        description="Scenario id -> scenario ids that must be finished before it opens",
    )

    def prerequisites(self, scenario_id: str) -> list[str]:
        return list(self.requires.get(scenario_id, []))
