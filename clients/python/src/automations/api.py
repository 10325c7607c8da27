"""The public API as Python calls (W&B's names where W&B has one): registry, runs, secrets, integrations,
automations and their executions, all through one base URL."""

from __future__ import annotations

import urllib.parse
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._http import RetryPolicy, Transport
from .automations import NewAutomation
from .config import Settings
from .errors import NotFound
from .models import (ApiRun, Artifact, ArtifactCollection, Automation, Entity, Execution, Integration, Project,
                     RateLimit, Registry, Secret, Source)

__all__ = ["Api"]

AutomationRef = Union[Automation, str]
IntegrationRef = Union[Integration, str]


def _q(part: str) -> str:
    return urllib.parse.quote(str(part), safe="")


def _split(path: str, parts: int, what: str) -> List[str]:
    pieces = [p for p in str(path).strip("/").split("/") if p]
    if len(pieces) != parts:
        raise ValueError(f"{what} is written as {'/'.join(['...'] * parts)}, got {path!r}")
    return pieces


def _drop_none(values: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


class Api:
    """A client of the suite.

    ``Api()`` reads ``AUTOMATIONS_BASE_URL`` (default ``http://127.0.0.1:8080``) and ``AUTOMATIONS_API_KEY`` (or the
    CLI's config file); ``Api(base_url=..., api_key=...)`` overrides them. ``service_urls={"registry": ..., ...}``
    (or ``AUTOMATIONS_SERVICE_URLS``) is a local/dev fallback that talks to the four services directly.
    """

    def __init__(self, base_url: Optional[str] = None, api_key: Optional[str] = None, *, timeout: float = 30.0,
                 service_urls: Optional[Mapping[str, str]] = None, retries: int = 5) -> None:
        settings = Settings.resolve(base_url, api_key, service_urls)
        self.settings = settings
        self.default_entity = settings.entity
        self._http = Transport(settings.base_url, settings.api_key, timeout, settings.service_urls,
                               RetryPolicy(attempts=max(1, retries)))

    @property
    def base_url(self) -> str:
        return self._http.base_url

    @property
    def transport(self) -> Transport:
        return self._http

    def close(self) -> None:
        self._http.close()

    # -- entities, projects, registries, collections -------------------------------------------------------------

    def create_entity(self, name: str) -> Entity:
        return Entity.from_json(self._http.json("POST", "/api/v1/entities", {"name": name}))

    def entities(self) -> List[Entity]:
        return [Entity.from_json(e) for e in self._http.pages("/api/v1/entities")]

    def entity(self, name: str) -> Entity:
        return Entity.from_json(self._http.json("GET", f"/api/v1/entities/{_q(name)}"))

    def create_project(self, entity: str, name: str, description: Optional[str] = None) -> Project:
        body = _drop_none({"name": name, "description": description})
        return Project.from_json(self._http.json("POST", f"/api/v1/entities/{_q(entity)}/projects", body))

    def project(self, path: str) -> Project:
        """``api.project("acme/fraud")``."""
        entity, name = _split(path, 2, "a project")
        return Project.from_json(self._http.json("GET", f"/api/v1/entities/{_q(entity)}/projects/{_q(name)}"))

    def projects(self, entity: str) -> List[Project]:
        return [Project.from_json(p) for p in self._http.pages(f"/api/v1/entities/{_q(entity)}/projects")]

    def create_registry(self, entity: str, name: str, description: Optional[str] = None) -> Registry:
        body = _drop_none({"name": name, "description": description})
        return Registry.from_json(self._http.json("POST", f"/api/v1/entities/{_q(entity)}/registries", body))

    def registry(self, path: str) -> Registry:
        """``api.registry("acme/model")``."""
        entity, name = _split(path, 2, "a registry")
        return Registry.from_json(self._http.json("GET", f"/api/v1/entities/{_q(entity)}/registries/{_q(name)}"))

    def registries(self, entity: str) -> List[Registry]:
        return [Registry.from_json(r) for r in self._http.pages(f"/api/v1/entities/{_q(entity)}/registries")]

    def create_registry_collection(self, registry: Union[Registry, str], name: str, *, type: str,
                                   description: Optional[str] = None, tags: Optional[Iterable[str]] = None
                                   ) -> ArtifactCollection:
        """``api.create_registry_collection("acme/model", "fraud-detector", type="model")``."""
        reg = registry if isinstance(registry, Registry) else Registry(*_split(registry, 2, "a registry"))
        body = _drop_none({"name": name, "type": type, "description": description,
                           "tags": list(tags) if tags is not None else None})
        path = f"/api/v1/entities/{_q(reg.entity)}/registries/{_q(reg.name)}/collections"
        return ArtifactCollection.from_json(self._http.json("POST", path, body))

    def registry_collection(self, path: str) -> ArtifactCollection:
        """``api.registry_collection("acme/model/fraud-detector")``."""
        return self._collection(_registry_collection_ref(path))

    def project_collection(self, path: str) -> ArtifactCollection:
        """``api.project_collection("acme/fraud/fraud-model")``: a project's collection (created by its first
        artifact)."""
        entity, project, name = _split(path, 3, "a project collection")
        return self._collection(ArtifactCollection(entity, name, project=project))

    def _collection(self, ref: ArtifactCollection) -> ArtifactCollection:
        return ArtifactCollection.from_json(self._http.json("GET", _collection_path(ref)))

    def add_collection_tag(self, collection: ArtifactCollection, tag: str) -> ArtifactCollection:
        """Tags the collection itself (ADD_COLLECTION_TAG; nothing happens when it has the tag already)."""
        return ArtifactCollection.from_json(self._http.json("POST", _collection_path(collection) + "/tags",
                                                            {"tag": tag}))

    def remove_collection_tag(self, collection: ArtifactCollection, tag: str) -> None:
        """Removes a tag of the collection itself (REMOVE_COLLECTION_TAG)."""
        self._http.json("DELETE", _collection_path(collection) + f"/tags/{_q(tag)}")

    # -- artifacts ------------------------------------------------------------------------------------------------

    def create_artifact(self, project: Union[Project, str], collection: str, *, type: str,
                        metadata: Optional[Mapping[str, Any]] = None, aliases: Optional[Iterable[str]] = None,
                        tags: Optional[Iterable[str]] = None, run_id: Optional[str] = None,
                        digest: Optional[str] = None) -> Artifact:
        """A new version of a project collection (``v0``, ``v1``...); ``latest`` moves to it."""
        proj = project if isinstance(project, Project) else Project(*_split(project, 2, "a project"))
        body = _drop_none({"collection": collection, "type": type,
                           "metadata": dict(metadata) if metadata is not None else None,
                           "aliases": list(aliases) if aliases is not None else None,
                           "tags": list(tags) if tags is not None else None, "runId": run_id, "digest": digest})
        path = f"/api/v1/entities/{_q(proj.entity)}/projects/{_q(proj.name)}/artifacts"
        return Artifact.from_json(self._http.json("POST", path, body))

    def artifact(self, artifact_id: str) -> Artifact:
        return Artifact.from_json(self._http.json("GET", f"/api/v1/artifacts/{_q(artifact_id)}"))

    def link_artifact(self, artifact: Union[Artifact, str], target: Union[ArtifactCollection, str],
                      aliases: Optional[Iterable[str]] = None) -> Artifact:
        """Links a version into a registry collection (``"acme/model/fraud-detector"``); returns it as that collection
        numbers it."""
        artifact_id = artifact.id if isinstance(artifact, Artifact) else artifact
        coll = target if isinstance(target, ArtifactCollection) else _registry_collection_ref(target)
        body = _drop_none({"artifactId": artifact_id, "aliases": list(aliases) if aliases is not None else None})
        return Artifact.from_json(self._http.json("POST", _collection_path(coll) + "/links", body))

    def unlink_artifact(self, linked: Artifact) -> None:
        coll = ArtifactCollection(linked.entity, linked.collection, registry=linked.registry)
        self._http.json("DELETE", _collection_path(coll) + f"/links/{_q(linked.version)}")

    def add_alias(self, version: Artifact, alias: str) -> Artifact:
        """Puts an alias on a version in the collection ``version`` belongs to (moving it from another version)."""
        return Artifact.from_json(self._http.json("POST", _version_path(version) + "/aliases", {"alias": alias}))

    def remove_alias(self, version: Artifact, alias: str) -> None:
        self._http.json("DELETE", _version_path(version) + f"/aliases/{_q(alias)}")

    def add_tag(self, version: Artifact, tag: str) -> Artifact:
        return Artifact.from_json(self._http.json("POST", _version_path(version) + "/tags", {"tag": tag}))

    def remove_tag(self, version: Artifact, tag: str) -> None:
        self._http.json("DELETE", _version_path(version) + f"/tags/{_q(tag)}")

    # -- runs -----------------------------------------------------------------------------------------------------

    def create_run(self, entity: str, project: str, name: str, *, id: Optional[str] = None,
                   user: Optional[str] = None, config: Optional[Mapping[str, Any]] = None,
                   tags: Optional[Iterable[str]] = None) -> ApiRun:
        body = _drop_none({"id": id, "name": name, "user": user, "config": dict(config) if config else None,
                           "tags": list(tags) if tags is not None else None})
        path = f"/api/v1/entities/{_q(entity)}/projects/{_q(project)}/runs"
        return ApiRun.from_json(self._http.json("POST", path, body))

    def run(self, path: str) -> ApiRun:
        """``api.run("acme/fraud/RUN_ID")``."""
        entity, project, run_id = _split(path, 3, "a run")
        return ApiRun.from_json(self._http.json("GET", _run_path(entity, project, run_id)))

    def runs(self, path: str) -> List[ApiRun]:
        """``api.runs("acme/fraud")``."""
        entity, project = _split(path, 2, "a project")
        return [ApiRun.from_json(r) for r in
                self._http.pages(f"/api/v1/entities/{_q(entity)}/projects/{_q(project)}/runs")]

    def set_run_tags(self, entity: str, project: str, run_id: str, tags: Iterable[str]) -> ApiRun:
        """Replaces a run's tags (up to 100); they travel on its RUN_STATE events and metric records."""
        return ApiRun.from_json(self._http.json("PATCH", _run_path(entity, project, run_id), {"tags": list(tags)}))

    def set_run_state(self, entity: str, project: str, run_id: str, state: str) -> ApiRun:
        """Ends a run (FINISHED, FAILED, CRASHED, KILLED); repeating its state changes nothing, so it is retried."""
        return ApiRun.from_json(self._http.json("PATCH", _run_path(entity, project, run_id), {"state": state}))

    def log_history(self, entity: str, project: str, run_id: str, points: List[Dict[str, Any]]) -> Dict[str, Any]:
        """Logs points ``{"step", "metrics", "timestamp"?}`` at once (at most 10,000); runs log through
        :meth:`automations.Run.log`, which batches in the background."""
        return self._http.json("POST", _run_path(entity, project, run_id) + "/history", points, idempotent=True)

    def run_history(self, path: str, metric: Optional[str] = None,
                    limit: Optional[int] = None) -> Dict[str, List[Dict[str, Any]]]:
        """``api.run_history("acme/fraud/RUN_ID", metric="loss")``: each metric's points ``{"step", "value",
        "timestamp"}`` by step, every metric unless one is named; the server thins a metric with more than ``limit``
        points (default 1,000, at most 10,000) evenly, keeping its first and last. NaN and ±inf come back as
        ``float('nan')`` and ``±float('inf')``."""
        entity, project, run_id = _split(path, 3, "a run")
        answer = self._http.json("GET", _run_path(entity, project, run_id) + "/history",
                                 query={"metric": metric, "limit": limit})
        metrics = dict((answer or {}).get("metrics") or {})
        for points in metrics.values():
            for point in points:
                value = point.get("value")
                if isinstance(value, str):  # the API writes NaN and ±inf as "NaN", "Infinity", "-Infinity"
                    point["value"] = float(value)
        return metrics

    # -- secrets --------------------------------------------------------------------------------------------------

    def create_secret(self, entity: str, name: str, value: str) -> Secret:
        """A write-only team secret (ADMIN); returns its metadata, never the value."""
        body = {"name": name, "value": value}
        return Secret.from_json(entity, self._http.json("POST", f"/api/v1/entities/{_q(entity)}/secrets", body))

    def rotate_secret(self, entity: str, name: str, value: str) -> Secret:
        path = f"/api/v1/entities/{_q(entity)}/secrets/{_q(name)}"
        return Secret.from_json(entity, self._http.json("PUT", path, {"value": value}))

    def set_secret(self, entity: str, name: str, value: str) -> Secret:
        """Creates the secret, or rotates it when it exists."""
        if any(s.name == name for s in self.secrets(entity)):
            return self.rotate_secret(entity, name, value)
        return self.create_secret(entity, name, value)

    def secrets(self, entity: str) -> List[Secret]:
        return [Secret.from_json(entity, s) for s in
                self._http.json("GET", f"/api/v1/entities/{_q(entity)}/secrets") or []]

    def delete_secret(self, entity: str, name: str) -> None:
        self._http.json("DELETE", f"/api/v1/entities/{_q(entity)}/secrets/{_q(name)}")

    # -- sources (MLflow, the Hugging Face Hub) -------------------------------------------------------------------

    def create_source(self, entity: str, name: str, *, kind: str, registry: str, secret: str,
                      project: Optional[str] = None) -> Source:
        """A source (ADMIN): ``kind`` is ``"mlflow"`` or ``"huggingface"``, ``secret`` names the team secret the
        external registry signs with; point its webhook at the returned ``receiver_path``."""
        body = _drop_none({"kind": kind, "name": name, "registry": registry, "secret": secret, "project": project})
        return Source.from_json(entity, self._http.json("POST", f"/api/v1/entities/{_q(entity)}/sources", body))

    def sources(self, entity: str) -> List[Source]:
        return [Source.from_json(entity, s) for s in self._http.pages(f"/api/v1/entities/{_q(entity)}/sources")]

    def delete_source(self, entity: str, name: str) -> None:
        self._http.json("DELETE", f"/api/v1/entities/{_q(entity)}/sources/{_q(name)}")

    # -- integrations ---------------------------------------------------------------------------------------------

    def create_webhook_integration(self, entity: str, name: str, *, url: str,
                                   access_token_secret: Optional[str] = None,
                                   signing_secret: Optional[str] = None, signature_format: Optional[str] = None,
                                   send_traceparent: Optional[bool] = None) -> Integration:
        """A webhook; ``access_token_secret`` / ``signing_secret`` name secrets of the entity (Bearer token, signing
        key). ``signature_format``: ``"standard-webhooks"`` (the default, ``webhook-signature``) or ``"wandb"``
        (``X-Wandb-Signature``, so a receiver written for W&B verifies it unchanged); ``send_traceparent=True`` adds
        the W3C ``traceparent`` header of each delivery."""
        if signature_format is not None and signature_format not in ("standard-webhooks", "wandb"):
            raise ValueError(f'signature_format is "standard-webhooks" or "wandb", got {signature_format!r}')
        body = _drop_none({"kind": "webhook", "name": name, "url": url, "accessTokenSecret": access_token_secret,
                           "signingSecret": signing_secret, "signatureFormat": signature_format,
                           "sendTraceparent": send_traceparent})
        return self._create_integration(entity, body)

    def create_slack_integration(self, entity: str, name: str, *, channel: str,
                                 webhook_url_secret: Optional[str] = None, bot_token_secret: Optional[str] = None,
                                 api_base_url: Optional[str] = None) -> Integration:
        body = _drop_none({"kind": "slack", "name": name, "channel": channel, "webhookUrlSecret": webhook_url_secret,
                           "botTokenSecret": bot_token_secret, "apiBaseUrl": api_base_url})
        return self._create_integration(entity, body)

    def _create_integration(self, entity: str, body: Dict[str, Any]) -> Integration:
        raw = self._http.json("POST", f"/api/v1/entities/{_q(entity)}/integrations", body)
        return Integration.from_json(_with_entity(raw, entity))

    def integrations(self, entity: str) -> List[Integration]:
        return [Integration.from_json(_with_entity(i, entity))
                for i in self._http.pages(f"/api/v1/entities/{_q(entity)}/integrations")]

    def integration(self, entity: str, name: str) -> Integration:
        raw = self._http.json("GET", f"/api/v1/entities/{_q(entity)}/integrations/{_q(name)}")
        return Integration.from_json(_with_entity(raw, entity))

    def delete_integration(self, integration: Integration) -> None:
        self._http.json("DELETE", f"/api/v1/entities/{_q(integration.entity)}/integrations/{_q(integration.name)}")

    def test_integration(self, integration: Integration, payload: Optional[Any] = None,
                         entity: Optional[str] = None) -> Dict[str, Any]:
        """Sends one call to the integration now: ``{"statusCode","body","durationMs","error"}``."""
        ent = entity or integration.entity
        body = None if payload is None else {"payload": payload}
        path = f"/api/v1/entities/{_q(ent)}/integrations/{_q(integration.name)}/test"
        return self._http.json("POST", path, body if body is not None else {})

    # -- automations ----------------------------------------------------------------------------------------------

    def create_automation(self, obj: Union[NewAutomation, Mapping[str, Any]], *, name: Optional[str] = None,
                          description: Optional[str] = None, enabled: Optional[bool] = None,
                          rate_limit: Optional[RateLimit] = None, entity: Optional[str] = None) -> Automation:
        """Saves ``event >> action`` (or a request body as a dict, then ``entity=`` is needed); ``rate_limit=
        am.RateLimit(max=10, per_seconds=3600)`` caps how often it acts."""
        if isinstance(obj, NewAutomation):
            body = obj.to_json() if name is None else obj.with_(name=name).to_json()
            ent = entity or obj.entity
        else:
            body = dict(obj)
            if name is not None:
                body["name"] = name
            ent = entity or body.pop("entity", None) or self.default_entity
            if not ent:
                raise ValueError("entity= is needed for an automation given as JSON")
        body.pop("entity", None)
        if description is not None:
            body["description"] = description
        if enabled is not None:
            body["enabled"] = enabled
        if rate_limit is not None:
            body["rateLimit"] = _rate_limit_json(rate_limit)
        return Automation.from_json(self._http.json("POST", f"/api/v1/entities/{_q(ent)}/automations", body))

    def apply_automation(self, obj: Union[NewAutomation, Mapping[str, Any]], *, name: Optional[str] = None,
                         entity: Optional[str] = None) -> Automation:
        """Creates or replaces the automation of that name (``PUT .../automations/by-name/{name}``): idempotent,
        safe when several callers apply the same name at once; the GitOps way to keep automations as code."""
        return self.apply_automation_status(obj, name=name, entity=entity)[0]

    def apply_automation_status(self, obj: Union[NewAutomation, Mapping[str, Any]], *, name: Optional[str] = None,
                                entity: Optional[str] = None) -> Tuple[Automation, bool]:
        """As :meth:`apply_automation`, and whether it was created (``True``) rather than replaced."""
        if isinstance(obj, NewAutomation):
            body = obj.to_json()
            ent = entity or obj.entity
        else:
            body = dict(obj)
            ent = entity or body.get("entity") or self.default_entity
        for key in ("id", "entity", "createdBy", "createdAt", "updatedAt"):
            body.pop(key, None)
        if name is not None:
            body["name"] = name
        if not ent:
            raise ValueError("entity= is needed for an automation given as JSON")
        if not body.get("name"):
            raise ValueError("an applied automation needs a name")
        path = f"/api/v1/entities/{_q(ent)}/automations/by-name/{_q(body['name'])}"
        response = self._http.request("PUT", path, body)
        return Automation.from_json(response.body), response.status == 201

    def automations(self, entity: Optional[str] = None, *, name: Optional[str] = None,
                    scope_type: Optional[str] = None, project: Optional[str] = None, registry: Optional[str] = None,
                    collection: Optional[str] = None, enabled: Optional[bool] = None) -> List[Automation]:
        ent = self._entity(entity)
        query = {"scopeType": scope_type, "project": project, "registry": registry, "collection": collection,
                 "enabled": enabled, "name": name}
        found = [Automation.from_json(a) for a in self._http.pages(f"/api/v1/entities/{_q(ent)}/automations", query)]
        return [a for a in found if name is None or a.name == name]

    def automation(self, entity: Optional[str] = None, *, name: Optional[str] = None,
                   id: Optional[str] = None) -> Automation:
        """One automation, by ``name=`` (unique in its entity) or ``id=``."""
        ent = self._entity(entity)
        if id is not None:
            return Automation.from_json(self._http.json("GET", f"/api/v1/entities/{_q(ent)}/automations/{_q(id)}"))
        if name is None:
            raise ValueError("give name= or id=")
        for a in self.automations(ent, name=name):
            return a
        raise NotFound(404, f"No automation named '{name}' in '{ent}'.", "NOT_FOUND", None)

    def update_automation(self, obj: Automation, **changes: Any) -> Automation:
        """Changes fields of a saved automation: ``update_automation(auto, enabled=False)`` sends a merge patch
        (``rate_limit=None`` removes the limit); without keyword arguments, ``obj`` as it is now replaces the stored
        one (``PUT``), every field it was read with included."""
        path = f"/api/v1/entities/{_q(obj.entity)}/automations/{_q(obj.id)}"
        if not changes:
            return Automation.from_json(self._http.json("PUT", path, obj.to_request()))
        patch: Dict[str, Any] = {}
        for key, value in changes.items():
            if key in ("scope", "event", "action") and hasattr(value, "to_json"):
                value = value.to_json() if key != "scope" else value.scope_json()
            if key == "event" and hasattr(changes[key], "scope"):
                patch["scope"] = changes[key].scope.scope_json()
            if key == "rate_limit":
                key, value = "rateLimit", None if value is None else _rate_limit_json(value)
            patch[key] = value
        return Automation.from_json(self._http.json("PATCH", path, patch))

    def replace_automation(self, obj: Automation, body: Mapping[str, Any]) -> Automation:
        path = f"/api/v1/entities/{_q(obj.entity)}/automations/{_q(obj.id)}"
        return Automation.from_json(self._http.json("PUT", path, dict(body)))

    def delete_automation(self, obj: AutomationRef, entity: Optional[str] = None) -> None:
        auto = self._automation(obj, entity)
        self._http.json("DELETE", f"/api/v1/entities/{_q(auto.entity)}/automations/{_q(auto.id)}")

    def dry_run(self, obj: Automation, event: Mapping[str, Any]) -> Dict[str, Any]:
        """Would this CloudEvent trigger the automation? ``{"matched","reasons","renderedPayload"?}``."""
        path = f"/api/v1/entities/{_q(obj.entity)}/automations/{_q(obj.id)}/dry-run"
        return self._http.json("POST", path, {"event": dict(event)}, idempotent=True)

    # -- executions -----------------------------------------------------------------------------------------------

    def executions(self, obj: AutomationRef, *, status: Optional[str] = None, limit: int = 50,
                   entity: Optional[str] = None) -> List[Execution]:
        """An automation's executions, newest first (``status=`` PENDING, FINISHED, FAILED or SKIPPED)."""
        auto = self._automation(obj, entity)
        raw = self._http.json("GET", f"/api/v1/entities/{_q(auto.entity)}/automations/{_q(auto.id)}/executions",
                              query={"limit": limit}) or []
        found = [Execution.from_json(e) for e in raw]
        return [e for e in found if status is None or e.status == status.upper()]

    def execution(self, execution_id: str) -> Execution:
        return Execution.from_json(self._http.json("GET", f"/api/v1/executions/{_q(execution_id)}"))

    def redeliver(self, execution: Union[Execution, str]) -> Execution:
        """A new attempt of an execution, with the same ``webhook-id``."""
        exec_id = execution.id if isinstance(execution, Execution) else execution
        return Execution.from_json(self._http.json("POST", f"/api/v1/executions/{_q(exec_id)}/redeliver", {}))

    # -- helpers --------------------------------------------------------------------------------------------------

    def _entity(self, entity: Optional[str]) -> str:
        ent = entity or self.default_entity
        if not ent:
            raise ValueError("entity is needed (or set AUTOMATIONS_ENTITY)")
        return ent

    def _automation(self, obj: AutomationRef, entity: Optional[str]) -> Automation:
        if isinstance(obj, Automation):
            return obj
        ent = self._entity(entity)
        try:
            return self.automation(ent, id=obj)
        except NotFound:
            return self.automation(ent, name=obj)


def _rate_limit_json(value: Union[RateLimit, Mapping[str, Any]]) -> Dict[str, Any]:
    if isinstance(value, RateLimit):
        return value.to_json()
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"rate_limit is an am.RateLimit(max=..., per_seconds=...), got {value!r}")


def _with_entity(raw: Dict[str, Any], entity: str) -> Dict[str, Any]:
    if raw.get("entity") is None:
        raw = dict(raw, entity=entity)
    return raw


def _registry_collection_ref(path: str) -> ArtifactCollection:
    entity, registry, name = _split(path, 3, "a registry collection")
    return ArtifactCollection(entity, name, registry=registry)


def _collection_path(coll: ArtifactCollection) -> str:
    parent = f"projects/{_q(coll.project)}" if coll.project else f"registries/{_q(coll.registry)}"
    return f"/api/v1/entities/{_q(coll.entity)}/{parent}/collections/{_q(coll.name)}"


def _version_path(version: Artifact) -> str:
    coll = ArtifactCollection(version.entity, version.collection, project=version.project, registry=version.registry)
    return _collection_path(coll) + f"/versions/{_q(version.version)}"


def _run_path(entity: str, project: str, run_id: str) -> str:
    return f"/api/v1/entities/{_q(entity)}/projects/{_q(project)}/runs/{_q(run_id)}"
