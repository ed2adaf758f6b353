"""The scheduler loop with an injected clock: exactly one post per server per local day, DST, restarts,
shards, downtime, missing channels, and a loop that survives anything post() does."""
from __future__ import annotations

import asyncio
import datetime as dt
import random
import zoneinfo

import pytest

from bot.anniversaries import config as cf
from bot.anniversaries.scheduler import ChannelMissing, Forbidden, Scheduler, due_at, plan_for
from bot.common.clock import SettlingClock
from bot.state.store import StateStore

from .conftest import Recorder, add_guild, one_story, poke, start, stop

UTC = dt.UTC
Z = zoneinfo.ZoneInfo


def utc(*a) -> dt.datetime:
    return dt.datetime(*a, tzinfo=UTC)


def local_dates(rec: Recorder, gid: int, tz: str, per: dict | None = None) -> list[dt.date]:
    per = per if per is not None else rec.by_guild()
    return [w.astimezone(Z(tz)).date() for w in per.get(gid, [])]


# -- due times across DST ---------------------------------------------------------------------------------

@pytest.mark.parametrize("tz, day, at, expected", [
    # spring forward: the wall time does not exist -> the first valid instant (the end of the gap)
    ("Europe/London", dt.date(2026, 3, 29), dt.time(1, 30), utc(2026, 3, 29, 1, 0)),      # 02:00 BST
    ("America/New_York", dt.date(2026, 3, 8), dt.time(2, 30), utc(2026, 3, 8, 7, 0)),     # 03:00 EDT
    ("Australia/Sydney", dt.date(2026, 10, 4), dt.time(2, 30), utc(2026, 10, 3, 16, 0)),  # 03:00 AEDT
    # fall back: the wall time happens twice -> the first
    ("Europe/London", dt.date(2026, 10, 25), dt.time(1, 30), utc(2026, 10, 25, 0, 30)),   # 01:30 BST
    ("America/New_York", dt.date(2026, 11, 1), dt.time(1, 30), utc(2026, 11, 1, 5, 30)),  # 01:30 EDT
    ("Australia/Sydney", dt.date(2026, 4, 5), dt.time(2, 30), utc(2026, 4, 4, 15, 30)),   # 02:30 AEDT
    # ordinary days on either side
    ("Europe/London", dt.date(2026, 3, 28), dt.time(9, 0), utc(2026, 3, 28, 9, 0)),
    ("Europe/London", dt.date(2026, 3, 30), dt.time(9, 0), utc(2026, 3, 30, 8, 0)),
    ("Australia/Lord_Howe", dt.date(2026, 10, 4), dt.time(2, 15), utc(2026, 10, 3, 15, 30)),  # 30-min DST
])
def test_due_at_handles_dst(tz, day, at, expected):
    assert due_at(day, at, Z(tz)) == expected


def test_plan_catches_up_within_grace_and_not_before_settings():
    cfg = cf.AnniversaryConfig(1, channel_id=5, time=dt.time(9, 0), timezone="Europe/London", enabled=True,
                               active_since=utc(2026, 1, 1))
    grace = dt.timedelta(hours=3)
    # 2 hours late on the day: catch up now
    p = plan_for(cfg, utc(2026, 2, 10, 11, 0), grace)
    assert p.local_date == dt.date(2026, 2, 10) and p.due == utc(2026, 2, 10, 9, 0)
    # 4 hours late: missed, tomorrow
    assert plan_for(cfg, utc(2026, 2, 10, 13, 0), grace).local_date == dt.date(2026, 2, 11)
    # already posted today: tomorrow
    assert plan_for(cfg, utc(2026, 2, 10, 8, 0), grace, {dt.date(2026, 2, 10)}).local_date == dt.date(2026, 2, 11)
    # switched on at 10:00 with a 09:00 time: not a catch-up, tomorrow
    late = cf.AnniversaryConfig(1, channel_id=5, time=dt.time(9, 0), timezone="Europe/London", enabled=True,
                                active_since=utc(2026, 2, 10, 10, 0))
    assert plan_for(late, utc(2026, 2, 10, 10, 0), grace).local_date == dt.date(2026, 2, 11)


