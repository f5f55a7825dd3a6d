"""Conditions on choices: a tiny expression language, parsed once, never ``eval``-ed.

Authors write Python-like text such as ``hari_kerja > 30 and not dilaporkan``. We parse it
with :mod:`ast`, accept only a whitelist of node types, type-check it against the declared
variables, and turn it into a tree of small closures. Evaluating a condition is then a few
function calls on a dict, which keeps ``Session.choose`` in the microsecond range.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from engine.messages import msg
from engine.problems import did_you_mean

Scalar = bool | int | str
Env = Mapping[str, Scalar]

_COMPARE: dict[type[ast.cmpop], Callable[[Scalar, Scalar], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_TYPE_WORD = {bool: "kind.truth", int: "kind.number", str: "kind.text"}  # catalogue ids
MAX_CONDITION = 500  # characters; the longest shipped condition has 75
MAX_NESTING = 32  # operators inside operators; 5,000 nested 'not' overflowed Python's parser


class ExprError(ValueError):
    """A condition that does not parse or does not type-check; ``col`` is 0-based."""

    def __init__(self, message: str, col: int = 0) -> None:
        super().__init__(message)
        self.message, self.col = message, col


def _type_word(kind: type) -> str:
    return msg(_TYPE_WORD[kind])


@dataclass(frozen=True)
class Condition:
    """A parsed condition: its source text, the variables it reads, and how to test it."""

    source: str
    names: frozenset[str]
    test: Callable[[Env], bool] = field(repr=False, compare=False)

    def __call__(self, env: Env) -> bool:
        return self.test(env)


def parse_condition(source: str, var_types: Mapping[str, type]) -> Condition:
    """Parse ``source`` against the declared variable types, or raise :class:`ExprError`."""
    text = source.strip()
    if not text:
        raise ExprError(msg("cond.empty"))
    if len(text) > MAX_CONDITION:
        raise ExprError(msg("cond.too_long", count=f"{len(text):,}", limit=MAX_CONDITION))
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExprError(
            msg("cond.syntax", detail=exc.msg),
            exc.offset - 1 if exc.offset else len(text),  # no offset: it ended too soon
        ) from None
    except (RecursionError, MemoryError, ValueError, OverflowError):
        raise ExprError(msg("cond.too_deep", depth=MAX_NESTING)) from None
    _check_nesting(tree.body)
    names: set[str] = set()
    fn, kind = _compile(tree.body, var_types, names)
    if kind is not bool:
        raise ExprError(
            msg("cond.not_bool", text=text, kind=_type_word(kind)),
            tree.body.col_offset,
        )
    return Condition(text, frozenset(names), fn)


def _check_nesting(root: ast.AST) -> None:
    """Refuse deep nesting before the recursive compiler meets it (walked without recursion)."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            raise ExprError(
                msg("cond.too_deep", depth=MAX_NESTING),
                getattr(node, "col_offset", 0),
            )
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


def _compile(
    node: ast.AST, var_types: Mapping[str, type], names: set[str]
) -> tuple[Callable[[Env], Scalar], type]:
    col = getattr(node, "col_offset", 0)
    if isinstance(node, ast.Name):
        if node.id in ("true", "false"):
            value = node.id == "true"
            return (lambda _env: value), bool
        if node.id not in var_types:
            known = ", ".join(sorted(var_types)) or "-"
            hint = did_you_mean(node.id, var_types)
            if hint:  # a typo of a declared variable: say which, not 'declare it'
                raise ExprError(msg("cond.unknown_typo", name=node.id, hint=hint), col)
            raise ExprError(msg("cond.unknown_variable", name=node.id, known=known), col)
        names.add(node.id)
        key = node.id
        return (lambda env: env[key]), var_types[key]
    if isinstance(node, ast.Constant) and type(node.value) in (bool, int, str):
        value = node.value
        return (lambda _env: value), type(value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner, kind = _compile(node.operand, var_types, names)
        _expect(kind, bool, "not", col)
        return (lambda env: not inner(env)), bool
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner, kind = _compile(node.operand, var_types, names)
        _expect(kind, int, "-", col)
        return (lambda env: -inner(env)), int  # type: ignore[operator]
    if isinstance(node, ast.BoolOp):
        parts = []
        for value in node.values:
            part, kind = _compile(value, var_types, names)
            _expect(kind, bool, "and/or", getattr(value, "col_offset", col))
            parts.append(part)
        if isinstance(node.op, ast.And):
            return (lambda env: all(p(env) for p in parts)), bool
        return (lambda env: any(p(env) for p in parts)), bool
    if isinstance(node, ast.Compare):
        return _compile_compare(node, var_types, names), bool
    raise ExprError(
        msg("cond.not_allowed", part=ast.unparse(node)),
        col,
    )


def _compile_compare(
    node: ast.Compare, var_types: Mapping[str, type], names: set[str]
) -> Callable[[Env], bool]:
    operands = [_compile(part, var_types, names) for part in (node.left, *node.comparators)]
    steps = []
    for i, op in enumerate(node.ops):
        if type(op) not in _COMPARE:
            raise ExprError(msg("cond.bad_compare", part=ast.unparse(node)), node.col_offset)
        (left, lkind), (right, rkind) = operands[i], operands[i + 1]
        if lkind is not rkind:
            raise ExprError(
                msg(
                    "cond.mixed_types",
                    part=ast.unparse(node),
                    left=_type_word(lkind),
                    right=_type_word(rkind),
                ),
                node.col_offset,
            )
        if isinstance(op, _ORDERING) and lkind is not int:
            raise ExprError(
                msg("cond.order_numbers", part=ast.unparse(node)),
                node.col_offset,
            )
        steps.append((_COMPARE[type(op)], left, right))

    def test(env: Env) -> bool:
        return all(cmp(left(env), right(env)) for cmp, left, right in steps)

    return test


def _expect(kind: type, wanted: type, op: str, col: int) -> None:
    if kind is not wanted:
        raise ExprError(
            msg("cond.needs", op=op, wanted=_type_word(wanted), found=_type_word(kind)),
            col,
        )
