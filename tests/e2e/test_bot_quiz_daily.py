"""/quiz daily through the fake Discord: the real BellLap, quiz cog, question bank and state store (SQLite and
PostgreSQL), a ManualClock at 12:00 UTC on 7 July 2026. Each player answers on an ephemeral message of their own
(clicks edit it into the next question, then the result); nothing is posted in the channel while they play."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.console.loopback import CHANNEL_MESSAGES, FLAG_EPHEMERAL
from bot.quiz import daily
from bot.render.daily import PLAY_ID

from .fake_discord import FakeDiscord
from .quiz_helpers import buttons, quiz_cog


@pytest.fixture()
def state_target(backend_target):
    """Each test here runs on SQLite and on PostgreSQL (tests/pg.py)."""
    return backend_target


DAY = dt.date(2026, 7, 7)


async def saved_questions(bot, guild_id: int, day: dt.date = DAY) -> list[daily.DailyQuestion]:
    row = await bot.store.fetchone("SELECT questions FROM quiz_daily_challenges WHERE guild_id = ? AND "
                                   "local_date = ?", (guild_id, day.isoformat()))
    assert row is not None, "no challenge saved for the day"
    return daily.from_json(row[0])


async def started(quiz_bot):
    """The bot, its question bank loaded (a few seconds on a busy machine: longer than the fake waits for a
    reply; the first /quiz daily of a day would load it)."""
    bot = await quiz_bot()
    await quiz_cog(bot).question_bank()
    return bot


async def open_daily(fake: FakeDiscord, user=None) -> tuple[int, dict]:
    """/quiz daily: the ephemeral message it leaves (its id and the followup's body)."""
    inter = await fake.slash("quiz daily", {}, user=user)
    body = await fake.wait_response(inter)
    assert body["type"] == 5 and body["data"]["flags"] & FLAG_EPHEMERAL, body    # thinking, privately
    follow = await fake.wait_followup(inter)
    assert inter.original_message_id is not None
    assert fake.messages[inter.original_message_id]["flags"] & FLAG_EPHEMERAL
    return inter.original_message_id, follow


async def click(fake: FakeDiscord, message_id: int, index: int, user=None) -> dict:
    """Click choice `index` of the question on show; the edited message's data (an UPDATE_MESSAGE callback)."""
    message = fake.messages[message_id]
    inter = await fake.click(message_id, buttons(message)[index]["custom_id"], user=user)
    body = await fake.wait_response(inter)
    assert body["type"] == 7, body
    return body["data"]


def wrong_of(q: daily.DailyQuestion) -> int:
    return next(i for i in range(len(q.choices)) if i != q.correct)


def channel_posts(fake: FakeDiscord) -> list:
    return [r for r in fake.requests if r.template == CHANNEL_MESSAGES and r.method == "POST"]


async def test_five_private_questions_the_same_for_everyone_one_attempt_and_the_days_board(
        fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    rival = fake.add_member("hurdler")
    bot = await started(quiz_bot)
    gid = int(fake.guild["id"])

    mid, follow = await open_daily(fake)
    qs = await saved_questions(bot, gid)
    assert len(qs) == daily.QUESTIONS
    embed = follow["embeds"][0]
    assert embed["title"] == "Daily challenge · question 1 of 5"
    assert embed["description"].startswith(qs[0].text)
    assert [b["label"] for b in buttons(follow)] == list(qs[0].choices)
    assert all(b["custom_id"].startswith("qdaily:20260707:1:") for b in buttons(follow))

    data = await click(fake, mid, qs[0].correct)                             # 1: right
    assert data["embeds"][0]["title"] == "Daily challenge · question 2 of 5"
    assert data["embeds"][0]["description"].startswith(f"✅ Question 1: right, **{qs[0].answer}**")
    assert qs[1].text in data["embeds"][0]["description"]
    data = await click(fake, mid, wrong_of(qs[1]))                           # 2: wrong
    assert data["embeds"][0]["description"].startswith(f"❌ Question 2: not that one, it was **{qs[1].answer}**")
    await bot.clock.advance(daily.ANSWER_TIME + 1)
    data = await click(fake, mid, qs[2].correct)                             # 3: right, but too slow
    assert data["embeds"][0]["description"].startswith("⌛ Question 3: too slow")
    await click(fake, mid, qs[3].correct)                                    # 4: right
    data = await click(fake, mid, qs[4].correct)                             # 5: right
    result = data["embeds"][0]
    assert result["title"] == "Daily challenge · 7 July"
    assert f"<@{fake.user['id']}>: **3 of 5** right" in result["description"]
    assert "🥇 of 1 player" in result["description"]
    assert "🔥 Streak: 1 day in a row (best 1 day)" in result["description"]
    assert f"❌ 2. **{qs[1].answer}** (you: {qs[1].choices[wrong_of(qs[1])]})" in result["description"]
    assert f"⌛ 3. **{qs[2].answer}**\n✅ 4." in result["description"]
    assert not data.get("components")                                        # no buttons left

    # the rival gets the same questions, on a message of their own
    rival_mid, rival_follow = await open_daily(fake, user=rival)
    assert rival_mid != mid and rival_follow["embeds"][0]["description"].startswith(qs[0].text)
    for q in qs:
        data = await click(fake, rival_mid, q.correct, user=rival)
    assert "**5 of 5** right" in data["embeds"][0]["description"] and "🥇 of 2 players" in data["embeds"][0][
        "description"]

    # a second go: told politely, shown the result, nothing starts
    inter = await fake.slash("quiz daily", {})
    assert (await fake.wait_response(inter))["type"] == 5
    again = await fake.wait_followup(inter)
    assert "You have already played today's challenge: one attempt a day." in again["embeds"][0]["description"]
    assert "**3 of 5** right" in again["embeds"][0]["description"]
    assert "🥈 of 2 players" in again["embeds"][0]["description"]
    assert not again.get("components")
    assert fake.messages[inter.original_message_id]["flags"] & FLAG_EPHEMERAL

    # the day's board, for the channel
    inter = await fake.slash("quiz daily", {"leaderboard": True})
    body = await fake.wait_response(inter)
    assert body["type"] == 4 and not (body["data"].get("flags") or 0) & FLAG_EPHEMERAL
    lines = body["data"]["embeds"][0]["description"].split("\n")
    assert lines[0].startswith(f"🥇 <@{rival['id']}> — **5** right")
    assert lines[1].startswith(f"🥈 <@{fake.user['id']}> — **3** right")
    assert body["data"]["allowed_mentions"]["parse"] == []
    assert channel_posts(fake) == []                  # every answer stayed private: nothing in the channel

    # /quiz stats carries the daily challenge beside the (here: no) finished games
    inter = await fake.slash("quiz stats", {})
    stats = (await fake.wait_response(inter))["data"]["embeds"][0]
    assert stats["description"] == f"<@{fake.user['id']}> has not finished a quiz here yet."
    assert stats["fields"] == [{"name": "Daily challenge", "inline": False,
                                "value": "1 day played · 3 of 5 right (60%) · streak 1 day (best 1 day)"}]


async def test_an_attempt_left_midway_counts_and_a_restart_does_not_give_another(fake_discord: FakeDiscord,
                                                                                   quiz_bot):
    fake = fake_discord
    bot = await started(quiz_bot)
    gid = int(fake.guild["id"])
    mid, _ = await open_daily(fake)
    qs = await saved_questions(bot, gid)
    await click(fake, mid, qs[0].correct)
    await click(fake, mid, qs[1].correct)
    # /quiz daily again while question 3 is in time on their message: told so, nothing starts again
    inter = await fake.slash("quiz daily", {})
    assert (await fake.wait_response(inter))["type"] == 5
    text = (await fake.wait_followup(inter))["embeds"][0]["description"]
    assert "You are playing today's challenge right now: question 3 is waiting on your message above" in text
    assert "**2 of 5** right" in text and "stopped after" not in text
    await bot.close()                                  # they walk away, and the bot restarts

    bot = await started(quiz_bot)                      # a new process: a new store over the same database
    await bot.clock.advance(60)                        # (its clock starts at noon again) a minute later
    inter = await fake.slash("quiz daily", {})
    assert (await fake.wait_response(inter))["type"] == 5
    again = await fake.wait_followup(inter)
    text = again["embeds"][0]["description"]
    assert "already played today's challenge" in text
    assert "**2 of 5** right" in text and "stopped after 2 questions: it counts as it stands" in text
    assert not again.get("components")
    assert (await bot.store.fetchone("SELECT count(*) FROM quiz_daily_attempts"))[0] == 1

    # the next day (UTC here, the server has no timezone set): a new challenge and a 2-day streak
    await bot.clock.advance(24 * 3600)
    mid, follow = await open_daily(fake)
    tomorrow = await saved_questions(bot, gid, DAY + dt.timedelta(days=1))
    assert follow["embeds"][0]["description"].startswith(tomorrow[0].text)
    assert [q.text for q in tomorrow] != [q.text for q in qs]
    for q in tomorrow:
        data = await click(fake, mid, q.correct)
    assert "🔥 Streak: 2 days in a row" in data["embeds"][0]["description"]


async def test_the_anniversary_posts_play_button_opens_the_challenge(fake_discord: FakeDiscord, quiz_bot):
    """The Play button under the announcement (cogs/anniversaries.py sends it; the quiz cog answers it)."""
    fake = fake_discord
    bot = await started(quiz_bot)
    day = dt.date(2026, 7, 7)
    await bot.get_cog("Anniversaries").post(int(fake.guild["id"]), int(fake.channel["id"]), [], quiz_day=day)
    [post] = channel_posts(fake)
    assert post.json["embeds"][-1]["title"] == "🧠 Daily quiz challenge · 7 July"
    [play] = buttons(post.json)
    assert play["custom_id"] == PLAY_ID
    inter = await fake.click(int(post.response["id"]), PLAY_ID)
    body = await fake.wait_response(inter)
    assert body["type"] == 5 and body["data"]["flags"] & FLAG_EPHEMERAL
    follow = await fake.wait_followup(inter)
    assert follow["embeds"][0]["title"] == "Daily challenge · question 1 of 5"
    qs = await saved_questions(bot, int(fake.guild["id"]))
    assert follow["embeds"][0]["description"].startswith(qs[0].text)
