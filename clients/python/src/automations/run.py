"""Run logging that never hurts training.

``run.log({...})`` only appends to an in-memory buffer (a ``collections.deque``) and returns; a background thread
sends the points in batches to ``POST .../runs/{id}/history``. When the server is unreachable or overloaded
(connection refused, 429, 5xx, e.g. while registry-service restarts) the thread keeps the batch and retries with
backoff, so no point is lost. The buffer is bounded (``buffer_size`` points, 100,000 by default): if the server stays
away long enough for it to fill, the oldest points are dropped, with one warning per run. ``finish()`` (and the
end of a ``with am.init(...)`` block, and an interpreter exit through ``atexit``) sends what is left, then sets the
run's state.

Values that are not finite (NaN, inf) are accepted by ``log`` but not sent: the API stores finite numbers only.
"""

from __future__ import annotations

import atexit
import collections
import json
import logging
import numbers
import secrets as _secrets
import string
import sys
import threading
import time
import weakref
from typing import Any, Deque, Dict, Iterable, List, Mapping, Optional, Tuple

from ._http import RetryPolicy, is_retryable
from .api import Api, _run_path
from .errors import ApiError, AutomationsError, NotFound
from .models import ApiRun, Artifact, ArtifactCollection

__all__ = ["Run", "init", "RunStats"]

log = logging.getLogger("automations")

_ID_ALPHABET = string.ascii_lowercase + string.digits
#: The API takes at most 10,000 points per history call.
_MAX_BATCH = 10_000
_ONCE = RetryPolicy(attempts=1)

Point = Tuple[int, Dict[str, float], float]


class RunStats:
    """What a run's logger did: points logged, sent, dropped (buffer full or refused by the server), and values
    left out because they were not finite."""

    def __init__(self) -> None:
        self.logged = 0
        self.sent = 0
        self.dropped_full = 0
        self.dropped_refused = 0
        self.non_finite = 0
        self.retries = 0

    def __repr__(self) -> str:
        return (f"RunStats(logged={self.logged}, sent={self.sent}, dropped_full={self.dropped_full}, "
                f"dropped_refused={self.dropped_refused}, non_finite={self.non_finite}, retries={self.retries})")


