"""The loopback Discord (bot/console/loopback/, which the console runs too) as the wire-level tests use it.

What the tests add: every REST request body is validated against Discord's OpenAPI spec (openapi.py).
Problems are collected in `violations` instead of raised, because they happen inside the server; the
`fake_discord` fixture (conftest.py) fails the test when any are left.

Usage (inside a test that uses the `fake_discord` and `start_bot` fixtures):

    bot = await start_bot(make_bot())
    inter = await fake_discord.slash("ask", {"question": "who won?"})
    body = await fake_discord.wait_response(inter)        # the callback JSON
    inter2 = await fake_discord.click(inter.original_message_id, "more")
    edit = await fake_discord.wait_response(inter2)
"""
from __future__ import annotations

from bot.console.loopback import LoopbackDiscord

from .openapi import SpecValidator, shared_validator


class FakeDiscord(LoopbackDiscord):
    """The loopback with the tests' world (the "Bell Lap Test Club" guild, member "sprinter") and every
    request body checked against Discord's OpenAPI spec (the shared validator unless one is given).

    `wait_timeout` bounds each wait for something the bot must do; it is no timing assertion, so it is generous:
    on shared, busy cores a /quiz start that loads the question bank took over 5 s."""

    def __init__(self, *, shard_count: int = 1, validator: SpecValidator | None = None,
                 wait_timeout: float = 20.0) -> None:
        super().__init__(shard_count=shard_count, validator=validator or shared_validator(),
                         wait_timeout=wait_timeout, guild_name="Bell Lap Test Club", channel_name="general",
                         username="sprinter")
