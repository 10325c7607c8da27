"""Errors raised by the SDK: one class per kind of API answer, each carrying the API's own message.

Every error of the API has the shape ``{"error": CODE, "message": sentence, "field": optional}``; the exception keeps
all three, plus the HTTP status, so that callers can branch on the class and show the message as is.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

__all__ = [
    "AutomationsError",
    "ApiError",
    "ValidationError",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "PayloadTooLarge",
    "RateLimited",
    "ServerError",
    "ConnectionFailed",
    "from_response",
]


class AutomationsError(Exception):
    """The root of every error this package raises."""


class ApiError(AutomationsError):
    """The API answered with an error status."""

    def __init__(self, status: int, message: str, code: Optional[str] = None, field: Optional[str] = None,
                 body: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.field = field
        self.body = body or {}

    def __str__(self) -> str:
        where = f" (field: {self.field})" if self.field else ""
        return f"{self.message}{where}"


class ValidationError(ApiError):
    """400 or 422: the input is invalid; ``field`` names the offending field when the API says which."""


class Unauthorized(ApiError):
    """401: no valid API key."""


class Forbidden(ApiError):
    """403: the key's user lacks the role this call needs."""


class NotFound(ApiError):
    """404: no such thing (or no access to it)."""


class Conflict(ApiError):
    """409: the name is taken, or the thing is in a state that forbids the change."""


class PayloadTooLarge(ApiError):
    """413: the body is over a limit of the API."""


class RateLimited(ApiError):
    """429: too many requests."""


class ServerError(ApiError):
    """5xx: the server failed; idempotent calls were retried before this was raised."""


class ConnectionFailed(AutomationsError):
    """The server could not be reached (refused, reset, timed out) even after retries."""


_BY_STATUS = {400: ValidationError, 422: ValidationError, 401: Unauthorized, 403: Forbidden, 404: NotFound,
              409: Conflict, 413: PayloadTooLarge, 429: RateLimited}


def from_response(status: int, body: Any, fallback: str) -> ApiError:
    """The exception for an error answer, built from the API's error body when it has one."""
    data: Dict[str, Any] = body if isinstance(body, dict) else {}
    message = str(data.get("message") or fallback)
    code = data.get("error")
    field = data.get("field")
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return cls(status, message, code, field, data)
