"""The mutable-state store, on both backends (SQLite and PostgreSQL): migrations applied once, writes atomic,
row counts that claims can trust, constraint errors as IntegrityError, `?` placeholders translated only where
they are placeholders, the two migration sets describing the same schema, and writes that ride out a real
outage (a held SQLite write lock, a stopped PostgreSQL) for a bounded time."""
from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from bot.state.store import (
    WRITE_RETRY,
    IntegrityError,
    StateStore,
    StoreUnavailable,
    is_transient,
    migration_files,
    to_dollar,
)
from bot.state.store import state_target as target_for
from tests import pg


async def test_migrates_to_latest(state_target, backend):
    s = await StateStore.open(state_target)
    assert s.backend == backend
    version = await s.schema_version()
    assert version == max(n for n, _ in migration_files(backend))
    await s.close()
    again = await StateStore.open(state_target)   # reopening applies nothing twice
    assert await again.schema_version() == version
    await again.close()


async def test_concurrent_writes_never_lock_and_failures_roll_back(store):
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
    row = await store.fetchone("SELECT guild_id, timezone, updated_at FROM guild_settings WHERE guild_id = ?", (7,))
    assert row[0] == row["guild_id"] == 7 and row["timezone"] == "UTC" and row[2].endswith("Z")


async def test_row_counts_returning_ids_and_integrity_errors(store):
    async with store.write() as tx:
        assert await tx.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (?, ?) "
                                "ON CONFLICT (guild_id) DO NOTHING", (1, "UTC")) == 1
        assert await tx.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (?, ?) "
                                "ON CONFLICT (guild_id) DO NOTHING", (1, "Europe/Paris")) == 0
        assert await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (2), (3)") == 2
        assert await tx.execute("UPDATE guild_settings SET timezone = ? WHERE guild_id > ?", ("Asia/Tokyo", 1)) == 2
        assert await tx.execute("DELETE FROM guild_settings WHERE guild_id = ?", (42,)) == 0
        first = await tx.insert_returning_id(
            "INSERT INTO user_quotes (guild_id, text, text_key, speaker, source, added_by, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (1, "Run fast.", "run fast", "Someone", "src", 5, "2026-01-01"))
        second = await tx.insert_returning_id(
            "INSERT INTO user_quotes (guild_id, text, text_key, speaker, source, added_by, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (1, "Run faster?", "run faster", "Someone", "src", 5, "2026-01-01"))
        assert second > first > 0
        row = await tx.fetchone("SELECT text FROM user_quotes WHERE id = ? FOR UPDATE", (second,))
        assert row[0] == "Run faster?"           # a ? inside the value is data, not a placeholder
        await tx.executemany("INSERT INTO guild_settings (guild_id) VALUES (?)", [(10,), (11,)])
    assert (await store.fetchone("SELECT timezone FROM guild_settings WHERE guild_id = 1"))[0] == "UTC"
    assert (await store.fetchone("SELECT count(*) FROM guild_settings"))[0] == 5
    with pytest.raises(IntegrityError):
        async with store.write() as tx:
            await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (?)", (99,))
            await tx.execute("INSERT INTO user_quotes (guild_id, text, text_key, speaker, source, added_by, "
                             "added_at) VALUES (1, 'x', 'run fast', 'y', 'z', 1, 'now')")     # duplicate key
    assert await store.fetchone("SELECT 1 FROM guild_settings WHERE guild_id = 99") is None   # rolled back
    with pytest.raises(sqlite3.IntegrityError):       # older `except sqlite3.IntegrityError` still catch it
        async with store.write() as tx:
            await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (1)")


async def test_two_connections_claim_each_key_exactly_once(state_target, store):
    """Two stores on the same state (two processes): 300 racing claims of 100 keys, each key won once, and a
    read-modify-write under FOR UPDATE loses no increment."""
    other = await StateStore.open(state_target)
    try:
        async with store.write() as tx:
            await tx.execute("INSERT INTO anniversary_config (guild_id, active_since, updated_at) VALUES (1, '', '')")

        async def claim(s, key: int, who: str) -> int:
            async with s.write() as tx:
                return await tx.execute(
                    "INSERT INTO anniversary_posts (guild_id, local_date, due_at, claimed_at, claimed_by) "
                    "VALUES (?, ?, '', '', ?) ON CONFLICT (guild_id, local_date) DO NOTHING",
                    (key, "2026-05-01", who))

        async def bump(s) -> None:
            async with s.write() as tx:
                row = await tx.fetchone("SELECT revision FROM anniversary_config WHERE guild_id = 1 FOR UPDATE")
                await asyncio.sleep(0)
                await tx.execute("UPDATE anniversary_config SET revision = ? WHERE guild_id = 1", (row[0] + 1,))

        won = await asyncio.gather(*(claim(s, k, name) for k in range(100)
                                     for s, name in ((store, "a"), (other, "b"), (store, "c"))))
        assert sum(won) == 100
        rows = await other.fetchall("SELECT guild_id, count(*) FROM anniversary_posts GROUP BY guild_id")
        assert len(rows) == 100 and all(r[1] == 1 for r in rows)
        await asyncio.gather(*(bump(s) for _ in range(25) for s in (store, other)))
        assert (await store.fetchone("SELECT revision FROM anniversary_config WHERE guild_id = 1"))[0] == 51
    finally:
        await other.close()


# -- outages: a held SQLite write lock, a stopped PostgreSQL (tests/pg.py's Outage) ------------------------------

async def insert_guild(s: StateStore, gid: int) -> None:
    async with s.write() as tx:
        await tx.execute("INSERT INTO guild_settings (guild_id) VALUES (?)", (gid,))


async def test_a_write_waits_out_an_outage_shorter_than_the_bound(outage):
    assert 10 <= WRITE_RETRY <= 15                     # the documented bound (README "Reliability")
    s = await StateStore.open(outage.target)
    try:
        await insert_guild(s, 1)                       # the pool / connection is warm before the outage
        await outage.begin()
        started = time.monotonic()
        write = asyncio.create_task(insert_guild(s, 2))
        await asyncio.sleep(1.5)
        assert not write.done()                        # still retrying, not failed
        if outage.backend == "sqlite":
            # the waiting write does not block reads: its waits are on the event loop, not in SQLite's thread
            t = time.monotonic()
            assert (await s.fetchone("SELECT count(*) FROM guild_settings"))[0] == 1
            assert time.monotonic() - t < 0.5
        else:
            with pytest.raises(StoreUnavailable):      # a read does not wait: it says so at once
                await s.fetchone("SELECT count(*) FROM guild_settings")
        await outage.end()
        await asyncio.wait_for(write, WRITE_RETRY)
        assert 1.5 <= time.monotonic() - started < WRITE_RETRY
        rows = await s.fetchall("SELECT guild_id FROM guild_settings ORDER BY guild_id")
        assert [r[0] for r in rows] == [1, 2]
    finally:
        await outage.end()
        await s.close()


async def test_a_write_gives_up_after_the_bound_writes_nothing_and_works_again(outage):
    s = await StateStore.open(outage.target, write_retry=1.0)
    try:
        await insert_guild(s, 1)
        await outage.begin()
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as failed:
            await insert_guild(s, 2)
        took = time.monotonic() - started
        assert 1.0 <= took < 3.0, took
        assert is_transient(failed.value.__cause__) and not failed.value.in_doubt
        await outage.end()
        await insert_guild(s, 3)
        rows = await s.fetchall("SELECT guild_id FROM guild_settings ORDER BY guild_id")
        assert [r[0] for r in rows] == [1, 3]          # nothing of the failed write
    finally:
        await outage.end()
        await s.close()


async def test_writes_queued_behind_a_failing_one_do_not_each_wait_the_whole_bound(outage):
    s = await StateStore.open(outage.target, write_retry=1.0)
    try:
        await insert_guild(s, 1)
        await outage.begin()
        started = time.monotonic()
        results = await asyncio.gather(*(insert_guild(s, 10 + i) for i in range(5)), return_exceptions=True)
        assert all(isinstance(r, StoreUnavailable) for r in results), results
        assert time.monotonic() - started < 4.0        # not 5 x 1 s one after the other
    finally:
        await outage.end()
        await s.close()


async def test_constraint_and_sql_errors_are_not_retried(store):
    store.write_retry = 10.0
    await insert_guild(store, 1)
    started = time.monotonic()
    with pytest.raises(IntegrityError) as dup:
        await insert_guild(store, 1)
    with pytest.raises(Exception) as bad:
        async with store.write() as tx:
            await tx.execute("INSERT INTO no_such_table (x) VALUES (1)")
    assert time.monotonic() - started < 2.0
    assert not isinstance(bad.value, StoreUnavailable)
    assert not is_transient(dup.value) and not is_transient(bad.value)


@pytest.mark.postgres
async def test_a_connection_lost_during_commit_is_in_doubt():
    """PostgreSQL: the server ends the session while COMMIT runs (a deferred trigger keeps it busy), so the
    client cannot know whether it committed: StoreUnavailable says in_doubt. (Here the server rolled it back.)"""
    srv = pg.server()
    url = await srv.create_database()
    s = await StateStore.open(url, write_retry=1.0)
    import asyncpg
    admin = await asyncpg.connect(url)
    try:
        await admin.execute("CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS "
                            "$$ BEGIN PERFORM pg_sleep(5); RETURN NULL; END $$")
        await admin.execute("CREATE CONSTRAINT TRIGGER slow AFTER INSERT ON guild_settings DEFERRABLE INITIALLY "
                            "DEFERRED FOR EACH ROW EXECUTE FUNCTION slow()")

        async def kill_when_committing():
            for _ in range(200):            # the COMMIT runs the 5 s trigger: end its session as it does
                if await admin.fetchval("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                        "query = 'COMMIT;' AND state = 'active' AND pid <> pg_backend_pid()"):
                    return
                await asyncio.sleep(0.02)
            raise AssertionError("the COMMIT never ran")

        killer = asyncio.create_task(kill_when_committing())
        with pytest.raises(StoreUnavailable) as lost:
            await insert_guild(s, 7)
        await killer
        assert lost.value.in_doubt
        assert await s.fetchone("SELECT 1 FROM guild_settings WHERE guild_id = 7") is None
    finally:
        await admin.close()
        await s.close()
        await srv.drop_database(url)


# -- SQLite specifics -----------------------------------------------------------------------------------------

async def test_a_state_file_made_before_the_backend_split_opens_as_it_is(tmp_path):
    """Files migrated by the old bot/state/migrations/NNN_*.sql (now sqlite/NNN_*.sql, unchanged) keep their
    PRAGMA user_version: nothing is applied twice, data stays; an older file gets the missing migrations."""
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for number, file in migration_files("sqlite")[:2]:
        conn.executescript(file.read_text())
        conn.execute(f"PRAGMA user_version = {number}")
    conn.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (5, 'Europe/Oslo')")
    conn.commit()
    conn.close()
    s = await StateStore.open(path)
    assert await s.schema_version() == max(n for n, _ in migration_files("sqlite"))
    assert (await s.fetchone("SELECT timezone FROM guild_settings WHERE guild_id = 5"))[0] == "Europe/Oslo"
    assert await s.fetchall("SELECT * FROM anniversary_config") == []
    await s.close()
    again = await StateStore.open(path)
    assert (await again.fetchone("SELECT count(*) FROM guild_settings"))[0] == 1
    await again.close()


def test_the_target_is_chosen_by_database_url(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("BELL_LAP_STATE", str(tmp_path / "s.sqlite3"))
    assert target_for() == tmp_path / "s.sqlite3"
    assert target_for("", tmp_path / "x.sqlite3") == tmp_path / "x.sqlite3"
    assert target_for("postgresql://bell@db:5432/bell") == "postgresql://bell@db:5432/bell"
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/d")
    assert target_for() == "postgres://u@h/d"
    with pytest.raises(ValueError):
        target_for("mysql://nope")


# -- placeholders -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sql, want", [
    ("SELECT ?", "SELECT $1"),
    ("INSERT INTO t (a, b, c) VALUES (?,?,?)", "INSERT INTO t (a, b, c) VALUES ($1,$2,$3)"),
    ("SELECT '?' , ?", "SELECT '?' , $1"),
    ("SELECT 'it''s ?', ? FROM t WHERE x = ?", "SELECT 'it''s ?', $1 FROM t WHERE x = $2"),
    ('SELECT "odd?name" FROM t WHERE a = ?', 'SELECT "odd?name" FROM t WHERE a = $1'),
    ("SELECT E'a\\'?' , ?", "SELECT E'a\\'?' , $1"),
    ("SELECT 1 -- why?\n, ?", "SELECT 1 -- why?\n, $1"),
    ("SELECT /* a ? b */ ?", "SELECT /* a ? b */ $1"),
    ("SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1"),
    ("SELECT $x$ '?' $x$, ?", "SELECT $x$ '?' $x$, $1"),
    ("UPDATE t SET a = a + ? WHERE b IS NOT DISTINCT FROM ?", "UPDATE t SET a = a + $1 WHERE b IS NOT DISTINCT FROM $2"),
    ("SELECT 'unterminated ?", "SELECT 'unterminated ?"),
])
def test_placeholders_are_translated_outside_literals_only(sql, want):
    assert to_dollar(sql) == want


# -- the two migration sets ---------------------------------------------------------------------------------

def sqlite_schema(path) -> dict:
    conn = sqlite3.connect(path)
    out = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        pk = tuple(r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5]))
        columns = {r[1]: bool(r[3]) or r[1] in pk for r in info}
        uniques = {(pk, False)} if pk else set()
        for _, name, unique, origin, partial in conn.execute(f"PRAGMA index_list({table})"):
            if unique and origin != "pk":
                cols = tuple(r[2] for r in conn.execute(f"PRAGMA index_info({name})"))
                uniques.add((cols, bool(partial)))
        out[table] = (columns, uniques)
    conn.close()
    return out


