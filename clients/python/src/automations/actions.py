"""Actions an automation performs: a webhook, a Slack notification, or nothing (an execution is still recorded)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

from ._json_value import JsonValue
from .models import Integration

__all__ = ["Action", "SendWebhook", "SendNotification", "DoNothing", "SEVERITIES"]

SEVERITIES = ("INFO", "WARN", "ERROR")


def _integration_name(integration: Union[Integration, str]) -> str:
    if isinstance(integration, Integration):
        return integration.name
    if isinstance(integration, str) and integration:
        return integration
    raise TypeError(f"an integration or its name is needed, got {integration!r}")


class Action(JsonValue):
    """Something an automation does; writes the API's ``action`` object."""


class SendWebhook(Action):
    """POST the rendered ``payload`` (any JSON with ``${variables}``) to a webhook integration."""

    def __init__(self, integration: Union[Integration, str], payload: Optional[Any] = None) -> None:
        self.integration = _integration_name(integration)
        self.payload = {} if payload is None else payload

    @classmethod
    def from_integration(cls, integration: Union[Integration, str], *, payload: Optional[Any] = None
                         ) -> "SendWebhook":
        return cls(integration, payload)

    def to_json(self) -> Dict[str, Any]:
        return {"type": "GENERIC_WEBHOOK", "integration": self.integration, "payload": self.payload}


class SendNotification(Action):
    """Post a Slack message summarising the event, with a title, a message and a severity colour."""

    def __init__(self, integration: Union[Integration, str], title: Optional[str] = None,
                 message: Optional[str] = None, severity: str = "INFO") -> None:
        self.integration = _integration_name(integration)
        self.title, self.message = title, message
        self.severity = str(severity).upper()
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity is one of {', '.join(SEVERITIES)}, got {severity!r}")

    @classmethod
    def from_integration(cls, integration: Union[Integration, str], *, title: Optional[str] = None,
                         text: Optional[str] = None, level: str = "INFO") -> "SendNotification":
        return cls(integration, title, text, level)

    def to_json(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"type": "NOTIFICATION", "integration": self.integration}
        if self.title is not None:
            out["title"] = self.title
        if self.message is not None:
            out["message"] = self.message
        out["severity"] = self.severity
        return out


class DoNothing(Action):
    """Record an execution and do nothing else (to test an automation's trigger)."""

    def to_json(self) -> Dict[str, Any]:
        return {"type": "NO_OP"}
