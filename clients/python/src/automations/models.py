"""What the API returns, as small typed records; each keeps the JSON it came from in ``raw``.

Entities, projects, registries and collections double as automation scopes (``OnRunMetric(scope=project)``), so they
know how to write themselves as the API's ``scope`` object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

__all__ = [
    "Entity",
    "Project",
    "Registry",
    "ArtifactCollection",
    "Artifact",
    "Secret",
    "Integration",
    "WebhookIntegration",
    "SlackIntegration",
    "Automation",
    "RateLimit",
    "Execution",
    "ApiRun",
    "Scope",
]


def _get(raw: Dict[str, Any], key: str, default: Any = None) -> Any:
    value = raw.get(key, default)
    return default if value is None else value


class Scope:
    """Something an automation can watch: it writes the API's ``scope`` object and names its entity."""

    entity: str

    def scope_json(self) -> Dict[str, Any]:
        raise NotImplementedError


@dataclass
class Entity(Scope):
    """A team or user namespace; as a scope, every project (run events) or registry (artifact events) in it."""

    name: str
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def entity(self) -> str:  # type: ignore[override]
        return self.name

    def scope_json(self) -> Dict[str, Any]:
        return {"type": "ENTITY"}

    @classmethod
    def from_json(cls, raw: Dict[str, Any]) -> "Entity":
        return cls(raw["name"], raw)


@dataclass
class _EntityChild(Scope):
    """Something named inside an entity (a project or a registry)."""

    entity: str
    name: str
    description: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def path(self) -> str:
        return f"{self.entity}/{self.name}"

    @classmethod
    def from_json(cls, raw: Dict[str, Any]):  # type: ignore[no-untyped-def]
        return cls(raw["entity"], raw["name"], raw.get("description"), raw)


@dataclass
class Project(_EntityChild):
    """A project: where runs log and artifacts are created."""

    def scope_json(self) -> Dict[str, Any]:
        return {"type": "PROJECT", "project": self.name}


@dataclass
class Registry(_EntityChild):
    """A registry: collections that artifacts are linked into."""

    def scope_json(self) -> Dict[str, Any]:
        return {"type": "REGISTRY", "registry": self.name}


@dataclass
class ArtifactCollection(Scope):
    """A collection of artifact versions, in a project (``project`` set) or in a registry (``registry`` set)."""

    entity: str
    name: str
    type: Optional[str] = None
    project: Optional[str] = None
    registry: Optional[str] = None
    description: Optional[str] = None
    tags: List[str] = field(default_factory=list)
    id: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def path(self) -> str:
        return f"{self.entity}/{self.project or self.registry}/{self.name}"

    def scope_json(self) -> Dict[str, Any]:
        scope: Dict[str, Any] = {"type": "ARTIFACT_COLLECTION"}
        if self.project:
            scope["project"] = self.project
        else:
            scope["registry"] = self.registry
        scope["collection"] = self.name
        return scope

    @classmethod
    def from_json(cls, raw: Dict[str, Any]) -> "ArtifactCollection":
        return cls(raw["entity"], raw["name"], raw.get("type"), raw.get("project"), raw.get("registry"),
                   raw.get("description"), list(_get(raw, "tags", [])), raw.get("id"), raw)


@dataclass
class Artifact:
    """An artifact version as one collection numbers it (``version`` ``v0``, ``v1``...), with aliases and tags."""

    id: str
    entity: str
    collection: str
    version: str
    type: Optional[str] = None
    project: Optional[str] = None
    registry: Optional[str] = None
    version_string: Optional[str] = None
    aliases: List[str] = field(default_factory=list)
    tags: List[str] = field(default_factory=list)
    metadata: Dict[str, Any] = field(default_factory=dict)
    run_id: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Dict[str, Any]) -> "Artifact":
        return cls(raw["id"], raw["entity"], raw["collection"], raw["version"], raw.get("type"), raw.get("project"),
                   raw.get("registry"), raw.get("versionString"), list(_get(raw, "aliases", [])),
                   list(_get(raw, "tags", [])), dict(_get(raw, "metadata", {})), raw.get("runId"), raw)


@dataclass
class Secret:
    """A team secret's metadata; its value is write-only and never comes back."""

    entity: str
    name: str
    version: Optional[int] = None
    created_at: Optional[str] = None
    updated_at: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, entity: str, raw: Dict[str, Any]) -> "Secret":
        return cls(entity, raw["name"], raw.get("version"), raw.get("createdAt"), raw.get("updatedAt"), raw)


@dataclass
class Source:
    """An external registry (MLflow, the Hugging Face Hub) whose webhooks are mirrored into one of the entity's
    registries; point its webhook at ``receiver_path`` on the suite's base URL. The secret is named, never shown."""

    entity: str
    name: str
    kind: str
    registry: str
    secret: str
    id: str
    receiver_path: str
    project: Optional[str] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, entity: str, raw: Dict[str, Any]) -> "Source":
        return cls(entity, raw["name"], raw["kind"], raw["registry"], raw["secret"], raw["id"], raw["receiverPath"],
                   raw.get("project"), raw)