async def postgres_schema(url: str) -> dict:
    import asyncpg
    conn = await asyncpg.connect(url)
    try:
        out: dict = {}
        for r in await conn.fetch("SELECT table_name, column_name, is_nullable FROM information_schema.columns "
                                  "WHERE table_schema = 'public' AND table_name <> 'bell_lap_schema'"):
            out.setdefault(r[0], ({}, set()))[0][r[1]] = r[2] == "NO"
        for r in await conn.fetch(
                "SELECT t.relname, i.indpred IS NOT NULL, "
                "ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o) "
                "      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o) "
                "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace "
                "WHERE i.indisunique AND ns.nspname = 'public' AND t.relname <> 'bell_lap_schema'"):
            out[r[0]][1].add((tuple(r[2]), r[1]))
        return out
    finally:
        await conn.close()


def test_both_backends_have_the_same_migration_numbers():
    sqlite_numbers = [n for n, _ in migration_files("sqlite")]
    assert sqlite_numbers == [n for n, _ in migration_files("postgres")]
    assert sqlite_numbers == list(range(1, len(sqlite_numbers) + 1))


@pytest.mark.postgres
async def test_both_backends_have_the_same_tables_columns_and_unique_constraints(tmp_path):
    lite = await StateStore.open(tmp_path / "state.sqlite3")
    await lite.close()
    srv = pg.server()                 # skipped without PostgreSQL, failed when it is required
    url = await srv.create_database()
    try:
        theirs = await postgres_schema(url)
    finally:
        await srv.drop_database(url)
    ours = sqlite_schema(tmp_path / "state.sqlite3")
    assert sorted(ours) == sorted(theirs)
    for table in ours:
        assert ours[table][0] == theirs[table][0], f"{table}: columns or NOT NULL differ"
        assert ours[table][1] == theirs[table][1], f"{table}: unique constraints differ"
