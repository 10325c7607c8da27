"""Filter builders: Python expressions that produce exactly the API's ``event.filter`` JSON, normalised.

``RunEvent.metric("loss").avg(5) < 0.2`` is a threshold filter, ``.changes_by(frac=0.1)`` a change filter,
``.zscore(30).abs() > 3`` a z-score filter; ``RunEvent.name.matches("^sweep-")`` (the ``runNameRegex`` shorthand) and
``where`` conditions such as ``RunEvent.user == "ana"`` or ``RunEvent.config["lr"] < 1e-3`` narrow any run filter with
``&``. ``ArtifactEvent.alias.matches(regex)`` writes the ``aliasRegex`` shorthand, ``ArtifactEvent.alias.eq("prod")``
and the other fields' comparisons a ``where`` expression (:mod:`automations._where`). Every default of the API is
written out, so a filter read back from the server equals the one built.
"""

from __future__ import annotations

import math
from typing import Any, Dict, Iterable, List, Optional, Union

from ._json_value import JsonValue
from ._where import FilterableField, PathField, WhereExpr, where_and

__all__ = [
    "RunEvent",
    "ArtifactEvent",
    "MetricVal",
    "MetricAgg",
    "MetricZScore",
    "MetricThresholdFilter",
    "MetricChangeFilter",
    "MetricZScoreFilter",
    "RunFilter",
    "RunStateFilter",
    "ArtifactFilter",
    "RUN_STATES",
    "as_run_filter",
    "as_artifact_filter",
]

Number = Union[int, float]

#: The run states a RUN_STATE automation can wait for (RUNNING: created or resumed; CRASHED is reported as FAILED).
RUN_STATES = ("RUNNING", "FINISHED", "FAILED", "CRASHED")
_STATE_ORDER = {"RUNNING": 0, "FINISHED": 1, "FAILED": 2}


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return value


def _window(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"{what} must be a whole number greater than 0, got {value!r}")
    return value


class _Filter(JsonValue):
    """A filter: its JSON (and, for run filters, ``&`` with run conditions)."""


class RunFilter(_Filter):
    """Conditions on the run itself: its name (an RE2 regex), its user, and a ``where`` expression on ``runName``,
    ``user``, ``tags`` and ``config.<path>``."""

    def __init__(self, run_name_regex: Optional[str] = None, user: Optional[str] = None,
                 where: Optional[WhereExpr] = None) -> None:
        self.run_name_regex = run_name_regex
        self.user = user
        self.where = where

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {}
        if self.run_name_regex is not None:
            out["runNameRegex"] = self.run_name_regex
        if self.user is not None:
            out["user"] = self.user
        if self.where is not None:
            out["where"] = self.where.to_json()
        return out

    def merged(self, other: "RunFilter") -> "RunFilter":
        return RunFilter(_one(self.run_name_regex, other.run_name_regex, "run name regex"),
                         _one(self.user, other.user, "user"), where_and(self.where, other.where))

    def __and__(self, other: Any) -> Any:
        if isinstance(other, RunFilter):
            return self.merged(other)
        if isinstance(other, WhereExpr):
            return self.merged(RunFilter(where=other))
        if isinstance(other, _RunConditioned):
            return other.with_run(self)
        return NotImplemented

    __rand__ = __and__


def as_run_filter(value: Union["RunFilter", WhereExpr, None]) -> Optional["RunFilter"]:
    """A run filter from a run filter or a ``where`` expression on run fields."""
    if value is None or isinstance(value, RunFilter):
        return value
    if isinstance(value, WhereExpr):
        return RunFilter(where=value)
    raise TypeError(f"a run filter (RunEvent.name.matches(...), RunEvent.user == ..., ...) is needed, got {value!r}")


def _one(a: Optional[str], b: Optional[str], what: str) -> Optional[str]:
    if a is not None and b is not None and a != b:
        raise ValueError(f"a filter takes one {what}; got {a!r} and {b!r}")
    return a if a is not None else b


class _RunConditioned(_Filter):
    """A run-event filter that may carry run conditions (``& RunEvent.name.matches(...)``)."""

    run: RunFilter

    def with_run(self, run: RunFilter) -> "_RunConditioned":
        raise NotImplementedError

    def __and__(self, other: Any) -> Any:
        if isinstance(other, RunFilter):
            return self.with_run(other)
        if isinstance(other, WhereExpr):
            return self.with_run(RunFilter(where=other))
        return NotImplemented

    __rand__ = __and__