# -- the loop ---------------------------------------------------------------------------------------------

async def test_one_post_per_local_day_across_dst(store):
    """Servers at 01:30/02:30 (in the DST gap or overlap) in three zones, through spring-forward and fall-back
    weeks: one post each local day, at the expected instant."""
    zones = {1: ("Europe/London", "01:30"), 2: ("America/New_York", "02:30"), 3: ("Australia/Sydney", "02:30"),
             4: ("Europe/London", "09:00"), 5: ("America/New_York", "01:30"), 6: ("Australia/Sydney", "23:59")}
    for gid, (tz, at) in zones.items():
        await add_guild(store, gid, tz=tz, at=at)
    for start_at, days in ((utc(2026, 3, 5), 27), (utc(2026, 10, 1), 34)):   # both DST seasons, all 3 zones
        clock = SettlingClock(start_at)
        rec = Recorder(clock)
        sched = Scheduler(store, clock, rec, one_story, name=f"s{start_at.month}", refresh=dt.timedelta(hours=12))
        task = await start(sched, clock)
        await clock.run_until(start_at + dt.timedelta(days=days))
        await stop(task)
        for gid, (tz, at) in zones.items():
            dates = local_dates(rec, gid, tz)
            assert len(dates) == len(set(dates)), f"guild {gid} posted twice on a day"
            first = (start_at.astimezone(Z(tz)) + dt.timedelta(days=1)).date()
            last = (start_at + dt.timedelta(days=days - 1)).astimezone(Z(tz)).date()
            want = {first + dt.timedelta(days=i) for i in range((last - first).days + 1)}
            assert want <= set(dates), f"guild {gid} missed {sorted(want - set(dates))}"
            hh, mm = map(int, at.split(":"))
            for when in rec.by_guild()[gid]:
                assert when == due_at(when.astimezone(Z(tz)).date(), dt.time(hh, mm), Z(tz))
    # the gap and the overlap, explicitly
    posts = {(gid, w.astimezone(Z(zones[gid][0])).date()): w for gid, _, w, _ in rec.calls}
    assert posts[(1, dt.date(2026, 10, 25))] == utc(2026, 10, 25, 0, 30)      # first 01:30 of the two
    assert posts[(3, dt.date(2026, 10, 4))] == utc(2026, 10, 3, 16, 0)        # 02:30 does not exist -> 03:00
    assert posts[(5, dt.date(2026, 11, 1))] == utc(2026, 11, 1, 5, 30)


async def test_restart_in_the_middle_of_a_day_does_not_post_again(store, state_target):
    await add_guild(store, 1, tz="Europe/London", at="09:00")
    await add_guild(store, 2, tz="Europe/London", at="18:00")
    clock = SettlingClock(utc(2026, 6, 1, 6, 0))
    rec = Recorder(clock)
    first = Scheduler(store, clock, rec, one_story, name="bot")
    task = await start(first, clock)
    await clock.run_until(utc(2026, 6, 1, 12, 0))              # guild 1 posted at 09:00 BST (08:00 UTC)
    await stop(task)
    assert [c[0] for c in rec.calls] == [1]
    # the process restarts at 12:00: a new scheduler on a reopened store
    again = await StateStore.open(state_target)
    second = Scheduler(again, clock, rec, one_story, name="bot")
    task = await start(second, clock)
    await clock.run_until(utc(2026, 6, 2, 12, 0))
    await stop(task)
    await again.close()
    assert sorted((c[0], c[2]) for c in rec.calls) == [
        (1, utc(2026, 6, 1, 8, 0)), (1, utc(2026, 6, 2, 8, 0)), (2, utc(2026, 6, 1, 17, 0))]


