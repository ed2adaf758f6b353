"""/anniversaries and the daily post, end to end: the real BellLap, cogs, scheduler and reference database,
talking to the fake Discord (every request body validated against the OpenAPI spec), with a manual clock
injected into the client so a day passes in a second."""
from __future__ import annotations

import asyncio
import datetime as dt
from types import SimpleNamespace

import pytest

from bot.anniversaries import config as cf
from bot.app.client import BellLap
from bot.app.settings import Settings
from bot.common.clock import SettlingClock
from bot.console.loopback import CHANNEL_MESSAGES, FLAG_EPHEMERAL, MEMBER_PERMISSIONS
from bot.state.store import StateStore
from cogs.anniversaries import REFUSAL

from .fake_discord import FakeDiscord


@pytest.fixture()
def state_target(backend_target):
    """Each test here runs on SQLite and on PostgreSQL (tests/pg.py), not on the e2e conftest's SQLite file."""
    return backend_target


UTC = dt.UTC
MANAGE_GUILD = 1 << 5
START = dt.datetime(2026, 7, 6, 20, 0, tzinfo=UTC)          # the evening before 7 July (El Guerrouj's mile)
DUE = dt.datetime(2026, 7, 7, 8, 0, tzinfo=UTC)             # 09:00 in London (BST) on 7 July


@pytest.fixture()
async def anniv(fake_discord: FakeDiscord, start_bot, engine, state_target):
    """`bot = await anniv.start()`: BellLap with the real cogs and a SettlingClock at START; anniv.clock,
    anniv.store. The bot is closed before the store (the scheduler must not outlive its database)."""
    clock = SettlingClock(START)
    store = await StateStore.open(state_target)
    bots: list[BellLap] = []

    async def _start(**kwargs) -> BellLap:
        bot = BellLap(engine=engine, store=store, settings=Settings(), clock=clock, guild_ready_timeout=0.1,
                      **kwargs)
        bots.append(bot)
        await start_bot(bot, sync=False)        # setup_hook syncs the commands
        await clock.settle()                    # the scheduler has planned and is asleep
        return bot

    yield SimpleNamespace(start=_start, clock=clock, store=store)
    for bot in bots:
        await bot.close()
    await store.close()


def admin_member(fake: FakeDiscord, name: str = "admin") -> dict:
    """A member whose role has Manage Server (add before the bot starts)."""
    role = fake.add_role(f"{name}-role", permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)
    return fake.add_member(name, roles=[role["id"]])


def scheduler(bot):
    return bot.get_cog("Anniversaries").scheduler


async def command(fake: FakeDiscord, name: str, options: dict | None = None, **kwargs) -> dict:
    """Run an /anniversaries command; the ephemeral reply's data (content, embeds)."""
    inter = await fake.slash(f"anniversaries {name}", options or {}, **kwargs)
    body = await fake.wait_response(inter)
    assert body["data"]["flags"] & FLAG_EPHEMERAL, body
    if body["type"] == 5:                                   # deferred (preview): the followup fills it in
        follow = await fake.wait_followup(inter)
        assert follow["flags"] & FLAG_EPHEMERAL
        return follow
    assert body["type"] == 4, body
    return body["data"]


async def set_up(fake: FakeDiscord, bot, admin: dict, channel: dict, *, at: str = "09:00",
                 tz: str = "Europe/London", due: dt.datetime = DUE) -> None:
    """channel, time, timezone, enable; then wait until the scheduler has planned `due` and sleeps."""
    await command(fake, "channel", {"channel": channel["id"]}, user=admin)
    await command(fake, "time", {"time": at}, user=admin)
    await command(fake, "timezone", {"name": tz}, user=admin)
    data = await command(fake, "enable", user=admin)
    assert "**On**" in data["embeds"][-1]["description"]
    assert f"<t:{int(due.timestamp())}:F>" in data["embeds"][-1]["description"]      # the next post, said
    sched = scheduler(bot)
    gid = int(fake.guild["id"])
    for _ in range(5000):
        if sched.next_due(gid) == due:
            break
        await asyncio.sleep(0.001)
    assert sched.next_due(gid) == due
    await bot.clock.settle()


def posts_in(fake: FakeDiscord, channel: dict) -> list:
    return [r for r in fake.requests if r.template == CHANNEL_MESSAGES and r.method == "POST"
            and r.params["channel_id"] == channel["id"]]


