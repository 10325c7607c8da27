"""Events an automation waits for, in a scope, with a filter (W&B's names: ``OnRunMetric``, ``OnAddArtifactAlias``...).

``event >> action`` is a :class:`NewAutomation`, ready for ``api.create_automation(...)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, Optional, Union

from ._filters import (ArtifactFilter, MetricChangeFilter, MetricThresholdFilter, MetricZScoreFilter, RunFilter,
                       RunStateFilter)
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
    "OnRunMetric",
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


class OnCreateArtifact(Event):
    """A new version is created in a project collection (the only scope this event has)."""

    event_type = "CREATE_ARTIFACT"


class OnLinkArtifact(Event):
    """A version is linked into a registry collection."""

    event_type = "LINK_ARTIFACT"


class OnUnlinkArtifact(Event):
    """A version is unlinked from a registry collection."""

    event_type = "UNLINK_ARTIFACT"


class _ArtifactFilterEvent(Event):
    _field = ""

    def __init__(self, scope: Scope, filter: Union[ArtifactFilter, str]) -> None:
        super().__init__(scope)
        if isinstance(filter, str):
            filter = ArtifactFilter(self._field, filter)
        if not isinstance(filter, ArtifactFilter) or filter.field != self._field:
            kind = "alias" if self._field == "aliasRegex" else "tag"
            raise TypeError(f"{type(self).__name__} takes filter=ArtifactEvent.{kind}.matches(regex)")
        self.filter = filter

    def filter_json(self) -> Dict[str, Any]:
        return self.filter.to_json()


class OnAddArtifactAlias(_ArtifactFilterEvent):
    """An alias matching ``ArtifactEvent.alias.matches(regex)`` lands on a version."""

    event_type = "ADD_ARTIFACT_ALIAS"
    _field = "aliasRegex"


class OnAddArtifactTag(_ArtifactFilterEvent):
    """A tag matching ``ArtifactEvent.tag.matches(regex)`` is added to a version."""

    event_type = "ADD_ARTIFACT_TAG"
    _field = "tagRegex"


class OnRemoveArtifactTag(_ArtifactFilterEvent):
    """A tag matching ``ArtifactEvent.tag.matches(regex)`` is removed from a version."""

    event_type = "REMOVE_ARTIFACT_TAG"
    _field = "tagRegex"


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
    """A run ends in one of ``states`` (FINISHED, FAILED; CRASHED counts as FAILED)."""

    event_type = "RUN_STATE"

    def __init__(self, scope: Scope, states: Optional[Iterable[str]] = None,
                 filter: Optional[Union[RunStateFilter, RunFilter]] = None) -> None:
        super().__init__(scope)
        if isinstance(filter, RunStateFilter):
            built = filter if states is None else RunStateFilter(states, filter.run)
        elif states is not None:
            built = RunStateFilter(states, filter if isinstance(filter, RunFilter) else None)
        else:
            raise ValueError("OnRunState needs states=[...] (or filter=RunEvent.state.in_([...]))")
        self.filter = built

    def filter_json(self) -> Dict[str, Any]:
        return self.filter.to_json()
