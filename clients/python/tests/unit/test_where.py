"""``where`` expressions in W&B's spelling write the API's ``event.filter.where`` JSON, and refuse a wrong operand
where it is written."""

import math
import unittest

import automations as am
from automations import ArtifactEvent, RunEvent

PROJECT = am.Project("acme", "fraud")
REGISTRY = am.Registry("acme", "model")
REG_COLLECTION = am.ArtifactCollection("acme", "fraud-detector", registry="model")


class OperatorsTest(unittest.TestCase):
    def test_each_operator_by_method_and_by_python_operator(self):
        alias, acc = ArtifactEvent.alias, ArtifactEvent.metadata["accuracy"]
        cases = [
            (alias.eq("prod"), alias == "prod", {"alias": {"$eq": "prod"}}),
            (alias.ne("prod"), alias != "prod", {"alias": {"$ne": "prod"}}),
            (acc.gt(0.9), acc > 0.9, {"metadata.accuracy": {"$gt": 0.9}}),
            (acc.gte(0.9), acc >= 0.9, {"metadata.accuracy": {"$gte": 0.9}}),
            (acc.lt(1), acc < 1, {"metadata.accuracy": {"$lt": 1}}),
            (acc.lte(1), acc <= 1, {"metadata.accuracy": {"$lte": 1}}),
        ]
        for by_method, by_operator, expected in cases:
            with self.subTest(expected=expected):
                self.assertEqual(by_method.to_json(), expected)
                self.assertEqual(by_operator.to_json(), expected)
        self.assertEqual((0.9 < acc).to_json(), {"metadata.accuracy": {"$gt": 0.9}})

    def test_list_regex_contains_and_exists(self):
        self.assertEqual(ArtifactEvent.artifact_type.in_(("model", "dataset")).to_json(),
                         {"artifactType": {"$in": ["model", "dataset"]}})
        self.assertEqual(ArtifactEvent.author.not_in(["bot"]).to_json(), {"author": {"$nin": ["bot"]}})
        self.assertEqual(ArtifactEvent.collection.matches_regex("^fraud-").to_json(),
                         {"collection": {"$regex": "^fraud-"}})
        self.assertEqual(ArtifactEvent.collection_tags.contains("approved").to_json(),
                         {"collectionTags": {"$contains": "approved"}})
        self.assertEqual(ArtifactEvent.tag.exists().to_json(), {"tag": {"$exists": True}})
        self.assertEqual(ArtifactEvent.tags.exists(False).to_json(), {"tags": {"$exists": False}})

    def test_fields_and_their_server_names(self):
        fields = [(ArtifactEvent.alias, "alias"), (ArtifactEvent.tag, "tag"), (ArtifactEvent.aliases, "aliases"),
                  (ArtifactEvent.tags, "tags"), (ArtifactEvent.artifact_type, "artifactType"),
                  (ArtifactEvent.collection, "collection"), (ArtifactEvent.collection_tags, "collectionTags"),
                  (ArtifactEvent.author, "author"), (ArtifactEvent.metadata["a.b"], "metadata.a.b"),
                  (ArtifactEvent.metadata["a"]["b"], "metadata.a.b"), (RunEvent.name, "runName"),
                  (RunEvent.user, "user"), (RunEvent.tags, "tags"),
                  (RunEvent.config["optimizer.lr"], "config.optimizer.lr")]
        for field, name in fields:
            with self.subTest(name=name):
                self.assertEqual(field.eq("x").to_json(), {name: {"$eq": "x"}})

    def test_operands_are_checked_where_they_are_written(self):
        acc = ArtifactEvent.metadata["accuracy"]
        with self.assertRaises(TypeError):
            acc > True
        with self.assertRaises(TypeError):
            acc >= None
        with self.assertRaises(ValueError):
            acc == math.nan
        with self.assertRaises(TypeError):
            ArtifactEvent.alias.in_("prod")
        with self.assertRaises(ValueError):
            ArtifactEvent.alias.in_([str(i) for i in range(257)])
        with self.assertRaises(TypeError):
            ArtifactEvent.alias.eq(["a"])
        with self.assertRaises(TypeError):
            ArtifactEvent.alias.matches_regex(1)
        with self.assertRaises(TypeError):
            ArtifactEvent.alias.exists("yes")
        with self.assertRaises(ValueError):
            ArtifactEvent.metadata["a..b"]
        with self.assertRaises(TypeError):
            ArtifactEvent.alias == "a" and ArtifactEvent.tag == "b"


class CombinatorsTest(unittest.TestCase):
    def test_and_or_flatten_and_nest(self):
        a, b, c = ArtifactEvent.alias == "a", ArtifactEvent.tag == "b", ArtifactEvent.author == "c"
        self.assertEqual((a & b & c).to_json(), {"$and": [a.to_json(), b.to_json(), c.to_json()]})
        self.assertEqual((a | b | c).to_json(), {"$or": [a.to_json(), b.to_json(), c.to_json()]})
        self.assertEqual(((a & b) | c).to_json(), {"$or": [{"$and": [a.to_json(), b.to_json()]}, c.to_json()]})
        self.assertEqual(am.Nor(a, b).to_json(), {"$nor": [a.to_json(), b.to_json()]})

    def test_invert_is_exact_negation(self):
        a, b = ArtifactEvent.alias == "a", ArtifactEvent.tag == "b"
        self.assertEqual((~a).to_json(), {"alias": {"$not": {"$eq": "a"}}})
        self.assertEqual(~~a, a)
        self.assertEqual((~(a | b)).to_json(), {"$nor": [a.to_json(), b.to_json()]})
        self.assertEqual(~~(a | b), a | b)
        self.assertEqual((~(a & b)).to_json(), {"$not": {"$and": [a.to_json(), b.to_json()]}})
        self.assertEqual(~~(a & b), a & b)

    def test_the_docs_example(self):
        where = ArtifactEvent.aliases.contains("candidate") & (ArtifactEvent.metadata["accuracy"] >= 0.9)
        event = am.OnLinkArtifact(REGISTRY, filter=where)
        self.assertEqual(event.to_json(), {"type": "LINK_ARTIFACT", "filter": {"where": {"$and": [
            {"aliases": {"$contains": "candidate"}}, {"metadata.accuracy": {"$gte": 0.9}}]}}})


