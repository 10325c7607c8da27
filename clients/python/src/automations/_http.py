"""HTTP to the suite: one base URL (the front door), keep-alive connections, JSON, retries with backoff.

Idempotent calls (GET, PUT, DELETE, PATCH, and POSTs the caller marks idempotent) are retried on 429, 5xx and
connection errors with exponential backoff and jitter, honouring ``Retry-After``. Other POSTs are retried only when
the connection was refused, i.e. when the request cannot have reached the server.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

from . import __version__
from .errors import ApiError, ConnectionFailed, from_response

#: Which service owns a path when the client talks to the four services directly (the local/dev fallback).
SERVICES = ("registry", "trigger", "action", "secrets")

_IDEMPOTENT = {"GET", "HEAD", "PUT", "DELETE", "PATCH"}
_RETRY_STATUS = {429, 500, 502, 503, 504}


def service_of(path: str) -> str:
    """The service that serves an ``/api/v1`` path (only used with a per-service URL map)."""
    parts = [p for p in path.split("?", 1)[0].split("/") if p]
    # parts: api, v1, ...
    rest = parts[2:]
    if rest[:1] == ["events"]:
        return "trigger"
    if rest[:1] == ["executions"]:
        return "action"
    if rest[:1] == ["entities"] and len(rest) >= 3:
        kind = rest[2]
        if kind == "secrets":
            return "secrets"
        if kind == "automations" and len(rest) >= 5:
            if rest[4] == "executions":
                return "action"
            if rest[4] == "dry-run":
                return "trigger"
        if kind == "integrations" and len(rest) >= 5 and rest[4] == "test":
            return "action"
    return "registry"


@dataclass
class Response:
    """A decoded answer: status, JSON body (or None) and headers (lower-case names)."""

    status: int
    body: Any
    headers: Dict[str, str]


@dataclass
class RetryPolicy:
    """How hard to retry: attempts in total, and the backoff's first and largest delay in seconds."""

    attempts: int = 5
    initial_delay: float = 0.2
    max_delay: float = 5.0

    def delay(self, attempt: int, retry_after: Optional[str] = None) -> float:
        if retry_after:
            try:
                return min(max(float(retry_after), 0.0), 60.0)
            except ValueError:
                pass
        base = min(self.max_delay, self.initial_delay * (2 ** attempt))
        return base / 2 + random.uniform(0, base / 2)


