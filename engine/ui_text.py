"""The program's own interface words (not scenario text), read from ``assets/ui.yaml``."""

from __future__ import annotations

from functools import cache

from engine import yaml_io
from engine.paths import assets_dir
from engine.text import LocalText


@cache
def _table() -> dict[str, LocalText]:
    data = yaml_io.load_data(yaml_io.read_text(assets_dir() / "ui.yaml"))
    return {key: LocalText.model_validate(value) for key, value in data.items()}


def tr(key: str, lang: str = "id", **fields: object) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` placeholders filled from ``fields``."""
    text = _table()[key].get(lang)
    for name, value in fields.items():
        text = text.replace("{" + name + "}", str(value))
    return text