class MetricThresholdFilter(_RunConditioned):
    """RUN_METRIC_THRESHOLD: an aggregate of the last ``window`` values compared with a threshold."""

    event_type = "RUN_METRIC_THRESHOLD"

    def __init__(self, metric: str, agg: str, window: int, cmp: str, threshold: Number,
                 run: Optional[RunFilter] = None) -> None:
        self.metric, self.agg, self.window, self.cmp = metric, agg, window, cmp
        self.threshold = _number(threshold, "threshold")
        self.run = run or RunFilter()

    def with_run(self, run: RunFilter) -> "MetricThresholdFilter":
        return MetricThresholdFilter(self.metric, self.agg, self.window, self.cmp, self.threshold,
                                     self.run.merged(run))

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"metric": self.metric, "agg": self.agg, "window": self.window, "cmp": self.cmp,
                               "threshold": self.threshold}
        out.update(self.run.to_json())
        return out


class MetricChangeFilter(_RunConditioned):
    """RUN_METRIC_CHANGE: the current window's aggregate against the prior window's, by a fraction or a difference."""

    event_type = "RUN_METRIC_CHANGE"

    def __init__(self, metric: str, agg: str, current_window: int, prior_window: int, change_type: str,
                 change_dir: str, amount: Number, run: Optional[RunFilter] = None) -> None:
        self.metric, self.agg = metric, agg
        self.current_window = _window(current_window, "current")
        self.prior_window = _window(prior_window, "prior")
        self.change_type, self.change_dir = change_type, change_dir
        self.amount = _number(amount, "the change amount")
        if self.amount <= 0:
            raise ValueError(f"the change amount must be greater than 0, got {amount!r}")
        self.run = run or RunFilter()

    def with_run(self, run: RunFilter) -> "MetricChangeFilter":
        return MetricChangeFilter(self.metric, self.agg, self.current_window, self.prior_window, self.change_type,
                                  self.change_dir, self.amount, self.run.merged(run))

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"metric": self.metric, "agg": self.agg, "currentWindow": self.current_window,
                               "priorWindow": self.prior_window, "changeType": self.change_type,
                               "changeDir": self.change_dir, "amount": self.amount}
        out.update(self.run.to_json())
        return out


class MetricZScoreFilter(_RunConditioned):
    """RUN_METRIC_ZSCORE: the latest value's z-score against the ``window`` values before it, at least ``threshold``
    in the direction ``change_dir`` (ANY: either way)."""

    event_type = "RUN_METRIC_ZSCORE"

    def __init__(self, metric: str, window: int, threshold: Number, change_dir: str,
                 run: Optional[RunFilter] = None) -> None:
        self.metric = metric
        self.window = _window(window, "window")
        self.threshold = _number(threshold, "threshold")
        if self.threshold <= 0:
            raise ValueError("a z-score threshold is greater than 0 (use < -3 for a drop, .abs() > 3 for either way)")
        self.change_dir = change_dir
        self.run = run or RunFilter()

    def with_run(self, run: RunFilter) -> "MetricZScoreFilter":
        return MetricZScoreFilter(self.metric, self.window, self.threshold, self.change_dir, self.run.merged(run))

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"metric": self.metric, "window": self.window, "threshold": self.threshold,
                               "changeDir": self.change_dir}
        out.update(self.run.to_json())
        return out


class RunStateFilter(_RunConditioned):
    """RUN_STATE: the run entered one of ``states`` (RUNNING: created or resumed; a crash counts as FAILED)."""

    event_type = "RUN_STATE"

    def __init__(self, states: Iterable[str], run: Optional[RunFilter] = None) -> None:
        self.states = normalise_states(states)
        self.run = run or RunFilter()

    def with_run(self, run: RunFilter) -> "RunStateFilter":
        return RunStateFilter(self.states, self.run.merged(run))

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"states": list(self.states)}
        out.update(self.run.to_json())
        return out


def normalise_states(states: Iterable[str]) -> List[str]:
    """States as the API stores them: upper case, CRASHED folded into FAILED, unique, in RUNNING, FINISHED, FAILED
    order."""
    if isinstance(states, str):
        states = [states]
    out = set()
    for state in states:
        upper = str(state).upper()
        if upper not in RUN_STATES:
            raise ValueError(f"run states are {', '.join(RUN_STATES)}; got {state!r}")
        out.add("FAILED" if upper == "CRASHED" else upper)
    if not out:
        raise ValueError("give at least one run state")
    return sorted(out, key=_STATE_ORDER.__getitem__)


