"""The mutable-state store: migrations applied once, writes serialised and atomic."""
from __future__ import annotations

import asyncio

import pytest

from bot.state.store import StateStore, migration_files


async def test_migrates_to_latest(tmp_path):
    store = await StateStore.open(tmp_path / "state.sqlite3")
    version = (await store.fetchone("PRAGMA user_version"))[0]
    assert version == max(n for n, _ in migration_files())
    await store.close()
    again = await StateStore.open(tmp_path / "state.sqlite3")   # reopening applies nothing twice
    assert (await again.fetchone("PRAGMA user_version"))[0] == version
    await again.close()


async def test_concurrent_writes_never_lock_and_failures_roll_back(tmp_path):
    store = await StateStore.open(tmp_path / "state.sqlite3")

    async def bump(i: int):
        async with store.write() as db:
            await db.execute("INSERT INTO guild_settings (guild_id) VALUES (?)", (i,))

    await asyncio.gather(*(bump(i) for i in range(200)))
    with pytest.raises(RuntimeError):
        async with store.write() as db:
            await db.execute("INSERT INTO guild_settings (guild_id) VALUES (999)")
            raise RuntimeError("half-way")
    rows = await store.fetchall("SELECT guild_id FROM guild_settings")
    assert len(rows) == 200 and 999 not in {r[0] for r in rows}
    await store.close()
