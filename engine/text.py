"""Bilingual text: Bahasa Indonesia first, English second.

Authors may write a plain string (Indonesian) or a mapping ``{id: ..., en: ...}``.
A missing English text falls back to Indonesian so a half-translated scenario still plays.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")


class LocalText(BaseModel):
    """A player-facing string in Indonesian with an optional English version."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_string_is_indonesian(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"id": data}
        return data

    def get(self, lang: str = "id") -> str:
        """The text in ``lang``, falling back to Indonesian."""
        if lang == "en" and self.en:
            return self.en
        return self.id

    def __str__(self) -> str:
        return self.id