async def ledger(store) -> list[tuple]:
    return [tuple(r) for r in await store.fetchall(
        "SELECT local_date, status, channel_id FROM anniversary_posts ORDER BY local_date")]


# ---------------------------------------------------------------------------------------------------------


async def test_one_post_at_the_time_and_one_more_a_day_later(fake_discord: FakeDiscord, anniv):
    fake = fake_discord
    admin = admin_member(fake)
    history = fake.add_channel("athletics-history")
    bot = await anniv.start()
    await set_up(fake, bot, admin, history)

    await anniv.clock.run_until(DUE - dt.timedelta(minutes=1))
    assert posts_in(fake, history) == []                       # not a minute early

    await anniv.clock.advance(120)
    req = await fake.wait_request("POST", CHANNEL_MESSAGES, where=lambda r: r.params["channel_id"] == history["id"])
    [embed] = req.json["embeds"]
    assert embed["title"] == "Men's mile world record · 7 July 1999"
    assert embed["description"].startswith("On this day in 1999, Hicham El Guerrouj ran 3:43.13 in Stadio "
                                           "Olimpico, Roma: 27 years ago today, and it still stands.")
    assert "It broke Noureddine Morceli's 3:44.39 (5 September 1993) by 1.26 s." in embed["description"]
    assert embed["footer"]["text"].startswith("Sources: World Athletics records pages")
    assert req.json["allowed_mentions"]["parse"] == []
    # the progression chart, uploaded with the post
    assert req.content_type == "multipart/form-data"
    assert embed["image"]["url"] == "attachment://anniversary-1.png"
    [upload] = req.files
    assert upload.filename == "anniversary-1.png" and upload.data.startswith(b"\x89PNG")
    assert len(posts_in(fake, history)) == 1
    assert await ledger(anniv.store) == [("2026-07-07", "done", int(history["id"]))]
    # the ledger names the scheduler that claimed the day: this process's shards
    assert scheduler(bot).name == "anniversaries:shards=0"
    assert [tuple(r) for r in await anniv.store.fetchall("SELECT claimed_by FROM anniversary_posts")] == [
        ("anniversaries:shards=0",)]

    # a reconnect does not post again; the rest of the day passes quietly
    await fake.reconnect()
    await anniv.clock.run_until(dt.datetime(2026, 7, 7, 23, 0, tzinfo=UTC))
    assert len(posts_in(fake, history)) == 1

    # a day later: exactly one more, for 8 July
    await anniv.clock.run_until(DUE + dt.timedelta(days=1, minutes=5))
    posts = posts_in(fake, history)
    assert len(posts) == 2
    assert "8 July" in posts[1].json["embeds"][0]["title"]
    assert [r[:2] for r in await ledger(anniv.store)] == [("2026-07-07", "done"), ("2026-07-08", "done")]
    assert posts_in(fake, fake.channel) == []                  # nothing anywhere else


async def test_members_without_manage_server_are_refused(fake_discord: FakeDiscord, anniv):
    fake = fake_discord
    bot = await anniv.start()
    for name, options in [("enable", {}), ("time", {"time": "07:00"}), ("preview", {"date": "7 July"}),
                          ("channel", {"channel": fake.channel["id"]})]:
        inter = await fake.slash(f"anniversaries {name}", options, user=fake.user)      # an ordinary member
        body = await fake.wait_response(inter)
        assert body["type"] == 4 and body["data"]["flags"] & FLAG_EPHEMERAL
        assert body["data"]["content"] == REFUSAL
    assert await anniv.store.fetchall("SELECT * FROM anniversary_config") == []
    # the group is hidden from members without Manage Server by default (admins can still override that)
    [group] = [c for c in fake.global_commands if c["name"] == "anniversaries"]
    assert str(group["default_member_permissions"]) == str(MANAGE_GUILD)
    assert group["contexts"] == [0]                            # servers only
    assert scheduler(bot).next_due() is None


