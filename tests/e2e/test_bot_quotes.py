"""/quote through the fake Discord: ingest shows what it found and saves only on the invoker's Confirm; add
needs Manage Messages; random and search find what was saved; quote text never pings or renders markdown."""
from __future__ import annotations

import pytest

from bot.console.loopback import FLAG_EPHEMERAL

from .conftest import component
from .fake_discord import FakeDiscord
from .quiz_helpers import bot_messages, ephemeral_text, moderator


@pytest.fixture()
def state_target(request, backend):
    """Each test here runs on SQLite and on PostgreSQL (tests/pg.py), not on the e2e conftest's SQLite file; a test
    that takes the database away (tests/pg.py's `outage`) runs on the database that fixture can take."""
    return request.getfixturevalue("outage").target if "outage" in request.fixturenames else \
        request.getfixturevalue("backend_target")


ARTICLE = """Josh Kerr won the mile at the Prefontaine Classic.

"We go again next year, and the year after that," Kerr said after the race.

Jakob Ingebrigtsen was less impressed. "I think it was a slow race at the bell," said Ingebrigtsen.
"""
SOURCE = "https://example.org/pre-classic-report"


async def ingest(fake: FakeDiscord, user, text: str = ARTICLE) -> tuple[object, dict]:
    inter = await fake.slash("quote ingest", {"text": text, "source": SOURCE}, user=user)
    body = await fake.wait_response(inter)
    return inter, body


