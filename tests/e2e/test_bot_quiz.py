"""Whole quizzes through the fake Discord: the real BellLap, the real cogs and engine, a ManualClock for time.

Typed answers arrive as plain messages (the bot runs with QUIZ_TYPED_ANSWERS on, so it asks for the message
content intent); multiple choice is played with button clicks. Every request body the bot sends is checked
against Discord's OpenAPI spec by the harness.
"""
from __future__ import annotations

import asyncio
import time

import pytest

from bot.app.client import intents
from bot.app.settings import Settings
from bot.console.loopback import CALLBACK, FLAG_EPHEMERAL, INTENT_MESSAGE_CONTENT

from .fake_discord import FakeDiscord
from .quiz_helpers import (
    BAD_LIST,
    MANAGE_GUILD,
    TRACK_ANSWERS,
    TRACK_LIST,
    bot_messages,
    buttons,
    ephemeral_text,
    live_question,
    moderator,
    next_edit,
    next_post,
    next_result,
    question_text,
    quiz_cog,
)


@pytest.fixture()
def state_target(request, backend):
    """Each test here runs on SQLite and on PostgreSQL (tests/pg.py), not on the e2e conftest's SQLite file; a test
    that takes the database away (tests/pg.py's `outage`) runs on the database that fixture can take."""
    return request.getfixturevalue("outage").target if "outage" in request.fixturenames else \
        request.getfixturevalue("backend_target")


TYPED = Settings(quiz_typed_answers=True)


async def import_track_list(fake: FakeDiscord, name: str = "track") -> dict:
    inter = await fake.slash("quiz import", {"file": fake.attachment("track.yaml", TRACK_LIST), "name": name},
                             user=fake.owner)
    assert (await fake.wait_response(inter))["type"] == 5
    return await fake.wait_followup(inter)


async def start(fake: FakeDiscord, options: dict | None = None, *, user=None) -> dict:
    inter = await fake.slash("quiz start", options or {}, user=user)
    body = await fake.wait_response(inter)
    if body["type"] == 5:                              # "thinking" while the question bank loads
        return await fake.wait_followup(inter)
    assert body["type"] == 4, body
    return body["data"]


async def game_row(bot, channel_id: int):
    return await bot.store.fetchone("SELECT ended_at, end_reason, winner_id, rounds_played, mode FROM quiz_games "
                                    "WHERE channel_id = ? ORDER BY id DESC LIMIT 1", (channel_id,))


# -- typed answers

def test_quiz_typed_answers_is_a_setting_that_adds_the_message_content_intent(tmp_path):
    none = tmp_path / "none"
    assert Settings.load({}, env_file=none).quiz_typed_answers is False
    assert Settings.load({"QUIZ_TYPED_ANSWERS": "1"}, env_file=none).quiz_typed_answers is True
    assert Settings.load({"QUIZ_TYPED_ANSWERS": " off "}, env_file=none).quiz_typed_answers is False
    with pytest.raises(ValueError, match="QUIZ_TYPED_ANSWERS"):
        Settings.load({"QUIZ_TYPED_ANSWERS": "sometimes"}, env_file=none)
    assert intents(True).message_content and not intents().message_content
    assert intents(True).value == intents().value | (1 << 15)