async def test_preview_shows_the_story_without_posting(fake_discord: FakeDiscord, anniv):
    fake = fake_discord
    admin = admin_member(fake)
    await anniv.start()
    data = await command(fake, "preview", {"date": "7 July"}, user=admin)
    assert "Preview of the post for 7 July (not posted)" in data["content"]
    embed = data["embeds"][0]
    assert embed["title"] == "Men's mile world record · 7 July 1999"
    assert "Hicham El Guerrouj ran 3:43.13" in embed["description"]
    assert embed["image"]["url"] == "attachment://anniversary-1.png"
    assert [r for r in fake.requests if r.template == CHANNEL_MESSAGES] == []          # nothing posted
    assert await ledger(anniv.store) == []

    # with the server's countries and more stories a day, 25 May has Kerr's British mile record
    await command(fake, "countries", {"codes": "GBR"}, user=admin)
    await command(fake, "max", {"n": 5}, user=admin)
    data = await command(fake, "preview", {"date": "25 May"}, user=admin)
    assert any("Josh Kerr ran 3:45.34" in e["description"] for e in data["embeds"])

    bad = await command(fake, "preview", {"date": "31 February"}, user=admin)
    assert "not a day of the year" in bad["embeds"][0]["description"]


async def test_settings_are_validated_and_shown(fake_discord: FakeDiscord, anniv):
    fake = fake_discord
    admin = admin_member(fake)
    await anniv.start()
    data = await command(fake, "enable", user=admin)
    assert "Choose a channel first" in data["embeds"][0]["description"]
    data = await command(fake, "time", {"time": "25:00"}, user=admin)
    assert "is not a time of day" in data["embeds"][0]["description"]
    data = await command(fake, "timezone", {"name": "europe/london"}, user=admin)
    assert "did you mean Europe/London" in data["embeds"][0]["description"]
    data = await command(fake, "countries", {"codes": "GBR, Narnia"}, user=admin)
    assert "Narnia" in data["embeds"][0]["description"] and "is not a country I know" in \
        data["embeds"][0]["description"]
    data = await command(fake, "countries", {"codes": "gbr, ireland"}, user=admin)
    assert "National records of: GBR, IRL" in data["embeds"][0]["description"]
    data = await command(fake, "status", user=admin)
    assert "**Off**" in data["embeds"][0]["description"]
    assert "`/anniversaries channel`" in data["embeds"][0]["description"]
    data = await command(fake, "fallback", {"when_quiet": "none"}, user=admin)
    assert "no record anniversary: nothing" in data["embeds"][0]["description"]
    assert (await cf.get_config(anniv.store, int(fake.guild["id"]))).fallback == "none"


async def test_autocomplete_timezones_and_countries(fake_discord: FakeDiscord, anniv):
    fake = fake_discord
    admin = admin_member(fake)
    await anniv.start()
    zones = await fake.autocomplete("anniversaries timezone", "name", "london", user=admin)
    assert zones[0]["value"] == "Europe/London"
    zones = await fake.autocomplete("anniversaries timezone", "name", "new york", user=admin)
    assert "America/New_York" in [z["value"] for z in zones]
    assert 0 < len(await fake.autocomplete("anniversaries timezone", "name", "", user=admin)) <= 25
    codes = await fake.autocomplete("anniversaries countries", "codes", "GBR, irel", user=admin)
    assert codes[0] == {"name": "GBR, Ireland (IRL)", "value": "GBR, IRL"}
    codes = await fake.autocomplete("anniversaries countries", "codes", "ken", user=admin)
    assert codes[0]["value"] == "KEN"


