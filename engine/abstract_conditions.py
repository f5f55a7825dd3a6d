"""A condition (``if:``) evaluated over abstract values, for engine/bounds.py.

Numbers are intervals, true/false and text are sets of possible values. ``may_be`` says what
a condition may be somewhere; ``refine`` narrows an environment to where it may hold.
Both only ever widen what the real values could be, so bounds built on them stay sound.
"""

from __future__ import annotations

import ast
import math
from typing import Any

INF = math.inf
Interval = tuple[float, float]
Abstract = Interval | frozenset  # numbers: an interval; true/false and text: possible values
AbstractEnv = dict[str, Abstract]
BOTH = frozenset({True, False})


def is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- conditions, evaluated over abstract values ----------------------------------------------


def may_be(node: ast.expr, env: AbstractEnv) -> Abstract:
    """Every value ``node`` may take: a set for true/false and text, an interval for numbers."""
    if isinstance(node, ast.Name):
        if node.id in ("true", "false"):
            return frozenset({node.id == "true"})
        return env[node.id]
    if isinstance(node, ast.Constant):
        value = node.value
        return (value, value) if is_number(value) else frozenset({value})
    if isinstance(node, ast.UnaryOp):
        inner = may_be(node.operand, env)
        if isinstance(node.op, ast.Not):
            return frozenset(not x for x in inner)  # type: ignore[union-attr]
        lo, hi = inner  # type: ignore[misc]
        return (-hi, -lo)
    if isinstance(node, ast.BoolOp):
        parts = [may_be(v, env) for v in node.values]
        if isinstance(node.op, ast.And):
            return frozenset(
                [True] * all(True in p for p in parts) + [False] * any(False in p for p in parts)
            )
        return frozenset(
            [True] * any(True in p for p in parts) + [False] * all(False in p for p in parts)
        )
    if isinstance(node, ast.Compare):
        operands = [may_be(x, env) for x in (node.left, *node.comparators)]
        results = [_compare(op, operands[i], operands[i + 1]) for i, op in enumerate(node.ops)]
        return frozenset(
            [True] * all(True in r for r in results) + [False] * any(False in r for r in results)
        )
    return BOTH  # not reached for validated conditions; "either" is always sound


def _compare(op: ast.cmpop, a: Abstract, b: Abstract) -> frozenset:
    if isinstance(a, frozenset) or isinstance(b, frozenset):
        fn = _SET_OPS[type(op)]
        return frozenset(fn(x, y) for x in a for y in b)  # type: ignore[union-attr]
    (alo, ahi), (blo, bhi) = a, b
    if isinstance(op, ast.Gt | ast.GtE):
        (alo, ahi), (blo, bhi) = (blo, bhi), (alo, ahi)
        op = ast.Lt() if isinstance(op, ast.Gt) else ast.LtE()
    if isinstance(op, ast.Lt):
        can_true, can_false = alo < bhi, ahi >= blo
    elif isinstance(op, ast.LtE):
        can_true, can_false = alo <= bhi, ahi > blo
    else:
        overlap = alo <= bhi and blo <= ahi
        single = alo == ahi == blo == bhi
        can_true, can_false = overlap, not single
        if isinstance(op, ast.NotEq):
            can_true, can_false = can_false, can_true
    return frozenset([True] * can_true + [False] * can_false)


_SET_OPS = {ast.Eq: lambda x, y: x == y, ast.NotEq: lambda x, y: x != y}


def refine(node: ast.expr, env: AbstractEnv, want: bool) -> AbstractEnv | None:
    """``env`` narrowed by knowing ``node`` is ``want`` (None: impossible). Only simple
    shapes narrow (a name, not, and/or, name-vs-constant); anything else keeps ``env``."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return refine(node.operand, env, not want)
    if isinstance(node, ast.BoolOp):
        conjunction = isinstance(node.op, ast.And) == want  # all parts must equal ``want``
        if not conjunction:
            return env if want in may_be(node, env) else None
        out: AbstractEnv | None = env
        for part in node.values:
            out = refine(part, out, want)
            if out is None:
                return None
        return out
    if isinstance(node, ast.Name) and node.id in env:
        possible = env[node.id]
        narrowed = possible & {want}  # type: ignore[operator]
        return {**env, node.id: narrowed} if narrowed else None
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        return _refine_compare(node, env, want)
    return env if want in may_be(node, env) else None


_FLIP = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq,
         ast.NotEq: ast.NotEq}  # fmt: skip
_NEGATE = {ast.Lt: ast.GtE, ast.LtE: ast.Gt, ast.Gt: ast.LtE, ast.GtE: ast.Lt, ast.Eq: ast.NotEq,
           ast.NotEq: ast.Eq}  # fmt: skip


def _constant(node: ast.expr) -> tuple[bool, Any]:
    if isinstance(node, ast.Constant):
        return True, node.value
    if isinstance(node, ast.Name) and node.id in ("true", "false"):
        return True, node.id == "true"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        ok, value = _constant(node.operand)
        return ok and is_number(value), -value if ok and is_number(value) else None
    return False, None


def _refine_compare(node: ast.Compare, env: AbstractEnv, want: bool) -> AbstractEnv | None:
    op, left, right = type(node.ops[0]), node.left, node.comparators[0]
    if not isinstance(left, ast.Name) or left.id not in env:
        left, right, op = right, left, _FLIP[op]
    is_const, value = _constant(right)
    if not isinstance(left, ast.Name) or left.id not in env or not is_const:
        return env if want in may_be(node, env) else None
    if not want:
        op = _NEGATE[op]
    name, current = left.id, env[left.id]
    if isinstance(current, frozenset):
        keep = frozenset(x for x in current if (x == value) == (op is ast.Eq))
        if op not in (ast.Eq, ast.NotEq):
            keep = current
        return {**env, name: keep} if keep else None
    lo, hi = current
    if op is ast.Lt:
        hi = min(hi, value - 1)
    elif op is ast.LtE:
        hi = min(hi, value)
    elif op is ast.Gt:
        lo = max(lo, value + 1)
    elif op is ast.GtE:
        lo = max(lo, value)
    elif op is ast.Eq:
        lo, hi = max(lo, value), min(hi, value)
    elif lo == hi == value:  # NotEq on a single point
        return None
    return {**env, name: (lo, hi)} if lo <= hi else None
