"""Shard leases (bot/state/leases.py) on both backends: who may take which shards, what the refusal says, a
lease running out, the heartbeat keeping it and noticing a takeover. Two real `bot run` processes:
tests/scale/test_shard_leases.py."""
from __future__ import annotations

import asyncio

import pytest

from bot.state import leases
from bot.state.leases import LeaseHeld, acquire


class Clock:
    """Seconds since the epoch, moved by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


async def rows(store) -> list[tuple]:
    return [tuple(r) for r in await store.fetchall(
        "SELECT shard_id, shard_count, holder FROM shard_leases ORDER BY shard_id")]


async def test_overlapping_shards_are_refused_naming_the_holder(store):
    clock = Clock()
    a = await acquire(store, 2, [0], seconds=30, holder="alpha:101", clock=clock)
    assert await rows(store) == [(0, 2, "alpha:101")]
    with pytest.raises(LeaseHeld) as held:
        await acquire(store, 2, [0, 1], seconds=30, holder="beta:202", clock=clock)
    assert str(held.value) == ("Not connecting: shard 0 of SHARD_COUNT=2 is already run by alpha:101 (its last "
                               "heartbeat 0 s ago; if it has stopped, its lease runs out in 30 s).")
    assert held.value.holders == ["alpha:101"]
    assert await rows(store) == [(0, 2, "alpha:101")]              # the refused process took nothing
    b = await acquire(store, 2, [1], seconds=30, holder="beta:202", clock=clock)     # not overlapping: fine
    assert await rows(store) == [(0, 2, "alpha:101"), (1, 2, "beta:202")]
    assert (a.shard_ids, b.shard_ids) == ((0,), (1,))

    clock.now += 12
    with pytest.raises(LeaseHeld) as held:                           # the whole bot clashes with every lease
        await acquire(store, None, None, holder="gamma:303", clock=clock)
    assert str(held.value) == (
        "Not connecting: alpha:101 runs shard 0 of SHARD_COUNT=2 (its last heartbeat 12 s ago; if it has stopped, "
        "its lease runs out in 18 s); beta:202 runs shard 1 of SHARD_COUNT=2 (its last heartbeat 12 s ago; if it "
        "has stopped, its lease runs out in 18 s): every process must give the same SHARD_COUNT, and this one would "
        "run the whole bot (no SHARD_COUNT: every shard).")
    assert held.value.holders == ["alpha:101", "beta:202"]
    await b.renew()
    with pytest.raises(LeaseHeld) as held:                           # each holder named with its own shards
        await acquire(store, 2, [0, 1], holder="delta:404", clock=clock)
    assert str(held.value) == (
        "Not connecting: shard 0 of SHARD_COUNT=2 is already run by alpha:101 (its last heartbeat 12 s ago; if it "
        "has stopped, its lease runs out in 18 s); shard 1 of SHARD_COUNT=2 is already run by beta:202 (its last "
        "heartbeat 0 s ago; if it has stopped, its lease runs out in 30 s).")
    with pytest.raises(LeaseHeld) as held:                           # another slicing of the same servers
        await acquire(store, 4, [3], holder="delta:404", clock=clock)
    assert "every process must give the same SHARD_COUNT, and this one would run shard 3 of SHARD_COUNT=4." \
        in str(held.value)
    assert await rows(store) == [(0, 2, "alpha:101"), (1, 2, "beta:202")]


async def test_a_lease_that_runs_out_can_be_taken_over_and_its_old_holder_finds_out(store):
    clock = Clock()
    old = await acquire(store, 2, [0, 1], seconds=30, holder="old:1", clock=clock)
    clock.now += 20
    assert await old.renew()                                         # a heartbeat: 30 s more from now
    clock.now += 25
    with pytest.raises(LeaseHeld):                                   # 45 s after taking it, still alive
        await acquire(store, 2, [1], seconds=30, holder="new:2", clock=clock)
    clock.now += 5.5                                                 # 30.5 s without a heartbeat: it ran out
    new = await acquire(store, 2, [1], seconds=30, holder="new:2", clock=clock)
    assert await rows(store) == [(1, 2, "new:2")]                    # the rest of the old lease went too
    assert not await old.renew()                                     # the old holder learns it lost the lease
    assert await rows(store) == [(1, 2, "new:2")]
    await new.release()
    assert await rows(store) == []
    again = await acquire(store, 2, [0, 1], seconds=30, holder="third:3", clock=clock)    # released: free at once
    assert again.describe() == "shards 0,1 of SHARD_COUNT=2"


async def test_the_heartbeat_keeps_the_lease_on_the_database_clock_and_notices_a_takeover(store):
    lease = await acquire(store, 3, None, seconds=0.6, holder="beating:1")     # SHARD_IDS unset: all three
    assert [r[0] for r in await rows(store)] == [0, 1, 2]
    keeper = asyncio.create_task(lease.keep())
    try:
        await asyncio.sleep(1.5)                                     # 2.5 leases: only the heartbeat kept it
        with pytest.raises(LeaseHeld):
            await acquire(store, 3, [2], seconds=0.6, holder="other:2")
        assert not keeper.done()
        async with store.write() as tx:                              # another process takes shard 2 over
            await tx.execute("UPDATE shard_leases SET token = 'theirs', holder = 'other:2' WHERE shard_id = 2")
        async with asyncio.timeout(5):
            reason = await keeper
    finally:
        keeper.cancel()
    assert reason == "the lease on shards 0,1,2 of SHARD_COUNT=3 ran out and another process took it over"
    assert await rows(store) == [(2, 3, "other:2")]                  # what was left of it is let go


def test_what_a_process_leases():
    assert leases.lease_shards(None, None) == (leases.WHOLE_BOT, (0,))
    assert leases.lease_shards(4, None) == (4, (0, 1, 2, 3))
    assert leases.lease_shards(4, [3, 1]) == (4, (1, 3))
    assert leases.holder_name().endswith(f":{__import__('os').getpid()}")


def test_the_lease_length_is_a_setting():
    from pathlib import Path

    from bot.app.settings import Settings
    nowhere = Path("/nonexistent/.env")
    assert Settings.load({}, env_file=nowhere).shard_lease_seconds == leases.LEASE_SECONDS == 40
    assert Settings.load({"SHARD_LEASE_SECONDS": "12"}, env_file=nowhere).shard_lease_seconds == 12
    for bad in ("3", "0", "ten", "1.5", "4000"):
        with pytest.raises(ValueError) as err:
            Settings.load({"SHARD_LEASE_SECONDS": bad}, env_file=nowhere)
        assert str(err.value) == f"SHARD_LEASE_SECONDS must be whole seconds from 4 to 3600, got {bad!r}"
