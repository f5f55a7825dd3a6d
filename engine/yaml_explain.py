"""YAML mistakes explained the way a trainer would, at the line where the mistake is.

libyaml reports where its parser gave up, which is often lines below the slip: an unclosed
quote at the end of the file, a first line of long text too far left three lines later.
Here the error's context mark and the text itself are re-read to find the line the author
has to change, and to say what to do there in plain words (from the message catalogue).
"""

from __future__ import annotations

import re

import yaml

from engine.messages import Msg, msg

_BLOCK_INDICATOR = re.compile(r":\s*[>|][-+0-9]*\s*(#.*)?$")
_LOOKS_LIKE_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*:(?:\s|$)")
_ITEM_THEN_QUOTE = re.compile(r"^(\s*-\s+)([\"'])")
_KEY_THEN_QUOTE = re.compile(r"^(\s*(?:-\s+)?[^\s:#'\"][^:#]*:\s+)([\"'])")


def _line(text: str, number: int) -> str:
    """The 1-based line ``number`` of ``text`` ('' past the end)."""
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def explain(text: str, exc: yaml.MarkedYAMLError) -> tuple[Msg, int, int]:
    """(message, line, col) for a YAML error, both 1-based, at the line the author must change."""
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    ctx = exc.context_mark
    ctx_line, ctx_col = (ctx.line + 1, ctx.column + 1) if ctx else (line, col)

    at_mark = _line(text, line)[col - 1 : col]
    tab = _tab_near(text, line) if "tab" in problem else None
    if tab is None and "cannot start any token" in problem and at_mark == "\t":
        tab = (line, col)
    if tab is not None:
        return msg("yaml.tab", line=tab[0], col=tab[1]), tab[0], tab[1]
    if "cannot start any token" in problem and at_mark in ("@", "`"):
        return msg("yaml.reserved_start", char=at_mark), line, col
    if "expected key" in problem or "<block end>" in problem:
        opened = _swallowing_quote(text, line)
        if opened is not None:
            quote = _line(text, opened[0])[opened[1] - 1 : opened[1]] or '"'
            return msg("yaml.unclosed_quote", quote=quote), opened[0], opened[1]
    if "quoted scalar" in context and "end of stream" in problem:
        quote = _line(text, ctx_line)[ctx_col - 1 : ctx_col] or '"'
        return msg("yaml.unclosed_quote", quote=quote), ctx_line, ctx_col
    if "quoted scalar" in context and "document separator" in problem:
        quote = _line(text, ctx_line)[ctx_col - 1 : ctx_col] or '"'
        return msg("yaml.unclosed_quote", quote=quote), ctx_line, ctx_col
    starts = _KEY_THEN_QUOTE.match(_line(text, line))
    item = _ITEM_THEN_QUOTE.match(_line(text, line)) if starts is None else None
    if item and col > len(item.group(1)) + 1 and ("expected" in problem):
        quote = item.group(2)
        return msg("yaml.quote_starts_item", quote=quote), line, len(item.group(1)) + 1
    after_quote = starts is not None and col > len(starts.group(1)) + 1
    if after_quote and starts and ("expected key" in problem or "<block end>" in problem):
        key = starts.group(1).strip().lstrip("- ").rstrip(": ")
        where = len(starts.group(1)) + 1
        return msg("yaml.quote_starts_text", key=key, quote=starts.group(2)), line, where
    if "simple key" in context and "expected ':'" in problem:
        above = _line(text, ctx_line - 1)
        if _BLOCK_INDICATOR.search(above) and _indent(_line(text, ctx_line)) <= _indent(above):
            key = above.strip().lstrip("- ").split(":", 1)[0]
            need = _indent(above) + 3
            where = _indent(_line(text, ctx_line)) + 1
            found = msg("yaml.block_text_left", key=key, line=ctx_line - 1, col=need)
            return found, ctx_line, where
        return msg("yaml.missing_colon"), ctx_line, ctx_col
    if "block collection" in context and "'-' indicator" in problem:
        return _too_far_left_in_item(text, line, col)
    if "expected key" in problem or "<block end>" in problem:
        return _bad_indent(text, line, col, ctx_line)
    if "mapping values are not allowed" in problem:
        return msg("yaml.colon_in_text"), line, col
    if "could not determine a constructor" in problem:
        return msg("yaml.python_tag"), line, col
    detail = f"{context}, {problem}" if context else problem
    return msg("yaml.other", detail=detail or "?"), line, col


