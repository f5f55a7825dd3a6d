"""Reading YAML safely, and finding where in a file a problem is.

The fast path is libyaml's C loader straight to Python data. Source positions cost time,
so we only compose a file into nodes (which keep line and column) when something in it
is wrong. Hostile input is refused early: oversized files, bytes that are not UTF-8,
anchors and aliases (the "billion laughs" expansion), duplicate keys and Python tags.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64

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
                        f"the key '{key}' appears twice in the same block",
                        key_node.start_mark,
                    )
                seen.add(key)
        return mapping


class _StrictSafeLoader(_FastSafeLoader):
    """Also refuses aliases, the 'billion laughs' expansion. Used only for text with & or *."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "anchors and aliases (& and *) are not allowed in scenario files; "
                "write the text out in full",
                node.start_mark,
            )
        return super().construct_object(node, deep)


# Where an anchor (&a) or alias (*a) could start a node; plain text with '&' rarely matches,
# and when it does the strict loader reads it just the same, only more slowly.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s\[\]{},]")


def read_text(path: Path) -> str:
    """The file's text, refusing what is too big or not UTF-8."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YamlProblem(
            f"the file is too large ({size / 1e6:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB); split it into several scenarios"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            "the file is not UTF-8 text; save it as UTF-8 in your editor", line, col
        ) from None
    return text.removeprefix("\ufeff")


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
                _raise_at(text, match.start(), f"nested more than {MAX_DEPTH} levels deep")
        else:
            depth = max(depth - 1, 0)
    dashes = _DASH_RUN.search(text) if "- -" in text else None
    if dashes:
        _raise_at(text, dashes.start(), f"nested more than {MAX_DEPTH} levels deep")


def _raise_at(text: str, index: int, message: str) -> None:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    raise YamlProblem(message, line, col)


def load_data(text: str) -> Any:
    """Parse YAML text to plain Python data, or raise :class:`YamlProblem`."""
    _check_depth(text)
    try:
        suspect = ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text)
        return yaml.load(text, Loader=_StrictSafeLoader if suspect else _FastSafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _plain_yaml_message(exc)
        if mark is None:
            raise YamlProblem(message) from None
        raise YamlProblem(message, mark.line + 1, mark.column + 1) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"not valid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem("the file is nested too deeply to read") from None


def _plain_yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "not valid YAML"
    if "could not determine a constructor" in problem:
        return "tags such as '!!python/...' are not allowed; write plain text, numbers and lists"
    if "mapping values are not allowed" in problem:
        return "a ':' where YAML did not expect one; put text containing ': ' in quotes"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return (
            "the indentation does not match the lines above: keys of one block must start "
            "in the same column"
        )
    if "found character '\\t'" in problem:
        return "a tab character; indent with spaces only"
    if isinstance(exc, yaml.constructor.ConstructorError):
        return problem
    context = f"{exc.context}, " if exc.context else ""
    return f"not valid YAML: {context}{problem}"


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
