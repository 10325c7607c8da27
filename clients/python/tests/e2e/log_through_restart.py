"""Driven by the e2e module's PythonClientIT: logs one point every few milliseconds until a line arrives on stdin
(while the test restarts registry-service), then finishes and prints what the logger did, as JSON.

Not a test module of its own (no ``test_`` prefix): it needs the test to restart the service around it.
"""

import json
import sys
import threading
import time

import automations as am
from e2e_support import api, unique


def main() -> None:
    client = api()
    entity = unique("restart")
    client.create_entity(entity)
    run = am.init(entity=entity, project="training", name="through-restart", api=client, finish_timeout=300,
                  batch_size=200, flush_interval=0.05)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.readline(), stop.set()), daemon=True).start()
    print(json.dumps({"runId": run.id}), flush=True)
    step = 0
    while not stop.is_set() or step < 200:
        run.log({"loss": 1.0 / (step + 1), "acc": step % 100 / 100})
        step += 1
        time.sleep(0.005)
    run.finish()
    s = run.stats
    print(json.dumps({"logged": s.logged, "sent": s.sent, "retries": s.retries, "dropped": s.dropped_full,
                      "refused": s.dropped_refused, "state": run.state}), flush=True)


if __name__ == "__main__":
    main()