def _swallowing_quote(text: str, line: int) -> tuple[int, int] | None:
    """A quoted text that runs over several lines and swallowed a 'key:' line: its opening.

    An unclosed quote ends at the next quote in the file, lines later; the error is then
    reported there. Lines that look like keys inside the quoted text give the slip away.
    """
    last: tuple[int, int] | None = None
    try:
        upto = "\n".join(text.split("\n")[:line])  # nothing after the error matters
        for token in yaml.scan(upto, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if token.start_mark.line + 1 > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                first, end = token.start_mark.line + 1, token.end_mark.line + 1
                inside = text.split("\n")[first : end - 1] if end > first else []
                if any(_LOOKS_LIKE_KEY.match(row) for row in inside):
                    last = (first, token.start_mark.column + 1)
    except yaml.YAMLError:
        pass  # the scan stops at the error; what was seen before it is enough
    return last


def _tab_near(text: str, line: int) -> tuple[int, int] | None:
    """The first tab on ``line`` or the line before (libyaml sometimes stops after it)."""
    for number in (line, line - 1):
        found = _line(text, number).find("\t")
        if found >= 0:
            return number, found + 1
    return None


def _too_far_left_in_item(text: str, line: int, col: int) -> tuple[Msg, int, int]:
    """A line inside a list item that starts left of the item's keys: name that item."""
    for number in range(line - 1, 0, -1):
        above = _line(text, number)
        stripped = above.lstrip(" ")
        if stripped.startswith("- ") and _indent(above) == col - 1:
            inner = _indent(above) + 2 + _indent(stripped[2:])
            first = stripped[2:].strip()[:40]
            return (
                msg(
                    "yaml.item_too_far_left",
                    item=first,
                    item_line=number,
                    col=inner + 1,
                    spaces=inner + 1 - col,
                ),
                line,
                col,
            )
        if stripped and _indent(above) < col - 1:
            break
    return msg("yaml.indent"), line, col


def _bad_indent(text: str, line: int, col: int, block_line: int) -> tuple[Msg, int, int]:
    """A line whose indentation fits no open block: name the nearest block it is left of."""
    current = _line(text, line)
    here = _indent(current)
    if current.lstrip().startswith("- "):
        for number in range(line - 1, 0, -1):
            above = _line(text, number)
            if above.lstrip().startswith("- ") and _indent(above) > here:
                return (
                    msg(
                        "yaml.list_too_far_left",
                        list_line=number,
                        col=_indent(above) + 1,
                        spaces=_indent(above) - here,
                    ),
                    line,
                    col,
                )
            if above.strip() and _indent(above) < here:
                break
    for number in range(line - 1, 0, -1):
        above = _line(text, number)
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        depth = _indent(above)
        if depth == here:
            break
        if depth > here:
            block, block_line = _parent(text, number, depth)
            return (
                msg(
                    "yaml.indent_near",
                    block=block,
                    block_line=block_line,
                    col=depth + 1,
                    spaces=depth - here,
                ),
                line,
                col,
            )
        break
    return msg("yaml.indent_block", block_line=block_line), line, col


def _parent(text: str, number: int, depth: int) -> tuple[str, int]:
    """The key that opens the block whose keys start at ``depth`` (the line is inside it)."""
    for above in range(number - 1, 0, -1):
        line = _line(text, above)
        if line.strip() and not line.lstrip().startswith("#") and _indent(line) < depth:
            return line.strip().lstrip("- ").split(":", 1)[0], above
    return "", 0
