"""Shard leases: two processes never run the same shards.

Discord lets one token connect the same shard twice, and then both processes answer every command of those
servers. So before it connects, `python -m bot run` on PostgreSQL takes a lease on its shards: one row per shard
in shard_leases with the holder (hostname:pid, for people), a random token (for the code) and a heartbeat that
the process renews every quarter of the lease (SHARD_LEASE_SECONDS, default 40 s: a beat every 10 s). A process
that stops cleanly deletes its rows; one that crashes leaves them to run out, after which another process may
take the shards over. A process that finds a live lease on any of its shards, or a live lease cut with another
SHARD_COUNT (which slices the servers differently), is refused with one line naming the holder (LeaseHeld).
Without SHARD_COUNT a process runs every shard at Discord's count: its lease is the whole bot (shard 0 of count
0), which clashes with any other lease.

Time is the database's clock, so processes on machines whose clocks disagree still agree on whether a lease
has run out; tests inject a clock instead. Taking and renewing are one transaction each, serialised across
processes (a transaction-scoped advisory lock on PostgreSQL; SQLite's writes are serialised anyway), so two
processes starting together cannot both see the shards free.

On SQLite run() takes no lease (bot/app/client.py): a state file belongs to one process (scaling out is what
PostgreSQL is for), and a lease there would only make a bot restarted after a crash wait for its own old lease
to run out. The table exists on both backends all the same (the schema parity test), and this module works on
either: its tests run on both.
"""
from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.state.store import StateStore, Transaction

log = logging.getLogger(__name__)

LEASE_SECONDS = 40.0
BEATS_PER_LEASE = 4          # a heartbeat every quarter of the lease: three may be missed before it runs out
WHOLE_BOT = 0                # shard_count of the lease of a process that runs every shard at Discord's count
_LOCK = 0x6265_6C6C_7368_7264   # "bellshrd": pg_advisory_xact_lock key for taking and renewing leases
_NOW = {
    "postgres": "SELECT extract(epoch FROM clock_timestamp())::float8",
    "sqlite": "SELECT (julianday('now') - 2440587.5) * 86400.0",
}

Clock = Callable[[], float]   # seconds since the epoch


def holder_name() -> str:
    """hostname:pid, how a lease names its process to people."""
    return f"{socket.gethostname()}:{os.getpid()}"


def lease_shards(shard_count: int | None, shard_ids: Sequence[int] | None) -> tuple[int, tuple[int, ...]]:
    """(shard_count, shard ids) as leased: SHARD_COUNT without SHARD_IDS is every shard of that count; no
    SHARD_COUNT is the whole bot."""
    if not shard_count:
        return WHOLE_BOT, (0,)
    if shard_ids is None:
        return shard_count, tuple(range(shard_count))
    return shard_count, tuple(sorted({int(i) for i in shard_ids}))


def _describe(count: int, ids: Sequence[int]) -> str:
    if count == WHOLE_BOT:
        return "the whole bot (no SHARD_COUNT: every shard)"
    return f"shard{'s' if len(ids) > 1 else ''} {','.join(str(i) for i in ids)} of SHARD_COUNT={count}"


@dataclass(frozen=True)
class Held:
    """A live lease of another process."""
    shard_id: int
    shard_count: int
    holder: str
    heartbeat_at: float
    expires_at: float


class LeaseHeld(Exception):
    """Another live process holds shards this one wants; str() is one line for the user (who, which shards, how
    fresh its heartbeat is, and when the lease runs out if that process has died)."""

    def __init__(self, count: int, ids: Sequence[int], clashes: Sequence[Held], now: float) -> None:
        self.clashes = list(clashes)
        self.holders = list(dict.fromkeys(c.holder for c in clashes))
        parts = []
        for holder in self.holders:
            theirs = [c for c in clashes if c.holder == holder]
            first = theirs[0]
            shards = _describe(first.shard_count, [c.shard_id for c in theirs])
            when = (f"(its last heartbeat {max(0.0, now - first.heartbeat_at):.0f} s ago; if it has stopped, its "
                    f"lease runs out in {max(0.0, first.expires_at - now):.0f} s)")
            if first.shard_count != count:
                parts.append(f"{holder} runs {shards} {when}")
            else:
                parts.append(f"{shards} {'are' if len(theirs) > 1 else 'is'} already run by {holder} {when}")
        what = "; ".join(parts)
        if any(c.shard_count != count for c in clashes):
            what += f": every process must give the same SHARD_COUNT, and this one would run {_describe(count, ids)}"
        super().__init__(f"Not connecting: {what}.")