class _MetricOperand:
    """A metric expression that comparisons turn into a threshold filter."""

    def __init__(self, name: str, agg: str, window: int) -> None:
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a metric name is a non-blank string")
        self.name, self.agg, self.window = name, agg, _window(window, "window")

    def _cmp(self, cmp: str, threshold: Number) -> MetricThresholdFilter:
        return MetricThresholdFilter(self.name, self.agg, self.window, cmp, threshold)

    def gt(self, threshold: Number) -> MetricThresholdFilter:
        return self._cmp(">", threshold)

    def gte(self, threshold: Number) -> MetricThresholdFilter:
        return self._cmp(">=", threshold)

    def lt(self, threshold: Number) -> MetricThresholdFilter:
        return self._cmp("<", threshold)

    def lte(self, threshold: Number) -> MetricThresholdFilter:
        return self._cmp("<=", threshold)

    def eq(self, threshold: Number) -> MetricThresholdFilter:
        return self._cmp("==", threshold)

    def ne(self, threshold: Number) -> MetricThresholdFilter:
        return self._cmp("!=", threshold)

    __gt__ = gt
    __ge__ = gte
    __lt__ = lt
    __le__ = lte
    __eq__ = eq  # type: ignore[assignment]
    __ne__ = ne  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]

    def _default_current(self) -> int:
        return self.window

    def changes_by(self, *, frac: Optional[Number] = None, diff: Optional[Number] = None,
                   current: Optional[int] = None, prior: int = 50, _dir: str = "ANY") -> MetricChangeFilter:
        """A change of at least ``frac`` (relative: 0.1 is 10 %) or ``diff`` (absolute) between the aggregate of the
        ``current`` most recent values and that of the ``prior`` values before them."""
        if (frac is None) == (diff is None):
            raise ValueError("give exactly one of frac= (relative change) and diff= (absolute change)")
        change_type, amount = ("RELATIVE", frac) if frac is not None else ("ABSOLUTE", diff)
        return MetricChangeFilter(self.name, self.agg, current if current is not None else self._default_current(),
                                  prior, change_type, _dir, amount)  # type: ignore[arg-type]

    def increases_by(self, *, frac: Optional[Number] = None, diff: Optional[Number] = None,
                     current: Optional[int] = None, prior: int = 50) -> MetricChangeFilter:
        return self.changes_by(frac=frac, diff=diff, current=current, prior=prior, _dir="INCREASE")

    def decreases_by(self, *, frac: Optional[Number] = None, diff: Optional[Number] = None,
                     current: Optional[int] = None, prior: int = 50) -> MetricChangeFilter:
        return self.changes_by(frac=frac, diff=diff, current=current, prior=prior, _dir="DECREASE")


class MetricVal(_MetricOperand):
    """A metric's latest value: ``RunEvent.metric("loss") < 0.2``; aggregate it with ``.avg(n)`` etc."""

    def __init__(self, name: str) -> None:
        super().__init__(name, "LATEST", 1)

    def _default_current(self) -> int:
        return 10

    def changes_by(self, *, frac: Optional[Number] = None, diff: Optional[Number] = None,
                   current: Optional[int] = None, prior: int = 50, _dir: str = "ANY") -> MetricChangeFilter:
        # The API compares window averages unless told otherwise: an unaggregated metric keeps that default.
        return MetricAgg(self.name, "AVERAGE", current or 10).changes_by(frac=frac, diff=diff, current=current,
                                                                         prior=prior, _dir=_dir)

    def latest(self) -> "MetricVal":
        return self

    def avg(self, window: int) -> "MetricAgg":
        return MetricAgg(self.name, "AVERAGE", window)

    average = avg
    mean = avg

    def min(self, window: int) -> "MetricAgg":
        return MetricAgg(self.name, "MIN", window)

    def max(self, window: int) -> "MetricAgg":
        return MetricAgg(self.name, "MAX", window)

    def zscore(self, window: int = 30) -> "MetricZScore":
        """The latest value's z-score against the ``window`` values before it."""
        return MetricZScore(self.name, window)


class MetricAgg(_MetricOperand):
    """An aggregate (AVERAGE, MIN, MAX) of a metric's most recent ``window`` values."""


class MetricZScore:
    """``RunEvent.metric(m).zscore(window)``: compare with ``> t`` (a rise), ``< -t`` (a drop), or ``.abs() > t``."""

    def __init__(self, name: str, window: int, absolute: bool = False) -> None:
        self.name, self.window, self.absolute = name, _window(window, "window"), absolute

    def abs(self) -> "MetricZScore":
        return MetricZScore(self.name, self.window, True)

    __abs__ = abs

    def _filter(self, threshold: Number, rising: bool) -> MetricZScoreFilter:
        value = _number(threshold, "threshold")
        if self.absolute:
            if not rising:
                raise ValueError("|z| can only be compared with > or >=")
            return MetricZScoreFilter(self.name, self.window, value, "ANY")
        if rising:
            if value <= 0:
                raise ValueError("a rise is zscore > t with t > 0")
            return MetricZScoreFilter(self.name, self.window, value, "INCREASE")
        if value >= 0:
            raise ValueError("a drop is zscore < -t with t > 0")
        return MetricZScoreFilter(self.name, self.window, -value, "DECREASE")

    # The API's z-score rules fire at the threshold itself: > and >= (and < and <=) mean the same here.
    def __gt__(self, threshold: Number) -> MetricZScoreFilter:
        return self._filter(threshold, True)

    __ge__ = __gt__

    def __lt__(self, threshold: Number) -> MetricZScoreFilter:
        return self._filter(threshold, False)

    __le__ = __lt__