async def test_thousand_servers_in_many_timezones(store):
    rnd = random.Random(6)
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "posix/",
                                                                                              "right/")))
    chosen = {}
    async with store.write() as db:       # 1,000 servers in one transaction (cf.update per server is slower)
        for gid in range(1, 1001):
            tz = rnd.choice(zones)
            at = f"{rnd.randrange(24):02d}:{rnd.choice([0, 15, 30, 45]):02d}"
            chosen[gid] = tz
            await db.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (?, ?)", (gid, tz))
            await db.execute("INSERT INTO anniversary_config (guild_id, channel_id, post_time, enabled, "
                             "active_since, updated_at) VALUES (?, ?, ?, 1, '2000-01-01T00:00:00+00:00', '')",
                             (gid, gid * 10, at))
    clock = SettlingClock(utc(2026, 3, 27))          # through Europe's spring-forward weekend
    rec = Recorder(clock)
    sched = Scheduler(store, clock, rec, one_story, refresh=dt.timedelta(hours=6))
    task = await start(sched, clock)
    await clock.run_until(utc(2026, 3, 31))
    await stop(task)
    per = rec.by_guild()
    assert len(per) == 1000
    for gid, tz in chosen.items():
        dates = local_dates(rec, gid, tz, per)
        assert len(dates) == len(set(dates)), gid
        # every local day wholly inside the window got its post
        first = (utc(2026, 3, 27).astimezone(Z(tz)) + dt.timedelta(days=1)).date()
        want = {first + dt.timedelta(days=i) for i in range(3)}
        assert want <= set(dates), (gid, tz, sorted(dates))
    rows = await store.fetchall("SELECT status, COUNT(*) FROM anniversary_posts GROUP BY status")
    assert dict((r[0], r[1]) for r in rows) == {"done": len(rec.calls)}


async def test_two_shards_on_one_state_file_post_once_each(store, state_target):
    """Two schedulers, each with its own connection to the same state (two processes or shards that both
    think they own the servers; on PostgreSQL two pools racing for the same rows): the ledger claim lets
    exactly one post each server-day."""
    tzs = {gid: ["Europe/London", "Asia/Tokyo", "America/Chicago"][gid % 3] for gid in range(1, 41)}
    for gid, tz in tzs.items():
        await add_guild(store, gid, tz=tz, at=["08:00", "08:00", "12:30", "21:45"][gid % 4])
    other = await StateStore.open(state_target)
    clock = SettlingClock(utc(2026, 4, 30, 1), loops=2)     # nothing due (or to catch up) at the start
    rec = Recorder(clock)
    # no reloads during the run: neither learns from the ledger in advance, both race for every post
    kw = dict(refresh=dt.timedelta(days=10), grace=dt.timedelta(hours=1))
    a = Scheduler(store, clock, rec, one_story, name="shard-0", **kw)
    b = Scheduler(other, clock, rec, one_story, name="shard-1", **kw)
    tasks = [asyncio.create_task(a.run()), asyncio.create_task(b.run())]
    await clock.settle()
    await clock.run_until(utc(2026, 5, 4))
    await stop(*tasks)
    await other.close()
    days = [(gid, w.astimezone(Z(tzs[gid])).date()) for gid, _, w, _ in rec.calls]
    assert len(days) == len(set(days)) and len(days) >= 40 * 2
    assert len(rec.by_guild()) == 40
    assert a.stats["posted"] + b.stats["posted"] == len(rec.calls)
    assert a.stats["lost_claims"] + b.stats["lost_claims"] == len(rec.calls)   # the other one tried each time
    owners = await store.fetchall("SELECT claimed_by, COUNT(*) FROM anniversary_posts GROUP BY claimed_by")
    assert sum(r[1] for r in owners) == len(rec.calls)


