"""A loopback Discord that the real discord.py client talks to over the wire.

One aiohttp server on 127.0.0.1 serves both the REST API (under /api/v10) and the gateway WebSocket
(/gateway). Point discord.py at it (redirect() below), log the bot in with the server's token, then play
the user's side: run slash commands, type into autocomplete, click buttons and post messages that mention
the bot, and await what the bot sends back.

Two users: the console (bot/console/session.py), which runs the real bot and cogs locally without Discord, and
the wire-level tests (tests/e2e/), which add validation of every request body against Discord's OpenAPI spec
through the `validator` hook (routes.Validator).

The parts: payloads.py (Discord's JSON shapes), world.py (the state: guilds, channels, members, messages,
commands, interactions), journal.py (recorded requests, violations, bot errors, and the waits on them),
records.py (requests, interactions, ids, the address), bot_messages.py (the bot's messages as stored), gateway.py
(the WebSocket), rest.py (the REST pipeline) with its routes in api_application.py, api_channels.py
and api_interactions.py, validation.py (body checks), options.py (slash command options as sent), and
server.py (LoopbackDiscord: all of them on one port, and the user's side).

    server = LoopbackDiscord()
    await server.start()
    with redirect(server):
        await bot.login(server.token)
        ...                                                    # bot.connect() in a task, wait until ready
        inter = await server.slash("ask", {"question": "who won?"})
        body = await server.wait_response(inter)                # the callback JSON
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

from bot.console.loopback.journal import BotError, BotErrorLog
from bot.console.loopback.payloads import (
    CALLBACK,
    CHANNEL_MESSAGE,
    CHANNEL_MESSAGES,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    FOLLOWUP,
    INTENT_MESSAGE_CONTENT,
    MEMBER_PERMISSIONS,
    ORIGINAL,
    WEBHOOK_MESSAGE,
)
from bot.console.loopback.records import FakeInteraction, RecordedRequest, UploadedFile, WorldIds
from bot.console.loopback.routes import SERVED_OPERATIONS, Problem, Validator, match_operation
from bot.console.loopback.server import LoopbackDiscord

__all__ = [
    "CALLBACK", "CHANNEL_MESSAGE", "CHANNEL_MESSAGES", "FLAG_EPHEMERAL", "FLAG_LOADING", "FOLLOWUP",
    "INTENT_MESSAGE_CONTENT", "MEMBER_PERMISSIONS", "ORIGINAL", "WEBHOOK_MESSAGE", "SERVED_OPERATIONS", "Problem",
    "Validator", "match_operation", "BotError", "BotErrorLog", "FakeInteraction", "LoopbackDiscord",
    "RecordedRequest", "UploadedFile", "WorldIds", "redirect",
]


@contextlib.contextmanager
def redirect(server: LoopbackDiscord) -> Iterator[None]:
    """Point discord.py at `server` while the block runs, and back at Discord after it.

    The only two things redirected: discord.py builds every REST URL (webhooks and interaction callbacks
    included) from Route.BASE, and Client.connect() uses DEFAULT_GATEWAY (AutoShardedClient asks
    GET /gateway/bot instead, which the server answers with its own URL)."""
    import discord
    import yarl
    from discord.gateway import DiscordWebSocket

    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = server.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(server.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = base
        DiscordWebSocket.DEFAULT_GATEWAY = gateway
