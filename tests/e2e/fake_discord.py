"""A loopback fake Discord that the real discord.py client talks to over the wire.

The server itself is the application's loopback (bot/console/loopback/, which the console runs too): one aiohttp
server on 127.0.0.1 serves both the REST API (under /api/v10) and the gateway WebSocket (/gateway). Tests
point discord.py at it (see conftest.py), then play the user's side: run slash commands, type into
autocomplete, click buttons and post messages that mention the bot, and await what the bot sends back.

What the tests add: every REST request body is validated against Discord's OpenAPI spec (openapi.py).
Problems are collected in `violations` instead of raised, because they happen inside the server; the
fixture fails the test when any are left.

Usage (inside a test that uses the `fake_discord` and `start_bot` fixtures):

    bot = await start_bot(make_bot())
    inter = await fake_discord.slash("ask", {"question": "who won?"})
    body = await fake_discord.wait_response(inter)        # the callback JSON
    inter2 = await fake_discord.click(inter.original_message_id, "more")
    edit = await fake_discord.wait_response(inter2)
"""
from __future__ import annotations

from bot.console.loopback.payloads import *  # noqa: F401,F403  (constants and payload builders, as before)
from bot.console.loopback.payloads import _id, _interaction_payload  # noqa: F401
from bot.console.loopback.server import (  # noqa: F401
    BotError,
    BotErrorLog,
    FakeInteraction,
    GatewaySession,
    LoopbackDiscord,
    RecordedRequest,
    UploadedFile,
    _error_tree,
)

from .openapi import SpecValidator, shared_validator


class FakeDiscord(LoopbackDiscord):
    """The loopback with the tests' world (the "Bell Lap Test Club" guild, member "sprinter") and every
    request body checked against Discord's OpenAPI spec (the shared validator unless one is given)."""

    def __init__(self, *, shard_count: int = 1, validator: SpecValidator | None = None,
                 wait_timeout: float = 5.0) -> None:
        super().__init__(shard_count=shard_count, validator=validator or shared_validator(),
                         wait_timeout=wait_timeout, guild_name="Bell Lap Test Club", channel_name="general",
                         username="sprinter")
