"""The run logger: buffered, batched in the background, surviving an outage, bounded, flushed at the end."""

import logging
import math
import os
import subprocess
import sys
import textwrap
import time
import unittest

import automations as am
from fake_server import FakeSuite


def wait_until(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


class RunTest(unittest.TestCase):
    def setUp(self):
        self.suite = FakeSuite()
        self.api = am.Api(base_url=self.suite.url, api_key="test-key", retries=3, service_urls={})

    def tearDown(self):
        self.api.close()
        self.suite.stop()

    def init(self, **kw):
        kw.setdefault("flush_interval", 0.02)
        kw.setdefault("max_backoff", 0.05)
        return am.init(entity="acme", project="fraud", name="r1", api=self.api, config={"lr": 3e-4}, **kw)

    def steps(self, run_id):
        return [p["step"] for p in self.suite.history.get(run_id, [])]

    def test_every_point_arrives_in_order_and_finish_sets_the_state(self):
        run = self.init(batch_size=100)
        for i in range(1000):
            run.log({"loss": 1.0 / (i + 1), "acc": i, "lr": 0.1})
        run.finish()
        self.assertEqual(self.steps(run.id), list(range(1000)))
        self.assertEqual(self.suite.runs[run.id]["state"], "FINISHED")
        self.assertEqual(self.suite.runs[run.id]["config"], {"lr": 3e-4})
        self.assertGreater(len([r for r in self.suite.requests if r[1].endswith("/history")]), 1)
        self.assertEqual((run.stats.logged, run.stats.sent), (1000, 1000))

    def test_steps_auto_increment_unless_given(self):
        run = self.init()
        run.log({"a": 1})
        run.log({"a": 2}, step=10)
        run.log({"a": 3})
        run.finish()
        self.assertEqual(self.steps(run.id), [0, 10, 11])

    def test_non_finite_values_are_sent_as_python_json_writes_them(self):
        run = self.init()
        run.log({"loss": float("nan"), "acc": 0.5, "x": float("inf")})
        run.log({"loss": -math.inf})
        run.finish()
        first, second = self.suite.history[run.id]
        self.assertTrue(math.isnan(first["metrics"]["loss"]))
        self.assertEqual((first["metrics"]["acc"], first["metrics"]["x"]), (0.5, math.inf))
        self.assertEqual(second["metrics"], {"loss": -math.inf})
        self.assertEqual(run.stats.non_finite, 3)

    def test_values_that_are_not_numbers_are_refused_at_once(self):
        run = self.init()
        with self.assertRaises(TypeError):
            run.log({"name": "x"})
        with self.assertRaises(ValueError):
            run.log({"a": 1}, step=-1)
        run.finish()

    def test_number_like_scalars_are_converted(self):
        class Scalar:  # a numpy/torch-like scalar
            def item(self):
                return 0.25

        run = self.init()
        run.log({"a": Scalar(), "b": True})
        run.finish()
        self.assertEqual(self.suite.history[run.id][0]["metrics"], {"a": 0.25, "b": 1})

    def test_an_outage_loses_no_point(self):
        run = self.init(batch_size=50)
        for i in range(100):
            run.log({"loss": i})
        self.assertTrue(wait_until(lambda: len(self.steps(run.id)) == 100))
        self.suite.stop()  # connections refused from now on
        for i in range(100, 300):
            run.log({"loss": i})
        self.assertTrue(wait_until(lambda: run.stats.retries >= 2))
        self.suite.start()
        self.suite.history_failures = 3  # then a few 503s while it comes back
        run.finish(timeout=30)
        self.assertEqual(self.steps(run.id), list(range(300)))
        self.assertEqual(run.stats.dropped_full, 0)

    def test_a_full_buffer_drops_the_oldest_and_warns_once(self):
        self.suite.stop()
        api = am.Api(base_url=self.suite.url, api_key="test-key", retries=1, service_urls={})
        self.suite.start()
        run = am.init(entity="acme", project="fraud", name="r", api=api, buffer_size=10, batch_size=1000,
                      flush_interval=60, max_backoff=0.05)
        self.suite.stop()
        with self.assertLogs("automations", level=logging.WARNING) as logs:
            for i in range(25):
                run.log({"a": i})
        self.assertEqual(len([m for m in logs.output if "buffer is full" in m]), 1)
        self.assertEqual(run.stats.dropped_full, 15)
        self.suite.start()
        run.finish(timeout=30)
        self.assertEqual(self.steps(run.id), list(range(15, 25)))

    def test_points_the_server_refuses_are_reported_and_the_run_goes_on(self):
        run = self.init()
        saved = self.suite.runs.pop(run.id)  # the run is gone: history answers 404
        with self.assertLogs("automations", level=logging.ERROR) as logs:
            run.log({"a": 1})
            self.assertTrue(wait_until(lambda: run.stats.dropped_refused == 1))
        self.assertIn("refused", logs.output[0])
        self.suite.runs[run.id] = saved
        run.log({"a": 2})
        run.finish()
        self.assertEqual(self.steps(run.id), [1])

    def test_with_block_marks_failed_on_an_exception_and_finished_otherwise(self):
        with self.assertRaises(RuntimeError):
            with self.init() as run:
                run.log({"loss": 1})
                raise RuntimeError("diverged")
        self.assertEqual(self.suite.runs[run.id]["state"], "FAILED")
        self.assertEqual(self.steps(run.id), [0])
        with self.init(id="second") as ok:
            ok.log({"loss": 1})
        self.assertEqual(self.suite.runs["second"]["state"], "FINISHED")

    def test_finish_twice_does_nothing_and_log_after_finish_is_an_error(self):
        run = self.init()
        run.finish("CRASHED")
        run.finish()
        self.assertEqual(self.suite.runs[run.id]["state"], "CRASHED")
        with self.assertRaises(am.errors.AutomationsError):
            run.log({"a": 1})

    def test_a_missing_project_is_created(self):
        run = am.init(entity="acme", project="new-project", api=self.api, flush_interval=0.02)
        self.assertIn(("acme", "new-project"), self.suite.projects)
        self.assertEqual(run.name, run.id)
        run.finish()

    def test_an_interpreter_exit_flushes_and_finishes(self):
        script = textwrap.dedent(f"""
            import automations as am
            api = am.Api(base_url="{self.suite.url}", api_key="test-key", service_urls={{}})
            run = am.init(entity="acme", project="fraud", id="atexit", name="r", api=api, flush_interval=60)
            for i in range(500):
                run.log({{"loss": i}})
        """)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=60)
        self.assertEqual(self.steps("atexit"), list(range(500)))
        self.assertEqual(self.suite.runs["atexit"]["state"], "FINISHED")

    def test_an_uncaught_exception_at_exit_marks_the_run_failed(self):
        script = textwrap.dedent(f"""
            import automations as am
            api = am.Api(base_url="{self.suite.url}", api_key="test-key", service_urls={{}})
            run = am.init(entity="acme", project="fraud", id="crash", name="r", api=api)
            run.log({{"loss": 1}})
            raise SystemError("boom")
        """)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        done = subprocess.run([sys.executable, "-c", script], env=env, timeout=60, capture_output=True)
        self.assertNotEqual(done.returncode, 0)
        self.assertEqual(self.suite.runs["crash"]["state"], "FAILED")
        self.assertEqual(self.steps("crash"), [0])


if __name__ == "__main__":
    unittest.main()