@pytest.mark.parametrize("told", [False, True], ids=["stale-cache", "channel-delete-event"])
async def test_a_deleted_channel_is_skipped_and_told_to_the_admins(fake_discord: FakeDiscord, anniv, told):
    fake = fake_discord
    admin = admin_member(fake)
    history = fake.add_channel("athletics-history")
    bot = await anniv.start()
    await set_up(fake, bot, admin, history)

    # the channel goes: the fake answers 404 Unknown Channel for it from now on
    del fake.channels[int(history["id"])]
    fake.guild["channels"].remove(history)
    if told:
        await fake.dispatch("CHANNEL_DELETE", history, guild=fake.guild)
        for _ in range(1000):
            if bot.get_channel(int(history["id"])) is None:
                break
            await asyncio.sleep(0.001)
        assert bot.get_channel(int(history["id"])) is None

    await anniv.clock.run_until(DUE + dt.timedelta(minutes=5))
    attempts = posts_in(fake, history)
    assert [r.status for r in attempts] == [404]
    assert [r[:2] for r in await ledger(anniv.store)] == [("2026-07-07", "failed")]
    assert scheduler(bot).stats["failed"] == 1 and scheduler(bot).stats["step_errors"] == 0

    # the loop lives on: the next day is planned (and fails the same way, once)
    await anniv.clock.run_until(DUE + dt.timedelta(days=1, minutes=5))
    assert len(posts_in(fake, history)) == 2
    assert scheduler(bot).next_due(int(fake.guild["id"])) == DUE + dt.timedelta(days=2)

    # the admin's next /anniversaries command starts with the problem, once
    data = await command(fake, "status", user=admin)
    problem, status = data["embeds"]
    assert problem["title"].startswith("⚠️")
    assert (f"The anniversary post of 8 July could not be sent: the channel <#{history['id']}> no longer exists "
            f"or I cannot see it. Choose another with /anniversaries channel. (2 times since 2026-07-07)"
            ) in problem["description"]
    assert status["title"] == "Anniversary posts"
    data = await command(fake, "status", user=admin)
    assert [e["title"] for e in data["embeds"]] == ["Anniversary posts"]

    # choosing another channel puts it right
    await command(fake, "channel", {"channel": fake.channel["id"]}, user=admin)
    await anniv.clock.run_until(DUE + dt.timedelta(days=2, minutes=5))
    [post] = posts_in(fake, fake.channel)
    assert post.status == 200 and "9 July" in post.json["embeds"][0]["title"]


async def test_onthisday_works_without_any_anniversary_settings(fake_discord: FakeDiscord, anniv):
    fake = fake_discord
    other = fake.add_guild("Another Club", channels=("lobby",))
    fan = fake.add_member("fan", guild=other)
    sydney = fake.add_guild("Sydney Harriers", channels=("track",))
    local = fake.add_member("local", guild=sydney)
    boss = fake.add_role("boss-role", guild=sydney, permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)
    admin = fake.add_member("boss", guild=sydney, roles=[boss["id"]])
    await anniv.start()

    async def onthisday(options, **kwargs) -> str:
        inter = await fake.slash("onthisday", options, **kwargs)
        assert (await fake.wait_response(inter))["type"] == 5
        return (await fake.wait_followup(inter))["embeds"][0]["description"]

    lobby = other["channels"][0]
    assert (await onthisday({"date": "7 July"}, user=fan, channel=lobby)).startswith("On 7 July")
    assert (await onthisday({}, user=fan, channel=lobby)).startswith("On 6 July")      # 20:00 UTC, 6 July
    assert (await onthisday({}, dm=True)).startswith("On 6 July")
    # a server in Sydney (timezone set, nothing else) is already on 7 July
    track = sydney["channels"][0]
    await command(fake, "timezone", {"name": "Australia/Sydney"}, user=admin, channel=track)
    assert (await onthisday({}, user=local, channel=track)).startswith("On 7 July")
    assert await anniv.store.fetchall("SELECT * FROM anniversary_config WHERE enabled = 1") == []


async def test_the_post_announces_the_days_quiz_challenge_when_the_server_opts_in(fake_discord: FakeDiscord, anniv):
    fake = fake_discord
    admin = admin_member(fake)
    history = fake.add_channel("athletics-history")
    bot = await anniv.start()
    data = await command(fake, "quiz", {"on": True}, user=admin)
    assert "The post announces the day's quiz challenge." in data["embeds"][-1]["description"]
    assert "With the day's quiz challenge (`/quiz daily`): **yes**" in data["embeds"][-1]["description"]
    await set_up(fake, bot, admin, history)
    await anniv.clock.run_until(DUE + dt.timedelta(minutes=1))
    req = await fake.wait_request("POST", CHANNEL_MESSAGES, where=lambda r: r.params["channel_id"] == history["id"])
    story, quiz = req.json["embeds"]
    assert story["title"] == "Men's mile world record · 7 July 1999"           # the post as before
    assert quiz["title"] == "🧠 Daily quiz challenge · 7 July"
    [row] = req.json["components"]
    assert [(b["label"], b["custom_id"]) for b in row["components"]] == [("Play today's challenge", "qdaily:play")]
    assert [r[:2] for r in await ledger(anniv.store)] == [("2026-07-07", "done")]
