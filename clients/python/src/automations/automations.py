"""An automation before it is saved: ``event >> action``, plus a name, a description and whether it is enabled."""

from __future__ import annotations

from typing import Any, Dict, Optional

from .actions import Action
from .events import Event

__all__ = ["NewAutomation"]


class NewAutomation:
    """What ``event >> action`` makes; ``api.create_automation(new, name=...)`` saves it."""

    def __init__(self, event: Event, action: Action, name: Optional[str] = None, description: Optional[str] = None,
                 enabled: bool = True) -> None:
        self.event, self.action = event, action
        self.name, self.description, self.enabled = name, description, enabled

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
        return body

    def __repr__(self) -> str:
        return f"NewAutomation(name={self.name!r}, event={self.event!r}, action={self.action!r})"