class Run:
    """A run being logged; made by :func:`init`."""

    def __init__(self, api: Api, info: ApiRun, *, tags: Optional[Iterable[str]] = None, buffer_size: int = 100_000,
                 batch_size: int = 2_000, flush_interval: float = 0.5, finish_timeout: float = 120.0,
                 max_backoff: float = 5.0) -> None:
        if buffer_size < 1 or batch_size < 1:
            raise ValueError("buffer_size and batch_size are at least 1")
        self.api = api
        self.info = info
        self.id, self.name, self.entity, self.project = info.id, info.name, info.entity, info.project
        self.config: Dict[str, Any] = dict(info.config)
        #: The run's tags (given to :func:`init`, stored with the run; ``where`` filters can test them).
        self.tags: List[str] = list(info.tags or tags or [])
        self.stats = RunStats()
        self.state: str = "RUNNING"
        self._buffer: Deque[Point] = collections.deque(maxlen=buffer_size)
        self._batch_size = min(batch_size, _MAX_BATCH)
        self._flush_interval = flush_interval
        self._finish_timeout = finish_timeout
        self._backoff = RetryPolicy(attempts=1, initial_delay=0.1, max_delay=max_backoff)
        self._step = 0
        self._warned_full = False
        self._refusals_reported: set = set()
        self._finished = False
        self._closing = False
        self._abandon = False
        self._inflight = 0
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._path = _run_path(self.entity, self.project, self.id) + "/history"
        self._thread = threading.Thread(target=self._send_loop, name=f"automations-run-{self.id}", daemon=True)
        self._thread.start()
        _live_runs.add(self)

    # -- logging --------------------------------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return f"{self.entity}/{self.project}/{self.id}"

    @property
    def step(self) -> int:
        """The step the next ``log`` without ``step=`` gets."""
        return self._step

    def log(self, data: Mapping[str, Any], step: Optional[int] = None) -> None:
        """Buffers one point and returns; the step auto-increments unless ``step=`` is given.

        Values are numbers (``int``, ``float``, numpy and torch scalars). NaN and ±inf are sent as they are (the API
        takes them, and ``RUN_METRIC_DIVERGED`` automations fire on them); ``stats.non_finite`` counts them.
        """
        if self._finished:
            raise AutomationsError(f"run {self.path} has finished; start another with am.init()")
        if step is None:
            step = self._step
        elif isinstance(step, bool) or not isinstance(step, int) or step < 0:
            raise ValueError(f"step is a whole number, 0 or more, got {step!r}")
        self._step = step + 1
        metrics: Dict[str, float] = {}
        for key, value in data.items():
            kind = type(value)
            if kind is not int and kind is not float:
                value = _number(key, value)
            if value - value:  # 0 for every finite number; NaN (truthy) for NaN and ±inf
                self.stats.non_finite += 1
            metrics[key] = value
        if not metrics:
            return
        buffer = self._buffer
        if len(buffer) == buffer.maxlen:
            self._full()
        buffer.append((step, metrics, time.time()))
        self.stats.logged += 1
        if len(buffer) >= self._batch_size:
            self._wake.set()

    def _full(self) -> None:
        self.stats.dropped_full += 1
        if not self._warned_full:
            self._warned_full = True
            log.warning("automations: run %s: the log buffer is full (%d points, the server has not taken them); "
                        "dropping the oldest points from now on", self.path, self._buffer.maxlen)

    # -- artifacts ------------------------------------------------------------------------------------------------

    def log_artifact(self, name: str, *, type: str, aliases: Optional[Iterable[str]] = None,
                     metadata: Optional[Mapping[str, Any]] = None, tags: Optional[Iterable[str]] = None,
                     digest: Optional[str] = None) -> Artifact:
        """A new version of the project collection ``name``, made by this run."""
        return self.api.create_artifact(f"{self.entity}/{self.project}", name, type=type, metadata=metadata,
                                        aliases=aliases, tags=tags, run_id=self.id, digest=digest)

    def link_artifact(self, artifact: Artifact, target: str, aliases: Optional[Iterable[str]] = None) -> Artifact:
        """Links a version into a registry collection, ``"entity/registry/collection"`` or ``"registry/collection"``
        (this run's entity)."""
        parts = [p for p in target.strip("/").split("/") if p]
        if len(parts) == 2:
            parts = [self.entity] + parts
        ref = ArtifactCollection(parts[0], parts[2], registry=parts[1]) if len(parts) == 3 else target
        return self.api.link_artifact(artifact, ref, aliases=aliases)

    # -- ending ---------------------------------------------------------------------------------------------------

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Waits until every point logged so far is sent (or ``timeout`` seconds); True when all were sent."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._buffer or self._inflight:
            if not self._thread.is_alive():
                return False
            self._wake.set()
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        return True

    def finish(self, state: str = "FINISHED", timeout: Optional[float] = None) -> None:
        """Sends every buffered point (waiting up to ``timeout`` seconds, ``finish_timeout`` by default), then ends
        the run as ``state`` (FINISHED, FAILED, CRASHED or KILLED). Calling it again does nothing."""
        with self._lock:
            if self._finished:
                return
            self._finished = True
        state = state.upper()
        wait = self._finish_timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        self._closing = True
        self._wake.set()
        self._thread.join(max(0.0, deadline - time.monotonic()))
        if self._thread.is_alive():
            self._abandon = True
            self._wake.set()
            left = len(self._buffer) + self._inflight
            log.error("automations: run %s: %d points could not be sent within %.0f s and are lost",
                      self.path, left, wait)
        if self.stats.dropped_full:
            log.warning("automations: run %s: %d points were dropped because the log buffer was full",
                        self.path, self.stats.dropped_full)
        self._set_state(state, deadline)
        _live_runs.discard(self)

    def _set_state(self, state: str, deadline: float) -> None:
        attempt = 0
        while True:
            try:
                self.info = self.api.set_run_state(self.entity, self.project, self.id, state)
                self.state = state
                return
            except AutomationsError as e:
                if not is_retryable(e) or time.monotonic() >= deadline:
                    log.error("automations: run %s: could not set its state to %s: %s", self.path, state, e)
                    raise
                time.sleep(self._backoff.delay(attempt))
                attempt += 1

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.finish("FINISHED")
        elif issubclass(exc_type, KeyboardInterrupt):
            self.finish("KILLED")
        elif issubclass(exc_type, SystemExit) and exc.code in (None, 0):
            self.finish("FINISHED")
        else:
            self.finish("FAILED")

    def __repr__(self) -> str:
        return f"Run({self.path!r}, name={self.name!r}, state={self.state!r})"

    # -- the sender thread ----------------------------------------------------------------------------------------

    def _send_loop(self) -> None:
        try:
            while True:
                self._wake.wait(self._flush_interval)
                self._wake.clear()
                while self._buffer and not self._abandon:
                    self._send_batch()
                if self._abandon or (self._closing and not self._buffer):
                    return
        finally:
            self.api.transport.close()  # this thread's connections

    def _send_batch(self) -> None:
        buffer = self._buffer
        points: List[Dict[str, Any]] = []
        take = min(len(buffer), self._batch_size)
        self._inflight = take
        for _ in range(take):
            step, metrics, ts = buffer.popleft()
            points.append({"step": step, "metrics": metrics, "timestamp": ts})
        body = json.dumps(points, separators=(",", ":")).encode("utf-8")
        attempt = 0
        try:
            while not self._abandon:
                try:
                    self.api.transport.request("POST", self._path, encoded=body, idempotent=True, retry=_ONCE)
                    self.stats.sent += len(points)
                    return
                except AutomationsError as e:
                    if not is_retryable(e):
                        self._refused(e, len(points))
                        return
                    self.stats.retries += 1
                    if attempt == 0:
                        log.info("automations: run %s: the server is unavailable (%s); retrying", self.path, e)
                    # Waits, but wakes early when finish() gives up.
                    delay = self._backoff.delay(min(attempt, 10))
                    attempt += 1
                    end = time.monotonic() + delay
                    while not self._abandon and time.monotonic() < end:
                        time.sleep(min(0.05, delay))
        finally:
            self._inflight = 0

    def _refused(self, error: AutomationsError, count: int) -> None:
        self.stats.dropped_refused += count
        kind = type(error).__name__
        if kind not in self._refusals_reported:
            self._refusals_reported.add(kind)
            status = f" ({error.status})" if isinstance(error, ApiError) else ""
            log.error("automations: run %s: the server refused %d logged points%s: %s", self.path, count, status,
                      error)