async def test_missing_channel_or_permission_skips_and_tells_the_admins(store):
    await add_guild(store, 1, at="09:00", channel=111)
    await add_guild(store, 2, at="09:00", channel=222)
    await add_guild(store, 3, at="09:00", channel=333)
    clock = SettlingClock(utc(2026, 5, 1))
    rec = Recorder(clock)
    rec.raise_for = {1: ChannelMissing("404 Unknown Channel"), 2: Forbidden("403 Missing Permissions")}
    sched = Scheduler(store, clock, rec, one_story)
    task = await start(sched, clock)
    await clock.run_until(utc(2026, 5, 3))          # two days: the problem is counted, not duplicated
    await stop(task)
    assert [c[0] for c in rec.calls] == [3, 3]
    statuses = await store.fetchall("SELECT guild_id, status, detail FROM anniversary_posts ORDER BY guild_id, "
                                    "local_date")
    assert [(r[0], r[1]) for r in statuses] == [(1, "failed"), (1, "failed"), (2, "failed"), (2, "failed"),
                                                (3, "done"), (3, "done")]
    p1 = await cf.take_problems(store, 1, now=utc(2026, 5, 3))
    assert [(p.kind, p.channel_id, p.count) for p in p1] == [("channel_missing", 111, 2)]
    assert "<#111>" in p1[0].message() and "2 times" in p1[0].message()
    p2 = await cf.pending_problems(store, 2)
    assert [(p.kind, p.count) for p in p2] == [("forbidden", 2)]
    assert await cf.take_problems(store, 1, now=utc(2026, 5, 3)) == []            # told once
    assert await cf.pending_problems(store, 3) == []
    # choosing a new channel closes the old problems
    await cf.set_channel(store, 2, 999, now=utc(2026, 5, 3))
    assert await cf.pending_problems(store, 2) == []


async def test_loop_survives_a_post_that_raises(store):
    await add_guild(store, 1, at="09:00")
    await add_guild(store, 2, at="09:00")
    clock = SettlingClock(utc(2026, 5, 1))
    rec = Recorder(clock)
    rec.raise_for = {1: RuntimeError("discord 503")}
    calls = {"n": 0}

    async def flaky_stories(cfg, day):
        calls["n"] += 1
        if day == dt.date(2026, 5, 2):
            raise sqlite3_error()
        return await one_story(cfg, day)

    sched = Scheduler(store, clock, rec, flaky_stories)
    task = await start(sched, clock)
    await clock.run_until(utc(2026, 5, 4))
    assert not task.done()
    rec.raise_for = {}
    await clock.run_until(utc(2026, 5, 5))
    await stop(task)
    got = sorted((c[0], c[2].date()) for c in rec.calls)
    assert got == [(1, dt.date(2026, 5, 4)), (2, dt.date(2026, 5, 1)), (2, dt.date(2026, 5, 3)),
                   (2, dt.date(2026, 5, 4))]
    rows = dict(((r[0], r[1]), r[2]) for r in await store.fetchall(
        "SELECT guild_id, local_date, status FROM anniversary_posts"))
    assert rows[(1, "2026-05-01")] == "failed" and rows[(2, "2026-05-02")] == "failed"


def sqlite3_error():
    import sqlite3
    return sqlite3.OperationalError("disk I/O error")


async def test_a_failing_step_is_retried(store, monkeypatch):
    """Even the scheduler's own database work failing (a locked or broken state file) does not end the loop."""
    await add_guild(store, 1, at="09:00")
    clock = SettlingClock(utc(2026, 5, 1))
    rec = Recorder(clock)
    sched = Scheduler(store, clock, rec, one_story, retry_delay=60)
    real = sched._reload
    failures = {"left": 3}

    async def broken(now):
        if failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("database is locked")
        await real(now)

    monkeypatch.setattr(sched, "_reload", broken)
    task = await start(sched, clock)
    await clock.run_until(utc(2026, 5, 1, 12))
    await stop(task)
    assert sched.stats["step_errors"] == 3
    assert [c[2] for c in rec.calls] == [utc(2026, 5, 1, 9)]