class Transport:
    """Sends JSON requests with the API key; thread-safe (one keep-alive connection per thread and host)."""

    def __init__(self, base_url: str, api_key: Optional[str], timeout: float = 30.0,
                 service_urls: Optional[Mapping[str, str]] = None, retry: Optional[RetryPolicy] = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.service_urls = {k: v.rstrip("/") for k, v in (service_urls or {}).items()}
        unknown = set(self.service_urls) - set(SERVICES)
        if unknown:
            raise ValueError(f"unknown services in service_urls: {sorted(unknown)}; known: {list(SERVICES)}")
        self.retry = retry or RetryPolicy()
        self._local = threading.local()

    # -- public ---------------------------------------------------------------------------------------------------

    def request(self, method: str, path: str, body: Any = None, query: Optional[Mapping[str, Any]] = None,
                idempotent: Optional[bool] = None, retry: Optional[RetryPolicy] = None,
                encoded: Optional[bytes] = None) -> Response:
        """One call, retried as the module doc says; raises an ``ApiError`` subclass on an error status."""
        policy = retry or self.retry
        safe = method in _IDEMPOTENT if idempotent is None else idempotent
        url = self.url_for(path, query)
        data = encoded if encoded is not None else (None if body is None else json.dumps(body).encode("utf-8"))
        attempt = 0
        while True:
            try:
                response = self._send(method, url, data)
            except OSError as e:
                refused = isinstance(e, ConnectionRefusedError)
                if (safe or refused) and attempt + 1 < policy.attempts:
                    time.sleep(policy.delay(attempt))
                    attempt += 1
                    continue
                raise ConnectionFailed(f"{method} {url}: {e}") from e
            if response.status < 400:
                return response
            if response.status in _RETRY_STATUS and safe and attempt + 1 < policy.attempts:
                time.sleep(policy.delay(attempt, response.headers.get("retry-after")))
                attempt += 1
                continue
            raise from_response(response.status, response.body, f"{method} {path} answered {response.status}")

    def json(self, method: str, path: str, body: Any = None, query: Optional[Mapping[str, Any]] = None,
             idempotent: Optional[bool] = None) -> Any:
        return self.request(method, path, body, query, idempotent).body

    def pages(self, path: str, query: Optional[Mapping[str, Any]] = None, limit: int = 100) -> List[Any]:
        """Every item of a paged list (the next cursor comes in ``X-Next-Cursor``)."""
        items: List[Any] = []
        params: Dict[str, Any] = dict(query or {})
        params["limit"] = limit
        while True:
            response = self.request("GET", path, query=params)
            items.extend(response.body or [])
            cursor = response.headers.get("x-next-cursor")
            if not cursor:
                return items
            params["cursor"] = cursor

    def url_for(self, path: str, query: Optional[Mapping[str, Any]] = None) -> str:
        base = self.service_urls.get(service_of(path), self.base_url) if self.service_urls else self.base_url
        url = base + path
        if query:
            pairs = [(k, _query_value(v)) for k, v in query.items() if v is not None]
            if pairs:
                url += "?" + urllib.parse.urlencode(pairs)
        return url

    def close(self) -> None:
        conns: Dict[Tuple[str, str, int], http.client.HTTPConnection] = getattr(self._local, "conns", {})
        for conn in conns.values():
            conn.close()
        conns.clear()

    # -- internals ------------------------------------------------------------------------------------------------

    def _headers(self, has_body: bool) -> Dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": f"automations-python/{__version__}"}
        if has_body:
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    def _connection(self, scheme: str, host: str, port: int) -> Tuple[http.client.HTTPConnection, bool]:
        conns: Dict[Tuple[str, str, int], http.client.HTTPConnection] = getattr(self._local, "conns", None) or {}
        self._local.conns = conns
        key = (scheme, host, port)
        conn = conns.get(key)
        if conn is not None:
            return conn, True
        if scheme == "https":
            conn = http.client.HTTPSConnection(host, port, timeout=self.timeout)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=self.timeout)
        conns[key] = conn
        return conn, False

    def _drop(self, scheme: str, host: str, port: int) -> None:
        conns = getattr(self._local, "conns", {})
        conn = conns.pop((scheme, host, port), None)
        if conn is not None:
            conn.close()

    def _send(self, method: str, url: str, data: Optional[bytes]) -> Response:
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme or "http"
        host = parts.hostname or "127.0.0.1"
        port = parts.port or (443 if scheme == "https" else 80)
        target = parts.path + ("?" + parts.query if parts.query else "")
        headers = self._headers(data is not None)
        for fresh_try in (False, True):
            conn, reused = self._connection(scheme, host, port)
            try:
                conn.request(method, target, body=data, headers=headers)
                raw = conn.getresponse()
                payload = raw.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                # A kept-alive connection the server had closed: the request never got an answer, so one fresh try.
                self._drop(scheme, host, port)
                if reused and not fresh_try:
                    continue
                raise
            except (OSError, http.client.HTTPException) as e:
                self._drop(scheme, host, port)
                if isinstance(e, OSError):
                    raise
                raise ConnectionError(str(e)) from e
            if raw.getheader("connection", "").lower() == "close":
                self._drop(scheme, host, port)
            return Response(raw.status, _decode(payload), {k.lower(): v for k, v in raw.getheaders()})
        raise AssertionError("unreachable")


def _decode(payload: bytes) -> Any:
    if not payload:
        return None
    try:
        return json.loads(payload.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return {"message": payload.decode("utf-8", "replace")[:500]}


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def is_retryable(error: BaseException) -> bool:
    """Whether an error of a call is worth retrying later (outage, overload), not a refusal of the call itself."""
    if isinstance(error, ConnectionFailed):
        return True
    return isinstance(error, ApiError) and error.status in _RETRY_STATUS
