"""Author-facing messages from one catalogue (``assets/messages.yaml``), in Indonesian or English.

Scenario authors work in Bahasa Indonesia, so Indonesian is the default; ``--lang en`` or env
``BERAKHLAK_LANG=en`` switches to English. Code names a message by its stable id and fills
its ``{placeholders}``; the words live only in the catalogue. A rendered message is a ``str``
that remembers its id (:class:`Msg`), so a :class:`~engine.problems.Problem` knows which
mistake it reports and tests and the guide can refer to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import yaml

from engine.paths import assets_dir

LANGS = ("id", "en")
ENV_LANG = "BERAKHLAK_LANG"
CATALOGUE = assets_dir() / "messages.yaml"
_chosen: list[str] = []  # set by the CLI's --lang; otherwise the environment decides


class Msg(str):
    """A rendered message that keeps its catalogue id (``code``)."""

    code: str

    def __new__(cls, text: str, code: str) -> Msg:
        made = super().__new__(cls, text)
        made.code = code
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Msg, (str(self), self.code))


def set_lang(lang: str | None) -> None:
    """Choose the language for this process (None: back to the environment's choice)."""
    _chosen.clear()
    if lang is not None:
        _chosen.append(lang if lang in LANGS else "id")


@contextmanager
def messages_in(lang: str) -> Iterator[None]:
    """Messages made inside the block are in ``lang``; the choice before it comes back after
    (the game words load problems in the player's language, not the shell's)."""
    before = list(_chosen)
    set_lang(lang)
    try:
        yield
    finally:
        _chosen[:] = before


def current_lang() -> str:
    """``--lang`` if given, else ``BERAKHLAK_LANG``, else Indonesian."""
    if _chosen:
        return _chosen[0]
    env = os.environ.get(ENV_LANG, "id").strip().lower()
    return env if env in LANGS else "id"


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every message id with its Indonesian and English text (read once)."""
    data = yaml.load(CATALOGUE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    out: dict[str, dict[str, str]] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in LANGS):
            raise ValueError(f"{CATALOGUE.name}: '{key}' needs both id: and en: texts")
        out[str(key)] = {k: entry[k] for k in LANGS}
    return out


def msg(key: str, /, *, lang: str | None = None, **fields: object) -> Msg:
    """The message ``key`` in ``lang`` (default: the current language), placeholders filled."""
    text = catalogue()[key][lang or current_lang()]
    for name, value in fields.items():
        text = text.replace("{" + name + "}", str(value))
    return Msg(text, key)


def code_of(message: str) -> str:
    """The catalogue id of a rendered message, '' for plain text."""
    return getattr(message, "code", "")
