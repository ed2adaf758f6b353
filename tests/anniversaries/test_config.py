"""Per-server settings: validated before anything is written, with messages an admin can act on."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.anniversaries import config as cf
from bot.anniversaries.config import ConfigError

UTC = dt.UTC
T0 = dt.datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


async def test_defaults_and_updates(store):
    c = await cf.get_config(store, 7)
    assert (c.enabled, c.channel_id, c.time_text, c.timezone, c.countries, c.max_posts, c.fallback) == (
        False, None, "09:00", "UTC", (), 1, "final")
    c = await cf.update(store, 7, now=T0, channel_id=42, time="7:05", timezone="Europe/London",
                        countries="GBR, irish", max_posts=3, fallback="none", enabled=True)
    assert (c.enabled, c.channel_id, c.time_text, c.timezone, c.countries, c.max_posts, c.fallback) == (
        True, 42, "07:05", "Europe/London", ("GBR", "IRL"), 3, "none")
    assert c.prefs.countries == ("GBR", "IRL") and c.prefs.max_stories == 3
    assert c.active_since == T0
    # the timezone is the server's, shared with the other features
    assert tuple(await store.fetchone("SELECT timezone FROM guild_settings WHERE guild_id = 7")) == ("Europe/London",)
    # a change that does not move the post keeps active_since; one that does moves it
    later = T0 + dt.timedelta(hours=1)
    assert (await cf.set_max(store, 7, 2, now=later)).active_since == T0
    assert (await cf.set_time(store, 7, "18:30", now=later)).active_since == later
    assert [c.guild_id for c in await cf.enabled_configs(store)] == [7]


@pytest.mark.parametrize("name, hint", [
    ("Europe/Londn", "Europe/London"),
    ("europe/london", "case-sensitive: did you mean Europe/London"),
    ("Mars/Olympus_Mons", "not a timezone I know"),
    ("", "not a timezone I know"),
    ("../../etc/passwd", "not a timezone I know"),
])
async def test_bad_timezones_are_refused_with_a_clear_message(store, name, hint):
    with pytest.raises(ConfigError) as err:
        await cf.set_timezone(store, 1, name, now=T0)
    assert hint in str(err.value)
    assert await store.fetchone("SELECT 1 FROM guild_settings WHERE guild_id = 1") is None


@pytest.mark.parametrize("text", ["25:00", "9", "9:60", "noon", ""])
async def test_bad_times(store, text):
    with pytest.raises(ConfigError, match="HH:MM"):
        await cf.set_time(store, 1, text, now=T0)


async def test_other_validation(store):
    with pytest.raises(ConfigError, match="channel first"):
        await cf.set_enabled(store, 1, True, now=T0)
    with pytest.raises(ConfigError, match="1 to 5"):
        await cf.set_max(store, 1, 9, now=T0)
    with pytest.raises(ConfigError, match="not a country"):
        await cf.set_countries(store, 1, "Narnia", now=T0)
    with pytest.raises(ConfigError, match="no national records for XYZ"):
        await cf.set_countries(store, 1, "XYZ", now=T0, known={"GBR"})
    await cf.update(store, 1, now=T0, channel_id=5, enabled=True)
    with pytest.raises(ConfigError, match="turn them off"):
        await cf.set_channel(store, 1, None, now=T0)
    # nothing half-written by the failures
    c = await cf.get_config(store, 1)
    assert (c.channel_id, c.enabled, c.max_posts, c.countries) == (5, True, 1, ())


async def test_problems_are_queued_deduplicated_and_told_once(store):
    async with store.write() as db:
        await cf.record_problem(db, 1, "forbidden", "no permission in <#5>", channel_id=5, now=T0)
        await cf.record_problem(db, 1, "forbidden", "no permission in <#5>", channel_id=5,
                                now=T0 + dt.timedelta(days=1))
        await cf.record_problem(db, 1, "channel_missing", "gone", channel_id=6, now=T0)
        await cf.record_problem(db, 2, "channel_missing", "gone", channel_id=9, now=T0)
    pending = await cf.pending_problems(store, 1)
    assert [(p.kind, p.count) for p in pending] == [("forbidden", 2), ("channel_missing", 1)]
    assert pending[0].message() == "no permission in <#5> (2 times since 2026-05-01)"
    told = await cf.take_problems(store, 1, now=T0)
    assert len(told) == 2 and await cf.take_problems(store, 1, now=T0) == []
    assert len(await cf.pending_problems(store, 2)) == 1
    # after being told, a new occurrence opens a new problem
    async with store.write() as db:
        await cf.record_problem(db, 1, "forbidden", "again", channel_id=5, now=T0)
    assert [(p.detail, p.count) for p in await cf.pending_problems(store, 1)] == [("again", 1)]
