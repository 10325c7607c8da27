"""The SDK against the packaged suite: builders round-trip through the server, a training loop fires the metric
automation exactly for the runs whose window crosses, a failing run fires a FAILED automation, an alias added by
``link_artifact`` fires a signed webhook."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
import time
import unittest
from collections import Counter

import automations as am
from automations import RunEvent, ArtifactEvent
from e2e_support import Receiver, api, unique, wait_until


class SdkEndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.api = api()
        cls.entity = unique("py")
        cls.receiver = Receiver()
        cls.api.create_entity(cls.entity)
        cls.api.create_registry(cls.entity, "model")
        cls.collection = cls.api.create_registry_collection(f"{cls.entity}/model", "fraud-detector", type="model")
        cls.api.create_secret(cls.entity, "CI_TOKEN", "s3cr3t")
        cls.hook = cls.api.create_webhook_integration(cls.entity, "ci", url=cls.receiver.url("/hook"),
                                                      access_token_secret="CI_TOKEN")

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()

    def project(self, name):
        self.api.create_project(self.entity, name)
        return self.api.project(f"{self.entity}/{name}")

    # -- builders ----------------------------------------------------------------------------------------------

    def test_every_builder_round_trips_through_the_server(self):
        project = self.project("builders")
        registry = self.api.registry(f"{self.entity}/model")
        collection = self.api.registry_collection(f"{self.entity}/model/fraud-detector")
        entity = self.api.entity(self.entity)
        events = [
            am.OnRunMetric(project, RunEvent.metric("loss").avg(5) < 0.2),
            am.OnRunMetric(project, (RunEvent.metric("acc").max(3) >= 0.9) & RunEvent.name.matches("^sweep-")),
            am.OnRunMetric(entity, RunEvent.metric("loss") != 0),
            am.OnRunMetric(project, RunEvent.metric("acc").mean(10).decreases_by(frac=0.2, prior=40)),
            am.OnRunMetric(project, RunEvent.metric("acc").changes_by(diff=0.5) & (RunEvent.user == "ana")),
            am.OnRunMetric(project, RunEvent.metric("loss").zscore(window=30).abs() > 3),
            am.OnRunMetric(project, RunEvent.metric("loss").zscore(20) < -2.5),
            am.OnRunState(project, states=["CRASHED", "FINISHED"]),
            am.OnAddArtifactAlias(collection, filter=ArtifactEvent.alias.matches("^prod$")),
            am.OnAddArtifactTag(registry, filter=ArtifactEvent.tag.matches("reviewed")),
            am.OnRemoveArtifactTag(registry, filter=ArtifactEvent.tag.matches("reviewed")),
            am.OnLinkArtifact(collection),
            am.OnUnlinkArtifact(registry),
            # where expressions built in W&B's spelling, and the events of the automation model v2
            am.OnLinkArtifact(collection, filter=ArtifactEvent.aliases.contains("candidate")
                              & (ArtifactEvent.metadata["eval.auc"] >= 0.9)),
            am.OnAddArtifactAlias(collection, filter=ArtifactEvent.alias.eq("prod") | ~ArtifactEvent.author.exists()),
            am.OnAddArtifactTag(registry, filter=ArtifactEvent.tag.matches("^ok") & ArtifactEvent.tags.not_in(["x"])),
            am.OnCreateArtifact(project, filter=ArtifactEvent.artifact_type.in_(["model", "dataset"])),
            am.OnAddCollectionTag(registry, filter=ArtifactEvent.collection_tags.contains("approved")),
            am.OnRemoveCollectionTag(collection, filter="^approved$"),
            am.OnRunState(project, states=["RUNNING"], filter=RunEvent.config["optimizer.name"] == "adam"),
            am.OnRunMetric(project, (RunEvent.metric("loss") > 1) & RunEvent.tags.contains("nightly")),
            am.OnRunMetricDiverged(project, "loss", filter=RunEvent.name.matches_regex("^train-")),
            am.OnRunStalled(entity, 10, filter=RunEvent.user != "bot"),
        ]
        actions = [am.SendWebhook(self.hook, payload={"run": "${run_name}", "v": "${metric_value}"}), am.DoNothing(),
                   am.SendWebhook("ci")]
        for i, event in enumerate(events):
            action = actions[i % len(actions)]
            with self.subTest(event=event):
                new = event >> action
                saved = self.api.create_automation(new, name=unique("rt"), description="round trip")
                read = self.api.automation(self.entity, id=saved.id)
                built = am.NewAutomation(new.event, new.action, saved.name, "round trip").to_json()
                self.assertEqual(read.scope, built["scope"])
                self.assertEqual(read.event, built["event"])
                self.assertEqual(read.action, built["action"])
                self.assertEqual((read.name, read.description, read.enabled), (saved.name, "round trip", True))
                self.api.delete_automation(read)
        with self.assertRaises(am.errors.NotFound):
            self.api.automation(self.entity, id=saved.id)

    def test_a_where_built_with_the_builder_round_trips_and_fires_for_the_versions_it_selects(self):
        project = self.project("gated")
        collection = self.api.create_registry_collection(f"{self.entity}/model", "gated", type="model")
        where = ArtifactEvent.aliases.contains("candidate") & (ArtifactEvent.metadata["eval"]["auc"] >= 0.9)
        new = (am.OnLinkArtifact(collection, filter=where)
               >> am.SendWebhook(self.hook, payload={"kind": "gated", "version": "${artifact_version_string}"}))
        saved = self.api.create_automation(new, name="gated-link", rate_limit=am.RateLimit(max=5, per_seconds=60))
        read = self.api.automation(self.entity, id=saved.id)
        self.assertEqual(read.event, {"type": "LINK_ARTIFACT", "filter": {"where": where.to_json()}})
        self.assertEqual(read.where, {"$and": [{"aliases": {"$contains": "candidate"}},
                                               {"metadata.eval.auc": {"$gte": 0.9}}]})
        self.assertEqual(read.rate_limit, am.RateLimit(5, 60))
        replaced = self.api.update_automation(read)  # PUT of the automation as read: nothing is lost
        self.assertEqual((replaced.event, replaced.rate_limit), (read.event, read.rate_limit))
        self.assertEqual(self.api.update_automation(replaced, rate_limit=None).rate_limit, None)

        weak = self.api.create_artifact(project, "gated-model", type="model", metadata={"eval": {"auc": 0.5}})
        self.api.link_artifact(weak, collection, aliases=["candidate"])
        strong = self.api.create_artifact(project, "gated-model", type="model", metadata={"eval": {"auc": 0.95}})
        linked = self.api.link_artifact(strong, collection, aliases=["candidate"])
        wait_until(lambda: [b for b in self.receiver.bodies("/hook") if b.get("kind") == "gated"], 60,
                   "the gated webhook")
        self.assertEqual([b for b in self.receiver.bodies("/hook") if b.get("kind") == "gated"],
                         [{"kind": "gated", "version": f"{self.entity}/model/gated:{linked.version}"}])

    def test_a_where_the_server_refuses_names_the_node(self):
        with self.assertRaises(am.errors.ValidationError) as ctx:
            self.api.create_automation(am.OnLinkArtifact(self.collection,
                                                         filter=ArtifactEvent.alias.matches_regex("(unclosed"))
                                       >> am.DoNothing(), name=unique("bad-where"))
        self.assertEqual(ctx.exception.field, "event.filter.where.alias.$regex")

    def test_errors_name_the_field_and_carry_the_apis_message(self):
        project = self.project("errors")
        with self.assertRaises(am.errors.ValidationError) as ctx:
            self.api.create_automation(am.OnRunState(project, states=["FAILED"]) >> am.SendWebhook("no-such-hook"),
                                       name=unique("bad"))
        self.assertEqual(ctx.exception.field, "action.integration")
        with self.assertRaises(am.errors.ValidationError) as ctx:
            self.api.create_automation(am.OnAddArtifactAlias(self.collection, filter="(unclosed") >> am.DoNothing(),
                                       name=unique("bad"))
        self.assertEqual(ctx.exception.field, "event.filter.aliasRegex")
        self.assertIn("regular expression", ctx.exception.message)
        name = unique("dup")
        self.api.create_automation(am.OnLinkArtifact(self.collection) >> am.DoNothing(), name=name)
        with self.assertRaises(am.errors.Conflict):
            self.api.create_automation(am.OnLinkArtifact(self.collection) >> am.DoNothing(), name=name)
        with self.assertRaises(am.errors.NotFound):
            self.api.automation(self.entity, name="no-such-automation")
        stranger = am.Api(api_key="not-a-key")
        with self.assertRaises(am.errors.Unauthorized):
            stranger.entities()
        stranger.close()

    # -- the scenarios of the issue ----------------------------------------------------------------------------

    def test_a_training_loop_fires_the_metric_automation_exactly_for_runs_whose_window_crosses(self):
        project = self.project("training")
        loss_low = self.api.create_automation(
            am.OnRunMetric(project, RunEvent.metric("loss").avg(5) < 0.2)
            >> am.SendWebhook(self.hook, payload={"kind": "loss", "run": "${run_name}", "loss": "${metric_value}"}),
            name="loss-low")
        # The barrier: every run logs `done` last; its records follow the run's losses on the run's partition, so
        # once `done` has fired for a run, its loss records have all been evaluated.
        self.api.create_automation(
            am.OnRunMetric(project, RunEvent.metric("done").latest() > 0)
            >> am.SendWebhook(self.hook, payload={"kind": "done", "run": "${run_name}"}), name="run-done")
        crossing = set()
        for i in range(20):
            name = f"train-{i:02d}"
            floor = 0.1 if i % 3 == 0 else 0.25  # a third of the runs converge below the threshold
            if floor < 0.2:
                crossing.add(name)
            with am.init(entity=self.entity, project="training", name=name, config={"lr": 3e-4, "i": i},
                         api=self.api) as run:
                for step in range(500):
                    loss = floor + (1 - floor) * math.exp(-step / 40) + 0.01 * math.sin(step)
                    run.log({"loss": loss, "acc": 1 - loss, "lr": 3e-4 * (1 - step / 500)})
                run.log({"done": 1})
            self.assertEqual(run.stats.sent, 501)
            self.assertEqual(self.api.run(f"{self.entity}/training/{run.id}").state, "FINISHED")

        def bodies(kind):
            return [b for b in self.receiver.bodies("/hook") if b.get("kind") == kind and
                    str(b.get("run", "")).startswith("train-")]

        wait_until(lambda: len(bodies("done")) >= 20, 180, "the 20 runs' barrier webhooks")
        wait_until(lambda: {b["run"] for b in bodies("loss")} >= crossing, 60, "the crossing runs' webhooks")
        fired = Counter(b["run"] for b in bodies("loss"))
        self.assertEqual(set(fired), crossing)
        self.assertEqual(set(fired.values()), {1}, "a run-metric automation fires at most once per run")
        self.assertTrue(all(b["loss"] < 0.2 for b in bodies("loss")))
        wait_until(lambda: len(self.api.executions(loss_low, status="FINISHED", limit=100)) == len(crossing), 60,
                   "the executions")
        executions = self.api.executions(loss_low, limit=100)
        self.assertEqual(len(executions), len(crossing))
        self.assertEqual(executions[0].request["payload"]["kind"], "loss")

    def test_a_run_that_raises_inside_with_init_fires_a_failed_automation(self):
        self.project("states")
        project = self.api.project(f"{self.entity}/states")
        auto = self.api.create_automation(
            am.OnRunState(project, states=["FAILED"])
            >> am.SendWebhook(self.hook, payload={"kind": "state", "run": "${run_name}", "state": "${run_state}"}),
            name="run-failed")
        with self.assertRaises(FloatingPointError):
            with am.init(entity=self.entity, project="states", name="diverging", api=self.api) as run:
                run.log({"loss": 0.5})
                raise FloatingPointError("loss is NaN")
        self.assertEqual(self.api.run(f"{self.entity}/states/{run.id}").state, "FAILED")
        body = wait_until(lambda: [b for b in self.receiver.bodies("/hook") if b.get("kind") == "state"], 60,
                          "the FAILED run's webhook")
        self.assertEqual(body, [{"kind": "state", "run": "diverging", "state": "FAILED"}])
        execution = wait_until(lambda: self.api.executions(auto, status="FINISHED"), 30, "the execution")[0]
        self.assertEqual(execution.event_type, "RUN_STATE")

    def test_an_alias_added_by_link_artifact_fires_a_signed_webhook_the_receiver_verifies(self):
        self.project("signed")
        key = secrets.token_bytes(24)
        self.api.create_secret(self.entity, "SIGNING_KEY", "whsec_" + base64.b64encode(key).decode())
        signed = self.api.create_webhook_integration(self.entity, "signed", url=self.receiver.url("/signed"),
                                                     signing_secret="SIGNING_KEY")
        collection = self.api.registry_collection(f"{self.entity}/model/fraud-detector")
        auto = self.api.create_automation(
            am.OnAddArtifactAlias(collection, filter=ArtifactEvent.alias.matches("^candidate$"))
            >> am.SendWebhook(signed, payload={"version": "${artifact_version_string}", "alias": "${alias}",
                                               "auc": "${artifact_metadata.auc}"}),
            name="candidate-signed")
        with am.init(entity=self.entity, project="signed", name="trainer", api=self.api) as run:
            art = run.log_artifact("fraud-model", type="model", aliases=["staging"], metadata={"auc": 0.93})
            linked = run.link_artifact(art, f"{self.entity}/model/fraud-detector", aliases=["candidate"])
        self.assertEqual(art.run_id, run.id)
        self.assertIn("candidate", linked.aliases)
        call = wait_until(lambda: self.receiver.calls_to("/signed"), 60, "the signed webhook")[0]
        headers, raw = call["headers"], call["raw"]
        self.assertTrue(verify(key, headers, raw), f"signature does not verify: {headers}")
        self.assertFalse(verify(key, headers, raw + b" "), "a changed body must not verify")
        self.assertLess(abs(time.time() - int(headers["webhook-timestamp"])), 300)
        self.assertEqual(json.loads(raw), {"version": f"{self.entity}/model/fraud-detector:{linked.version}",
                                           "alias": "candidate", "auc": 0.93})
        # Redelivery: a new attempt of the same execution, same webhook-id, signed again.
        execution = wait_until(lambda: self.api.executions(auto, status="FINISHED"), 30, "the execution")[0]
        self.api.redeliver(execution)
        again = wait_until(lambda: self.receiver.calls_to("/signed")[1:], 60, "the redelivery")[0]
        self.assertEqual(again["headers"]["webhook-id"], headers["webhook-id"])
        self.assertTrue(verify(key, again["headers"], again["raw"]))

    def test_an_integration_test_call_reaches_the_receiver(self):
        result = self.api.test_integration(self.hook, payload={"ping": "${entity_name}"})
        self.assertEqual(result["statusCode"], 204)
        self.assertIn({"ping": self.entity}, self.receiver.bodies("/hook"))


def verify(key: bytes, headers: dict, body: bytes) -> bool:
    """Standard Webhooks: v1,base64(HMAC-SHA256(key, id.timestamp.body)), one of space-separated signatures."""
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(sig.split(",", 1)[1], expected)
               for sig in headers.get("webhook-signature", "").split() if sig.startswith("v1,"))


if __name__ == "__main__":
    unittest.main()
