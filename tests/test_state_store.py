"""The mutable-state store, on both backends (SQLite and PostgreSQL): migrations applied once, writes atomic,
row counts that claims can trust, constraint errors as IntegrityError, `?` placeholders translated only where
they are placeholders, and the two migration sets describing the same schema."""
from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.state.store import IntegrityError, StateStore, migration_files, to_dollar
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
