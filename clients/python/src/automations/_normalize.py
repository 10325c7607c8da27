"""An automation request as registry-service normalises it (defaults filled in), so that ``apply`` can tell whether
a file differs from what is stored without writing anything. Mirrors the contract's table of defaults."""

from __future__ import annotations

import copy
from typing import Any, Dict

from ._filters import normalise_states

__all__ = ["normalise_request", "same_definition"]

_COMPARED = ("name", "description", "enabled", "scope", "event", "action", "rateLimit")


def normalise_request(body: Dict[str, Any]) -> Dict[str, Any]:
    """The fields of an automation that ``PUT`` would store, with the API's defaults written out."""
    out: Dict[str, Any] = {k: copy.deepcopy(body[k]) for k in _COMPARED if body.get(k) is not None}
    out["enabled"] = bool(body.get("enabled", True)) if body.get("enabled") is not None else True
    event = out.get("event") or {}
    event_type = event.get("type")
    raw_filter = event.get("filter")
    filt: Dict[str, Any] = dict(raw_filter) if isinstance(raw_filter, dict) else {}
    if event_type in ("RUN_METRIC_THRESHOLD", "RUN_METRIC_CHANGE"):
        if "agg" not in filt:
            filt["agg"] = "AVERAGE"
        elif filt["agg"] is None:
            filt["agg"] = "LATEST"
    if event_type == "RUN_METRIC_THRESHOLD":
        filt.setdefault("window", 5)
    elif event_type == "RUN_METRIC_CHANGE":
        filt.setdefault("currentWindow", 10)
        filt.setdefault("priorWindow", 50)
        filt.setdefault("changeType", "RELATIVE")
    elif event_type == "RUN_METRIC_ZSCORE":
        filt.setdefault("window", 30)
        filt.setdefault("threshold", 3.0)
        filt.setdefault("changeDir", "ANY")
    elif event_type == "RUN_METRIC_DIVERGED":
        filt.setdefault("metric", "*")
    elif event_type == "RUN_STATE" and isinstance(filt.get("states"), list):
        filt["states"] = normalise_states(filt["states"])
    for key in ("threshold", "amount"):
        if isinstance(filt.get(key), int) and not isinstance(filt.get(key), bool):
            filt[key] = float(filt[key])
    if event:
        out["event"] = {"type": event_type, "filter": {k: v for k, v in filt.items() if v is not None}}
    action = out.get("action")
    if isinstance(action, dict):
        action = {k: v for k, v in action.items() if v is not None}
        if action.get("type") == "GENERIC_WEBHOOK":
            action.setdefault("payload", {})
        out["action"] = action
    if isinstance(out.get("scope"), dict):
        out["scope"] = {k: v for k, v in out["scope"].items() if v is not None}
    return out


def same_definition(desired: Dict[str, Any], stored: Dict[str, Any]) -> bool:
    """Whether storing ``desired`` would change nothing of ``stored`` (both request- or definition-shaped)."""
    return normalise_request(desired) == normalise_request(stored)
