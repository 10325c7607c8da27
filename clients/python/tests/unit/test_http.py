"""Routing, error mapping and retries of the HTTP layer, against a local stand-in server."""

import unittest

from automations import errors
from automations._http import RetryPolicy, Transport, service_of
from fake_server import FakeSuite

FAST = RetryPolicy(attempts=4, initial_delay=0.001, max_delay=0.002)


class RoutingTest(unittest.TestCase):
    def test_each_path_goes_to_the_service_that_owns_it(self):
        cases = {
            "/api/v1/entities": "registry",
            "/api/v1/entities/acme/projects/p/runs/r/history": "registry",
            "/api/v1/entities/acme/automations/1": "registry",
            "/api/v1/entities/acme/automations/1/executions?limit=5": "action",
            "/api/v1/executions/9/redeliver": "action",
            "/api/v1/entities/acme/integrations/ci/test": "action",
            "/api/v1/entities/acme/integrations/ci": "registry",
            "/api/v1/entities/acme/automations/1/dry-run": "trigger",
            "/api/v1/events": "trigger",
            "/api/v1/entities/acme/secrets/X": "secrets",
        }
        for path, service in cases.items():
            with self.subTest(path=path):
                self.assertEqual(service_of(path), service)

    def test_a_service_map_overrides_the_base_url_per_service(self):
        t = Transport("http://front:8080", "k", service_urls={"action": "http://a:1/"})
        self.assertEqual(t.url_for("/api/v1/executions/1"), "http://a:1/api/v1/executions/1")
        self.assertEqual(t.url_for("/api/v1/entities", {"limit": 5, "x": None, "on": True}),
                         "http://front:8080/api/v1/entities?limit=5&on=true")
        with self.assertRaises(ValueError):
            Transport("http://x", "k", service_urls={"nope": "http://y"})


class TransportTest(unittest.TestCase):
    def setUp(self):
        self.suite = FakeSuite()
        self.http = Transport(self.suite.url, "test-key", timeout=5, retry=FAST)

    def tearDown(self):
        self.http.close()
        self.suite.stop()

    def test_errors_carry_the_apis_message_and_field(self):
        with self.assertRaises(errors.ValidationError) as ctx:
            self.http.json("POST", "/api/v1/entities/acme/automations", {"name": "a"})
        self.assertEqual(ctx.exception.field, "scope.type")
        self.assertEqual(ctx.exception.message, "'scope.type' is required.")
        self.assertEqual(ctx.exception.status, 400)
        with self.assertRaises(errors.NotFound):
            self.http.json("GET", "/api/v1/entities/acme/automations/none")
        with self.assertRaises(errors.Unauthorized):
            Transport(self.suite.url, "wrong", retry=FAST).json("GET", "/api/v1/entities")

    def test_idempotent_calls_are_retried_on_503(self):
        self.suite.fail_next = 2
        self.assertEqual(self.http.json("GET", "/api/v1/entities"), [{"name": "acme"}])
        self.assertEqual(len(self.suite.requests), 3)

    def test_retries_give_up_with_a_server_error(self):
        self.suite.fail_next = 10
        with self.assertRaises(errors.ServerError):
            self.http.json("GET", "/api/v1/entities")
        self.assertEqual(len(self.suite.requests), 4)

    def test_a_create_is_not_retried_on_503(self):
        self.suite.fail_next = 1
        with self.assertRaises(errors.ServerError):
            self.http.json("POST", "/api/v1/entities/acme/secrets", {"name": "A", "value": "v"})
        self.assertEqual(len(self.suite.requests), 1)
        self.assertEqual(self.suite.secrets, {})

    def test_429_is_retried_and_maps_to_rate_limited(self):
        self.suite.fail_next, self.suite.fail_status = 1, 429
        self.assertEqual(self.http.json("GET", "/api/v1/entities"), [{"name": "acme"}])
        self.suite.fail_next = 10
        with self.assertRaises(errors.RateLimited):
            self.http.json("GET", "/api/v1/entities")

    def test_connection_refused_is_retried_then_reported(self):
        port = self.suite.port
        self.suite.stop()
        t = Transport(f"http://127.0.0.1:{port}", "k", retry=FAST)
        with self.assertRaises(errors.ConnectionFailed):
            t.json("POST", "/api/v1/entities", {"name": "x"})

    def test_a_kept_alive_connection_the_server_closed_is_replaced(self):
        self.assertEqual(self.http.json("GET", "/api/v1/entities"), [{"name": "acme"}])
        self.suite.stop()
        self.suite.start()
        self.assertEqual(self.http.json("GET", "/api/v1/entities"), [{"name": "acme"}])


if __name__ == "__main__":
    unittest.main()