async def test_ingest_confirm_then_random_and_search_find_it(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    marshal = moderator(fake)
    bot = await quiz_bot()

    inter, body = await ingest(fake, marshal)
    assert body["type"] == 4 and not body["data"].get("flags", 0) & FLAG_EPHEMERAL
    embed = body["data"]["embeds"][0]
    assert embed["title"] == "Quotes found" and embed["footer"]["text"] == f"Source: {SOURCE}"
    assert [(f["name"], f["value"]) for f in embed["fields"]] == [
        ("1. Josh Kerr", "“We go again next year, and the year after that”"),
        ("2. Jakob Ingebrigtsen", "“I think it was a slow race at the bell”")]
    assert (await bot.store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 0      # nothing saved yet

    message = fake.original(inter)
    confirm = component(message, "Confirm")["custom_id"]
    stranger = await fake.click(message["id"], confirm, user=fake.user)                  # not the invoker
    assert await ephemeral_text(fake, stranger) == "Only Marshal can confirm these quotes."
    assert (await bot.store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 0

    click = await fake.click(message["id"], confirm, user=marshal)
    update = await fake.wait_response(click)
    assert update["type"] == 7 and update["data"]["embeds"][0]["description"] == "Saved 2 quotes."
    assert not fake.original(inter).get("components")                                   # buttons gone
    rows = await bot.store.fetchall("SELECT speaker, source, added_by, speaker_id FROM user_quotes ORDER BY id")
    assert [(r[0], r[1], r[2]) for r in rows] == [("Josh Kerr", SOURCE, int(marshal["id"])),
                                                  ("Jakob Ingebrigtsen", SOURCE, int(marshal["id"]))]
    assert all(r[3] is not None for r in rows)                # speakers resolved to athletes

    search = await fake.slash("quote search", {"words": "slow race bell"})
    found = (await fake.wait_response(search))["data"]["embeds"][0]
    assert [f["name"] for f in found["fields"]] == ["Jakob Ingebrigtsen"]
    assert "slow race at the bell" in found["fields"][0]["value"] and SOURCE in found["fields"][0]["value"]

    rand = await fake.slash("quote random", {"speaker": "josh kerr"})
    quote = (await fake.wait_response(rand))["data"]["embeds"][0]
    assert "— Josh Kerr" in quote["description"]
    assert quote["footer"]["text"].startswith("Source: ")
    # the same article again: both quotes are already in the pool
    inter, _ = await ingest(fake, marshal)
    click = await fake.click(fake.original(inter)["id"], component(fake.original(inter), "Confirm")["custom_id"],
                             user=marshal)
    again = (await fake.wait_response(click))["data"]["embeds"][0]["description"]
    assert again == "Saved 0 quotes. 2 quotes were already in the pool."


async def test_ingest_cancel_saves_nothing_and_needs_manage_messages(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    marshal = moderator(fake)
    bot = await quiz_bot()

    refused = await fake.slash("quote ingest", {"text": ARTICLE, "source": SOURCE})
    assert await ephemeral_text(fake, refused) == "Sorry, adding quotes needs the Manage Messages permission."

    inter, _ = await ingest(fake, marshal)
    cancel = component(fake.original(inter), "Cancel")["custom_id"]
    click = await fake.click(fake.original(inter)["id"], cancel, user=marshal)
    update = await fake.wait_response(click)
    assert update["data"]["embeds"][0]["description"] == "Cancelled: nothing was saved."
    assert (await bot.store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 0

    nothing = await fake.slash("quote ingest", {"text": "No quotes in here at all.", "source": SOURCE}, user=marshal)
    assert (await ephemeral_text(fake, nothing)).startswith("I found no quotes with a speaker")


async def test_add_needs_manage_messages_and_never_pings(fake_discord: FakeDiscord, quiz_bot):
    fake = fake_discord
    marshal = moderator(fake)
    bot = await quiz_bot()
    text = "@everyone **bold** <@123> we go again"

    refused = await fake.slash("quote add", {"text": text, "speaker": "Josh Kerr", "source": SOURCE})
    assert "needs the Manage Messages permission" in await ephemeral_text(fake, refused)

    added = await fake.slash("quote add", {"text": text, "speaker": "Josh Kerr", "source": SOURCE}, user=marshal)
    body = (await fake.wait_response(added))["data"]
    description = body["embeds"][0]["description"]
    assert "@everyone" not in description and "<@123>" not in description and "**bold**" not in description
    assert "@\u200beveryone" in description and "\\*\\*bold\\*\\*" in description
    assert body["allowed_mentions"]["parse"] == []

    duplicate = await fake.slash("quote add", {"text": text, "speaker": "Josh Kerr", "source": SOURCE},
                                 user=marshal)
    assert (await ephemeral_text(fake, duplicate)) == ("Sorry, that quote was not added: That quote is already in "
                                                       "the pool.")
    search = await fake.slash("quote search", {"words": "everyone bold"})
    found = (await fake.wait_response(search))["data"]
    assert len(found["embeds"][0]["fields"]) == 1 and "@everyone" not in str(found["embeds"])
    assert all(m["mentions"] == [] and not m.get("mention_everyone") for m in bot_messages(fake))
    none = await fake.slash("quote search", {"words": "zzzz qqqq"})
    assert (await fake.wait_response(none))["data"]["embeds"][0]["description"] == "No quote has all those words."
    assert (await bot.store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 1


async def test_a_database_outage_saves_nothing_and_asks_to_try_again(fake_discord: FakeDiscord, quiz_bot, outage):
    """Issue 16: with the state database away for real (a held SQLite write lock; PostgreSQL stopped), Confirm
    and /quote add save nothing and say so politely; the save waits longer than Discord's 3 s, so the bot
    defers first. Once the database is back, the same buttons save everything."""
    fake = fake_discord
    marshal = moderator(fake)
    bot = await quiz_bot()
    # longer than the cog waits before deferring (2 s) by a margin a loaded machine keeps; the real bound is 12 s
    bot.store.write_retry = 4.0
    inter, _ = await ingest(fake, marshal)
    message = fake.original(inter)
    confirm = component(message, "Confirm")["custom_id"]

    await outage.begin()
    click = await fake.click(message["id"], confirm, user=marshal)
    assert (await fake.wait_response(click))["type"] == 6            # deferred: the save is slow
    note = await fake.wait_followup(click)
    assert note["flags"] & FLAG_EPHEMERAL and note["content"] == (
        "Sorry, I could not save the quotes just now: my database is not answering. Nothing was saved; press "
        "Confirm again in a minute.")
    assert component(fake.original(inter), "Confirm")                  # the buttons are still there
    added = await fake.slash("quote add", {"text": "We go again.", "speaker": "Josh Kerr", "source": SOURCE},
                             user=marshal)
    assert (await fake.wait_response(added))["type"] == 5            # "thinking…" while the save waits
    note = await fake.wait_followup(added)
    assert note["flags"] & FLAG_EPHEMERAL and note["content"] == (
        "Sorry, I could not save that quote just now: my database is not answering. Nothing was saved; please "
        "try again in a minute.")
    assert added.original_message_id not in fake.messages           # the public "thinking…" is gone

    await outage.end()
    assert (await bot.store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 0        # nothing half-saved
    again = await fake.click(message["id"], confirm, user=marshal)
    update = await fake.wait_response(again)
    assert update["type"] == 7 and update["data"]["embeds"][0]["description"] == "Saved 2 quotes."
    added = await fake.slash("quote add", {"text": "We go again.", "speaker": "Josh Kerr", "source": SOURCE},
                             user=marshal)
    assert (await fake.wait_response(added))["data"]["embeds"][0]["title"] == "Quote added"
    assert (await bot.store.fetchone("SELECT count(*) FROM user_quotes"))[0] == 3
