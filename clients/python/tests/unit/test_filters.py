"""The builders write exactly the API's normalised filter JSON, and refuse what the API would refuse."""

import unittest

import automations as am
from automations import RunEvent, ArtifactEvent


class ThresholdTest(unittest.TestCase):
    def test_aggregates_and_comparisons(self):
        cases = [
            (RunEvent.metric("loss").avg(5) < 0.2, "AVERAGE", 5, "<", 0.2),
            (RunEvent.metric("loss").mean(7) <= 1, "AVERAGE", 7, "<=", 1),
            (RunEvent.metric("acc").min(3) > 0.9, "MIN", 3, ">", 0.9),
            (RunEvent.metric("acc").max(4) >= 0.5, "MAX", 4, ">=", 0.5),
            (RunEvent.metric("acc").latest() == 1.0, "LATEST", 1, "==", 1.0),
            (RunEvent.metric("acc") != 0, "LATEST", 1, "!=", 0),
        ]
        for built, agg, window, cmp, threshold in cases:
            with self.subTest(built=built):
                self.assertEqual(built.to_json(), {"metric": built.metric, "agg": agg, "window": window, "cmp": cmp,
                                                   "threshold": threshold})
                self.assertEqual(built.event_type, "RUN_METRIC_THRESHOLD")

    def test_reflected_comparison_builds_the_mirrored_filter(self):
        self.assertEqual((0.2 > RunEvent.metric("loss").avg(5)).to_json()["cmp"], "<")

    def test_run_conditions_combine_with_and_in_either_order(self):
        f = (RunEvent.metric("loss").avg(5) < 0.2) & RunEvent.name.matches("^sweep-") & (RunEvent.user == "ana")
        g = RunEvent.name.matches("^sweep-") & (RunEvent.user == "ana") & (RunEvent.metric("loss").avg(5) < 0.2)
        expected = {"metric": "loss", "agg": "AVERAGE", "window": 5, "cmp": "<", "threshold": 0.2,
                    "runNameRegex": "^sweep-", "where": {"user": {"$eq": "ana"}}}
        self.assertEqual(f.to_json(), expected)
        self.assertEqual(g.to_json(), expected)

    def test_two_different_run_name_shorthands_cannot_be_combined(self):
        with self.assertRaises(ValueError):
            (RunEvent.metric("loss") < 1) & RunEvent.name.matches("^a") & RunEvent.name.matches("^b")

    def test_where_conditions_on_the_run_add_up_with_and(self):
        f = (RunEvent.metric("loss") < 1) & (RunEvent.user == "a") & RunEvent.tags.contains("baseline")
        self.assertEqual(f.to_json()["where"], {"$and": [{"user": {"$eq": "a"}},
                                                         {"tags": {"$contains": "baseline"}}]})

    def test_bad_thresholds_and_windows_are_refused(self):
        with self.assertRaises(ValueError):
            RunEvent.metric("loss").avg(0)
        with self.assertRaises(ValueError):
            RunEvent.metric("loss").avg(5) < float("nan")
        with self.assertRaises(ValueError):
            RunEvent.metric("loss").avg(5) < True
        with self.assertRaises(ValueError):
            RunEvent.metric(" ")


class ChangeTest(unittest.TestCase):
    def test_defaults_of_an_unaggregated_metric_are_the_apis(self):
        self.assertEqual(RunEvent.metric("acc").changes_by(frac=0.1).to_json(),
                         {"metric": "acc", "agg": "AVERAGE", "currentWindow": 10, "priorWindow": 50,
                          "changeType": "RELATIVE", "changeDir": "ANY", "amount": 0.1})

    def test_an_aggregate_gives_its_function_and_window(self):
        f = RunEvent.metric("acc").max(5).decreases_by(diff=0.3, prior=20)
        self.assertEqual(f.to_json(), {"metric": "acc", "agg": "MAX", "currentWindow": 5, "priorWindow": 20,
                                       "changeType": "ABSOLUTE", "changeDir": "DECREASE", "amount": 0.3})
        self.assertEqual(f.event_type, "RUN_METRIC_CHANGE")

    def test_windows_are_explicit_when_given(self):
        f = RunEvent.metric("loss").increases_by(frac=0.5, current=3, prior=9)
        self.assertEqual((f.current_window, f.prior_window, f.change_dir), (3, 9, "INCREASE"))

    def test_exactly_one_amount(self):
        with self.assertRaises(ValueError):
            RunEvent.metric("acc").changes_by()
        with self.assertRaises(ValueError):
            RunEvent.metric("acc").changes_by(frac=0.1, diff=1)
        with self.assertRaises(ValueError):
            RunEvent.metric("acc").changes_by(frac=-0.1)


class ZScoreTest(unittest.TestCase):
    def test_directions(self):
        self.assertEqual((RunEvent.metric("loss").zscore(window=30).abs() > 3).to_json(),
                         {"metric": "loss", "window": 30, "threshold": 3, "changeDir": "ANY"})
        self.assertEqual((RunEvent.metric("loss").zscore(10) > 2.5).to_json()["changeDir"], "INCREASE")
        drop = RunEvent.metric("loss").zscore(10) < -2
        self.assertEqual((drop.to_json()["changeDir"], drop.to_json()["threshold"]), ("DECREASE", 2))
        self.assertEqual(drop.event_type, "RUN_METRIC_ZSCORE")

    def test_nonsense_directions_are_refused(self):
        with self.assertRaises(ValueError):
            RunEvent.metric("loss").zscore(10) < 2
        with self.assertRaises(ValueError):
            RunEvent.metric("loss").zscore(10) > -2
        with self.assertRaises(ValueError):
            RunEvent.metric("loss").zscore(10).abs() < 2


class StateAndArtifactTest(unittest.TestCase):
    def test_states_are_normalised_like_the_server(self):
        self.assertEqual(am.RunStateFilter(["failed", "CRASHED", "FINISHED"]).to_json(),
                         {"states": ["FINISHED", "FAILED"]})
        self.assertEqual(RunEvent.state.in_(["crashed"]).to_json(), {"states": ["FAILED"]})
        with self.assertRaises(ValueError):
            am.RunStateFilter(["KILLED"])

    def test_artifact_filters(self):
        self.assertEqual(ArtifactEvent.alias.matches("^prod$").to_json(), {"aliasRegex": "^prod$"})
        self.assertEqual(ArtifactEvent.tag.matches("reviewed").to_json(), {"tagRegex": "reviewed"})
        self.assertEqual((ArtifactEvent.alias == "v1.0").to_json(), {"alias": {"$eq": "v1.0"}})
        self.assertEqual((ArtifactEvent.alias.matches("^c") & ArtifactEvent.aliases.contains("x")).to_json(),
                         {"aliasRegex": "^c", "where": {"aliases": {"$contains": "x"}}})

    def test_running_is_a_state(self):
        self.assertEqual(am.RunStateFilter(["finished", "running"]).to_json(), {"states": ["RUNNING", "FINISHED"]})


if __name__ == "__main__":
    unittest.main()
