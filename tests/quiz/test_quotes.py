"""The quote pool: reference quotes, user quotes with who added them and a source, search, random, and
article ingest that finds quotes for confirmation before anything is saved."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from bot.common.clock import ManualClock
from bot.quiz.quote_pool import QuoteError, QuotePool

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed-article.txt"
T0 = dt.datetime(2026, 5, 3, 9, 30, tzinfo=dt.UTC)


@pytest.fixture()
async def pool(store, db_path):
    p = QuotePool.open(store, ManualClock(T0), db_path)
    yield p
    p.ref.close()


async def test_reference_quotes_have_sources(pool):
    refs = pool.reference_quotes()
    assert refs and all(q.source and q.speaker and q.id.startswith("ref:") for q in refs)


async def test_add_search_random(pool):
    q = await pool.add(1, "  We   go again. ", "Josh Kerr", "https://example.org/interview", added_by=77)
    assert q.text == "We go again." and q.speaker_id is not None and q.added_by == 77
    with pytest.raises(QuoteError):
        await pool.add(1, "we go AGAIN", "Josh Kerr", "elsewhere", added_by=78)     # same quote
    with pytest.raises(QuoteError, match="source"):
        await pool.add(1, "Another one", "Josh Kerr", " ", added_by=77)
    with pytest.raises(QuoteError, match="speaker"):
        await pool.add(1, "Another one", "", "x", added_by=77)
    await pool.add(2, "We go again.", "Josh Kerr", "x", added_by=5)     # another server has its own pool
    assert [x.text for x in await pool.search(1, "go again")] == ["We go again."]
    assert await pool.search(1, "kerr again")
    assert not await pool.search(1, "nonexistent words")
    assert (await pool.search(1, "ingebrigtsen"))                        # reference quotes are searched too
    got = await pool.random(1, random.Random(1), speaker="kerr")
    assert got is not None and "Kerr" in got.speaker
    row = await pool.store.fetchone("SELECT added_by, source, added_at FROM user_quotes WHERE guild_id = 1")
    assert tuple(row) == (77, "https://example.org/interview", "2026-05-03T09:30:00Z")   # the pool's clock


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed-article.txt is not present")
async def test_ingest_the_seed_article(pool):
    found = pool.ingest(SEED.read_text(encoding="utf-8"))
    assert found
    jakob = [c for c in found if c.speaker == "Jakob Ingebrigtsen"]
    assert any(c.text.startswith("I think nobody is confident") for c in jakob)
    assert all(c.speaker_id is not None for c in jakob)
    assert (await pool.store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 0   # nothing saved yet
    saved = await pool.save(3, jakob, "shared/seed-article.txt", added_by=9)
    assert len(saved) == len(jakob) - sum(
        1 for c in jakob if c.text in {q.text for q in pool.reference_quotes()})
    again = await pool.save(3, jakob, "shared/seed-article.txt", added_by=9)
    assert again == []                                              # duplicates are skipped


def test_ingest_handles_nothing(store):
    assert QuotePool(store, ManualClock(T0)).ingest("") == []
    assert QuotePool(store, ManualClock(T0)).ingest("No quotes here at all.") == []


@pytest.mark.postgres
async def test_confirmed_quotes_are_saved_all_or_none():
    """PostgreSQL ends the writer's session (a real connection loss) as the second of three confirmed quotes is
    inserted: nothing is saved, the caller hears StoreUnavailable, and the same save works once it is over."""
    from bot.quiz.quote_pool import Candidate
    from bot.state.store import StateStore, StoreUnavailable
    from tests import pg
    srv = pg.server()
    url = await srv.create_database()
    store = await StateStore.open(url, write_retry=1.0)
    try:
        async with store.write() as tx:
            await tx.execute("CREATE TABLE cut (armed BOOLEAN NOT NULL)")
            await tx.execute("INSERT INTO cut VALUES (true)")
            await tx.execute("CREATE FUNCTION cut() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                             "IF (SELECT armed FROM cut) AND (SELECT count(*) FROM user_quotes) >= 2 THEN "
                             "PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NULL; END $$")
            await tx.execute("CREATE TRIGGER cut AFTER INSERT ON user_quotes FOR EACH ROW EXECUTE FUNCTION cut()")
        pool = QuotePool(store, ManualClock(T0))
        found = [Candidate(f"Quote number {i}.", "Josh Kerr", None, "", "high") for i in range(3)]
        with pytest.raises(StoreUnavailable):
            await pool.save(1, found, "https://example.org/a", added_by=9)
        assert (await store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 0
        async with store.write() as tx:
            await tx.execute("UPDATE cut SET armed = false")
        assert len(await pool.save(1, found, "https://example.org/a", added_by=9)) == 3
    finally:
        await store.close()
        await srv.drop_database(url)
