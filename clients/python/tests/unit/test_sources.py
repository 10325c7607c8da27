"""Sources through the SDK against the local stand-in server: create, list and delete, the secret only by name."""

import unittest

import automations as am
from automations.errors import ApiError
from fake_server import FakeSuite


class SourcesTest(unittest.TestCase):
    def setUp(self):
        self.suite = FakeSuite()
        self.api = am.Api(self.suite.url, "test-key")

    def tearDown(self):
        self.api.close()
        self.suite.stop()

    def test_create_list_and_delete_a_source(self):
        with self.assertRaises(ApiError):
            self.api.create_source("acme", "mlflow-prod", kind="mlflow", registry="model", secret="MLFLOW_SECRET")
        self.api.create_secret("acme", "MLFLOW_SECRET", "s3cr3t")
        source = self.api.create_source("acme", "mlflow-prod", kind="mlflow", registry="model",
                                        secret="MLFLOW_SECRET")
        self.assertEqual(source.receiver_path, f"/api/v1/sources/{source.id}/events")
        self.assertEqual((source.kind, source.registry, source.project), ("mlflow", "model", "mlflow-prod"))
        self.assertNotIn("s3cr3t", repr(source))
        self.assertEqual([s.name for s in self.api.sources("acme")], ["mlflow-prod"])
        self.api.delete_source("acme", "mlflow-prod")
        self.assertEqual(self.api.sources("acme"), [])


if __name__ == "__main__":
    unittest.main()
