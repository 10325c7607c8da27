"""Events and actions write the API's automation body; ``event >> action`` makes a new automation."""

import unittest

import automations as am
from automations import RunEvent

PROJECT = am.Project("acme", "fraud")
REGISTRY = am.Registry("acme", "model")
REG_COLLECTION = am.ArtifactCollection("acme", "fraud-detector", registry="model")
PROJ_COLLECTION = am.ArtifactCollection("acme", "fraud-model", project="fraud")
HOOK = am.WebhookIntegration(entity="acme", name="ci", kind="webhook", url="http://x")


class EventsTest(unittest.TestCase):
    def test_the_issue_example_is_the_contract_json(self):
        event = am.OnRunMetric(scope=PROJECT, filter=RunEvent.metric("loss").avg(5) < 0.2)
        action = am.SendWebhook(integration=HOOK, payload={"run": "${run_name}", "loss": "${metric_value}"})
        new = event >> action
        self.assertIsInstance(new, am.NewAutomation)
        new.name, new.description = "loss-low", "low loss"
        self.assertEqual(new.to_json(), {
            "name": "loss-low", "description": "low loss", "enabled": True,
            "scope": {"type": "PROJECT", "project": "fraud"},
            "event": {"type": "RUN_METRIC_THRESHOLD",
                      "filter": {"metric": "loss", "agg": "AVERAGE", "window": 5, "cmp": "<", "threshold": 0.2}},
            "action": {"type": "GENERIC_WEBHOOK", "integration": "ci",
                       "payload": {"run": "${run_name}", "loss": "${metric_value}"}}})
        self.assertEqual(new.entity, "acme")

    def test_scopes(self):
        self.assertEqual(am.Entity("acme").scope_json(), {"type": "ENTITY"})
        self.assertEqual(REGISTRY.scope_json(), {"type": "REGISTRY", "registry": "model"})
        self.assertEqual(REG_COLLECTION.scope_json(),
                         {"type": "ARTIFACT_COLLECTION", "registry": "model", "collection": "fraud-detector"})
        self.assertEqual(PROJ_COLLECTION.scope_json(),
                         {"type": "ARTIFACT_COLLECTION", "project": "fraud", "collection": "fraud-model"})

    def test_artifact_events(self):
        self.assertEqual(am.OnCreateArtifact(PROJ_COLLECTION).to_json(), {"type": "CREATE_ARTIFACT", "filter": {}})
        self.assertEqual(am.OnLinkArtifact(REGISTRY).to_json(), {"type": "LINK_ARTIFACT", "filter": {}})
        self.assertEqual(am.OnUnlinkArtifact(REGISTRY).to_json(), {"type": "UNLINK_ARTIFACT", "filter": {}})
        self.assertEqual(am.OnAddArtifactAlias(REG_COLLECTION, filter=am.ArtifactEvent.alias.matches("^prod$"))
                         .to_json(), {"type": "ADD_ARTIFACT_ALIAS", "filter": {"aliasRegex": "^prod$"}})
        self.assertEqual(am.OnAddArtifactTag(REGISTRY, filter=am.ArtifactEvent.tag.matches("ok")).to_json(),
                         {"type": "ADD_ARTIFACT_TAG", "filter": {"tagRegex": "ok"}})
        self.assertEqual(am.OnRemoveArtifactTag(REGISTRY, filter="ok").to_json(),
                         {"type": "REMOVE_ARTIFACT_TAG", "filter": {"tagRegex": "ok"}})

    def test_an_alias_event_refuses_a_tag_filter(self):
        with self.assertRaises(TypeError):
            am.OnAddArtifactAlias(REGISTRY, filter=am.ArtifactEvent.tag.matches("x"))

    def test_run_metric_event_type_follows_its_filter(self):
        self.assertEqual(am.OnRunMetric(PROJECT, RunEvent.metric("a").changes_by(diff=1)).to_json()["type"],
                         "RUN_METRIC_CHANGE")
        self.assertEqual(am.OnRunMetric(PROJECT, RunEvent.metric("a").zscore().abs() > 3).to_json()["type"],
                         "RUN_METRIC_ZSCORE")
        with self.assertRaises(TypeError):
            am.OnRunMetric(PROJECT, am.ArtifactEvent.alias.matches("x"))

    def test_run_state_event(self):
        event = am.OnRunState(PROJECT, states=["FAILED"], filter=RunEvent.name.matches("^r"))
        self.assertEqual(event.to_json(), {"type": "RUN_STATE", "filter": {"states": ["FAILED"],
                                                                           "runNameRegex": "^r"}})
        self.assertEqual(am.OnRunState(PROJECT, filter=RunEvent.state == "finished").to_json()["filter"],
                         {"states": ["FINISHED"]})
        with self.assertRaises(ValueError):
            am.OnRunState(PROJECT)

    def test_scope_must_be_a_scope(self):
        with self.assertRaises(TypeError):
            am.OnLinkArtifact("acme/model")


class ActionsTest(unittest.TestCase):
    def test_actions(self):
        self.assertEqual(am.SendWebhook("ci").to_json(), {"type": "GENERIC_WEBHOOK", "integration": "ci",
                                                          "payload": {}})
        self.assertEqual(am.SendNotification("slack", title="T", severity="warn").to_json(),
                         {"type": "NOTIFICATION", "integration": "slack", "title": "T", "severity": "WARN"})
        self.assertEqual(am.SendNotification.from_integration("s", text="m", level="ERROR").to_json(),
                         {"type": "NOTIFICATION", "integration": "s", "message": "m", "severity": "ERROR"})
        self.assertEqual(am.DoNothing().to_json(), {"type": "NO_OP"})
        with self.assertRaises(ValueError):
            am.SendNotification("s", severity="LOUD")

    def test_event_needs_an_action(self):
        with self.assertRaises(TypeError):
            am.OnLinkArtifact(REGISTRY) >> {"type": "NO_OP"}

    def test_a_new_automation_needs_a_name(self):
        with self.assertRaises(ValueError):
            (am.OnLinkArtifact(REGISTRY) >> am.DoNothing()).to_json()


if __name__ == "__main__":
    unittest.main()
