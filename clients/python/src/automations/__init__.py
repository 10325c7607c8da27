"""automations: a Python SDK for the automations suite (W&B Automations-like), pure standard library.

    import automations as am
    api = am.Api()
    project = api.project("acme/fraud")
    hook = api.integration("acme", "ci")
    event = am.OnRunMetric(scope=project, filter=am.RunEvent.metric("loss").avg(5) < 0.2)
    api.create_automation(event >> am.SendWebhook(integration=hook, payload={"run": "${run_name}"}), name="loss-low")

    with am.init(entity="acme", project="fraud", name="r1") as run:
        run.log({"loss": 0.41})
"""

__version__ = "0.1.0"

from . import errors  # noqa: E402
from ._filters import (ArtifactEvent, MetricChangeFilter, MetricThresholdFilter, MetricZScoreFilter,  # noqa: E402
                       RunEvent, RunFilter, RunStateFilter)
from ._where import And, FilterableField, FilterExpr, Nor, Not, Or, WhereExpr  # noqa: E402
from .actions import DoNothing, SendNotification, SendWebhook  # noqa: E402
from .api import Api  # noqa: E402
from .automations import NewAutomation  # noqa: E402
from .events import (OnAddArtifactAlias, OnAddArtifactTag, OnAddCollectionTag, OnCreateArtifact,  # noqa: E402
                     OnLinkArtifact, OnRemoveArtifactTag, OnRemoveCollectionTag, OnRunMetric, OnRunMetricDiverged,
                     OnRunStalled, OnRunState, OnUnlinkArtifact)
from .models import (ApiRun, Artifact, ArtifactCollection, Automation, Entity, Execution, Integration,  # noqa: E402
                     Project, RateLimit, Registry, Secret, SlackIntegration, Source, WebhookIntegration)
from .run import Run, init  # noqa: E402

__all__ = [
    "__version__",
    "errors",
    "Api",
    "init",
    "Run",
    # events
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
    "RunEvent",
    "ArtifactEvent",
    # where expressions
    "WhereExpr",
    "FilterExpr",
    "FilterableField",
    "And",
    "Or",
    "Nor",
    "Not",
    "MetricThresholdFilter",
    "MetricChangeFilter",
    "MetricZScoreFilter",
    "RunFilter",
    "RunStateFilter",
    # actions
    "SendWebhook",
    "SendNotification",
    "DoNothing",
    "NewAutomation",
    "RateLimit",
    # records
    "Automation",
    "Execution",
    "Entity",
    "Project",
    "Registry",
    "ArtifactCollection",
    "Artifact",
    "Secret",
    "Source",
    "Integration",
    "WebhookIntegration",
    "SlackIntegration",
    "ApiRun",
]
