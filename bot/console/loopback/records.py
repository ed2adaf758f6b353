"""What the loopback keeps track of besides the world's payloads: the requests the bot made, the uploads in them,
the interactions it was sent, the fixed ids of a world and the address the server listens on."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.console.loopback.payloads import API_PREFIX, GATEWAY_PATH, RESUME_PATH


@dataclass
class UploadedFile:
    field: str  # the multipart field name, e.g. "files[0]"
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    method: str
    path: str  # relative to /api/v10, percent-decoded
    query: dict[str, str]
    headers: dict[str, str]
    content_type: str | None
    json: Any = None  # the JSON body, or the payload_json part of a multipart body
    files: list[UploadedFile] = field(default_factory=list)
    template: str | None = None  # the spec path template, None for unknown routes
    params: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    response: Any = None  # what the fake answered
    claimed: bool = False  # returned by a wait_* helper already

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


@dataclass
class FakeInteraction:
    """An interaction the fake sent; tokens tie callbacks, followups and edits to it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    channel_id: int
    guild_id: int | None
    message_id: int | None = None  # the message a component sat on
    callback_type: int | None = None
    original_message_id: int | None = None  # @original once responded
    followup_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class WorldIds:
    """Fixed ids for the default world, instead of fresh snowflakes: the console's server, channel and user must
    be the same at every start, since the state store keys settings, games and leaderboards by them."""

    app: int
    owner: int
    guild: int
    channel: int
    user: int


@dataclass
class Address:
    """Where the server listens: the port is known once it has started (it asks for any free one)."""

    port: int | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What discord.http.Route.BASE must be set to."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        """What GET /gateway/bot returns and DiscordWebSocket.DEFAULT_GATEWAY must be."""
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    @property
    def resume_url(self) -> str:
        """READY's resume_gateway_url: a distinct path, so a test sees discord.py resume through it."""
        return f"ws://127.0.0.1:{self.port}{RESUME_PATH}"
