"""What the end-to-end tests share: the suite's address from the environment, unique names, a webhook receiver."""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List

import automations as am


def api() -> am.Api:
    """The suite under test: AUTOMATIONS_BASE_URL / AUTOMATIONS_API_KEY (and AUTOMATIONS_SERVICE_URLS if set)."""
    if not os.environ.get("AUTOMATIONS_API_KEY"):
        raise unittest.SkipTest("AUTOMATIONS_API_KEY is not set: no suite to test against")
    return am.Api()


def unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(4)}"


def wait_until(condition: Callable[[], Any], timeout: float = 60.0, message: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {message}")
        time.sleep(0.1)


class Receiver:
    """A webhook endpoint on a free loopback port that records every POST (path, headers, raw body) and answers 204."""

    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.calls.append({"path": self.path, "headers": {k.lower(): v for k, v in
                                                                         self.headers.items()}, "raw": raw})
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def bodies(self, path: str) -> List[Any]:
        with self.lock:
            return [json.loads(c["raw"]) for c in self.calls if c["path"] == path]

    def calls_to(self, path: str) -> List[Dict[str, Any]]:
        with self.lock:
            return [c for c in self.calls if c["path"] == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
