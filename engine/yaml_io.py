"""Reading YAML safely, and finding where in a file a problem is.

The fast path is libyaml's C loader straight to Python data. Source positions cost time,
so we only compose a file into nodes (which keep line and column) when something in it
is wrong. Hostile input is refused early: oversized files, bytes that are not UTF-8, control
characters, anchors and aliases (the "billion laughs" expansion, found in the parser's
events however they are written), duplicate keys and Python tags. A scalar the constructor
cannot build (2026-02-30, a 5,000-digit number) is placed at its line, never raised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from engine.messages import msg
from engine.yaml_explain import explain

MAX_FILE_BYTES = 2 * 1024 * 1024  # 36x the largest shipped scenario; 1,000 nodes take 0.9 MB
MAX_DEPTH = 64
MAX_INTEGER = 1_000_000_000  # any whole number in a file; checked by engine.limits

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """A file that cannot be read as YAML at all; line and col are 1-based."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.col = message, line, col


class _FastSafeLoader(_Loader):  # type: ignore[misc,valid-type]
    """The safe C loader that refuses duplicate keys (a second ``text:`` would hide the first).

    The check costs one length comparison per mapping; the keys are only searched when the
    built dict came out shorter than the YAML block.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        msg("yaml.duplicate_key", key=key),
                        key_node.start_mark,
                    )
                seen.add(key)
        return mapping


def read_text(path: Path) -> str:
    """The file's text, refusing what is too big or not UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            msg("file.too_large", size=f"{size / 1e6:.1f}", limit=f"{MAX_FILE_BYTES / 1e6:.0f}")
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(msg("file.not_utf8"), line, col) from None
    return text.removeprefix("\ufeff")


def check_no_aliases(text: str) -> None:
    """Refuse anchors and aliases however they are written (``*a``, ``{"k": *a}``, ``&a [..]``).

    The parser's own events are checked, not a pattern over the text: YAML has too many
    places an alias may start. Only files that contain ``&`` or ``*`` at all pay for it.
    """
    if "&" not in text and "*" not in text:
        return
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise YamlProblem(
                msg("yaml.alias"),
                mark.line + 1,
                mark.column + 1,
            )


_BRACKETS = re.compile(r"[\[\]{}]")
_DASH_RUN = re.compile(rf"(?:-[ \t]+){{{MAX_DEPTH}}}")


def _check_depth(text: str) -> None:
    """Refuse absurd nesting before libyaml recurses into it (100k levels crash the C parser).

    Indentation cannot nest deeply within the size limit; flow brackets and ``- - -`` can.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                _raise_at(text, match.start(), msg("yaml.too_deep", depth=MAX_DEPTH))
        else:
            depth = max(depth - 1, 0)
    dashes = _DASH_RUN.search(text) if "- -" in text else None
    if dashes:
        _raise_at(text, dashes.start(), msg("yaml.too_deep", depth=MAX_DEPTH))


def _raise_at(text: str, index: int, message: str) -> None:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    raise YamlProblem(message, line, col)


def load_data(text: str) -> Any:
    """Parse YAML text to plain Python data, or raise :class:`YamlProblem`."""
    _check_depth(text)
    try:
        check_no_aliases(text)
        return yaml.load(text, Loader=_FastSafeLoader)
    except yaml.reader.ReaderError as exc:
        # A control character such as NUL: placed at its own line, not at 1:1.
        _raise_at(text, exc.position, _reader_message(exc))
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "could not determine a constructor" in (exc.problem or ""):
            raise YamlProblem(msg("yaml.python_tag"), *where) from None
        raise YamlProblem(exc.problem or msg("yaml.other", detail="?"), *where) from None
    except yaml.MarkedYAMLError as exc:
        message, line, col = explain(text, exc)
        raise YamlProblem(message, line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(msg("yaml.other", detail=str(exc)[:200])) from None
    except RecursionError:
        raise YamlProblem(msg("yaml.too_deep", depth=MAX_DEPTH)) from None
    except (ValueError, OverflowError, TypeError, MemoryError) as exc:
        # A scalar the constructor cannot build: 2026-02-30, a 5,000-digit number, 0x_.
        raise _bad_scalar(text, exc) from None


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    char = exc.character  # a str from the Python reader, an int from libyaml's
    code = f"U+{char if isinstance(char, int) else ord(char):04X}"
    return msg("file.control_char", code=code)


def _bad_scalar(text: str, exc: BaseException) -> YamlProblem:
    """The first scalar the safe constructor refuses, placed at its line (found by composing)."""
    root = compose(text)
    loader = _Loader("")
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except Exception as bad:  # any refusal is what we are looking for
                mark = node.start_mark
                return YamlProblem(_scalar_message(node, bad), mark.line + 1, mark.column + 1)
    return YamlProblem(msg("yaml.bad_value", detail=str(exc)[:200]))


def _scalar_message(node: yaml.ScalarNode, exc: BaseException) -> str:
    shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
    if node.tag.endswith(":timestamp"):
        return msg("yaml.bad_date", value=shown, detail=exc)
    if node.tag.endswith(":int") and "digits" in str(exc):
        return msg("yaml.long_number", digits=f"{len(node.value):,}", limit=f"{MAX_INTEGER:,}")
    return msg(
        "yaml.bad_scalar", value=shown, kind=node.tag.rsplit(":", 1)[-1], detail=str(exc)[:120]
    )


def compose(text: str) -> yaml.Node | None:
    """The file as a node tree with source marks (used only to place an error)."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None


def locate(root: yaml.Node | None, loc: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, col) of the deepest node along ``loc`` that exists in the tree.

    For a key path that ends in a key that is present, the position is that key's, which
    is where an author looks for an unknown or misspelt key.
    """
    if root is None:
        return 1, 1
    node, mark = root, root.start_mark
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    mark, node = key_node.start_mark, value_node
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            mark = node.start_mark
        else:
            break
    return mark.line + 1, mark.column + 1


def value_position(root: yaml.Node | None, loc: Sequence[str | int]) -> tuple[int, int]:
    """1-based (line, col) of the value at ``loc`` (rather than its key), e.g. a bad reference."""
    if root is None:
        return 1, 1
    node = root
    for part in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            nxt = node.value[part] if 0 <= part < len(node.value) else None
        if nxt is None:
            return locate(root, loc)
        node = nxt
    return node.start_mark.line + 1, node.start_mark.column + 1
