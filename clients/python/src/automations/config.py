"""Where the client finds its server and key: arguments, then environment, then the CLI's config file.

- ``AUTOMATIONS_BASE_URL`` (default ``http://127.0.0.1:8080``, the front door) and ``AUTOMATIONS_API_KEY``;
- ``AUTOMATIONS_SERVICE_URLS``: a local/dev fallback for a suite without its front door, e.g.
  ``registry=http://127.0.0.1:8081,trigger=http://127.0.0.1:8082,action=http://127.0.0.1:8083,secrets=http://127.0.0.1:8084``
  (each ``/api/v1`` path then goes straight to the service that owns it);
- the config file ``automations-cli login`` writes (mode 0600): ``$AUTOMATIONS_CONFIG``, else
  ``$XDG_CONFIG_HOME/automations/config.json``, else ``~/.config/automations/config.json``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping, Optional

__all__ = ["DEFAULT_BASE_URL", "Settings", "config_path", "load_file", "save_file", "parse_service_urls"]

DEFAULT_BASE_URL = "http://127.0.0.1:8080"


@dataclass
class Settings:
    base_url: str = DEFAULT_BASE_URL
    api_key: Optional[str] = None
    service_urls: Dict[str, str] = field(default_factory=dict)
    entity: Optional[str] = None

    @classmethod
    def resolve(cls, base_url: Optional[str] = None, api_key: Optional[str] = None,
                service_urls: Optional[Mapping[str, str]] = None, env: Optional[Mapping[str, str]] = None
                ) -> "Settings":
        env = os.environ if env is None else env
        stored = load_file(env)
        urls = service_urls
        if urls is None:
            raw = env.get("AUTOMATIONS_SERVICE_URLS")
            urls = parse_service_urls(raw) if raw else stored.get("service_urls") or {}
        return cls(base_url=base_url or env.get("AUTOMATIONS_BASE_URL") or stored.get("base_url") or DEFAULT_BASE_URL,
                   api_key=api_key or env.get("AUTOMATIONS_API_KEY") or stored.get("api_key"),
                   service_urls=dict(urls),
                   entity=env.get("AUTOMATIONS_ENTITY") or stored.get("entity"))


def parse_service_urls(text: str) -> Dict[str, str]:
    """``registry=URL,trigger=URL,...`` or a JSON object of the same."""
    text = text.strip()
    if text.startswith("{"):
        value = json.loads(text)
        return {str(k): str(v) for k, v in value.items()}
    out: Dict[str, str] = {}
    for part in text.split(","):
        if part.strip():
            name, _, url = part.partition("=")
            if not url:
                raise ValueError(f"AUTOMATIONS_SERVICE_URLS: expected service=URL, got {part!r}")
            out[name.strip()] = url.strip()
    return out


def config_path(env: Optional[Mapping[str, str]] = None) -> Path:
    env = os.environ if env is None else env
    if env.get("AUTOMATIONS_CONFIG"):
        return Path(env["AUTOMATIONS_CONFIG"])
    base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "automations" / "config.json"


def load_file(env: Optional[Mapping[str, str]] = None) -> Dict[str, object]:
    path = config_path(env)
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_file(values: Mapping[str, object], env: Optional[Mapping[str, str]] = None) -> Path:
    """Writes the config file readable by its owner only (created 0600, never world-readable in between)."""
    path = config_path(env)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(dict(values), f, indent=2)
        f.write("\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path
