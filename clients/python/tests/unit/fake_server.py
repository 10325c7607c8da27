"""An in-memory stand-in for the suite's HTTP API, on a free loopback port, for the offline unit tests.

It implements the few calls the SDK's logic depends on (runs and their history, automations, secrets) with the
contract's shapes and error format, and can be told to fail (``outage``: 503s, or refuse connections by closing).
"""

from __future__ import annotations

import json
import math
import re
import socket
import threading
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple


class FakeSuite:
    def __init__(self, api_key: str = "test-key") -> None:
        self.api_key = api_key
        self.lock = threading.Lock()
        self.history: Dict[str, List[Dict[str, Any]]] = {}
        self.history_queries: List[Dict[str, List[str]]] = []
        self.runs: Dict[str, Dict[str, Any]] = {}
        self.automations: Dict[str, Dict[str, Any]] = {}
        self.secrets: Dict[Tuple[str, str], Dict[str, Any]] = {}
        self.secret_values: Dict[Tuple[str, str], str] = {}
        self.sources: Dict[Tuple[str, str], Dict[str, Any]] = {}
        self.requests: List[Tuple[str, str]] = []
        self.fail_next = 0          # answer this many requests with 503
        self.fail_status = 503
        self.history_failures = 0   # answer this many history calls with 503
        self.projects = {("acme", "fraud")}
        suite = self

        self.connections: set = set()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with suite.lock:
                    suite.connections.add(self.connection)

            def finish(self) -> None:
                with suite.lock:
                    suite.connections.discard(self.connection)
                super().finish()

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _body(self) -> Any:
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n) if n else b""
                return json.loads(raw) if raw else None

            def _send(self, status: int, body: Any = None, headers: Optional[Dict[str, str]] = None) -> None:
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                body = self._body()
                with suite.lock:
                    suite.requests.append((method, self.path))
                    if suite.fail_next > 0:
                        suite.fail_next -= 1
                        self._send(suite.fail_status, {"error": "UNAVAILABLE", "message": "try later"})
                        return
                if self.headers.get("Authorization") != f"Bearer {suite.api_key}":
                    self._send(401, {"error": "UNAUTHORIZED", "message": "A valid API key is required."})
                    return
                status, answer, headers = suite.route(method, self.path, body)
                self._send(status, answer, headers)

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

            def do_PUT(self) -> None:
                self._handle("PUT")

            def do_PATCH(self) -> None:
                self._handle("PATCH")

            def do_DELETE(self) -> None:
                self._handle("DELETE")

        self._handler = Handler
        self.server: Optional[ThreadingHTTPServer] = None
        self.port = 0
        self.start()

    # -- lifecycle ------------------------------------------------------------------------------------------------

    def start(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Closes the listening socket and every open connection: connections are refused until :meth:`start`
        (same port)."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        with self.lock:
            for conn in list(self.connections):
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- the API --------------------------------------------------------------------------------------------------

    def route(self, method: str, path: str, body: Any) -> Tuple[int, Any, Optional[Dict[str, str]]]:
        path, _, query_string = path.partition("?")
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/projects/([^/]+)/runs", path)
        if m and method == "POST":
            if (m.group(1), m.group(2)) not in self.projects:
                return 404, {"error": "NOT_FOUND", "message": f"No project '{m.group(2)}'."}, None
            run = {"id": body.get("id") or "gen12345", "entity": m.group(1), "project": m.group(2),
                   "name": body["name"], "user": body.get("user") or "admin", "config": body.get("config") or {},
                   "state": "RUNNING"}
            with self.lock:
                self.runs[run["id"]] = run
            return 201, run, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/projects", path)
        if m and method == "POST":
            self.projects.add((m.group(1), body["name"]))
            return 201, {"entity": m.group(1), "name": body["name"]}, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/projects/([^/]+)/runs/([^/]+)", path)
        if m and method == "PATCH":
            run = self.runs.get(m.group(3))
            if run is None:
                return 404, {"error": "NOT_FOUND", "message": "No run."}, None
            run["state"] = body["state"]
            return 200, run, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/projects/([^/]+)/runs/([^/]+)/history", path)
        if m and method == "GET":
            query = urllib.parse.parse_qs(query_string)
            self.history_queries.append(query)
            metrics: Dict[str, List[Dict[str, Any]]] = {}
            for p in sorted(self.history.get(m.group(3), []), key=lambda p: p["step"]):
                for name, value in p["metrics"].items():
                    if name in query.get("metric", [name]):
                        metrics.setdefault(name, []).append({"step": p["step"], "value": _as_api_writes(value)})
            return 200, {"metrics": metrics}, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/projects/([^/]+)/runs/([^/]+)/history", path)
        if m and method == "POST":
            with self.lock:
                if m.group(3) not in self.runs:
                    return 404, {"error": "NOT_FOUND", "message": f"No run '{m.group(3)}'."}, None
                if self.history_failures > 0:
                    self.history_failures -= 1
                    return 503, {"error": "UNAVAILABLE", "message": "Kafka is away"}, None
                points = body if isinstance(body, list) else [body]
                for p in points:
                    for v in p["metrics"].values():
                        if not isinstance(v, (int, float)):
                            return 400, {"error": "BAD_REQUEST", "message": "must be a finite number",
                                         "field": "metrics"}, None
                self.history.setdefault(m.group(3), []).extend(points)
            return 202, {"runId": m.group(3), "points": len(points)}, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/automations", path)
        if m and method == "GET":
            items = sorted((a for a in self.automations.values() if a["entity"] == m.group(1)),
                           key=lambda a: a["name"])
            return 200, items, None
        if m and method == "POST":
            if any(a["name"] == body.get("name") for a in self.automations.values()):
                return 409, {"error": "CONFLICT", "message": "An automation named 'x' exists.", "field": "name"}, None
            if not body.get("scope"):
                return 400, {"error": "BAD_REQUEST", "message": "'scope.type' is required.", "field": "scope.type"}, None
            saved = dict(body, id=str(uuid.uuid4()), entity=m.group(1), enabled=body.get("enabled", True),
                         updatedAt="t0")
            self.automations[saved["id"]] = saved
            return 201, saved, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/automations/by-name/([^/]+)", path)
        if m and method == "PUT":
            if not body.get("scope"):
                return 400, {"error": "BAD_REQUEST", "message": "'scope.type' is required.", "field": "scope.type"}, None
            name = urllib.parse.unquote(m.group(2))
            found = [a for a in self.automations.values() if a["entity"] == m.group(1) and a["name"] == name]
            if found:
                a = found[0]
                keep = a["id"]
                a.clear()
                a.update(body, id=keep, name=name, entity=m.group(1), updatedAt="t1")
                return 200, a, None
            saved = dict(body, id=str(uuid.uuid4()), name=name, entity=m.group(1),
                         enabled=body.get("enabled", True), updatedAt="t0")
            self.automations[saved["id"]] = saved
            return 201, saved, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/automations/([^/]+)", path)
        if m:
            a = self.automations.get(m.group(2))
            if a is None:
                return 404, {"error": "NOT_FOUND", "message": f"No automation '{m.group(2)}'."}, None
            if method == "GET":
                return 200, a, None
            if method == "PUT":
                a.clear()
                a.update(body, id=m.group(2), entity=m.group(1), updatedAt="t1")
                return 200, a, None
            if method == "PATCH":
                a.update(body, updatedAt="t1")
                return 200, a, None
            if method == "DELETE":
                del self.automations[m.group(2)]
                return 204, None, None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/secrets", path)
        if m and method == "GET":
            return 200, [s for (e, _), s in self.secrets.items() if e == m.group(1)], None
        if m and method == "POST":
            key = (m.group(1), body["name"])
            self.secrets[key] = {"name": body["name"], "version": 1}
            self.secret_values[key] = body["value"]
            return 201, self.secrets[key], None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/secrets/([^/]+)", path)
        if m and method == "PUT":
            key = (m.group(1), m.group(2))
            self.secrets[key]["version"] += 1
            self.secret_values[key] = body["value"]
            return 200, self.secrets[key], None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/sources", path)
        if m and method == "GET":
            return 200, [s for (e, _), s in sorted(self.sources.items()) if e == m.group(1)], None
        if m and method == "POST":
            if (m.group(1), body["secret"]) not in self.secrets:
                return 422, {"error": "UNPROCESSABLE", "message": "no such secret", "field": "secret"}, None
            source_id = str(uuid.uuid4())
            self.sources[(m.group(1), body["name"])] = dict(body, id=source_id, project=body.get("project", body["name"]),
                                                           receiverPath=f"/api/v1/sources/{source_id}/events")
            return 201, self.sources[(m.group(1), body["name"])], None
        m = re.fullmatch(r"/api/v1/entities/([^/]+)/sources/([^/]+)", path)
        if m and method == "DELETE" and (m.group(1), m.group(2)) in self.sources:
            del self.sources[(m.group(1), m.group(2))]
            return 204, None, None
        if path == "/api/v1/entities" and method == "GET":
            return 200, [{"name": "acme"}], None
        return 404, {"error": "NOT_FOUND", "message": f"No route {method} {path}."}, None


def _as_api_writes(value: Any) -> Any:
    """The API answers NaN and ±inf as the strings "NaN", "Infinity" and "-Infinity" (strict JSON has no literal)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
    return value
