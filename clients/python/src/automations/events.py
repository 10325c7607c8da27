"""Events an automation waits for, in a scope, with a filter (W&B's names: ``OnRunMetric``, ``OnAddArtifactAlias``...).

``event >> action`` is a :class:`NewAutomation`, ready for ``api.create_automation(...)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, Optional, Union

from ._filters import (ArtifactFilter, MetricChangeFilter, MetricThresholdFilter, MetricZScoreFilter, RunFilter,
                       RunStateFilter, as_artifact_filter, as_run_filter)
from ._where import WhereExpr
from .actions import Action
from .models import Scope

if TYPE_CHECKING:
    from .automations import NewAutomation

__all__ = [
    "Event",
    "OnCreateArtifact",
    "OnLinkArtifact",
    "OnUnlinkArtifact",
    "OnAddArtifactAlias",
    "OnAddArtifactTag",
    "OnRemoveArtifactTag",
    "OnAddCollectionTag",
    "OnRemoveCollectionTag",
    "OnRunMetric",
    "OnRunMetricDiverged",
    "OnRunStalled",
    "OnRunState",
]


class Event:
    """An event type in a scope, with its filter."""

    event_type: str = ""

    def __init__(self, scope: Scope) -> None:
        if not isinstance(scope, Scope):
            raise TypeError(f"scope is a project, registry, collection or entity (from the Api), got {scope!r}")
        self.scope = scope

    def filter_json(self) -> Dict[str, Any]:
        return {}

    def to_json(self) -> Dict[str, Any]:
        return {"type": self.event_type, "filter": self.filter_json()}

    def then(self, action: Action) -> "NewAutomation":
        from .automations import NewAutomation

        if not isinstance(action, Action):
            raise TypeError(f"an action (SendWebhook, SendNotification, DoNothing) is needed, got {action!r}")
        return NewAutomation(self, action)

    def __rshift__(self, action: Action) -> "NewAutomation":
        return self.then(action)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(scope={self.scope.scope_json()!r}, filter={self.filter_json()!r})"


class _WhereEvent(Event):
    """An artifact event whose only filter is an optional ``where`` expression."""

    def __init__(self, scope: Scope, filter: Optional[WhereExpr] = None) -> None:
        super().__init__(scope)
        if filter is not None and not isinstance(filter, WhereExpr):
            raise TypeError(f"{type(self).__name__} takes filter=<a where expression>, e.g. "
                            f"ArtifactEvent.aliases.contains('candidate'); got {filter!r}")
        self.filter = filter

    def filter_json(self) -> Dict[str, Any]:
        return {} if self.filter is None else {"where": self.filter.to_json()}


class OnCreateArtifact(_WhereEvent):
    """A new version is created: in a project collection, or any collection of a project or of the entity."""

    event_type = "CREATE_ARTIFACT"


class OnLinkArtifact(_WhereEvent):
    """A version is linked into a registry collection."""

    event_type = "LINK_ARTIFACT"


class OnUnlinkArtifact(_WhereEvent):
    """A version is unlinked from a registry collection."""

    event_type = "UNLINK_ARTIFACT"


class _ArtifactFilterEvent(Event):
    _field = ""
    _required = True

    def __init__(self, scope: Scope, filter: Union[ArtifactFilter, WhereExpr, str, None] = None) -> None:
        super().__init__(scope)
        kind = "alias" if self._field == "aliasRegex" else "tag"
        built = as_artifact_filter(filter, self._field)
        if built is not None and built.field not in (None, self._field):
            raise TypeError(f"{type(self).__name__} takes filter=ArtifactEvent.{kind}.matches(regex) or a where "
                            f"expression")
        if self._required and (built is None or (built.field is None and built.where is None)):
            raise TypeError(f"{type(self).__name__} needs filter=ArtifactEvent.{kind}.matches(regex), "
                            f"ArtifactEvent.{kind}.eq(...) or another where expression")
        self.filter = built

    def filter_json(self) -> Dict[str, Any]:
        return {} if self.filter is None else self.filter.to_json()


class OnAddArtifactAlias(_ArtifactFilterEvent):
    """An alias lands on a version: ``filter=ArtifactEvent.alias.eq("prod")`` (or ``.matches(regex)``)."""

    event_type = "ADD_ARTIFACT_ALIAS"
    _field = "aliasRegex"


class OnAddArtifactTag(_ArtifactFilterEvent):
    """A tag is added to a version: ``filter=ArtifactEvent.tag.eq("reviewed")`` (or ``.matches(regex)``)."""

    event_type = "ADD_ARTIFACT_TAG"
    _field = "tagRegex"


class OnRemoveArtifactTag(_ArtifactFilterEvent):
    """A tag is removed from a version: ``filter=ArtifactEvent.tag.eq("reviewed")`` (or ``.matches(regex)``)."""

    event_type = "REMOVE_ARTIFACT_TAG"
    _field = "tagRegex"


class OnAddCollectionTag(_ArtifactFilterEvent):
    """A tag is added to a collection itself (``api.add_collection_tag``); the filter is optional."""

    event_type = "ADD_COLLECTION_TAG"
    _field = "tagRegex"
    _required = False


class OnRemoveCollectionTag(_ArtifactFilterEvent):
    """A tag is removed from a collection itself; the filter is optional."""

    event_type = "REMOVE_COLLECTION_TAG"
    _field = "tagRegex"
    _required = False


MetricFilter = Union[MetricThresholdFilter, MetricChangeFilter, MetricZScoreFilter]


class OnRunMetric(Event):
    """A run's metric meets a condition (threshold, change or z-score), in a project or the whole entity."""

    def __init__(self, scope: Scope, filter: MetricFilter) -> None:
        super().__init__(scope)
        if not isinstance(filter, (MetricThresholdFilter, MetricChangeFilter, MetricZScoreFilter)):
            raise TypeError("OnRunMetric takes filter=RunEvent.metric(name)... (a comparison, changes_by or zscore)")
        self.filter = filter
        self.event_type = filter.event_type

    def filter_json(self) -> Dict[str, Any]:
        return self.filter.to_json()