async def test_downtime_catch_up_within_grace_only(store, tmp_path):
    await add_guild(store, 1, tz="Europe/Paris", at="09:00")      # 07:00 UTC in May
    await add_guild(store, 2, tz="Asia/Tokyo", at="09:00")        # 00:00 UTC
    await add_guild(store, 3, tz="America/Los_Angeles", at="23:30")   # 06:30 UTC the next day
    clock = SettlingClock(utc(2026, 5, 1, 10, 0))   # the bot was down overnight; back at 10:00 UTC
    rec = Recorder(clock)
    sched = Scheduler(store, clock, rec, one_story, grace=dt.timedelta(hours=4))
    task = await start(sched, clock)
    await clock.advance(1)
    # Paris (3 h late, day not over): caught up now. Tokyo (10 h late): missed. LA: 30 Apr 23:30 was 3.5 h
    # ago but LA's 30 April is over (it is 1 May 03:00 there): not caught up.
    assert [(c[0], c[2]) for c in rec.calls] == [(1, utc(2026, 5, 1, 10, 0))]
    await clock.run_until(utc(2026, 5, 2, 8, 0))
    await stop(task)
    assert sorted((c[0], c[2]) for c in rec.calls) == [
        (1, utc(2026, 5, 1, 10, 0)), (1, utc(2026, 5, 2, 7, 0)), (2, utc(2026, 5, 2, 0, 0)),
        (3, utc(2026, 5, 2, 6, 30))]


async def test_crash_between_claim_and_post_is_a_missed_post_not_a_duplicate(store):
    await add_guild(store, 1, at="09:00")
    # a previous run of this process claimed today and died before posting
    async with store.write() as db:
        await db.execute("INSERT INTO anniversary_posts (guild_id, local_date, due_at, claimed_at, claimed_by) "
                         "VALUES (1, '2026-05-01', '2026-05-01T09:00:00+00:00', '2026-05-01T09:00:00+00:00', 'bot')")
    clock = SettlingClock(utc(2026, 5, 1, 9, 5))
    rec = Recorder(clock)
    sched = Scheduler(store, clock, rec, one_story, name="bot")
    task = await start(sched, clock)
    await clock.run_until(utc(2026, 5, 2, 10))
    await stop(task)
    assert [c[2] for c in rec.calls] == [utc(2026, 5, 2, 9)]
    row = await store.fetchone("SELECT status, detail FROM anniversary_posts WHERE local_date = '2026-05-01'")
    assert tuple(row) == ("failed", "interrupted between claim and post")


async def test_settings_changes_take_effect(store):
    await add_guild(store, 1, tz="UTC", at="09:00")
    clock = SettlingClock(utc(2026, 5, 1, 8, 0))
    rec = Recorder(clock)
    sched = Scheduler(store, clock, rec, one_story, refresh=dt.timedelta(days=1))
    task = await start(sched, clock)
    assert sched.next_due(1) == utc(2026, 5, 1, 9)
    # at 08:30 the admin moves the time to 12:00 and the timezone to Berlin (UTC+2): today, 10:00 UTC
    await clock.advance(1800)
    await cf.update(store, 1, now=clock.now(), time="12:00", timezone="Europe/Berlin")
    await poke(sched, clock)
    assert sched.next_due(1) == utc(2026, 5, 1, 10)
    await clock.advance(3 * 3600)
    assert [c[2] for c in rec.calls] == [utc(2026, 5, 1, 10)]
    # switched off: nothing more
    await cf.set_enabled(store, 1, False, now=clock.now())
    await poke(sched, clock)
    await clock.run_until(utc(2026, 5, 3))
    await stop(task)
    assert len(rec.calls) == 1 and sched.next_due(1) is None


