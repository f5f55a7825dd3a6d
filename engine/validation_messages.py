"""Turn pydantic's validation errors into plain messages placed at a file's line and column."""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from engine.messages import msg
from engine.problems import did_you_mean
from engine.text import LocalText

# pydantic's error type -> the catalogue id of the words for what was expected
_EXPECTED = {
    "string_type": "kind.text",
    "int_type": "kind.int",
    "int_from_float": "kind.int",
    "int_parsing": "kind.int",
    "bool_type": "kind.bool",
    "bool_parsing": "kind.bool",
    "list_type": "kind.list",
    "dict_type": "kind.block",
    "model_type": "kind.block",
    "date_type": "kind.date",
    "date_parsing": "kind.date",
    "date_from_datetime_parsing": "kind.date",
    "date_from_datetime_inexact": "kind.date",
}
# pydantic's bound errors -> catalogue ids ({limit} is the bound, {found} what was written)
_BOUNDS = {
    "greater_than_equal": "model.at_least",
    "greater_than": "model.more_than",
    "less_than_equal": "model.at_most",
    "less_than": "model.less_than",
    "too_long": "model.too_long",
    "string_too_long": "model.text_too_long",
    "string_too_short": "model.text_empty",
}
_UNION_TAGS = {"bool", "int", "str", "LocalText", "date", "none"}


def _describe(value: Any) -> str:
    if value is None:
        return msg("found.nothing")
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, str):
        return msg("found.text", text=value[:40])
    if isinstance(value, int | float):
        return msg("found.number", number=value)
    if isinstance(value, list):
        return msg("found.list")
    if isinstance(value, dict):
        return msg("found.block")
    return type(value).__name__


def _field_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose keys live at ``loc`` (for 'did you mean' suggestions)."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            by_key = {f.alias or n: f for n, f in annotation.model_fields.items()}
            if part not in by_key:
                return None
            annotation = by_key[part].annotation
        elif typing.get_origin(annotation) in (dict, list):
            annotation = typing.get_args(annotation)[-1]
        else:
            return None
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so we can look inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(inner) != 1:
                return annotation
            annotation = inner[0]
        else:
            return annotation


def messages(
    exc: ValidationError,
    model: type[BaseModel],
    prefix: Sequence[str | int] = (),
    data: Any = None,
) -> list[tuple[tuple[str | int, ...], str, bool]]:
    """(location, message, point_at_value) for each distinct problem in ``exc``.

    Union members show up as several errors for one place; they are merged into one
    "expected X or Y" message so the author sees a single line.
    """
    merged: dict[tuple[str | int, ...], list[dict[str, Any]]] = {}
    for err in exc.errors():
        loc = tuple(err["loc"])
        while loc and loc[-1] in _UNION_TAGS and err["type"] in _EXPECTED:
            loc = loc[:-1]
        merged.setdefault(loc, []).append(err)
    out = []
    misspelt = _misspelt_missing_keys(merged, model)
    for loc, errs in merged.items():
        full = (*prefix, *loc)
        first = errs[0]
        kind = first["type"]
        if kind == "missing" and loc in misspelt:
            continue  # reported once, as the misspelt key with its suggestion
        if kind == "missing":
            out.append((full[:-1], msg("model.missing_key", key=loc[-1]), False))
        elif kind == "extra_forbidden":
            owner = _model_at(model, loc[:-1])
            block = _text_block_before(data, full) if owner is not LocalText else None
            if block is not None:
                out.append(
                    (full, msg("model.lang_key_too_far_left", key=loc[-1], block=block), False)
                )
                continue
            hint = did_you_mean(str(loc[-1]), _field_keys(owner)) if owner else ""
            if owner is LocalText and not hint:
                hint = msg("hint.comma_in_braces")
            out.append((full, msg("model.unknown_key", key=loc[-1], hint=hint), False))
        elif all(e["type"] in _EXPECTED for e in errs):
            wanted = list(dict.fromkeys(msg(_EXPECTED[e["type"]]) for e in errs))
            words = msg("kind.or").join(wanted)
            found = _describe(first.get("input"))
            out.append((full, msg("model.expected", expected=words, found=found), True))
        elif kind == "too_short":
            need = first.get("ctx", {}).get("min_length", 1)
            out.append((full, msg("model.too_short", count=need), True))
        elif kind == "string_pattern_mismatch":
            out.append((full, msg("model.bad_id", value=first.get("input")), True))
        elif kind == "literal_error":
            expected = first.get("ctx", {}).get("expected", "")
            found = first.get("input")
            options = re.findall(r"'([^']*)'", str(expected))
            hint = did_you_mean(found, options) if isinstance(found, str) else ""
            out.append(
                (
                    full,
                    msg("model.not_one_of", options=expected, found=_describe(found), hint=hint),
                    True,
                )
            )
        elif kind in _BOUNDS:
            ctx = first.get("ctx", {})
            limit = next((ctx[k] for k in ("ge", "le", "gt", "lt", "max_length") if k in ctx), "?")
            found = _describe(first.get("input"))
            out.append((full, msg(_BOUNDS[kind], limit=limit, found=found), True))
        elif kind == "value_error":
            out.append((full, str(first["msg"]).removeprefix("Value error, "), True))
        else:
            out.append((full, first["msg"], True))
    return out


def _text_block_before(data: Any, full: Sequence[str | int]) -> str | None:
    """For an ``id:``/``en:`` key outside any text: the text key just above it, if any.

    ``en:`` written two spaces too far left lands beside ``text:`` instead of inside it;
    the key before it in the same block is the text it was meant for.
    """
    if not full or full[-1] not in ("id", "en") or not isinstance(data, dict):
        return None
    block: Any = data
    for part in full[:-1]:
        try:
            block = block[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(block, dict):
        return None
    keys = list(block)
    here = keys.index(full[-1]) if full[-1] in keys else 0
    if here == 0:
        return None
    before = block[keys[here - 1]]
    if isinstance(before, dict) and set(before) <= {"id", "en"}:
        return str(keys[here - 1])
    return None


def _misspelt_missing_keys(
    merged: dict[tuple[str | int, ...], list[dict[str, Any]]], model: type[BaseModel]
) -> set[tuple[str | int, ...]]:
    """Missing keys that an unknown key nearby is a misspelling of ('titel' for 'title')."""
    missing = {loc for loc, errs in merged.items() if errs[0]["type"] == "missing"}
    found = set()
    for loc, errs in merged.items():
        if errs[0]["type"] != "extra_forbidden":
            continue
        candidates = [m[-1] for m in missing if m[:-1] == loc[:-1]]
        hint = did_you_mean(str(loc[-1]), [str(c) for c in candidates])
        found.update(m for m in missing if m[:-1] == loc[:-1] and f"'{m[-1]}'" in hint)
    return found