async def test_a_typed_game_is_played_to_the_target(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    rival = fake.add_member("hurdler")
    bot = await quiz_bot(settings=TYPED)
    [session] = fake.sessions.values()
    assert session.intents & INTENT_MESSAGE_CONTENT            # asked for, because typed answers are on
    clock = bot.clock

    imported = await import_track_list(fake)
    assert "3 questions" in imported["embeds"][0]["description"]

    started = await start(fake, {"mode": "typed", "source": "list:track", "target": 2, "questions": 3})
    assert started["embeds"][0]["title"] == "🏁 Quiz time"
    assert f"<@{fake.user['id']}> started a quiz: typed answers" in started["embeds"][0]["description"]
    assert started["allowed_mentions"]["parse"] == []

    first = await next_post(fake, clock)
    game = quiz_cog(bot).engine.game(int(fake.channel["id"]))
    q1 = question_text(first.json)
    assert q1 in TRACK_ANSWERS and first.json["embeds"][0]["title"] == "Question 1"
    assert not first.json.get("components")                   # typed: no buttons
    await fake.send_message("no idea, Bolt?", author=rival)    # wrong answers are just ignored
    await fake.send_message(TRACK_ANSWERS[q1].upper())         # case does not matter
    won = await next_post(fake, clock)
    assert won.json["embeds"][0]["title"] == "✅ Question 1"
    assert won.json["embeds"][0]["description"].startswith(f"<@{fake.user['id']}> got it in 0.0 s")
    assert f"<@{fake.user['id']}> — 1 point" in won.json["embeds"][0]["fields"][0]["value"]

    second = await next_post(fake, clock)                      # after the pause between rounds
    q2 = question_text(second.json)
    assert q2 in TRACK_ANSWERS and q2 != q1 and second.json["embeds"][0]["title"] == "Question 2"
    await fake.send_message(TRACK_ANSWERS[q2])
    won2 = await next_post(fake, clock)
    assert won2.json["embeds"][0]["title"] == "✅ Question 2"

    over = await next_post(fake, clock)                        # target 2 reached: game over
    embed = over.json["embeds"][0]
    assert embed["title"] == "🏁 Quiz over"
    assert embed["description"].startswith(f"🏆 <@{fake.user['id']}> wins!")
    assert "Target score reached." in embed["description"]
    await game.done.wait()                                     # saved once the last message is out
    assert quiz_cog(bot).engine.game(int(fake.channel["id"])) is None
    row = await game_row(bot, int(fake.channel["id"]))
    assert row["end_reason"] == "target" and row["winner_id"] == int(fake.user["id"]) and row["rounds_played"] == 2
    assert all(m["mentions"] == [] for m in bot_messages(fake))


async def test_an_unanswered_typed_question_shows_hints_then_the_answer(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    bot = await quiz_bot(settings=TYPED)
    await import_track_list(fake)
    await start(fake, {"mode": "typed", "source": "list:track", "questions": 1})
    first = await next_post(fake, bot.clock)
    answer = TRACK_ANSWERS[question_text(first.json)]

    hint = await next_post(fake, bot.clock)                    # a third of the 20 s in
    assert hint.json["embeds"][0]["description"].startswith("💡 Hint for question 1: `")
    posts = [await next_post(fake, bot.clock)]
    while not posts[-1].json["embeds"][0].get("title", "").startswith("⏰"):
        posts.append(await next_post(fake, bot.clock))
    reveal = posts[-1].json["embeds"][0]
    assert reveal["title"] == "⏰ Time's up: question 1"
    assert reveal["description"] == f"Nobody got it. The answer was **{answer}**."
    assert reveal["footer"]["text"].startswith("Source: trivia list track")
    over = await next_post(fake, bot.clock)
    assert over.json["embeds"][0]["description"].startswith("Nobody scored")
    assert "That was the last question." in over.json["embeds"][0]["description"]


async def test_typed_mode_is_refused_without_the_intent_and_buttons_are_the_default(fake_discord: FakeDiscord,
                                                                                     quiz_bot):
    fake = fake_discord
    bot = await quiz_bot()
    [session] = fake.sessions.values()
    assert not session.intents & INTENT_MESSAGE_CONTENT

    inter = await fake.slash("quiz start", {"mode": "typed"})
    text = await ephemeral_text(fake, inter)
    assert text.startswith("Typed answers are switched off on this bot")
    assert quiz_cog(bot).engine.game(int(fake.channel["id"])) is None

    started = await start(fake, {"questions": 1})
    assert "multiple choice" in started["embeds"][0]["description"]
    first = await next_post(fake, bot.clock)
    assert len(buttons(first.json)) >= 2
    assert all(b["custom_id"].startswith("quiz:") for b in buttons(first.json))
    # a second start points to the running game
    again = await fake.slash("quiz start", {})
    assert "already running in this channel" in await ephemeral_text(fake, again)


# -- multiple choice

async def test_a_choice_game_one_answer_each_late_clicks_and_disabled_buttons(fake_discord: FakeDiscord,
                                                                              quiz_bot):
    fake = fake_discord
    hurdler, walker = fake.add_member("hurdler"), fake.add_member("walker")
    bot = await quiz_bot()
    await start(fake, {"mode": "choice", "questions": 2, "source": "reference"})

    first = await next_post(fake, bot.clock)
    mid = int(first.response["id"])
    q = live_question(bot, fake)
    labels = [b["label"] for b in buttons(first.json)]
    assert labels == list(q.choices) and q.correct_index is not None
    right = buttons(first.json)[q.correct_index]["custom_id"]
    wrong = next(b["custom_id"] for i, b in enumerate(buttons(first.json)) if i != q.correct_index)

    click = await fake.click(mid, wrong)
    assert (await ephemeral_text(fake, click)).startswith("❌ Not that one")
    click = await fake.click(mid, right)                       # a second answer from the same user
    assert (await ephemeral_text(fake, click)).startswith("You have already answered")

    winner = await fake.click(mid, right, user=hurdler)
    late = await fake.click(mid, right, user=walker)           # sent before the buttons could be disabled
    assert (await ephemeral_text(fake, winner)) == "✅ Right, and first!"
    assert (await ephemeral_text(fake, late)).startswith("⌛ Too late")

    edit = await next_edit(fake)                               # the round is over: buttons disabled
    assert int(edit.params["message_id"]) == mid
    after = buttons(fake.messages[mid])
    assert after and all(b["disabled"] for b in after)
    assert [b["style"] for b in after].count(3) == 1 and after[q.correct_index]["style"] == 3
    won = await next_post(fake, bot.clock)
    assert won.json["embeds"][0]["description"].startswith(f"<@{hurdler['id']}> got it in")

    second = await next_post(fake, bot.clock)                  # nobody answers this one
    mid2 = int(second.response["id"])
    await bot.clock.advance(20)
    for _ in range(4):   # the hints' edits grey out one choice each; the round's end disables them all
        await next_edit(fake)
        if all(b["disabled"] for b in buttons(fake.messages[mid2])):
            break
    assert all(b["disabled"] for b in buttons(fake.messages[mid2]))
    reveal = await next_result(fake, bot.clock)
    assert reveal.json["embeds"][0]["title"] == "⏰ Time's up: question 2"
    over = await next_result(fake, bot.clock)
    assert over.json["embeds"][0]["description"].startswith(f"🏆 <@{hurdler['id']}> wins!")

    stats = await bot.store.fetchone("SELECT count(*), sum(answers) FROM quiz_scores")
    assert tuple(stats) == (3, 3)                              # three players, one counted answer each


async def test_the_winning_click_is_answered_before_the_result_and_the_result_before_quiz_over(
        fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    bot = await quiz_bot()
    await start(fake, {"mode": "choice", "questions": 1, "source": "reference"})
    first = await next_post(fake, bot.clock)
    q = live_question(bot, fake)
    right = buttons(first.json)[q.correct_index]["custom_id"]
    winner = await fake.click(int(first.response["id"]), right)
    won = await next_result(fake, bot.clock)
    over = await next_result(fake, bot.clock)
    assert won.json["embeds"][0]["title"] == "✅ Question 1" and over.json["embeds"][0]["title"] == "🏁 Quiz over"
    assert q.fact and q.fact.split(",")[0] in won.json["embeds"][0]["description"]    # the fact, not just the name
    order = fake.requests
    reply = next(i for i, r in enumerate(order) if r.template == CALLBACK
                 and r.params.get("interaction_token") == winner.token)
    assert reply < order.index(won) < order.index(over)
    assert await ephemeral_text(fake, winner) == "✅ Right, and first!"


async def test_stop_by_a_stranger_is_refused_and_by_a_moderator_allowed(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    stranger = fake.add_member("hurdler")
    marshal = moderator(fake)
    bot = await quiz_bot()
    cid = int(fake.channel["id"])

    nothing = await fake.slash("quiz stop", {})
    assert await ephemeral_text(fake, nothing) == "There is no quiz running in this channel."

    await start(fake, {"mode": "choice"})
    await next_post(fake, bot.clock)
    refused = await fake.slash("quiz stop", {}, user=stranger)
    text = await ephemeral_text(fake, refused)
    assert text == (f"Sorry, only <@{fake.user['id']}> or someone with the Manage Messages permission can stop "
                    f"this quiz.")
    assert quiz_cog(bot).engine.game(cid) is not None

    stopped = await fake.slash("quiz stop", {}, user=marshal)
    assert (await ephemeral_text(fake, stopped)).startswith("You stopped the quiz")
    assert quiz_cog(bot).engine.game(cid) is None
    reveal = await next_post(fake, bot.clock)
    assert reveal.json["embeds"][0]["title"] == "⏹️ Stopped: question 1"
    over = await next_post(fake, bot.clock)
    assert f"<@{marshal['id']}> stopped the quiz." in over.json["embeds"][0]["description"]
    row = await game_row(bot, cid)
    assert row["end_reason"] == "stopped" and row["ended_at"]


async def test_the_starter_may_stop_their_own_quiz(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    bot = await quiz_bot()
    await start(fake, {"mode": "choice"})
    await next_post(fake, bot.clock)
    stopped = await fake.slash("quiz stop", {})
    assert (await ephemeral_text(fake, stopped)).startswith("You stopped the quiz")


async def test_a_database_outage_ends_the_quiz_politely_and_the_channel_works_again(fake_discord: FakeDiscord,
                                                                                     quiz_bot, outage):
    """Issue 16: the state database goes away mid-round for real (a held SQLite write lock; PostgreSQL stopped
    and started again). The game ends in its channel with a polite message, `/quiz stop` and `/quiz start`
    say what is going on, and once the database is back the old game is closed and a new one starts."""
    fake = fake_discord
    bot = await quiz_bot()
    bot.store.write_retry = 1.0        # the store's bound (12 s by default): the outage outlasts it either way
    cid = int(fake.channel["id"])
    await start(fake, {"mode": "choice"})
    first = await next_post(fake, bot.clock)
    q = live_question(bot, fake)
    game = quiz_cog(bot).engine.game(cid)
    assert (await game_row(bot, cid))["ended_at"] is None

    await outage.begin()
    click = await fake.click(int(first.response["id"]), buttons(first.json)[q.correct_index]["custom_id"])
    assert await ephemeral_text(fake, click) == "✅ Right, and first!"
    await next_edit(fake)                                       # the round's buttons are disabled...
    assert all(b["disabled"] for b in buttons(fake.messages[int(first.response["id"])]))
    over = (await next_post(fake, bot.clock)).json["embeds"][0]     # ...and the game ends in the channel
    assert over["title"] == "🏁 Quiz over"
    assert over["description"].startswith(f"🏆 <@{fake.user['id']}> was in the lead.\n"
                                          f"The quiz stopped: I could not save the scores.")
    await asyncio.wait([game.task], timeout=5)
    assert quiz_cog(bot).engine.game(cid) is None and game.task.exception() is None    # the task ended cleanly

    stop = await fake.slash("quiz stop", {})
    assert await ephemeral_text(fake, stop) == (
        "The quiz in this channel has already ended, but I could not record that yet: my database is not "
        "answering. I keep trying, and `/quiz start` works here again once it is back.")
    refused = await fake.slash("quiz start", {"mode": "choice"})
    assert await ephemeral_text(fake, refused) == ("Sorry, I could not start the quiz: my database is not "
                                                   "answering right now. Nothing was started; please try again "
                                                   "in a minute.")

    await outage.end()
    started = await start(fake, {"mode": "choice"})             # the old game is closed first, then this starts
    assert started["embeds"][0]["title"] == "🏁 Quiz time"
    assert (await next_post(fake, bot.clock)).json["embeds"][0]["title"] == "Question 1"
    rows = {r[0]: (r[1], r[2]) for r in await bot.store.fetchall(
        "SELECT id, end_reason, ended_at IS NULL FROM quiz_games")}
    assert len(rows) == 2 and rows[game.id] == ("error", False)
    assert [v for k, v in rows.items() if k != game.id] == [(None, True)]
    stopped = await fake.slash("quiz stop", {})
    assert (await ephemeral_text(fake, stopped)).startswith("You stopped the quiz.")


# -- settings, leaderboard, stats

async def test_settings_need_manage_server(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    admin = moderator(fake, "admin", MANAGE_GUILD)
    bot = await quiz_bot()

    refused = await fake.slash("quiz settings", {"delay": 10})
    assert await ephemeral_text(fake, refused) == "Sorry, changing the quiz settings needs the Manage Server " \
                                                  "permission."
    shown = await fake.slash("quiz settings", {})              # looking is for everyone
    body = await fake.wait_response(shown)
    assert body["data"]["flags"] & FLAG_EPHEMERAL
    assert body["data"]["embeds"][0]["fields"][0]["value"] == "20 s per question"

    bad = await fake.slash("quiz settings", {"sources": "list:nope"}, user=admin)
    assert "no trivia list called 'nope'" in await ephemeral_text(fake, bad)

    ok = await fake.slash("quiz settings", {"delay": 10, "target": 3, "spoilers": True, "difficulty": "easy"},
                          user=admin)
    body = await fake.wait_response(ok)
    fields = {f["name"]: f["value"] for f in body["data"]["embeds"][0]["fields"]}
    assert fields["Delay ✏️"] == "10 s per question" and fields["Target score ✏️"] == "3"
    assert fields["Spoilers ✏️"] == "yes" and fields["Default difficulty ✏️"] == "easy"

    await start(fake, {"mode": "choice", "source": "reference"})
    first = await next_post(fake, bot.clock)
    assert "⏱️ 10 s" in first.json["embeds"][0]["description"]
    await bot.clock.advance(10)                                # spoilers: the revealed answer is hidden
    reveal = await next_result(fake, bot.clock)
    assert "||**" in reveal.json["embeds"][0]["description"]


async def play_choice_game_won_by(fake: FakeDiscord, bot, user) -> None:
    """A one-point game (target 1) won by `user`'s first click."""
    await start(fake, {"mode": "choice", "target": 1, "source": "reference"})
    first = await next_post(fake, bot.clock)
    q = live_question(bot, fake)
    click = await fake.click(int(first.response["id"]), buttons(first.json)[q.correct_index]["custom_id"],
                             user=user)
    assert await ephemeral_text(fake, click) == "✅ Right, and first!"
    await next_post(fake, bot.clock)                           # round won
    over = await next_post(fake, bot.clock)
    assert over.json["embeds"][0]["description"].startswith(f"🏆 <@{user['id']}> wins!")


async def test_leaderboard_and_stats_after_games(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    hurdler = fake.add_member("hurdler")
    bot = await quiz_bot()
    await play_choice_game_won_by(fake, bot, fake.user)
    await play_choice_game_won_by(fake, bot, hurdler)
    await play_choice_game_won_by(fake, bot, fake.user)

    inter = await fake.slash("quiz leaderboard", {"metric": "wins"})
    board = (await fake.wait_response(inter))["data"]["embeds"][0]
    assert board["title"] == "Quiz leaderboard: wins"
    lines = board["description"].splitlines()
    assert lines[0] == f"🥇 <@{fake.user['id']}> — **2** wins · 2 games"
    assert lines[1] == f"🥈 <@{hurdler['id']}> — **1** win · 1 game"

    inter = await fake.slash("quiz leaderboard", {"scope": "global", "metric": "average"})
    board = (await fake.wait_response(inter))["data"]["embeds"][0]
    assert "**1.00** average points per game" in board["description"]

    inter = await fake.slash("quiz stats", {"member": hurdler["id"]})
    stats = (await fake.wait_response(inter))["data"]["embeds"][0]
    fields = {f["name"]: f["value"] for f in stats["fields"]}
    assert stats["description"] == f"<@{hurdler['id']}>"
    assert fields["Games"] == "1" and fields["Wins"] == "1" and fields["Correct answers"] == "1 of 1 (100%)"


# -- trivia lists

async def test_importing_a_trivia_list_is_all_or_nothing(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    bot = await quiz_bot()

    refused = await fake.slash("quiz import", {"file": fake.attachment("track.yaml", TRACK_LIST)})
    assert "needs the Manage Server permission" in await ephemeral_text(fake, refused)

    bad = await fake.slash("quiz import", {"file": fake.attachment("broken.yaml", BAD_LIST)}, user=fake.owner)
    assert (await fake.wait_response(bad))["data"]["flags"] & FLAG_EPHEMERAL
    embed = (await fake.wait_followup(bad))["embeds"][0]
    assert embed["title"] == "Trivia list not imported"
    assert "Nothing was saved" in embed["description"]
    assert "• line 4: question 'Which year?': has no answers" in embed["description"]
    assert "• line 5: \"Who won the men's 1500 m at the 2020 Olympics?\" appears twice (first on line 2)" \
        in embed["description"]
    assert "• line 7: CONFIG: unknown CONFIG key ('colour' was unexpected)" in embed["description"]
    assert (await bot.store.fetchone("SELECT count(*) FROM quiz_trivia_lists"))[0] == 0

    good = await import_track_list(fake, "track")
    assert good["embeds"][0]["title"] == "Trivia list imported"
    assert "Imported the list **track**: 3 questions." in good["embeds"][0]["description"]
    assert (await bot.store.fetchone("SELECT count(*) FROM quiz_trivia_questions"))[0] == 3

    # no answer has two others of its kind in the list to be its wrong choices, and typed answers are off
    choice = await fake.slash("quiz start", {"source": "list:track"})
    assert (await ephemeral_text(fake, choice)).startswith("These trivia lists cannot be played with buttons")
    missing = await fake.slash("quiz start", {"source": "list:nope"})
    assert "There is no trivia list called `nope`" in await ephemeral_text(fake, missing)
    choices = await fake.autocomplete("quiz start", "source", "list")
    assert "list:track" in [c["value"] for c in choices]


async def test_an_alias_bomb_is_refused_at_once_and_the_bot_keeps_answering(fake_discord: FakeDiscord, quiz_bot):
    """Issue 16: 516 bytes of nested YAML anchors (depth 9, width 9) froze the bot for 41 s and then ran out of
    memory. Now: refused in well under a second with a short message, and the next command is answered."""
    from tests.reliability.hostile_lists import alias_bomb, deep_flow
    fake = fake_discord
    bot = await quiz_bot()
    for filename, text, words in [("laughs.yaml", alias_bomb(9, 9), "in this list expand to more than 10,000 values"),
                                  ("deep.yaml", deep_flow(5000), "nesting depth")]:
        t0 = time.perf_counter()
        inter = await fake.slash("quiz import", {"file": fake.attachment(filename, text.encode())}, user=fake.owner)
        assert (await fake.wait_response(inter))["type"] == 5
        embed = (await fake.wait_followup(inter))["embeds"][0]
        assert time.perf_counter() - t0 < 2.0
        assert embed["title"] == "Trivia list not imported"
        assert words in embed["description"] and "1 problem" in embed["description"]
        assert len(embed["description"]) < 500, embed["description"]
        t0 = time.perf_counter()
        shown = await fake.slash("quiz settings", {})
        assert (await fake.wait_response(shown))["data"]["embeds"][0]["fields"][0]["value"] == "20 s per question"
        assert time.perf_counter() - t0 < 2.0
    assert (await bot.store.fetchone("SELECT count(*) FROM quiz_trivia_lists"))[0] == 0


async def test_a_repeated_question_imports_with_a_warning(fake_discord: FakeDiscord, quiz_bot):
    """Red accepts a question written twice (two of its own 54 lists have one): the import goes ahead, the
    later answers win, and the importer is told which lines to look at."""
    fake = fake_discord
    bot = await quiz_bot()
    twice = TRACK_LIST + b"Who won the men's 1500 m at the 2020 Olympics?:\n- Jakob\n"
    inter = await fake.slash("quiz import", {"file": fake.attachment("twice.yaml", twice)}, user=fake.owner)
    assert (await fake.wait_response(inter))["data"]["flags"] & FLAG_EPHEMERAL
    embed = (await fake.wait_followup(inter))["embeds"][0]
    assert embed["title"] == "Trivia list imported"
    assert "Imported the list **twice**: 3 questions." in embed["description"]
    assert embed["fields"] == [{"name": "Warning (imported anyway)",
                                "value": "• line 12: \"Who won the men's 1500 m at the 2020 Olympics?\" appears "
                                         "twice (first on line 5); the later one is used"}]
    saved = await bot.store.fetchone("SELECT answers FROM quiz_trivia_questions WHERE number = 1")
    assert saved[0] == '["Jakob"]'


def test_quiz_embeds_escape_user_text_and_stay_within_limits():
    from bot.quiz.answers import TEXT, AnswerSpec
    from bot.quiz.model import make
    from bot.render import quiz as rq
    from bot.render.limits import TOTAL, embed_length

    nasty = "@everyone **bold** <@123> ||x|| " + "y" * 5000
    q = make("trivia", nasty, AnswerSpec(TEXT, nasty))
    shown = [rq.round_embed(1, 10, q, mode="typed", timer=20),
             rq.reveal_embed(rq.qe.Revealed(1, 1, 1, nasty, True, "timeout"), source=nasty),
             rq.won_embed(rq.qe.RoundWon(1, 1, 1, 5, 2, 3, nasty, 1.25, tuple((i, 30 - i) for i in range(30))),
                          source=nasty, spoiler=True)]
    for embed in shown:
        rendered = " ".join([embed.get("description", ""), *(f["value"] for f in embed.get("fields", []))])
        footer = embed.get("footer", {}).get("text", "")        # footers show no markdown: mentions only
        for text in (rendered, footer):
            assert "@everyone" not in text and "<@123>" not in text
        assert "**bold**" not in rendered
        assert embed_length(embed) <= TOTAL
    assert shown[1]["description"].startswith("Nobody got it. The answer was ||**@\u200beveryone \\*\\*bold")
    assert shown[2]["description"].endswith("…**|| · 🔥 3 in a row: +2")      # the spoiler stays closed
    assert shown[0]["description"].endswith("…\n\n-# ⏱️ 20 s · Type your answer.")
    assert shown[2]["fields"][0]["value"].endswith("… and 20 more")
    assert rq.choice_labels(["a" * 200])[0] == "a" * 79 + "…"


async def test_a_hint_greys_out_the_choice_it_rules_out(fake_discord: FakeDiscord, quiz_bot):
    """Each hint that rules a choice out turns its button grey and disabled; the right one is never touched.
    (A question whose hints rule nothing out, such as a two-choice one, gives context hints and no edit: the
    rounds are played until one that rules a choice out.)"""
    fake = fake_discord
    bot = await quiz_bot()
    await start(fake, {"mode": "choice", "questions": 5, "source": "reference"})
    won_before = 0
    for _ in range(5):
        first = await next_post(fake, bot.clock)
        mid = int(first.response["id"])
        q = live_question(bot, fake)
        if q.eliminated and q.eliminated[0]:
            break
        await fake.click(mid, buttons(first.json)[q.correct_index]["custom_id"])
        await next_edit(fake)                                  # that round's buttons disabled
        await next_result(fake, bot.clock)
        won_before += 1
    else:
        pytest.fail("no question of five had a hint that rules a choice out")
    hint = await next_post(fake, bot.clock)
    assert hint.json["embeds"][0]["description"].startswith("💡")
    edit = await next_edit(fake)
    assert int(edit.params["message_id"]) == mid
    after = buttons(fake.messages[mid])
    greyed = [i for i, b in enumerate(after) if b.get("disabled")]
    assert len(greyed) == 1 and greyed[0] != q.correct_index
    assert after[greyed[0]]["label"] == q.eliminated[0] and after[greyed[0]]["style"] == 2
    assert not after[q.correct_index].get("disabled")
    click = await fake.click(mid, after[q.correct_index]["custom_id"])
    # the rounds won to get here make a streak: the 3rd win in a row and after earns the bonus
    streak = won_before + 1
    bonus = f" (+2, {streak} in a row)" if streak >= 3 else ""
    assert (await ephemeral_text(fake, click)) == f"✅ Right, and first!{bonus}"