async def test_time_changed_after_planning_is_honoured_even_without_poke(store):
    """Another process changes the settings: the claim re-reads them and replans instead of posting."""
    await add_guild(store, 1, tz="UTC", at="09:00")
    clock = SettlingClock(utc(2026, 5, 1, 8, 0))
    rec = Recorder(clock)
    sched = Scheduler(store, clock, rec, one_story, refresh=dt.timedelta(days=1))
    task = await start(sched, clock)
    await cf.update(store, 1, now=clock.now(), time="10:00")      # no poke
    await clock.run_until(utc(2026, 5, 1, 12))
    await stop(task)
    assert [c[2] for c in rec.calls] == [utc(2026, 5, 1, 10)]


async def test_a_bad_timezone_written_elsewhere_is_a_problem_not_a_crash(store):
    await add_guild(store, 1, at="09:00")
    await add_guild(store, 2, at="09:00")
    async with store.write() as db:      # another feature wrote something zoneinfo cannot read
        await db.execute("UPDATE guild_settings SET timezone = 'Mars/Olympus_Mons' WHERE guild_id = 1")
    clock = SettlingClock(utc(2026, 5, 1, 8))
    rec = Recorder(clock)
    sched = Scheduler(store, clock, rec, one_story, refresh=dt.timedelta(hours=1))
    task = await start(sched, clock)
    await clock.run_until(utc(2026, 5, 2, 12))
    await stop(task)
    assert [c[0] for c in rec.calls] == [2, 2]
    [p] = await cf.pending_problems(store, 1)
    assert p.kind == "bad_timezone" and p.count == 1 and "Mars/Olympus_Mons" in p.detail


async def test_with_the_real_reference_database(store, db_path):
    """End to end without Discord: the default story provider picks El Guerrouj's mile on 7 July."""
    from bot.anniversaries.scheduler import reference_stories
    from bot.anniversaries.story import render
    await add_guild(store, 1, tz="Europe/Rome", at="08:00")
    await add_guild(store, 2, tz="Europe/London", at="08:00", countries="GBR", max_posts=2)
    clock = SettlingClock(utc(2026, 7, 7, 5))
    posted = {}

    async def post(gid, channel, stories):
        posted[gid] = [render(s) for s in stories]

    sched = Scheduler(store, clock, post, reference_stories(db_path))
    task = await start(sched, clock)
    await clock.run_until(utc(2026, 7, 7, 8))
    await stop(task)
    assert posted[1][0].lines[0].startswith("On this day in 1999, Hicham El Guerrouj ran 3:43.13")
    assert len(posted[2]) == 2
    keys = (await store.fetchone("SELECT story_keys FROM anniversary_posts WHERE guild_id = 1"))[0]
    assert keys.startswith("world_record:mile:M:0:1999-07-07:")


async def test_each_process_plans_only_the_servers_on_its_shards(store):
    from bot.state import sharding
    gids = [(i << 22) | 5 for i in range(1, 9)]            # shards 1, 0, 1, 0, ... of 2
    for gid in gids:
        await add_guild(store, gid, at="09:00")
    clock = SettlingClock(utc(2026, 5, 1, 8), loops=2)
    rec = Recorder(clock)
    a = Scheduler(store, clock, rec, one_story, name="shards=0", owns=sharding.owner([0], 2))
    b = Scheduler(store, clock, rec, one_story, name="shards=1", owns=sharding.owner([1], 2))
    tasks = [asyncio.create_task(a.run()), asyncio.create_task(b.run())]
    await clock.settle()
    await clock.run_until(utc(2026, 5, 2, 10))
    await stop(*tasks)
    assert sorted(c[0] for c in rec.calls) == sorted(gids * 2)          # each server once a day
    assert a.stats["lost_claims"] == b.stats["lost_claims"] == 0        # nobody raced: each planned its own
    owners = {(r[0], r[1]) for r in await store.fetchall("SELECT guild_id, claimed_by FROM anniversary_posts")}
    assert owners == {(g, f"shards={sharding.shard_for(g, 2)}") for g in gids}