def _number(key: str, value: Any) -> float:
    """A non-float value as a number (NaN and ±inf included); TypeError when it is no number at all."""
    if isinstance(value, bool):
        return int(value)  # type: ignore[return-value]
    if isinstance(value, numbers.Real):
        number = float(value)
    elif hasattr(value, "item"):
        number = value.item()
        if not isinstance(number, (int, float)) or isinstance(number, bool):
            raise TypeError(f"run.log: {key!r} is {type(value).__name__}, not a number")
        number = float(number)
    else:
        raise TypeError(f"run.log: {key!r} is {type(value).__name__}, not a number")
    return number


def _new_run_id() -> str:
    return "".join(_secrets.choice(_ID_ALPHABET) for _ in range(8))


def init(entity: Optional[str] = None, project: Optional[str] = None, name: Optional[str] = None, *,
         id: Optional[str] = None, config: Optional[Mapping[str, Any]] = None, tags: Optional[Iterable[str]] = None,
         user: Optional[str] = None, api: Optional[Api] = None, **settings: Any) -> Run:
    """Starts a run (``RUNNING``) and returns its logger.

    ``entity`` and ``project`` default to ``AUTOMATIONS_ENTITY`` / ``AUTOMATIONS_PROJECT``; the project is created
    when it does not exist. ``settings``: ``buffer_size``, ``batch_size``, ``flush_interval``, ``finish_timeout``.
    """
    import os

    client = api or Api()
    ent = entity or client.default_entity
    proj = project or os.environ.get("AUTOMATIONS_PROJECT")
    if not ent or not proj:
        raise ValueError("am.init needs entity= and project= (or AUTOMATIONS_ENTITY / AUTOMATIONS_PROJECT)")
    run_id = id or _new_run_id()
    run_name = name or run_id
    try:
        info = client.create_run(ent, proj, run_name, id=run_id, user=user, config=config, tags=tags)
    except NotFound:
        try:
            client.create_project(ent, proj)
        except ApiError as e:
            if e.status != 409:
                raise
        info = client.create_run(ent, proj, run_name, id=run_id, user=user, config=config, tags=tags)
    return Run(client, info, tags=tags, **settings)


_live_runs: "weakref.WeakSet[Run]" = weakref.WeakSet()


def _finish_live_runs() -> None:
    """At interpreter exit: send what runs still buffer and end them (FAILED after an uncaught exception)."""
    state = "FAILED" if getattr(sys, "last_type", None) is not None else "FINISHED"
    for run in list(_live_runs):
        try:
            run.finish(state)
        except Exception as e:  # noqa: BLE001 - an exit hook reports and moves on
            log.error("automations: run %s: not finished at exit: %s", run.path, e)


atexit.register(_finish_live_runs)
