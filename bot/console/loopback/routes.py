"""The REST routes the loopback server answers, request-path matching, and the request-body validation hook.

SERVED_OPERATIONS names each route by its template in Discord's OpenAPI spec, so an optional validator (the
tests plug in a jsonschema one built from that spec: tests/e2e/openapi.py) can look the request body up by
the same template. The application itself runs with no validator and needs no jsonschema.
"""
from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.console.loopback.records import RecordedRequest

# Every (method, spec path template) the loopback answers. A request that matches none
# of these is reported as a violation, so adding a route means adding it here, a
# handler (api_*.py), and re-running tests/e2e/vendor_spec.py.
SERVED_OPERATIONS: tuple[tuple[str, str], ...] = (
    ("GET", "/users/@me"),
    ("GET", "/oauth2/applications/@me"),
    ("GET", "/gateway/bot"),
    ("GET", "/applications/{application_id}/commands"),
    ("PUT", "/applications/{application_id}/commands"),
    ("GET", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"),
    ("POST", "/interactions/{interaction_id}/{interaction_token}/callback"),
    ("POST", "/webhooks/{webhook_id}/{webhook_token}"),
    ("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original"),
    ("GET", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
    ("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
    ("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"),
    ("POST", "/channels/{channel_id}/messages"),
    ("GET", "/channels/{channel_id}/messages/{message_id}"),
    ("PATCH", "/channels/{channel_id}/messages/{message_id}"),
    ("DELETE", "/channels/{channel_id}/messages/{message_id}"),
    ("POST", "/channels/{channel_id}/typing"),
    ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji_name}/@me"),
)

# A route's handler: the request (its body read, its path parameters matched) -> (status, JSON body or None).
Handler = Callable[[RecordedRequest], Awaitable[tuple[int, Any]]]

JSON = "application/json"
MULTIPART = "multipart/form-data"


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    regex: re.Pattern[str]
    literal_segments: int


def _compile(method: str, template: str) -> Operation:
    parts = template.strip("/").split("/")
    pattern = "/".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    literals = sum(not p.startswith("{") for p in parts)
    return Operation(method, template, re.compile(f"^/{pattern}$"), literals)


_OPERATIONS = [_compile(m, t) for m, t in SERVED_OPERATIONS]


def match_operation(method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
    """The served operation for a request path (relative to /api/v10), preferring
    literal segments so `.../messages/@original` wins over `.../messages/{message_id}`."""
    hits = [op for op in _OPERATIONS if op.method == method and op.regex.match(path)]
    if not hits:
        return None
    op = max(hits, key=lambda o: o.literal_segments)
    parts = op.template.strip("/").split("/")
    values = path.strip("/").split("/")          # one per part: the regex matched segment by segment
    params = {p[1:-1]: v for p, v in zip(parts, values, strict=True) if p.startswith("{")}
    return op, params


@dataclass(frozen=True)
class Problem:
    operation: str
    path: tuple[Any, ...]  # where in the body, e.g. ("data", "embeds", 0, "title")
    message: str

    @property
    def json_path(self) -> str:
        return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)

    def __str__(self) -> str:
        return f"{self.operation}: {self.message} (at {self.json_path})"


class Validator(Protocol):
    """The request-body hook: problems with `body` for (method, spec template), empty when it is valid.
    `media` is the request's content type; for multipart, `body` is the payload_json part."""

    def check(self, method: str, template: str, media: str, body: Any) -> list[Problem]: ...
