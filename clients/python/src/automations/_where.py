"""``where`` expressions in W&B's style: ``ArtifactEvent.alias.eq("prod")``, ``ArtifactEvent.metadata["acc"] >= 0.9``,
combined with ``&``, ``|`` and ``~``, written as the API's ``event.filter.where`` JSON (MongoDB-style: ``$and $or $nor
$not`` over fields with ``$eq $ne $in $nin $regex $contains $exists $gt $gte $lt $lte``).

W&B's ``wandb.automations`` spells filters this way (``FilterableField`` with ``eq``, ``ne``, ``gt``..., ``in_``,
``not_in``, ``matches_regex``, ``contains``, ``exists`` and Python's comparison operators); the names here are the
same, the fields are this suite's (docs/api.md, "``where`` filters"). Operands are checked as the server checks them,
so a wrong type fails where it is written; the server still decides the limits (8 levels, 64 nodes, RE2 syntax).

``~`` is exact negation. W&B turns ``~(f == v)`` into ``f != v``; here a comparison on an absent field is false, so
``f != v`` and "not ``f == v``" differ for an absent field, and ``~`` writes ``$not`` instead (``~(a | b)`` is
``$nor``, and ``~~e`` is ``e``).
"""

from __future__ import annotations

import collections.abc
import math
from typing import Any, Dict, Iterable, List, Tuple, Union

from ._json_value import JsonValue

__all__ = [
    "WhereExpr",
    "FilterExpr",
    "And",
    "Or",
    "Nor",
    "Not",
    "FilterableField",
    "PathField",
    "Scalar",
    "where_and",
]

Scalar = Union[str, int, float, bool]

#: The most values of one ``$in`` / ``$nin`` list (the server's limit).
MAX_LIST = 256


def _scalar(value: Any, what: str) -> Scalar:
    if isinstance(value, bool) or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError(f"{what} must be a finite number, got {value!r}")
        return value
    raise TypeError(f"{what} must be a string, a number or a bool, got {value!r}")


def _ordered(value: Any, what: str) -> Union[str, int, float]:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(f"{what} compares with a number or a string, got {value!r}")
    return _scalar(value, what)  # type: ignore[return-value]


class WhereExpr(JsonValue):
    """A ``where`` expression: ``&`` (all hold), ``|`` (one holds), ``~`` (does not hold)."""

    def to_json(self) -> Dict[str, Any]:
        raise NotImplementedError

    def __and__(self, other: Any) -> Any:
        if isinstance(other, WhereExpr):
            return And(*_flatten(And, self), *_flatten(And, other))
        return NotImplemented

    def __or__(self, other: Any) -> Any:
        if isinstance(other, WhereExpr):
            return Or(*_flatten(Or, self), *_flatten(Or, other))
        return NotImplemented

    def __invert__(self) -> "WhereExpr":
        return Not(self)

    # Python would otherwise try ``and``/``or`` truthiness, which means nothing for an expression.
    def __bool__(self) -> bool:
        raise TypeError("combine where expressions with &, | and ~ (not and, or, not)")


def _flatten(kind: type, expr: WhereExpr) -> Tuple[WhereExpr, ...]:
    return expr.exprs if type(expr) is kind else (expr,)  # type: ignore[attr-defined]


def where_and(a: Union[WhereExpr, None], b: Union[WhereExpr, None]) -> Union[WhereExpr, None]:
    """Both expressions (either may be absent)."""
    if a is None:
        return b
    if b is None:
        return a
    return a & b


class FilterExpr(WhereExpr):
    """One condition on one field: ``{"alias": {"$eq": "prod"}}``."""

    def __init__(self, field: str, op: str, operand: Any) -> None:
        self.field, self.op, self.operand = field, op, operand

    def to_json(self) -> Dict[str, Any]:
        return {self.field: {self.op: self.operand}}

    def __invert__(self) -> WhereExpr:
        if self.op == "$not":
            ((op, operand),) = self.operand.items()
            return FilterExpr(self.field, op, operand)
        return FilterExpr(self.field, "$not", {self.op: self.operand})


class _Combination(WhereExpr):
    key = ""

    def __init__(self, *exprs: WhereExpr) -> None:
        if not exprs:
            raise ValueError(f"{type(self).__name__} needs at least one expression")
        for e in exprs:
            if not isinstance(e, WhereExpr):
                raise TypeError(f"{type(self).__name__} combines where expressions, got {e!r}")
        self.exprs: Tuple[WhereExpr, ...] = tuple(exprs)

    def to_json(self) -> Dict[str, Any]:
        return {self.key: [e.to_json() for e in self.exprs]}


class And(_Combination):
    """Every expression holds: ``a & b``."""

    key = "$and"


class Or(_Combination):
    """At least one expression holds: ``a | b``; ``~Or(...)`` is :class:`Nor`."""

    key = "$or"

    def __invert__(self) -> WhereExpr:
        return Nor(*self.exprs)


