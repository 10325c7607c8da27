"""The base of values the SDK writes as API JSON (filters, actions): equal when their JSON is equal."""

from __future__ import annotations

from typing import Any, Dict


class JsonValue:
    """A value that writes itself as the API's JSON; equality, hashing and repr follow that JSON."""

    def to_json(self) -> Dict[str, Any]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.to_json()!r})"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.to_json() == other.to_json()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(repr(self))
