"""The scheduler when the state database goes away for real (tests/pg.py's `outage`: a held SQLite write lock,
a stopped PostgreSQL server), on both backends: a claim that fails is made again within the grace and posts
once; an outcome that cannot be written is written later, never by posting again; the loop lives on."""
from __future__ import annotations

import datetime as dt

from bot.anniversaries.scheduler import Scheduler
from bot.common.clock import SettlingClock
from bot.state.store import StateStore

from .conftest import Recorder, add_guild, one_story, start, stop

UTC = dt.UTC
RETRY = 1.0          # the store's write bound in these tests (the real one is 12 s: tests/test_state_store.py)
KEY = "world_record:mile:M:0:1999-07-07:1"     # the one story of one_story()


def utc(*a) -> dt.datetime:
    return dt.datetime(*a, tzinfo=UTC)


async def ledger(store) -> dict:
    return {(r[0], r[1]): (r[2], r[3]) for r in await store.fetchall(
        "SELECT guild_id, local_date, status, story_keys FROM anniversary_posts")}


async def test_a_claim_the_database_refuses_is_made_again_within_the_grace(outage):
    store = await StateStore.open(outage.target, write_retry=RETRY)
    try:
        await add_guild(store, 1, at="09:00")
        clock = SettlingClock(utc(2026, 5, 1, 8, 0))
        rec = Recorder(clock)
        # no settings re-read at 09:00 (it would fail first on PostgreSQL): the claim is what meets the outage
        sched = Scheduler(store, clock, rec, one_story, retry_delay=60, refresh=dt.timedelta(hours=12))
        task = await start(sched, clock)
        await clock.run_until(utc(2026, 5, 1, 8, 59))
        await outage.begin()
        await clock.run_until(utc(2026, 5, 1, 9, 0, 30))   # due at 09:00: the claim gives up after RETRY
        assert rec.calls == [] and sched.stats["step_errors"] >= 1 and not task.done()
        await outage.end()
        await clock.run_until(utc(2026, 5, 2, 12, 0))
        await stop(task)
        # claimed again a retry_delay later, posted once; and the next day as usual
        assert [c[2] for c in rec.calls] == [utc(2026, 5, 1, 9, 1), utc(2026, 5, 2, 9, 0)]
        assert await ledger(store) == {(1, "2026-05-01"): ("done", KEY), (1, "2026-05-02"): ("done", KEY)}
    finally:
        await outage.end()
        await store.close()


async def test_an_outcome_the_database_refuses_after_the_post_is_written_later_and_not_posted_again(outage):
    store = await StateStore.open(outage.target, write_retry=RETRY)
    try:
        await add_guild(store, 1, at="09:00")
        clock = SettlingClock(utc(2026, 5, 1, 8, 0))
        rec = Recorder(clock)

        async def post_then_lose_the_database(guild_id, channel_id, stories):
            await rec(guild_id, channel_id, stories)
            if len(rec.calls) == 1:
                await outage.begin()        # posted: the database goes before the ledger says 'done'

        sched = Scheduler(store, clock, post_then_lose_the_database, one_story, retry_delay=60)
        task = await start(sched, clock)
        await clock.run_until(utc(2026, 5, 1, 9, 0, 30))
        assert len(rec.calls) == 1 and not task.done()
        await outage.end()
        assert await ledger(store) == {(1, "2026-05-01"): ("claimed", "")}   # nothing posts a claimed day again
        await clock.run_until(utc(2026, 5, 1, 9, 2))
        assert await ledger(store) == {(1, "2026-05-01"): ("done", KEY)}
        await clock.run_until(utc(2026, 5, 2, 12, 0))
        await stop(task)
        assert [c[2] for c in rec.calls] == [utc(2026, 5, 1, 9, 0), utc(2026, 5, 2, 9, 0)]
    finally:
        await outage.end()
        await store.close()