class OnRunState(Event):
    """A run enters one of ``states``: RUNNING (created or resumed), FINISHED, FAILED (CRASHED counts as FAILED)."""

    event_type = "RUN_STATE"

    def __init__(self, scope: Scope, states: Optional[Iterable[str]] = None,
                 filter: Optional[Union[RunStateFilter, RunFilter, WhereExpr]] = None) -> None:
        super().__init__(scope)
        if isinstance(filter, RunStateFilter):
            built = filter if states is None else RunStateFilter(states, filter.run)
        elif states is not None:
            built = RunStateFilter(states, as_run_filter(filter))
        else:
            raise ValueError("OnRunState needs states=[...] (or filter=RunEvent.state.in_([...]))")
        self.filter = built

    def filter_json(self) -> Dict[str, Any]:
        return self.filter.to_json()


class OnRunMetricDiverged(Event):
    """A run logs NaN, Infinity or -Infinity for ``metric`` (``"*"``: any metric), at most once per run and metric
    in 24 hours; ``filter`` narrows the runs (``RunEvent.name.matches(...)``, ``RunEvent.tags.contains(...)``)."""

    event_type = "RUN_METRIC_DIVERGED"

    def __init__(self, scope: Scope, metric: str = "*", filter: Optional[Union[RunFilter, WhereExpr]] = None
                 ) -> None:
        super().__init__(scope)
        if not isinstance(metric, str) or not metric.strip():
            raise ValueError(f'metric is a metric name or "*" (any metric), got {metric!r}')
        self.metric = metric
        self.run = as_run_filter(filter) or RunFilter()

    def filter_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"metric": self.metric}
        out.update(self.run.to_json())
        return out


class OnRunStalled(Event):
    """A RUNNING run logs no history for ``minutes`` (1 to 1,440): fires once per stall, re-armed by the run's next
    history; ``filter`` narrows the runs."""

    event_type = "RUN_STALLED"

    def __init__(self, scope: Scope, minutes: int, filter: Optional[Union[RunFilter, WhereExpr]] = None) -> None:
        super().__init__(scope)
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 1440:
            raise ValueError(f"minutes is a whole number from 1 to 1440, got {minutes!r}")
        self.minutes = minutes
        self.run = as_run_filter(filter) or RunFilter()

    def filter_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"minutes": self.minutes}
        out.update(self.run.to_json())
        return out
