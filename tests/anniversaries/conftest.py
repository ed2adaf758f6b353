"""Fixtures for the anniversary tests: a state store (each test on SQLite and on PostgreSQL, tests/pg.py), a clock that waits for the scheduler
loops to go back to sleep after each wake-up, and fake post/stories callbacks."""
from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import time

import pytest

from bot.anniversaries import config as cf
from bot.anniversaries.select import Source, Story
from bot.clock import ManualClock

UTC = dt.timezone.utc


class SettlingClock(ManualClock):
    """ManualClock whose advance() waits, after each wake-up, until `loops` tasks are asleep on the clock
    again. The scheduler's database work runs in aiosqlite's thread, so the five event-loop turns that
    ManualClock.advance allows are not enough for it to finish before time moves on."""

    def __init__(self, start: dt.datetime, loops: int = 1):
        super().__init__(start)
        self.loops = loops

    def waiting(self) -> int:
        return sum(1 for _, _, f in self._sleepers if not f.done())

    async def settle(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        spins = 0
        while self.waiting() < self.loops:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.loops - self.waiting()} scheduler loop(s) did not go back to sleep")
            spins += 1
            await asyncio.sleep(0 if spins < 5 else 0.0002)

    async def advance(self, seconds: float) -> None:
        target = self._mono + seconds
        await self.settle()
        while True:
            self._sleepers = [s for s in self._sleepers if not s[2].done()]
            heapq.heapify(self._sleepers)
            if not self._sleepers or self._sleepers[0][0] > target:
                break
            due, _, fut = heapq.heappop(self._sleepers)
            self._now += dt.timedelta(seconds=due - self._mono)
            self._mono = due
            fut.set_result(None)
            await asyncio.sleep(0)
            await self.settle()
        self._now += dt.timedelta(seconds=target - self._mono)
        self._mono = target

    async def run_until(self, when: dt.datetime, step: float = 3600.0) -> None:
        while self._now < when:
            await self.advance(min(step, (when - self._now).total_seconds()))


def fake_story(key: str = "world_record:mile:M:0:1999-07-07:1") -> Story:
    return Story(key=key, category="world_record", athlete="Test Athlete", athlete_id=1, nationality="MAR",
                 event="mile", sex="M", event_words="men's mile", indoor=False, mark="3:43.13", value=223.13,
                 wind=None, date="1999-07-07", years_ago=27, round_anniversary=False, venue="Roma", country="ITA",
                 record_kind="world", region="WORLD", record_words="world record", current=True,
                 sources=(Source("test", "Test source"),))


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


async def one_story(cfg, day):
    return [fake_story()]


# `store` (with `backend` and `state_target`): every test that uses it runs on SQLite and on PostgreSQL
from tests.pg import backend, state_target, store  # noqa: E402,F401  (fixtures)


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