class Nor(_Combination):
    """No expression holds; ``~Nor(...)`` is :class:`Or`."""

    key = "$nor"

    def __invert__(self) -> WhereExpr:
        return Or(*self.exprs)


class Not(WhereExpr):
    """The expression does not hold: ``~e``; ``~Not(e)`` is ``e``."""

    def __init__(self, expr: WhereExpr) -> None:
        if not isinstance(expr, WhereExpr):
            raise TypeError(f"Not negates a where expression, got {expr!r}")
        self.expr = expr

    def to_json(self) -> Dict[str, Any]:
        return {"$not": self.expr.to_json()}

    def __invert__(self) -> WhereExpr:
        return self.expr


class FilterableField:
    """A field of an event that ``where`` can test (W&B's ``FilterableField``): ``field.eq(v)`` or ``field == v``,
    ``ne``/``!=``, ``gt``/``>``, ``gte``/``>=``, ``lt``/``<``, ``lte``/``<=``, ``in_``, ``not_in``,
    ``matches_regex`` (an unanchored RE2 search), ``contains`` (a list element or a substring), ``exists``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def __str__(self) -> str:
        return self.name

    def _expr(self, op: str, operand: Any) -> FilterExpr:
        return FilterExpr(self.name, op, operand)

    def eq(self, value: Scalar) -> FilterExpr:
        return self._expr("$eq", _scalar(value, f"{self.name} == ..."))

    def ne(self, value: Scalar) -> FilterExpr:
        return self._expr("$ne", _scalar(value, f"{self.name} != ..."))

    def gt(self, value: Union[str, int, float]) -> FilterExpr:
        return self._expr("$gt", _ordered(value, f"{self.name} > ..."))

    def gte(self, value: Union[str, int, float]) -> FilterExpr:
        return self._expr("$gte", _ordered(value, f"{self.name} >= ..."))

    def lt(self, value: Union[str, int, float]) -> FilterExpr:
        return self._expr("$lt", _ordered(value, f"{self.name} < ..."))

    def lte(self, value: Union[str, int, float]) -> FilterExpr:
        return self._expr("$lte", _ordered(value, f"{self.name} <= ..."))

    def in_(self, values: Iterable[Scalar]) -> FilterExpr:
        return self._expr("$in", self._list(values, "in_"))

    def not_in(self, values: Iterable[Scalar]) -> FilterExpr:
        return self._expr("$nin", self._list(values, "not_in"))

    def matches_regex(self, pattern: str) -> FilterExpr:
        if not isinstance(pattern, str):
            raise TypeError(f"{self.name}.matches_regex takes a regular expression (a string), got {pattern!r}")
        return self._expr("$regex", pattern)

    def contains(self, value: Scalar) -> FilterExpr:
        return self._expr("$contains", _scalar(value, f"{self.name}.contains(...)"))

    def exists(self, exists: bool = True) -> FilterExpr:
        if not isinstance(exists, bool):
            raise TypeError(f"{self.name}.exists takes True or False, got {exists!r}")
        return self._expr("$exists", exists)

    def _list(self, values: Iterable[Scalar], method: str) -> List[Scalar]:
        if isinstance(values, (str, bytes)) or not isinstance(values, collections.abc.Iterable):
            raise TypeError(f"{self.name}.{method} takes a list of values, got {values!r}")
        out = [_scalar(v, f"a value of {self.name}.{method}") for v in values]
        if len(out) > MAX_LIST:
            raise ValueError(f"{self.name}.{method} takes at most {MAX_LIST} values, got {len(out)}")
        return out

    # Comparison operators build expressions, as in W&B's SDK (and SQLAlchemy, pandas, polars).
    def __eq__(self, other: Any) -> FilterExpr:  # type: ignore[override]
        return self.eq(other)

    def __ne__(self, other: Any) -> FilterExpr:  # type: ignore[override]
        return self.ne(other)

    def __gt__(self, other: Any) -> FilterExpr:
        return self.gt(other)

    def __ge__(self, other: Any) -> FilterExpr:
        return self.gte(other)

    def __lt__(self, other: Any) -> FilterExpr:
        return self.lt(other)

    def __le__(self, other: Any) -> FilterExpr:
        return self.lte(other)

    __hash__ = None  # type: ignore[assignment]


class PathField(FilterableField):
    """A JSON object field (``metadata``, ``config``): ``ArtifactEvent.metadata["eval.accuracy"]`` or
    ``ArtifactEvent.metadata["eval"]["accuracy"]`` tests the value at that dotted path."""

    def __getitem__(self, path: str) -> "PathField":
        if not isinstance(path, str) or not path or any(not part for part in path.split(".")):
            raise ValueError(f"a path inside {self.name} is a non-empty dotted key such as 'eval.accuracy', "
                             f"got {path!r}")
        return PathField(f"{self.name}.{path}")
