"""The CLI against the packaged suite: applying a JSON file twice changes nothing the second time, and the
executions it triggers are listed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import unittest

import automations as am
from e2e_support import Receiver, api, unique, wait_until


class CliEndToEndTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.api = api()
        cls.entity = unique("cli")
        cls.receiver = Receiver()
        cls.api.create_entity(cls.entity)
        cls.api.create_registry(cls.entity, "model")
        cls.api.create_registry_collection(f"{cls.entity}/model", "detector", type="model")
        cls.api.create_project(cls.entity, "fraud")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.env = dict(os.environ, AUTOMATIONS_ENTITY=cls.entity,
                       AUTOMATIONS_CONFIG=os.path.join(cls.tmp.name, "config.json"))

    @classmethod
    def tearDownClass(cls):
        cls.receiver.close()
        cls.tmp.cleanup()

    def cli(self, *args, stdin=None, check=True):
        done = subprocess.run([sys.executable, "-m", "automations", *args], input=stdin, capture_output=True,
                              text=True, env=self.env, timeout=120)
        if check and done.returncode != 0:
            self.fail(f"automations-cli {' '.join(args)} exited {done.returncode}: {done.stderr}")
        return done

    def test_apply_twice_then_list_executions(self):
        secret = self.cli("secrets", "set", "CI_TOKEN", stdin="tok-123\n")
        self.assertIn("CI_TOKEN", secret.stdout)
        self.api.create_webhook_integration(self.entity, "ci", url=self.receiver.url("/cli"),
                                            access_token_secret="CI_TOKEN")
        path = os.path.join(self.tmp.name, "automations.json")
        with open(path, "w") as f:
            json.dump([{
                "name": "reviewed-to-ci",
                "description": "a reviewed version goes to CI",
                "scope": {"type": "REGISTRY", "registry": "model"},
                "event": {"type": "ADD_ARTIFACT_TAG", "filter": {"tagRegex": "^reviewed$"}},
                "action": {"type": "GENERIC_WEBHOOK", "integration": "ci",
                           "payload": {"version": "${artifact_version_string}", "token": "${ACCESS_TOKEN}"}},
            }, {
                "name": "loss-watch",
                "scope": {"type": "PROJECT", "project": "fraud"},
                "event": {"type": "RUN_METRIC_THRESHOLD", "filter": {"metric": "loss", "cmp": "<", "threshold": 0.1}},
                "action": {"type": "NO_OP"},
            }], f)
        first = json.loads(self.cli("--json", "automations", "apply", "-f", path).stdout)
        self.assertEqual([r["result"] for r in first], ["created", "created"])
        before = {a.name: a.updated_at for a in self.api.automations(self.entity)}
        second = json.loads(self.cli("automations", "apply", "-f", path, "--json").stdout)
        self.assertEqual([r["result"] for r in second], ["unchanged", "unchanged"])
        self.assertEqual([r["id"] for r in second], [r["id"] for r in first])
        self.assertEqual({a.name: a.updated_at for a in self.api.automations(self.entity)}, before)

        table = self.cli("automations", "list").stdout
        self.assertIn("reviewed-to-ci", table)
        self.assertIn("registry model", table)

        # Trigger it: tag a linked version.
        with am.init(entity=self.entity, project="fraud", name="cli-run", api=self.api) as run:
            art = run.log_artifact("detector", type="model")
            linked = run.link_artifact(art, "model/detector")
        self.api.add_tag(linked, "reviewed")
        wait_until(lambda: self.receiver.bodies("/cli"), 60, "the webhook")
        listed = wait_until(lambda: [e for e in json.loads(self.cli(
            "executions", "list", "--automation", "reviewed-to-ci", "--json").stdout) if e["status"] == "FINISHED"],
            60, "a FINISHED execution in the CLI's list")
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["request"]["payload"]["token"], "***")
        self.assertEqual(self.receiver.bodies("/cli")[0]["token"], "tok-123")
        table = self.cli("executions", "list", "--status", "FINISHED").stdout
        self.assertIn(listed[0]["id"], table)
        self.assertIn("reviewed-to-ci", table)

        disabled = self.cli("automations", "disable", "reviewed-to-ci")
        self.assertIn("disabled", disabled.stdout)
        third = json.loads(self.cli("automations", "apply", "-f", path, "--json").stdout)
        self.assertEqual([r["result"] for r in third], ["updated", "unchanged"])
        self.assertTrue(self.api.automation(self.entity, name="reviewed-to-ci").enabled)

    def test_errors_exit_non_zero_with_the_apis_message(self):
        bad = self.cli("automations", "apply", "-f", "-", check=False, stdin=json.dumps({
            "name": "bad", "scope": {"type": "PROJECT", "project": "fraud"},
            "event": {"type": "ADD_ARTIFACT_ALIAS", "filter": {"aliasRegex": "(unclosed"}},
            "action": {"type": "NO_OP"}}))
        self.assertEqual(bad.returncode, 1)
        self.assertIn("regular expression", bad.stderr)
        self.assertIn("event.filter.aliasRegex", bad.stderr)
        missing = self.cli("automations", "get", "no-such", check=False)
        self.assertEqual(missing.returncode, 1)
        self.assertIn("no-such", missing.stderr)
        runs = self.cli("runs", "list", "-p", "fraud", "--json")
        self.assertIsInstance(json.loads(runs.stdout), list)


if __name__ == "__main__":
    unittest.main()
