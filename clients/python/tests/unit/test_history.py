"""Reading a run's logged history back: ``Api.run_history``."""

import math
import unittest

import automations as am
from fake_server import FakeSuite


class RunHistoryTest(unittest.TestCase):
    def setUp(self):
        self.suite = FakeSuite()
        self.api = am.Api(base_url=self.suite.url, api_key="test-key", retries=3, service_urls={})
        self.api.create_run("acme", "fraud", "brave-owl", id="r1")
        self.api.log_history("acme", "fraud", "r1", [
            {"step": 1, "metrics": {"loss": 0.7}},
            {"step": 0, "metrics": {"loss": 0.9, "acc": 0.1}},
        ])

    def tearDown(self):
        self.api.close()
        self.suite.stop()

    def test_every_metric_by_step(self):
        history = self.api.run_history("acme/fraud/r1")
        self.assertEqual([p["value"] for p in history["loss"]], [0.9, 0.7])
        self.assertEqual([p["step"] for p in history["acc"]], [0])
        self.assertEqual(self.suite.history_queries[-1], {})

    def test_one_metric_with_a_limit_is_asked_of_the_server(self):
        history = self.api.run_history("acme/fraud/r1", metric="loss", limit=50)
        self.assertEqual(list(history), ["loss"])
        self.assertEqual(self.suite.history_queries[-1], {"metric": ["loss"], "limit": ["50"]})

    def test_nan_and_infinities_come_back_as_floats(self):
        self.api.log_history("acme", "fraud", "r1", [{"step": 2, "metrics": {"loss": float("nan"), "acc": math.inf}},
                                                     {"step": 3, "metrics": {"acc": -math.inf}}])
        history = self.api.run_history("acme/fraud/r1")
        self.assertTrue(math.isnan(history["loss"][-1]["value"]))
        self.assertEqual([p["value"] for p in history["acc"]], [0.1, math.inf, -math.inf])

    def test_a_path_that_is_not_entity_project_run_is_refused(self):
        with self.assertRaises(ValueError):
            self.api.run_history("acme/fraud")


if __name__ == "__main__":
    unittest.main()