class _RunNameField(FilterableField):
    """The run's name: ``matches(regex)`` writes the ``runNameRegex`` shorthand, comparisons a ``where`` node."""

    def matches(self, regex: str) -> RunFilter:
        """Runs whose name matches an RE2 regular expression (searched, anchor it with ``^...$``)."""
        return RunFilter(run_name_regex=regex)


class _RunStateField:
    def in_(self, states: Iterable[str]) -> RunStateFilter:
        return RunStateFilter(states)

    def eq(self, state: str) -> RunStateFilter:
        return RunStateFilter([state])

    __eq__ = eq  # type: ignore[assignment]
    __hash__ = None  # type: ignore[assignment]


class RunEvent:
    """Builders of run-event filters (W&B's names): ``RunEvent.metric(...)``, ``RunEvent.state``, and the ``where``
    fields ``name`` (``runName``), ``user``, ``tags`` and ``config[...]``."""

    name = _RunNameField("runName")
    user = FilterableField("user")
    tags = FilterableField("tags")
    config = PathField("config")
    state = _RunStateField()

    @staticmethod
    def metric(name: str) -> MetricVal:
        return MetricVal(name)


class ArtifactFilter(_Filter):
    """An artifact event's filter: the ``aliasRegex`` or ``tagRegex`` shorthand, a ``where`` expression, or both."""

    def __init__(self, field: Optional[str], regex: Optional[str], where: Optional[WhereExpr] = None) -> None:
        if field is not None and (not isinstance(regex, str) or not regex):
            raise ValueError("a regex is a non-empty string")
        if where is not None and not isinstance(where, WhereExpr):
            raise TypeError(f"where is a where expression (ArtifactEvent.alias.eq(...)...), got {where!r}")
        self.field, self.regex, self.where = field, regex, where

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {}
        if self.field is not None:
            out[self.field] = self.regex
        if self.where is not None:
            out["where"] = self.where.to_json()
        return out

    def __and__(self, other: Any) -> Any:
        if isinstance(other, WhereExpr):
            return ArtifactFilter(self.field, self.regex, where_and(self.where, other))
        return NotImplemented

    __rand__ = __and__


def as_artifact_filter(value: Union[ArtifactFilter, WhereExpr, str, None], field: str) -> Optional[ArtifactFilter]:
    """An artifact filter from a shorthand regex (a string), a ``where`` expression or a built filter."""
    if value is None or isinstance(value, ArtifactFilter):
        return value
    if isinstance(value, str):
        return ArtifactFilter(field, value)
    if isinstance(value, WhereExpr):
        return ArtifactFilter(None, None, value)
    raise TypeError(f"an artifact filter (ArtifactEvent.alias.eq(...), a regex, ...) is needed, got {value!r}")


class _ArtifactField(FilterableField):
    """A field with a regex shorthand: ``matches(regex)`` writes it (``aliasRegex``/``tagRegex``), comparisons a
    ``where`` node."""

    def __init__(self, name: str, shorthand: str) -> None:
        super().__init__(name)
        self._shorthand = shorthand

    def matches(self, regex: str) -> ArtifactFilter:
        """Values matching an RE2 regular expression (searched, anchor it with ``^...$``)."""
        return ArtifactFilter(self._shorthand, regex)


class ArtifactEvent:
    """The fields of artifact events (W&B's names where W&B has them): ``alias`` (the alias added), ``tag`` (the tag
    added or removed), ``aliases`` and ``tags`` (the version's, after the change), ``artifact_type``, ``collection``,
    ``collection_tags``, ``author`` and ``metadata[...]``. ``alias.matches(regex)`` and ``tag.matches(regex)`` write
    the API's regex shorthands; every other comparison a ``where`` expression."""

    alias = _ArtifactField("alias", "aliasRegex")
    tag = _ArtifactField("tag", "tagRegex")
    aliases = FilterableField("aliases")
    tags = FilterableField("tags")
    artifact_type = FilterableField("artifactType")
    collection = FilterableField("collection")
    collection_tags = FilterableField("collectionTags")
    author = FilterableField("author")
    metadata = PathField("metadata")