@dataclass
class Integration:
    """Where an action delivers: a webhook URL or a Slack channel. Secrets are named, never shown."""

    entity: str
    name: str
    kind: str
    disabled: bool = False
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Dict[str, Any]) -> "Integration":
        kind = raw.get("kind", "webhook")
        common = dict(entity=raw["entity"], name=raw["name"], kind=kind, disabled=bool(raw.get("disabled")), raw=raw)
        if kind == "slack":
            return SlackIntegration(channel=raw.get("channel"), **common)
        return WebhookIntegration(url=raw.get("url"), access_token_secret=raw.get("accessTokenSecret"),
                                  signing_secret=raw.get("signingSecret"),
                                  signature_format=_get(raw, "signatureFormat", "standard-webhooks"),
                                  send_traceparent=bool(raw.get("sendTraceparent")), **common)


@dataclass
class WebhookIntegration(Integration):
    """A webhook; ``signature_format`` is ``"standard-webhooks"`` (``webhook-signature``) or ``"wandb"``
    (``X-Wandb-Signature``, as W&B signs); ``send_traceparent`` passes the suite's trace on to the receiver."""

    url: Optional[str] = None
    access_token_secret: Optional[str] = None
    signing_secret: Optional[str] = None
    signature_format: str = "standard-webhooks"
    send_traceparent: bool = False


@dataclass
class SlackIntegration(Integration):
    channel: Optional[str] = None


@dataclass(frozen=True)
class RateLimit:
    """At most ``max`` firings (1 to 1,000) act in any ``per_seconds`` seconds (1 to 86,400); the firings over it are
    recorded as SKIPPED executions with the reason ``rate limited``."""

    max: int
    per_seconds: int

    def __post_init__(self) -> None:
        for name, value, top in (("max", self.max, 1000), ("per_seconds", self.per_seconds, 86_400)):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
                raise ValueError(f"rate limit {name} is a whole number from 1 to {top}, got {value!r}")

    def to_json(self) -> Dict[str, Any]:
        return {"max": self.max, "perSeconds": self.per_seconds}

    @classmethod
    def from_json(cls, raw: Optional[Dict[str, Any]]) -> Optional["RateLimit"]:
        return None if not raw else cls(raw["max"], raw["perSeconds"])


#: Set by the server; never part of a request.
_READ_ONLY = ("id", "entity", "createdBy", "createdAt", "updatedAt")


@dataclass
class Automation:
    """A saved automation: the definition registry-service stored, normalised (every default filled in)."""

    id: str
    entity: str
    name: str
    enabled: bool
    scope: Dict[str, Any]
    event: Dict[str, Any]
    action: Dict[str, Any]
    description: Optional[str] = None
    created_by: Optional[str] = None
    created_at: Optional[str] = None
    updated_at: Optional[str] = None
    rate_limit: Optional[RateLimit] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Dict[str, Any]) -> "Automation":
        return cls(raw["id"], raw["entity"], raw["name"], bool(raw.get("enabled", True)), raw.get("scope") or {},
                   raw.get("event") or {}, raw.get("action") or {}, raw.get("description"), raw.get("createdBy"),
                   raw.get("createdAt"), raw.get("updatedAt"), RateLimit.from_json(raw.get("rateLimit")), raw)

    @property
    def where(self) -> Optional[Dict[str, Any]]:
        """The event filter's ``where`` expression as stored (JSON), or None."""
        return (self.event.get("filter") or {}).get("where")

    def to_request(self) -> Dict[str, Any]:
        """The body that would create (or ``PUT``) this automation as it is now: every field the server sent is
        kept (a field this SDK does not know survives a replace), with this object's values over them."""
        body: Dict[str, Any] = {k: v for k, v in self.raw.items() if k not in _READ_ONLY and v is not None}
        body.update({"name": self.name, "enabled": self.enabled, "scope": self.scope, "event": self.event,
                     "action": self.action})
        body.pop("description", None)
        if self.description is not None:
            body["description"] = self.description
        body.pop("rateLimit", None)
        if self.rate_limit is not None:
            body["rateLimit"] = self.rate_limit.to_json()
        return body


@dataclass
class Execution:
    """One run of an automation's action, with its delivery attempts (secret values appear as ``***``)."""

    id: str
    automation_id: str
    status: str
    event_type: Optional[str] = None
    event_id: Optional[str] = None
    entity: Optional[str] = None
    created_at: Optional[str] = None
    finished_at: Optional[str] = None
    attempts: List[Dict[str, Any]] = field(default_factory=list)
    request: Optional[Dict[str, Any]] = None
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Dict[str, Any]) -> "Execution":
        return cls(raw["id"], raw.get("automationId", ""), raw.get("status", ""), raw.get("eventType"),
                   raw.get("eventId"), raw.get("entity"), raw.get("createdAt"), raw.get("finishedAt"),
                   list(_get(raw, "attempts", [])), raw.get("request"), raw)


@dataclass
class ApiRun:
    """A run as the registry records it (the logging handle is :class:`automations.Run`)."""

    id: str
    entity: str
    project: str
    name: str
    state: str
    user: Optional[str] = None
    config: Dict[str, Any] = field(default_factory=dict)
    created_at: Optional[str] = None
    updated_at: Optional[str] = None
    tags: List[str] = field(default_factory=list)
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, raw: Dict[str, Any]) -> "ApiRun":
        return cls(raw["id"], raw["entity"], raw["project"], raw.get("name", raw["id"]), raw.get("state", ""),
                   raw.get("user"), dict(_get(raw, "config", {})), raw.get("createdAt"), raw.get("updatedAt"),
                   list(_get(raw, "tags", [])), raw)
