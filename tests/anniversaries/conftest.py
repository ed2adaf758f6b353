"""Fixtures for the anniversary tests: a state store (each test on SQLite and on PostgreSQL, tests/pg.py) and
fake post/stories callbacks. The clock is bot.common.clock.SettlingClock."""
from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3

import pytest

from bot.anniversaries import config as cf
from bot.ask.day_stories import Selector
from tests.anniversaries.stories import fake_story  # noqa: F401  (used by the tests here)

UTC = dt.UTC


class Recorder:
    """A fake post callback: remembers every call; can be told to raise for some guilds."""

    def __init__(self, clock):
        self.clock = clock
        self.calls: list[tuple[int, int, dt.datetime, list[str]]] = []
        self.raise_for: dict[int, BaseException] = {}

    async def __call__(self, guild_id: int, channel_id: int, stories) -> None:
        exc = self.raise_for.get(guild_id)
        if exc is not None:
            raise exc
        self.calls.append((guild_id, channel_id, self.clock.now(), [s.key for s in stories]))

    def by_guild(self) -> dict[int, list[dt.datetime]]:
        out: dict[int, list[dt.datetime]] = {}
        for gid, _, when, _ in self.calls:
            out.setdefault(gid, []).append(when)
        return out


@pytest.fixture(scope="module")
def selector(db_path):
    """A story selector over the built database, read-only (the tests that read the day's stories)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    yield Selector(conn)
    conn.close()


async def one_story(cfg, day):
    return [fake_story()]


# `store` (with `backend` and `state_target`) is tests/pg.py's, a plugin of every test (tests/conftest.py):
# every test that uses it runs on SQLite and on PostgreSQL.


async def add_guild(store, gid: int, *, tz: str = "UTC", at: str = "09:00", channel: int | None = None,
                    since: dt.datetime = dt.datetime(2000, 1, 1, tzinfo=UTC), **kw) -> cf.AnniversaryConfig:
    """A server with anniversaries on, its settings made long ago (so nothing is 'before its settings')."""
    return await cf.update(store, gid, now=since, channel_id=channel or gid * 10, time=at, timezone=tz,
                           enabled=True, **kw)


async def start(scheduler, clock) -> asyncio.Task:
    task = asyncio.create_task(scheduler.run())
    await clock.settle()
    return task


async def stop(*tasks: asyncio.Task) -> None:
    for t in tasks:
        t.cancel()
    for t in tasks:
        try:
            await t
        except asyncio.CancelledError:
            pass


async def poke(scheduler, clock) -> None:
    """scheduler.poke(), then wait until it has woken, replanned and gone back to sleep."""
    scheduler.poke()
    for _ in range(1000):
        if clock.waiting() < clock.loops:
            break
        await asyncio.sleep(0)
    await clock.settle()
