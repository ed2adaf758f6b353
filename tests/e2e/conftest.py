"""Fixtures for wire-level tests: a fake Discord on loopback and a real discord.py bot talking to it."""
from __future__ import annotations

import asyncio
import logging

import discord
import pytest

from bot.console.loopback import BotErrorLog, redirect

from .fake_discord import FakeDiscord

READY_TIMEOUT = 10.0


@pytest.fixture()
async def fake_discord() -> FakeDiscord:
    """The fake Discord, with discord.py's REST base and gateway URL pointed at it (redirect()).

    Fails the test at teardown if any request broke the OpenAPI spec, hit a route
    the fake does not serve, or if the bot logged an error nobody claimed."""
    fake = FakeDiscord()
    await fake.start()
    with redirect(fake):
        yield fake
    await fake.close()
    problems = list(fake.violations)
    problems += [f"unclaimed bot error: {e}" for e in fake.unclaimed_bot_errors]
    assert not problems, "fake Discord saw problems:\n" + "\n\n".join(problems)


@pytest.fixture()
async def start_bot(fake_discord):
    """`bot = await start_bot(bot, sync=True)`: log in, connect, wait for on_ready.

    Works for commands.Bot and commands.AutoShardedBot (any discord.Client). With
    sync=True the bot's app-command tree is synced through the real HTTP route,
    globally and for every fake guild that has guild commands, so the fake knows
    the commands (Discord only sends interactions for registered commands).
    Requests made during startup are marked claimed, so wait_* helpers only see
    what the test itself causes. Bots start faster with guild_ready_timeout=0.1
    (discord.py otherwise waits 2 s for more GUILD_CREATEs before on_ready)."""
    started: list[tuple[discord.Client, asyncio.Task]] = []
    loop = asyncio.get_running_loop()
    handler = BotErrorLog(fake_discord, loop)
    discord_logger = logging.getLogger("discord")
    discord_logger.addHandler(handler)

    async def _start(bot: discord.Client, *, sync: bool = True) -> discord.Client:
        await bot.login(fake_discord.token)
        # reconnect=False: a broken connection should fail the test, not back off and
        # retry; RECONNECT/RESUME from the gateway is handled regardless.
        task = asyncio.create_task(bot.connect(reconnect=False), name="bot.connect")
        started.append((bot, task))
        ready = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({task, ready}, timeout=READY_TIMEOUT, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            if task in done:
                task.result()  # re-raise why the connection ended
            raise TimeoutError(f"bot was not ready after {READY_TIMEOUT}s")
        tree = getattr(bot, "tree", None)
        if sync and tree is not None:
            await tree.sync()
            for guild_id in fake_discord.guilds:
                if tree.get_commands(guild=discord.Object(guild_id)):
                    await tree.sync(guild=discord.Object(guild_id))
        fake_discord.claim_all()
        return bot

    yield _start

    try:
        for bot, task in reversed(started):
            await bot.close()
            await asyncio.wait_for(task, timeout=READY_TIMEOUT)
    finally:
        discord_logger.removeHandler(handler)


# ------------------------------------------------------------------ the real Bell Lap bot


@pytest.fixture()
def state_target(tmp_path):
    """Where the bot's state lives: a SQLite file. Test modules that run on both backends override this with
    a state_target that returns tests.pg's backend_target (parametrized over SQLite and a fresh PostgreSQL
    database)."""
    return tmp_path / "state.sqlite3"


@pytest.fixture()
async def bell_lap(fake_discord, start_bot, engine, state_target):
    """`bot = await bell_lap(view_timeout=0.5)`: the real BellLap with the real cogs, connected to the fake.

    setup_hook syncs the commands itself (globally, or to settings.dev_guild_id), so start_bot does not."""
    import datetime as dt

    from bot.app.client import BellLap
    from bot.app.settings import Settings
    from bot.common.clock import ManualClock
    from bot.state.store import StateStore

    stores, bots = [], []

    async def _start(*, settings: Settings | None = None, **kwargs):
        store = await StateStore.open(state_target)
        stores.append(store)
        clock = ManualClock(dt.datetime(2026, 7, 7, 12, tzinfo=dt.UTC))
        bot = BellLap(engine=engine, store=store, settings=settings or Settings(), clock=clock,
                      guild_ready_timeout=0.1, **kwargs)
        bots.append(bot)
        return await start_bot(bot, sync=False)

    yield _start
    # The bots first (their cogs save games and stop the scheduler), then the stores they write to;
    # closing a bot twice (start_bot closes it again) is a no-op in discord.py.
    for bot in bots:
        await bot.close()
    for store in stores:
        await store.close()


@pytest.fixture()
async def quiz_bot(bell_lap):
    """For the quiz and quote tests: like bell_lap, but the bots are closed first at teardown, so a game still
    running is stopped and saved while the state store is open (bell_lap closes its stores before the bots)."""
    bots = []

    async def _start(**kwargs):
        bot = await bell_lap(**kwargs)
        bots.append(bot)
        return bot

    yield _start
    for bot in bots:
        await bot.close()


def component(message: dict, label: str) -> dict:
    """The button labelled `label` on a message the fake holds."""
    for row in message.get("components") or []:
        for comp in row.get("components") or []:
            if comp.get("label") == label:
                return comp
    raise LookupError(f"no button {label!r} on message {message.get('id')}: "
                      f"{[c.get('label') for r in message.get('components') or [] for c in r.get('components', [])]}")
