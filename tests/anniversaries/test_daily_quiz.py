"""The anniversary post's opt-in to announce the day's quiz challenge (/quiz daily): a per-server setting like
the others, handed to the post callback as the server's local date, and on a day with no story the challenge
is announced alone. Each test on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

from bot.anniversaries import config as cf
from bot.anniversaries.scheduler import Scheduler
from bot.common.clock import SettlingClock

from .conftest import add_guild, one_story, start, stop

UTC = dt.UTC


class QuizRecorder:
    """A post callback that notes the stories and the quiz day it was given."""

    def __init__(self):
        self.calls: list[tuple[int, list[str], dt.date | None]] = []

    async def __call__(self, guild_id: int, channel_id: int, stories, quiz_day: dt.date | None = None) -> None:
        self.calls.append((guild_id, [s.key for s in stories], quiz_day))


async def no_stories(cfg, day):
    return []


async def test_the_setting_is_off_by_default_and_kept_like_the_others(store):
    now = dt.datetime(2026, 7, 7, tzinfo=UTC)
    assert (await cf.get_config(store, 1)).daily_quiz is False
    cfg = await cf.update(store, 1, now=now, channel_id=10, daily_quiz=True)
    assert cfg.daily_quiz and cfg.revision == 2 and not cfg.enabled
    cfg = await cf.set_enabled(store, 1, True, now=now)
    assert cfg.daily_quiz                                       # other changes leave it as it is
    assert (await cf.enabled_configs(store))[0].daily_quiz
    assert not (await cf.set_daily_quiz(store, 1, False, now=now)).daily_quiz


async def test_servers_that_opted_in_get_the_challenge_with_their_post_on_their_local_day(store):
    # 23:30 in New York on the 6th is 03:30 UTC on the 7th: its post carries the 6th's challenge
    await add_guild(store, 1, tz="Europe/London", at="09:00", daily_quiz=True)
    await add_guild(store, 2, tz="America/New_York", at="23:30", daily_quiz=True)
    await add_guild(store, 3, tz="Europe/London", at="09:00")                      # not opted in
    clock = SettlingClock(dt.datetime(2026, 7, 6, 20, tzinfo=UTC))
    rec = QuizRecorder()
    task = await start(Scheduler(store, clock, rec, one_story), clock)
    await clock.run_until(dt.datetime(2026, 7, 7, 9, tzinfo=UTC))
    await stop(task)
    got = {gid: day for gid, _, day in rec.calls}
    assert got == {2: dt.date(2026, 7, 6), 1: dt.date(2026, 7, 7), 3: None}
    assert all(keys for _, keys, _ in rec.calls)                 # the stories are posted as before
    keys = dict(await store.fetchall("SELECT guild_id, story_keys FROM anniversary_posts"))
    assert keys[1].endswith("|quiz:daily") and "quiz" not in keys[3]


async def test_a_day_with_no_story_still_announces_the_challenge_when_opted_in(store):
    await add_guild(store, 1, at="09:00", daily_quiz=True)
    await add_guild(store, 2, at="09:00")
    clock = SettlingClock(dt.datetime(2026, 7, 7, 8, tzinfo=UTC))
    rec = QuizRecorder()
    task = await start(Scheduler(store, clock, rec, no_stories), clock)
    await clock.run_until(dt.datetime(2026, 7, 7, 9, 30, tzinfo=UTC))
    await stop(task)
    assert rec.calls == [(1, [], dt.date(2026, 7, 7))]
    status = dict(await store.fetchall("SELECT guild_id, status FROM anniversary_posts"))
    assert status == {1: "done", 2: "skipped"}
