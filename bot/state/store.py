"""The bot's mutable state (server settings, quiz games and scores, the anniversary ledger, user quotes) in
its own SQLite file, apart from the read-only reference database.

One aiosqlite connection per process, in WAL mode with a busy timeout; every write goes through write(),
which holds one asyncio lock and runs in one transaction, so concurrent writers never see "database is
locked" and a failure leaves nothing half-written. Schema: the numbered files in bot/state/migrations/
(each feature owns its file), version in PRAGMA user_version.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any, AsyncIterator, Iterable

import aiosqlite

MIGRATIONS = Path(__file__).with_name("migrations")
ROOT = Path(__file__).resolve().parents[2]
DEFAULT_STATE = ROOT / "var" / "state.sqlite3"


def state_path() -> Path:
    return Path(os.environ.get("BELL_LAP_STATE") or DEFAULT_STATE)


def migration_files() -> list[tuple[int, Path]]:
    return sorted((int(p.name.split("_", 1)[0]), p) for p in MIGRATIONS.glob("*.sql"))


class StateStore:
    def __init__(self, conn: aiosqlite.Connection):
        self.conn = conn
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str | None = None) -> "StateStore":
        path = Path(path) if path else state_path()
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA busy_timeout = 10000")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA synchronous = NORMAL")
        store = cls(conn)
        await store._migrate()
        return store

    async def _migrate(self) -> None:
        version = (await (await self.conn.execute("PRAGMA user_version")).fetchone())[0]
        for number, path in migration_files():
            if number > version:
                await self.conn.executescript(
                    f"BEGIN;\n{path.read_text()}\nPRAGMA user_version = {number};\nCOMMIT;")

    async def close(self) -> None:
        await self.conn.close()

    # -- reads: any number at once (WAL readers never block the writer)
    async def fetchall(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row]:
        async with self.conn.execute(sql, tuple(args)) as cur:
            return list(await cur.fetchall())

    async def fetchone(self, sql: str, args: Iterable[Any] = ()) -> sqlite3.Row | None:
        async with self.conn.execute(sql, tuple(args)) as cur:
            return await cur.fetchone()

    # -- writes: one at a time, each in one transaction
    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[aiosqlite.Connection]:
        """`async with store.write() as db: await db.execute(...)` — commits on success, rolls back on error."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")
