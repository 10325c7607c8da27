"""The CLI against a local stand-in server: apply is idempotent, secrets never come from argv, errors exit != 0."""

import io
import json
import os
import stat
import tempfile
import unittest
from unittest import mock

from automations.cli import main
from fake_server import FakeSuite

AUTOMATION = {
    "name": "loss-low",
    "scope": {"type": "PROJECT", "project": "fraud"},
    "event": {"type": "RUN_METRIC_THRESHOLD", "filter": {"metric": "loss", "cmp": "<", "threshold": 0.2}},
    "action": {"type": "NO_OP"},
}


class Stdin(io.StringIO):
    def isatty(self):
        return False


class CliTest(unittest.TestCase):
    def setUp(self):
        self.suite = FakeSuite()
        self.tmp = tempfile.TemporaryDirectory()
        self.env = mock.patch.dict(os.environ, {
            "AUTOMATIONS_BASE_URL": self.suite.url, "AUTOMATIONS_API_KEY": "test-key",
            "AUTOMATIONS_CONFIG": os.path.join(self.tmp.name, "config.json"), "AUTOMATIONS_ENTITY": "acme"})
        self.env.start()
        os.environ.pop("AUTOMATIONS_SERVICE_URLS", None)

    def tearDown(self):
        self.env.stop()
        self.tmp.cleanup()
        self.suite.stop()

    def cli(self, *argv, stdin=""):
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), stdin=Stdin(stdin), stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    def test_apply_twice_changes_nothing_the_second_time(self):
        path = os.path.join(self.tmp.name, "a.json")
        with open(path, "w") as f:
            json.dump(AUTOMATION, f)
        code, out, _ = self.cli("--json", "automations", "apply", "-f", path)
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out)[0]["result"], "created")
        writes = [r for r in self.suite.requests if r[0] != "GET"]
        code, out, _ = self.cli("automations", "apply", "-f", path, "--json")
        self.assertEqual(json.loads(out)[0]["result"], "unchanged")
        self.assertEqual([r for r in self.suite.requests if r[0] != "GET"], writes)
        with open(path, "w") as f:
            json.dump(dict(AUTOMATION, description="now described"), f)
        code, out, _ = self.cli("automations", "apply", "-f", path)
        self.assertEqual(code, 0)
        self.assertIn("updated", out)
        self.assertEqual(next(iter(self.suite.automations.values()))["description"], "now described")

    def test_apply_automation_creates_then_replaces_the_same_automation(self):
        import automations as am
        api = am.Api(self.suite.url, "test-key")
        first = api.apply_automation(AUTOMATION, entity="acme")
        second, created = api.apply_automation_status(dict(AUTOMATION, description="v2"), entity="acme")
        self.assertFalse(created)
        self.assertEqual(first.id, second.id)
        self.assertEqual(len(self.suite.automations), 1)
        self.assertIn(("PUT", "/api/v1/entities/acme/automations/by-name/loss-low"),
                      [(r[0], r[1]) for r in self.suite.requests])

    def test_list_disable_and_delete(self):
        self.cli("automations", "apply", "-f", "-", stdin=json.dumps(AUTOMATION))
        code, out, _ = self.cli("automations", "list")
        self.assertEqual(code, 0)
        self.assertIn("loss-low", out)
        self.assertIn("project fraud", out)
        self.assertEqual(self.cli("automations", "disable", "loss-low")[0], 0)
        self.assertFalse(next(iter(self.suite.automations.values()))["enabled"])
        self.assertEqual(self.cli("automations", "delete", "loss-low")[0], 0)
        self.assertEqual(self.suite.automations, {})

    def test_errors_exit_non_zero_with_the_apis_message(self):
        code, _, err = self.cli("automations", "apply", "-f", "-", stdin=json.dumps({"name": "x"}))
        self.assertEqual(code, 1)
        self.assertIn("'scope.type' is required.", err)
        code, _, err = self.cli("automations", "get", "nope")
        self.assertEqual(code, 1)
        self.assertIn("No automation", err)
        self.assertEqual(self.cli("automations", "frobnicate")[0], 2)

    def test_secret_values_come_from_stdin_only(self):
        code, out, _ = self.cli("secrets", "set", "CI_TOKEN", stdin="s3cr3t\n")
        self.assertEqual(code, 0)
        self.assertEqual(self.suite.secret_values[("acme", "CI_TOKEN")], "s3cr3t")
        self.assertNotIn("s3cr3t", out)
        self.cli("secrets", "set", "CI_TOKEN", stdin="rotated")
        self.assertEqual(self.suite.secrets[("acme", "CI_TOKEN")]["version"], 2)
        code, out, _ = self.cli("secrets", "list")
        self.assertIn("CI_TOKEN", out)
        self.assertNotIn("rotated", out)
        self.assertEqual(self.cli("secrets", "set", "CI_TOKEN", "value-in-argv")[0], 2)

    def test_login_stores_url_and_key_readable_by_the_owner_only(self):
        code, _, _ = self.cli("login", "--base-url", self.suite.url, "-e", "acme", stdin="test-key\n")
        self.assertEqual(code, 0)
        path = os.environ["AUTOMATIONS_CONFIG"]
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with open(path) as f:
            self.assertEqual(json.load(f), {"base_url": self.suite.url, "api_key": "test-key", "entity": "acme"})
        code, _, err = self.cli("login", "--base-url", self.suite.url, stdin="wrong-key\n")
        self.assertEqual(code, 1)
        self.assertIn("valid API key", err)

    def test_the_stored_login_is_used_without_environment(self):
        self.cli("login", "--base-url", self.suite.url, "-e", "acme", stdin="test-key\n")
        for name in ("AUTOMATIONS_BASE_URL", "AUTOMATIONS_API_KEY", "AUTOMATIONS_ENTITY"):
            os.environ.pop(name)
        self.assertEqual(self.cli("automations", "list")[0], 0)


if __name__ == "__main__":
    unittest.main()