class EventsWithWhereTest(unittest.TestCase):
    def test_alias_events_take_the_shorthand_a_where_or_both(self):
        self.assertEqual(am.OnAddArtifactAlias(REG_COLLECTION, filter=ArtifactEvent.alias.eq("prod")).filter_json(),
                         {"where": {"alias": {"$eq": "prod"}}})
        both = ArtifactEvent.alias.matches("^prod") & (ArtifactEvent.metadata["acc"] > 0.9)
        self.assertEqual(am.OnAddArtifactAlias(REG_COLLECTION, filter=both).filter_json(),
                         {"aliasRegex": "^prod", "where": {"metadata.acc": {"$gt": 0.9}}})
        with self.assertRaises(TypeError):
            am.OnAddArtifactAlias(REG_COLLECTION)
        with self.assertRaises(TypeError):
            am.OnLinkArtifact(REGISTRY, filter=ArtifactEvent.alias.matches("x"))

    def test_collection_tag_events(self):
        self.assertEqual(am.OnAddCollectionTag(REGISTRY).to_json(), {"type": "ADD_COLLECTION_TAG", "filter": {}})
        self.assertEqual(am.OnRemoveCollectionTag(REGISTRY, filter="^approved$").to_json(),
                         {"type": "REMOVE_COLLECTION_TAG", "filter": {"tagRegex": "^approved$"}})
        self.assertEqual(am.OnAddCollectionTag(REG_COLLECTION, filter=ArtifactEvent.tag.eq("approved")).to_json(),
                         {"type": "ADD_COLLECTION_TAG", "filter": {"where": {"tag": {"$eq": "approved"}}}})

    def test_create_artifact_at_project_scope_with_a_where(self):
        event = am.OnCreateArtifact(PROJECT, filter=ArtifactEvent.artifact_type == "model")
        self.assertEqual(event.to_json(), {"type": "CREATE_ARTIFACT",
                                           "filter": {"where": {"artifactType": {"$eq": "model"}}}})
        self.assertEqual(event.scope.scope_json(), {"type": "PROJECT", "project": "fraud"})

    def test_diverged_and_stalled(self):
        self.assertEqual(am.OnRunMetricDiverged(PROJECT).to_json(),
                         {"type": "RUN_METRIC_DIVERGED", "filter": {"metric": "*"}})
        self.assertEqual(am.OnRunMetricDiverged(PROJECT, "loss", filter=RunEvent.tags.contains("nightly"))
                         .to_json()["filter"], {"metric": "loss", "where": {"tags": {"$contains": "nightly"}}})
        self.assertEqual(am.OnRunStalled(am.Entity("acme"), 10, filter=RunEvent.name.matches("^train-")).to_json(),
                         {"type": "RUN_STALLED", "filter": {"minutes": 10, "runNameRegex": "^train-"}})
        for bad in (0, 1441, 1.5, True):
            with self.subTest(minutes=bad), self.assertRaises(ValueError):
                am.OnRunStalled(PROJECT, bad)
        with self.assertRaises(ValueError):
            am.OnRunMetricDiverged(PROJECT, " ")

    def test_run_state_running_with_a_config_where(self):
        event = am.OnRunState(PROJECT, states=["running"], filter=RunEvent.config["optimizer"] == "adam")
        self.assertEqual(event.to_json(), {"type": "RUN_STATE", "filter": {
            "states": ["RUNNING"], "where": {"config.optimizer": {"$eq": "adam"}}}})


class RateLimitTest(unittest.TestCase):
    def test_a_rate_limit_is_part_of_the_request(self):
        new = (am.OnLinkArtifact(REGISTRY) >> am.DoNothing()).with_(name="n",
                                                                   rate_limit=am.RateLimit(max=10, per_seconds=3600))
        self.assertEqual(new.to_json()["rateLimit"], {"max": 10, "perSeconds": 3600})
        for bad in ((0, 1), (1001, 1), (1, 86401), (1.5, 1)):
            with self.subTest(bad=bad), self.assertRaises(ValueError):
                am.RateLimit(*bad)

    def test_a_saved_automation_replaced_as_it_is_keeps_every_field(self):
        raw = {"id": "a1", "entity": "acme", "name": "n", "enabled": True, "scope": {"type": "ENTITY"},
               "event": {"type": "LINK_ARTIFACT", "filter": {"where": {"alias": {"$eq": "c"}}}},
               "action": {"type": "NO_OP"}, "rateLimit": {"max": 2, "perSeconds": 60}, "futureField": [1],
               "createdBy": "ana", "createdAt": "t", "updatedAt": "t"}
        saved = am.Automation.from_json(raw)
        self.assertEqual(saved.rate_limit, am.RateLimit(2, 60))
        self.assertEqual(saved.where, {"alias": {"$eq": "c"}})
        body = saved.to_request()
        self.assertEqual(body["rateLimit"], {"max": 2, "perSeconds": 60})
        self.assertEqual(body["event"], raw["event"])
        self.assertEqual(body["futureField"], [1])
        self.assertFalse({"id", "entity", "createdBy", "createdAt", "updatedAt"} & set(body))
        saved.rate_limit = None
        self.assertNotIn("rateLimit", saved.to_request())


if __name__ == "__main__":
    unittest.main()