@dataclass
class Lease:
    """This process's lease: renew() it every `interval` seconds (keep() does), release() it at exit."""
    store: StateStore
    shard_count: int
    shard_ids: tuple[int, ...]
    holder: str
    token: str
    seconds: float
    clock: Clock | None = None
    expires_at: float = 0.0
    lost: str | None = field(default=None)

    @property
    def interval(self) -> float:
        return self.seconds / BEATS_PER_LEASE

    def describe(self) -> str:
        return _describe(self.shard_count, self.shard_ids)

    async def renew(self) -> bool:
        """One heartbeat; False when the lease is no longer (all) ours: it ran out and another process took
        shards over. Then what is left of it is let go too."""
        async with self.store.write() as tx:
            now = await _begin(tx, self.store, self.clock)
            renewed = await tx.execute("UPDATE shard_leases SET heartbeat_at = ?, expires_at = ? WHERE token = ?",
                                       (now, now + self.seconds, self.token))
            if renewed != len(self.shard_ids):
                await tx.execute("DELETE FROM shard_leases WHERE token = ?", (self.token,))
                return False
        self.expires_at = now + self.seconds
        return True

    async def keep(self) -> str:
        """Heartbeats until cancelled. Returns only when the lease is lost, saying why: the caller must then stop
        (another process may be taking the shards). A heartbeat the database does not answer is tried again at
        the next beat; once no heartbeat has got through for a whole lease, the lease counts as lost."""
        loop = asyncio.get_running_loop()
        last_ok = loop.time()
        while True:
            await asyncio.sleep(self.interval)
            started = loop.time()
            try:
                if await self.renew():
                    last_ok = started
                    continue
                self.lost = f"the lease on {self.describe()} ran out and another process took it over"
                return self.lost
            except Exception as exc:   # the database is away: try again, within the lease
                log.warning("could not renew the lease on %s: %s", self.describe(), type(exc).__name__)
                if loop.time() - last_ok >= self.seconds:
                    self.lost = f"the lease on {self.describe()} could not be renewed for {self.seconds:.0f} s"
                    return self.lost

    async def release(self) -> None:
        async with self.store.write() as tx:
            await tx.execute("DELETE FROM shard_leases WHERE token = ?", (self.token,))


async def _begin(tx: Transaction, store: StateStore, clock: Clock | None) -> float:
    """Serialise with every other process taking or renewing a lease, then read the time (after the lock, so
    it is never earlier than what the previous holder of the lock wrote)."""
    if store.backend == "postgres":
        await tx.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK,))
    if clock is not None:
        return clock()
    row = await tx.fetchone(_NOW[store.backend])
    assert row is not None, "SELECT without FROM returns one row"
    return float(row[0])


async def acquire(store: StateStore, shard_count: int | None, shard_ids: Sequence[int] | None, *,
                  seconds: float = LEASE_SECONDS, holder: str | None = None, clock: Clock | None = None) -> Lease:
    """The lease on this process's shards (SHARD_COUNT / SHARD_IDS as Settings has them), or LeaseHeld. Leases
    that have run out are deleted first: a crashed process's shards are free once its heartbeat is `seconds` old."""
    count, ids = lease_shards(shard_count, shard_ids)
    lease = Lease(store, count, ids, holder or holder_name(), secrets.token_hex(8), seconds, clock)
    async with store.write() as tx:
        now = await _begin(tx, store, clock)
        await tx.execute("DELETE FROM shard_leases WHERE expires_at <= ?", (now,))
        live = [Held(r[0], r[1], r[2], r[3], r[4]) for r in await tx.fetchall(
            "SELECT shard_id, shard_count, holder, heartbeat_at, expires_at FROM shard_leases ORDER BY shard_id")]
        clashes = [h for h in live if h.shard_count != count or h.shard_id in ids]
        if clashes:
            raise LeaseHeld(count, ids, clashes, now)
        await tx.executemany(
            "INSERT INTO shard_leases (shard_id, shard_count, holder, token, acquired_at, heartbeat_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(i, count, lease.holder, lease.token, now, now, now + seconds) for i in ids])
    lease.expires_at = now + seconds
    log.info("leased %s as %s for %.0f s at a time", lease.describe(), lease.holder, seconds)
    return lease
