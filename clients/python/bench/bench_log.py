"""How fast ``run.log`` returns, and how many points per second one run gets to the server, beside floors measured
in the same process: appending the same point to a ``collections.deque`` (the least ``log`` can cost) and raw
``urllib`` POSTs of the same batches (the most one connection can carry without the SDK).

Run against a suite: AUTOMATIONS_BASE_URL / AUTOMATIONS_API_KEY (or AUTOMATIONS_SERVICE_URLS) as for the SDK.
    python bench/bench_log.py [--latency-points 100000] [--throughput-points 200000]
Prints figures; asserts nothing. Timings on a shared machine are noisy: the load average is printed beside them.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import secrets
import statistics
import time
import urllib.request

import automations as am

METRICS = 3


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def point(i):
    return {"loss": 1.0 / (i + 1), "acc": (i % 100) / 100, "lr": 3e-4}


def latency(api, entity, n):
    run = am.init(entity=entity, project="bench", name="latency", api=api, buffer_size=max(n, 100_000))
    samples = []
    clock = time.perf_counter_ns
    for i in range(n):
        data = point(i)
        t0 = clock()
        run.log(data)
        samples.append(clock() - t0)
    run.finish()
    floor = []
    buffer = collections.deque(maxlen=max(n, 100_000))
    for i in range(n):
        data = point(i)
        t0 = clock()
        buffer.append((i, dict(data), time.time()))
        floor.append(clock() - t0)
    return samples, floor, run.stats


def throughput(api, entity, n):
    run = am.init(entity=entity, project="bench", name="throughput", api=api, buffer_size=n)
    start = time.perf_counter()
    for i in range(n):
        run.log(point(i))
    logged = time.perf_counter() - start
    run.finish(timeout=600)
    total = time.perf_counter() - start
    return n / total, n / logged, run.stats, run


def raw_floor(api, run, n, batch):
    """The same batches as the SDK sends, POSTed with plain urllib on one thread."""
    url = api.transport.url_for(f"/api/v1/entities/{run.entity}/projects/{run.project}/runs/{run.id}/history")
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {api.settings.api_key}"}
    start = time.perf_counter()
    sent = 0
    while sent < n:
        count = min(batch, n - sent)
        body = json.dumps([{"step": 10_000_000 + sent + i, "metrics": point(i), "timestamp": time.time()}
                           for i in range(count)]).encode()
        with urllib.request.urlopen(urllib.request.Request(url, body, headers, method="POST"), timeout=60) as r:
            r.read()
        sent += count
    return n / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-points", type=int, default=100_000)
    parser.add_argument("--throughput-points", type=int, default=200_000)
    args = parser.parse_args()
    api = am.Api()
    entity = f"bench-{secrets.token_hex(4)}"
    api.create_entity(entity)
    api.create_project(entity, "bench")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"(timings on a shared machine are noisy)")

    samples, floor, stats = latency(api, entity, args.latency_points)
    us = [s / 1000 for s in samples]
    fus = [s / 1000 for s in floor]
    print(f"run.log latency over {len(us)} calls ({METRICS} metrics each, sender running): "
          f"p50 {percentile(us, 0.5):.2f} us, p99 {percentile(us, 0.99):.2f} us, p99.9 {percentile(us, 0.999):.2f} us, "
          f"max {max(us):.0f} us, mean {statistics.fmean(us):.2f} us")
    print(f"  floor, deque.append of the same point: p50 {percentile(fus, 0.5):.2f} us, "
          f"p99 {percentile(fus, 0.99):.2f} us")
    print(f"  logger: {stats}")

    rate, log_rate, stats, run = throughput(api, entity, args.throughput_points)
    print(f"one run, {args.throughput_points} points x {METRICS} metrics logged as fast as possible: "
          f"{rate:,.0f} points/s to the server ({rate * METRICS:,.0f} metric values/s); "
          f"log() alone took the points at {log_rate:,.0f}/s")
    print(f"  logger: {stats}")
    floor_rate = raw_floor(api, run, min(args.throughput_points, 100_000), 2_000)
    print(f"  floor, plain urllib POSTs of 2,000-point batches on one thread: {floor_rate:,.0f} points/s "
          f"(SDK/floor = {rate / floor_rate:.2f})")


if __name__ == "__main__":
    main()
