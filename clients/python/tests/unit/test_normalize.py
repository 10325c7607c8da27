"""``apply`` compares a file with the stored automation as the server normalises it."""

import unittest

from automations._normalize import normalise_request, same_definition

STORED = {
    "id": "1", "entity": "acme", "name": "loss", "enabled": True, "createdAt": "t", "updatedAt": "t",
    "scope": {"type": "PROJECT", "project": "fraud"},
    "event": {"type": "RUN_METRIC_THRESHOLD",
              "filter": {"metric": "loss", "agg": "AVERAGE", "window": 5, "cmp": "<", "threshold": 0.2}},
    "action": {"type": "GENERIC_WEBHOOK", "integration": "ci", "payload": {}},
}


class NormaliseTest(unittest.TestCase):
    def test_a_file_relying_on_defaults_equals_the_stored_definition(self):
        file = {"name": "loss", "scope": {"type": "PROJECT", "project": "fraud"},
                "event": {"type": "RUN_METRIC_THRESHOLD", "filter": {"metric": "loss", "cmp": "<", "threshold": 0.2}},
                "action": {"type": "GENERIC_WEBHOOK", "integration": "ci"}}
        self.assertTrue(same_definition(file, STORED))

    def test_any_real_change_is_seen(self):
        for change in ({"enabled": False}, {"description": "d"}, {"rateLimit": {"max": 1, "perSeconds": 60}},
                       {"event": {"type": "RUN_METRIC_THRESHOLD",
                                  "filter": {"metric": "loss", "cmp": "<", "threshold": 0.3}}}):
            with self.subTest(change=change):
                self.assertFalse(same_definition(dict(STORED, **change), STORED))

    def test_defaults_of_each_run_event(self):
        self.assertEqual(normalise_request({"event": {"type": "RUN_METRIC_CHANGE", "filter": {"agg": None}}})
                         ["event"]["filter"], {"agg": "LATEST", "currentWindow": 10, "priorWindow": 50,
                                               "changeType": "RELATIVE"})
        self.assertEqual(normalise_request({"event": {"type": "RUN_METRIC_ZSCORE", "filter": {}}})["event"]["filter"],
                         {"window": 30, "threshold": 3.0, "changeDir": "ANY"})
        self.assertEqual(normalise_request({"event": {"type": "RUN_STATE", "filter": {"states": ["CRASHED"]}}})
                         ["event"]["filter"], {"states": ["FAILED"]})
        self.assertEqual(normalise_request({"event": {"type": "RUN_METRIC_DIVERGED", "filter": {}}})["event"]
                         ["filter"], {"metric": "*"})

    def test_a_rate_limit_and_a_where_are_compared(self):
        limited = dict(STORED, rateLimit={"max": 10, "perSeconds": 3600})
        self.assertTrue(same_definition(dict(limited), limited))
        self.assertFalse(same_definition(STORED, limited))
        where = {"type": "LINK_ARTIFACT", "filter": {"where": {"alias": {"$eq": "a"}}}}
        self.assertFalse(same_definition(dict(STORED, event=where),
                                         dict(STORED, event={"type": "LINK_ARTIFACT", "filter": {}})))


if __name__ == "__main__":
    unittest.main()
