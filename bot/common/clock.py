"""Time, injected: the quiz engine, the anniversary scheduler and their tests read the clock through this.

SystemClock is the real one. ManualClock is moved by hand (tests, benches): sleep() returns when the clock
has been advanced far enough, so a test can play a 20-second round in microseconds and exactly.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import heapq
import itertools
import time
from collections.abc import Awaitable
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...          # timezone-aware, UTC
    def monotonic(self) -> float: ...          # seconds, for timers
    async def sleep(self, seconds: float) -> None: ...


class Wake:
    """An asyncio.Event for one sleeping loop, that sleep_or_wake waits on with no task of its own: set()
    resolves the sleeper's future directly, so the loop runs again in the event loop's next turn (an Event's
    wait() in a task of its own, then asyncio.wait, take three: under a crowd each turn of the loop is long, and a
    quiz win is saved only when its game's loop runs)."""

    def __init__(self) -> None:
        self._set = False
        self._waiters: set[asyncio.Future[None]] = set()

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        if not self._set:
            self._set = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(None)
            self._waiters.clear()

    def clear(self) -> None:
        self._set = False

    async def wait(self) -> None:
        if self._set:
            return
        fut = asyncio.get_running_loop().create_future()
        self._waiters.add(fut)
        try:
            await fut
        finally:
            self._waiters.discard(fut)


async def sleep_or_wake(sleep: Awaitable[None], wake: asyncio.Event | Wake) -> None:
    """Wait for `sleep` (a clock sleep) or for `wake` to be set, whichever comes first; the other is cancelled.
    A loop that sleeps until its next deadline uses this so that news (a winning answer, a settings change)
    cuts the sleep short."""
    sleeper = asyncio.ensure_future(sleep)
    if isinstance(wake, Wake):
        woken = asyncio.get_running_loop().create_future()
        if wake.is_set():
            woken.set_result(None)
        wake._waiters.add(woken)
        sleeper.add_done_callback(lambda _: None if woken.done() else woken.set_result(None))
        try:
            await woken
        finally:
            wake._waiters.discard(woken)
            if not sleeper.done():
                sleeper.cancel()
        return
    waker = asyncio.ensure_future(wake.wait())
    try:
        await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for t in (sleeper, waker):
            if not t.done():
                t.cancel()


def stamp(clock: Clock, *, fraction: bool = False) -> str:
    """Now on `clock` as the state tables store it: UTC, '2026-05-03T09:00:00Z'. `fraction` adds microseconds
    ('…09:00:00.250000Z'), for rows that must sort in the order they happened within a second."""
    return clock.now().strftime("%Y-%m-%dT%H:%M:%S.%fZ" if fraction else "%Y-%m-%dT%H:%M:%SZ")


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def monotonic(self) -> float:
        return asyncio.get_running_loop().time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    def __init__(self, start: dt.datetime | None = None):
        self._now = start or dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        self._mono = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future]] = []
        self._seq = itertools.count()

    def now(self) -> dt.datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    async def sleep(self, seconds: float) -> None:
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        fut = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self._mono + seconds, next(self._seq), fut))
        await fut

    async def advance(self, seconds: float) -> None:
        """Move time forward, waking every sleeper due on the way, in order, letting each run."""
        target = self._mono + seconds
        while self._sleepers and self._sleepers[0][0] <= target:
            due, _, fut = heapq.heappop(self._sleepers)
            self._now += dt.timedelta(seconds=due - self._mono)
            self._mono = due
            if not fut.done():
                fut.set_result(None)
            for _ in range(5):   # let the woken task and what it starts run
                await asyncio.sleep(0)
        self._now += dt.timedelta(seconds=target - self._mono)
        self._mono = target
        for _ in range(5):
            await asyncio.sleep(0)

    def set(self, when: dt.datetime) -> None:
        """Jump the wall clock (a restart the next morning); timers are unaffected."""
        self._now = when


class SettlingClock(ManualClock):
    """A ManualClock whose advance() waits, after each wake-up, until `loops` tasks are asleep on the clock
    again. A loop whose work is real I/O (aiosqlite's thread, a database server, HTTP to a fake Discord)
    needs more than the few event-loop turns ManualClock.advance allows before time may move on."""

    def __init__(self, start: dt.datetime | None = None, loops: int = 1, timeout: float = 60.0):
        super().__init__(start)
        self.loops = loops
        self.timeout = timeout

    def waiting(self) -> int:
        return sum(1 for _, _, f in self._sleepers if not f.done())

    async def settle(self) -> None:
        deadline = time.monotonic() + self.timeout
        spins = 0
        while self.waiting() < self.loops:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.loops - self.waiting()} loop(s) did not go back to sleep")
            spins += 1
            await asyncio.sleep(0 if spins < 5 else 0.0005)

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
