"""Follow-up questions through the fake Discord, with the real BellLap, cogs, engine and state store (SQLite and
PostgreSQL): conversations for every kind of question over /ask, mentions and DMs; two members talking at once
in one channel; a restart between turns; expiry; the next-question buttons."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.app.settings import Settings
from bot.console.loopback import ORIGINAL
from tests.ask.test_followup import CONVERSATIONS, talk

from .conftest import component
from .fake_discord import FakeDiscord


@pytest.fixture()
def state_target(backend_target):
    """Each test here runs on SQLite and on PostgreSQL (tests/pg.py): the context lives in the state store."""
    return backend_target


async def ask(fake: FakeDiscord, question: str, **kwargs) -> tuple[object, dict]:
    inter = await fake.slash("ask", {"question": question}, **kwargs)
    assert (await fake.wait_response(inter))["type"] == 5
    body = await fake.wait_followup(inter)
    return inter, body["embeds"][0]


def full_answers(engine, name: str) -> list[tuple[str, str, str | None]]:
    """(typed, the headline the bot must show, the note it must show) for each turn of a conversation, from
    the engine asked the same questions in full."""
    turns = CONVERSATIONS[name]
    answers = talk(engine, [t for t, _ in turns])
    out = []
    for k, (typed, full) in enumerate(turns):
        if full is None:
            out.append((typed, answers[k].headline, None))
            continue
        question = full if isinstance(full, str) else full(answers[:k])
        out.append((typed, engine.answer_now(question).headline, f"Following on from “{turns[k - 1][0]}”"))
    return out


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
async def test_conversations_of_every_kind_through_ask(fake_discord: FakeDiscord, bell_lap, engine, name):
    await bell_lap()
    for typed, headline, note in full_answers(engine, name):
        _, embed = await ask(fake_discord, typed)
        assert headline in embed["description"], (typed, embed["description"])
        if note:
            assert note in embed["description"], (typed, embed["description"])
        else:
            assert "Following on" not in embed["description"]


async def test_the_issue_conversation_states_what_it_carried(fake_discord: FakeDiscord, bell_lap, engine):
    await bell_lap()
    await ask(fake_discord, "who won pre 2024 mile")
    _, third = await ask(fake_discord, "and who was third?")
    assert third["title"] == "And who was third?"
    assert "Following on from “who won pre 2024 mile”: Prefontaine Classic 2024, men's mile, 3rd place." \
        in third["description"]
    assert engine.answer_now("who was third in pre 2024 mile").headline in third["description"]


async def test_mentions_and_dms_carry_context_too(fake_discord: FakeDiscord, bell_lap, engine):
    await bell_lap()
    await fake_discord.mention("who won the olympic 1500 in 2021")
    await fake_discord.wait_message(fake_discord.channel)
    await fake_discord.mention("what about 2024?")
    reply = await fake_discord.wait_message(fake_discord.channel)
    assert engine.answer_now("who won the olympic 1500 in 2024").headline in reply["embeds"][0]["description"]
    assert reply["allowed_mentions"]["parse"] == []

    dm = fake_discord.dm_channel(fake_discord.user)
    await fake_discord.send_message("mile world record", dm=True)
    await fake_discord.wait_message(dm)
    await fake_discord.send_message("the women's?", dm=True)
    reply = await fake_discord.wait_message(dm)
    assert engine.answer_now("women's mile world record").headline in reply["embeds"][0]["description"]
    # the DM's context is its own: the channel's conversation goes on where it was
    await fake_discord.mention("women's?")
    reply = await fake_discord.wait_message(fake_discord.channel)
    assert engine.answer_now("who won the women's olympic 1500 in 2024").headline in reply["embeds"][0]["description"]


async def test_a_thread_keeps_its_own_context(fake_discord: FakeDiscord, bell_lap, engine):
    # a thread is a channel of its own: its conversation and its parent's go on side by side
    thread = fake_discord.add_thread("pre classic chat")
    await bell_lap()
    await ask(fake_discord, "who won pre 2024 mile", channel=thread)
    await ask(fake_discord, "mile world record")                   # in the parent channel
    _, third = await ask(fake_discord, "and who was third?", channel=thread)
    assert engine.answer_now("who was third in pre 2024 mile").headline in third["description"]
    await fake_discord.mention("his pb?", channel=thread)
    reply = await fake_discord.wait_message(thread)
    third_name = engine.answer_now("who was third in pre 2024 mile").subjects[0].name
    assert engine.answer_now(f"{third_name} mile pb").headline in reply["embeds"][0]["description"]
    _, women = await ask(fake_discord, "the women's?")              # the parent's record, not the thread's race
    assert engine.answer_now("women's mile world record").headline in women["description"]


async def test_a_slash_command_with_options_starts_a_conversation_too(fake_discord: FakeDiscord, bell_lap, engine):
    # "/results" and "/record" are typed queries like any question: the next question builds on them
    await bell_lap()
    inter = await fake_discord.slash("results", {"meet": "Prefontaine Classic", "year": 2024, "event": "mile"})
    await fake_discord.wait_response(inter)
    await fake_discord.wait_followup(inter)
    _, third = await ask(fake_discord, "and who was third?")
    assert engine.answer_now("who was third in pre 2024 mile").headline in third["description"]
    inter = await fake_discord.slash("record", {"event": "1500m"})
    await fake_discord.wait_response(inter)
    await fake_discord.wait_followup(inter)
    _, women = await ask(fake_discord, "the women's?")
    assert engine.answer_now("women's 1500m world record").headline in women["description"]


async def test_two_members_talking_at_once_in_one_channel(fake_discord: FakeDiscord, bell_lap, engine):
    await bell_lap()
    sprinter = fake_discord.user
    hurdler = fake_discord.add_member("hurdler")
    await ask(fake_discord, "who won pre 2024 mile", user=sprinter)
    await ask(fake_discord, "fastest women's 800 ever", user=hurdler)
    _, a = await ask(fake_discord, "and who was third?", user=sprinter)
    _, b = await ask(fake_discord, "what about the mile?", user=hurdler)
    _, c = await ask(fake_discord, "what about 2023?", user=sprinter)
    assert engine.answer_now("who was third in pre 2024 mile").headline in a["description"]
    assert engine.answer_now("fastest women's mile ever").headline in b["description"]
    assert engine.answer_now("who was third in pre 2023 mile").headline in c["description"]


async def test_a_restart_between_turns_keeps_the_context(fake_discord: FakeDiscord, bell_lap, engine):
    bot = await bell_lap()
    await ask(fake_discord, "josh kerr mile pb")
    await bot.close()
    await bell_lap()                         # a new process: the same state store, nothing in memory
    _, embed = await ask(fake_discord, "what about the 1500?")
    assert engine.answer_now("josh kerr 1500 pb").headline in embed["description"]


async def test_the_context_expires(fake_discord: FakeDiscord, bell_lap, state_target):
    bot = await bell_lap(settings=Settings(followup_minutes=5))
    start = bot.clock.now()
    await ask(fake_discord, "who won pre 2024 mile")
    bot.clock.set(start + dt.timedelta(minutes=4, seconds=59))
    _, kept = await ask(fake_discord, "and who was third?")
    assert "Following on" in kept["description"]
    bot.clock.set(start + dt.timedelta(minutes=10))        # five minutes after the last answered question
    _, gone = await ask(fake_discord, "and who was third?")
    assert "Following on" not in gone["description"] and "not sure" in gone["description"]
    # a save deletes what has expired: another member's old row goes
    other = fake_discord.add_member("other")
    await ask(fake_discord, "mile world record", user=other)
    bot.clock.set(start + dt.timedelta(minutes=30))
    await ask(fake_discord, "who won pre 2024 mile")
    rows = await bot.store.fetchall("SELECT user_id FROM ask_followups")
    assert [int(r[0]) for r in rows] == [int(fake_discord.user["id"])]


async def test_no_context_when_turned_off(fake_discord: FakeDiscord, bell_lap):
    await bell_lap(settings=Settings(followup_minutes=0))
    await ask(fake_discord, "who won pre 2024 mile")
    _, embed = await ask(fake_discord, "and who was third?")
    assert "Following on" not in embed["description"]


async def test_next_question_buttons_run_typed_queries(fake_discord: FakeDiscord, bell_lap, engine):
    await bell_lap()
    inter, embed = await ask(fake_discord, "who won the olympic 1500 in 2024")
    message = fake_discord.original(inter)
    labels = [c["label"] for row in message["components"] for c in row["components"]]
    assert {"2nd place", "Women's race"} <= set(labels)

    click = await fake_discord.click(inter.original_message_id, component(message, "2nd place")["custom_id"])
    assert (await fake_discord.wait_response(click))["type"] == 6
    edit = await fake_discord.wait_request("PATCH", ORIGINAL, where=lambda r: r.params["webhook_token"] == click.token)
    second = engine.answer_now("who was second in the olympic 1500 in 2024")
    assert second.headline in edit.json["embeds"][0]["description"]
    # the clicked question is the one the next builds on
    _, his = await ask(fake_discord, "his pb?")
    assert engine.answer_now(f"{second.subjects[0].name} 1500 pb").headline in his["description"]
