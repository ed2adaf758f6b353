"""Group commit in the state store (bot/state/store.py), on both backends: writes that arrive together share one
transaction, a write that fails inside a group loses nobody else's write and gets its own error, and a write
returns only once the COMMIT that holds it is done (another connection sees it).

A write's body here awaits once mid-way (asyncio.sleep(0)), as a body that reads something else would: that is
what keeps the next writes queued behind it, so they arrive together. On SQLite a body that never suspends runs
and commits at once, alone (nothing was waiting for it)."""
from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.state.store import IntegrityError, StateStore


async def add_guild(store: StateStore, gid: int, *, then_fail: bool = False) -> None:
    async with store.write() as tx:
        await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (?)", (gid,))
        await asyncio.sleep(0)
        await tx.execute("UPDATE guild_settings SET timezone = ? WHERE guild_id = ?", ("Europe/Oslo", gid))
        if then_fail:
            await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (?)", (1,))   # taken: IntegrityError


async def other_connection_sees(state_target, sql: str, args=()) -> list:
    """What a second connection (another process) reads: committed data only."""
    other = await StateStore.open(state_target)
    try:
        return [tuple(r) for r in await other.fetchall(sql, args)]
    finally:
        await other.close()


async def test_writes_that_arrive_together_share_one_commit(store, state_target):
    await add_guild(store, 1)
    writes, commits = store.writes, store.commits
    await asyncio.gather(*(add_guild(store, 100 + i) for i in range(20)))
    assert store.writes - writes == 20
    assert store.commits - commits < 5, "20 writes queued together should share a few commits, not 20"
    rows = await other_connection_sees(state_target, "SELECT guild_id, timezone FROM guild_settings "
                                                     "WHERE guild_id >= 100 ORDER BY guild_id")
    assert rows == [(100 + i, "Europe/Oslo") for i in range(20)]


async def test_a_failing_write_loses_nothing_of_the_others_and_gets_its_own_error(store, state_target):
    await add_guild(store, 1)
    commits = store.commits
    results = await asyncio.gather(*(add_guild(store, 200 + i, then_fail=i == 4) for i in range(10)),
                                   return_exceptions=True)
    assert [type(r) for r in results] == [type(None)] * 4 + [IntegrityError] + [type(None)] * 5
    assert isinstance(results[4], sqlite3.IntegrityError)          # older except clauses still catch it
    assert store.commits - commits < 5                              # the failure did not split the group apart
    rows = await other_connection_sees(state_target, "SELECT guild_id, timezone FROM guild_settings "
                                                     "WHERE guild_id >= 200 ORDER BY guild_id")
    # every other write whole, the failing one's first statements rolled back with it
    assert rows == [(200 + i, "Europe/Oslo") for i in range(10) if i != 4]


async def test_an_exception_in_a_body_rolls_back_that_write_only(store, state_target):
    async def fails():
        async with store.write() as tx:
            await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (?)", (300,))
            await asyncio.sleep(0)
            raise RuntimeError("half-way")

    results = await asyncio.gather(add_guild(store, 301), fails(), add_guild(store, 302), return_exceptions=True)
    assert results[0] is None and isinstance(results[1], RuntimeError) and results[2] is None
    rows = await other_connection_sees(state_target, "SELECT guild_id FROM guild_settings ORDER BY guild_id")
    assert rows == [(301,), (302,)]


async def test_a_write_returns_after_the_commit_that_holds_it(store, state_target):
    """Each write, as it returns, is already visible to another connection: nobody hears of a write that a
    crash could still take back."""
    other = await StateStore.open(state_target)
    seen: dict[int, bool] = {}
    try:
        async def add_and_look(gid: int):
            await add_guild(store, gid)
            seen[gid] = await other.fetchone("SELECT 1 FROM guild_settings WHERE guild_id = ?", (gid,)) is not None

        await asyncio.gather(*(add_and_look(400 + i) for i in range(15)))
    finally:
        await other.close()
    assert seen == {400 + i: True for i in range(15)}


async def test_a_cancelled_queued_write_does_not_strand_the_group(store, state_target):
    """The first write leaves the group open for the one queued behind it, which is cancelled before its turn:
    the group is committed all the same (else the first write would wait for ever)."""
    queued: list[asyncio.Task] = []

    async def first():
        async with store.write() as tx:
            await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (?)", (500,))
            await asyncio.sleep(0.02)          # the second write queues meanwhile
            queued[0].cancel()                 # and leaves before its turn

    one = asyncio.create_task(first())
    await asyncio.sleep(0.005)
    queued.append(asyncio.create_task(add_guild(store, 501)))
    await asyncio.wait_for(one, 5)
    with pytest.raises(asyncio.CancelledError):
        await queued[0]
    assert await other_connection_sees(state_target, "SELECT guild_id FROM guild_settings") == [(500,)]
