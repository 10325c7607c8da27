"""An automation before it is saved: ``event >> action``, plus a name, a description, whether it is enabled and an
optional rate limit."""

from __future__ import annotations

from typing import Any, Dict, Optional

from .actions import Action
from .events import Event
from .models import RateLimit

__all__ = ["NewAutomation"]


class NewAutomation:
    """What ``event >> action`` makes; ``api.create_automation(new, name=...)`` saves it."""

    def __init__(self, event: Event, action: Action, name: Optional[str] = None, description: Optional[str] = None,
                 enabled: bool = True, rate_limit: Optional[RateLimit] = None) -> None:
        if rate_limit is not None and not isinstance(rate_limit, RateLimit):
            raise TypeError(f"rate_limit is an am.RateLimit(max=..., per_seconds=...), got {rate_limit!r}")
        self.event, self.action = event, action
        self.name, self.description, self.enabled = name, description, enabled
        self.rate_limit = rate_limit

    def with_(self, **changes: object) -> "NewAutomation":
        """A copy with some of ``name``, ``description``, ``enabled``, ``rate_limit`` changed."""
        values = {"name": self.name, "description": self.description, "enabled": self.enabled,
                  "rate_limit": self.rate_limit}
        unknown = set(changes) - set(values)
        if unknown:
            raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
        values.update(changes)
        return NewAutomation(self.event, self.action, **values)  # type: ignore[arg-type]

    @property
    def entity(self) -> str:
        return self.event.scope.entity

    def to_json(self) -> Dict[str, Any]:
        """The request body of ``POST /api/v1/entities/{entity}/automations``."""
        if not self.name:
            raise ValueError("an automation needs a name: create_automation(event >> action, name=...)")
        body: Dict[str, Any] = {"name": self.name}
        if self.description is not None:
            body["description"] = self.description
        body["enabled"] = self.enabled
        body["scope"] = self.event.scope.scope_json()
        body["event"] = self.event.to_json()
        body["action"] = self.action.to_json()
        if self.rate_limit is not None:
            body["rateLimit"] = self.rate_limit.to_json()
        return body

    def __repr__(self) -> str:
        return f"NewAutomation(name={self.name!r}, event={self.event!r}, action={self.action!r})"
